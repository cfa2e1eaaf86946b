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

/* What a text item is, for per-role settings (font features) and the
 * tagged PDF. The one list of role names. */
typedef enum {
    GP_DL_ROLE_BODY,            /* paragraphs */
    GP_DL_ROLE_TITLE,           /* the film's title on the cover */
    GP_DL_ROLE_HEADING,         /* section headings, the back page's heading, repeated headings */
    GP_DL_ROLE_THEME_TITLE,     /* theme titles, the notes label */
    GP_DL_ROLE_NUMBER,          /* question numbers and bullets */
    GP_DL_ROLE_QUESTION,        /* a question's text */
    GP_DL_ROLE_LABEL,           /* small labels: "Directed by", the brand's name, sources, figure labels */
    GP_DL_ROLE_FIGURE,          /* call-out figures */
    GP_DL_ROLE_QUOTE,           /* pull quotes, reviews, the logline */
    GP_DL_ROLE_CAPTION,         /* attributions, interview questions' askers */
    GP_DL_ROLE_LINK,            /* printed addresses (linked words in text keep their paragraph's role;
                                   their element is a Link) */
    GP_DL_ROLE_FOOTER,
    GP_DL_ROLE_COUNT
} gp_dl_role;

/* The logical structure a tagged PDF gives a screen reader: a tree of
 * these (PDF 1.7 §14.8.4 standard structure types). */
typedef enum {
    GP_DL_TAG_DOCUMENT,
    GP_DL_TAG_SECT,
    GP_DL_TAG_ASIDE,            /* a panel section, a pull quote */
    GP_DL_TAG_H1,               /* the title */
    GP_DL_TAG_H2,               /* section headings */
    GP_DL_TAG_H3,               /* theme titles */
    GP_DL_TAG_P,
    GP_DL_TAG_L,
    GP_DL_TAG_LI,
    GP_DL_TAG_LBL,
    GP_DL_TAG_LBODY,
    GP_DL_TAG_LINK,
    GP_DL_TAG_FIGURE,
    GP_DL_TAG_COUNT
} gp_dl_tag;

/* A structure element. Its children are the nodes naming it as parent, in
 * the order they were added, which is the reading order. */
typedef struct gp_dl_node {
    gp_dl_tag tag;
    int parent;               /* a node id; 0 for the document */
    const char *alt;          /* FIGURE: the alternative text */
} gp_dl_node;

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
    const gp_glyph *glyphs; /* TEXT: a glyph run, left to right, advances in points, clusters indexing text */
    size_t nglyphs;
    const uint32_t *text; /* TEXT: the characters the glyphs show, in logical order; LINK: the linked ones */
    size_t ntext;
    double letter_spacing; /* TEXT: points the glyphs' advances add after each cluster of a word but its last */
    bool rtl;             /* TEXT: right-to-left text: the glyphs' clusters decrease */
    gp_dl_role role;      /* TEXT */
    bool space_after;     /* TEXT: the line ends after it at a word space (which the break took): a
                             tagged PDF gives that space back, so words at line ends stay apart */
    const char *language; /* TEXT: BCP 47, or NULL */
    int node;             /* the structure element it belongs to (an id from gp_dlist_node), or 0:
                             an artifact (decoration, footers, repeated headings) */
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
    int level;            /* 0: top; a combined PDF's guides are 0, their sections 1 */
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
    const char *language; /* the guide's (BCP 47) */
    gp_dl_node *nodes;    /* the structure tree: nodes[0] unused (id 0 is "artifact"), nodes[1] the
                             document; none (nnodes 0): an untagged PDF */
    size_t nnodes, capnodes;
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
/* Adds a structure element under the node `parent` (0 for the document
 * element, the first one added); returns its id (from 1). */
int gp_dlist_node(gp_dlist *dl, gp_dl_tag tag, int parent);
/* The tag's PDF name ("H2", "LBody"), the role's dump name ("theme-title"). */
const char *gp_dl_tag_name(gp_dl_tag tag);
const char *gp_dl_role_name(gp_dl_role role);
void gp_dlist_free(gp_dlist *dl);
/* Appends a guide's pages to a combined list (README "A season in one command"): from
 * an odd page (a blank one put before it if need be), under one bookmark
 * (the guide's title) that holds its own, its fonts shared with the list's
 * by file. The items still point into the guide's memory (glyphs, text,
 * images): the guide must outlive `into`. */
void gp_dlist_append(gp_dlist *into, const gp_dlist *guide);
/* A stable text form, one item per line (for tests and --dump-dlist). */
void gp_dlist_dump(FILE *out, const gp_dlist *dl);

#endif
