/* Fonts for one guide: HarfBuzz faces opened once each, shaping into
 * glyphs, and the fallback search.
 *
 * Glossary: an em is the font size; font units (fu) divide it into
 * units_per_em; an advance is how far the pen moves after a glyph; the
 * baseline is the line glyphs sit on; ascender/descender are the face's
 * extents above and below it. */
#ifndef GP_FONT_H
#define GP_FONT_H

#include "base/diag.h"
#include "base/glyph.h"
#include "base/image.h"
#include "style/brand.h"

#include <hb-ot.h>
#include <hb.h>
#include <stdint.h>
#include <string.h>

/* What shaping keeps between calls, for one thread: its buffer, the
 * glyphs it gave last, and the shape plans it has used. Each face has the
 * laying-out thread's; a thread shaping ahead (text/ahead.c) has its own. */
typedef struct gp_shaper {
    hb_buffer_t *buf;
    gp_glyph *glyphs;
    size_t capglyphs;
    struct {
        const hb_face_t *face;
        hb_script_t script;
        hb_direction_t direction;
        uint64_t features;      /* gp_features_key of the list it was made for */
        hb_shape_plan_t *plan;
    } plans[8];                 /* shape plans by face, script, direction and features */
    size_t nplans;
} gp_shaper;

void gp_shaper_free(gp_shaper *sh);

typedef struct gp_face {
    int id;                     /* index in the font set; the display list refers to faces by it */
    gp_font_file file;
    hb_face_t *hb_face;
    hb_font_t *hb_font;
    gp_shaper shaper;           /* the laying-out thread's, for gp_face_shape_glyphs */
    hb_codepoint_t space;       /* the space's glyph: HarfBuzz shows invisible characters with it */
    uint8_t *coverage;          /* gp_face_has's cache: 2 bits per BMP code point, looked up and has */
    double upem;
    double ascender, descender, cap_height; /* in em, descender negative */
    bool bold;                  /* weight 600 or more: a fallback for it is looked for in bold too */
    bool color;                 /* its glyphs are colour bitmaps (CBDT's PNGs): printed as images */
    struct gp_glyph_image **images; /* gp_face_glyph_image's, one per glyph printed */
    size_t nimages, capimages;
    bool sans;                  /* sans serif (OS/2 family class or PANOSE): so is a fallback chosen for it */
    double x_height;            /* the ink height of its x, em (0: none) */
    double arabic_x;            /* Arabic's equivalent, the height of an isolated heh's bowl (0: no Arabic) */
} gp_face;

typedef struct gp_fontset {
    gp_face **faces;
    size_t count, cap;
    const gp_font_file *fallback_files; /* tried in order for code points a face lacks */
    gp_face **fallback;         /* opened on first need; NULL if it cannot be */
    bool *fallback_tried;
    size_t nfallback;
    gp_font_file emoji_file;    /* the face emoji are set in (gp_emoji_sequence), path or family */
    gp_face *emoji;             /* opened on first need; NULL if it cannot be */
    bool emoji_tried;
    gp_face **by_script;        /* fallbacks fontconfig found for code points the list lacks */
    size_t nby_script;
    struct gp_table_face {      /* fallbacks the script table gave, for a face bold or not, sans or not */
        gp_face *face;
        bool bold, sans;
        const char *han_language;
    } *by_table;
    size_t nby_table;
    gp_diags *diags;            /* where opening a fallback reports */
    const char *language;       /* the guide's, for the script fonts (style/script_fonts.h) */
    const char *han_language;   /* the language Chinese characters are read in, if not the guide's ("ja"
                                   beside kana: text/para.c sets it per paragraph) */
    gp_arena paths;             /* paths of fallbacks found by family */
    uint8_t warned[0x110000 / 8]; /* code points already reported as not printable */
    size_t nwarned;
} gp_fontset;

/* Whether to report that cp cannot be printed as written: once per code
 * point, and for at most GP_MAX_CHAR_WARNINGS code points a guide (then
 * once that there are more), so that a file of a million emoji does not
 * print a million lines. */
enum { GP_MAX_CHAR_WARNINGS = 20 };
bool gp_fontset_should_warn(gp_fontset *fs, uint32_t cp, gp_loc loc, gp_diags *d);
/* Sets the fallback fonts, opened only when a glyph is missing. */
void gp_fontset_set_fallback(gp_fontset *fs, const gp_font_file *files, size_t n, gp_diags *d);
/* Sets the face emoji are set in, opened only when an emoji is met. */
void gp_fontset_set_emoji(gp_fontset *fs, const gp_font_file *f);
/* The emoji face, NULL if it is not installed. */
gp_face *gp_fontset_emoji(gp_fontset *fs);
/* Opens (or finds) the face for a file; NULL with an error if it cannot be read. */
gp_face *gp_fontset_open(gp_fontset *fs, const gp_font_file *f, gp_diags *d);
void gp_fontset_close(gp_fontset *fs);
/* Releases the faces kept for the process (text/font.c); call once at exit. */
void gp_fonts_cleanup(void);
/* Which faces are kept: changed by gp_fonts_cleanup, so that what was kept
 * about the faces before (text/word_cache.c's shaped words) is not taken for the new ones. */
unsigned gp_fonts_generation(void);

bool gp_face_has(const gp_face *f, uint32_t cp);
/* How much larger than `want`'s text f's letters of `script` are set, f
 * standing in for want (CSS's font-size-adjust): Arabic in a fallback
 * face is scaled for its heh to stand as high as want's x, within 0.8-1.25
 * (Naskh's letters are small for their size); 1 for any other script or face. */
double gp_face_size_adjust(const gp_face *want, const gp_face *f, hb_script_t script);
/* The face to print cp with: `want` if it has the glyph, else the first
 * fallback the brand names that has it, else the font the script table
 * gives (style/script_fonts.h), else a built-in fallback, else an
 * installed font made for cp's script (fontconfig); else `want`, with a
 * warning (once per code point) at the character in `para` where its
 * place is known (gp_para_char_loc; para may be NULL), else at loc. */
gp_face *gp_fontset_pick(gp_fontset *fs, gp_face *want, uint32_t cp, const gp_para *para, gp_loc loc,
                         gp_diags *d);
/* Shapes cps[0..n) with one face at size_pt (kerning, ligatures and
 * contextual forms as the face's lookups give them, with `features` over
 * HarfBuzz's defaults; a list is known by its values), left to right or
 * right to left (`rtl`: mirrored brackets): the glyphs in visual order,
 * left to right (so clusters decrease when `rtl`), in f's scratch space
 * until the next call, clusters counted from cps[0]. Invisible characters
 * (ZWJ, variation selectors) shape their neighbours but have no glyph of
 * their own. */
size_t gp_face_shape_glyphs(gp_face *f, const uint32_t *cps, size_t n, double size_pt, bool rtl,
                            gp_features features, const gp_glyph **glyphs);
/* The same in a given script (text/script.h's) rather than the one
 * HarfBuzz guesses from the first letter: digits and punctuation are
 * shaped in their neighbours' script. */
size_t gp_face_shape_script(gp_face *f, const uint32_t *cps, size_t n, double size_pt, bool rtl, hb_script_t script,
                            gp_features features, const gp_glyph **glyphs);
/* The same with sh's buffer and plans (the face's are its thread's):
 * reads only what the face never changes, so another thread may shape
 * with it. */
size_t gp_shaper_shape(gp_shaper *sh, const gp_face *f, const uint32_t *cps, size_t n, double size_pt, bool rtl,
                       hb_script_t script, gp_features features, const gp_glyph **glyphs);
/* The same with HarfBuzz's default features, as each code point's advance
 * in points: a cluster's glyphs all count toward its first code point. */
void gp_face_shape(gp_face *f, const uint32_t *cps, size_t n, double size_pt, double *adv);

/* A colour glyph's bitmap as an image (a PNG in memory, one gp_image per
 * glyph of the face, kept with it) and where it is drawn, in ems from the
 * glyph's origin: left, top (y down), width and height. NULL if the face
 * has no bitmap for the glyph. */
typedef struct gp_glyph_image {
    uint32_t gid;
    hb_blob_t *png;
    gp_image image;
    double x, y, w, h;
} gp_glyph_image;
const gp_glyph_image *gp_face_glyph_image(gp_face *f, uint32_t gid);

#endif
