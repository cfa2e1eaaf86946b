/* Diagnostics: errors and warnings as values, each with a source position.
 *
 * A stage that finds a problem appends a diagnostic and carries on to a safe
 * point, so one run reports every error in a file. The CLI prints them
 * sorted as `FILE:LINE:COL: error: MESSAGE`. */
#ifndef GP_DIAG_H
#define GP_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* A position in an input file; line and col are 1-based, col in code points.
 * line 0 means "the file as a whole". */
typedef struct gp_loc {
    const char *file;
    int line, col;
} gp_loc;

typedef enum { GP_WARNING, GP_ERROR } gp_severity;

typedef struct gp_diag {
    gp_severity severity;
    gp_loc loc;
    char *message;
} gp_diag;

typedef struct gp_diags {
    gp_diag *items;
    size_t count, cap;
    size_t errors;
    size_t *seen, seen_cap; /* hash set of item indices + 1, to drop repeats in constant time */
} gp_diags;

/* Appends an error; always returns false so callers can `return gp_error(...)`. */
bool gp_error(gp_diags *d, gp_loc loc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void gp_warn(gp_diags *d, gp_loc loc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Sorts by file, line, column (stable) and prints every diagnostic. */
void gp_diags_print(gp_diags *d, FILE *out);
/* Appends from's diagnostics to d, in order (repeats dropped), and frees from's. */
void gp_diags_append(gp_diags *d, gp_diags *from);
void gp_diags_free(gp_diags *d);

#endif
