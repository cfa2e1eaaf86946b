/* Font embedding: each display-list font as a Type0 font over a
 * CIDFontType2 (TrueType) or CIDFontType0 (CFF), built from HarfBuzz's subset
 * of the glyphs it prints. */
#ifndef GP_FONT_EMBED_H
#define GP_FONT_EMBED_H

#include "pdf/cids.h"

#include <hb-subset.h>
#include <hpdf.h>

/* The subset of the glyphs cids prints (NULL if HarfBuzz cannot make one). */
hb_subset_plan_t *gp_font_plan(const gp_dl_font *font, const gp_cid_font *cids);
/* A name-keyed CFF font's codes are its glyphs' IDs in the subset (cff.h):
 * sets them, before the pages are written. */
void gp_font_number_codes(hb_subset_plan_t *plan, gp_cid_font *cids);
/* The font `id` of the display list, its CIDs as cids numbers them, from
 * its plan (which it destroys); NULL with a message in err. The fonts of
 * one-byte codes share the encoding *one_byte_cmap (NULL before the first). */
HPDF_Font gp_font_embed(HPDF_Doc pdf, const gp_dl_font *font, int id, const gp_cid_font *cids, hb_subset_plan_t *plan,
                        HPDF_Dict *one_byte_cmap, char *err, size_t errlen);

#endif
