/* Brand file -> gp_brand (content-format.md §2).
 *
 * Starts from the built-in brand and applies each key of the file, checking
 * it as it goes: colours are `#rrggbb`, lengths carry a unit, page sizes are
 * named, fonts resolve to TrueType files (a path, a bundled family in
 * fonts/, or an installed family found with fontconfig) and images are
 * probed. Every problem is reported with its position; NULL if any. */
#include "brand.h"

#include "base/fontfile.h"
#include "base/fsio.h"
#include "base/image.h"
#include "load/schema.h"
#include "style/varfont.h"

#include "base/language.h"

#include <ctype.h>
#include <fontconfig/fontconfig.h>
#include <hb.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const label_keys[GP_LABEL_COUNT + 1] = {
    "also_by", "summary", "themes", "questions", "notes", "facts", "actions",
    "reviews", "reading", "qa",      "watch",  "directed_by", "continued", NULL};

static const char *const default_labels[GP_LABEL_COUNT] = {
    "You might know this director from:",
    "Film Summary",
    "Film Themes",
    "Further Discussions",
    "Notes:",
    "Film Facts",
    "Ways to Influence",
    "Praise for the Film",
    "Further Reading",
    "A Conversation with the Filmmaker",
    "Where to Watch",
    "Directed by",
    "continued",
};

/* The labels in other languages, in label_keys' order; French puts a
 * narrow no-break space before a colon. */
static const struct {
    const char *language;
    const char *labels[GP_LABEL_COUNT];
} language_labels[] = {
    {"fa",
     {"از همین کارگردان:", "خلاصهٔ فیلم", "مضمون‌های فیلم", "پرسش‌هایی برای گفت‌وگو", "یادداشت‌ها:",
      "دانستنی‌های فیلم", "چه می‌توانید بکنید", "ستایش منتقدان", "برای مطالعهٔ بیشتر", "گفت‌وگو با فیلم‌ساز",
      "کجا ببینیم", "کارگردان:", "ادامه"}},
    {"ar",
     {"من أفلام المخرج أيضًا:", "ملخص الفيلم", "موضوعات الفيلم", "أسئلة للنقاش", "ملاحظات:", "حقائق عن الفيلم",
      "ماذا يمكنك أن تفعل", "قالوا عن الفيلم", "قراءات إضافية", "حوار مع صانع الفيلم", "أين تشاهد الفيلم", "إخراج",
      "تابع"}},
    {"fr",
     {"Du même réalisateur\u202f:", "Résumé du film", "Thèmes du film", "Questions pour la discussion",
      "Notes\u202f:", "Le film en bref", "Pour agir", "La critique en parle", "Pour aller plus loin",
      "Entretien avec le cinéaste", "Où voir le film", "Réalisé par", "suite"}},
    {"hi",
     {"इस निर्देशक की अन्य फ़िल्में:", "फ़िल्म का सार", "फ़िल्म के विषय", "चर्चा के लिए प्रश्न", "टिप्पणियाँ:",
      "फ़िल्म के बारे में", "आप क्या कर सकते हैं", "समीक्षकों की राय", "आगे पढ़ें", "फ़िल्मकार से बातचीत",
      "कहाँ देखें", "निर्देशक:", "जारी"}},
};

const char *gp_brand_label(const gp_brand *b, int key, const char *language)
{
    if (key < 0 || key >= GP_LABEL_COUNT)
        return "";
    if (!(b->labels_given >> key & 1))
        for (size_t i = 0; i < sizeof language_labels / sizeof language_labels[0]; i++)
            if (gp_language_is(language, language_labels[i].language))
                return language_labels[i].labels[key];
    return b->labels[key];
}

static const char *const face_keys[GP_FACE_COUNT + 1] = {"regular", "italic", "bold", "bold_italic", NULL};
static const char *const face_suffix[GP_FACE_COUNT] = {"Regular", "Italic", "Bold", "BoldItalic"};
static const char *const fc_styles[GP_FACE_COUNT] = {"Regular", "Italic", "Bold", "Bold Italic"};

typedef struct ctx {
    gp_arena *a;
    gp_diags *d;
    const char *dir;       /* the brand file's folder */
    const char *font_dir;  /* bundled fonts */
    bool in_fallback;      /* reading `fonts: fallback`, whose unlicensed fonts are skipped */
} ctx;

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

/* ---- fonts ---- */

/* A bundled family: fonts/<Family without spaces>-<Face>.ttf. */
static bool bundled_family(ctx *c, const char *family, gp_font_family *out)
{
    char base[128];
    size_t o = 0;
    for (const char *p = family; *p && o + 1 < sizeof base; p++)
        if (*p != ' ')
            base[o++] = *p;
    base[o] = 0;
    const char *regular = gp_arena_printf(c->a, "%s/%s-Regular.ttf", c->font_dir, base);
    if (access(regular, R_OK) != 0)
        return false;
    for (int f = 0; f < GP_FACE_COUNT; f++) {
        const char *p = gp_arena_printf(c->a, "%s/%s-%s.ttf", c->font_dir, base, face_suffix[f]);
        out->faces[f] = (gp_font_file){.path = access(p, R_OK) == 0 ? p : regular};
    }
    return true;
}

/* An installed family, found with fontconfig. Only an exact family match
 * counts: fontconfig would otherwise substitute any font at all. */
#define NOT_A_FAMILY "font family `%s` is neither bundled with guidepress nor installed (see fc-list)"

static bool fc_face(ctx *c, const char *family, const char *style, gp_font_file *out, bool *exact_style)
{
    FcPattern *pat = FcPatternCreate();
    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
    FcPatternAddString(pat, FC_STYLE, (const FcChar8 *)style);
    FcPatternAddBool(pat, FC_OUTLINE, FcTrue);
    FcConfigSubstitute(NULL, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res;
    FcPattern *m = FcFontMatch(NULL, pat, &res);
    bool ok = false;
    FcChar8 *fam, *file, *st;
    int index = 0;
    if (m && FcPatternGetString(m, FC_FAMILY, 0, &fam) == FcResultMatch && !strcasecmp((char *)fam, family) &&
        FcPatternGetString(m, FC_FILE, 0, &file) == FcResultMatch) {
        FcPatternGetInteger(m, FC_INDEX, 0, &index);
        /* a variable font's named instance: its number above the face's */
        double weight =
            index >> 16 ? gp_varfont_instance_weight((const char *)file, index & 0xFFFF, (unsigned)(index >> 16) - 1)
                        : 0;
        *out = (gp_font_file){
            .path = gp_arena_strdup(c->a, (const char *)file), .index = index & 0xFFFF, .weight = weight};
        *exact_style = FcPatternGetString(m, FC_STYLE, 0, &st) == FcResultMatch && !strcasecmp((char *)st, style);
        ok = true;
    }
    if (m)
        FcPatternDestroy(m);
    FcPatternDestroy(pat);
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
    fc_answer *e = calloc(1, sizeof *e);
    if (!e || (family && !(e->family = strdup(family))))
        gp_oom();
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
    e->file = (gp_font_file){.path = strdup(f->path), .index = f->index};
    if (!e->file.path)
        gp_oom();
}

/* Reports the probe's verdict on a font at `at`; true if the font can be
 * used. A fallback font whose licence forbids embedding is skipped with a
 * warning: the guide still prints, with the fonts that remain. */
static bool report_font(gp_diags *d, gp_loc at, gp_font_verdict v, const char *msg, bool fallback)
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
    ctx c = {a, NULL, ".", ".", false};
    gp_font_file found;
    bool exact;
    if (fc_face(&c, family, "Regular", &found, &exact)) {
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
    if (!report_font(d, f->loc.file ? f->loc : (gp_loc){found.path, 0, 0}, v, msg, true))
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

/* The first installed TrueType font that has cp, best for its script first,
 * in its Regular style (a bold one is the same family's Bold, if any: asked
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
    FcPatternAddString(pat, FC_FONTFORMAT, (const FcChar8 *)"TrueType");
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
            strcmp((char *)format, "TrueType") || FcPatternGetString(m, FC_FILE, 0, &file) != FcResultMatch ||
            gp_fontfile_probe((const char *)file, index, err, sizeof err) != GP_FONT_OK)
            continue;
        *out = (gp_font_file){.path = gp_arena_strdup(a, (const char *)file), .index = index};
        ok = true;
        ctx c = {a, NULL, ".", ".", false};
        gp_font_file heavy;
        bool exact;
        if (bold && FcPatternGetString(m, FC_FAMILY, 0, &family) == FcResultMatch &&
            fc_face(&c, (const char *)family, "Bold", &heavy, &exact) && exact &&
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

static bool installed_family(ctx *c, const char *family, gp_font_family *out)
{
    bool exact;
    if (!fc_face(c, family, "Regular", &out->faces[0], &exact))
        return false;
    for (int f = 1; f < GP_FACE_COUNT; f++)
        if (!fc_face(c, family, fc_styles[f], &out->faces[f], &exact) || !exact)
            out->faces[f] = out->faces[0];
    return true;
}

static bool looks_like_path(const char *s)
{
    static const char *const font_exts[] = {".ttf", ".ttc", ".otf", ".otc", ".woff", ".woff2"};
    if (strchr(s, '/'))
        return true;
    for (size_t i = 0; i < sizeof font_exts / sizeof *font_exts; i++)
        if (gp_has_extension(s, font_exts[i]))
            return true;
    return false;
}

static bool check_file(ctx *c, const gp_node *at, gp_font_file *f)
{
    char msg[512];
    gp_font_verdict v = gp_fontfile_probe(f->path, f->index, msg, sizeof msg);
    return report_font(c->d, at->loc, v, msg, c->in_fallback);
}

/* `weight:` of a variable font: a number (100 to 1000, like CSS) or the name of one of its instances. */
static bool read_weight(ctx *c, const gp_node *n, gp_font_file *f)
{
    char msg[1024];
    char *end = NULL;
    double number = 0;
    if (n->kind == GP_NODE_SCALAR && !n->quoted)
        number = strtod(n->str, &end);
    bool is_number = end && end != n->str && !*end;
    if (n->kind != GP_NODE_SCALAR || (is_number && (number < 1 || number > 1000)))
        return gp_error(c->d, n->loc,
                        "`weight` must be a number from 1 to 1000 or the name of an instance of the font");
    if (!gp_varfont_weight(f->path, f->index, is_number ? NULL : n->str, number, &f->weight, msg, sizeof msg))
        return gp_error(c->d, n->loc, "font %s", msg);
    return true;
}

/* A font file: `path` or `{file: path, index: n, weight: w}`. */
static bool read_font_file(ctx *c, const gp_node *n, gp_font_file *out)
{
    const char *rel;
    long index = 0;
    gp_node *weight = NULL;
    if (n->kind == GP_NODE_MAP) {
        static const char *const known[] = {"file", "index", "weight", NULL};
        bool ok = gp_schema_known_keys(n, known, "a font", c->d);
        gp_node *fn = gp_schema_require(n, "file", "a font", c->d);
        gp_node *in = gp_node_get(n, "index");
        if (!fn || !gp_schema_string(fn, "`file`", c->d, &rel))
            return false;
        if (in)
            ok &= gp_schema_int(in, "`index`", 0, 1000, c->d, &index);
        if (!ok)
            return false;
        weight = gp_node_get(n, "weight");
    } else if (!gp_schema_string(n, "a font", c->d, &rel)) {
        return false;
    }
    *out = (gp_font_file){.path = gp_path_join(c->a, c->dir, rel), .index = (int)index};
    return check_file(c, n, out) && (!weight || read_weight(c, weight, out));
}

static bool read_family_name(ctx *c, const gp_node *n, const char *name, gp_font_family *out)
{
    if (looks_like_path(name)) {
        gp_font_file f;
        if (!read_font_file(c, n, &f))
            return false;
        for (int i = 0; i < GP_FACE_COUNT; i++)
            out->faces[i] = f;
        return true;
    }
    if (!bundled_family(c, name, out) && !installed_family(c, name, out))
        return gp_error(c->d, n->loc, NOT_A_FAMILY, name);
    bool ok = true;
    for (int i = 0; i < GP_FACE_COUNT && ok; i++)
        ok = check_file(c, n, &out->faces[i]);
    return ok;
}

/* The family's static face of exactly this weight (400, 600...), if installed. */
static bool fc_static_weight(ctx *c, const char *family, double weight, bool italic, gp_font_file *out)
{
    FcPattern *pat = FcPatternCreate();
    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
    FcPatternAddDouble(pat, FC_WEIGHT, FcWeightFromOpenTypeDouble(weight));
    FcPatternAddInteger(pat, FC_SLANT, italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
    FcPatternAddBool(pat, FC_VARIABLE, FcFalse);
    FcConfigSubstitute(NULL, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res;
    FcPattern *m = FcFontMatch(NULL, pat, &res);
    FcChar8 *fam, *file;
    double got = 0;
    int index = 0, slant = 0;
    bool ok = m && FcPatternGetString(m, FC_FAMILY, 0, &fam) == FcResultMatch && !strcasecmp((char *)fam, family) &&
              FcPatternGetDouble(m, FC_WEIGHT, 0, &got) == FcResultMatch && FcWeightToOpenTypeDouble(got) == weight &&
              FcPatternGetInteger(m, FC_SLANT, 0, &slant) == FcResultMatch && (slant != FC_SLANT_ROMAN) == italic &&
              FcPatternGetString(m, FC_FILE, 0, &file) == FcResultMatch;
    if (ok) {
        FcPatternGetInteger(m, FC_INDEX, 0, &index);
        *out = (gp_font_file){.path = gp_arena_strdup(c->a, (const char *)file), .index = index};
    }
    if (m)
        FcPatternDestroy(m);
    FcPatternDestroy(pat);
    return ok && index >> 16 == 0;
}

/* A family at a weight: its static faces of that weight if it has them,
 * else its regular and italic faces (if variable) instanced there; its
 * bold faces stay as the family has them. */
static bool read_family_weight(ctx *c, const gp_node *n, const char *role, gp_font_family *out)
{
    static const char *const known[] = {"family", "weight", NULL};
    const char *name;
    gp_node *family = gp_node_get(n, "family"), *weight = gp_node_get(n, "weight");
    bool ok = gp_schema_known_keys(n, known, gp_arena_printf(c->a, "font `%s`", role), c->d);
    if (!gp_schema_string(family, "`family`", c->d, &name) || !read_family_name(c, family, name, out) || !ok)
        return false;
    if (!weight)
        return true;
    double w = weight->kind == GP_NODE_SCALAR && !weight->quoted ? atof(weight->str) : 0;
    gp_font_file fixed;
    if (w > 0 && fc_static_weight(c, name, w, false, &fixed) && check_file(c, family, &fixed)) {
        out->faces[GP_FACE_REGULAR] = fixed;
        if (fc_static_weight(c, name, w, true, &fixed) && check_file(c, family, &fixed))
            out->faces[GP_FACE_ITALIC] = fixed;
        return true;
    }
    if (!gp_varfont_has_weight(out->faces[0].path, out->faces[0].index))
        return gp_error(c->d, weight->loc,
                        "font family `%s` has no face of weight %s, and its regular face is not a variable font; "
                        "name a weight it has (see fc-list) or the file of its variable font",
                        name, weight->str);
    gp_font_file *italic = &out->faces[GP_FACE_ITALIC];
    bool own_italic = strcmp(italic->path, out->faces[GP_FACE_REGULAR].path) || italic->index != out->faces[0].index;
    if (!read_weight(c, weight, &out->faces[GP_FACE_REGULAR]))
        return false;
    if (!own_italic)
        italic->weight = out->faces[GP_FACE_REGULAR].weight;
    else /* a static italic keeps its own weight */
        gp_varfont_weight(italic->path, italic->index, NULL, out->faces[0].weight, &italic->weight, NULL, 0);
    return true;
}

static bool read_role(ctx *c, const gp_node *n, const char *role, gp_font_family *out)
{
    if (n->kind == GP_NODE_SCALAR) {
        const char *s;
        return gp_schema_string(n, role, c->d, &s) && read_family_name(c, n, s, out);
    }
    if (n->kind != GP_NODE_MAP)
        return gp_error(c->d, n->loc, "font `%s` must be a family name, a file or a mapping of faces", role);
    if (gp_node_get(n, "family")) /* {family: Inter, weight: 600} */
        return read_family_weight(c, n, role, out);
    if (gp_node_get(n, "file")) { /* one file, {file: x.ttc, index: 0}, for every face */
        if (!read_font_file(c, n, &out->faces[0]))
            return false;
        for (int f = 1; f < GP_FACE_COUNT; f++)
            out->faces[f] = out->faces[0];
        return true;
    }
    bool ok = gp_schema_known_keys(n, face_keys, gp_arena_printf(c->a, "font `%s`", role), c->d);
    gp_node *reg = gp_schema_require(n, "regular", gp_arena_printf(c->a, "font `%s`", role), c->d);
    if (!reg || !read_font_file(c, reg, &out->faces[0]))
        return false;
    for (int f = 1; f < GP_FACE_COUNT; f++) {
        gp_node *v = gp_node_get(n, face_keys[f]);
        if (v) {
            ok &= read_font_file(c, v, &out->faces[f]);
        } else {
            out->faces[f] = out->faces[0];
            gp_warn(c->d, n->loc, "font `%s` has no `%s` face; the regular face is used instead", role, face_keys[f]);
        }
    }
    return ok;
}

static bool read_fallback(ctx *c, const gp_node *n, gp_brand *b)
{
    const gp_node *const *items = &n;
    size_t count = 1;
    if (n->kind == GP_NODE_SEQ)
        items = (const gp_node *const *)n->items, count = n->count;
    b->fallback = GP_NEW_N(c->a, gp_font_file, count ? count : 1);
    b->nfallback = 0;
    bool ok = true;
    c->in_fallback = true;
    for (size_t i = 0; i < count; i++) {
        gp_font_family fam;
        if (items[i]->kind == GP_NODE_SCALAR) {
            const char *s;
            if (!gp_schema_string(items[i], "a fallback font", c->d, &s))
                ok = false;
            else if (!looks_like_path(s) && !bundled_family(c, s, &fam)) /* installed: looked up on first need */
                b->fallback[b->nfallback++] = (gp_font_file){.family = s, .loc = items[i]->loc};
            else if (read_family_name(c, items[i], s, &fam))
                b->fallback[b->nfallback++] = fam.faces[0];
            else
                ok = false;
        } else if (read_font_file(c, items[i], &fam.faces[0])) {
            b->fallback[b->nfallback++] = fam.faces[0];
        } else {
            ok = false;
        }
    }
    c->in_fallback = false;
    return ok;
}

static const char *const role_keys[GP_ROLE_COUNT + 1] = {"heading", "body", "quote", NULL};

static bool read_fonts(ctx *c, const gp_node *n, gp_brand *b)
{
    static const char *const known[] = {"heading", "body", "quote", "fallback", NULL};
    if (!gp_schema_is_map(n, "`fonts`", c->d))
        return false;
    bool ok = gp_schema_known_keys(n, known, "`fonts`", c->d);
    for (int r = 0; r < GP_ROLE_COUNT; r++) {
        gp_node *v = gp_node_get(n, known[r]);
        if (v)
            ok &= read_role(c, v, known[r], &b->fonts[r]);
    }
    gp_node *fb = gp_node_get(n, "fallback");
    if (fb)
        ok &= read_fallback(c, fb, b);
    return ok;
}

/* A feature as HarfBuzz writes it, applied to the whole text: `onum`,
 * `-liga`, `+kern`, `salt=2`, `liga=off` (the schema's pattern). A range
 * (`liga[3:5]`) would count from the start of each word HarfBuzz is given,
 * which means nothing in a brand. */
static bool well_formed_feature(const char *s)
{
    s += *s == '-' || *s == '+';
    for (int i = 0; i < 4; i++, s++)
        if (!isalnum((unsigned char)*s))
            return false;
    if (!*s)
        return true;
    if (*s++ != '=')
        return false;
    if (!strcmp(s, "on") || !strcmp(s, "off") || !strcmp(s, "true") || !strcmp(s, "false"))
        return true;
    return *s && strspn(s, "0123456789") == strlen(s) && strlen(s) <= 5;
}

static bool read_feature(ctx *c, const gp_node *n, const char *role, gp_font_feature *out)
{
    const char *s;
    if (!gp_schema_string(n, gp_arena_printf(c->a, "a feature of `%s`", role), c->d, &s))
        return false;
    hb_feature_t f;
    if (!well_formed_feature(s) || !hb_feature_from_string(s, -1, &f))
        return gp_error(c->d, n->loc,
                        "`%s` is not an OpenType feature: write its four-letter tag (`onum`), `-tag` to turn "
                        "it off, or `tag=N` for an alternate",
                        s);
    *out = (gp_font_feature){f.tag, f.value};
    return true;
}

/* `features: {body: [onum, -liga], heading: [smcp]}`: OpenType features per
 * role, over HarfBuzz's defaults (liga, clig, calt, kern, mark, mkmk). */
static bool read_features(ctx *c, const gp_node *n, gp_brand *b)
{
    if (!gp_schema_is_map(n, "`features`", c->d))
        return false;
    bool ok = gp_schema_known_keys(n, role_keys, "`features`", c->d);
    for (int r = 0; r < GP_ROLE_COUNT; r++) {
        gp_node *v = gp_node_get(n, role_keys[r]);
        if (!v)
            continue;
        const gp_node *const *items = (const gp_node *const *)&v;
        size_t count = 1;
        if (v->kind == GP_NODE_SEQ)
            items = (const gp_node *const *)v->items, count = v->count;
        gp_font_feature *fs = GP_NEW_N(c->a, gp_font_feature, count ? count : 1);
        size_t k = 0;
        for (size_t i = 0; i < count; i++)
            if (read_feature(c, items[i], role_keys[r], &fs[k]))
                k++;
            else
                ok = false;
        b->features[r] = (gp_features){fs, k};
    }
    return ok;
}

/* ---- colours, lengths, page ---- */

/* "cmyk(0, 90, 80, 10)": four inks in percent (a % sign allowed). */
static bool parse_cmyk(const char *s, gp_rgb *out)
{
    double ink[4];
    if (strncmp(s, "cmyk(", 5))
        return false;
    s += 5;
    for (int i = 0; i < 4; i++) {
        while (*s == ' ')
            s++;
        /* digits and a decimal part only (strtod would also take hex and exponents) */
        size_t whole = strspn(s, "0123456789"), frac = s[whole] == '.' ? 1 + strspn(s + whole + 1, "0123456789") : 0;
        if (!whole || whole + frac > 16)
            return false;
        char digits[20];
        memcpy(digits, s, whole + frac);
        digits[whole + frac] = 0;
        ink[i] = strtod(digits, NULL);
        s += whole + frac;
        if (*s == '%')
            s++;
        while (*s == ' ')
            s++;
        if (!(ink[i] >= 0 && ink[i] <= 100) || *s++ != (i < 3 ? ',' : ')'))
            return false;
    }
    if (*s)
        return false;
    *out = gp_cmyk(ink[0] / 100, ink[1] / 100, ink[2] / 100, ink[3] / 100);
    return true;
}

static bool read_color(ctx *c, const gp_node *n, const char *what, gp_rgb *out)
{
    const char *s;
    if (!gp_schema_string(n, what, c->d, &s))
        return false;
    if (!strncmp(s, "cmyk(", 5)) {
        if (parse_cmyk(s, out))
            return true;
        return gp_error(c->d, n->loc,
                        "%s must be four inks in percent, written `cmyk(C, M, Y, K)` (like \"cmyk(0, 90, 80, 10)\"), "
                        "each from 0 to 100, not `%s`",
                        what, s);
    }
    bool ok = strlen(s) == 7 && s[0] == '#';
    for (int i = 1; ok && i < 7; i++)
        ok = isxdigit((unsigned char)s[i]);
    if (!ok)
        return gp_error(c->d, n->loc,
                        "%s must be a colour written `#rrggbb` (like \"#c8102e\") or `cmyk(C, M, Y, K)`, not `%s`", what,
                        s);
    unsigned long v = strtoul(s + 1, NULL, 16);
    *out = (gp_rgb){.r = ((v >> 16) & 255) / 255.0, .g = ((v >> 8) & 255) / 255.0, .b = (v & 255) / 255.0};
    return true;
}

/* WCAG 2 relative luminance of an sRGB colour. */
static double linear(double v)
{
    return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

double gp_rgb_contrast(gp_rgb a, gp_rgb b)
{
    double la = 0.2126 * linear(a.r) + 0.7152 * linear(a.g) + 0.0722 * linear(a.b);
    double lb = 0.2126 * linear(b.r) + 0.7152 * linear(b.g) + 0.0722 * linear(b.b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

double gp_rgb_gray(gp_rgb c)
{
    return 0.3 * c.r + 0.59 * c.g + 0.11 * c.b; /* as a PDF consumer prints DeviceRGB in grey */
}

/* The brand colours that small text is set in (src/layout/layout.c's
 * styles), what they colour, and whether that text also sits on a panel. */
enum { SLOT_PRIMARY, SLOT_ACCENT, SLOT_TEXT, SLOT_PANEL }; /* read_colors' keys */
static const struct {
    int slot;
    const char *used_for;
    bool on_panel;
} small_text[] = {
    {SLOT_PRIMARY, "printed addresses, question numbers, bullets and links", true},
    {SLOT_ACCENT, "labels (\"Directed by\", \"Also by\"), the film's details, the pull quote, sources and Q&A "
                  "questions", false},
    {SLOT_TEXT, "body text", true},
};

/* WCAG AA for small text. It also keeps the text darker than 40% grey in
 * greyscale: no colour with 4.5:1 against white prints lighter than 52%
 * grey (tests/unit/test_brand.c checks this). */
static const double MIN_CONTRAST = 4.5;

/* Warns, at the line of the colour (or of the panel it fails on), about a
 * small-text colour that is hard to read, on screen or printed in grey. */
static void check_readable(ctx *c, const gp_node *n, const char *const keys[], gp_rgb *const slots[])
{
    const gp_rgb white = {.r = 1, .g = 1, .b = 1};
    for (size_t i = 0; i < sizeof small_text / sizeof small_text[0]; i++) {
        gp_rgb fg = *slots[small_text[i].slot];
        const char *key = keys[small_text[i].slot];
        const gp_node *at = gp_node_get(n, key);
        double on_page = gp_rgb_contrast(fg, white);
        double on_panel = small_text[i].on_panel ? gp_rgb_contrast(fg, *slots[SLOT_PANEL]) : on_page;
        bool panel_worse = on_panel < on_page;
        double ratio = panel_worse ? on_panel : on_page;
        if (panel_worse && !at)
            at = gp_node_get(n, keys[SLOT_PANEL]);
        if (!at)
            continue; /* built-in colours on a built-in page */
        if (ratio < MIN_CONTRAST)
            gp_warn(c->d, at->loc,
                    "colour `%s` sets %s, but has a contrast of only %.1f:1 against the %s (it prints as %.0f%% "
                    "grey); small text needs at least 4.5:1 to be readable: choose a darker `%s`%s",
                    key, small_text[i].used_for, ratio, panel_worse ? "panel colour" : "page",
                    100 * (1 - gp_rgb_gray(fg)), key, panel_worse ? " or a lighter `panel`" : "");
    }
}

static bool read_colors(ctx *c, const gp_node *n, gp_brand *b)
{
    static const char *const known[] = {"primary", "accent", "text", "panel", NULL};
    gp_rgb *const slots[] = {&b->primary, &b->accent, &b->text, &b->panel};
    if (!gp_schema_is_map(n, "`colors`", c->d))
        return false;
    bool ok = gp_schema_known_keys(n, known, "`colors`", c->d);
    for (int i = 0; known[i]; i++) {
        gp_node *v = gp_node_get(n, known[i]);
        if (v)
            ok &= read_color(c, v, gp_arena_printf(c->a, "colour `%s`", known[i]), slots[i]);
    }
    if (ok)
        check_readable(c, n, known, slots);
    return ok;
}

static bool read_length(ctx *c, const gp_node *n, const char *what, double *out)
{
    const char *s;
    if (n->kind == GP_NODE_SCALAR && !n->quoted && n->len && strspn(n->str, "0123456789.") == n->len)
        return gp_error(c->d, n->loc, "%s `%s` needs a unit: pt, in, mm or cm (like `0.75in`)", what, n->str);
    if (!gp_schema_string(n, what, c->d, &s))
        return false;
    /* the number: plain decimal digits only (strtod would also take "nan", "inf" and hex) */
    size_t digits = strspn(s, "+-.0123456789");
    char number[32] = {0}, *num_end = number;
    double v = 0;
    if (digits && digits < sizeof number) {
        memcpy(number, s, digits);
        v = strtod(number, &num_end);
    }
    const char *end = *num_end ? s : s + digits;
    while (*end == ' ')
        end++;
    static const struct {
        const char *unit;
        double pt;
    } units[] = {{"pt", 1}, {"in", 72}, {"mm", 72 / 25.4}, {"cm", 72 / 2.54}};
    if (end == s)
        return gp_error(c->d, n->loc, "%s must be a length like `0.75in` or `20mm`, not `%s`", what, s);
    if (!*end)
        return gp_error(c->d, n->loc, "%s `%s` needs a unit: pt, in, mm or cm (like `0.75in`)", what, s);
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (!strcmp(end, units[i].unit)) {
            *out = v * units[i].pt;
            return true;
        }
    return gp_error(c->d, n->loc, "%s has an unknown unit `%s`; use pt, in, mm or cm", what, end);
}

/* The default margin follows the page: 0.75in from A4 up, 40pt on a
 * half-letter page (a small page is not a shrunken big one), in between
 * in proportion to the width. */
static double margin_for(double w_pt)
{
    double t = fmin(1, fmax(0, (w_pt - 396) / (595.276 - 396)));
    return 40 + 14 * t;
}

/* A margin the brand gave is for the brand's own page: on another (--paper)
 * it scales as the default does, so A5 from a Letter brand gets A5 margins. */
void gp_brand_set_page_size(gp_brand *b, double w_pt, double h_pt)
{
    b->margin_pt = b->margin_given ? b->margin_pt * margin_for(w_pt) / margin_for(b->page_w_pt) : margin_for(w_pt);
    b->page_w_pt = w_pt, b->page_h_pt = h_pt;
}

bool gp_brand_prints_cmyk(const gp_brand *b)
{
    return b->print.pdfx || b->primary.cmyk || b->accent.cmyk || b->text.cmyk || b->panel.cmyk;
}

bool gp_brand_set_paper(gp_brand *b, const char *name)
{
    static const struct {
        const char *name;
        double w, h;
    } sizes[] = {{"letter", 612, 792}, {"a4", 595.276, 841.89}, {"a5", 419.528, 595.276}, {"half-letter", 396, 612}};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
        if (!strcasecmp(name, sizes[i].name)) {
            gp_brand_set_page_size(b, sizes[i].w, sizes[i].h);
            return true;
        }
    return false;
}

/* A page of one's own: {width: 148mm, height: 210mm}, from 3in to 20in a side. */
static bool read_custom_size(ctx *c, const gp_node *n, gp_brand *b)
{
    static const char *const known[] = {"width", "height", NULL};
    bool ok = gp_schema_known_keys(n, known, "page `size`", c->d);
    double side[2] = {0, 0};
    for (int i = 0; i < 2; i++) {
        gp_node *v = gp_node_get(n, known[i]);
        if (!v)
            ok = gp_error(c->d, n->loc, "page `size` needs a `%s` (like `%s`)", known[i], i ? "210mm" : "148mm");
        else if (!read_length(c, v, gp_arena_printf(c->a, "page `%s`", known[i]), &side[i]))
            ok = false;
        else if (!(side[i] >= 216 && side[i] <= 1440)) /* NaN too */
            ok = gp_error(c->d, v->loc, "page `%s` must be between 3in and 20in", known[i]);
    }
    if (ok)
        gp_brand_set_page_size(b, side[0], side[1]);
    return ok;
}

static bool read_size(ctx *c, const gp_node *v, gp_brand *b)
{
    const char *size;
    if (v->kind == GP_NODE_MAP)
        return read_custom_size(c, v, b);
    if (!gp_schema_string(v, "page `size`", c->d, &size))
        return false;
    if (!gp_brand_set_paper(b, size))
        return gp_error(c->d, v->loc,
                        "unknown page size `%s`; use `letter`, `a4`, `a5`, `half-letter` or {width: ..., height: ...}",
                        size);
    return true;
}

static bool read_page(ctx *c, const gp_node *n, gp_brand *b)
{
    static const char *const known[] = {"size", "margin", NULL};
    if (!gp_schema_is_map(n, "`page`", c->d))
        return false;
    bool ok = gp_schema_known_keys(n, known, "`page`", c->d);
    gp_node *v;
    if ((v = gp_node_get(n, "size")))
        ok &= read_size(c, v, b);
    if ((v = gp_node_get(n, "margin"))) {
        double m = 0;
        if (!read_length(c, v, "page `margin`", &m))
            ok = false;
        else if (!(m >= 18 && m <= 144)) /* NaN too */
            ok = gp_error(c->d, v->loc, "page `margin` must be between 0.25in and 2in");
        else
            b->margin_pt = m, b->margin_given = true;
    }
    return ok;
}

static bool read_flag(ctx *c, const gp_node *n, const char *key, bool *out)
{
    gp_node *v = gp_node_get(n, key);
    if (v && !gp_schema_is_bool(v, out))
        return gp_error(c->d, v->loc, "print `%s` must be true or false", key);
    return true;
}

static bool read_print(ctx *c, const gp_node *n, gp_brand *b)
{
    static const char *const known[] = {"qr_codes", "bleed", "crop_marks", "black_text", "pdfx", NULL};
    if (!gp_schema_is_map(n, "`print`", c->d))
        return false;
    bool ok = gp_schema_known_keys(n, known, "`print`", c->d);
    gp_print *p = &b->print;
    ok &= read_flag(c, n, "qr_codes", &p->qr_codes);
    ok &= read_flag(c, n, "crop_marks", &p->crop_marks);
    ok &= read_flag(c, n, "pdfx", &p->pdfx);
    if (p->pdfx && access(GP_CMYK_PROFILE, R_OK) != 0)
        ok = gp_error(c->d, gp_node_get(n, "pdfx")->loc,
                      "print `pdfx` needs the CMYK output profile %s (Debian package libgs-common, with "
                      "ghostscript): install it, or leave `pdfx` out",
                      GP_CMYK_PROFILE);
    gp_node *v;
    if ((v = gp_node_get(n, "bleed"))) {
        double bleed = 0;
        if (!read_length(c, v, "print `bleed`", &bleed))
            ok = false;
        else if (!(bleed >= 0 && bleed <= 36))
            ok = gp_error(c->d, v->loc, "print `bleed` must be between 0mm and 0.5in (3mm is usual)");
        else
            p->bleed_pt = bleed;
    }
    const char *black;
    if ((v = gp_node_get(n, "black_text")) && gp_schema_string(v, "print `black_text`", c->d, &black)) {
        if (strcmp(black, "k") && strcmp(black, "rgb"))
            ok = gp_error(c->d, v->loc, "print `black_text` must be `k` or `rgb`, not `%s`", black);
        p->black_k = !strcmp(black, "k");
    } else if (v)
        ok = false;
    return ok;
}

static bool read_labels(ctx *c, const gp_node *n, gp_brand *b)
{
    if (!gp_schema_is_map(n, "`labels`", c->d))
        return false;
    bool ok = gp_schema_known_keys(n, label_keys, "`labels`", c->d);
    for (int i = 0; i < GP_LABEL_COUNT; i++) {
        gp_node *v = gp_node_get(n, label_keys[i]);
        if (v) {
            ok &= gp_schema_string(v, gp_arena_printf(c->a, "label `%s`", label_keys[i]), c->d, &b->labels[i]);
            b->labels_given |= 1u << i;
        }
    }
    return ok;
}

static bool read_back_page(ctx *c, const gp_node *n, gp_brand *b)
{
    static const char *const known[] = {"heading", "body", NULL};
    if (!gp_schema_is_map(n, "`back_page`", c->d))
        return false;
    bool ok = gp_schema_known_keys(n, known, "`back_page`", c->d);
    gp_node *v;
    if ((v = gp_node_get(n, "heading")))
        ok &= gp_schema_string(v, "`heading`", c->d, &b->back_heading);
    if ((v = gp_node_get(n, "body")))
        ok &= gp_schema_rich(c->a, v, "`body`", c->d, &b->back_body);
    return ok;
}

static bool read_footer(ctx *c, const gp_node *n, gp_brand *b)
{
    if (!gp_schema_string(n, "`footer`", c->d, &b->footer))
        return false;
    static const char *const known[] = {"name", "title", "page", "pages", NULL};
    bool ok = true;
    for (const char *p = strchr(b->footer, '{'); p; p = strchr(p + 1, '{')) {
        const char *close = strchr(p, '}');
        if (!close)
            return gp_error(c->d, n->loc, "`footer` has a `{` without a closing `}`");
        char name[32] = {0};
        size_t len = (size_t)(close - p - 1);
        memcpy(name, p + 1, len < sizeof name - 1 ? len : sizeof name - 1);
        bool found = false;
        for (int i = 0; known[i]; i++)
            found |= !strcmp(name, known[i]);
        if (!found)
            ok = gp_error(c->d, n->loc, "`footer` has an unknown placeholder `{%s}`; use {name}, {title}, {page} or {pages}",
                          name);
    }
    return ok;
}

static bool read_image(ctx *c, const gp_node *n, const gp_image **out)
{
    const char *rel;
    if (!gp_schema_string(n, "`logo`", c->d, &rel))
        return false;
    gp_image *img = GP_NEW(c->a, gp_image);
    img->path = gp_path_join(c->a, c->dir, rel);
    char err[512];
    if (!gp_image_probe(img->path, &img->info, err, sizeof err))
        return gp_error(c->d, n->loc, "logo `%s`: %s", rel, err);
    *out = img;
    return true;
}

static bool read_string_key(ctx *c, const gp_node *root, const char *key, const char **out)
{
    gp_node *v = gp_node_get(root, key);
    return !v || gp_schema_string(v, gp_arena_printf(c->a, "`%s`", key), c->d, out);
}

gp_brand *gp_brand_default(gp_arena *a, const char *font_dir, gp_diags *d)
{
    gp_brand *b = GP_NEW(a, gp_brand);
    ctx c = {a, d, ".", font_dir, false};
    b->primary = (gp_rgb){.r = 0.62, .g = 0.11, .b = 0.16};
    b->accent = (gp_rgb){.r = 0.14, .g = 0.19, .b = 0.25};
    b->text = (gp_rgb){.r = 0.11, .g = 0.11, .b = 0.11};
    b->panel = (gp_rgb){.r = 0.953, .g = 0.937, .b = 0.902};
    gp_brand_set_paper(b, "letter");
    b->print = (gp_print){.qr_codes = true, .black_k = true};
    b->language = "en-US";
    b->footer = "{title} · {page}/{pages}";
    for (int i = 0; i < GP_LABEL_COUNT; i++)
        b->labels[i] = default_labels[i];
    static const char *const families[GP_ROLE_COUNT] = {"Lato", "Noto Serif", "Noto Serif"};
    for (int r = 0; r < GP_ROLE_COUNT; r++)
        if (!bundled_family(&c, families[r], &b->fonts[r])) {
            gp_error(d, (gp_loc){0}, "the bundled fonts are missing from %s (set GUIDEPRESS_FONTS)", font_dir);
            return NULL;
        }
    /* CJK the bundled faces lack: installed TrueType fonts, looked up only
     * when a guide needs them (fontconfig is slow to start); HanaMinB for
     * CJK Extension B, Symbola for emoji and mathematical letters. Every
     * other script is found by gp_brand_font_for_char. */
    static gp_font_file fallbacks[] = {{.family = "WenQuanYi Zen Hei"}, {.family = "HanaMinB"}, {.family = "Symbola"}};
    b->fallback = fallbacks;
    b->nfallback = sizeof fallbacks / sizeof fallbacks[0];
    b->emoji = (gp_font_file){.family = GP_EMOJI_COLOR};
    return b;
}

gp_brand *gp_brand_load(gp_arena *a, const char *path, const char *font_dir, gp_diags *d)
{
    gp_node *root = gp_yaml_load(a, path, d);
    return root ? gp_brand_from_tree(a, path, root, font_dir, d) : NULL;
}

gp_brand *gp_brand_from_tree(gp_arena *a, const char *path, gp_node *root, const char *font_dir, gp_diags *d)
{
    size_t errors_before = d->errors;
    gp_brand *b = gp_brand_default(a, font_dir, d);
    if (!b)
        return NULL;
    b->path = root->loc.file;
    b->footer_loc = (gp_loc){b->path, 0, 0};
    ctx c = {a, d, gp_dirname(a, path), font_dir, false};
    if (!gp_schema_is_map(root, "a brand file", d))
        return NULL;
    static const char *const known[] = {"name",     "tagline", "url",       "logo",   "logo_alt", "colors",
                                        "fonts",    "page",    "language",  "labels", "back_page",
                                        "footer",   "smart_punctuation", "direction", "print",
                                        "features", NULL};
    gp_schema_known_keys(root, known, "the brand file", d);
    read_string_key(&c, root, "name", &b->name);
    read_string_key(&c, root, "tagline", &b->tagline);
    read_string_key(&c, root, "logo_alt", &b->logo_alt);
    gp_node *v;
    if ((v = gp_node_get(root, "url")))
        gp_schema_url(v, "`url`", d, &b->url);
    if (read_string_key(&c, root, "language", &b->language) && (v = gp_node_get(root, "language")))
        b->language_loc = v->loc;
    if ((v = gp_node_get(root, "direction")))
        b->direction = gp_schema_direction(v, d);
    if ((v = gp_node_get(root, "smart_punctuation")) && !gp_schema_is_bool(v, &b->smart_punctuation))
        gp_error(d, v->loc, "`smart_punctuation` must be true or false");
    if ((v = gp_node_get(root, "logo")) && read_image(&c, v, &b->logo))
        b->logo_loc = v->loc;
    if ((v = gp_node_get(root, "colors")))
        read_colors(&c, v, b);
    if ((v = gp_node_get(root, "fonts")))
        read_fonts(&c, v, b);
    if ((v = gp_node_get(root, "features")))
        read_features(&c, v, b);
    if ((v = gp_node_get(root, "page")))
        read_page(&c, v, b);
    if ((v = gp_node_get(root, "print")))
        read_print(&c, v, b);
    if ((v = gp_node_get(root, "labels")))
        read_labels(&c, v, b);
    if ((v = gp_node_get(root, "back_page")))
        read_back_page(&c, v, b);
    if ((v = gp_node_get(root, "footer")) && read_footer(&c, v, b))
        b->footer_loc = v->loc;
    return d->errors > errors_before ? NULL : b;
}
