/* Shaped words: a guide repeats its words ("the", "film", "migrant") many
 * times, so a word once shaped is remembered, in a table of fixed size: a
 * word takes its slot from whichever word had it before, so a paragraph of
 * a million different words needs no more memory than one of a hundred
 * (words longer than GP_SHAPE_MAX_CPS, or shaped into more than
 * SHAPE_MAX_GLYPHS glyphs, are shaped every time). A word is kept in its
 * face's units, whatever the size it was set at: HarfBuzz shapes at the
 * face's units per em, and only the advances scale (the same word in body
 * text and in a pull quote is shaped once; a fifth of the shaping). The
 * table is the thread's, kept across the guides of a batch: it is keyed by
 * the HarfBuzz face, which text/font.c keeps for the process (and by the
 * generation of its faces, which gp_fonts_cleanup ends). */
#include "word_cache.h"

#include "base/hash.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { SHAPE_SLOTS = 4096, SHAPE_MAX_GLYPHS = 16 };

typedef struct shaped {
    const hb_face_t *face;
    double weight;                   /* a variable face's instance (its file's `weight`) */
    unsigned generation;
    bool rtl;
    hb_script_t script;
    uint64_t features;               /* gp_features_key of the list it was shaped with */
    size_t n;                  /* 0: an empty slot */
    size_t nglyphs;
    uint32_t cps[GP_SHAPE_MAX_CPS];
    gp_glyph glyphs[SHAPE_MAX_GLYPHS]; /* advances in the face's units */
} shaped;
struct gp_shape_cache {
    shaped slots[SHAPE_SLOTS];
};

static pthread_key_t shapes_key;
static pthread_once_t shapes_key_made = PTHREAD_ONCE_INIT;

static void make_shapes_key(void)
{
    if (pthread_key_create(&shapes_key, free) != 0) /* freed when its thread ends */
        gp_oom();
}

static struct gp_shape_cache *thread_shapes(void)
{
    pthread_once(&shapes_key_made, make_shapes_key);
    struct gp_shape_cache *c = pthread_getspecific(shapes_key);
    if (!c) {
        if (pthread_setspecific(shapes_key, c = gp_xcalloc(1, sizeof *c)) != 0)
            gp_oom();
    }
    return c;
}

static uint64_t word_hash(const hb_face_t *f, uint64_t features, bool rtl, hb_script_t script, const uint32_t *cps,
                          size_t n)
{
    uint64_t h = GP_FNV1A_BASIS ^ (uint64_t)(uintptr_t)f ^ features ^ rtl ^ (uint64_t)script << 1;
    h = gp_fnv1a(h, cps, n * sizeof *cps);
    return h ^ h >> 29;
}


const gp_glyph *gp_shaped_word(struct gp_shape_cache **cache, gp_face *f, const uint32_t *cps, size_t n, bool rtl,
                               hb_script_t script, gp_features want, size_t *nglyphs)
{
    if (!*cache)
        *cache = thread_shapes();
    uint64_t features = gp_features_key(want);
    unsigned generation = gp_fonts_generation();
    shaped *s = &(*cache)->slots[word_hash(f->hb_face, features, rtl, script, cps, n) % SHAPE_SLOTS];
    if (s->n != n || s->face != f->hb_face || s->weight != f->file.weight || s->generation != generation ||
        s->rtl != rtl || s->script != script || s->features != features || memcmp(s->cps, cps, n * sizeof *cps)) {
        const gp_glyph *g;
        size_t ng = gp_face_shape_script(f, cps, n, f->upem, rtl, script, want, &g);
        if (ng > SHAPE_MAX_GLYPHS) {
            s->n = 0;
            *nglyphs = ng;
            return g;
        }
        *s = (shaped){.face = f->hb_face, .weight = f->file.weight, .generation = generation, .rtl = rtl,
                      .script = script, .features = features, .n = n, .nglyphs = ng};
        memcpy(s->cps, cps, n * sizeof *cps);
        memcpy(s->glyphs, g, ng * sizeof *g);
    }
    *nglyphs = s->nglyphs;
    return s->glyphs;
}
