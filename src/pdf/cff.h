/* OpenType fonts with CFF outlines, as the PDF embeds them: a CIDFontType0
 * whose font program is the subset's CFF table (/FontFile3 /Subtype
 * /CIDFontType0C). Such a font has no CIDToGIDMap: a viewer picks the glyph
 * of a CID through the CFF's charset if the CFF is CID-keyed (Noto Sans CJK),
 * or takes the CID as the glyph ID if it is name-keyed (EB Garamond; PDF 2.0,
 * 9.7.4.2, which is what FreeType, pdf.js and poppler do). */
#ifndef GP_PDF_CFF_H
#define GP_PDF_CFF_H

#include <hb.h>
#include <stdbool.h>
#include <stdint.h>

/* Whether the face's outlines are CFF (a 'CFF ' table). */
bool gp_face_is_cff(hb_face_t *face);
/* For a CID-keyed CFF, each glyph's CID (malloc'd, nglyphs of them; the
 * subsetter keeps them); NULL for a name-keyed one. */
uint16_t *gp_cff_cids(hb_face_t *face, uint32_t nglyphs);

#endif
