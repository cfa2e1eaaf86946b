/* Diagnostics list: append, sort by position, print. */
#include "diag.h"

#include "arena.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static void add(gp_diags *d, gp_severity sev, gp_loc loc, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    char *msg = gp_xmalloc((size_t)n + 1);
    vsnprintf(msg, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    /* The same problem found twice (e.g. a shared brand) is reported once. */
    for (size_t i = 0; i < d->count; i++) {
        gp_diag *o = &d->items[i];
        if (o->severity == sev && o->loc.line == loc.line && o->loc.col == loc.col &&
            strcmp(o->message, msg) == 0 &&
            ((!o->loc.file && !loc.file) || (o->loc.file && loc.file && !strcmp(o->loc.file, loc.file)))) {
            free(msg);
            return;
        }
    }
    if (d->count == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 8;
        d->items = gp_xrealloc(d->items, d->cap * sizeof *d->items);
    }
    if (loc.file) { /* a copy: the named file may be a temporary that is gone by print time */
        char *file = gp_xmalloc(strlen(loc.file) + 1);
        strcpy(file, loc.file);
        loc.file = file;
    }
    d->items[d->count++] = (gp_diag){sev, loc, msg};
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

void gp_diags_print(gp_diags *d, FILE *out)
{
    /* Insertion sort: stable, so problems at one position keep the order found. */
    for (size_t i = 1; i < d->count; i++) {
        gp_diag key = d->items[i];
        size_t j = i;
        for (; j > 0 && cmp_diag(&d->items[j - 1], &key) > 0; j--)
            d->items[j] = d->items[j - 1];
        d->items[j] = key;
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

void gp_diags_free(gp_diags *d)
{
    for (size_t i = 0; i < d->count; i++) {
        free(d->items[i].message);
        free((char *)d->items[i].loc.file);
    }
    free(d->items);
    *d = (gp_diags){0};
}
