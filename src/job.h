/* One guide, from content file to PDF: the pipeline in order. */
#ifndef GP_JOB_H
#define GP_JOB_H

#include "layout/dlist.h"
#include "load/doc.h"
#include "style/brand.h"
#include "text/hyph.h"

#include <stdio.h>

typedef struct gp_job_opts {
    const gp_brand *brand;     /* shared, read-only */
    const char *creator;
    long long source_date;     /* -1: no dates */
    bool check_only;           /* the whole pipeline, PDF included, but nothing written */
    bool preflight;            /* with check_only: warn of what a print shop would reject
                                  (layout/preflight.h); the guide then counts as failed */
    FILE *dump_dlist;          /* if set, the display list is written here */
    bool greedy;               /* first-fit line breaking, for `make typeset-report` */
    bool timings;              /* print each stage's time to stderr, for `make bench` */
    bool booklet;              /* impose the pages for saddle-stitching (layout/impose.h) */
    gp_edition edition;        /* which sheet (--edition) */
    gp_hyph_cache *hyphs;      /* hyphenation patterns, shared by the guides of a run */
    bool helper_threads;       /* the guide may use threads of its own (a run of one guide: in a
                                  batch, the other guides keep the cores busy) */
} gp_job_opts;

/* A content file read ahead on a thread of its own (a run of one guide:
 * its brand is read meanwhile): its tree, for the check of what an output
 * could replace, and its document, which the guide's job takes over. */
typedef struct gp_job_ahead gp_job_ahead;
gp_job_ahead *gp_job_ahead_start(const char *path); /* NULL: left to the job (a file over 1 MiB) */
/* The content's tree, once parsed (NULL if it did not parse). */
const gp_node *gp_job_ahead_tree(gp_job_ahead *ah);
void gp_job_ahead_free(gp_job_ahead *ah); /* accepts NULL */

/* What one guide is built from: a content file, and a season's row for it. */
typedef struct gp_job_input {
    const char *path;
    const gp_screening *screening; /* the row's screening (gp_screening_apply), or NULL */
    gp_job_ahead *ahead;           /* the file read ahead, or NULL */
} gp_job_input;

/* Builds the guide for `in` into `output` (atomically; GP_STDOUT_PATH:
 * standard output). Diagnostics are appended to d. Returns true if the
 * guide was written (or, with check_only, would have been; with preflight,
 * and nothing was found). */
bool gp_job_run(const gp_job_input *in, const char *output, const gp_job_opts *o, gp_diags *d);

/* A combined PDF (README "A season in one command"): each guide laid out and kept
 * (its display list, with the memory and fonts it points into), then all
 * of them written as one file, each starting on an odd page with one
 * bookmark. gp_job_lay_out returns NULL if the guide failed. */
typedef struct gp_guide gp_guide;
gp_guide *gp_job_lay_out(const gp_job_input *in, const gp_job_opts *o, gp_diags *d);
/* The guides that were laid out (NULLs are the failed ones, left out; at
 * least one is not), in order, into `output`, then freed; `title` is the document's (a season's
 * name), or NULL. With timings, each guide's line (load, layout) came from
 * gp_job_lay_out; the file's fonts, writing and close get one line here. */
bool gp_job_write_combined(gp_guide **guides, size_t n, const char *output, const char *title,
                           const gp_job_opts *o, gp_diags *d);
void gp_guide_free(gp_guide *g);

#endif
