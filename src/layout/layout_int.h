/* Shared by the layout stage's own files: the layout context and flows.
 *
 * Glossary: a frame is the rectangle a flow may fill on one page; a flow
 * is a column that continues from page to page; a keep is a demand that a
 * given height stay together on one page; a widow is a paragraph's last line
 * alone at the top of a page, an orphan its first line alone at the bottom. */
#ifndef GP_LAYOUT_INT_H
#define GP_LAYOUT_INT_H

#include "layout/layout.h"
#include "text/ahead.h"

typedef enum {
    ST_BODY,          /* justified body text */
    ST_RAGGED,        /* ragged body text (lists) */
    ST_QUESTION,      /* a question's text: ragged body text */
    ST_PANEL,         /* text in shaded panels */
    ST_H1,            /* section headings */
    ST_H2,            /* theme titles, panel sub-headings */
    ST_QUOTE,         /* the pull quote (on the body's leading: one grid with it) */
    ST_QUOTE_MARK,    /* its opening mark, two body lines high */
    ST_QUOTE_BY,
    ST_REVIEW,        /* review quotes */
    ST_SOURCE,        /* sources, attributions */
    ST_SMALL,         /* urls */
    ST_CAPTION,       /* a section image's caption */
    ST_NUMBER,        /* question numbers */
    ST_FIGURE,        /* call-out figures */
    ST_FIGURE_LABEL,
    ST_QA_Q,          /* interview questions */
    ST_FOOTER,
    ST_COVER_BRAND,
    ST_COVER_TITLE,
    ST_COVER_SUB,
    ST_COVER_LOGLINE,
    ST_BACK_HEADING,
    ST_BACK_BODY,     /* the back page's text: the body's, in the brand's language */
    ST_HANDOUT_TITLE, /* the film's title atop a handout (the document's H1) */
    ST_BAND_NAME,     /* the back page's band, in white */
    ST_BAND_TAGLINE,
    ST_BAND_URL,
    ST_COUNT
} style_id;

/* What emit_line stamps on the text it adds. */
typedef struct text_tag {
    int node;                  /* its element (0: an artifact) */
    gp_dl_role role;
    int link, link_in;         /* the last link element made, and in which element, */
    const char *link_url;      /* for a link's next run (its next line) */
    gp_lines paragraph;        /* the lines being emitted (their arena's), whose Han is */
    int han_script;            /* Japanese's or Korean's (0: Chinese's; -1: not looked for yet, as most
                                  paragraphs have no Han: han_script_of reads every character) */
    bool line_space;           /* the line being emitted ends at a word space */
} text_tag;

/* Where a notes area ended; open while nothing follows it on its page. */
typedef struct notes_end {
    bool open;
    int page;
    double x, y, w;
} notes_end;

typedef struct layout {
    gp_textctx *tc;
    gp_arena *a;
    const gp_doc *doc;
    const gp_brand *brand;
    gp_dlist *dl;
    gp_text_style st[ST_COUNT];
    double left, right, top, bottom, width;  /* the page's text area */
    double sidebar_share;                    /* of a column's width, for a pull quote (at most 170 pt) */
    int page;                                /* the main cursor: page and top of free space */
    double y;
    gp_loc at;                               /* the content being placed (where the page limit is met) */
    bool full;                               /* the page limit was met: an error is out, nothing more is kept */
    bool rtl;                                /* a right-to-left guide (direction.c) */
    bool handout;                            /* the handout edition: questions and notes only */
    const gp_section *last_printed;          /* the last section the edition prints */
    int document;                            /* the structure tree's root element */
    text_tag tag;
    struct {                                 /* the guide's language, and the ones of scripts it is not */
        const char *script_language[8];      /*   written in, detected for the tagged PDF's /Lang */
        int scripts[8];
        size_t count;
    } lang;
    double space;                            /* vertical spacing's scale (flow_space): flexed to fill pages */
    const gp_section *notes_last;            /* the page-count pass's moves (layout.c): a questions section */
                                             /*   whose notes follow the last section, and the room the */
    double depth_inset;                      /*   body's pages leave free above their foot (a sidebar's quote */
                                             /*   may use it) */
    notes_end notes;                         /* the last notes area (sections.c) */
    struct {                                 /* the repeated heading, as last set */
        const char *heading;
        double w;
        gp_lines lines;
    } continued;
} layout;

typedef struct flow {
    layout *L;
    double x, w;
    int page;
    double y;                 /* top of the free space */
    double top;               /* where text starts on this flow's continuation pages */
    double inset;             /* kept free above the page's bottom (a panel's padding) */
    const char *continued;    /* heading repeated on continuation pages, or NULL */
    double head;              /* the repeated heading's height atop this page (the free space is below) */
    bool dry;                 /* measure only: nothing emitted, no page ends */
    double grid;              /* if > 0, paragraphs start on a baseline grid this far apart, */
    int grid_page;            /* from grid_y on grid_page and from `top` on later pages: */
    double grid_y;            /* facing columns on one grid keep one rhythm */
    int parent;               /* the structure element what is placed goes in (0 in a dry flow) */
    gp_loc loc;
} flow;

/* Where a paragraph's first line went (for hanging numbers and bullets). */
typedef struct placed {
    int page;
    double baseline;
} placed;

/* flow.c */
flow flow_start(layout *L, double x, double w);
flow flow_dry(layout *L, double w);
double flow_room(const flow *f);
void flow_new_page(flow *f);
void flow_need(flow *f, double h);             /* a keep: start a new page unless h fits */
void flow_space(flow *f, double h);            /* vertical space, dropped at a page end */
/* Sets and places a paragraph with widow and orphan control. */
placed flow_para(flow *f, const gp_para *p, style_id s, double indent, gp_loc loc);
placed flow_rich(flow *f, const gp_rich *r, style_id s, double indent, double para_gap);
/* Places already set lines (at x + indent). */
placed flow_lines(flow *f, const gp_lines *ls, style_id s, double indent, gp_loc loc);
placed flow_text(flow *f, const char *text, style_id s, unsigned span_style, gp_loc loc);
double flow_rich_height(layout *L, const gp_rich *r, style_id s, double w, double para_gap);
/* A new structure element in the flow's current one (none in a dry flow). */
int flow_element(flow *f, gp_dl_tag tag);
/* The role its text gets, whether it is an artifact, whether its lines start
 * at the guide's start side whichever way they read (layout.c). */
gp_dl_role style_role(style_id s);
bool style_is_artifact(style_id s);
bool style_is_anchored(style_id s);
/* The element a paragraph set in style s is tagged as. */
gp_dl_tag style_tag(style_id s);
/* The language of a run of text: the guide's, unless its script is one
 * the guide's language is not written in (language.c). */
const char *run_language(layout *L, const uint32_t *text, size_t n);
/* What Han in these lines is written with, for run_language: Japanese
 * where they have kana, Korean where they have Hangul. */
int han_script_of(const gp_lines *ls);
/* Whether a line break after this line took a word space: not after a
 * hyphen or dash, nor in a script written without spaces (CJK, Thai...). */
bool line_ends_at_space(const gp_line *ln);
/* Whether c's script is written without spaces (CJK, Thai...): a line may
 * break between any two of its letters. */
bool breaks_between_letters(uint32_t c);
/* An image scaled to fit max_w x max_h (aligned left, or right) on the
 * flow's page, a Figure in its element with the alternative text given;
 * its box the returned item's (NULL: nothing placed, for want of an
 * image or room). */
gp_dl_item *place_image(flow *f, const gp_image *img, const char *alt, double x, double y, double max_w,
                        double max_h, bool right_align, gp_loc loc);
/* Draws one line at (x, baseline), with link boxes for its linked runs,
 * tagged as L->tag says. */
void emit_line(layout *L, int page, const gp_line *ln, double x, double baseline, double size, gp_box frame,
               gp_loc loc);
double baseline_offset(const gp_text_style *st);
/* Makes sure the page exists, returns it. Past GP_MAX_PAGES: reports the
 * error at L->at once, and returns the last page, emptied, as scratch. */
int layout_page(layout *L, int page);
/* The flow with the later end (page, then y): where two columns' content continues. */
flow flow_later(const flow *a, const flow *b);

/* Type that must fit, one rule for all of layout: a style is set at most a
 * quarter smaller, and never below MIN_TYPE_PT, to fit; where even that
 * does not fit, its text wraps or flows on instead. */
#define MIN_TYPE_PT 6.0
typedef bool (*type_fits_fn)(const gp_text_style *st, const void *ctx);
/* Sets st->size_pt to the largest of 100%, 95%, ... 75% of it (not below
 * MIN_TYPE_PT) at which fits() holds; false, the size unchanged, if none. */
bool fit_type_size(gp_text_style *st, type_fits_fn fits, const void *ctx);

/* Repeated text (headings on continuation pages, footers) is shortened, not
 * wrapped without end: at most max_lines lines of width w in style st. */
typedef struct text_box {
    const gp_text_style *st;
    double w;
    size_t max_lines;
    gp_loc loc;
} text_box;
typedef const char *(*compose_fn)(layout *L, const char *cut, const void *ctx);
size_t text_line_count(layout *L, const char *text, text_box box);
/* s if compose(s) fits the box, else the longest prefix of s + "…" whose
 * composition fits, cut at a word end where one is near; at the least "…". */
const char *shorten_to_fit(layout *L, text_box box, const char *s, compose_fn compose, const void *ctx);
const char *compose_as_is(layout *L, const char *cut, const void *ctx);

/* alt.c: the alternative text of a picture the content or brand gives
 * none for, in the guide's language: the poster of the film `what` (its
 * title), the logo of the club `what` (its name, or NULL), a picture in
 * the file `what`. */
typedef enum { ALT_POSTER, ALT_LOGO, ALT_PICTURE } alt_kind;
const char *default_alt(layout *L, alt_kind kind, const char *what);
/* direction.c: n in the guide's language's digits (۲۰۱۱ in Persian), in the arena */
const char *layout_number(layout *L, long n);
/* direction.c: mirrors every page left for right (a right-to-left guide from its
 * left-to-right layout). */
void layout_mirror(gp_dlist *dl);
/* qr.c: a printed url, with a QR code beside it unless the brand says
 * `qr_codes: false` (or it is not a web or mail address) */
void flow_url(flow *f, const char *url, double indent, style_id s, gp_loc loc);
/* Each linked address in r, printed so (flow_url): links inline in text */
void flow_rich_urls(flow *f, const gp_rich *r, double indent, style_id s);

/* sections.c */
/* Whether the section is printed in the guide's edition (the handout: the
 * questions only). */
bool layout_in_edition(const layout *L, const gp_section *s);
void layout_section(layout *L, flow *f, const gp_section *s);
/* The sections' paragraphs in the order they are printed, each with the
 * style its body sets it in, for shaping ahead (text/ahead.h): a hint, so
 * a type or field not named there is only not shaped ahead. malloc'd. */
gp_ahead_para *ahead_paras(const gp_doc *doc, size_t *n);
/* A questions section's notes area (none for L->notes_last but where
 * lay_sections puts it, after the last section). */
void layout_notes(layout *L, flow *f, const gp_section *s);
/* The notes area that ended a page runs on to its foot (the notes flex). */
void notes_to_page_foot(layout *L);
/* Ruled lines for notes under the notes label, from y to the page's foot. */
void notes_page(layout *L, int page, double y);
/* Whether the label and a few lines fit between y and the page's foot. */
bool notes_fit(const layout *L, double y);
/* cover.c */
void layout_cover(layout *L);
/* The handout has no cover: the club, the film and its screening in a few
 * lines atop its first page, where its questions follow. */
void layout_handout_head(layout *L);
/* The back page is the brand's: a brand with nothing to say has none. */
bool layout_has_back(const layout *L);
/* Returns the back page's first page (the band may take it further). */
int layout_back(layout *L);

#endif
