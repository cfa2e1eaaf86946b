/* The display list: pages of positioned items, the contract between layout
 * and the PDF writer. Plain data, so tests can check positions, frames and
 * page breaks without parsing PDF.
 *
 * Coordinates are points from the page's top-left corner, y growing down.
 * A text item's (x, y) is the start of its baseline. */
#ifndef GP_DLIST_H
#define GP_DLIST_H

#include "base/color.h"
#include "base/diag.h"
#include "base/glyph.h"
#include "base/image.h"

#include <hb.h>
#include <stdio.h>

/* A face the display list prints with: everything the PDF stage needs to
 * embed it. */
typedef struct gp_dl_font {
    char *path;
    int index;                /* in a font collection */
    hb_font_t *hb_font;       /* a reference to the text stage's, at units_per_em scale */
    double upem;
    double ascender, descender, cap_height; /* in em, descender negative */
} gp_dl_font;

/* What a text item is, for tagged output and per-role settings. */
typedef enum { GP_DL_ROLE_BODY, GP_DL_ROLE_HEADING, GP_DL_ROLE_QUOTE, GP_DL_ROLE_LABEL } gp_dl_role;

typedef enum {
    GP_DL_TEXT,
    GP_DL_RECT,
    GP_DL_RULE,
    GP_DL_IMAGE,
    GP_DL_LINK,
    GP_DL_QR,    /* a QR code: box is the symbol with its quiet zone, url what it encodes */
} gp_dl_kind;

typedef struct gp_box {
    double x, y, w, h;
} gp_box;

typedef struct gp_dl_item {
    gp_dl_kind kind;
    gp_box box;           /* TEXT: x, baseline y, width, size; RECT/IMAGE/LINK: the rectangle;
                             RULE: from (x, y) to (x + w, y + h) */
    gp_box frame;         /* the column or panel the item belongs in */
    gp_rgb color;
    double line_width;    /* RULE */
    int font;             /* TEXT: index in the list's fonts */
    const gp_glyph *glyphs; /* TEXT: a glyph run, advances in points, clusters indexing text */
    size_t nglyphs;
    const uint32_t *text; /* TEXT: the characters the glyphs show, in logical order */
    size_t ntext;
    double letter_spacing; /* TEXT: points the glyphs' advances add after each cluster of a word but its last */
    gp_dl_role role;      /* TEXT */
    const char *language; /* TEXT: BCP 47, or NULL */
    const gp_image *image; /* IMAGE */
    const char *url;      /* LINK */
    gp_loc loc;           /* the content that produced it */
    const unsigned char *modules; /* QR: side x side, row by row from the top, nonzero = dark */
    int side;             /* QR: modules per side, without the quiet zone */
} gp_dl_item;

typedef struct gp_dl_page {
    gp_dl_item *items;
    size_t count, cap;
    size_t nbackground;   /* items [0, nbackground) are drawn first (panel shading) */
} gp_dl_page;

typedef struct gp_dl_mark {
    const char *title;
    int page;
    double y;
} gp_dl_mark;

typedef struct gp_dlist {
    double page_w, page_h;
    gp_dl_page *pages;
    size_t npages, cap;
    gp_dl_mark *marks;    /* the outline: one bookmark per section */
    size_t nmarks, capmarks;
    const char *title, *author, *subject;
    int back_pages;       /* the last pages are the back page's: a booklet keeps them last */
    gp_box trim, bleed;   /* the finished page and its bleed on the media (w 0: the whole page) */
    bool black_k;         /* black and near-black text is filled as pure K (DeviceGray 0) */
    const char *pdfx_profile; /* PDF/X-4 with this CMYK ICC profile as its output intent, or NULL */
    const char *pdfx_profile_name;
    gp_dl_font *fonts;
    size_t nfonts;
} gp_dlist;

/* Makes sure the page exists (pages may be empty). */
void gp_dlist_page(gp_dlist *dl, int page);
gp_dl_item *gp_dlist_add(gp_dlist *dl, int page, gp_dl_kind kind);
/* A background item: drawn beneath the page's other items. */
gp_dl_item *gp_dlist_add_background(gp_dlist *dl, int page, gp_dl_kind kind);
/* Adds a font (the list takes a reference to hb_font); returns its index. */
int gp_dlist_add_font(gp_dlist *dl, const char *path, int index, hb_font_t *hb_font, double ascender,
                      double descender, double cap_height);
void gp_dlist_mark(gp_dlist *dl, const char *title, int page, double y);
void gp_dlist_free(gp_dlist *dl);
/* A stable text form, one item per line (for tests and --dump-dlist). */
void gp_dlist_dump(FILE *out, const gp_dlist *dl);

#endif
