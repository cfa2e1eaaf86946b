/* The face a subset plan is made from: a face whose cmap holds just the
 * printed characters, so that a plan given glyphs reads a cmap of a
 * hundred entries, not the font's thousands (subset_face.c). */
#ifndef GP_SUBSET_FACE_H
#define GP_SUBSET_FACE_H

#include "pdf/cids.h"

#include <hb.h>

/* A new face of font's tables but those in drop[0..ndrop) and its cmap,
 * and a cmap of the characters that cids prints as the font's cmap gives
 * them; NULL if that cannot be made (a CFF font, whose tables HarfBuzz
 * would parse again, or too many characters for one format 4 subtable). */
hb_face_t *gp_subset_face(hb_font_t *font, const gp_cid_font *cids, const hb_tag_t *drop, size_t ndrop);

#endif
