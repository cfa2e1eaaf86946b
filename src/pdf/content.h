/* Page content streams, written from the display list without libharu, so
 * that they can be written (and deflated) on another thread while libharu
 * loads the fonts. */
#ifndef GP_PDF_CONTENT_H
#define GP_PDF_CONTENT_H

#include "layout/dlist.h"
#include "pdf/cids.h"

#include <stdint.h>

/* One page's content stream, deflated, and the resources it names: fonts
 * /F1, /F2, ... and images /X1, /X2, ... in order of first use (the names
 * libharu gives them when they are registered in that order), and under
 * PDF/X the colour space GP_CONTENT_SRGB (RGB colours, pdfx.h). */
#define GP_CONTENT_SRGB "sRGB"
typedef struct gp_page_content {
    unsigned char *data;
    size_t len;
    int *faces; /* face ids */
    size_t nfaces;
    const gp_image **images;
    size_t nimages;
    int *mcid_nodes;          /* a tagged PDF's marked content, by MCID (from 0 on each page): */
    const char **mcid_langs;  /*   its element, and its text's language (NULL: not text) */
    size_t nmcids, capmcids;
} gp_page_content;

/* In a tagged list (dl->nnodes > 0) every item drawn is marked content:
 * an element's (/P <</MCID n>> BDC ... EMC, an item's run of items of one
 * element and language one MCID) or an artifact (/Artifact BMC ... EMC).
 * Starts writing the pages of dl on another thread, if `threaded` (and one
 * can be started); dl and cids must not change until gp_content_finish. */
typedef struct gp_content_job gp_content_job;
gp_content_job *gp_content_start(const gp_dlist *dl, const gp_cids *cids, bool threaded);
/* Writes the pages the thread has not taken yet, waits for the rest: an
 * array of dl->npages, or NULL if zlib failed. Free with gp_content_free. */
gp_page_content *gp_content_finish(gp_content_job *job);
void gp_content_free(gp_page_content *pages, size_t npages);

/* The element a tagged run of text belongs to: its /ActualText spans get
 * MCIDs of their own, recorded in `page` for `node` (the element's tag,
 * the text's language), the element's marked content ended before each
 * and opened again, with a new MCID, before the glyphs after it. `open`:
 * whether the element's marked content is open (on entry and return). */
typedef struct gp_tj_marks {
    gp_page_content *page;
    int node;
    const char *tag, *lang;
    bool open;
} gp_tj_marks;

/* The text operators of one glyph run: its glyphs' codes (cids.h: their
 * CIDs and own_text as gp_cids_run gives them) as two-byte
 * strings in a TJ array whose adjustments put each glyph where HarfBuzz
 * and the layout put it (advances and x offsets, in points), given the
 * PDF's widths (f) and Tc = char_space; a glyph raised or lowered (y
 * offset) is shown with Ts, *rise being the one in force, and a cluster
 * of several glyphs, a glyph drawn off the pen, or a glyph whose CID
 * stands for another text (a CFF font's, cids.h), is wrapped in an
 * /ActualText span of its characters (`rtl`: a right-to-left run, whose
 * glyphs come left to right, clusters decreasing).
 * In a tagged element's text (marks, else NULL) each span is marked
 * content of its own, between the element's (see gp_tj_marks).
 * Writes at most n * 96 + ntext * 8 + 16 bytes to out (n * 192 + ... with
 * marks); returns the end. */
char *gp_content_tj(char *out, const gp_cid_font *f, const uint16_t *cids, const bool *own_text, double size,
                    double char_space, const gp_glyph *glyphs, size_t n, const uint32_t *text, size_t ntext, bool rtl,
                    double *rise, gp_tj_marks *marks);

#endif
