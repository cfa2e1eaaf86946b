/* The brand: a club's look, loaded from a brand file over the built-in
 * defaults, with every font resolved to a checked TrueType file. */
#ifndef GP_BRAND_H
#define GP_BRAND_H

#include "base/color.h"
#include "base/fsio.h"
#include "base/hash.h"
#include "base/image.h"
#include "load/doc.h"
#include "load/rich.h"
#include "load/yaml.h"

#include <stdint.h>

typedef enum { GP_ROLE_HEADING, GP_ROLE_BODY, GP_ROLE_QUOTE, GP_ROLE_COUNT } gp_font_role;
typedef enum { GP_FACE_REGULAR, GP_FACE_ITALIC, GP_FACE_BOLD, GP_FACE_BOLD_ITALIC, GP_FACE_COUNT } gp_face_kind;

typedef struct gp_font_file {
    const char *path;   /* NULL until `family` is looked up (gp_brand_resolve_fallback) */
    int index;          /* face in a .ttc */
    const char *family; /* an installed family to look up when first needed, or NULL */
    gp_loc loc;         /* where the brand named that family (none for built-in fallbacks) */
    double weight;      /* a variable font's `wght` to print it at; 0: its default */
} gp_font_file;

typedef struct gp_font_family {
    gp_font_file faces[GP_FACE_COUNT];
} gp_font_family;

/* An OpenType feature a role turns on or off (`features:`): its tag
 * (HarfBuzz's hb_tag_t) and value (0 off, 1 on, n the nth alternate). */
typedef struct gp_font_feature {
    uint32_t tag, value;
} gp_font_feature;

typedef struct gp_features {
    const gp_font_feature *items;
    size_t count;
} gp_features;

/* A feature list's values as a key, 0 for none: the caches of shaped text
 * know a list by it, not by its address, since a list may be freed and
 * another made where it was (a --watch run loads the brand again, each
 * guide makes its facts panel's list). */
static inline uint64_t gp_features_key(gp_features fs)
{
    return fs.count ? gp_fnv1a(GP_FNV1A_BASIS, fs.items, fs.count * sizeof *fs.items) : 0;
}

typedef enum {
    GP_LABEL_ALSO_BY,
    GP_LABEL_SUMMARY,
    GP_LABEL_THEMES,
    GP_LABEL_QUESTIONS,
    GP_LABEL_NOTES,
    GP_LABEL_FACTS,
    GP_LABEL_ACTIONS,
    GP_LABEL_REVIEWS,
    GP_LABEL_READING,
    GP_LABEL_QA,
    GP_LABEL_WATCH,
    GP_LABEL_DIRECTED_BY,
    GP_LABEL_CONTINUED,
    GP_LABEL_COUNT
} gp_label;

/* Print production (README "Print production", `print:`). */
typedef struct gp_print {
    bool qr_codes;      /* a QR code beside every printed url (default true) */
    double bleed_pt;    /* the page grows by this on every side */
    bool crop_marks;
    bool black_k;       /* black and near-black text as pure K (default true) */
    bool pdfx;          /* PDF/X-4, on the output profile below */
} gp_print;

/* The CMYK output intent of a PDF/X guide: Artifex's SWOP profile, from a
 * Debian package (libgs-common, which ghostscript brings). */
#define GP_CMYK_PROFILE "/usr/share/color/icc/ghostscript/default_cmyk.icc"
#define GP_CMYK_PROFILE_NAME "Artifex CMYK SWOP Profile"

/* The families `emoji: color` and `emoji: mono` set emoji in (Debian's
 * fonts-noto-color-emoji, fonts-symbola). */
#define GP_EMOJI_COLOR "Noto Color Emoji"
#define GP_EMOJI_COLOR_FILE "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"
#define GP_EMOJI_MONO "Symbola"

typedef struct gp_brand {
    const char *path;                 /* NULL for the built-in brand */
    const char *name, *tagline, *url;
    const gp_image *logo;              /* checked, or NULL */
    gp_loc logo_loc;                   /* of `logo:` */
    const char *logo_alt;              /* the logo's alternative text, or NULL */
    gp_rgb primary, accent, text, panel;
    gp_font_family fonts[GP_ROLE_COUNT];
    gp_features features[GP_ROLE_COUNT]; /* over HarfBuzz's defaults, per role */
    gp_font_file *fallback;
    size_t nfallback;
    gp_font_file emoji;                /* the face emoji are set in: colour bitmaps, or a fallback's
                                          outlines (`emoji: mono`) */
    double page_w_pt, page_h_pt, margin_pt;
    bool margin_given;                 /* else the margin follows the page size */
    gp_print print;
    const char *language;
    gp_loc language_loc;              /* of `language:`, line 0 if the built-in brand's */
    bool smart_punctuation;            /* straight quotes to curly, -- and --- to dashes */
    const char *direction;             /* "ltr" | "rtl" (`direction:`), NULL: the language's */
    const char *labels[GP_LABEL_COUNT]; /* the brand's, else English (see gp_brand_label) */
    unsigned labels_given;             /* bit i: the brand sets labels[i] */
    const char *back_heading;
    gp_rich *back_body;
    const char *footer;
    gp_loc footer_loc;                 /* of `footer:`, else the brand file as a whole */
} gp_brand;

/* What a guide is set with where its content file may override the
 * brand: the content's setting wins over the brand's (this is the one
 * place that decides so: style/brand.c). */
typedef struct gp_guide_settings {
    const char *language;   /* the content's `language:`, else the brand's */
    gp_loc language_loc;    /* where that was given */
    bool smart_punctuation; /* `smart_punctuation:`, the content's, else the brand's */
    bool rtl;               /* `direction:`, the content's, else the brand's, else the language's */
} gp_guide_settings;
gp_guide_settings gp_guide_settings_of(const gp_doc *doc, const gp_brand *b);

/* The label printed for key in a guide in `language` (BCP 47): the
 * brand's own where the guide is in the brand's language, else the
 * language's (Persian, Arabic, Urdu, French, Hindi), else the brand's own,
 * else English. */
const char *gp_brand_label(const gp_brand *b, int key, const char *language);

/* WCAG 2 contrast ratio of two colours (1 to 21), and the grey level a
 * colour prints at in greyscale (0 black to 1 white). */
double gp_rgb_contrast(gp_rgb a, gp_rgb b);
double gp_rgb_gray(gp_rgb c);

/* The built-in brand. `font_dir` is the folder of bundled fonts. */
gp_brand *gp_brand_default(gp_arena *a, const char *font_dir, gp_diags *d);
/* A brand file over the defaults; NULL if it has errors (all reported). */
gp_brand *gp_brand_load(gp_arena *a, const char *path, const char *font_dir, gp_diags *d);
/* The same on a parsed tree (for tests and fuzzing); `path` locates relative files. */
gp_brand *gp_brand_from_tree(gp_arena *a, const char *path, gp_node *root, const char *font_dir, gp_diags *d);
/* Overrides the page size by name (letter | a4 | a5 | half-letter); false
 * if unknown. The margin follows the size unless the brand gave one. */
bool gp_brand_set_paper(gp_brand *b, const char *name);
/* The page size, in points: sets the margin the size calls for, unless given. */
void gp_brand_set_page_size(gp_brand *b, double w_pt, double h_pt);

/* Whether the guide is printed in CMYK, where RGB images are refused: a
 * PDF/X brand (its output intent is a CMYK profile). */
bool gp_brand_prints_cmyk(const gp_brand *b);

/* Looks up a fallback's installed family with fontconfig (thread-safe):
 * fallbacks are found when a guide first needs one of their glyphs, since
 * fontconfig's start-up alone costs more than setting a whole guide. Sets
 * f->path (arena memory); false if the family is not installed, an error
 * at f->loc if the brand named it. */
bool gp_brand_resolve_fallback(gp_arena *a, gp_font_file *f, gp_diags *d);
/* The built-in fallback for a code point no listed font has: an installed
 * TrueType font that has it, preferring one made for its script, in bold
 * if one is (fontconfig, thread-safe). False if none. */
bool gp_brand_font_for_char(gp_arena *a, uint32_t cp, bool bold, gp_font_file *out);
/* Resolves every fallback now (for --check): true if all are installed. */
bool gp_brand_check_fallbacks(gp_arena *a, const gp_brand *b, gp_diags *d);

/* Releases what font lookups cached (fontconfig's configuration); call once at exit. */
void gp_brand_cleanup(void);

/* The brand file itself (named on the command line: a loc without a file),
 * its logo and every font file it names, each given to fn with where it is
 * named (src/style/brand_files.c). */
void gp_brand_files(const gp_brand *b, gp_named_file_fn *fn, void *ctx);

/* The folder of bundled fonts: $GUIDEPRESS_FONTS, else beside the executable
 * (../fonts from build/), else the installed data folder. Arena memory. */
const char *gp_brand_font_dir(gp_arena *a, const char *argv0);

#endif
