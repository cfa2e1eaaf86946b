/* The language of each run of text, for the tagged PDF's /Lang: a screen
 * reader speaks a Chinese title in an English guide, or an English name in
 * an Arabic one, with the right voice only if it is told.
 *
 * Content never says which language a span is in, so the script says it: a
 * run in a script the guide's language is written in is in the guide's
 * language; a run in another script is in the brand's language if that is
 * written in it (the labels and the club's name are the brand's), else in
 * that script's likeliest language (as CLDR's likely subtags have it: Han
 * is Chinese, Cyrillic Russian). The scripts are HarfBuzz's (the Unicode
 * Script property); the table below is written out, not read from ICU, so
 * that a guide without dates never loads ICU (README, "After glyph runs").
 * Runs are already split by script (shaping needs that), so one letter
 * decides. */
#include "layout_int.h"

#include "base/arena.h"
#include "base/language.h"

#include <hb.h>
#include <string.h>

/* Languages written in scripts other than Latin, the likeliest language of
 * each script first; a language not listed is written in Latin. */
static const struct {
    const char *language;
    hb_script_t script;
} writers[] = {
    {"ar", HB_SCRIPT_ARABIC},     {"fa", HB_SCRIPT_ARABIC},      {"ur", HB_SCRIPT_ARABIC},
    {"ps", HB_SCRIPT_ARABIC},     {"ckb", HB_SCRIPT_ARABIC},     {"sd", HB_SCRIPT_ARABIC},
    {"ug", HB_SCRIPT_ARABIC},     {"he", HB_SCRIPT_HEBREW},      {"yi", HB_SCRIPT_HEBREW},
    {"hi", HB_SCRIPT_DEVANAGARI}, {"mr", HB_SCRIPT_DEVANAGARI},  {"ne", HB_SCRIPT_DEVANAGARI},
    {"sa", HB_SCRIPT_DEVANAGARI}, {"bn", HB_SCRIPT_BENGALI},     {"as", HB_SCRIPT_BENGALI},
    {"pa", HB_SCRIPT_GURMUKHI},   {"gu", HB_SCRIPT_GUJARATI},    {"or", HB_SCRIPT_ORIYA},
    {"ta", HB_SCRIPT_TAMIL},      {"te", HB_SCRIPT_TELUGU},      {"kn", HB_SCRIPT_KANNADA},
    {"ml", HB_SCRIPT_MALAYALAM},  {"si", HB_SCRIPT_SINHALA},     {"th", HB_SCRIPT_THAI},
    {"lo", HB_SCRIPT_LAO},        {"km", HB_SCRIPT_KHMER},       {"my", HB_SCRIPT_MYANMAR},
    {"bo", HB_SCRIPT_TIBETAN},    {"dv", HB_SCRIPT_THAANA},      {"am", HB_SCRIPT_ETHIOPIC},
    {"ti", HB_SCRIPT_ETHIOPIC},   {"ka", HB_SCRIPT_GEORGIAN},    {"hy", HB_SCRIPT_ARMENIAN},
    {"el", HB_SCRIPT_GREEK},      {"ru", HB_SCRIPT_CYRILLIC},    {"uk", HB_SCRIPT_CYRILLIC},
    {"bg", HB_SCRIPT_CYRILLIC},   {"sr", HB_SCRIPT_CYRILLIC},    {"sr", HB_SCRIPT_LATIN},
    {"be", HB_SCRIPT_CYRILLIC},   {"mk", HB_SCRIPT_CYRILLIC},    {"kk", HB_SCRIPT_CYRILLIC},
    {"ky", HB_SCRIPT_CYRILLIC},   {"mn", HB_SCRIPT_CYRILLIC},    {"tg", HB_SCRIPT_CYRILLIC},
    {"zh", HB_SCRIPT_HAN},        {"zh", HB_SCRIPT_BOPOMOFO},    {"ja", HB_SCRIPT_HIRAGANA},
    {"ja", HB_SCRIPT_KATAKANA},   {"ja", HB_SCRIPT_HAN},         {"ko", HB_SCRIPT_HANGUL},
    {"ko", HB_SCRIPT_HAN},
};
enum { NWRITERS = sizeof writers / sizeof *writers };

static hb_script_t script_of(uint32_t c)
{
    return hb_unicode_script(hb_unicode_funcs_get_default(), c);
}

/* The script of the run's first letter (spaces, digits and punctuation
 * belong to every script). */
static hb_script_t run_script(const uint32_t *text, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        hb_script_t s = script_of(text[i]);
        if (s != HB_SCRIPT_COMMON && s != HB_SCRIPT_INHERITED && s != HB_SCRIPT_UNKNOWN)
            return s;
    }
    return HB_SCRIPT_COMMON;
}

static bool writes_in(const char *language, hb_script_t script)
{
    bool listed = false;
    for (size_t i = 0; i < NWRITERS; i++)
        if (gp_language_is(language, writers[i].language)) {
            if (writers[i].script == script)
                return true;
            listed = true;
        }
    return !listed && script == HB_SCRIPT_LATIN;
}

/* The likeliest language written in `script`, or NULL if the table knows none. */
static const char *likeliest(hb_script_t script)
{
    if (script == HB_SCRIPT_LATIN)
        return "en";
    for (size_t i = 0; i < NWRITERS; i++)
        if (writers[i].script == script)
            return writers[i].language;
    return NULL;
}

static const char *script_language(layout *L, hb_script_t script)
{
    const char *guide = L->tc->language, *club = L->brand->language;
    if (!guide || writes_in(guide, script))
        return guide;
    if (club && writes_in(club, script)) /* the brand's labels and name, a Spanish club's Persian guide */
        return club;
    const char *other = likeliest(script);
    return other ? other : guide;
}

int han_script_of(const gp_lines *ls)
{
    for (size_t i = 0; i < ls->count; i++)
        for (size_t r = 0; r < ls->lines[i].nruns; r++) {
            const gp_run *run = &ls->lines[i].runs[r];
            for (size_t k = 0; k < run->ntext; k++) {
                uint32_t c = run->text[k];
                if (c >= 0x3040 && c <= 0x30FF)
                    return (int)HB_SCRIPT_HIRAGANA; /* Han among kana is Japanese */
                if ((c >= 0xAC00 && c <= 0xD7AF) || (c >= 0x1100 && c <= 0x11FF))
                    return (int)HB_SCRIPT_HANGUL;
            }
        }
    return 0;
}

bool breaks_between_letters(uint32_t c)
{
    hb_script_t s = script_of(c);
    return s == HB_SCRIPT_HAN || s == HB_SCRIPT_HIRAGANA || s == HB_SCRIPT_KATAKANA || s == HB_SCRIPT_THAI ||
           s == HB_SCRIPT_LAO || s == HB_SCRIPT_KHMER || s == HB_SCRIPT_MYANMAR;
}

bool line_ends_at_space(const gp_line *ln)
{
    if (ln->hyphenated || !ln->nruns)
        return false;
    const gp_run *last = &ln->runs[ln->nruns - 1];
    if (!last->ntext)
        return false;
    uint32_t c = last->text[last->ntext - 1];
    if (c == ' ' || c == '-' || c == '/' || (c >= 0x2010 && c <= 0x2015) || c == 0xAD || (c >= 0x3000 && c <= 0x303F) ||
        (c >= 0xFF00 && c <= 0xFFEF))
        return false;
    return !breaks_between_letters(c);
}

const char *run_language(layout *L, const uint32_t *text, size_t n)
{
    hb_script_t script = run_script(text, n);
    if (script == HB_SCRIPT_HAN && L->tag.han_script < 0)
        L->tag.han_script = han_script_of(&L->tag.paragraph);
    if (script == HB_SCRIPT_HAN && L->tag.han_script)
        script = (hb_script_t)L->tag.han_script;
    if (script == HB_SCRIPT_COMMON)
        return L->tc->language;
    for (size_t i = 0; i < L->lang.count; i++)
        if (L->lang.scripts[i] == (int)script)
            return L->lang.script_language[i];
    const char *language = script_language(L, script);
    if (L->lang.count < sizeof L->lang.scripts / sizeof *L->lang.scripts) {
        L->lang.scripts[L->lang.count] = (int)script;
        L->lang.script_language[L->lang.count++] = language;
    }
    return language;
}
