/* Paragraph setting: code points -> boxes, glue and penalties -> lines.
 *
 * 1. Spans become code points, each with its face (style, then fallback for
 *    glyphs the face lacks) and link.
 * 2. HarfBuzz gives every code point its kerned advance (text/font.c).
 * 3. Break opportunities come from UAX #14 (libunibreak): spaces become
 *    glue, other opportunities (after a dash, between CJK ideographs)
 *    penalties or zero-width glue; libhyphen adds flagged penalties inside
 *    words; URLs may break after / . - ? & = _; a box still wider than the
 *    line is split between every character, at a high cost.
 * 4. text/linebreak.c chooses the breaks (Knuth & Plass), and each line is
 *    assembled into runs with the final glue widths applied to the spaces,
 *    since the PDF stage places every glyph exactly where measured. */
#include "para.h"

#include "base/utf8.h"
#include "text/linebreak.h"

#include <linebreak.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

typedef struct cpinfo {
    gp_face *face;
    const char *url;
} cpinfo;

typedef struct builder {
    gp_lb_item *items;
    size_t *from, *to;         /* code point range of each item */
    size_t n, cap;
} builder;

static void add_item(builder *b, gp_lb_item it, size_t from, size_t to)
{
    if (b->n == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 64;
        b->items = gp_xrealloc(b->items, b->cap * sizeof *b->items);
        b->from = gp_xrealloc(b->from, b->cap * sizeof *b->from);
        b->to = gp_xrealloc(b->to, b->cap * sizeof *b->to);
    }
    b->items[b->n] = it;
    b->from[b->n] = from;
    b->to[b->n] = to;
    b->n++;
}

static double sum(const double *adv, size_t from, size_t to)
{
    double w = 0;
    for (size_t i = from; i < to; i++)
        w += adv[i];
    return w;
}

/* Letter spacing a justified line may use between the glyphs of a word, as
 * a share of the font size per gap: it takes up slack that would otherwise
 * all go into the word spaces (InDesign's letter-spacing justification). */
static const double LETTER_STRETCH = 0.03, LETTER_SHRINK = 0.01;

static void add_box(builder *b, const double *adv, size_t from, size_t to)
{
    if (to > from)
        add_item(b, (gp_lb_item){.kind = GP_LB_BOX, .width = sum(adv, from, to)}, from, to);
}

static void add_penalty(builder *b, double width, double cost, bool flagged, size_t at)
{
    add_item(b, (gp_lb_item){.kind = GP_LB_PENALTY, .width = width, .penalty = cost, .flagged = flagged}, at, at);
}

static bool is_space(uint32_t c)
{
    return c == ' ' || c == '\t';
}

static bool is_dash(uint32_t c)
{
    return c == '-' || c == 0x2010 || c == 0x2013 || c == 0x2014;
}

static bool is_letter(uint32_t c)
{
    return iswalpha((wint_t)c) || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

static bool looks_like_url(const uint32_t *cps, size_t from, size_t to)
{
    for (size_t i = from; i + 2 < to; i++)
        if ((cps[i] == ':' && cps[i + 1] == '/' && cps[i + 2] == '/') ||
            (cps[i] == 'w' && cps[i + 1] == 'w' && cps[i + 2] == 'w'))
            return true;
    return false;
}

/* Adds the boxes and penalties of one word (a run between spaces). */
static void add_word(builder *b, gp_hyph *patterns, const gp_text_style *st, const uint32_t *cps,
                     const cpinfo *info, const double *adv, const char *brks, size_t from, size_t to, bool last_word)
{
    bool url = looks_like_url(cps, from, to);
    bool *hyph = calloc(to - from + 1, sizeof *hyph);
    if (!hyph)
        gp_oom();
    if (patterns && !url && !last_word) {
        /* hyphenate the letters between any leading and trailing punctuation */
        size_t s = from, e = to;
        while (s < e && !is_letter(cps[s]))
            s++;
        while (e > s && !is_letter(cps[e - 1]))
            e--;
        bool letters = e > s;
        for (size_t i = s; i < e && letters; i++)
            letters = is_letter(cps[i]);
        if (letters)
            gp_hyph_word(patterns, cps + s, e - s, hyph + (s - from));
    }
    size_t start = from;
    for (size_t i = from; i < to; i++) {
        bool last = i + 1 == to;
        if (!last && hyph[i - from]) {
            add_box(b, adv, start, i + 1);
            gp_face *f = info[i].face;
            double hw;
            uint32_t h = '-';
            gp_face_shape(f, &h, 1, st->size_pt, &hw);
            add_penalty(b, hw, 50, true, i + 1);
            start = i + 1;
        } else if (!last && url && cps[i] && cps[i] < 128 && strchr("/.-?&=_", (int)cps[i])) {
            add_box(b, adv, start, i + 1);
            add_penalty(b, 0, 100, false, i + 1);
            start = i + 1;
        } else if (!last && brks[i] == LINEBREAK_ALLOWBREAK) {
            add_box(b, adv, start, i + 1);
            if (is_dash(cps[i])) /* not a hyphenation: no limit on how many lines in a row */
                add_penalty(b, 0, 50, false, i + 1);
            else /* CJK and the like: a break with no visible space, stretching as letters do */
                add_item(b,
                         (gp_lb_item){.kind = GP_LB_GLUE,
                                      .stretch = st->justify ? LETTER_STRETCH * st->size_pt : 0,
                                      .shrink = st->justify ? LETTER_SHRINK * st->size_pt : 0},
                         i + 1, i + 1);
            start = i + 1;
        }
    }
    add_box(b, adv, start, to);
    free(hyph);
}

/* Lets every piece of text wider than the line break between its
 * characters, at a high cost. A piece is a box, or boxes joined by
 * hyphenation points: a long word cut by hyphenation still gets these
 * breaks (its hyphen points may run out, at most two hyphenated lines in a
 * row), while a URL's parts between its slashes are judged one by one. */
static void break_wide_boxes(builder *b, const double *adv, double width)
{
    builder out = {0};
    for (size_t k = 0; k < b->n;) {
        size_t end = k;
        double w = 0;
        while (end < b->n && (b->items[end].kind == GP_LB_BOX ||
                              (b->items[end].kind == GP_LB_PENALTY && b->items[end].flagged && end > k))) {
            if (b->items[end].kind == GP_LB_BOX)
                w += b->items[end].width;
            end++;
        }
        if (end == k)
            end = k + 1; /* glue or a penalty on its own */
        bool wide = w > width;
        for (; k < end; k++) {
            if (!wide || b->items[k].kind != GP_LB_BOX) {
                add_item(&out, b->items[k], b->from[k], b->to[k]);
                continue;
            }
            for (size_t i = b->from[k]; i < b->to[k]; i++) {
                if (i > b->from[k])
                    add_penalty(&out, 0, 900, false, i);
                add_box(&out, adv, i, i + 1);
            }
        }
    }
    free(b->items);
    free(b->from);
    free(b->to);
    *b = out;
}

/* Smart punctuation (optional): straight quotes become curly ones, opening
 * after a space or an opening bracket and closing elsewhere (an apostrophe
 * is a closing single quote); "--" becomes an en dash and "---" an em dash.
 * `*i` is just past c in `text`; it moves past any further characters used. */
static bool opens_after(uint32_t prev)
{
    return prev == 0 || prev == ' ' || prev == '(' || prev == '[' || prev == '{' || prev == 0x2014 ||
           prev == 0x2013 || prev == 0x201C || prev == 0x2018 || prev == '/';
}

static uint32_t smarten(const char *text, size_t len, size_t *i, uint32_t c, uint32_t prev)
{
    if (c == '"')
        return opens_after(prev) ? 0x201C : 0x201D;
    if (c == '\'') /* '90s: an apostrophe, not an opening quote */
        return opens_after(prev) && !(*i < len && text[*i] >= '0' && text[*i] <= '9') ? 0x2018 : 0x2019;
    if (c == '-' && *i < len && text[*i] == '-') {
        bool em = *i + 1 < len && text[*i + 1] == '-';
        *i += em ? 2 : 1;
        return em ? 0x2014 : 0x2013;
    }
    return c;
}

static uint32_t *collect(gp_textctx *tc, const gp_para *p, const gp_text_style *st, gp_loc loc, cpinfo **info_out,
                         size_t *n_out)
{
    size_t cap = 0;
    for (size_t s = 0; s < p->count; s++)
        cap += strlen(p->spans[s].text);
    uint32_t *cps = gp_arena_alloc(tc->a, (cap + 1) * sizeof *cps);
    cpinfo *info = gp_arena_alloc(tc->a, (cap + 1) * sizeof *info);
    size_t n = 0;
    for (size_t s = 0; s < p->count; s++) {
        const gp_span *sp = &p->spans[s];
        unsigned style = sp->style ^ st->style_flip;
        gp_face *want = st->faces[(style & GP_SPAN_BOLD ? 2 : 0) + (style & GP_SPAN_ITALIC ? 1 : 0)];
        for (size_t i = 0, len = strlen(sp->text); i < len;) {
            uint32_t c;
            i += gp_utf8_decode(sp->text + i, len - i, &c);
            if (c < 0x20 || c == 0x7F)
                c = ' ';
            if (c == 0xFFFE || c == 0xFFFF) /* noncharacters; libunibreak takes U+FFFF as the text's end */
                c = 0xFFFD;
            if (tc->smart_punct)
                c = smarten(sp->text, len, &i, c, n ? cps[n - 1] : 0);
            if (is_space(c) && (n == 0 || is_space(cps[n - 1])))
                continue; /* plain strings (titles, labels) may carry spaces rich text has collapsed */
            if (c > 0xFFFF) {
                gp_warn(tc->d, loc, "U+%04X is outside the Basic Multilingual Plane, which the PDF fonts cannot show; "
                                    "printed as U+FFFD",
                        c);
                c = 0xFFFD;
            }
            cps[n] = c;
            info[n].face = is_space(c) ? want : gp_fontset_pick(tc->fonts, want, c, loc, tc->d);
            info[n].url = sp->url;
            n++;
        }
    }
    *info_out = info;
    *n_out = n;
    return cps;
}

/* Shaped words: a guide repeats its words ("the", "film", "migrant") many
 * times, so each word is shaped once per face and size. An open-addressing
 * table in the arena. */
typedef struct shaped {
    const gp_face *face;
    double size;
    uint64_t hash;
    const uint32_t *cps;
    size_t n;
    double *adv;
} shaped;

struct gp_shape_cache {
    shaped **slots;
    size_t cap, count;
};

static uint64_t word_hash(const gp_face *f, double size, const uint32_t *cps, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL ^ (uint64_t)(uintptr_t)f ^ ((uint64_t)(size * 64) << 40);
    for (size_t i = 0; i < n; i++)
        h = (h ^ cps[i]) * 0x100000001b3ULL;
    return h;
}

static shaped **word_slot(struct gp_shape_cache *c, const gp_face *f, double size, uint64_t h, const uint32_t *cps,
                          size_t n)
{
    for (size_t i = (size_t)h & (c->cap - 1);; i = (i + 1) & (c->cap - 1)) {
        shaped *s = c->slots[i];
        if (!s || (s->hash == h && s->face == f && s->size == size && s->n == n &&
                   !memcmp(s->cps, cps, n * sizeof *cps)))
            return &c->slots[i];
    }
}

static void shape_cached(gp_textctx *tc, gp_face *f, const uint32_t *cps, size_t n, double size, double *adv)
{
    struct gp_shape_cache *c = tc->shapes;
    if (!c)
        c = tc->shapes = GP_NEW(tc->a, struct gp_shape_cache);
    if (c->count * 2 >= c->cap) {
        struct gp_shape_cache bigger = {.cap = c->cap ? c->cap * 2 : 1024, .count = c->count};
        bigger.slots = GP_NEW_N(tc->a, shaped *, bigger.cap);
        for (size_t i = 0; i < c->cap; i++)
            if (c->slots[i])
                *word_slot(&bigger, c->slots[i]->face, c->slots[i]->size, c->slots[i]->hash, c->slots[i]->cps,
                           c->slots[i]->n) = c->slots[i];
        *c = bigger;
    }
    uint64_t h = word_hash(f, size, cps, n);
    shaped **slot = word_slot(c, f, size, h, cps, n);
    if (!*slot) {
        shaped *s = GP_NEW(tc->a, shaped);
        uint32_t *copy = GP_NEW_N(tc->a, uint32_t, n);
        memcpy(copy, cps, n * sizeof *cps);
        *s = (shaped){f, size, h, copy, n, GP_NEW_N(tc->a, double, n)};
        gp_face_shape(f, cps, n, size, s->adv);
        *slot = s;
        c->count++;
    }
    memcpy(adv, (*slot)->adv, n * sizeof *adv);
}

/* Advances of every code point: each word (a run of one face between
 * spaces) shaped as a whole, with its kerning. */
static double *measure(gp_textctx *tc, const uint32_t *cps, const cpinfo *info, size_t n, double size)
{
    double *adv = gp_arena_alloc(tc->a, (n + 1) * sizeof *adv);
    for (size_t s = 0; s < n;) {
        size_t e = s + 1;
        if (!is_space(cps[s]))
            while (e < n && info[s].face == info[e].face && !is_space(cps[e]))
                e++;
        shape_cached(tc, info[s].face, cps + s, e - s, size, adv + s);
        s = e;
    }
    return adv;
}

static gp_line assemble(gp_textctx *tc, const gp_text_style *st, const builder *b, const gp_lb_line *ln,
                        const uint32_t *cps, const cpinfo *info, const double *adv)
{
    size_t cap = 2;
    for (size_t k = ln->start; k < ln->end; k++)
        cap += b->to[k] - b->from[k];
    uint32_t *lc = gp_arena_alloc(tc->a, cap * sizeof *lc);
    double *la = gp_arena_alloc(tc->a, cap * sizeof *la);
    const cpinfo **li = gp_arena_alloc(tc->a, cap * sizeof *li);
    /* A line stretched past its ratio of 1 keeps its letters at their widest
     * and gives the rest of the slack to the word spaces; with no space to
     * take it, the line stays short, as TeX leaves an underfull line. */
    double letter_r = ln->ratio, space_r = ln->ratio;
    if (ln->ratio > 1) {
        double glue = 0, letters = 0;
        for (size_t k = ln->start; k < ln->end; k++)
            *(b->items[k].kind == GP_LB_GLUE ? &glue : &letters) += b->items[k].stretch;
        letter_r = 1;
        space_r = glue > 0 ? (ln->ratio * (glue + letters) - letters) / glue : 0;
    }
    /* every box stretches by LETTER_STRETCH (shrinks by LETTER_SHRINK) per gap */
    double spacing = !st->justify ? 0
                     : letter_r >= 0 ? letter_r * LETTER_STRETCH * st->size_pt
                                     : letter_r * LETTER_SHRINK * st->size_pt;
    size_t n = 0;
    for (size_t k = ln->start; k < ln->end; k++) {
        const gp_lb_item *it = &b->items[k];
        if (it->kind == GP_LB_PENALTY)
            continue;
        if (it->kind == GP_LB_GLUE) {
            double w = it->width + (space_r >= 0 ? space_r * it->stretch : space_r * it->shrink);
            if (b->to[k] > b->from[k]) {
                lc[n] = cps[b->from[k]], la[n] = w, li[n] = &info[b->from[k]], n++;
            } else if (n) {
                la[n - 1] += w;
            }
            continue;
        }
        for (size_t i = b->from[k]; i < b->to[k]; i++)
            lc[n] = cps[i], la[n] = adv[i] + (i + 1 < b->to[k] ? spacing : 0), li[n] = &info[i], n++;
    }
    gp_line line = {0};
    if (ln->end < b->n && b->items[ln->end].kind == GP_LB_PENALTY && b->items[ln->end].width > 0 && n) {
        lc[n] = '-', la[n] = b->items[ln->end].width, li[n] = li[n - 1], n++;
        line.hyphenated = true;
    }
    while (n && is_space(lc[n - 1])) /* a trailing space would only shift the rag */
        n--;
    size_t nruns = 0;
    for (size_t i = 0; i < n; i++)
        if (!i || li[i]->face != li[i - 1]->face || li[i]->url != li[i - 1]->url)
            nruns++;
    line.runs = gp_arena_alloc(tc->a, (nruns ? nruns : 1) * sizeof *line.runs);
    double x = 0;
    for (size_t i = 0; i < n;) {
        size_t e = i + 1;
        while (e < n && li[e]->face == li[i]->face && li[e]->url == li[i]->url)
            e++;
        gp_run *r = &line.runs[line.nruns++];
        *r = (gp_run){li[i]->face, st->size_pt, li[i]->url ? st->link_color : st->color, x, 0, spacing, lc + i, la + i,
                      e - i, li[i]->url};
        for (size_t j = i; j < e; j++) {
            r->width += la[j];
            gp_face_mark(r->face, lc[j]);
        }
        x += r->width;
        i = e;
    }
    line.width = x;
    return line;
}

/* The cache of set paragraphs: layout measures sections (keeps, panels)
 * on a dry run and then places them, so most paragraphs are asked for
 * twice or more. An open-addressing table keyed by the paragraph's text
 * (compared by value: callers build short-lived paragraphs on the stack),
 * the style's values and the widths; entries live in the arena. */
typedef struct cache_entry {
    gp_para p;                 /* a copy */
    uint64_t hash;
    gp_text_style st;
    double width, first_width;
    gp_lines lines;
} cache_entry;

struct gp_para_cache {
    cache_entry **slots;
    size_t cap, count;
};

static bool same_style(const gp_text_style *a, const gp_text_style *b)
{
    return !memcmp(a->faces, b->faces, sizeof a->faces) && a->size_pt == b->size_pt &&
           a->leading_pt == b->leading_pt && !memcmp(&a->color, &b->color, sizeof a->color) &&
           !memcmp(&a->link_color, &b->link_color, sizeof a->link_color) && a->style_flip == b->style_flip &&
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
            !same_str(a->spans[i].url, b->spans[i].url))
            return false;
    return true;
}

static uint64_t para_hash(const gp_para *p, double width, double size)
{
    uint64_t h = 0xcbf29ce484222325ULL ^ (uint64_t)(width * 64) ^ ((uint64_t)(size * 64) << 32);
    for (size_t i = 0; i < p->count; i++)
        for (const char *s = p->spans[i].text; *s; s++)
            h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
    return h;
}

static cache_entry **cache_slot(struct gp_para_cache *c, const gp_para *p, uint64_t hash, const gp_text_style *st,
                                double width, double first_width)
{
    for (size_t i = (size_t)hash & (c->cap - 1);; i = (i + 1) & (c->cap - 1)) {
        cache_entry *e = c->slots[i];
        if (!e || (e->hash == hash && e->width == width && e->first_width == first_width && same_style(&e->st, st) &&
                   same_para(&e->p, p)))
            return &c->slots[i];
    }
}

/* A copy of a paragraph whose strings outlive the caller's. */
static gp_para copy_para(gp_arena *a, const gp_para *p)
{
    gp_para c = {GP_NEW_N(a, gp_span, p->count ? p->count : 1), p->count};
    for (size_t i = 0; i < p->count; i++)
        c.spans[i] = (gp_span){gp_arena_strdup(a, p->spans[i].text), p->spans[i].style,
                               p->spans[i].url ? gp_arena_strdup(a, p->spans[i].url) : NULL};
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
            *cache_slot(&bigger, &e->p, e->hash, &e->st, e->width, e->first_width) = e;
    }
    bigger.count = c->count;
    *c = bigger;
}

static gp_lines set_uncached(gp_textctx *tc, const gp_para *p, const gp_text_style *st, double width,
                             double first_width, gp_loc loc);

gp_lines gp_para_set(gp_textctx *tc, const gp_para *p, const gp_text_style *st, double width, double first_width,
                     gp_loc loc)
{
    cache_grow(tc);
    uint64_t hash = para_hash(p, width, st->size_pt);
    cache_entry **slot = cache_slot(tc->cache, p, hash, st, width, first_width);
    if (!*slot) {
        cache_entry *e = GP_NEW(tc->a, cache_entry);
        gp_para copy = copy_para(tc->a, p);
        *e = (cache_entry){copy, hash, *st, width, first_width, set_uncached(tc, &copy, st, width, first_width, loc)};
        *slot = e;
        tc->cache->count++;
    }
    return (*slot)->lines;
}

static void builder_free(builder *b)
{
    free(b->items);
    free(b->from);
    free(b->to);
    *b = (builder){0};
}

/* Boxes, glue and penalties for a paragraph, hyphenated with `hyph` if set. */
static builder items(gp_hyph *hyph, const gp_text_style *st, const uint32_t *cps, const cpinfo *info,
                     const double *adv, const char *brks, size_t n, double narrowest)
{
    builder b = {0};
    size_t last_space = 0;
    for (size_t i = 0; i < n; i++)
        if (is_space(cps[i]))
            last_space = i + 1;
    for (size_t i = 0; i < n;) {
        if (is_space(cps[i])) {
            double w = adv[i];
            gp_lb_item g = {.kind = GP_LB_GLUE, .width = w};
            if (st->justify) /* TeX's word space: stretch by half, shrink by a third */
                g.stretch = w / 3, g.shrink = w / 3;
            add_item(&b, g, i, i + 1);
            i++;
            continue;
        }
        size_t e = i;
        while (e < n && !is_space(cps[e]))
            e++;
        add_word(&b, hyph, st, cps, info, adv, brks, i, e, i >= last_space);
        i = e;
    }
    break_wide_boxes(&b, adv, narrowest);
    if (st->justify)
        for (size_t k = 0; k < b.n; k++)
            if (b.items[k].kind == GP_LB_BOX) {
                double gaps = (double)(b.to[k] - b.from[k] - 1);
                b.items[k].stretch = gaps * LETTER_STRETCH * st->size_pt;
                b.items[k].shrink = gaps * LETTER_SHRINK * st->size_pt;
            }
    return b;
}

static gp_hyph *patterns(gp_textctx *tc)
{
    if (!tc->hyph && tc->hyphs)
        tc->hyph = gp_hyph_cache_get(tc->hyphs, tc->language);
    return tc->hyph;
}

static gp_lines set_uncached(gp_textctx *tc, const gp_para *p, const gp_text_style *st, double width,
                             double first_width, gp_loc loc)
{
    gp_lines out = {0};
    cpinfo *info;
    size_t n;
    uint32_t *cps = collect(tc, p, st, loc, &info, &n);
    if (!n)
        return out;
    double *adv = measure(tc, cps, info, n, st->size_pt);
    static pthread_once_t unibreak_ready = PTHREAD_ONCE_INIT;
    pthread_once(&unibreak_ready, init_linebreak); /* libunibreak's tables, once per process */
    char *brks = gp_xmalloc(n);
    memset(brks, LINEBREAK_NOBREAK, n);
    set_linebreaks_utf32((const utf32_t *)cps, n, tc->language, brks);
    double narrowest = first_width > 0 && first_width < width ? first_width : width;

    /* As TeX does: first try without hyphens, at a stricter tolerance; only
     * a paragraph that cannot be set well so is hyphenated (and only then
     * are the patterns loaded). */
    gp_lb_params params;
    gp_lb_params_default(&params, width);
    params.first_line_width = first_width;
    params.ragged = !st->justify;
    builder b = {0};
    gp_lb_line *lines = NULL;
    size_t nl = 0;
    if (st->hyphenate && !tc->greedy) {
        b = items(NULL, st, cps, info, adv, brks, n, narrowest);
        gp_lb_params strict = params;
        strict.tolerance = 50;
        strict.first_pass_only = true;
        lines = gp_xmalloc((b.n + 1) * sizeof *lines);
        nl = gp_linebreak(b.items, b.n, &strict, lines);
    }
    if (nl == 0) {
        builder_free(&b);
        b = items(st->hyphenate ? patterns(tc) : NULL, st, cps, info, adv, brks, n, narrowest);
        lines = gp_xrealloc(lines, (b.n + 1) * sizeof *lines);
        nl = (tc->greedy ? gp_linebreak_greedy : gp_linebreak)(b.items, b.n, &params, lines);
    }
    free(brks);
    out.lines = gp_arena_alloc(tc->a, (nl ? nl : 1) * sizeof *out.lines);
    for (size_t l = 0; l < nl; l++) {
        gp_line line = assemble(tc, st, &b, &lines[l], cps, info, adv);
        if (line.nruns)
            out.lines[out.count++] = line;
    }
    free(lines);
    builder_free(&b);
    return out;
}

gp_line gp_text_line(gp_textctx *tc, const char *text, const gp_text_style *st, unsigned style, gp_loc loc)
{
    gp_span span = {text, style, NULL};
    gp_para p = {&span, 1};
    gp_text_style one = *st;
    one.justify = false;
    one.hyphenate = false;
    gp_lines ls = gp_para_set(tc, &p, &one, 1e7, 0, loc);
    return ls.count ? ls.lines[0] : (gp_line){0};
}
