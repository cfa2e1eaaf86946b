/* The script font table: Debian's Noto families (fonts-noto-core and
 * fonts-noto-cjk, in DEB_PACKAGES) by script, each resolved once per
 * process. */
#include "script_fonts.h"

#include "base/fontfile.h"
#include "base/language.h"

#include <hb-ot.h>
#include <hb.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define NOTO "/usr/share/fonts/truetype/noto/"
#define NOTO_CJK "/usr/share/fonts/opentype/noto/"

typedef struct script_font {
    hb_script_t script;
    const char *language;      /* only for guides in this language (and its regions), or NULL */
    const char *serif, *sans;  /* file stems: <stem>-Regular / -Bold */
    const char *serif_family, *sans_family;
} script_font;

/* Body text faces, not display ones; tried in order. CJK's are collections
 * of one design per language (cjk_index). */
static const script_font fonts[] = {
    {HB_SCRIPT_ARABIC, "ur", NOTO "NotoNastaliqUrdu", NOTO "NotoNastaliqUrdu", "Noto Nastaliq Urdu",
     "Noto Nastaliq Urdu"},
    {HB_SCRIPT_ARABIC, NULL, NOTO "NotoNaskhArabic", NOTO "NotoSansArabic", "Noto Naskh Arabic", "Noto Sans Arabic"},
    {HB_SCRIPT_HEBREW, NULL, NOTO "NotoSerifHebrew", NOTO "NotoSansHebrew", "Noto Serif Hebrew", "Noto Sans Hebrew"},
    {HB_SCRIPT_DEVANAGARI, NULL, NOTO "NotoSansDevanagari", NOTO "NotoSansDevanagari", "Noto Sans Devanagari",
     "Noto Sans Devanagari"},
    {HB_SCRIPT_HAN, NULL, NOTO_CJK "NotoSerifCJK", NOTO_CJK "NotoSansCJK", "Noto Serif CJK", "Noto Sans CJK"},
    {HB_SCRIPT_HIRAGANA, NULL, NOTO_CJK "NotoSerifCJK", NOTO_CJK "NotoSansCJK", "Noto Serif CJK", "Noto Sans CJK"},
    {HB_SCRIPT_KATAKANA, NULL, NOTO_CJK "NotoSerifCJK", NOTO_CJK "NotoSansCJK", "Noto Serif CJK", "Noto Sans CJK"},
    {HB_SCRIPT_HANGUL, NULL, NOTO_CJK "NotoSerifCJK", NOTO_CJK "NotoSansCJK", "Noto Serif CJK", "Noto Sans CJK"},
    {HB_SCRIPT_BOPOMOFO, NULL, NOTO_CJK "NotoSerifCJK", NOTO_CJK "NotoSansCJK", "Noto Serif CJK", "Noto Sans CJK"},
};
enum { NFONTS = sizeof fonts / sizeof fonts[0] };

/* Noto CJK's faces, in the order of its .ttc files. */
static const char *const cjk_regions[] = {"JP", "KR", "SC", "TC", "HK"};

static bool is_cjk(const script_font *f)
{
    return strstr(f->serif, "CJK") != NULL;
}

/* Which of Noto CJK's designs a text in `language` takes: Japanese for
 * kana and in Japanese guides, Korean for hangul and in Korean ones,
 * Traditional Chinese in Taiwan's and Hong Kong's, else Simplified. */
static int cjk_index(hb_script_t script, const char *language)
{
    if (script == HB_SCRIPT_HIRAGANA || script == HB_SCRIPT_KATAKANA || gp_language_is(language, "ja"))
        return 0;
    if (script == HB_SCRIPT_HANGUL || gp_language_is(language, "ko"))
        return 1;
    if (gp_language_is_traditional_chinese(language))
        return 3;
    return 2;
}

typedef struct resolved {
    bool tried, found;
    gp_font_file file;
    char path[256];
} resolved;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static resolved answers[NFONTS][5][2][2]; /* by row, CJK design, bold, sans */

/* Debian's file for the face, if installed and sound; else the family by fontconfig. */
static void resolve(gp_arena *a, const script_font *f, int cjk, bool bold, bool sans, resolved *r)
{
    r->tried = true;
    bool collection = is_cjk(f);
    snprintf(r->path, sizeof r->path, "%s-%s.%s", sans ? f->sans : f->serif, bold ? "Bold" : "Regular",
             collection ? "ttc" : "ttf");
    char msg[256];
    if (access(r->path, R_OK) == 0 && gp_fontfile_probe(r->path, collection ? cjk : 0, msg, sizeof msg) == GP_FONT_OK) {
        r->file = (gp_font_file){.path = r->path, .index = collection ? cjk : 0};
        r->found = true;
        return;
    }
    const char *family = sans ? f->sans_family : f->serif_family;
    gp_font_file by_name = {.family = collection ? gp_arena_printf(a, "%s %s", family, cjk_regions[cjk]) : family};
    gp_diags quiet = {0};
    if (gp_brand_resolve_fallback(a, &by_name, &quiet)) {
        snprintf(r->path, sizeof r->path, "%s", by_name.path);
        r->file = (gp_font_file){.path = r->path, .index = by_name.index};
        r->found = true;
    }
    gp_diags_free(&quiet);
}

static const struct {
    const char *family, *path;
} known[] = {
    {"WenQuanYi Zen Hei", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"},
    {"HanaMinB", "/usr/share/fonts/truetype/hanazono/HanaMinB.ttf"},
    {"Symbola", "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf"},
};

/* Whether the first face of the file at path calls its family `family`. */
static bool names_family(const char *path, const char *family)
{
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
    if (!blob)
        return false;
    hb_face_t *face = hb_face_create(blob, 0);
    char name[128];
    unsigned len = sizeof name;
    hb_ot_name_get_utf8(face, HB_OT_NAME_ID_FONT_FAMILY, hb_language_from_string("en", -1), &len, name);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
    return !strcasecmp(name, family);
}

bool gp_known_family(const char *family, gp_font_file *out)
{
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (!strcasecmp(known[i].family, family) && access(known[i].path, R_OK) == 0 &&
            names_family(known[i].path, family)) {
            *out = (gp_font_file){.path = known[i].path, .index = 0};
            return true;
        }
    return false;
}

bool gp_script_font(gp_arena *a, hb_script_t script, const char *language, bool bold, bool sans, gp_font_file *out)
{
    for (size_t i = 0; i < NFONTS; i++) {
        const script_font *f = &fonts[i];
        if (f->script != script || (f->language && !gp_language_is(language, f->language)))
            continue;
        int cjk = is_cjk(f) ? cjk_index(script, language) : 0;
        pthread_mutex_lock(&lock);
        resolved *r = &answers[i][cjk][bold][sans];
        if (!r->tried)
            resolve(a, f, cjk, bold, sans, r);
        bool found = r->found;
        if (found)
            *out = (gp_font_file){.path = gp_arena_strdup(a, r->path), .index = r->file.index};
        pthread_mutex_unlock(&lock);
        if (found)
            return true;
    }
    return false;
}
