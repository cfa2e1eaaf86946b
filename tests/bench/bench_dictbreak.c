/* Dictionary line breaking for scripts written without spaces, for
 * `make bench`: the cost of the two candidate libraries on Thai.
 *
 * ICU's line BreakIterator (Thai, Lao, Khmer and Myanmar dictionaries) and
 * libthai's th_brk (Thai only): the start-up (opening the iterator, which
 * loads the dictionary, plus the first paragraph) and the cost of one more
 * paragraph of about 500 characters, median of several rounds. And, to
 * decide whether ICU should replace libunibreak everywhere, both on an
 * English paragraph of the same length.
 *
 * usage: bench_dictbreak
 * output: one line per measurement:
 *   icu: start-up S ms, P us/paragraph (B breaks)
 *   libthai: start-up S ms, P us/paragraph (B breaks)
 *   latin icu: P us/paragraph (B breaks)
 *   latin libunibreak: P us/paragraph (B breaks) */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 199309L
#endif
#include "base/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <thai/thbrk.h>
#include <thai/thwbrk.h>
#include <linebreak.h>
#include <time.h>
#include <unicode/ubrk.h>
#include <unicode/ustring.h>

enum { ROUNDS = 7, PER_ROUND = 200, MAX = 4096 };

/* "This film tells the story of a family that travels home for the New
 * Year festival; the director followed them for several years." */
static const char *const sample = "ภาพยนตร์เรื่องนี้เล่าเรื่องของครอบครัวที่เดินทางกลับบ้านในช่วงเทศกาลปีใหม่ "
                                  "ผู้กำกับติดตามครอบครัวนี้เป็นเวลาหลายปี";

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static const char *const latin = "The film follows a family who travel home for the New Year festival, "
                                 "and the director followed them for several years. ";

static uint32_t text32[MAX];
static UChar text16[MAX];
static size_t n32;
static int32_t n16;

/* text32 and text16: s four times (about 500 characters) */
static void set_text(const char *s)
{
    n32 = 0, n16 = 0;
    for (int k = 0; k < 4; k++)
        for (size_t i = 0, len = strlen(s); i < len;)
            i += gp_utf8_decode(s + i, len - i, &text32[n32++]);
    text32[n32] = 0;
    for (size_t i = 0; i < n32; i++)
        text16[n16++] = (UChar)text32[i]; /* Thai and Latin are in the BMP */
}

static int unibreak_breaks(void)
{
    static char brks[MAX];
    set_linebreaks_utf32((const utf32_t *)text32, n32, "en", brks);
    int count = 0;
    for (size_t i = 0; i + 1 < n32; i++)
        count += brks[i] == LINEBREAK_ALLOWBREAK;
    return count;
}

static int icu_breaks(UBreakIterator *bi)
{
    UErrorCode err = U_ZERO_ERROR;
    ubrk_setText(bi, text16, n16, &err);
    int count = 0;
    for (int32_t b = ubrk_first(bi); (b = ubrk_next(bi)) != UBRK_DONE && b < n16;)
        count++;
    return count;
}

static int thai_breaks(ThBrk *brk)
{
    static int pos[MAX];
    return th_brk_wc_find_breaks(brk, (const thwchar_t *)text32, pos, MAX);
}

static double median_us(int (*run)(void *), void *state)
{
    double rounds[ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
        double t0 = now();
        for (int i = 0; i < PER_ROUND; i++)
            run(state);
        rounds[r] = (now() - t0) / PER_ROUND * 1e6;
    }
    qsort(rounds, ROUNDS, sizeof rounds[0], cmp);
    return rounds[ROUNDS / 2];
}

static int run_icu(void *s) { return icu_breaks(s); }
static int run_thai(void *s) { return thai_breaks(s); }
static int run_unibreak(void *s) { return (void)s, unibreak_breaks(); }

int main(void)
{
    set_text(sample);

    double t0 = now();
    UErrorCode err = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_LINE, "th", NULL, 0, &err);
    if (U_FAILURE(err)) {
        fprintf(stderr, "bench_dictbreak: ICU: %s\n", u_errorName(err));
        return 1;
    }
    int icu = icu_breaks(bi);
    double icu_start = (now() - t0) * 1e3;
    double icu_para = median_us(run_icu, bi);

    t0 = now();
    ThBrk *brk = th_brk_new(NULL);
    if (!brk) {
        fprintf(stderr, "bench_dictbreak: libthai: no dictionary\n");
        return 1;
    }
    int thai = thai_breaks(brk);
    double thai_start = (now() - t0) * 1e3;
    double thai_para = median_us(run_thai, brk);

    printf("icu: start-up %.2f ms, %.1f us/paragraph (%d breaks)\n", icu_start, icu_para, icu);
    printf("libthai: start-up %.2f ms, %.1f us/paragraph (%d breaks)\n", thai_start, thai_para, thai);

    set_text(latin);
    init_linebreak();
    int lat_icu = icu_breaks(bi), lat_ub = unibreak_breaks();
    double lat_icu_para = median_us(run_icu, bi), lat_ub_para = median_us(run_unibreak, NULL);
    printf("latin icu: %.1f us/paragraph (%d breaks)\n", lat_icu_para, lat_icu);
    printf("latin libunibreak: %.1f us/paragraph (%d breaks)\n", lat_ub_para, lat_ub);
    ubrk_close(bi);
    th_brk_delete(brk);
    return 0;
}
