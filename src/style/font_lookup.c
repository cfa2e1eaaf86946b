/* Finding fonts: the bundled folder, installed families through
 * fontconfig (a face, a static weight, a font for a character), with
 * fontconfig's answers kept for the process. */
#include "font_lookup.h"

#include "base/fontfile.h"
#include "base/fsio.h"
#include "style/script_fonts.h"
#include "style/varfont.h"

#include <fontconfig/fontconfig.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const face_suffix[GP_FACE_COUNT] = {"Regular", "Italic", "Bold", "BoldItalic"};
static const char *const fc_styles[GP_FACE_COUNT] = {"Regular", "Italic", "Bold", "Bold Italic"};

const char *gp_brand_font_dir(gp_arena *a, const char *argv0)
{
    const char *env = getenv("GUIDEPRESS_FONTS");
    if (env && *env)
        return gp_arena_strdup(a, env);
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0 && argv0) {
        snprintf(exe, sizeof exe, "%s", argv0);
        n = (ssize_t)strlen(exe);
    }
    if (n > 0) {
        exe[n] = 0;
        const char *dir = gp_dirname(a, exe);
        /* build/guidepress and build/asan/guidepress run from the source tree */
        for (const char *up = "/..", *more = "/../.."; up; up = more, more = NULL) {
            const char *beside = gp_arena_printf(a, "%s%s/fonts", dir, up);
            if (access(gp_arena_printf(a, "%s/NotoSerif-Regular.ttf", beside), R_OK) == 0)
                return beside;
        }
        const char *shared = gp_arena_printf(a, "%s/../share/guidepress/fonts", dir);
        if (access(shared, R_OK) == 0)
            return shared;
    }
    return GP_DATADIR "/fonts";
}

static void forget_fontconfig_answers(void);

void gp_brand_cleanup(void)
{
    forget_fontconfig_answers();
    FcFini();
}

bool gp_lookup_bundled_family(gp_arena *a, const char *font_dir, const char *family, gp_font_family *out)
{
    char base[128];
    size_t o = 0;
    for (const char *p = family; *p && o + 1 < sizeof base; p++)
        if (*p != ' ')
            base[o++] = *p;
    base[o] = 0;
    const char *regular = gp_arena_printf(a, "%s/%s-Regular.ttf", font_dir, base);
    if (access(regular, R_OK) != 0)
        return false;
    for (int f = 0; f < GP_FACE_COUNT; f++) {
        const char *p = gp_arena_printf(a, "%s/%s-%s.ttf", font_dir, base, face_suffix[f]);
        out->faces[f] = (gp_font_file){.path = access(p, R_OK) == 0 ? p : regular};
    }
    return true;
}

/* fontconfig's best match for pat (which it destroys) with `family` added,
 * if that is the match's family: fontconfig would otherwise substitute any
 * font at all. NULL if not. */
static FcPattern *match_of_family(FcPattern *pat, const char *family)
{
    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
    FcConfigSubstitute(NULL, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res;
    FcPattern *m = FcFontMatch(NULL, pat, &res);
    FcPatternDestroy(pat);
    FcChar8 *fam;
    if (m && (FcPatternGetString(m, FC_FAMILY, 0, &fam) != FcResultMatch || strcasecmp((char *)fam, family))) {
        FcPatternDestroy(m);
        m = NULL;
    }
    return m;
}

/* A face of an installed family, found with fontconfig. */
static bool fc_face(gp_arena *a, const char *family, const char *style, gp_font_file *out, bool *exact_style)
{
    FcPattern *pat = FcPatternCreate();
    FcPatternAddString(pat, FC_STYLE, (const FcChar8 *)style);
    FcPatternAddBool(pat, FC_OUTLINE, FcTrue);
    FcPattern *m = match_of_family(pat, family);
    FcChar8 *file, *st;
    int index = 0;
    bool ok = m && FcPatternGetString(m, FC_FILE, 0, &file) == FcResultMatch;
    if (ok) {
        FcPatternGetInteger(m, FC_INDEX, 0, &index);
        /* a variable font's named instance: its number above the face's */
        double weight =
            index >> 16 ? gp_varfont_instance_weight((const char *)file, index & 0xFFFF, (unsigned)(index >> 16) - 1)
                        : 0;
        *out = (gp_font_file){
            .path = gp_arena_strdup(a, (const char *)file), .index = index & 0xFFFF, .weight = weight};
        *exact_style = FcPatternGetString(m, FC_STYLE, 0, &st) == FcResultMatch && !strcasecmp((char *)st, style);
    }
    if (m)
        FcPatternDestroy(m);
    return ok;
}

/* fontconfig is not thread-safe; guides are set in parallel. */
static pthread_mutex_t fontconfig_lock = PTHREAD_MUTEX_INITIALIZER;

/* fontconfig's answers, kept for the process: each guide of a batch asks
 * again for the same fallback family and a font for the same scripts, and
 * each answer is a match or a sort of every installed font (5 to 10 M
 * instructions). Under fontconfig_lock; a handful of entries. */
typedef struct fc_answer {
    struct fc_answer *next;
    char *family;             /* a family's Regular face, or NULL: */
    uint32_t cp;              /* a font for this character */
    bool bold;
    gp_font_verdict verdict;  /* GP_FONT_BROKEN: none found */
    char msg[512];
    gp_font_file file;        /* file.path malloc'd */
} fc_answer;

static fc_answer *fc_answers;

static fc_answer *remembered(const char *family, uint32_t cp, bool bold)
{
    for (fc_answer *e = fc_answers; e; e = e->next)
        if (family ? e->family && !strcmp(e->family, family) : !e->family && e->cp == cp && e->bold == bold)
            return e;
    return NULL;
}

static fc_answer *remember(const char *family, uint32_t cp, bool bold)
{
    fc_answer *e = gp_xcalloc(1, sizeof *e);
    e->family = family ? gp_xstrdup(family) : NULL;
    e->cp = cp, e->bold = bold, e->verdict = GP_FONT_BROKEN;
    e->next = fc_answers;
    return fc_answers = e;
}

static void forget_fontconfig_answers(void)
{
    while (fc_answers) {
        fc_answer *e = fc_answers;
        fc_answers = e->next;
        free(e->family);
        free((char *)e->file.path);
        free(e);
    }
}

/* e->file from a found font (e->verdict set by the caller). */
static void remember_file(fc_answer *e, const gp_font_file *f)
{
    e->file = (gp_font_file){.path = gp_xstrdup(f->path), .index = f->index};
}

bool gp_report_font(gp_diags *d, gp_loc at, gp_font_verdict v, const char *msg, bool fallback)
{
    if (v == GP_FONT_PREVIEW_ONLY)
        gp_warn(d, at, "font %s", msg);
    else if (v == GP_FONT_UNLICENSED && fallback)
        gp_warn(d, at, "fallback font %s; it is skipped", msg);
    else if (v != GP_FONT_OK)
        gp_error(d, at, "font %s", msg);
    return v <= GP_FONT_PREVIEW_ONLY;
}

/* The Regular face of an installed family and the probe's verdict on it,
 * asked once per process. Under fontconfig_lock. */
static const fc_answer *family_answer(gp_arena *a, const char *family)
{
    fc_answer *e = remembered(family, 0, false);
    if (e)
        return e;
    e = remember(family, 0, false);
    gp_font_file found;
    bool exact;
    if (gp_known_family(family, &found) || fc_face(a, family, "Regular", &found, &exact)) {
        e->verdict = gp_fontfile_probe(found.path, found.index, e->msg, sizeof e->msg);
        remember_file(e, &found);
    }
    return e;
}

bool gp_brand_resolve_fallback(gp_arena *a, gp_font_file *f, gp_diags *d)
{
    char msg[sizeof ((fc_answer *)0)->msg];
    gp_font_file found = {0};
    pthread_mutex_lock(&fontconfig_lock);
    const fc_answer *e = family_answer(a, f->family);
    gp_font_verdict v = e->verdict;
    memcpy(msg, e->msg, sizeof msg);
    if (e->file.path)
        found = (gp_font_file){.path = gp_arena_strdup(a, e->file.path), .index = e->file.index};
    pthread_mutex_unlock(&fontconfig_lock);
    if (v == GP_FONT_BROKEN) {
        if (f->loc.file)
            gp_error(d, f->loc, NOT_A_FAMILY, f->family);
        return false;
    }
    if (!gp_report_font(d, f->loc.file ? f->loc : (gp_loc){found.path, 0, 0}, v, msg, true))
        return false;
    f->path = found.path, f->index = found.index;
    return true;
}

/* A language that writes cp's script, for fontconfig to prefer a font made
 * for it among those that have the glyph (an Urdu font for Arabic letters
 * over a pan-Unicode one); NULL for scripts without a clear default. */
static const char *language_of_script(uint32_t cp)
{
    static const struct {
        uint32_t first, last;
        const char *lang;
    } blocks[] = {
        {0x0370, 0x03FF, "el"},    {0x0400, 0x04FF, "ru"}, {0x0530, 0x058F, "hy"}, {0x0590, 0x05FF, "he"},
        {0x0600, 0x06FF, "ar"},    {0x0900, 0x097F, "hi"}, {0x0980, 0x09FF, "bn"}, {0x0B80, 0x0BFF, "ta"},
        {0x0E00, 0x0E7F, "th"},    {0x0E80, 0x0EFF, "lo"}, {0x10A0, 0x10FF, "ka"}, {0x1000, 0x109F, "my"},
        {0x1200, 0x139F, "am"},    {0x1780, 0x17FF, "km"}, {0x1E00, 0x1EFF, "vi"}, {0x3040, 0x30FF, "ja"},
        {0x3400, 0x9FFF, "zh-cn"}, {0xAC00, 0xD7AF, "ko"},
    };
    for (size_t i = 0; i < sizeof blocks / sizeof blocks[0]; i++)
        if (cp >= blocks[i].first && cp <= blocks[i].last)
            return blocks[i].lang;
    return NULL;
}

/* Whether guidepress embeds fonts of this fontconfig format: TrueType and
 * CFF-flavoured OpenType (.otf, CFF collections such as Noto CJK's .ttc). */
static bool embeddable_format(const FcChar8 *format)
{
    return !strcmp((const char *)format, "TrueType") || !strcmp((const char *)format, "CFF");
}

/* The first installed TrueType or CFF font that has cp, best for its script
 * first (TrueType before CFF, which has the glyph only where no TrueType
 * font has: the era sign U+32FF is Noto CJK's alone), in its Regular style (a bold one is the same family's Bold, if any: asked
 * for bold directly, fontconfig would rank a Nastaliq Bold first for Arabic).
 * No FcConfigSubstitute: it would add the "sans-serif" family, whose first
 * member (DejaVu Sans) has a few letters of many scripts and would win over
 * the font made for the script. */
static bool fc_font_for_char(gp_arena *a, uint32_t cp, bool bold, gp_font_file *out)
{
    FcPattern *pat = FcPatternCreate();
    FcCharSet *cs = FcCharSetCreate();
    FcCharSetAddChar(cs, cp);
    FcPatternAddCharSet(pat, FC_CHARSET, cs);
    const char *lang = language_of_script(cp);
    if (lang)
        FcPatternAddString(pat, FC_LANG, (const FcChar8 *)lang);
    FcPatternAddString(pat, FC_FONTFORMAT, (const FcChar8 *)"TrueType"); /* ranked first, not required */
    FcPatternAddString(pat, FC_STYLE, (const FcChar8 *)"Regular");
    FcPatternAddBool(pat, FC_OUTLINE, FcTrue);
    FcPatternAddBool(pat, FC_COLOR, FcFalse);
    FcDefaultSubstitute(pat);
    FcResult res;
    FcFontSet *set = FcFontSort(NULL, pat, FcFalse, NULL, &res);
    bool ok = false;
    char err[256];
    for (int i = 0; set && i < set->nfont && !ok; i++) {
        FcPattern *m = set->fonts[i];
        FcCharSet *has;
        FcChar8 *file, *format, *family;
        FcBool color = FcFalse;
        int index = 0;
        FcPatternGetBool(m, FC_COLOR, 0, &color);
        FcPatternGetInteger(m, FC_INDEX, 0, &index);
        if (FcPatternGetCharSet(m, FC_CHARSET, 0, &has) != FcResultMatch || !FcCharSetHasChar(has, cp))
            continue;
        if (color || FcPatternGetString(m, FC_FONTFORMAT, 0, &format) != FcResultMatch ||
            !embeddable_format(format) || FcPatternGetString(m, FC_FILE, 0, &file) != FcResultMatch ||
            gp_fontfile_probe((const char *)file, index, err, sizeof err) != GP_FONT_OK)
            continue;
        *out = (gp_font_file){.path = gp_arena_strdup(a, (const char *)file), .index = index};
        ok = true;
        gp_font_file heavy;
        bool exact;
        if (bold && FcPatternGetString(m, FC_FAMILY, 0, &family) == FcResultMatch &&
            fc_face(a, (const char *)family, "Bold", &heavy, &exact) && exact &&
            gp_fontfile_probe(heavy.path, heavy.index, err, sizeof err) == GP_FONT_OK)
            *out = heavy;
    }
    if (set)
        FcFontSetDestroy(set);
    FcCharSetDestroy(cs);
    FcPatternDestroy(pat);
    return ok;
}

/* fc_font_for_char's answer, asked once per process. Under fontconfig_lock. */
static const fc_answer *char_answer(gp_arena *a, uint32_t cp, bool bold)
{
    fc_answer *e = remembered(NULL, cp, bold);
    if (e)
        return e;
    e = remember(NULL, cp, bold);
    gp_font_file found;
    if (fc_font_for_char(a, cp, bold, &found)) {
        e->verdict = GP_FONT_OK;
        remember_file(e, &found);
    }
    return e;
}

bool gp_brand_font_for_char(gp_arena *a, uint32_t cp, bool bold, gp_font_file *out)
{
    pthread_mutex_lock(&fontconfig_lock);
    const fc_answer *e = char_answer(a, cp, bold);
    bool ok = e->verdict == GP_FONT_OK;
    if (ok)
        *out = (gp_font_file){.path = gp_arena_strdup(a, e->file.path), .index = e->file.index};
    pthread_mutex_unlock(&fontconfig_lock);
    return ok;
}

bool gp_brand_check_fallbacks(gp_arena *a, const gp_brand *b, gp_diags *d)
{
    bool ok = true;
    for (size_t i = 0; i < b->nfallback; i++) {
        gp_font_file f = b->fallback[i];
        if (!f.path && f.loc.file)
            ok &= gp_brand_resolve_fallback(a, &f, d);
    }
    return ok;
}

bool gp_lookup_installed_family(gp_arena *a, const char *family, gp_font_family *out)
{
    bool exact;
    if (!fc_face(a, family, "Regular", &out->faces[0], &exact))
        return false;
    for (int f = 1; f < GP_FACE_COUNT; f++)
        if (!fc_face(a, family, fc_styles[f], &out->faces[f], &exact) || !exact)
            out->faces[f] = out->faces[0];
    return true;
}

bool gp_lookup_static_weight(gp_arena *a, const char *family, double weight, bool italic, gp_font_file *out)
{
    FcPattern *pat = FcPatternCreate();
    FcPatternAddDouble(pat, FC_WEIGHT, FcWeightFromOpenTypeDouble(weight));
    FcPatternAddInteger(pat, FC_SLANT, italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
    FcPatternAddBool(pat, FC_VARIABLE, FcFalse);
    FcPattern *m = match_of_family(pat, family);
    FcChar8 *file;
    double got = 0;
    int index = 0, slant = 0;
    bool ok = m && FcPatternGetDouble(m, FC_WEIGHT, 0, &got) == FcResultMatch && FcWeightToOpenTypeDouble(got) == weight &&
              FcPatternGetInteger(m, FC_SLANT, 0, &slant) == FcResultMatch && (slant != FC_SLANT_ROMAN) == italic &&
              FcPatternGetString(m, FC_FILE, 0, &file) == FcResultMatch;
    if (ok) {
        FcPatternGetInteger(m, FC_INDEX, 0, &index);
        *out = (gp_font_file){.path = gp_arena_strdup(a, (const char *)file), .index = index};
    }
    if (m)
        FcPatternDestroy(m);
    return ok && index >> 16 == 0;
}
