/* Inline markup -> spans.
 *
 * A value is split into paragraphs at blank lines; inside a paragraph, runs
 * of whitespace (YAML keeps the newlines of `|` blocks) become one space.
 * Then a single left-to-right pass, as md4c's inline pass does in spirit:
 * `**` and `*` toggle bold and italic only when a closing delimiter exists
 * later in the paragraph (otherwise the star is literal), `[label](url)` is
 * a link when the `](`...`)` closes it, and `\` escapes `* [ ] \`.
 *
 * Link destinations follow CommonMark (spec 0.30, §6.3): either `<...>`, or
 * a run without spaces whose parentheses balance, so a Wikipedia address
 * ending in `_(film)` stays whole; a backslash escapes ASCII punctuation.
 * Only http, https and mailto targets become links (gp_url_linkable); any
 * other keeps its label as plain text, with a warning.
 *
 * Every step is linear in the paragraph: where the markup opens and closes
 * is found before the spans are built, in passes that look at each
 * character a bounded number of times (content may hold a hundred thousand
 * stars or brackets). */
#include "rich.h"

#include "base/language.h"
#include "base/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Where each `[` of the collapsed text was in the value (normalise), so a
 * link's warning can point at it. */
typedef struct bracket_map {
    size_t *at; /* pairs: offset in the collapsed text, offset in the value */
    size_t count, cap, next;
} bracket_map;

typedef struct builder {
    gp_arena *arena;
    gp_diags *diags;
    gp_loc loc;
    const gp_node *node;    /* the value's YAML scalar, for positions inside it, or NULL */
    gp_text_cursor cursor;
    bracket_map brackets;
    size_t para_start;      /* the paragraph's offset in the collapsed text */
    char *buf;        /* text of the span being built */
    size_t len, cap;
    bool after_space; /* the paragraph's text so far ends in a space (or is empty) */
    unsigned style;
    const char *url;
    const char *lang;
    gp_span *spans;
    size_t count, spancap;
} builder;

/* Appends text to the span. Spaces were collapsed before the markup was
 * taken out, so markup between two spaces (`a [ b](x)`, an unlinked label's
 * brackets) would leave them side by side: a space after a space, or at
 * the paragraph's start, is dropped. */
static void put(builder *b, const char *s, size_t n)
{
    if (n == 1 && *s == ' ' && b->after_space)
        return;
    b->after_space = s[n - 1] == ' ';
    GP_RESERVE(b->buf, b->len, n + 1, b->cap);
    memcpy(b->buf + b->len, s, n);
    b->len += n;
}

static void flush(builder *b)
{
    if (!b->len)
        return;
    GP_GROW(b->spans, b->count, b->spancap, 4);
    b->spans[b->count++] = (gp_span){gp_arena_strndup(b->arena, b->buf, b->len), b->style, b->url, b->lang};
    b->len = 0;
}

static bool is_ascii_punct(char c)
{
    return c && strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c);
}

static bool starts_with_nocase(const char *s, const char *prefix)
{
    for (; *prefix; s++, prefix++)
        if ((*s >= 'A' && *s <= 'Z' ? *s + 32 : *s) != *prefix)
            return false;
    return true;
}

bool gp_url_linkable(const char *url)
{
    static const char *const schemes[] = {"http://", "https://", "mailto:"};
    for (const char *p = url; *p; p++)
        if ((unsigned char)*p <= ' ' || *p == 0x7F)
            return false;
    for (size_t i = 0; i < sizeof schemes / sizeof schemes[0]; i++)
        if (starts_with_nocase(url, schemes[i]) && url[strlen(schemes[i])])
            return true;
    return false;
}

#define NONE ((size_t)-1)
/* CommonMark's limit (cmark too): deeper nesting is not a destination.
 * A language tag is short (RFC 5646 asks readers for 35 characters). */
enum { MAX_PAREN_DEPTH = 32, MAX_LANG_TAG = 64 };

/* A link: s[open] is its `[`, s[close] its `]`, s[end] the `)` after the
 * destination s[dest, dest_end). A span with a language (`lang`), Pandoc's
 * `[texte]{lang=fr}`: s[end] is the `}`, s[dest, dest_end) the tag. */
typedef struct link {
    size_t open, close, end, dest, dest_end;
    bool lang;
} link;

typedef struct marks {
    link *links;        /* sorted by open */
    size_t nlinks;
    bool *closer[3];    /* [n][k]: a run of n stars closes emphasis at or after k */
} marks;

/* The destination after `](` at s[k]: true with its range and the `)` that
 * ends it. A destination scan stops at a space, an unmatched `)` or the
 * 33rd open parenthesis, so scans that overlap are nested at different
 * depths and each character is looked at by at most 33 of them. */
static bool scan_destination(const char *s, size_t len, size_t k, link *l)
{
    if (k < len && s[k] == '<') {
        for (size_t i = k + 1; i < len; i++) {
            if (s[i] == '\\' && i + 1 < len && is_ascii_punct(s[i + 1]))
                i++;
            else if (s[i] == '<')
                return false;
            else if (s[i] == '>') {
                *l = (link){.dest = k + 1, .dest_end = i, .end = i + 1};
                return i + 1 < len && s[i + 1] == ')' && i > k + 1;
            }
        }
        return false;
    }
    int depth = 0;
    for (size_t i = k; i < len; i++) {
        if (s[i] == '\\' && i + 1 < len && is_ascii_punct(s[i + 1])) {
            i++;
        } else if (s[i] == '(') {
            if (++depth > MAX_PAREN_DEPTH)
                return false;
        } else if (s[i] == ')') {
            if (depth-- == 0) {
                *l = (link){.dest = k, .dest_end = i, .end = i};
                return i > k;
            }
        } else if ((unsigned char)s[i] <= ' ') {
            return false;
        }
    }
    return false;
}

/* The attribute after `]{` at s[k]: `lang=TAG}`, TAG without spaces or
 * braces (whether it is a language tag is checked when the span is made). */
static bool scan_lang(const char *s, size_t len, size_t k, link *l)
{
    static const char key[] = "lang=";
    if (len - k < sizeof key || memcmp(s + k, key, sizeof key - 1))
        return false;
    size_t from = k + sizeof key - 1;
    for (size_t i = from; i < len && i - from <= MAX_LANG_TAG; i++) {
        if (s[i] == '}') {
            *l = (link){.dest = from, .dest_end = i, .end = i, .lang = true};
            return i > from;
        }
        if ((unsigned char)s[i] <= ' ' || s[i] == '{')
            return false;
    }
    return false;
}

static int by_open(const void *pa, const void *pb)
{
    const link *a = pa, *b = pb;
    return a->open < b->open ? -1 : a->open > b->open;
}

/* Links: brackets matched with a stack (escapes skip a character), kept
 * if `](destination)` (or `]{lang=tag}`) follows with a non-empty label;
 * the scan goes on after the destination, whose brackets are not markup. */
static void find_links(const char *s, size_t len, marks *m)
{
    size_t *stack = NULL, depth = 0, cap = 0, nlinks = 0, linkcap = 0;
    for (size_t k = 0; k < len; k++) {
        if (s[k] == '\\') {
            k++;
        } else if (s[k] == '[') {
            GP_GROW(stack, depth, cap, 16);
            stack[depth++] = k;
        } else if (s[k] == ']' && depth) {
            size_t open = stack[--depth];
            link l;
            if (k > open + 1 && k + 1 < len &&
                ((s[k + 1] == '(' && scan_destination(s, len, k + 2, &l)) ||
                 (s[k + 1] == '{' && scan_lang(s, len, k + 2, &l)))) {
                GP_GROW(m->links, nlinks, linkcap, 8);
                l.open = open, l.close = k;
                m->links[nlinks++] = l;
                k = l.end;
            }
        }
    }
    m->nlinks = nlinks;
    if (nlinks)
        qsort(m->links, nlinks, sizeof *m->links, by_open);
    free(stack);
}

/* Emphasis closers, right to left: a run of n stars closes if it is at
 * least n long (a run of exactly two closes bold only); escaped stars and
 * stars inside a link's destination close nothing. `run` is the length of
 * the run of stars that starts at k, carried from k + 1. */
static void find_closers(const char *s, size_t len, marks *m)
{
    for (int n = 1; n <= 2; n++) {
        bool *has = m->closer[n];
        has[len] = has[len + 1] = false;
        size_t run = 0, next_link = m->nlinks;
        for (size_t k = len; k-- > 0;) {
            run = s[k] == '*' ? run + 1 : 0;
            while (next_link > 0 && m->links[next_link - 1].open > k)
                next_link--;
            bool opens_link = next_link > 0 && m->links[next_link - 1].open == k;
            if (s[k] == '\\')
                has[k] = has[k + 2 <= len ? k + 2 : len];
            else if (opens_link)
                has[k] = has[m->links[next_link - 1].end + 1];
            else if (s[k] == '*')
                has[k] = (run >= (size_t)n && (n == 2 || run != 2)) || has[k + run];
            else
                has[k] = has[k + 1];
        }
    }
}

/* Is there a closing run of `n` stars after s[from] (not right at it:
 * empty emphasis stays literal)? */
static bool has_closer(const char *s, size_t len, const marks *m, size_t from, size_t n)
{
    if (from >= len)
        return false;
    return m->closer[n][s[from] == '*' ? from + 1 : from];
}

/* The position of the `[` at `norm_off` of the collapsed text: links come
 * in order, so the map and the cursor only move forward. */
static gp_loc link_loc(builder *b, size_t norm_off)
{
    bracket_map *m = &b->brackets;
    while (m->next < m->count && m->at[2 * m->next] < norm_off)
        m->next++;
    if (!b->node || m->next == m->count || m->at[2 * m->next] != norm_off)
        return b->loc;
    return gp_node_text_loc(b->node, m->at[2 * m->next + 1], &b->cursor);
}

/* The link's destination with its backslash escapes removed (arena), or
 * NULL with a warning if it is not a target to link to. */
static const char *link_target(builder *b, const char *s, const link *l)
{
    char *url = gp_arena_alloc(b->arena, l->dest_end - l->dest + 1), *o = url;
    for (size_t i = l->dest; i < l->dest_end; i++) {
        if (s[i] == '\\' && i + 1 < l->dest_end && is_ascii_punct(s[i + 1]))
            i++;
        *o++ = s[i];
    }
    *o = 0;
    if (gp_url_linkable(url))
        return url;
    if (b->diags)
        gp_warn(b->diags, link_loc(b, b->para_start + l->open),
                "the link target `%s` is not an http, https or mailto address without spaces; its label is "
                "printed without a link",
                url);
    return NULL;
}

/* The span's language tag (arena), or NULL with a warning saying how to
 * write one if it is not a BCP 47 tag. */
static const char *lang_tag(builder *b, const char *s, const link *l)
{
    const char *tag = gp_arena_strndup(b->arena, s + l->dest, l->dest_end - l->dest);
    if (gp_language_tag_valid(tag))
        return tag;
    if (b->diags) {
        char *dashed = gp_arena_strdup(b->arena, tag);
        for (char *p = dashed; *p; p++)
            *p = *p == '_' ? '-' : *p;
        if (gp_language_tag_valid(dashed))
            gp_warn(b->diags, link_loc(b, b->para_start + l->open),
                    "`%s` is not a BCP 47 language tag: write `{lang=%s}` (subtags joined by hyphens); the span "
                    "is set in the guide's language",
                    tag, dashed);
        else
            gp_warn(b->diags, link_loc(b, b->para_start + l->open),
                    "`%s` is not a BCP 47 language tag: write a language code, then an optional script and "
                    "region, as in `{lang=fr}`, `{lang=pt-BR}` or `{lang=zh-Hant}`; the span is set in the "
                    "guide's language",
                    tag);
    }
    return NULL;
}

/* Where a link or language span opens at s[i] (`[`), the one that does,
 * if it may: neither nests in its own kind. */
static const link *opening(const marks *m, size_t *next, size_t i, const link *in_link, const link *in_lang)
{
    while (*next < m->nlinks && m->links[*next].open < i)
        ++*next;
    if (*next == m->nlinks || m->links[*next].open != i)
        return NULL;
    const link *l = &m->links[*next];
    return (l->lang ? in_lang : in_link) ? NULL : l;
}

static void parse_para(builder *b, const char *s, size_t len)
{
    marks m = {0};
    m.closer[1] = gp_xmalloc(len + 2);
    m.closer[2] = gp_xmalloc(len + 2);
    find_links(s, len, &m);
    find_closers(s, len, &m);
    const link *in_link = NULL, *in_lang = NULL, *l;
    size_t next_link = 0, run_end = 0;
    b->after_space = true;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '\\' && i + 1 < len && strchr("*[]\\", s[i + 1])) {
            put(b, s + i + 1, 1);
            i++;
        } else if (c == '*') {
            if (run_end <= i) /* a new run of stars: found once, however many are taken from it */
                for (run_end = i + 1; run_end < len && s[run_end] == '*';)
                    run_end++;
            size_t take = run_end - i >= 2 ? 2 : 1;
            unsigned bit = take == 2 ? GP_SPAN_BOLD : GP_SPAN_ITALIC;
            if ((b->style & bit) || has_closer(s, len, &m, i + take, take)) {
                flush(b);
                b->style ^= bit;
            } else {
                put(b, s + i, take);
            }
            i += take - 1;
        } else if (c == '[' && (l = opening(&m, &next_link, i, in_link, in_lang)) && l->lang) {
            in_lang = l;
            const char *lang = lang_tag(b, s, l);
            if (lang) /* a span in no language goes on in the span before it */
                flush(b);
            b->lang = lang;
        } else if (c == '[' && l) {
            in_link = l;
            const char *url = link_target(b, s, in_link);
            if (url) /* an unlinked label goes on in the span before it */
                flush(b);
            b->url = url;
        } else if (in_link && i == in_link->close) {
            if (b->url)
                flush(b);
            b->url = NULL;
            i = in_link->end;
            in_link = NULL;
        } else if (in_lang && i == in_lang->close) {
            if (b->lang)
                flush(b);
            b->lang = NULL;
            i = in_lang->end;
            in_lang = NULL;
        } else {
            put(b, s + i, 1);
        }
    }
    flush(b);
    b->style = 0;
    b->url = NULL;
    b->lang = NULL;
    free(m.links);
    free(m.closer[1]);
    free(m.closer[2]);
}

static void note_bracket(bracket_map *m, size_t norm_off, size_t src_off)
{
    if (m->count == m->cap) {
        m->cap = m->cap ? 2 * m->cap : 16;
        m->at = gp_xrealloc(m->at, 2 * m->cap * sizeof *m->at);
    }
    m->at[2 * m->count] = norm_off;
    m->at[2 * m->count++ + 1] = src_off;
}

/* Collapses whitespace; returns paragraphs split at blank lines (malloc'd
 * copy, \0-separated), noting where each `[` was in src. */
static size_t normalise(const char *src, char *out, size_t *starts, size_t *lens, bracket_map *brackets)
{
    size_t np = 0, o = 0;
    const char *p = src;
    while (*p) {
        /* skip leading whitespace and blank lines */
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            p++;
        if (!*p)
            break;
        starts[np] = o;
        bool space = false;
        while (*p) {
            if (*p == '\n') {
                const char *q = p + 1;
                while (*q == ' ' || *q == '\t' || *q == '\r')
                    q++;
                if (*q == '\n' || !*q) {
                    p = q;
                    break;
                }
                space = true;
                p++;
            } else if (*p == ' ' || *p == '\t' || *p == '\r') {
                space = true;
                p++;
            } else {
                if (space && o > starts[np])
                    out[o++] = ' ';
                space = false;
                if (*p == '[')
                    note_bracket(brackets, o, (size_t)(p - src));
                out[o++] = *p++;
            }
        }
        lens[np] = o - starts[np];
        out[o++] = 0;
        np++;
    }
    return np;
}

static gp_rich *parse(gp_arena *a, const char *src, gp_loc loc, const gp_node *node, gp_diags *d)
{
    size_t n = strlen(src);
    char *norm = gp_xmalloc(n + 2);
    size_t *starts = gp_xmalloc((n / 2 + 2) * sizeof *starts);
    size_t *lens = gp_xmalloc((n / 2 + 2) * sizeof *lens);
    builder b = {.arena = a, .diags = d, .loc = loc, .node = node};
    size_t np = normalise(src, norm, starts, lens, &b.brackets);

    gp_rich *r = GP_NEW(a, gp_rich);
    r->loc = loc;
    r->count = np;
    r->paras = GP_NEW_N(a, gp_para, np ? np : 1);
    for (size_t i = 0; i < np; i++) {
        b.count = 0;
        b.para_start = starts[i];
        parse_para(&b, norm + starts[i], lens[i]);
        r->paras[i].count = b.count;
        r->paras[i].node = node;
        r->paras[i].spans = GP_NEW_N(a, gp_span, b.count ? b.count : 1);
        if (b.count)
            memcpy(r->paras[i].spans, b.spans, b.count * sizeof *b.spans);
    }
    free(b.buf);
    free(b.spans);
    free(b.brackets.at);
    free(norm);
    free(starts);
    free(lens);
    return r;
}

gp_rich *gp_rich_parse(gp_arena *a, const char *src, gp_loc loc, gp_diags *d)
{
    return parse(a, src, loc, NULL, d);
}

gp_rich *gp_rich_parse_node(gp_arena *a, const gp_node *n, gp_diags *d)
{
    return parse(a, n->str, n->loc, n, d);
}

gp_loc gp_para_char_loc(const gp_para *p, uint32_t cp, gp_loc otherwise)
{
    char u[4];
    size_t n = gp_utf8_encode(cp, u);
    const char *at = p->node && n ? memmem(p->node->str, p->node->len, u, n) : NULL;
    gp_text_cursor c = {0};
    return at ? gp_node_text_loc(p->node, (size_t)(at - p->node->str), &c) : otherwise;
}

gp_rich *gp_rich_plain(gp_arena *a, const char *text, unsigned style, gp_loc loc)
{
    gp_rich *r = GP_NEW(a, gp_rich);
    r->loc = loc;
    r->count = 1;
    r->paras = GP_NEW(a, gp_para);
    r->paras[0].count = 1;
    r->paras[0].spans = GP_NEW(a, gp_span);
    r->paras[0].spans[0] = (gp_span){gp_arena_strdup(a, text), style, NULL, NULL};
    return r;
}

char *gp_rich_text(gp_arena *a, const gp_rich *r)
{
    size_t n = 1 + 2 * r->count; /* the text, and "\n\n" between paragraphs */
    for (size_t i = 0; i < r->count; i++)
        for (size_t j = 0; j < r->paras[i].count; j++)
            n += strlen(r->paras[i].spans[j].text);
    char *out = gp_arena_alloc(a, n), *o = out;
    for (size_t i = 0; i < r->count; i++) {
        if (i) {
            *o++ = '\n';
            *o++ = '\n';
        }
        for (size_t j = 0; j < r->paras[i].count; j++) {
            size_t l = strlen(r->paras[i].spans[j].text);
            memcpy(o, r->paras[i].spans[j].text, l);
            o += l;
        }
    }
    *o = 0;
    return out;
}
