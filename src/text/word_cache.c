/* Shaped words: a guide repeats its words ("the", "film", "migrant") many
 * times, and a season's guides share most of theirs, so a word once shaped
 * is remembered by its thread across the guides of a batch. Each word is
 * an entry of its own size (its key, code points and glyphs: about 150
 * bytes for a word of six letters) appended to one store, found by an
 * open-addressing index of the entries' offsets, at most half full: memory
 * follows the words held (a guide's 2,000 words, 0.3 MiB). The store is
 * bounded: when the next word would take it past its limit (STORE_LIMIT,
 * some 25,000 words, a season's vocabulary), it starts afresh. Words
 * longer than GP_SHAPE_MAX_CPS, or shaped into more than SHAPE_MAX_GLYPHS
 * glyphs, are shaped every time. A word is kept in its face's units,
 * whatever the size it was set at: HarfBuzz shapes at the face's units per
 * em, and only the advances scale (the same word in body text and in a
 * pull quote is shaped once; a fifth of the shaping). A word is keyed by
 * the HarfBuzz face, which text/font.c keeps for the process, its weight,
 * direction, script and features; the store holds one generation of faces
 * (gp_fonts_cleanup ends it) and starts afresh at the next. */
#include "word_cache.h"

#include "base/hash.h"

#include <pthread.h>
#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

enum { SHAPE_MAX_GLYPHS = 16, STORE_LIMIT = 4 << 20, STORE_FIRST = 64 << 10, INDEX_FIRST = 4096 };

/* A word in the store, followed by its glyphs (advances in the face's
 * units) and its code points. */
typedef struct entry {
    const hb_face_t *face;
    double weight;                   /* a variable face's instance (its file's `weight`) */
    uint64_t features;               /* gp_features_key of the list it was shaped with */
    hb_script_t script;
    uint8_t n, nglyphs;
    bool rtl;
} entry;

typedef struct slot {
    uint32_t hash;
    uint32_t at;                     /* the entry's offset in the store, in entries' alignment, plus 1; 0: empty */
} slot;

struct gp_shape_cache {
    unsigned char *store;
    size_t used, cap, limit;         /* bytes */
    slot *index;
    size_t nslots, count;            /* nslots: a power of two, at least twice count */
    unsigned generation;
};

static gp_glyph *glyphs_of(entry *e)
{
    return (gp_glyph *)(e + 1);
}

static uint32_t *cps_of(entry *e)
{
    return (uint32_t *)(glyphs_of(e) + e->nglyphs);
}

static size_t entry_size(size_t n, size_t nglyphs)
{
    size_t size = sizeof(entry) + nglyphs * sizeof(gp_glyph) + n * sizeof(uint32_t);
    return (size + alignof(entry) - 1) / alignof(entry) * alignof(entry);
}

struct gp_shape_cache *gp_shape_cache_new(size_t limit)
{
    struct gp_shape_cache *c = gp_xcalloc(1, sizeof *c);
    c->limit = limit;
    c->generation = gp_fonts_generation();
    return c;
}

void gp_shape_cache_free(struct gp_shape_cache *c)
{
    if (c) {
        free(c->store);
        free(c->index);
        free(c);
    }
}

size_t gp_shape_cache_count(const struct gp_shape_cache *c)
{
    return c->count;
}

static void start_afresh(struct gp_shape_cache *c)
{
    c->used = c->count = 0;
    if (c->index)
        memset(c->index, 0, c->nslots * sizeof *c->index);
}

static pthread_key_t shapes_key;
static pthread_once_t shapes_key_made = PTHREAD_ONCE_INIT;

static void free_shapes(void *c)
{
    gp_shape_cache_free(c);
}

static void make_shapes_key(void)
{
    if (pthread_key_create(&shapes_key, free_shapes) != 0) /* freed when its thread ends */
        gp_oom();
}

static struct gp_shape_cache *thread_shapes(void)
{
    pthread_once(&shapes_key_made, make_shapes_key);
    struct gp_shape_cache *c = pthread_getspecific(shapes_key);
    if (!c) {
        if (pthread_setspecific(shapes_key, c = gp_shape_cache_new(STORE_LIMIT)) != 0)
            gp_oom();
    }
    return c;
}

bool gp_thread_shapes_new(void)
{
    pthread_once(&shapes_key_made, make_shapes_key);
    return !pthread_getspecific(shapes_key);
}

static uint32_t word_hash(const hb_face_t *f, uint64_t features, bool rtl, hb_script_t script, const uint32_t *cps,
                          size_t n)
{
    uint64_t h = GP_FNV1A_BASIS ^ (uint64_t)(uintptr_t)f ^ features ^ rtl ^ (uint64_t)script << 1;
    h = gp_fnv1a(h, cps, n * sizeof *cps);
    return (uint32_t)(h ^ h >> 29);
}

static entry *entry_at(const struct gp_shape_cache *c, const slot *s)
{
    return (entry *)(c->store + (size_t)(s->at - 1) * alignof(entry));
}

/* The index's slot of the word `want` (with code points cps): its own, or the empty one it would take. */
static slot *find(const struct gp_shape_cache *c, uint32_t hash, const entry *want, const uint32_t *cps)
{
    for (size_t i = hash & (c->nslots - 1);; i = (i + 1) & (c->nslots - 1)) {
        slot *s = &c->index[i];
        if (!s->at)
            return s;
        entry *e = entry_at(c, s);
        if (s->hash == hash && e->n == want->n && e->face == want->face && e->weight == want->weight &&
            e->rtl == want->rtl && e->script == want->script && e->features == want->features &&
            !memcmp(cps_of(e), cps, want->n * sizeof *cps))
            return s;
    }
}

/* Doubles the index, its words in their new places. */
static void grow_index(struct gp_shape_cache *c)
{
    slot *old = c->index;
    size_t nold = c->nslots;
    c->nslots = nold ? nold * 2 : INDEX_FIRST;
    c->index = gp_xcalloc(c->nslots, sizeof *c->index);
    for (size_t i = 0; i < nold; i++)
        if (old[i].at) {
            size_t j = old[i].hash & (c->nslots - 1);
            while (c->index[j].at)
                j = (j + 1) & (c->nslots - 1);
            c->index[j] = old[i];
        }
    free(old);
}

/* Room for `size` more bytes in the store, which may move. */
static void reserve(struct gp_shape_cache *c, size_t size)
{
    if (c->used + size <= c->cap)
        return;
    while (c->used + size > c->cap)
        c->cap = c->cap ? c->cap * 2 : STORE_FIRST;
    c->store = gp_xrealloc(c->store, c->cap);
}

/* The word `want` kept with its glyphs, in a store started afresh if it
 * would go past its limit. */
static entry *keep(struct gp_shape_cache *c, uint32_t hash, const entry *want, const uint32_t *cps,
                   const gp_glyph *glyphs)
{
    size_t size = entry_size(want->n, want->nglyphs);
    if (c->used + size > c->limit)
        start_afresh(c);
    if (2 * (c->count + 1) > c->nslots)
        grow_index(c);
    reserve(c, size);
    entry *e = (entry *)(c->store + c->used);
    *e = *want;
    memcpy(glyphs_of(e), glyphs, want->nglyphs * sizeof *glyphs);
    memcpy(cps_of(e), cps, want->n * sizeof *cps);
    *find(c, hash, want, cps) = (slot){hash, (uint32_t)(c->used / alignof(entry) + 1)};
    c->used += size;
    c->count++;
    return e;
}

/* The store emptied if the faces it was keyed by have ended. */
static void check_generation(struct gp_shape_cache *c)
{
    unsigned now = gp_fonts_generation();
    if (c->generation != now) {
        start_afresh(c);
        c->generation = now;
    }
}

/* Words shaped ahead by a side thread (text/ahead.c): a store like a
 * thread's, behind a lock, that the laying-out thread copies from. */
struct gp_shared_shapes {
    pthread_mutex_t lock;
    struct gp_shape_cache *c;
};

gp_shared_shapes *gp_shared_shapes_new(void)
{
    gp_shared_shapes *sh = gp_xcalloc(1, sizeof *sh);
    pthread_mutex_init(&sh->lock, NULL);
    sh->c = gp_shape_cache_new(STORE_LIMIT);
    return sh;
}

void gp_shared_shapes_free(gp_shared_shapes *sh)
{
    if (!sh)
        return;
    pthread_mutex_destroy(&sh->lock);
    gp_shape_cache_free(sh->c);
    free(sh);
}

static entry key_of(const gp_face *f, size_t n, bool rtl, hb_script_t script, gp_features features)
{
    return (entry){.face = f->hb_face, .weight = f->file.weight, .features = gp_features_key(features),
                   .script = script, .n = (uint8_t)n, .rtl = rtl};
}

/* The entry of `want` in c, or NULL. */
static entry *held(const struct gp_shape_cache *c, uint32_t hash, const entry *want, const uint32_t *cps)
{
    const slot *s = c->nslots ? find(c, hash, want, cps) : NULL;
    return s && s->at ? entry_at(c, s) : NULL;
}

void gp_shared_shape(gp_shared_shapes *sh, gp_shaper *shaper, const gp_face *f, const uint32_t *cps, size_t n,
                     bool rtl, hb_script_t script, gp_features features)
{
    if (n > GP_SHAPE_MAX_CPS)
        return;
    entry want = key_of(f, n, rtl, script, features);
    uint32_t hash = word_hash(want.face, want.features, rtl, script, cps, n);
    pthread_mutex_lock(&sh->lock);
    bool have = held(sh->c, hash, &want, cps);
    pthread_mutex_unlock(&sh->lock);
    if (have)
        return;
    const gp_glyph *g;
    size_t ng = gp_shaper_shape(shaper, f, cps, n, f->upem, rtl, script, features, &g); /* outside the lock */
    if (ng > SHAPE_MAX_GLYPHS)
        return;
    want.nglyphs = (uint8_t)ng;
    pthread_mutex_lock(&sh->lock);
    if (sh->c->used + entry_size(n, ng) <= sh->c->limit) /* (full: no more shaped ahead) */
        keep(sh->c, hash, &want, cps, g);
    pthread_mutex_unlock(&sh->lock);
}

/* The word shaped ahead, copied into c; NULL if it was not. */
static entry *take_shared(gp_shared_shapes *sh, struct gp_shape_cache *c, uint32_t hash, const entry *want,
                          const uint32_t *cps)
{
    pthread_mutex_lock(&sh->lock);
    entry *theirs = held(sh->c, hash, want, cps), *mine = theirs ? keep(c, hash, theirs, cps, glyphs_of(theirs)) : NULL;
    pthread_mutex_unlock(&sh->lock);
    return mine;
}

const gp_glyph *gp_shaped_word(struct gp_shape_cache **cache, gp_shared_shapes *ahead, gp_face *f,
                               const uint32_t *cps, size_t n, bool rtl, hb_script_t script, gp_features features,
                               size_t *nglyphs)
{
    const gp_glyph *g;
    if (n > GP_SHAPE_MAX_CPS) {
        *nglyphs = gp_face_shape_script(f, cps, n, f->upem, rtl, script, features, &g);
        return g;
    }
    if (!*cache)
        *cache = thread_shapes();
    struct gp_shape_cache *c = *cache;
    check_generation(c);
    entry want = key_of(f, n, rtl, script, features);
    uint32_t hash = word_hash(want.face, want.features, rtl, script, cps, n);
    entry *e = held(c, hash, &want, cps);
    if (!e && ahead)
        e = take_shared(ahead, c, hash, &want, cps);
    if (e) {
        *nglyphs = e->nglyphs;
        return glyphs_of(e);
    }
    *nglyphs = gp_face_shape_script(f, cps, n, f->upem, rtl, script, features, &g);
    if (*nglyphs > SHAPE_MAX_GLYPHS || entry_size(n, *nglyphs) > c->limit)
        return g;
    want.nglyphs = (uint8_t)*nglyphs;
    return glyphs_of(keep(c, hash, &want, cps, g));
}
