/* Preflight: what a print shop would reject, read off the display list. */
#ifndef GP_PREFLIGHT_H
#define GP_PREFLIGHT_H

#include "base/diag.h"
#include "layout/dlist.h"

/* One warning in d, at the content that made it, for each image printed
 * under 300 ppi and each run of text within 3 mm of the trim (the page's
 * edge, or dl->trim). Returns the number of warnings. */
size_t gp_preflight(const gp_dlist *dl, gp_diags *d);

#endif
