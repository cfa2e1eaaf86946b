/* The cache of set paragraphs: layout measures sections (keeps, panels)
 * on a dry run and then places them, so most paragraphs are asked for
 * twice or more. An open-addressing table keyed by the paragraph's text
 * (compared by value: callers build short-lived paragraphs on the stack),
 * the style's values and the widths; entries live in the arena. */
#include "para_cache.h"

#include "base/hash.h"

#include <string.h>

typedef struct cache_entry {
    gp_para p;                 /* a copy */
    uint64_t hash;
    gp_text_style st;
    uint64_t features;         /* gp_features_key(st.features), as it was when set */
    double width, first_width;
    gp_lines lines;
} cache_entry;

struct gp_para_cache {
    cache_entry **slots;
    size_t cap, count;
};

/* The same style but for the features, compared by their key. */
static bool same_style(const gp_text_style *a, const gp_text_style *b)
{
    return !memcmp(a->faces, b->faces, sizeof a->faces) && a->size_pt == b->size_pt &&
           a->leading_pt == b->leading_pt && gp_color_equal(a->color, b->color) &&
           gp_color_equal(a->link_color, b->link_color) && a->style_flip == b->style_flip &&
           a->justify == b->justify && a->hyphenate == b->hyphenate;
}

static bool same_str(const char *a, const char *b)
{
    return a == b || (a && b && !strcmp(a, b));
}

static bool same_para(const gp_para *a, const gp_para *b)
{
    if (a->count != b->count)
        return false;
    for (size_t i = 0; i < a->count; i++)
        if (a->spans[i].style != b->spans[i].style || !same_str(a->spans[i].text, b->spans[i].text) ||
            !same_str(a->spans[i].url, b->spans[i].url) || !same_str(a->spans[i].lang, b->spans[i].lang))
            return false;
    return true;
}

static uint64_t para_hash(const gp_para *p, double width, double size)
{
    uint64_t h = GP_FNV1A_BASIS ^ (uint64_t)(width * 64) ^ ((uint64_t)(size * 64) << 32);
    for (size_t i = 0; i < p->count; i++)
        h = gp_fnv1a(h, p->spans[i].text, strlen(p->spans[i].text));
    return h;
}

/* The slot of the entry for what `want` asks (its lines unused), or the empty one where it goes. */
static cache_entry **cache_slot(struct gp_para_cache *c, const cache_entry *want)
{
    for (size_t i = (size_t)want->hash & (c->cap - 1);; i = (i + 1) & (c->cap - 1)) {
        cache_entry *e = c->slots[i];
        if (!e || (e->hash == want->hash && e->width == want->width && e->first_width == want->first_width &&
                   e->features == want->features && same_style(&e->st, &want->st) && same_para(&e->p, &want->p)))
            return &c->slots[i];
    }
}

/* A copy of a paragraph whose strings outlive the caller's. */
static gp_para copy_para(gp_arena *a, const gp_para *p)
{
    gp_para c = {GP_NEW_N(a, gp_span, p->count ? p->count : 1), p->count, p->node};
    for (size_t i = 0; i < p->count; i++)
        c.spans[i] = (gp_span){gp_arena_strdup(a, p->spans[i].text), p->spans[i].style,
                               p->spans[i].url ? gp_arena_strdup(a, p->spans[i].url) : NULL,
                               p->spans[i].lang ? gp_arena_strdup(a, p->spans[i].lang) : NULL};
    return c;
}

static void cache_grow(gp_textctx *tc)
{
    struct gp_para_cache *c = tc->cache;
    if (!c) {
        c = tc->cache = GP_NEW(tc->a, struct gp_para_cache);
    }
    if (c->count * 2 < c->cap)
        return;
    struct gp_para_cache bigger = {.cap = c->cap ? c->cap * 2 : 256};
    bigger.slots = GP_NEW_N(tc->a, cache_entry *, bigger.cap);
    for (size_t i = 0; i < c->cap; i++) {
        cache_entry *e = c->slots[i];
        if (e)
            *cache_slot(&bigger, e) = e;
    }
    bigger.count = c->count;
    *c = bigger;
}

gp_lines gp_para_set(gp_textctx *tc, const gp_para *p, const gp_text_style *st, double width, double first_width,
                     gp_loc loc)
{
    cache_grow(tc);
    cache_entry want = {*p, para_hash(p, width, st->size_pt), *st, gp_features_key(st->features), width, first_width,
                        {0}};
    cache_entry **slot = cache_slot(tc->cache, &want);
    if (!*slot) {
        cache_entry *e = GP_NEW(tc->a, cache_entry);
        *e = want;
        e->p = copy_para(tc->a, p);
        e->lines = gp_para_set_uncached(tc, &e->p, st, width, first_width, loc);
        *slot = e;
        tc->cache->count++;
    }
    return (*slot)->lines;
}
