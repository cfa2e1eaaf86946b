/* One guide, from content file to PDF: the pipeline in order. */
#ifndef GP_JOB_H
#define GP_JOB_H

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
    bool facilitator;          /* the facilitator edition: with the facilitator's notes */
    gp_hyph_cache *hyphs;      /* hyphenation patterns, shared by the guides of a run */
    bool helper_threads;       /* the guide may use threads of its own (a run of one guide: in a
                                  batch, the other guides keep the cores busy) */
} gp_job_opts;

/* Builds the guide for `input` into `output` (atomically; GP_STDOUT_PATH:
 * standard output). Diagnostics are appended to d. Returns true if the
 * guide was written (or, with check_only, would have been; with preflight,
 * and nothing was found). */
bool gp_job_run(const char *input, const char *output, const gp_job_opts *o, gp_diags *d);

#endif
