/* Finding font files for the brand (style/ only; brand.h declares the
 * lookups the other stages use). */
#ifndef GP_FONT_LOOKUP_H
#define GP_FONT_LOOKUP_H

#include "base/fontfile.h"
#include "style/brand.h"

#define NOT_A_FAMILY "font family `%s` is neither bundled with guidepress nor installed (see fc-list)"

/* A bundled family: <font_dir>/<Family without spaces>-<Face>.ttf. */
bool gp_lookup_bundled_family(gp_arena *a, const char *font_dir, const char *family, gp_font_family *out);

/* An installed family's four faces (a face it lacks is its regular one). */
bool gp_lookup_installed_family(gp_arena *a, const char *family, gp_font_family *out);

/* The family's static face of exactly this weight (400, 600...), if installed. */
bool gp_lookup_static_weight(gp_arena *a, const char *family, double weight, bool italic, gp_font_file *out);

/* Reports the probe's verdict on a font at `at`; true if the font can be
 * used. A fallback font whose licence forbids embedding is skipped with a
 * warning: the guide still prints, with the fonts that remain. */
bool gp_report_font(gp_diags *d, gp_loc at, gp_font_verdict v, const char *msg, bool fallback);

#endif
