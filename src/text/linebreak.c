/* Total-fit line breaking after D. E. Knuth and M. F. Plass, "Breaking
 * Paragraphs into Lines", Software—Practice and Experience 11 (1981),
 * 1119–1184: the algorithm TeX uses, here on plain widths in points.
 *
 * Outline. We scan the items once, keeping running totals of width, stretch
 * and shrink. Each legal breakpoint (glue right after a box, or a penalty
 * below GP_LB_INF) is tried against every "active node": a break already
 * found feasible from which a line could still reach here. A line's
 * adjustment ratio gives its badness, the badness and the break's penalty
 * give its demerits, and for each kind of node we keep only the cheapest way
 * to reach this breakpoint. A node whose line would have to shrink more than
 * its glue allows (ratio < -1) is dropped, since later breaks only make that
 * line longer; a forced break drops everything before it. The best node at
 * the paragraph end, followed back through its predecessors, gives the
 * breaks.
 *
 * Node identity is (breakpoint, fitness class, run of hyphenated lines): the
 * fitness class because the next line's demerits depend on it, the hyphen
 * run because max_consecutive_hyphens is a hard limit, so a cheaper node
 * with a longer run must not hide a dearer one that may still hyphenate.
 * Line width only differs for the first line, whose only predecessor is the
 * start node, so line numbers need not be part of the identity.
 *
 * Passes: `tolerance`, then `looser_tolerance`, then an emergency pass with
 * no badness limit in which a node that goes overfull also yields one
 * overfull candidate line (the least overfull it can make) at a huge cost.
 * That keeps the active list from ever running dry, so the last pass always
 * reaches the end. Memory stays proportional to the nodes on live paths
 * (a few per line), not to every feasible break: nodes no active node leads
 * back to are dropped as the scan goes (forget_dead_nodes). Ragged-right rates a line's unused space against a
 * virtual stretch instead of its glue and never stretches the glue. */
#include "linebreak.h"

#include "base/arena.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* TeX's fitness classes, in its order so "adjacent" is |a - b| <= 1. */
enum { FIT_VERY_LOOSE, FIT_LOOSE, FIT_DECENT, FIT_TIGHT, FIT_CLASSES };

#define NONE ((size_t)-1)
#define INF_BAD 10000.0
/* An overfull line must lose to any set of ordinary lines, however bad
 * (each costs at most about (10000 + line_penalty)^2 = 1e8), and a wider
 * excess must lose to a narrower one. */
#define OVERFULL_DEMERITS 1e12
#define OVERFULL_PER_POINT 1e10

typedef struct node {
    size_t pos;        /* break item index, m for the paragraph end, NONE for the start */
    size_t start;      /* first item of the line after this break */
    double tw, ty, tz; /* width, stretch, shrink of items [0, start) */
    double demerits;   /* total along the best path ending here */
    size_t prev;       /* node index, NONE for the start */
    int fitness;       /* of the line ending here */
    int run;           /* hyphenated lines in a row ending here */
    double ratio;      /* as reported for the line ending here */
    double overfull;
    bool hyphenated;
} node;

/* The cheapest way found so far to break at the current breakpoint for one
 * (fitness, run) identity. */
typedef struct candidate {
    bool used;
    double demerits;
    size_t from;
    double ratio, overfull;
} candidate;

typedef struct breaker {
    const gp_lb_item *items;
    size_t m; /* items [0, m) take part; m is the paragraph end */
    const gp_lb_params *p;
    double tolerance; /* INFINITY in the emergency pass */
    bool emergency;
    int limit;   /* max_consecutive_hyphens, 0 if it cannot bind */
    int run_cap; /* hyphen runs are tracked as 0..run_cap */
    node *nodes;
    size_t nnodes, nodes_cap;
    size_t live;    /* nodes left by the last forget_dead_nodes */
    size_t *remap;  /* its scratch: old node index -> new, NONE if dead */
    size_t *active;
    size_t nactive, active_cap;
    candidate *best; /* FIT_CLASSES * (run_cap + 1) slots */
    size_t nslots;
    size_t *used; /* slots filled at the current breakpoint, so a large */
    size_t nused; /* hyphen limit costs nothing where few slots are in play */
    double tw, ty, tz; /* running totals of items [0, b) */
} breaker;

void gp_lb_params_default(gp_lb_params *p, double line_width)
{
    *p = (gp_lb_params){
        .line_width = line_width,
        .first_line_width = 0,
        .tolerance = 200,
        .looser_tolerance = 1000,
        .line_penalty = 10,
        .flagged_demerits = 3000,
        .fitness_demerits = 1000,
        .max_consecutive_hyphens = 2,
        .ragged = false,
        .ragged_stretch = 0,
    };
}

static size_t add_node(breaker *k, node nd)
{
    GP_GROW(k->nodes, k->nnodes, k->nodes_cap, 64);
    k->nodes[k->nnodes] = nd;
    return k->nnodes++;
}

static void activate(breaker *k, size_t idx)
{
    GP_GROW(k->active, k->nactive, k->active_cap, 32);
    k->active[k->nactive++] = idx;
}

/* 100 |r|^3 capped at 10000, as TeX's badness (without its integer rounding). */
static double badness(double r)
{
    if (!isfinite(r))
        return INF_BAD;
    double b = 100.0 * fabs(r) * fabs(r) * fabs(r);
    return b > INF_BAD ? INF_BAD : b;
}

/* TeX's classes: badness above 99 or 12 when stretching, above 12 when shrinking. */
static int fitness_class(double r, double bad)
{
    if (r > 0)
        return bad > 99 ? FIT_VERY_LOOSE : bad > 12 ? FIT_LOOSE : FIT_DECENT;
    if (r < 0)
        return bad > 12 ? FIT_TIGHT : FIT_DECENT;
    return FIT_DECENT;
}

static bool discardable(const gp_lb_item *it)
{
    return it->kind == GP_LB_GLUE || (it->kind == GP_LB_PENALTY && it->penalty > -GP_LB_INF);
}

static bool breakable(const breaker *k, size_t b)
{
    const gp_lb_item *it = &k->items[b];
    if (it->kind == GP_LB_GLUE)
        return b > 0 && k->items[b - 1].kind == GP_LB_BOX;
    return it->kind == GP_LB_PENALTY && it->penalty < GP_LB_INF;
}

/* Drops candidate slots that can never be part of a better paragraph than
 * another slot at the same breakpoint: with a run no longer than Y's, X can
 * take every break Y can, pays flagged demerits no more often, and its next
 * line costs at most fitness_demerits more. The generalisation of TeX's
 * "minimal_demerits + adj_demerits" test to hyphen runs. */
static void prune_candidates(breaker *k)
{
    size_t runs = (size_t)k->run_cap + 1;
    double slack = k->p->fitness_demerits > 0 ? k->p->fitness_demerits : 0;
    for (size_t i = 0; i < k->nused; i++) {
        size_t y = k->used[i];
        for (size_t j = 0; j < k->nused; j++) {
            size_t x = k->used[j];
            /* x may be pruned already; then whatever pruned x prunes y too. */
            if (x == y || x % runs > y % runs)
                continue;
            if (k->best[x].demerits + slack < k->best[y].demerits) {
                k->best[y].used = false;
                break;
            }
        }
    }
}

/* Creates the nodes for breakpoint b from the surviving candidates. */
static void add_break_nodes(breaker *k, size_t b, bool flagged)
{
    if (k->nused == 0)
        return;
    prune_candidates(k);

    /* The next line starts after the glue and penalties that a break throws
     * away; they still count in the totals so later subtractions stay right. */
    double tw = k->tw, ty = k->ty, tz = k->tz;
    size_t start = b;
    if (b < k->m) {
        const gp_lb_item *it = &k->items[b];
        if (it->kind == GP_LB_GLUE) {
            tw += it->width;
            ty += it->stretch;
            tz += it->shrink;
        }
        start = b + 1;
        while (start < k->m && discardable(&k->items[start])) {
            const gp_lb_item *d = &k->items[start];
            if (d->kind == GP_LB_GLUE) {
                tw += d->width;
                ty += d->stretch;
                tz += d->shrink;
            }
            start++;
        }
    }
    size_t runs = (size_t)k->run_cap + 1;
    for (size_t i = 0; i < k->nused; i++) {
        size_t s = k->used[i];
        const candidate *c = &k->best[s];
        if (!c->used)
            continue;
        node nd = {
            .pos = b,
            .start = start,
            .tw = tw,
            .ty = ty,
            .tz = tz,
            .demerits = c->demerits,
            .prev = c->from,
            .fitness = (int)(s / runs),
            .run = (int)(s % runs),
            .ratio = c->ratio,
            .overfull = c->overfull,
            .hyphenated = flagged,
        };
        activate(k, add_node(k, nd));
    }
}

/* Tries breaking at b (b == m: the paragraph end) from every active node. */
static void try_break(breaker *k, size_t b)
{
    const gp_lb_params *p = k->p;
    bool final = b == k->m;
    double pen = 0, pw = 0;
    bool flagged = false, forced = final;
    if (!final && k->items[b].kind == GP_LB_PENALTY) {
        pen = k->items[b].penalty;
        pw = k->items[b].width;
        flagged = k->items[b].flagged;
        forced = pen <= -GP_LB_INF;
    }
    for (size_t i = 0; i < k->nused; i++)
        k->best[k->used[i]].used = false;
    k->nused = 0;

    size_t keep = 0;
    size_t nold = k->nactive;
    for (size_t i = 0; i < nold; i++) {
        size_t ai = k->active[i];
        const node *a = &k->nodes[ai];
        /* b lies among the items a's break discards: no line, but a lives on. */
        if (a->start > b) {
            k->active[keep++] = ai;
            continue;
        }
        double width = a->pos == NONE && p->first_line_width > 0 ? p->first_line_width : p->line_width;
        double len = k->tw - a->tw + pw;
        double stretch, shrink;
        if (p->ragged) {
            /* The rag is rated as if the line end could stretch; the glue
             * itself neither stretches nor shrinks. */
            stretch = p->ragged_stretch > 0 ? p->ragged_stretch : width / 6;
            shrink = 0;
        } else {
            stretch = k->ty - a->ty;
            shrink = k->tz - a->tz;
        }
        double r, shown, excess = 0;
        if (len < width) {
            if (final)
                r = 0; /* the paragraph-end fill glue takes the slack */
            else
                r = stretch > 0 ? (width - len) / stretch : INFINITY;
            shown = isfinite(r) ? r : 0;
        } else if (len > width) {
            r = shrink > 0 ? (width - len) / shrink : -INFINITY;
            shown = r < -1 ? (shrink > 0 ? -1 : 0) : r;
            if (r < -1)
                excess = len - width - (shrink > 0 ? shrink : 0);
        } else {
            r = shown = 0;
        }
        if (p->ragged)
            shown = 0;

        bool legal = forced || !flagged || k->limit == 0 || a->run < k->limit;
        bool deactivate = forced || r < -1;
        /* In the emergency pass an overfull node that may not hyphenate here
         * must live on to its next legal break, or the pass could run dry. */
        if (r < -1 && !legal && k->emergency && !forced)
            deactivate = false;

        if (legal) {
            double bad = r < -1 ? INF_BAD : badness(r);
            bool ok = r < -1 ? k->emergency : bad <= k->tolerance;
            if (ok) {
                int fit = r < -1 ? FIT_TIGHT : fitness_class(r, bad);
                double d = p->line_penalty + bad;
                d *= d;
                if (!forced)
                    d += pen > 0 ? pen * pen : -pen * pen;
                if (flagged && a->run > 0)
                    d += p->flagged_demerits;
                if (abs(fit - a->fitness) > 1)
                    d += p->fitness_demerits;
                if (r < -1)
                    d += OVERFULL_DEMERITS + OVERFULL_PER_POINT * excess;
                int run = flagged ? a->run + 1 : 0;
                if (run > k->run_cap)
                    run = k->run_cap;
                double total = a->demerits + d;
                size_t slot = (size_t)fit * ((size_t)k->run_cap + 1) + (size_t)run;
                candidate *c = &k->best[slot];
                if (!c->used)
                    k->used[k->nused++] = slot;
                if (!c->used || total < c->demerits)
                    *c = (candidate){true, total, ai, shown, excess};
            }
        }
        if (!deactivate)
            k->active[keep++] = ai;
    }
    k->nactive = keep;
    add_break_nodes(k, b, flagged);
}

/* Drops the nodes that no active node leads back to: no path through them
 * can be chosen any more. Run whenever the table has doubled since the
 * last time, so it costs O(1) per node added and the table stays within
 * about twice the nodes on live paths. Only between breakpoints: the
 * candidates of one refer to node indices. */
static void forget_dead_nodes(breaker *k)
{
    if (k->nnodes < 256 || k->nnodes < 2 * k->live)
        return;
    k->remap = gp_xrealloc(k->remap, k->nnodes * sizeof *k->remap);
    for (size_t i = 0; i < k->nnodes; i++)
        k->remap[i] = NONE;
    for (size_t i = 0; i < k->nactive; i++)
        for (size_t n = k->active[i]; n != NONE && k->remap[n] == NONE; n = k->nodes[n].prev)
            k->remap[n] = 0; /* live */
    size_t live = 0;
    for (size_t i = 0; i < k->nnodes; i++) {
        if (k->remap[i] == NONE)
            continue;
        node nd = k->nodes[i];
        if (nd.prev != NONE)
            nd.prev = k->remap[nd.prev]; /* a predecessor comes first, so it has moved already */
        k->remap[i] = live;
        k->nodes[live++] = nd;
    }
    for (size_t i = 0; i < k->nactive; i++)
        k->active[i] = k->remap[k->active[i]];
    k->nnodes = k->live = live;
}

/* One pass over the paragraph; returns the best node at the end, or NONE if
 * every way through needed a line outside the tolerance. */
static size_t run_pass(breaker *k, double tolerance, bool emergency)
{
    k->tolerance = tolerance;
    k->emergency = emergency;
    k->nnodes = k->nactive = k->live = 0;
    k->tw = k->ty = k->tz = 0;
    activate(k, add_node(k, (node){.pos = NONE, .prev = NONE, .fitness = FIT_DECENT}));
    for (size_t b = 0; b < k->m; b++) {
        const gp_lb_item *it = &k->items[b];
        if (breakable(k, b)) {
            try_break(k, b);
            if (k->nactive == 0)
                return NONE;
            forget_dead_nodes(k);
        }
        /* Totals advance after the try: a glue break leaves its own glue off the line. */
        if (it->kind != GP_LB_PENALTY) { /* a box may stretch too: letter spacing */
            k->tw += it->width;
            k->ty += it->stretch;
            k->tz += it->shrink;
        }
    }
    try_break(k, k->m);
    size_t best = NONE;
    for (size_t i = 0; i < k->nactive; i++) {
        const node *nd = &k->nodes[k->active[i]];
        if (nd->pos == k->m && (best == NONE || nd->demerits < k->nodes[best].demerits))
            best = k->active[i];
    }
    return best;
}

static void breaker_free(breaker *k)
{
    free(k->nodes);
    free(k->active);
    free(k->best);
    free(k->used);
    free(k->remap);
}

size_t gp_linebreak(const gp_lb_item *items, size_t n, const gp_lb_params *p, gp_lb_line *lines)
{
    if (n == 0)
        return 0;
    size_t m = n;
    while (m > 0 && items[m - 1].kind != GP_LB_BOX)
        m--;
    if (m == 0) {
        /* Nothing but space and penalties: one empty line. */
        lines[0] = (gp_lb_line){.start = 0, .end = n};
        return 1;
    }

    breaker k = {.items = items, .m = m, .p = p};
    /* A run cannot outgrow the breaks there are, so a larger limit is none,
     * which keeps the slot table small. Without a limit only "the line
     * before was hyphenated" matters, for flagged_demerits. */
    k.limit = p->max_consecutive_hyphens > 0 && (size_t)p->max_consecutive_hyphens <= m
                  ? p->max_consecutive_hyphens : 0;
    k.run_cap = k.limit > 0 ? k.limit : 1;
    k.nslots = (size_t)FIT_CLASSES * (size_t)(k.run_cap + 1);
    k.best = gp_xrealloc(NULL, k.nslots * sizeof *k.best);
    k.used = gp_xrealloc(NULL, k.nslots * sizeof *k.used);
    for (size_t s = 0; s < k.nslots; s++)
        k.best[s].used = false;

    size_t best = run_pass(&k, p->tolerance, false);
    if (best == NONE && p->first_pass_only) {
        breaker_free(&k);
        return 0;
    }
    if (best == NONE && p->looser_tolerance > p->tolerance)
        best = run_pass(&k, p->looser_tolerance, false);
    if (best == NONE)
        best = run_pass(&k, INFINITY, true);
    if (best == NONE) {
        /* Unreachable: every emergency deactivation leaves a successor. */
        fputs("guidepress: line breaking found no breaks\n", stderr);
        abort();
    }

    size_t count = 0;
    for (size_t i = best; k.nodes[i].prev != NONE; i = k.nodes[i].prev)
        count++;
    size_t li = count;
    for (size_t i = best; k.nodes[i].prev != NONE; i = k.nodes[i].prev) {
        const node *nd = &k.nodes[i];
        const node *pr = &k.nodes[nd->prev];
        lines[--li] = (gp_lb_line){
            .start = pr->start,
            .end = nd->pos == m ? n : nd->pos,
            .ratio = nd->ratio,
            .hyphenated = nd->hyphenated,
            .overfull = nd->overfull,
        };
    }
    breaker_free(&k);
    return count;
}

/* ---- first fit ---- */

static bool is_break(const gp_lb_item *items, size_t i)
{
    const gp_lb_item *it = &items[i];
    if (it->kind == GP_LB_PENALTY)
        return it->penalty < GP_LB_INF;
    return it->kind == GP_LB_GLUE && i > 0 && items[i - 1].kind == GP_LB_BOX;
}

static gp_lb_line greedy_line(const gp_lb_item *items, size_t start, size_t end, bool last, const gp_lb_params *p,
                              double width)
{
    double w = 0, stretch = 0, shrink = 0;
    for (size_t i = start; i < end; i++) {
        if (items[i].kind == GP_LB_PENALTY)
            continue;
        w += items[i].width;
        stretch += items[i].stretch;
        shrink += items[i].shrink;
    }
    gp_lb_line ln = {.start = start, .end = end};
    if (!last && items[end].kind == GP_LB_PENALTY) {
        w += items[end].width;
        ln.hyphenated = items[end].flagged;
    }
    if (!p->ragged && !last && stretch > 0 && w < width)
        ln.ratio = (width - w) / stretch;
    else if (!p->ragged && w > width && shrink > 0)
        ln.ratio = fmax(-1, (width - w) / shrink);
    if (w - shrink > width)
        ln.overfull = w - shrink - width;
    return ln;
}

size_t gp_linebreak_greedy(const gp_lb_item *items, size_t n, const gp_lb_params *p, gp_lb_line *lines)
{
    size_t count = 0, start = 0;
    while (start < n) {
        double width = count == 0 && p->first_line_width > 0 ? p->first_line_width : p->line_width;
        double w = 0;
        size_t brk = SIZE_MAX;
        size_t i = start;
        for (; i < n; i++) {
            const gp_lb_item *it = &items[i];
            if (is_break(items, i)) {
                double at = w + (it->kind == GP_LB_PENALTY ? it->width : 0);
                if (at > width && brk != SIZE_MAX)
                    break;
                brk = i;
                if (it->kind == GP_LB_PENALTY && it->penalty <= -GP_LB_INF)
                    break;
            }
            if (it->kind != GP_LB_PENALTY)
                w += it->width;
            if (w > width && brk != SIZE_MAX && it->kind == GP_LB_BOX)
                break;
        }
        bool last = i >= n && (w <= width || brk == SIZE_MAX);
        size_t end = last ? n : brk;
        lines[count++] = greedy_line(items, start, end, last, p, width);
        if (last)
            break;
        /* the next line starts after the break and any glue or penalties after it */
        start = end + 1;
        while (start < n && items[start].kind != GP_LB_BOX &&
               !(items[start].kind == GP_LB_PENALTY && items[start].penalty <= -GP_LB_INF))
            start++;
    }
    return count;
}
