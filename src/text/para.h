/* Setting a paragraph: rich spans in, broken lines of positioned glyph runs out.
 *
 * Glossary: a box is an unbreakable piece of text; glue is stretchable
 * space (a break may happen at it); a penalty is a possible break with a
 * cost (and a width, e.g. the hyphen shown if the break is taken); leading
 * is the distance from one baseline to the next. */
#ifndef GP_PARA_H
#define GP_PARA_H

#include "load/rich.h"
#include "text/font.h"
#include "text/hyph.h"

typedef struct gp_text_style {
    gp_face *faces[GP_FACE_COUNT];  /* by GP_FACE_* */
    gp_features features;           /* the role's OpenType features over HarfBuzz's defaults */
    double size_pt, leading_pt;
    double script_scale;            /* the guide's own script is set this much larger in a fallback face
                                       (gp_face_size_adjust; 0 or 1: not): lines place their baseline by it */
    double above_pt;                /* of leading_pt, the room kept above the line for a tall script's
                                       ascenders (Nastaliq's cascades) */
    gp_rgb color, link_color;
    unsigned style_flip;            /* GP_SPAN_* bits toggled on every span (italic quote text) */
    bool justify, hyphenate;
} gp_text_style;

/* One face's glyphs on a line, of one direction; x is from the line's
 * left end. A line's runs come in logical (reading) order, each at its
 * place in the visual order. */
typedef struct gp_run {
    gp_face *face;
    double size_pt;
    gp_rgb color;
    double x, width;
    double letter_spacing;          /* points the line adds after each cluster of a word but its last
                                       (included in the glyphs' advances) */
    const gp_glyph *glyphs;         /* as shaped, spacing and glue included, left to right; clusters index
                                       text (so they decrease in a right-to-left run) */
    size_t nglyphs;
    const uint32_t *text;           /* the characters the glyphs stand for */
    size_t ntext;
    const char *url;
    const char *lang;               /* the language the content gives the run's span, or NULL */
    bool rtl;                       /* right to left (an odd bidi level) */
} gp_run;

typedef struct gp_line {
    gp_run *runs;
    size_t nruns;
    double width;
    bool hyphenated;
} gp_line;

typedef struct gp_lines {
    gp_line *lines;
    size_t count;
    bool rtl; /* the paragraph's base direction (text/bidi.h): where its lines start */
} gp_lines;

/* What setting text needs: where to allocate, fonts, patterns, where to warn. */
typedef struct gp_textctx {
    gp_arena *a;
    gp_fontset *fonts;
    gp_hyph *hyph;             /* hyphenation patterns, or NULL (see hyphs) */
    gp_diags *d;
    const char *language;
    gp_loc language_loc;       /* the `language:` that chose it, for the warning if it has no patterns */
    bool greedy;               /* first-fit line breaking (for comparison only) */
    bool smart_punct;          /* straight quotes to curly, -- and --- to dashes */
    bool rtl;                  /* the guide reads right to left: its paragraphs do unless they have no
                                  right-to-left letter but a left-to-right one (text/bidi.h) */
    gp_hyph_cache *hyphs;      /* where `hyph` comes from, on first need, if not set */
    bool hyphs_asked;          /* whether `hyphs` has been asked if the language has patterns */
    struct gp_para_cache *cache; /* set paragraphs, reused when layout measures before it places */
    struct gp_shape_cache *shapes; /* shaped words: the thread's (text/word_cache.c) */
    bool shape_ahead;          /* a lone guide's: its words may be shaped ahead on a side thread */
    struct gp_shared_shapes *ahead; /* the words shaped ahead (text/ahead.h), or NULL */
} gp_textctx;

/* Breaks a paragraph into lines `width` wide (the first `first_width` if > 0).
 * Arena memory. Never fails: over-long words are broken, missing glyphs warned.
 * The same paragraph, style and widths give the same lines, set only once. */
gp_lines gp_para_set(gp_textctx *tc, const gp_para *p, const gp_text_style *st, double width, double first_width,
                     gp_loc loc);
/* How much larger than st's size text of `script` in face f, standing in
 * for want, is set: gp_face_size_adjust, but never so large that it
 * outgrows the style's leading (1.1 em): a pull quote's tight lines keep
 * their fallback at its size. */
double gp_style_size_adjust(const gp_text_style *st, const gp_face *want, const gp_face *f, hb_script_t script);

/* The texts of p's spans as they are set: with smart punctuation
 * (load/smart.c) on all but verbatim spans, if smart_punct. Each is the
 * span's own or malloc'd; freed by gp_para_texts_free. */
const char **gp_para_texts(const gp_para *p, const char *language, bool smart_punct);
void gp_para_texts_free(const gp_para *p, const char **texts);

/* The face of st for a span's GP_SPAN_* style. */
gp_face *gp_style_face(const gp_text_style *st, unsigned style);

/* One line of plain text, unbroken (labels, numbers, footers). */
gp_line gp_text_line(gp_textctx *tc, const char *text, const gp_text_style *st, unsigned style, gp_loc loc);

#endif
