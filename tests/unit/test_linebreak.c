/* Tests for the Knuth & Plass line breaker (src/text/linebreak.c).
 *
 * Paragraphs are built from fixed sentences at 6 pt per character with
 * interword glue 6/3/2 (a space as wide as a letter) and, where a word is
 * written with '-', flagged hyphenation penalties. Where breaks can be
 * worked out by hand they are asserted exactly. Elsewhere results are scored
 * by an independent scorer written here from the specification and compared
 * with three references: brute force over every set of breaks (small
 * paragraphs), a plain O(breaks^2) dynamic programme without active lists or
 * pruning (longer ones, including random text), and a greedy first fit that
 * total fit must never lose to. */
#include "harness.h"
#include "text/linebreak.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

enum { MAX_ITEMS = 512 };

typedef struct para {
    gp_lb_item items[MAX_ITEMS];
    size_t n;
} para;

static void push(para *pa, gp_lb_item it)
{
    if (pa->n < MAX_ITEMS)
        pa->items[pa->n++] = it;
}

static gp_lb_item box(double w)
{
    return (gp_lb_item){.kind = GP_LB_BOX, .width = w};
}

static gp_lb_item glue(double w, double y, double z)
{
    return (gp_lb_item){.kind = GP_LB_GLUE, .width = w, .stretch = y, .shrink = z};
}

static gp_lb_item penalty(double w, double pen, bool flagged)
{
    return (gp_lb_item){.kind = GP_LB_PENALTY, .width = w, .penalty = pen, .flagged = flagged};
}

/* Words separated by single spaces; '-' inside a word is a hyphenation
 * point (penalty 50, a 6 pt hyphen if broken there). */
static para text(const char *s)
{
    para pa = {.n = 0};
    size_t len = 0;
    for (const char *c = s;; c++) {
        if (*c == '-' || *c == ' ' || *c == '\0') {
            if (len)
                push(&pa, box(6.0 * (double)len));
            len = 0;
            if (*c == '-')
                push(&pa, penalty(6, 50, true));
            else if (*c == ' ')
                push(&pa, glue(6, 3, 2));
            else
                break;
        } else {
            len++;
        }
    }
    return pa;
}

/* --- An independent scorer, straight from the specification. ---------- */

typedef struct metrics {
    double len, stretch, shrink;
} metrics;

static bool is_forced(const gp_lb_item *it)
{
    return it->kind == GP_LB_PENALTY && it->penalty <= -GP_LB_INF;
}

static bool legal_break(const gp_lb_item *items, size_t b)
{
    if (items[b].kind == GP_LB_GLUE)
        return b > 0 && items[b - 1].kind == GP_LB_BOX;
    return items[b].kind == GP_LB_PENALTY && items[b].penalty < GP_LB_INF;
}

/* First item of the line after a break at b. */
static size_t next_start(const gp_lb_item *items, size_t n, size_t b)
{
    size_t s = b + 1;
    while (s < n && (items[s].kind == GP_LB_GLUE || (items[s].kind == GP_LB_PENALTY && !is_forced(&items[s]))))
        s++;
    return s;
}

/* Items [start, end); `end` is the break item, or n for the paragraph end. */
static metrics measure(const gp_lb_item *items, size_t n, size_t start, size_t end)
{
    metrics mt = {0, 0, 0};
    for (size_t i = start; i < end; i++) {
        if (items[i].kind == GP_LB_BOX)
            mt.len += items[i].width;
        else if (items[i].kind == GP_LB_GLUE) {
            mt.len += items[i].width;
            mt.stretch += items[i].stretch;
            mt.shrink += items[i].shrink;
        }
    }
    if (end < n && items[end].kind == GP_LB_PENALTY)
        mt.len += items[end].width;
    return mt;
}

typedef struct score {
    bool feasible; /* every line within tolerance and the hyphen limit */
    double demerits;
} score;

/* One line from `start` to the break at b (n: the paragraph end), after a
 * line of fitness *fit with *run hyphenated lines in a row; updates both.
 * Returns false for a line outside `tol`, overfull, or over the hyphen limit. */
static bool line_cost(const gp_lb_item *items, size_t n, const gp_lb_params *p, size_t start, size_t b,
                      bool first, double tol, int *fit, int *run, double *demerits)
{
    bool final = b == n;
    if (b < start)
        return false;
    double width = first && p->first_line_width > 0 ? p->first_line_width : p->line_width;
    metrics mt = measure(items, n, start, b);
    double y = p->ragged ? (p->ragged_stretch > 0 ? p->ragged_stretch : width / 6) : mt.stretch;
    double z = p->ragged ? 0 : mt.shrink;
    double r;
    if (mt.len < width)
        r = final ? 0 : (y > 0 ? (width - mt.len) / y : INFINITY);
    else if (mt.len > width)
        r = z > 0 ? (width - mt.len) / z : -INFINITY;
    else
        r = 0;
    if (r < -1)
        return false;
    double bad = isinf(r) ? 10000 : fmin(10000, 100 * fabs(r) * fabs(r) * fabs(r));
    int f = r > 0 ? (bad > 99 ? 0 : bad > 12 ? 1 : 2) : r < 0 ? (bad > 12 ? 3 : 2) : 2;
    double pen = !final && items[b].kind == GP_LB_PENALTY ? items[b].penalty : 0;
    bool forced = final || pen <= -GP_LB_INF;
    bool flagged = !final && items[b].kind == GP_LB_PENALTY && items[b].flagged;
    double d = (p->line_penalty + bad) * (p->line_penalty + bad);
    if (!forced)
        d += pen >= 0 ? pen * pen : -pen * pen;
    if (flagged && *run > 0)
        d += p->flagged_demerits;
    if (abs(f - *fit) > 1)
        d += p->fitness_demerits;
    *run = flagged ? *run + 1 : 0;
    *fit = f;
    *demerits = d;
    if (flagged && !forced && p->max_consecutive_hyphens > 0 && *run > p->max_consecutive_hyphens)
        return false;
    return bad <= tol;
}

/* A forced break strictly between two breaks makes the pair impossible. */
static bool skips_forced(const gp_lb_item *items, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (is_forced(&items[i]))
            return true;
    return false;
}

/* Scores a break sequence (break item indices, the last being n) as the
 * spec defines it. `tol` is the badness limit (overfull lines never pass). */
static score score_breaks(const gp_lb_item *items, size_t n, const gp_lb_params *p, const size_t *brk,
                          size_t nb, double tol)
{
    score sc = {true, 0};
    size_t start = 0;
    int fit = 2, run = 0;
    for (size_t i = 0; i < nb; i++) {
        double d = 0;
        if (brk[i] < start || skips_forced(items, start, brk[i]))
            return (score){false, 0};
        if (!line_cost(items, n, p, start, brk[i], i == 0, tol, &fit, &run, &d))
            sc.feasible = false;
        sc.demerits += d;
        start = brk[i] == n ? n : next_start(items, n, brk[i]);
    }
    return sc;
}

/* The exact optimum by dynamic programming over (break, fitness, hyphen run)
 * in O(breaks^2): no active list, no pruning, so it checks both on
 * paragraphs too long for brute force. INFINITY if nothing is feasible. */
static double exact_optimum(const para *pa, const gp_lb_params *p, double tol)
{
    enum { RUNS = 8, STATES = 4 * RUNS };
    size_t pos[MAX_ITEMS + 2], np = 0;
    pos[np++] = SIZE_MAX; /* the start */
    for (size_t b = 0; b < pa->n; b++)
        if (legal_break(pa->items, b))
            pos[np++] = b;
    pos[np++] = pa->n;
    int cap = p->max_consecutive_hyphens > 0 ? p->max_consecutive_hyphens : 1;
    if (cap >= RUNS)
        abort(); /* a test bug */
    static double best[MAX_ITEMS + 2][STATES];
    for (size_t j = 0; j < np; j++)
        for (int s = 0; s < STATES; s++)
            best[j][s] = INFINITY;
    best[0][2 * RUNS] = 0; /* decent, no hyphens */
    for (size_t i = 0; i + 1 < np; i++) {
        size_t start = i == 0 ? 0 : next_start(pa->items, pa->n, pos[i]);
        for (int s = 0; s < STATES; s++) {
            if (!isfinite(best[i][s]))
                continue;
            for (size_t j = i + 1; j < np; j++) {
                if (pos[j] < start)
                    continue;
                int fit = s / RUNS, run = s % RUNS;
                double d;
                bool ok = line_cost(pa->items, pa->n, p, start, pos[j], i == 0, tol, &fit, &run, &d);
                if (ok) {
                    if (run > cap)
                        run = cap; /* only "hyphenated before" matters without a limit */
                    double total = best[i][s] + d;
                    if (total < best[j][fit * RUNS + run])
                        best[j][fit * RUNS + run] = total;
                }
                if (pos[j] < pa->n && is_forced(&pa->items[pos[j]]))
                    break; /* no line reaches past a forced break */
            }
        }
    }
    double result = INFINITY;
    for (int s = 0; s < STATES; s++)
        result = fmin(result, best[np - 1][s]);
    return result;
}

static size_t breaks_of(const gp_lb_line *lines, size_t count, size_t n, size_t *brk)
{
    for (size_t i = 0; i < count; i++)
        brk[i] = i + 1 == count ? n : lines[i].end;
    return count;
}

static score score_lines(const para *pa, const gp_lb_params *p, const gp_lb_line *lines, size_t count,
                         double tol)
{
    size_t brk[MAX_ITEMS + 1];
    breaks_of(lines, count, pa->n, brk);
    return score_breaks(pa->items, pa->n, p, brk, count, tol);
}

/* The least demerits of any feasible break sequence at tolerance `tol`;
 * INFINITY if none. Only for paragraphs with few legal breaks. */
static double brute_force(const para *pa, const gp_lb_params *p, double tol)
{
    size_t cand[32], nc = 0;
    for (size_t b = 0; b < pa->n; b++)
        if (legal_break(pa->items, b) && nc < 32)
            cand[nc++] = b;
    if (nc > 20)
        abort(); /* a test bug: too many to enumerate */
    double best = INFINITY;
    size_t brk[33];
    for (uint32_t mask = 0; mask < (1u << nc); mask++) {
        size_t nb = 0;
        bool skip = false;
        for (size_t i = 0; i < nc; i++) {
            bool on = mask & (1u << i);
            if (is_forced(&pa->items[cand[i]]) && !on)
                skip = true;
            if (on)
                brk[nb++] = cand[i];
        }
        if (skip)
            continue;
        brk[nb++] = pa->n;
        score sc = score_breaks(pa->items, pa->n, p, brk, nb, tol);
        if (sc.feasible && sc.demerits < best)
            best = sc.demerits;
    }
    return best;
}

/* First fit: each line takes every legal break that still fits (shrinking
 * the glue fully if justified, at natural width if ragged). */
static size_t greedy(const para *pa, const gp_lb_params *p, size_t *brk)
{
    size_t nb = 0, start = 0, last = SIZE_MAX;
    for (size_t b = 0; b <= pa->n; b++) {
        bool final = b == pa->n;
        if (!final && !legal_break(pa->items, b))
            continue;
        if (b < start)
            continue;
        double width = nb == 0 && p->first_line_width > 0 ? p->first_line_width : p->line_width;
        metrics mt = measure(pa->items, pa->n, start, b);
        double tight = mt.len - (p->ragged ? 0 : mt.shrink);
        if (tight > width && last != SIZE_MAX) {
            brk[nb++] = last;
            start = next_start(pa->items, pa->n, last);
            last = SIZE_MAX;
            b = start - 1; /* rescan from the new line's start */
            continue;
        }
        if (final)
            break;
        last = b;
        if (is_forced(&pa->items[b])) {
            brk[nb++] = b;
            start = next_start(pa->items, pa->n, b);
            last = SIZE_MAX;
        }
    }
    brk[nb++] = pa->n;
    return nb;
}

/* Natural lengths of all lines but the last. */
static double rag_variance(const para *pa, const size_t *brk, size_t nb)
{
    double sum = 0, sum2 = 0;
    size_t start = 0, k = 0;
    for (size_t i = 0; i + 1 < nb; i++) {
        double len = measure(pa->items, pa->n, start, brk[i]).len;
        sum += len;
        sum2 += len * len;
        k++;
        start = next_start(pa->items, pa->n, brk[i]);
    }
    if (k == 0)
        return 0;
    double mean = sum / (double)k;
    return sum2 / (double)k - mean * mean;
}

/* Every line's glue, adjusted by its ratio, makes it exactly its width
 * (except the natural last line), and |ratio| <= 1 where the tolerance says so. */
static void check_justified(const para *pa, const gp_lb_params *p, const gp_lb_line *lines, size_t count,
                            double max_ratio)
{
    for (size_t i = 0; i < count; i++) {
        double width = i == 0 && p->first_line_width > 0 ? p->first_line_width : p->line_width;
        bool last = i + 1 == count;
        metrics mt = measure(pa->items, pa->n, lines[i].start, last ? pa->n : lines[i].end);
        double r = lines[i].ratio;
        CHECK(r >= -1 && r <= max_ratio);
        CHECK(lines[i].overfull == 0);
        if (last) {
            CHECK(r <= 0);
            CHECK(mt.len + r * mt.shrink <= width + 1e-9);
        } else {
            double set = mt.len + (r >= 0 ? r * mt.stretch : r * mt.shrink);
            CHECK_NEAR(set, width, 1e-6);
        }
        /* Lines tile the paragraph: each starts where the previous break's discards end. */
        if (i > 0)
            CHECK_EQ_INT(lines[i].start, next_start(pa->items, pa->n, lines[i - 1].end));
    }
    CHECK_EQ_INT(lines[0].start, 0);
    CHECK_EQ_INT(lines[count - 1].end, pa->n);
}

static const char *const SENTENCE =
    "In olden times when wishing still helped one there lived a king whose daughters were all "
    "beautiful but the youngest was so beautiful that the sun itself which has seen so much was "
    "astonished whenever it shone in her face";

/* --- Tests. ----------------------------------------------------------- */

static void test_empty(void)
{
    gp_lb_params p;
    gp_lb_params_default(&p, 300);
    gp_lb_line lines[1];
    CHECK_EQ_INT(gp_linebreak(NULL, 0, &p, lines), 0);
}

static void test_fits_one_line(void)
{
    para pa = text("the cat sat");
    gp_lb_params p;
    gp_lb_params_default(&p, 300);
    gp_lb_line lines[MAX_ITEMS + 1];
    size_t count = gp_linebreak(pa.items, pa.n, &p, lines);
    CHECK_EQ_INT(count, 1);
    CHECK_EQ_INT(lines[0].start, 0);
    CHECK_EQ_INT(lines[0].end, pa.n);
    CHECK(lines[0].ratio == 0);
    CHECK(!lines[0].hyphenated);
    CHECK(lines[0].overfull == 0);
}

static void test_one_word(void)
{
    para pa = text("word");
    gp_lb_params p;
    gp_lb_params_default(&p, 300);
    gp_lb_line lines[2];
    CHECK_EQ_INT(gp_linebreak(pa.items, pa.n, &p, lines), 1);
    CHECK_EQ_INT(lines[0].start, 0);
    CHECK_EQ_INT(lines[0].end, 1);
    CHECK(lines[0].ratio == 0);
}

static void test_word_wider_than_line(void)
{
    gp_lb_item it = box(500);
    gp_lb_params p;
    gp_lb_params_default(&p, 300);
    gp_lb_line lines[2];
    CHECK_EQ_INT(gp_linebreak(&it, 1, &p, lines), 1);
    CHECK_EQ_INT(lines[0].end, 1);
    CHECK_NEAR(lines[0].overfull, 200, 1e-9);
    CHECK(lines[0].ratio == 0);
}

static void test_trailing_glue_dropped(void)
{
    para pa = text("the cat sat");
    push(&pa, glue(3, 1.5, 1));
    push(&pa, penalty(0, 0, false));
    gp_lb_params p;
    gp_lb_params_default(&p, 300);
    gp_lb_line lines[MAX_ITEMS + 1];
    CHECK_EQ_INT(gp_linebreak(pa.items, pa.n, &p, lines), 1);
    CHECK_EQ_INT(lines[0].end, pa.n);

    para blank = {.n = 0};
    push(&blank, glue(3, 1.5, 1));
    CHECK_EQ_INT(gp_linebreak(blank.items, blank.n, &p, lines), 1);
    CHECK_EQ_INT(lines[0].end, 1);
}

static void test_justified(void)
{
    para pa = text(SENTENCE);
    gp_lb_params p;
    gp_lb_params_default(&p, 360);
    p.tolerance = 100; /* badness 100 is ratio 1: the first pass then keeps |ratio| <= 1 */
    gp_lb_line lines[MAX_ITEMS + 1];
    size_t count = gp_linebreak(pa.items, pa.n, &p, lines);
    CHECK(count >= 4);
    check_justified(&pa, &p, lines, count, 1.0);

    score tf = score_lines(&pa, &p, lines, count, p.tolerance);
    CHECK(tf.feasible);
    size_t gb[MAX_ITEMS + 1];
    size_t gn = greedy(&pa, &p, gb);
    score gr = score_breaks(pa.items, pa.n, &p, gb, gn, INFINITY);
    CHECK(tf.demerits <= gr.demerits);
    /* This sentence was picked so first fit is strictly worse. */
    CHECK(tf.demerits < gr.demerits);
    CHECK_NEAR(tf.demerits, exact_optimum(&pa, &p, p.tolerance), 1e-6);
}

/* A short paragraph against every possible set of breaks. */
static void test_justified_optimal(void)
{
    para pa = text("we watched the film twice and talked about its ending for hours");
    gp_lb_params p;
    gp_lb_params_default(&p, 168);
    gp_lb_line lines[MAX_ITEMS + 1];
    size_t count = gp_linebreak(pa.items, pa.n, &p, lines);
    CHECK_EQ_INT(count, 3);
    check_justified(&pa, &p, lines, count, cbrt(p.tolerance / 100));
    double best = brute_force(&pa, &p, p.tolerance);
    CHECK(isfinite(best));
    CHECK_NEAR(score_lines(&pa, &p, lines, count, p.tolerance).demerits, best, 1e-6);
    CHECK_NEAR(exact_optimum(&pa, &p, p.tolerance), best, 1e-6); /* the references agree */
}

/* Two words by 24 pt and 6/3/2 glue: the first line holds exactly two
 * words (54 pt) and the others exactly four (114 pt), all at ratio 0. */
static void test_first_line_width(void)
{
    para pa = {.n = 0};
    for (int w = 0; w < 10; w++) {
        if (w)
            push(&pa, glue(6, 3, 2));
        push(&pa, box(24));
    }
    gp_lb_params p;
    gp_lb_params_default(&p, 114);
    p.first_line_width = 54;
    gp_lb_line lines[MAX_ITEMS + 1];
    size_t count = gp_linebreak(pa.items, pa.n, &p, lines);
    CHECK_EQ_INT(count, 3);
    CHECK_EQ_INT(lines[0].start, 0);
    CHECK_EQ_INT(lines[0].end, 3);
    CHECK_EQ_INT(lines[1].start, 4);
    CHECK_EQ_INT(lines[1].end, 11);
    CHECK_EQ_INT(lines[2].start, 12);
    CHECK_EQ_INT(lines[2].end, 19);
    for (size_t i = 0; i < count; i++)
        CHECK_NEAR(lines[i].ratio, 0, 1e-12);

    /* Without the short first line the same words go 4 + 4 + 2. */
    p.first_line_width = 0;
    count = gp_linebreak(pa.items, pa.n, &p, lines);
    CHECK_EQ_INT(count, 3);
    CHECK_EQ_INT(lines[0].end, 7);
    CHECK_EQ_INT(lines[1].end, 15);
}

/* "ab cd" cannot be stretched to 100 pt and the 108 pt word cannot fit:
 * the least bad result sets the long word alone, 8 pt overfull. */
static void test_unavoidable_overfull(void)
{
    para pa = text("ab cd aaaaaaaaaaaaaaaaaa ef gh");
    gp_lb_params p;
    gp_lb_params_default(&p, 100);
    gp_lb_line lines[MAX_ITEMS + 1];
    size_t count = gp_linebreak(pa.items, pa.n, &p, lines);
    CHECK_EQ_INT(count, 3);
    CHECK_EQ_INT(lines[0].start, 0);
    CHECK_EQ_INT(lines[0].end, 3);
    CHECK_EQ_INT(lines[1].start, 4);
    CHECK_EQ_INT(lines[1].end, 5);
    CHECK_EQ_INT(lines[2].start, 6);
    CHECK_EQ_INT(lines[2].end, 9);
    CHECK(lines[0].overfull == 0);
    CHECK_NEAR(lines[1].overfull, 8, 1e-9);
    CHECK(lines[2].overfull == 0);
    CHECK(lines[1].ratio == 0); /* a lone box has no glue to shrink */

    /* Several long words: each alone, each overfull by its own excess. */
    para many = text("aaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbbb cc");
    count = gp_linebreak(many.items, many.n, &p, lines);
    CHECK_EQ_INT(count, 3);
    CHECK_NEAR(lines[0].overfull, 8, 1e-9);
    CHECK_NEAR(lines[1].overfull, 20, 1e-9);
    CHECK(lines[2].overfull == 0);
}

static int max_hyphen_run(const gp_lb_line *lines, size_t count)
{
    int run = 0, most = 0;
    for (size_t i = 0; i < count; i++) {
        run = lines[i].hyphenated ? run + 1 : 0;
        most = run > most ? run : most;
    }
    return most;
}

/* Words of four 12 pt syllables (hyphen 6 pt) on a 72 pt measure: with
 * hyphens free, the best breaks hyphenate three lines in a row. */
static void test_max_consecutive_hyphens(void)
{
    para pa = text("ab-cd-ef-gh ij-kl-mn-op qr-st-uv-wx yz-ab-cd-ef gh-ij-kl-mn");
    gp_lb_params p;
    gp_lb_params_default(&p, 72);
    p.flagged_demerits = 0;
    p.tolerance = p.looser_tolerance = 10000;
    gp_lb_line lines[MAX_ITEMS + 1];

    p.max_consecutive_hyphens = 0; /* no limit */
    size_t count = gp_linebreak(pa.items, pa.n, &p, lines);
    int free_run = max_hyphen_run(lines, count);
    CHECK(free_run > 2); /* otherwise the limit below proves nothing */
    p.max_consecutive_hyphens = INT_MAX; /* a limit that cannot bind is none */
    CHECK_EQ_INT(max_hyphen_run(lines, gp_linebreak(pa.items, pa.n, &p, lines)), free_run);

    for (int limit = 1; limit <= 2; limit++) {
        p.max_consecutive_hyphens = limit;
        count = gp_linebreak(pa.items, pa.n, &p, lines);
        CHECK(max_hyphen_run(lines, count) <= limit);
        CHECK(max_hyphen_run(lines, count) >= 1);
        for (size_t i = 0; i < count; i++)
            CHECK_EQ_INT(lines[i].hyphenated, i + 1 < count && pa.items[lines[i].end].kind == GP_LB_PENALTY);
        score sc = score_lines(&pa, &p, lines, count, p.tolerance);
        CHECK(sc.feasible);
        CHECK_NEAR(sc.demerits, brute_force(&pa, &p, p.tolerance), 1e-6);
    }
}

/* Real text with hyphenation points at 288 pt: free hyphens give two
 * hyphenated lines in a row; 3000 flagged demerits make one-at-a-time
 * cheaper. Both against the exact optimum. */
static void test_flagged_demerits(void)
{
    para pa = text("In ol-den times when wish-ing still helped one there lived a king whose daugh-ters were "
                   "all beau-ti-ful but the young-est was so beau-ti-ful that the sun it-self which has seen "
                   "so much was as-ton-ished when-ever it shone in her face");
    gp_lb_params p;
    gp_lb_params_default(&p, 288);
    p.max_consecutive_hyphens = 0;
    gp_lb_line lines[MAX_ITEMS + 1];

    p.flagged_demerits = 0;
    size_t count = gp_linebreak(pa.items, pa.n, &p, lines);
    CHECK_EQ_INT(max_hyphen_run(lines, count), 2);
    score sc = score_lines(&pa, &p, lines, count, p.tolerance);
    CHECK(sc.feasible);
    CHECK_NEAR(sc.demerits, exact_optimum(&pa, &p, p.tolerance), 1e-6);

    p.flagged_demerits = 3000;
    count = gp_linebreak(pa.items, pa.n, &p, lines);
    CHECK_EQ_INT(max_hyphen_run(lines, count), 1);
    sc = score_lines(&pa, &p, lines, count, p.tolerance);
    CHECK(sc.feasible);
    CHECK_NEAR(sc.demerits, exact_optimum(&pa, &p, p.tolerance), 1e-6);

    /* The same result by the hard limit with free hyphens. */
    p.flagged_demerits = 0;
    p.max_consecutive_hyphens = 1;
    count = gp_linebreak(pa.items, pa.n, &p, lines);
    CHECK_EQ_INT(max_hyphen_run(lines, count), 1);
    sc = score_lines(&pa, &p, lines, count, p.tolerance);
    CHECK(sc.feasible);
    CHECK_NEAR(sc.demerits, exact_optimum(&pa, &p, p.tolerance), 1e-6);
}

/* One long word whose only breaks are hyphens, two syllables and a hyphen
 * filling the 30 pt measure exactly. After two hyphenated lines only the
 * paragraph end remains, so the rest is one overfull line: the emergency
 * pass must keep the node that may not hyphenate alive to get there. */
static void test_hyphen_limit_emergency(void)
{
    para pa = text("ab-cd-ef-gh-ij-kl-mn-op-qr-st-uv-wx");
    gp_lb_params p;
    gp_lb_params_default(&p, 30);
    gp_lb_line lines[MAX_ITEMS + 1];
    size_t count = gp_linebreak(pa.items, pa.n, &p, lines);
    CHECK_EQ_INT(count, 3);
    CHECK_EQ_INT(lines[0].end, 3);
    CHECK_EQ_INT(lines[1].start, 4);
    CHECK_EQ_INT(lines[1].end, 7);
    CHECK_EQ_INT(lines[2].start, 8);
    CHECK_EQ_INT(lines[2].end, pa.n);
    CHECK(lines[0].hyphenated && lines[1].hyphenated && !lines[2].hyphenated);
    CHECK(lines[0].overfull == 0 && lines[1].overfull == 0);
    CHECK_NEAR(lines[2].overfull, 8 * 12 - 30, 1e-9);
}

static void test_forced_break(void)
{
    /* TeX's \newline: fill glue, then a forced break. */
    para pa = text("first part");
    size_t brk = pa.n + 1;
    push(&pa, glue(0, 1e6, 0));
    push(&pa, penalty(0, -GP_LB_INF, false));
    para rest = text("second part of it");
    for (size_t i = 0; i < rest.n; i++)
        push(&pa, rest.items[i]);
    gp_lb_params p;
    gp_lb_params_default(&p, 300);
    gp_lb_line lines[MAX_ITEMS + 1];
    size_t count = gp_linebreak(pa.items, pa.n, &p, lines);
    CHECK_EQ_INT(count, 2);
    CHECK_EQ_INT(lines[0].end, brk);
    CHECK_EQ_INT(lines[1].start, brk + 1);
    CHECK_EQ_INT(lines[1].end, pa.n);
    CHECK(lines[0].ratio >= 0 && lines[0].ratio < 1e-3);

    /* A bare forced break: the first line is underfull but still splits. */
    para bare = text("first part");
    size_t bbrk = bare.n;
    push(&bare, penalty(0, -GP_LB_INF, false));
    for (size_t i = 0; i < rest.n; i++)
        push(&bare, rest.items[i]);
    count = gp_linebreak(bare.items, bare.n, &p, lines);
    CHECK_EQ_INT(count, 2);
    CHECK_EQ_INT(lines[0].end, bbrk);
    CHECK_EQ_INT(lines[1].start, bbrk + 1);

    /* Two forced breaks in a row give an empty line between them. */
    para twice = text("a");
    push(&twice, penalty(0, -GP_LB_INF, false));
    push(&twice, penalty(0, -GP_LB_INF, false));
    push(&twice, box(6));
    count = gp_linebreak(twice.items, twice.n, &p, lines);
    CHECK_EQ_INT(count, 3);
    CHECK_EQ_INT(lines[0].end, 1);
    CHECK_EQ_INT(lines[1].start, 2);
    CHECK_EQ_INT(lines[1].end, 2);
    CHECK_EQ_INT(lines[2].start, 3);
}

static void test_infinite_penalty_never_breaks(void)
{
    /* A tie between two words: glue preceded by a penalty is no break either. */
    para pa = {.n = 0};
    push(&pa, box(60));
    push(&pa, penalty(0, GP_LB_INF, false));
    push(&pa, glue(3, 1.5, 1));
    push(&pa, box(60));
    gp_lb_params p;
    gp_lb_params_default(&p, 80);
    gp_lb_line lines[8];
    size_t count = gp_linebreak(pa.items, pa.n, &p, lines);
    CHECK_EQ_INT(count, 1);
    CHECK(lines[0].overfull > 0);
}

static void test_ragged(void)
{
    para pa = text(SENTENCE);
    gp_lb_params p;
    gp_lb_params_default(&p, 378);
    p.ragged = true;
    gp_lb_line lines[MAX_ITEMS + 1];
    size_t count = gp_linebreak(pa.items, pa.n, &p, lines);
    CHECK(count >= 4);
    for (size_t i = 0; i < count; i++) {
        CHECK(lines[i].ratio == 0);
        metrics mt = measure(pa.items, pa.n, lines[i].start, i + 1 == count ? pa.n : lines[i].end);
        CHECK(mt.len <= p.line_width); /* nothing shrinks in ragged mode */
    }
    size_t tb[MAX_ITEMS + 1], gb[MAX_ITEMS + 1];
    size_t tn = breaks_of(lines, count, pa.n, tb);
    size_t gn = greedy(&pa, &p, gb);
    double tv = rag_variance(&pa, tb, tn), gv = rag_variance(&pa, gb, gn);
    CHECK(tv < gv);
    CHECK_NEAR(score_lines(&pa, &p, lines, count, p.tolerance).demerits, exact_optimum(&pa, &p, p.tolerance),
               1e-6);

    /* And it is the best rag by the spec's measure. */
    para small = text("we watched the film twice and talked about its ending for hours");
    p.line_width = 168;
    count = gp_linebreak(small.items, small.n, &p, lines);
    CHECK_NEAR(score_lines(&small, &p, lines, count, p.tolerance).demerits,
               brute_force(&small, &p, p.tolerance), 1e-6);
}

/* Random small paragraphs against brute force, mirroring the two normal
 * passes (paragraphs that need the emergency pass are only run). */
static void test_random_against_brute_force(void)
{
    uint32_t seed = 12345;
    int compared = 0;
    for (int round = 0; round < 400; round++) {
        /* Boxes with glue, hyphens, penalties and glue/penalty pairs (so a
         * break can fall among the items a previous break discards). */
        para pa = {.n = 0};
        size_t breaks = 0;
        for (;;) {
            seed = seed * 1664525u + 1013904223u;
            unsigned v = seed >> 8;
            push(&pa, box(6.0 * (1 + v % 6)));
            if (breaks >= 14)
                break;
            unsigned kind = (v >> 8) % 10;
            double pen = (double)((v >> 12) % 300) - 100;
            if (kind <= 1) {
                push(&pa, penalty(6, (double)((v >> 12) % 60), true));
            } else if (kind == 2) {
                push(&pa, penalty(0, pen, false));
            } else if (kind == 3) {
                push(&pa, glue(4 + (v >> 12) % 3, 3, 2));
                push(&pa, penalty(0, pen, false));
                breaks++;
            } else if (kind == 4) {
                push(&pa, penalty(0, pen, false));
                push(&pa, glue(4 + (v >> 12) % 3, 3, 2));
            } else {
                push(&pa, glue(4 + (v >> 12) % 3, 3, 2));
            }
            breaks++;
        }
        gp_lb_params p;
        gp_lb_params_default(&p, 90 + (seed >> 20) % 80);
        p.ragged = round % 3 == 0;
        p.max_consecutive_hyphens = round % 4;
        /* Cheap hyphens make the limit matter; dear ones the flagged demerits. */
        p.flagged_demerits = round % 2 ? 0 : round % 4 == 2 ? 300 : 3000;
        if (round % 5 == 0)
            p.first_line_width = p.line_width - 20;
        gp_lb_line lines[MAX_ITEMS + 1];
        size_t count = gp_linebreak(pa.items, pa.n, &p, lines);
        CHECK(count >= 1 && count <= pa.n + 1);
        CHECK_EQ_INT(lines[count - 1].end, pa.n);
        CHECK_EQ_INT(lines[0].start, 0);
        for (size_t i = 0; i < count; i++) {
            CHECK(lines[i].start <= lines[i].end);
            if (i > 0)
                CHECK_EQ_INT(lines[i].start, next_start(pa.items, pa.n, lines[i - 1].end));
        }
        double best = brute_force(&pa, &p, p.tolerance);
        double tol = p.tolerance;
        if (!isfinite(best)) {
            best = brute_force(&pa, &p, p.looser_tolerance);
            tol = p.looser_tolerance;
        }
        if (!isfinite(best))
            continue;
        compared++;
        score sc = score_lines(&pa, &p, lines, count, tol);
        CHECK(sc.feasible);
        CHECK_NEAR(sc.demerits, best, 1e-6 * fmax(1, fabs(best)));
        CHECK_NEAR(exact_optimum(&pa, &p, tol), best, 1e-6 * fmax(1, fabs(best)));
    }
    CHECK(compared > 100);
}

/* Longer random text against the dynamic programme: long enough for many
 * active nodes at once, so pruning and node identity are exercised. */
static void test_random_against_exact(void)
{
    uint32_t seed = 999;
    int compared = 0;
    for (int round = 0; round < 300; round++) {
        para pa = {.n = 0};
        for (int w = 0; w < 60; w++) {
            seed = seed * 1664525u + 1013904223u;
            unsigned v = seed >> 8;
            push(&pa, box(6.0 * (1 + v % 8)));
            unsigned kind = (v >> 8) % 10;
            if (kind <= 2)
                push(&pa, penalty(6, (double)((v >> 12) % 60), true));
            else if (kind == 3)
                push(&pa, penalty(0, (double)((v >> 12) % 300) - 100, false));
            else
                push(&pa, glue(6, 3, 2));
        }
        push(&pa, box(12));
        gp_lb_params p;
        gp_lb_params_default(&p, 150 + (seed >> 20) % 200);
        p.ragged = round % 3 == 0;
        p.max_consecutive_hyphens = round % 4;
        p.flagged_demerits = round % 2 ? 0 : round % 4 == 2 ? 300 : 3000;
        p.fitness_demerits = round % 5 == 1 ? 0 : 1000;
        if (round % 5 == 0)
            p.first_line_width = p.line_width - 40;
        gp_lb_line lines[MAX_ITEMS + 1];
        size_t count = gp_linebreak(pa.items, pa.n, &p, lines);
        double tol = p.tolerance;
        double best = exact_optimum(&pa, &p, tol);
        if (!isfinite(best)) {
            tol = p.looser_tolerance;
            best = exact_optimum(&pa, &p, tol);
        }
        if (!isfinite(best))
            continue;
        compared++;
        score sc = score_lines(&pa, &p, lines, count, tol);
        CHECK(sc.feasible);
        CHECK_NEAR(sc.demerits, best, 1e-6 * fmax(1, fabs(best)));
    }
    CHECK(compared > 100);
}

/* Paragraphs long enough that the breaker drops dead nodes as it goes
 * (forget_dead_nodes: 250 words make over 256 nodes) still get the exact
 * optimum. Regression: the node table used to keep every feasible break of
 * the paragraph, 96 bytes each, for a 7 MB paragraph most of a gigabyte. */
static void test_long_against_exact(void)
{
    uint32_t seed = 4242;
    int compared = 0;
    for (int round = 0; round < 24; round++) {
        para pa = {.n = 0};
        for (int w = 0; w < 250; w++) {
            seed = seed * 1664525u + 1013904223u;
            unsigned v = seed >> 8;
            push(&pa, box(6.0 * (1 + v % 8)));
            push(&pa, (v >> 8) % 4 ? glue(6, 3, 2) : penalty(6, (double)((v >> 12) % 60), true));
        }
        push(&pa, box(12));
        gp_lb_params p;
        gp_lb_params_default(&p, 120 + (seed >> 20) % 200);
        p.ragged = round % 3 == 0;
        p.max_consecutive_hyphens = round % 4;
        gp_lb_line lines[MAX_ITEMS + 1];
        size_t count = gp_linebreak(pa.items, pa.n, &p, lines);
        double tol = p.tolerance, best = exact_optimum(&pa, &p, tol);
        if (!isfinite(best)) {
            tol = p.looser_tolerance;
            best = exact_optimum(&pa, &p, tol);
        }
        if (!isfinite(best))
            continue;
        compared++;
        score sc = score_lines(&pa, &p, lines, count, tol);
        CHECK(sc.feasible);
        CHECK_NEAR(sc.demerits, best, 1e-6 * fmax(1, fabs(best)));
    }
    CHECK(compared > 12);
}

/* A long paragraph: no crash, every line accounted for. */
static void test_long_paragraph(void)
{
    static gp_lb_item items[20000];
    static gp_lb_line lines[20001];
    size_t n = 0;
    uint32_t seed = 7;
    while (n + 2 < sizeof items / sizeof *items) {
        seed = seed * 1664525u + 1013904223u;
        items[n++] = box(6.0 * (1 + (seed >> 8) % 10));
        items[n++] = (seed >> 20) % 7 ? glue(6, 3, 2) : penalty(6, 50, true);
    }
    items[n++] = box(30);
    gp_lb_params p;
    gp_lb_params_default(&p, 300);
    size_t count = gp_linebreak(items, n, &p, lines);
    CHECK(count > 100);
    CHECK_EQ_INT(lines[count - 1].end, n);
    CHECK(max_hyphen_run(lines, count) <= 2);
    /* Some spot needs a very loose line, so this goes to the emergency pass,
     * which still never needs an overfull line here. */
    bool in_range = true;
    for (size_t i = 0; i < count; i++)
        in_range &= lines[i].ratio >= -1 && lines[i].overfull == 0 && lines[i].start <= lines[i].end;
    CHECK(in_range);
}

int main(void)
{
    test_empty();
    test_fits_one_line();
    test_one_word();
    test_word_wider_than_line();
    test_trailing_glue_dropped();
    test_justified();
    test_justified_optimal();
    test_first_line_width();
    test_unavoidable_overfull();
    test_max_consecutive_hyphens();
    test_flagged_demerits();
    test_hyphen_limit_emergency();
    test_forced_break();
    test_infinite_penalty_never_breaks();
    test_ragged();
    test_random_against_brute_force();
    test_random_against_exact();
    test_long_against_exact();
    test_long_paragraph();
    return harness_report();
}
