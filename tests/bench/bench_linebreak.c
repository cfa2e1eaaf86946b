/* Line breaker throughput, for `make bench` (tests/bench/run.sh).
 *
 * Times gp_linebreak (Knuth-Plass total fit) and gp_linebreak_greedy (first
 * fit) on synthetic paragraphs shaped like body text: ~80 words (70-90),
 * each word a box 20-60 pt wide, interword glue 3.5/1.75/1.2, and now and
 * then a word split by a flagged hyphenation penalty (50, 3.3 pt hyphen),
 * broken at 300 pt with the default (TeX-like) parameters, justified.
 *
 * The paragraphs are generated once from a fixed seed, so every run times
 * the same work. Each algorithm is timed in several rounds; a round breaks
 * the whole set of paragraphs over and over until it has run for its share
 * of the time budget, and the median round is reported.
 *
 * usage: bench_linebreak [SECONDS]   time budget per algorithm (default 1)
 * output (parsed by run.sh):
 *   total-fit: N paragraphs/s (U us/paragraph, L lines/paragraph)
 *   greedy: N paragraphs/s (U us/paragraph, L lines/paragraph) */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 199309L
#endif
#include "text/linebreak.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

enum { NPARA = 64, MIN_WORDS = 70, MAX_WORDS = 90, ROUNDS = 7 };
#define LINE_WIDTH 300.0
#define HYPHEN_EVERY 7 /* about one word in this many gets a flagged penalty */

typedef struct para {
    gp_lb_item *items;
    size_t n;
} para;

typedef size_t (*breaker)(const gp_lb_item *, size_t, const gp_lb_params *, gp_lb_line *);

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rng(void) /* xorshift64*: fixed seed, same paragraphs on every run */
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dULL;
}

static double uniform(double lo, double hi)
{
    return lo + (hi - lo) * (double)(rng() >> 11) / 9007199254740992.0;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static para make_para(void)
{
    size_t words = MIN_WORDS + (size_t)(rng() % (MAX_WORDS - MIN_WORDS + 1));
    para p = {malloc(3 * words * sizeof(gp_lb_item)), 0};
    if (!p.items) {
        perror("bench_linebreak");
        exit(1);
    }
    for (size_t w = 0; w < words; w++) {
        if (w > 0)
            p.items[p.n++] = (gp_lb_item){.kind = GP_LB_GLUE, .width = 3.5, .stretch = 1.75, .shrink = 1.2};
        double width = uniform(20, 60);
        if (rng() % HYPHEN_EVERY == 0) { /* a hyphenation point inside the word */
            double head = width * uniform(0.3, 0.7);
            p.items[p.n++] = (gp_lb_item){.kind = GP_LB_BOX, .width = head};
            p.items[p.n++] = (gp_lb_item){.kind = GP_LB_PENALTY, .width = 3.3, .penalty = 50, .flagged = true};
            width -= head;
        }
        p.items[p.n++] = (gp_lb_item){.kind = GP_LB_BOX, .width = width};
    }
    return p;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Median paragraphs per second over ROUNDS rounds; *lines_per_para is set
 * from the last pass over the set. */
static double measure(breaker fn, const para *ps, const gp_lb_params *prm, gp_lb_line *lines, double budget,
                      double *lines_per_para)
{
    double rates[ROUNDS];
    size_t total_lines = 0;
    for (size_t i = 0; i < NPARA; i++) /* warm up caches and the allocator */
        total_lines += fn(ps[i].items, ps[i].n, prm, lines);
    *lines_per_para = (double)total_lines / NPARA;
    for (int r = 0; r < ROUNDS; r++) {
        size_t done = 0, sink = 0;
        double t0 = now(), t;
        do {
            for (size_t i = 0; i < NPARA; i++)
                sink += fn(ps[i].items, ps[i].n, prm, lines);
            done += NPARA;
            t = now() - t0;
        } while (t < budget / ROUNDS);
        if (sink == 0) { /* keeps the calls observable; never true */
            fprintf(stderr, "bench_linebreak: no lines\n");
            exit(1);
        }
        rates[r] = (double)done / t;
    }
    qsort(rates, ROUNDS, sizeof rates[0], cmp_double);
    return rates[ROUNDS / 2];
}

int main(int argc, char **argv)
{
    double budget = argc > 1 ? atof(argv[1]) : 1.0;
    if (!(budget > 0)) {
        fprintf(stderr, "usage: bench_linebreak [SECONDS]\n");
        return 2;
    }
    para ps[NPARA];
    size_t max_n = 0;
    for (size_t i = 0; i < NPARA; i++) {
        ps[i] = make_para();
        if (ps[i].n > max_n)
            max_n = ps[i].n;
    }
    gp_lb_line *lines = malloc((max_n + 1) * sizeof *lines);
    if (!lines) {
        perror("bench_linebreak");
        return 1;
    }
    gp_lb_params prm;
    gp_lb_params_default(&prm, LINE_WIDTH);

    printf("paragraphs: %d of %d-%d words, boxes 20-60 pt, glue 3.5/1.75/1.2, line width %.0f pt\n", NPARA,
           MIN_WORDS, MAX_WORDS, LINE_WIDTH);
    static const struct {
        const char *name;
        breaker fn;
    } algos[] = {{"total-fit", gp_linebreak}, {"greedy", gp_linebreak_greedy}};
    for (size_t a = 0; a < sizeof algos / sizeof algos[0]; a++) {
        double lpp;
        double rate = measure(algos[a].fn, ps, &prm, lines, budget, &lpp);
        printf("%s: %.0f paragraphs/s (%.2f us/paragraph, %.1f lines/paragraph)\n", algos[a].name, rate,
               1e6 / rate, lpp);
        fflush(stdout);
    }
    for (size_t i = 0; i < NPARA; i++)
        free(ps[i].items);
    free(lines);
    return 0;
}
