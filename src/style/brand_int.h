/* Shared by the brand reader's files (brand.c, brand_fonts.c,
 * brand_colors.c): the reading context and each key's reader. */
#ifndef GP_BRAND_INT_H
#define GP_BRAND_INT_H

#include "style/brand.h"

typedef struct brand_ctx {
    gp_arena *a;
    gp_diags *d;
    const char *dir;       /* the brand file's folder */
    const char *font_dir;  /* bundled fonts */
    bool in_fallback;      /* reading `fonts: fallback`, whose unlicensed fonts are skipped */
} brand_ctx;

/* Each reads its key's value n into b, reporting problems; false if any. */
bool gp_brand_read_colors(brand_ctx *c, const gp_node *n, gp_brand *b);
bool gp_brand_read_fonts(brand_ctx *c, const gp_node *n, gp_brand *b);
bool gp_brand_read_features(brand_ctx *c, const gp_node *n, gp_brand *b);

#endif
