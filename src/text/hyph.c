/* libhyphen (Hunspell's hyphenator, TeX patterns) on UTF-8 words.
 *
 * A language tag maps to the patterns named <lang>_<REGION>, then (for
 * English) en_US, then <lang>: compiled in at build time (hyph_compiled.h),
 * else hyph_<name>.dic in $GUIDEPRESS_HYPHEN_DIR or /usr/share/hyphen. libhyphen works on bytes and
 * returns odd numbers after the bytes where a break is allowed; those map
 * back to code points here. */
#include "hyph.h"

#include "base/arena.h"
#include "base/utf8.h"
#include "text/hyph_compiled.h"

#include <ctype.h>
#include <pthread.h>
#include <hyphen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wctype.h>

#ifndef GP_HYPHEN_DIR
#define GP_HYPHEN_DIR "/usr/share/hyphen"
#endif

struct gp_hyph {
    HyphenDict *dict;
    bool compiled; /* built from gp_builtin_patterns, freed here, not by libhyphen */
};

HyphenDict *gp_hyph_dict_from_compiled(const gp_compiled_patterns *p)
{
    HyphenDict *next = NULL;
    for (size_t i = p->level_count; i-- > 0;) {
        const gp_compiled_level *l = &p->levels[i];
        HyphenDict *d = gp_xmalloc(sizeof *d);
        *d = (HyphenDict){.lhmin = l->lhmin, .rhmin = l->rhmin, .clhmin = l->clhmin, .crhmin = l->crhmin,
                          .nohyphen = l->nohyphen < 0 ? NULL : p->strings + l->nohyphen,
                          .nohyphenl = l->nohyphenl, .num_states = l->num_states, .utf8 = l->utf8,
                          .states = gp_xmalloc((size_t)l->num_states * sizeof *d->states), .nextlevel = next};
        snprintf(d->cset, sizeof d->cset, "%s", p->cset);
        for (int32_t k = 0; k < l->num_states; k++) {
            const gp_compiled_state *s = &p->states[l->first_state + k];
            d->states[k] = (HyphenState){.match = s->match < 0 ? NULL : p->strings + s->match,
                                         .repl = s->repl < 0 ? NULL : p->strings + s->repl,
                                         .replindex = s->replindex, .replcut = s->replcut,
                                         .fallback_state = s->fallback_state, .num_trans = s->num_trans,
                                         .trans = p->trans + s->first_trans};
        }
        next = d;
    }
    return next;
}

void gp_hyph_dict_free_compiled(HyphenDict *d)
{
    while (d) {
        HyphenDict *next = d->nextlevel;
        free(d->states);
        free(d);
        d = next;
    }
}

static gp_hyph *wrap(HyphenDict *dict, bool compiled)
{
    gp_hyph *h = gp_xmalloc(sizeof *h);
    *h = (gp_hyph){dict, compiled};
    return h;
}

/* Where the patterns named "lang_REGION" or "lang" are: compiled in
 * (*compiled), else a readable file (path). */
static bool find_named(const char *name, const gp_compiled_patterns **compiled, char *path, size_t size)
{
    *compiled = NULL;
    for (size_t i = 0; i < gp_builtin_pattern_count; i++)
        if (!strcmp(gp_builtin_patterns[i].name, name)) {
            *compiled = &gp_builtin_patterns[i];
            return true;
        }
    const char *dir = getenv("GUIDEPRESS_HYPHEN_DIR");
    snprintf(path, size, "%s/hyph_%s.dic", dir && *dir ? dir : GP_HYPHEN_DIR, name);
    return access(path, R_OK) == 0;
}

/* The patterns for a language tag: the region's, then (for English) the
 * American ones, then the language's. */
static bool find(const char *language, const gp_compiled_patterns **compiled, char *path, size_t size)
{
    char lang[16] = {0}, region[16] = {0};
    size_t i = 0;
    for (; language[i] && language[i] != '-' && language[i] != '_' && i < sizeof lang - 1; i++)
        lang[i] = (char)tolower((unsigned char)language[i]);
    if (language[i] == '-' || language[i] == '_') {
        const char *r = language + i + 1;
        for (size_t j = 0; r[j] && r[j] != '-' && j < sizeof region - 1; j++)
            region[j] = (char)toupper((unsigned char)r[j]);
    }
    const char *regions[3] = {region, strcmp(lang, "en") ? "" : "US", ""};
    for (int c = 0; c < 3; c++) {
        if (c < 2 && !regions[c][0])
            continue;
        char name[40];
        snprintf(name, sizeof name, regions[c][0] ? "%s_%s" : "%s", lang, regions[c]);
        if (find_named(name, compiled, path, size))
            return true;
    }
    return false;
}

gp_hyph *gp_hyph_open(const char *language)
{
    const gp_compiled_patterns *compiled;
    char path[256];
    if (!language || !find(language, &compiled, path, sizeof path))
        return NULL;
    if (compiled)
        return wrap(gp_hyph_dict_from_compiled(compiled), true);
    HyphenDict *dict = hnj_hyphen_load(path);
    return dict ? wrap(dict, false) : NULL;
}

void gp_hyph_close(gp_hyph *h)
{
    if (!h)
        return;
    if (h->compiled)
        gp_hyph_dict_free_compiled(h->dict);
    else
        hnj_hyphen_free(h->dict);
    free(h);
}

size_t gp_hyph_word(gp_hyph *h, const uint32_t *cps, size_t n, bool *points)
{
    enum { MAX_WORD = 60 };
    memset(points, 0, n * sizeof *points);
    if (!h || n < 5 || n > MAX_WORD)
        return 0;
    char word[MAX_WORD * 4 + 1];
    size_t byte_to_cp[MAX_WORD * 4 + 1];
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        size_t k = gp_utf8_encode((uint32_t)towlower((wint_t)cps[i]), word + len);
        for (size_t b = 0; b < k; b++)
            byte_to_cp[len + b] = i;
        len += k;
    }
    word[len] = 0;
    char hyphens[MAX_WORD * 4 + 5];
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    size_t count = 0;
    if (hnj_hyphen_hyphenate2(h->dict, word, (int)len, hyphens, NULL, &rep, &pos, &cut) == 0) {
        for (size_t b = 0; b + 1 < len; b++) {
            if (!(hyphens[b] & 1) || (rep && rep[b]))
                continue;
            size_t cp = byte_to_cp[b];
            /* only at the last byte of a code point, leaving 2 letters before and 3 after */
            if (byte_to_cp[b + 1] == cp || cp + 1 < 2 || n - (cp + 1) < 3)
                continue;
            points[cp] = true;
            count++;
        }
    }
    if (rep) {
        for (size_t b = 0; b < len; b++)
            free(rep[b]);
        free(rep);
    }
    free(pos);
    free(cut);
    return count;
}

/* One language's patterns: found or added under the cache's lock (held
 * briefly), loaded under the entry's own lock (held while loading, so
 * that whoever needs them waits for the one load). */
typedef struct cached {
    char *language;
    pthread_mutex_t lock;
    bool loaded;
    gp_hyph *hyph;
    bool prefetching;
    pthread_t prefetch;
} cached;

struct gp_hyph_cache {
    pthread_mutex_t lock;
    cached **items;
    size_t count;
};

gp_hyph_cache *gp_hyph_cache_new(void)
{
    gp_hyph_cache *c = gp_xmalloc(sizeof *c);
    *c = (gp_hyph_cache){.items = NULL};
    pthread_mutex_init(&c->lock, NULL);
    return c;
}

void gp_hyph_cache_free(gp_hyph_cache *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->count; i++) {
        cached *e = c->items[i];
        if (e->prefetching)
            pthread_join(e->prefetch, NULL);
        gp_hyph_close(e->hyph);
        pthread_mutex_destroy(&e->lock);
        free(e->language);
        free(e);
    }
    free(c->items);
    pthread_mutex_destroy(&c->lock);
    free(c);
}

/* The entry for a language, added if new; call with the cache locked. */
static cached *entry(gp_hyph_cache *c, const char *language)
{
    for (size_t i = 0; i < c->count; i++)
        if (!strcmp(c->items[i]->language, language))
            return c->items[i];
    cached *e = gp_xmalloc(sizeof *e);
    *e = (cached){.language = gp_xmalloc(strlen(language) + 1)};
    strcpy(e->language, language);
    pthread_mutex_init(&e->lock, NULL);
    c->items = gp_xrealloc(c->items, (c->count + 1) * sizeof *c->items);
    c->items[c->count++] = e;
    return e;
}

static gp_hyph *load(cached *e)
{
    pthread_mutex_lock(&e->lock);
    if (!e->loaded) {
        e->hyph = gp_hyph_open(e->language);
        e->loaded = true;
    }
    pthread_mutex_unlock(&e->lock);
    return e->hyph;
}

gp_hyph *gp_hyph_cache_get(gp_hyph_cache *c, const char *language)
{
    if (!language)
        return NULL;
    pthread_mutex_lock(&c->lock);
    cached *e = entry(c, language);
    pthread_mutex_unlock(&c->lock);
    return load(e);
}

static void *prefetch_main(void *arg)
{
    load(arg);
    return NULL;
}

void gp_hyph_cache_prefetch(gp_hyph_cache *c, const char *language)
{
    const gp_compiled_patterns *compiled;
    char path[256];
    /* compiled-in patterns are quicker to set up when first needed than a
     * thread is to start (and a thread would compete with the guide) */
    if (!language || !find(language, &compiled, path, sizeof path) || compiled)
        return;
    pthread_mutex_lock(&c->lock);
    cached *e = entry(c, language);
    if (!e->prefetching) /* at most one thread per language and run */
        e->prefetching = pthread_create(&e->prefetch, NULL, prefetch_main, e) == 0;
    pthread_mutex_unlock(&c->lock);
}
