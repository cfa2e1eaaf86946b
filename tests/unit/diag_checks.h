/* Checks on diagnostics and small file helpers shared by the loader tests.
 * Include after harness.h. */
#ifndef GP_TEST_DIAG_CHECKS_H
#define GP_TEST_DIAG_CHECKS_H

#include "base/arena.h"
#include "base/diag.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* A diagnostic at line:col whose message contains substr; any severity if sev < 0. */
static inline bool has_diag(const gp_diags *d, int sev, int line, int col, const char *substr)
{
    for (size_t i = 0; i < d->count; i++)
        if ((sev < 0 || (int)d->items[i].severity == sev) && d->items[i].loc.line == line &&
            d->items[i].loc.col == col && strstr(d->items[i].message, substr))
            return true;
    return false;
}

static inline void dump_diags(const gp_diags *d)
{
    for (size_t i = 0; i < d->count; i++)
        fprintf(stderr, "    diag %zu: %d:%d: %s%s\n", i, d->items[i].loc.line, d->items[i].loc.col,
                d->items[i].severity == GP_ERROR ? "" : "(warning) ", d->items[i].message);
}

#define CHECK_DIAG_SEV(d, sev, line, col, substr)                                                              \
    do {                                                                                                       \
        bool found_ = has_diag((d), (sev), (line), (col), (substr));                                           \
        harness_result(found_, __FILE__, __LINE__, "diag " #line ":" #col " " #substr);                         \
        if (!found_)                                                                                           \
            dump_diags(d);                                                                                     \
    } while (0)

#define CHECK_ERRORS(d, n)                                                                                     \
    do {                                                                                                       \
        CHECK_EQ_INT((d)->errors, (n));                                                                        \
        if ((d)->errors != (size_t)(n))                                                                        \
            dump_diags(d);                                                                                     \
    } while (0)

static inline bool str_is(const char *s, const char *want)
{
    if (s && !strcmp(s, want))
        return true;
    fprintf(stderr, "    \"%s\", want \"%s\"\n", s ? s : "(null)", want);
    return false;
}

/* Writes a file in dir; returns its path (arena memory). */
static inline const char *write_file_in(gp_arena *a, const char *dir, const char *name, const char *text)
{
    const char *path = gp_arena_printf(a, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
    return path;
}

#endif
