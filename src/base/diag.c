/* Diagnostics list: append, sort by position, print. */
#include "diag.h"

#include "arena.h"
#include "hash.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static size_t hash_diag(gp_severity sev, gp_loc loc, const char *msg)
{
    const char *file = loc.file ? loc.file : "";
    int pos[3] = {(int)sev, loc.line, loc.col};
    uint64_t h = gp_fnv1a(GP_FNV1A_BASIS, pos, sizeof pos);
    h = gp_fnv1a(gp_fnv1a(h, file, strlen(file) + 1), msg, strlen(msg));
    return (size_t)(h ^ (h >> 32));
}

static bool same_diag(const gp_diag *o, gp_severity sev, gp_loc loc, const char *msg)
{
    return o->severity == sev && o->loc.line == loc.line && o->loc.col == loc.col && strcmp(o->message, msg) == 0 &&
           ((!o->loc.file && !loc.file) || (o->loc.file && loc.file && !strcmp(o->loc.file, loc.file)));
}

/* The slot of the set where an item like this one is, or the empty slot it would take. */
static size_t *seen_slot(const gp_diags *d, gp_severity sev, gp_loc loc, const char *msg)
{
    for (size_t i = hash_diag(sev, loc, msg) & (d->seen_cap - 1);; i = (i + 1) & (d->seen_cap - 1))
        if (!d->seen[i] || same_diag(&d->items[d->seen[i] - 1], sev, loc, msg))
            return &d->seen[i];
}

/* Keeps the set at most half full (and rebuilds it after print reordered the items). */
static void seen_reserve(gp_diags *d)
{
    if (d->seen_cap && 2 * (d->count + 1) <= d->seen_cap)
        return;
    free(d->seen);
    d->seen_cap = 16;
    while (d->seen_cap < 2 * (d->count + 1))
        d->seen_cap *= 2;
    d->seen = gp_xmalloc(d->seen_cap * sizeof *d->seen);
    memset(d->seen, 0, d->seen_cap * sizeof *d->seen);
    for (size_t i = 0; i < d->count; i++) {
        const gp_diag *g = &d->items[i];
        size_t *slot = seen_slot(d, g->severity, g->loc, g->message);
        if (!*slot)
            *slot = i + 1;
    }
}

static void add(gp_diags *d, gp_severity sev, gp_loc loc, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    char *msg = gp_xmalloc((size_t)n + 1);
    vsnprintf(msg, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    /* The same problem found twice (e.g. a shared brand) is reported once. */
    seen_reserve(d);
    size_t *slot = seen_slot(d, sev, loc, msg);
    if (*slot) {
        free(msg);
        return;
    }
    GP_GROW(d->items, d->count, d->cap, 8);
    if (loc.file) { /* a copy: the named file may be a temporary that is gone by print time */
        char *file = gp_xmalloc(strlen(loc.file) + 1);
        strcpy(file, loc.file);
        loc.file = file;
    }
    d->items[d->count++] = (gp_diag){sev, loc, msg};
    *slot = d->count;
    if (sev == GP_ERROR)
        d->errors++;
}

bool gp_error(gp_diags *d, gp_loc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(d, GP_ERROR, loc, fmt, ap);
    va_end(ap);
    return false;
}

void gp_warn(gp_diags *d, gp_loc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(d, GP_WARNING, loc, fmt, ap);
    va_end(ap);
}

static int cmp_diag(const void *pa, const void *pb)
{
    const gp_diag *a = pa, *b = pb;
    int c = strcmp(a->loc.file ? a->loc.file : "", b->loc.file ? b->loc.file : "");
    if (c)
        return c;
    if (a->loc.line != b->loc.line)
        return a->loc.line < b->loc.line ? -1 : 1;
    if (a->loc.col != b->loc.col)
        return a->loc.col < b->loc.col ? -1 : 1;
    return 0;
}

/* Stable merge sort of items[lo, hi) through tmp: n log n for any order
 * (insertion sort was quadratic for a file of many errors out of order). */
static void sort_diags(gp_diag *items, gp_diag *tmp, size_t lo, size_t hi)
{
    if (hi - lo < 2)
        return;
    size_t mid = lo + (hi - lo) / 2, i = lo, j = mid, o = lo;
    sort_diags(items, tmp, lo, mid);
    sort_diags(items, tmp, mid, hi);
    while (i < mid || j < hi)
        tmp[o++] = j >= hi || (i < mid && cmp_diag(&items[i], &items[j]) <= 0) ? items[i++] : items[j++];
    memcpy(items + lo, tmp + lo, (hi - lo) * sizeof *items);
}

void gp_diags_print(gp_diags *d, FILE *out)
{
    /* Stable, so problems at one position keep the order found. */
    if (d->count > 1) {
        gp_diag *tmp = gp_xmalloc(d->count * sizeof *tmp);
        sort_diags(d->items, tmp, 0, d->count);
        free(tmp);
        d->seen_cap = 0; /* the set holds indices: rebuilt on the next add */
    }
    for (size_t i = 0; i < d->count; i++) {
        const gp_diag *g = &d->items[i];
        const char *kind = g->severity == GP_ERROR ? "error" : "warning";
        if (!g->loc.file)
            fprintf(out, "guidepress: %s: %s\n", kind, g->message);
        else if (g->loc.line <= 0)
            fprintf(out, "%s: %s: %s\n", g->loc.file, kind, g->message);
        else
            fprintf(out, "%s:%d:%d: %s: %s\n", g->loc.file, g->loc.line, g->loc.col, kind, g->message);
    }
}

void gp_diags_append(gp_diags *d, gp_diags *from)
{
    for (size_t i = 0; i < from->count; i++) {
        const gp_diag *g = &from->items[i];
        if (g->severity == GP_ERROR)
            gp_error(d, g->loc, "%s", g->message);
        else
            gp_warn(d, g->loc, "%s", g->message);
    }
    gp_diags_free(from);
}

void gp_diags_free(gp_diags *d)
{
    for (size_t i = 0; i < d->count; i++) {
        free(d->items[i].message);
        free((char *)d->items[i].loc.file);
    }
    free(d->items);
    free(d->seen);
    *d = (gp_diags){0};
}
