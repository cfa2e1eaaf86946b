/* Inline markup -> spans.
 *
 * A value is split into paragraphs at blank lines; inside a paragraph, runs
 * of whitespace (YAML keeps the newlines of `|` blocks) become one space.
 * Then a single left-to-right pass, as md4c's inline pass does in spirit:
 * `**` and `*` toggle bold and italic only when a closing delimiter exists
 * later in the paragraph (otherwise the star is literal), `[label](url)` is
 * a link when the `](`...`)` closes it, and `\` escapes `* [ ] \`. */
#include "rich.h"

#include <stdlib.h>
#include <string.h>

typedef struct builder {
    gp_arena *arena;
    char *buf;        /* text of the span being built */
    size_t len, cap;
    unsigned style;
    const char *url;
    gp_span *spans;
    size_t count, spancap;
} builder;

static void put(builder *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->buf = gp_xrealloc(b->buf, b->cap);
    }
    memcpy(b->buf + b->len, s, n);
    b->len += n;
}

static void flush(builder *b)
{
    if (!b->len)
        return;
    if (b->count == b->spancap) {
        b->spancap = b->spancap ? b->spancap * 2 : 4;
        b->spans = gp_xrealloc(b->spans, b->spancap * sizeof *b->spans);
    }
    b->spans[b->count++] = (gp_span){gp_arena_strndup(b->arena, b->buf, b->len), b->style, b->url};
    b->len = 0;
}

/* Where the markup of one paragraph opens and closes, found in linear
 * time before the spans are built (a scan per `[` or `*` would be
 * quadratic, and content may hold thousands of them). */
#define NONE ((size_t)-1)
typedef struct marks {
    size_t *link_close; /* for a `[` opening a link: its `]`; else NONE */
    size_t *link_end;   /* for that `[`: the `)` ending the address */
    bool *closer[3];    /* [n][k]: a run of n stars closes emphasis at or after k */
} marks;

/* Links: brackets matched with a stack (escapes skip a character), then
 * kept if `](address)` follows, with a non-empty label and an address
 * without spaces. */
static void find_links(const char *s, size_t len, marks *m)
{
    size_t *stack = gp_xmalloc((len + 1) * sizeof *stack), depth = 0;
    size_t *stop = gp_xmalloc((len + 1) * sizeof *stop); /* the next ')' or ' ' at or after k */
    stop[len] = len;
    for (size_t k = len; k-- > 0;)
        stop[k] = s[k] == ')' || s[k] == ' ' ? k : stop[k + 1];
    for (size_t k = 0; k < len; k++) {
        m->link_close[k] = m->link_end[k] = NONE;
        if (s[k] == '\\') {
            if (k + 1 < len)
                m->link_close[k + 1] = m->link_end[k + 1] = NONE;
            k++;
        } else if (s[k] == '[') {
            stack[depth++] = k;
        } else if (s[k] == ']' && depth) {
            size_t open = stack[--depth];
            size_t end = k + 2 <= len ? stop[k + 2] : len;
            if (k > open + 1 && k + 1 < len && s[k + 1] == '(' && end < len && s[end] == ')' && end > k + 2) {
                m->link_close[open] = k;
                m->link_end[open] = end;
            }
        }
    }
    free(stack);
    free(stop);
}

/* Emphasis closers, right to left: a run of n stars closes if it is at
 * least n long (a run of exactly two closes bold only); escaped stars and
 * stars inside a link's address close nothing. */
static void find_closers(const char *s, size_t len, marks *m)
{
    for (int n = 1; n <= 2; n++) {
        bool *has = m->closer[n];
        has[len] = has[len + 1] = false;
        for (size_t k = len; k-- > 0;) {
            if (s[k] == '\\') {
                has[k] = has[k + 2 <= len ? k + 2 : len];
            } else if (s[k] == '[' && m->link_close[k] != NONE) {
                has[k] = has[m->link_end[k] + 1];
            } else if (s[k] == '*') {
                size_t run = 1;
                while (k + run < len && s[k + run] == '*')
                    run++;
                has[k] = (run >= (size_t)n && (n == 2 || run != 2)) || has[k + run];
            } else {
                has[k] = has[k + 1];
            }
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

static void parse_para(builder *b, const char *s, size_t len)
{
    marks m;
    m.link_close = gp_xmalloc((len + 1) * sizeof *m.link_close);
    m.link_end = gp_xmalloc((len + 1) * sizeof *m.link_end);
    m.closer[1] = gp_xmalloc(len + 2);
    m.closer[2] = gp_xmalloc(len + 2);
    find_links(s, len, &m);
    find_closers(s, len, &m);
    size_t link_close = NONE, link_end = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '\\' && i + 1 < len && strchr("*[]\\", s[i + 1])) {
            put(b, s + i + 1, 1);
            i++;
        } else if (c == '*') {
            size_t run = 1;
            while (i + run < len && s[i + run] == '*')
                run++;
            size_t take = run >= 2 ? 2 : 1;
            unsigned bit = take == 2 ? GP_SPAN_BOLD : GP_SPAN_ITALIC;
            if ((b->style & bit) || has_closer(s, len, &m, i + take, take)) {
                flush(b);
                b->style ^= bit;
            } else {
                put(b, s + i, take);
            }
            i += take - 1;
        } else if (c == '[' && !b->url) {
            if (m.link_close[i] != NONE) {
                flush(b);
                b->url = gp_arena_strndup(b->arena, s + m.link_close[i] + 2, m.link_end[i] - m.link_close[i] - 2);
                link_close = m.link_close[i];
                link_end = m.link_end[i];
            } else {
                put(b, s + i, 1);
            }
        } else if (i == link_close) {
            flush(b);
            b->url = NULL;
            i = link_end;
            link_close = NONE;
        } else {
            put(b, s + i, 1);
        }
    }
    flush(b);
    b->style = 0;
    b->url = NULL;
    free(m.link_close);
    free(m.link_end);
    free(m.closer[1]);
    free(m.closer[2]);
}

/* Collapses whitespace; returns paragraphs split at blank lines (malloc'd copy, \0-separated). */
static size_t normalise(const char *src, char *out, size_t *starts, size_t *lens)
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
                out[o++] = *p++;
            }
        }
        lens[np] = o - starts[np];
        out[o++] = 0;
        np++;
    }
    return np;
}

gp_rich *gp_rich_parse(gp_arena *a, const char *src, gp_loc loc)
{
    size_t n = strlen(src);
    char *norm = gp_xmalloc(n + 2);
    size_t *starts = gp_xmalloc((n / 2 + 2) * sizeof *starts);
    size_t *lens = gp_xmalloc((n / 2 + 2) * sizeof *lens);
    size_t np = normalise(src, norm, starts, lens);

    gp_rich *r = GP_NEW(a, gp_rich);
    r->loc = loc;
    r->count = np;
    r->paras = GP_NEW_N(a, gp_para, np ? np : 1);
    builder b = {.arena = a};
    for (size_t i = 0; i < np; i++) {
        b.count = 0;
        parse_para(&b, norm + starts[i], lens[i]);
        r->paras[i].count = b.count;
        r->paras[i].spans = GP_NEW_N(a, gp_span, b.count ? b.count : 1);
        if (b.count)
            memcpy(r->paras[i].spans, b.spans, b.count * sizeof *b.spans);
    }
    free(b.buf);
    free(b.spans);
    free(norm);
    free(starts);
    free(lens);
    return r;
}

gp_rich *gp_rich_plain(gp_arena *a, const char *text, unsigned style, gp_loc loc)
{
    gp_rich *r = GP_NEW(a, gp_rich);
    r->loc = loc;
    r->count = 1;
    r->paras = GP_NEW(a, gp_para);
    r->paras[0].count = 1;
    r->paras[0].spans = GP_NEW(a, gp_span);
    r->paras[0].spans[0] = (gp_span){gp_arena_strdup(a, text), style, NULL};
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
