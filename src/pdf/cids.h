/* CIDs: for each font, the (glyph, text) pairs a guide prints, numbered 1,
 * 2, 3... in the order of their texts (CID 0 shows .notdef; cids.c). A glyph printed for
 * two texts (the space glyph for U+0020 and U+00A0) gets two CIDs, so that
 * ToUnicode can give each its own text; a ligature's CID maps to all its
 * characters. Fonts' tables run only as long as the list of what is
 * printed. A CFF font cannot map two codes to one glyph (cff.h): each glyph
 * has one CID, with the text it was first printed for, and wherever it
 * stands for another text, that text is its /ActualText. */
#ifndef GP_PDF_CIDS_H
#define GP_PDF_CIDS_H

#include "layout/dlist.h"

#include <stdint.h>

typedef struct gp_cid {
    uint32_t gid;
    const uint32_t *text;   /* what it stands for (in the display list), len characters; 0 for a
                               cluster's glyphs after its first */
    uint32_t len;
    bool reversed;          /* written in ToUnicode last character first (a right-to-left run's
                               ligature: see gp_utf16_hex) */
    uint16_t next;          /* the next CID of the same glyph, 0 if none */
    uint16_t code;          /* what the content stream shows for it: the CID itself, or in a CFF
                               font the glyph's ID (or CID, if CID-keyed) in the font program */
    float width;            /* the glyph's advance, 1/1000 em: the PDF's /W */
} gp_cid;

typedef struct gp_cid_font {
    uint16_t *by_gid;       /* each glyph's first CID, 0 if it is not printed */
    uint32_t nglyphs;       /* glyphs in the face */
    bool cff;               /* CFF outlines: one CID per glyph, coded as cff.h says */
    uint16_t *cff_cids;     /* a CID-keyed CFF's CIDs by glyph, else NULL */
    double upem;            /* the face's units per em (glyphs' offsets) */
    gp_cid *cids;           /* by CID; cids[0] is .notdef */
    size_t count, cap;      /* count includes CID 0 */
    bool one_byte;          /* codes are one byte (a TrueType font of at most 256 CIDs): the content
                               streams' strings are half as long (font_embed.h) */
    uint16_t space;         /* the space glyph's CID for U+0020, if a tagged line ends at a space in
                               this font (content.c gives the space back there); 0 if none */
} gp_cid_font;

typedef struct gp_cids {
    gp_cid_font *fonts;     /* by the display list's font index */
    size_t nfonts;
    uint16_t *glyph_cids;   /* each printed glyph's CID, text item after text item (as gp_cid_of) */
    bool *own_text;         /* and whether ToUnicode maps that CID to the glyph's own text */
    size_t *page_items;     /* by page: the number of the page's first item among all pages' */
    size_t *run_start;      /* by that number: where the item's glyphs start in glyph_cids */
} gp_cids;

/* Numbers every glyph the display list prints. */
void gp_cids_init(gp_cids *c, const gp_dlist *dl);
void gp_cids_free(gp_cids *c);
/* The CIDs of the glyphs of a text item (item of page), and whether each
 * is mapped to its own text: looked up once, as gp_cids_init numbered them. */
const uint16_t *gp_cids_run(const gp_cids *c, size_t page, size_t item, const bool **own_text);
/* The CID of glyph i of a run (right to left: `rtl`), 0 if it was not
 * numbered; if own_text is not NULL, whether ToUnicode maps that CID to the
 * glyph's own text. */
uint16_t gp_cid_of(const gp_cid_font *f, const gp_glyph *glyphs, size_t i, size_t nglyphs, const uint32_t *text,
                   size_t ntext, bool rtl, bool *own_text);
/* Whether ToUnicode maps CID c to its text: one of at most
 * GP_TOUNICODE_MAX UTF-16 units (MuPDF ignores longer mappings: a
 * ZWJ family, a subdivision flag), else its text is /ActualText. */
enum { GP_TOUNICODE_MAX = 8 };
bool gp_cid_mapped(const gp_cid *e);
/* The characters glyph i of a run stands for: [*start, *start + return). A
 * cluster's text belongs to its first glyph (in the run's left-to-right
 * order); the rest stand for none. Clusters increase along a run, or
 * decrease along a right-to-left one. */
size_t gp_glyph_text(const gp_glyph *glyphs, size_t i, size_t nglyphs, size_t ntext, size_t *start);

/* text as UTF-16BE in hex digits (surrogate pairs beyond the BMP), at
 * most 8 bytes a character; returns how many it wrote. `reversed`: last
 * character first, for the text of one glyph or span of a right-to-left
 * run: text extractors (poppler, pdf.js) read a line's characters left to
 * right and turn its right-to-left stretches round, so the characters of
 * a lam-alef ligature or of a letter with its marks must come in visual
 * order to come back in logical order. */
int gp_utf16_hex(char *out, const uint32_t *text, size_t len, bool reversed);
/* v's last `digits` hex digits, in capitals (without a NUL); returns the end. */
char *gp_hex(char *out, uint32_t v, int digits);

#endif
