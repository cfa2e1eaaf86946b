/* Imposition: display-list passes that place a guide's pages on the
 * sheets they are printed on. */
#ifndef GP_IMPOSE_H
#define GP_IMPOSE_H

#include "layout/dlist.h"

/* The logical page (0-based) printed on one half of a booklet's side, or
 * -1 for a blank: `pages` padded to a multiple of 4 with blanks before the
 * last `back_pages` pages; side s (0-based, front and back of each sheet
 * in turn), half 0 the left. */
int gp_booklet_page(int pages, int back_pages, int side, int half);
/* Imposes dl for saddle-stitching (fold and staple): two pages side by side
 * on each side of a sheet twice the page's width, sides in the order of
 * duplex printing flipped on the short edge; every item (links included)
 * and bookmark moved with its page, and a fold mark at the top and bottom
 * edges between the pages. */
void gp_impose_booklet(gp_dlist *dl);

/* Print-shop pages: each page grows by `bleed` on every side (and by room
 * for crop marks outside it, if asked), colour that touches the page's
 * edge runs on into the bleed, and dl->trim and dl->bleed say where the
 * finished page and its bleed are on the grown one. */
void gp_impose_bleed(gp_dlist *dl, double bleed, bool crop_marks);

#endif
