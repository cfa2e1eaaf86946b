/* Shaping a lone guide's words on the second core while the first lays the
 * guide out (text/ahead.c). */
#ifndef GP_AHEAD_H
#define GP_AHEAD_H

#include "text/para.h"

typedef struct gp_ahead gp_ahead;

/* A paragraph to shape, in styles[style]. */
typedef struct gp_ahead_para {
    const gp_para *p;
    int style;
} gp_ahead_para;

/* Starts shaping the words of paras[0, n) on a side thread (base/work.h),
 * for tc's gp_para_set to find; NULL (nothing started) unless
 * tc->shape_ahead (a lone guide) on two cores or more, for a thread's
 * later guides (its word cache has their words: --watch), or with
 * GUIDEPRESS_NO_AHEAD set (to compare). The styles are copied (layout may
 * change its own); paras, and the faces and features they name, must last
 * until gp_ahead_stop. */
gp_ahead *gp_ahead_start(gp_textctx *tc, const gp_ahead_para *paras, size_t n, const gp_text_style *styles,
                         size_t nstyles);
/* Stops the thread and waits for it (a: NULL, nothing). */
void gp_ahead_stop(gp_textctx *tc, gp_ahead *a);

#endif
