/* Line break opportunities (see breaks.h).
 *
 * Why ICU for the dictionary and libunibreak for the rest (tests/bench/
 * bench_dictbreak.c, in `make bench`): ICU's line iterator has Thai, Lao,
 * Khmer and Myanmar dictionaries, libthai only Thai, and ICU is faster at
 * both start-up (about 1 ms against 4) and a 500-character Thai paragraph
 * (17 us against 55). ICU would also be faster than libunibreak on Latin
 * text (2 us against 7 a paragraph), but every guide would then pay its
 * start-up and its UTF-16 copy, and the breaks of every sample would move
 * with ICU's tailoring; used only on the runs that need a dictionary, a
 * guide without them never opens ICU. Nor loads it: ICU (and the C++
 * library it needs) is opened with dlopen on first need, as linking it
 * cost every guide about a millisecond of dynamic linking (3 million
 * instructions, `make bench` section 8). */
#include "breaks.h"

#include "base/arena.h"
#include "base/diag.h"
#include "base/dynlib.h"

#include <linebreak.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uvernum.h>

/* Thai, Lao, Myanmar and Khmer: the scripts of UAX #14's class SA that ICU
 * has dictionaries for (all in the Basic Multilingual Plane). */
static bool needs_dictionary(uint32_t c)
{
    if (c < 0x0E00) /* (Latin, Greek, Cyrillic, Arabic...: one test) */
        return false;
    return (c >= 0x0E00 && c <= 0x0EFF) || (c >= 0x1000 && c <= 0x109F) || (c >= 0x1780 && c <= 0x17FF) ||
           (c >= 0x19E0 && c <= 0x19FF) || (c >= 0xA9E0 && c <= 0xA9FF) || (c >= 0xAA60 && c <= 0xAA7F);
}

static bool is_hangul(uint32_t c)
{
    return (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F) ||
           (c >= 0xA960 && c <= 0xA97F) || (c >= 0xD7B0 && c <= 0xD7FF);
}

/* UAX #14's class CJ: small kana and the prolonged sound mark ー, which
 * libunibreak lets a line start with (as class ID, the "loose" rule);
 * Japanese kinsoku (JIS X 4051) keeps them off a line's start (class NS,
 * the "strict" rule). From Unicode 15's LineBreak.txt (test_breaks
 * compares them with the file). */
bool gp_is_conditional_starter(uint32_t c)
{
    static const uint32_t small_kana[] = {0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x3063, 0x3083, 0x3085,
                                          0x3087, 0x308E, 0x3095, 0x3096, 0x30A1, 0x30A3, 0x30A5, 0x30A7,
                                          0x30A9, 0x30C3, 0x30E3, 0x30E5, 0x30E7, 0x30EE, 0x30F5, 0x30F6,
                                          0x30FC, 0x1B132, 0x1B150, 0x1B151, 0x1B152, 0x1B155};
    if ((c >= 0x31F0 && c <= 0x31FF) || (c >= 0xFF67 && c <= 0xFF70) || (c >= 0x1B164 && c <= 0x1B167))
        return true;
    for (size_t i = 0; c >= 0x3041 && i < sizeof small_kana / sizeof *small_kana; i++)
        if (small_kana[i] == c)
            return true;
    return false;
}

/* ICU's functions, found in the library on first need. */
static struct {
    UBreakIterator *(*open)(UBreakIteratorType, const char *, const UChar *, int32_t, UErrorCode *);
    void (*set_text)(UBreakIterator *, const UChar *, int32_t, UErrorCode *);
    int32_t (*first)(UBreakIterator *);
    int32_t (*next)(UBreakIterator *);
} icu;

/* The line iterator, or NULL if ICU cannot be loaded (then the runs keep
 * UAX #14's breaks: a long one is split where it must be). */
static UBreakIterator *open_icu(void)
{
    void *lib = dlopen("libicuuc.so." U_ICU_VERSION_SHORT, RTLD_NOW | RTLD_LOCAL);
    if (!lib || !gp_find_function(lib, GP_ICU_NAME(ubrk_open), &icu.open) ||
        !gp_find_function(lib, GP_ICU_NAME(ubrk_setText), &icu.set_text) ||
        !gp_find_function(lib, GP_ICU_NAME(ubrk_first), &icu.first) ||
        !gp_find_function(lib, GP_ICU_NAME(ubrk_next), &icu.next))
        return NULL;
    UErrorCode err = U_ZERO_ERROR;
    UBreakIterator *it = icu.open(UBRK_LINE, "th", NULL, 0, &err);
    return U_FAILURE(err) ? NULL : it;
}

/* One iterator for the process, opened on first need: opening costs a
 * millisecond, and an iterator must not be used by two threads at once. */
static pthread_mutex_t icu_lock = PTHREAD_MUTEX_INITIALIZER;
static UBreakIterator *icu_lines;
static bool icu_tried;

/* Marks the dictionary's word boundaries inside cps[from, to), a run of
 * dictionary scripts; the run's ends are UAX #14's business. */
static void dictionary_breaks(const uint32_t *cps, size_t from, size_t to, char *brks)
{
    enum { CHUNK = 4096 }; /* a longer run goes in chunks, each from the last word boundary of the one before */
    UChar text[CHUNK];
    pthread_mutex_lock(&icu_lock);
    if (!icu_tried)
        icu_lines = open_icu(), icu_tried = true;
    for (size_t start = from; icu_lines && start < to;) {
        int32_t n = (int32_t)(to - start < CHUNK ? to - start : CHUNK), last = 0;
        for (int32_t i = 0; i < n; i++)
            text[i] = (UChar)cps[start + (size_t)i];
        UErrorCode err = U_ZERO_ERROR;
        icu.set_text(icu_lines, text, n, &err);
        if (U_FAILURE(err))
            break;
        icu.first(icu_lines);
        for (int32_t b; (b = icu.next(icu_lines)) != UBRK_DONE && b < n; last = b)
            brks[start + (size_t)b - 1] = LINEBREAK_ALLOWBREAK;
        start += (size_t)(start + (size_t)n < to && last > 0 ? last : n);
    }
    pthread_mutex_unlock(&icu_lock);
}

static bool regional_indicator(uint32_t c)
{
    return c >= 0x1F1E6 && c <= 0x1F1FF;
}

/* UAX #14's breaks by libunibreak. Debian's libunibreak 1.1 aborts on a
 * regional indicator (a flag's letters: its pair table stops a class short
 * of theirs), so those are given to it as a letter (class AL: no break
 * inside a flag, nor between flags). */
static void unibreak(const uint32_t *cps, size_t n, const char *language, char *brks)
{
    size_t first = 0;
    while (first < n && !regional_indicator(cps[first]))
        first++;
    if (first == n) {
        set_linebreaks_utf32((const utf32_t *)cps, n, language, brks);
        return;
    }
    uint32_t *copy = gp_xmalloc(n * sizeof *copy);
    for (size_t i = 0; i < n; i++)
        copy[i] = regional_indicator(cps[i]) ? 'A' : cps[i];
    set_linebreaks_utf32((const utf32_t *)copy, n, language, brks);
    free(copy);
}

void gp_find_breaks(const uint32_t *cps, size_t n, const char *language, char *brks)
{
    static pthread_once_t unibreak_ready = PTHREAD_ONCE_INIT;
    pthread_once(&unibreak_ready, init_linebreak); /* libunibreak's tables, once per process */
    memset(brks, LINEBREAK_NOBREAK, n);
    unibreak(cps, n, language, brks);
    for (size_t i = 0; i < n; i++) {
        if (i + 1 < n && brks[i] == LINEBREAK_ALLOWBREAK &&
            ((is_hangul(cps[i]) && is_hangul(cps[i + 1])) || (cps[i] != ' ' && gp_is_conditional_starter(cps[i + 1]))))
            brks[i] = LINEBREAK_NOBREAK;
        if (!needs_dictionary(cps[i]))
            continue;
        size_t end = i;
        while (end < n && needs_dictionary(cps[end]))
            end++;
        dictionary_breaks(cps, i, end, brks);
        i = end - 1;
    }
}
