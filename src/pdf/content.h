/* Page content streams, written from the display list without libharu, so
 * that they can be written (and deflated) on another thread while libharu
 * loads the fonts. */
#ifndef GP_PDF_CONTENT_H
#define GP_PDF_CONTENT_H

#include "layout/dlist.h"

#include <stdint.h>

/* CIDs: the code points a guide prints, numbered 1, 2, 3... in code point
 * order, the same in every font (CID 0 shows .notdef). Fonts' tables then
 * run only as long as the list of what is printed, where numbering by
 * Unicode made each font's CID-to-glyph map 16 KB for a curly quote. */
typedef struct gp_cids {
    uint64_t used[1024];   /* printed BMP code points, cp & 63 the bit of used[cp >> 6] */
    uint16_t before[1024]; /* how many are printed before each word of 64 */
} gp_cids;
/* The CIDs for every code point some face of fs prints. */
void gp_cids_init(gp_cids *c, const gp_fontset *fs);
/* cp's CID, or 0 if it is not printed. */
static inline uint16_t gp_cid(const gp_cids *c, uint32_t cp)
{
    if (cp > 0xFFFF || !(c->used[cp >> 6] >> (cp & 63) & 1))
        return 0;
    uint64_t below = c->used[cp >> 6] & ((UINT64_C(1) << (cp & 63)) - 1);
    return (uint16_t)(c->before[cp >> 6] + __builtin_popcountll(below) + 1);
}

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

/* Starts writing the pages of dl on another thread, if `threaded` (and one
 * can be started). The faces' advance caches must be filled for every code
 * point they print (gp_content_prepare: layout marks each one) before, and
 * dl and cids must not change until gp_content_finish. */
typedef struct gp_content_job gp_content_job;
void gp_content_prepare(const gp_fontset *fs);
gp_content_job *gp_content_start(const gp_dlist *dl, const gp_cids *cids, bool threaded);
/* Writes the pages the thread has not taken yet, waits for the rest: an
 * array of dl->npages, or NULL if zlib failed. Free with gp_content_free. */
gp_page_content *gp_content_finish(gp_content_job *job);
void gp_content_free(gp_page_content *pages, size_t npages);

/* The text operators of one line: its code points as two-byte CIDs in a
 * TJ array whose adjustments put each glyph where the layout
 * measured it (adv, in points), given the PDF's widths (gp_face_advance,
 * as float) and Tc = char_space. Writes at most n * 32 + 16 bytes to out;
 * returns the end. */
char *gp_content_tj(char *out, const gp_cids *cids, const gp_face *face, double size, double char_space,
                    const uint32_t *cps, const double *adv, size_t n);

#endif
