/* gp_para_set is a cache (text/para_cache.c) in front of the setting
 * itself (text/para.c). */
#ifndef GP_PARA_CACHE_H
#define GP_PARA_CACHE_H

#include "text/para.h"

/* Sets p as gp_para_set does, every time. */
gp_lines gp_para_set_uncached(gp_textctx *tc, const gp_para *p, const gp_text_style *st, double width,
                              double first_width, gp_loc loc);

#endif
