/* The language of each run of text, for the tagged PDF's /Lang: a screen
 * reader speaks a Chinese title in an English guide, or an English name in
 * an Arabic one, with the right voice only if it is told.
 *
 * Content never says which language a span is in, so the script says it: a
 * run in a script the guide's language is written in (ICU's scripts of
 * the locale) is in the guide's language; a run in another script is in
 * the brand's language if that is written in it (the labels and the
 * club's name are the brand's), else in that script's likeliest language
 * (CLDR's likely subtags, through ICU: Latin is English, Han Chinese). Runs are already split by
 * script (shaping needs that), so one letter decides. */
#include "layout_int.h"

#include "base/arena.h"

#include <stdio.h>
#include <string.h>
#include <unicode/uloc.h>
#include <unicode/uscript.h>

/* The script of the run's first letter (spaces, digits and punctuation
 * belong to every script). */
static UScriptCode run_script(const uint32_t *text, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        UErrorCode e = U_ZERO_ERROR;
        UScriptCode s = uscript_getScript((UChar32)text[i], &e);
        if (U_SUCCESS(e) && s != USCRIPT_COMMON && s != USCRIPT_INHERITED && s != USCRIPT_UNKNOWN)
            return s;
    }
    return USCRIPT_COMMON;
}

static bool writes_in(const char *language, UScriptCode script)
{
    UScriptCode codes[16];
    UErrorCode e = U_ZERO_ERROR;
    int n = uscript_getCode(language, codes, 16, &e);
    for (int i = 0; U_SUCCESS(e) && i < n; i++)
        if (codes[i] == script || (codes[i] == USCRIPT_JAPANESE && (script == USCRIPT_HAN || script == USCRIPT_HIRAGANA ||
                                                                     script == USCRIPT_KATAKANA)) ||
            (codes[i] == USCRIPT_KOREAN && (script == USCRIPT_HAN || script == USCRIPT_HANGUL)))
            return true;
    return false;
}

/* The likeliest language written in `script` ("und-Hani" -> "zh"), or
 * NULL if CLDR knows none. */
static const char *likeliest(gp_arena *a, UScriptCode script)
{
    char tag[32], full[96], lang[16];
    UErrorCode e = U_ZERO_ERROR;
    snprintf(tag, sizeof tag, "und_%s", uscript_getShortName(script));
    uloc_addLikelySubtags(tag, full, sizeof full, &e);
    int n = uloc_getLanguage(full, lang, sizeof lang, &e);
    return U_SUCCESS(e) && n > 0 && strcmp(lang, "und") ? gp_arena_printf(a, "%s", lang) : NULL;
}

static const char *script_language(layout *L, UScriptCode script)
{
    const char *guide = L->tc->language, *club = L->brand->language;
    if (!guide || writes_in(guide, script))
        return guide;
    if (club && writes_in(club, script)) /* the brand's labels and name, a Spanish club's Persian guide */
        return club;
    const char *other = likeliest(L->a, script);
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
                    return USCRIPT_JAPANESE;
                if ((c >= 0xAC00 && c <= 0xD7AF) || (c >= 0x1100 && c <= 0x11FF))
                    return USCRIPT_KOREAN;
            }
        }
    return 0;
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
    UErrorCode e = U_ZERO_ERROR;
    UScriptCode s = uscript_getScript((UChar32)c, &e);
    return !(s == USCRIPT_HAN || s == USCRIPT_HIRAGANA || s == USCRIPT_KATAKANA || s == USCRIPT_THAI ||
             s == USCRIPT_LAO || s == USCRIPT_KHMER || s == USCRIPT_MYANMAR);
}

const char *run_language(layout *L, const uint32_t *text, size_t n)
{
    UScriptCode script = run_script(text, n);
    if (script == USCRIPT_HAN && L->tag.han_script)
        script = (UScriptCode)L->tag.han_script;
    if (script == USCRIPT_COMMON)
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
