/* Font embedding: each display-list font as a Type0 font over a
 * CIDFontType2, built from HarfBuzz's subset of the glyphs it prints. */
#ifndef GP_FONT_EMBED_H
#define GP_FONT_EMBED_H

#include "pdf/cids.h"

#include <hpdf.h>

/* The font `id` of the display list, its CIDs as cids numbers them; NULL
 * with a message in err. */
HPDF_Font gp_font_embed(HPDF_Doc pdf, const gp_dl_font *font, int id, const gp_cid_font *cids, char *err,
                        size_t errlen);

#endif
