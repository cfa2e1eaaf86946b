/* Layout: the document, the brand and the text engine in, a display list out.
 *
 * Pages are filled top to bottom by flows (a column on a run of pages).
 * Nothing is ever clipped: text that does not fit goes to the next page. */
#ifndef GP_LAYOUT_H
#define GP_LAYOUT_H

#include "layout/dlist.h"
#include "load/doc.h"
#include "text/para.h"

enum { GP_MAX_PAGES = 2000 };

/* Lays out a whole guide into dl (which must be zeroed). Faces are opened
 * into tc->fonts. Returns false if a font cannot be opened or the guide
 * would run past GP_MAX_PAGES pages (an error in tc->d either way). */
bool gp_layout_guide(gp_textctx *tc, const gp_doc *doc, const gp_brand *brand, bool booklet, gp_dlist *dl);

#endif
