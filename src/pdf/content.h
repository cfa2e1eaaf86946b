/* Page content streams, written from the display list without libharu, so
 * that they can be written (and deflated) on another thread while libharu
 * loads the fonts. */
#ifndef GP_PDF_CONTENT_H
#define GP_PDF_CONTENT_H

#include "layout/dlist.h"

/* One page's content stream, deflated, and the resources it names: fonts
 * /F1, /F2, ... and images /X1, /X2, ... in order of first use (the names
 * libharu gives them when they are registered in that order). */
typedef struct gp_page_content {
    unsigned char *data;
    size_t len;
    int *faces; /* face ids */
    size_t nfaces;
    const gp_image **images;
    size_t nimages;
} gp_page_content;

/* Starts writing every page of dl on another thread (or here, if no thread
 * can be started). The faces' advance caches must be filled for every code
 * point the list prints (gp_content_prepare) before, and dl must not change
 * until gp_content_finish. */
typedef struct gp_content_job gp_content_job;
void gp_content_prepare(const gp_dlist *dl);
gp_content_job *gp_content_start(const gp_dlist *dl);
/* Waits for the pages: an array of dl->npages, or NULL if out of memory
 * or zlib failed. Free with gp_content_free. */
gp_page_content *gp_content_finish(gp_content_job *job);
void gp_content_free(gp_page_content *pages, size_t npages);

/* The text operators of one line: its code points as two-byte CIDs (CID =
 * Unicode) in a TJ array whose adjustments put each glyph where the layout
 * measured it (adv, in points), given the PDF's widths (gp_face_advance,
 * as float) and Tc = char_space. Writes at most n * 32 + 16 bytes to out;
 * returns the end. */
char *gp_content_tj(char *out, const gp_face *face, double size, double char_space, const uint32_t *cps,
                    const double *adv, size_t n);

#endif
