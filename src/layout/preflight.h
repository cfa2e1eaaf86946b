/* Preflight (--preflight): what a print shop would reject, found on the
 * display list of a guide and reported as warnings at the content that
 * produced each item. */
#ifndef GP_PREFLIGHT_H
#define GP_PREFLIGHT_H

#include "base/diag.h"
#include "layout/dlist.h"
#include "style/brand.h"

/* A print shop's limits. */
#define GP_PREFLIGHT_MIN_PPI 300.0
#define GP_PREFLIGHT_SAFE_MM 3.0

/* Warns (in d) about every image under GP_PREFLIGHT_MIN_PPI at its printed
 * size, every RGB image when the brand prints CMYK, and every text item
 * closer than GP_PREFLIGHT_SAFE_MM to the trim. Returns how many items
 * were found wanting. Run it before any imposition: it reads the pages. */
size_t gp_preflight(const gp_dlist *dl, const gp_brand *brand, gp_diags *d);

#endif
