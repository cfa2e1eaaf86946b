/* Shaped words kept for the thread, across a batch's guides (text/word_cache.c). */
#ifndef GP_WORD_CACHE_H
#define GP_WORD_CACHE_H

#include "text/font.h"

/* Longer words are not kept (text/para.c shapes them in pieces). */
enum { GP_SHAPE_MAX_CPS = 15 };

struct gp_shape_cache;
typedef struct gp_shared_shapes gp_shared_shapes;

/* The glyphs of the word cps[0, n), of one direction and script
 * (text/script.h), shaped by f with `features`, their advances in f's
 * units: as remembered in *cache (the thread's, found on first use), or
 * in `ahead` (NULL: none) if a side thread shaped it, or shaped now (and
 * kept, if n <= GP_SHAPE_MAX_CPS). *nglyphs of them, valid until the next
 * call. */
const gp_glyph *gp_shaped_word(struct gp_shape_cache **cache, gp_shared_shapes *ahead, gp_face *f,
                               const uint32_t *cps, size_t n, bool rtl, hb_script_t script, gp_features features,
                               size_t *nglyphs);

/* Whether the thread has no word store yet (has shaped no word). */
bool gp_thread_shapes_new(void);

/* A store for words shaped ahead, which threads share. */
gp_shared_shapes *gp_shared_shapes_new(void);
void gp_shared_shapes_free(gp_shared_shapes *sh); /* (NULL: nothing) */
/* Shapes a word as gp_shaped_word would, with another thread's shaper,
 * into sh, unless it is there, too long to keep or sh is full. */
void gp_shared_shape(gp_shared_shapes *sh, gp_shaper *shaper, const gp_face *f, const uint32_t *cps, size_t n,
                     bool rtl, hb_script_t script, gp_features features);

/* A store of shaped words of its own, of at most `limit` bytes (a thread's
 * holds 4 MiB), to pass to gp_shaped_word; freed by gp_shape_cache_free. */
struct gp_shape_cache *gp_shape_cache_new(size_t limit);
void gp_shape_cache_free(struct gp_shape_cache *c);
/* How many words c holds. */
size_t gp_shape_cache_count(const struct gp_shape_cache *c);

#endif
