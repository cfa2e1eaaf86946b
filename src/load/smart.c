/* Smart punctuation (see smart.h).
 *
 * A straight quote opens after a space, an opening bracket, a dash or
 * another opening quote, and closes elsewhere; a single quote that closes
 * nothing open is an apostrophe (’, in every language), as is one before a
 * digit ('90s). In the languages that set quotation marks apart from their
 * words (French), a space typed inside is replaced by the narrow no-break
 * space, and one is added where none was typed. */
#include "smart.h"

#include "base/arena.h"
#include "base/language.h"
#include "base/utf8.h"

#include <stdlib.h>
#include <string.h>

#define NBSP "\xC2\xA0"
#define NNBSP "\xE2\x80\xAF" /* narrow no-break space, U+202F */

static const struct {
    const char *language;
    gp_quotes q;
} by_language[] = {
    {"en", {"\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x98", "\xE2\x80\x99", ": ", false, false}},
    {"fr", {"\xC2\xAB" NNBSP, NNBSP "\xC2\xBB", "\xE2\x80\x9C", "\xE2\x80\x9D", NNBSP ": ", true, false}},
    {"de", {"\xE2\x80\x9E", "\xE2\x80\x9C", "\xE2\x80\x9A", "\xE2\x80\x98", ": ", false, false}},
    {"ru", {"\xC2\xAB", "\xC2\xBB", "\xE2\x80\x9E", "\xE2\x80\x9C", ": ", false, false}},
    {"fa", {"\xC2\xAB", "\xC2\xBB", "\xE2\x80\x9C", "\xE2\x80\x9D", ": ", false, false}},
    {"ja", {"\xE3\x80\x8C", "\xE3\x80\x8D", "\xE3\x80\x8E", "\xE3\x80\x8F", "\xEF\xBC\x9A", false, true}},
};

const gp_quotes *gp_quotes_for(const char *language)
{
    for (size_t i = 0; i < sizeof by_language / sizeof by_language[0]; i++)
        if (gp_language_is(language, by_language[i].language))
            return &by_language[i].q;
    return &by_language[0].q;
}

void gp_smart_start(gp_smart *s, const char *language)
{
    *s = (gp_smart){.q = gp_quotes_for(language)};
}

/* ---- the output: a growing string that knows its last character ---- */

typedef struct out {
    char *s;
    size_t n, cap;
    gp_smart *sm;
} out;

/* prev: the last character of the output, if it has one (else the one before it, from the span before) */
static void set_prev(out *o)
{
    size_t last = o->n;
    while (last > 0 && ((unsigned char)o->s[last - 1] & 0xC0) == 0x80)
        last--;
    if (last > 0)
        gp_utf8_decode(o->s + last - 1, o->n - last + 1, &o->sm->prev);
}

static void put(out *o, const char *bytes, size_t len)
{
    GP_RESERVE(o->s, o->n, len + 1, o->cap);
    memcpy(o->s + o->n, bytes, len);
    o->n += len;
    o->s[o->n] = 0;
    set_prev(o);
}

static void puts_(out *o, const char *s)
{
    put(o, s, strlen(s));
}

/* Drops the spaces just written (the no-break space that replaces them follows). */
static void drop_spaces(out *o)
{
    while (o->n && o->s[o->n - 1] == ' ')
        o->n--;
    o->s[o->n] = 0;
    set_prev(o);
}

static bool is_blank(uint32_t c)
{
    return c <= ' ' || c == 0xA0 || c == 0x202F;
}

static bool opens_after(uint32_t prev)
{
    return is_blank(prev) || prev == '(' || prev == '[' || prev == '{' || prev == '/' || prev == 0x2013 ||
           prev == 0x2014 || prev == 0x201C || prev == 0x2018 || prev == 0x201E || prev == 0x201A || prev == 0xAB ||
           prev == 0x300C || prev == 0x300E;
}

/* ---- URLs, which keep every character as written ---- */

static bool is_scheme_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '-' ||
           c == '.';
}

/* The URL inside the word s[from, to), as [*us, *ue): from its scheme
 * ("https://", "mailto:") or "www." to the word's end less closing
 * punctuation, as CommonMark's autolinks end (a ')' stays if it closes a
 * '(' of the URL). Empty if the word has none. */
static void url_in_word(const char *s, size_t from, size_t to, size_t *us, size_t *ue)
{
    *us = *ue = from;
    size_t start = to;
    for (size_t i = from; i < to && start == to; i++) {
        if (!strncmp(s + i, "www.", 4) && (i == from || !is_scheme_char(s[i - 1])))
            start = i;
        else if (!strncmp(s + i, "://", 3) || !strncmp(s + i, "mailto:", 7)) {
            start = i;
            while (start > from && is_scheme_char(s[start - 1]))
                start--;
        }
    }
    if (start == to)
        return;
    size_t end = to, open = 0, close = 0;
    for (size_t i = start; i < to; i++)
        open += s[i] == '(', close += s[i] == ')';
    while (end > start && strchr(".,;:!?'\"*_~)]>", s[end - 1])) {
        if (s[end - 1] == ')' && close <= open)
            break;
        close -= s[end - 1] == ')';
        end--;
    }
    *us = start, *ue = end;
}

/* ---- one character at a time ---- */

static void double_quote(out *o, const char *next)
{
    gp_smart *s = o->sm;
    bool closes = s->in_quote && (!opens_after(s->prev) || is_blank((unsigned char)*next) || strchr(".,;:!?)", *next));
    if (s->q->alternate ? !s->in_quote : !closes && opens_after(s->prev)) {
        puts_(o, s->q->open);
        s->in_quote = true;
        return;
    }
    if (s->q->french_spacing)
        drop_spaces(o);
    puts_(o, s->q->close);
    s->in_quote = false;
}

static void single_quote(out *o, const char *next)
{
    gp_smart *s = o->sm;
    bool opens = s->q->alternate ? !s->in_inner
                                 : opens_after(s->prev) && !(*next >= '0' && *next <= '9') &&
                                       !(s->in_inner && is_blank((unsigned char)*next));
    if (opens) {
        puts_(o, s->q->open_inner);
        s->in_inner = true;
    } else if (s->in_inner && (s->q->alternate || !((*next >= 'a' && *next <= 'z') || (*next >= 'A' && *next <= 'Z')))) {
        puts_(o, s->q->close_inner);
        s->in_inner = false;
    } else {
        puts_(o, "\xE2\x80\x99"); /* an apostrophe */
    }
}

/* « and » typed as such: a space inside becomes no-break (narrow in French). */
static const char *guillemet(out *o, uint32_t c, const char *next)
{
    const char *space = o->sm->q->french_spacing ? NNBSP : NBSP;
    if (c == 0xAB) {
        puts_(o, "\xC2\xAB");
        if (*next == ' ') {
            puts_(o, space);
            next += strspn(next, " ");
        }
        return next;
    }
    if (o->n && o->s[o->n - 1] == ' ') {
        drop_spaces(o);
        puts_(o, space);
    }
    puts_(o, "\xC2\xBB");
    return next;
}

/* French ; : ! ? take a narrow no-break space before them: a typed space
 * becomes one, and one is added after a word when the mark ends it. */
static void french_mark(out *o, char c, const char *next)
{
    bool typed = o->n && o->s[o->n - 1] == ' ';
    bool after_word = o->sm->prev > 0x7F || (o->sm->prev >= '0' && o->sm->prev <= '9') ||
                      (o->sm->prev >= 'a' && o->sm->prev <= 'z') || (o->sm->prev >= 'A' && o->sm->prev <= 'Z');
    bool ends = !*next || *next == ' ' || *next == '\n' || *next == '"' || *next == ')';
    if (typed)
        drop_spaces(o);
    if (typed || (after_word && ends && !is_blank(o->sm->prev)))
        puts_(o, NNBSP);
    put(o, &c, 1);
}

char *gp_smarten(gp_smart *s, const char *text)
{
    out o = {NULL, 0, 0, s};
    put(&o, "", 0);
    size_t len = strlen(text), url_start = 0, url_end = 0;
    for (size_t i = 0; i < len;) {
        if (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\n') {
            size_t end = i + strcspn(text + i, " \n");
            url_in_word(text, i, end, &url_start, &url_end);
        }
        if (i >= url_start && i < url_end) {
            put(&o, text + i, url_end - i);
            i = url_end;
            continue;
        }
        uint32_t c;
        size_t step = gp_utf8_decode(text + i, len - i, &c);
        const char *next = text + i + step;
        if (c == '"')
            double_quote(&o, next);
        else if (c == '\'')
            single_quote(&o, next);
        else if (c == '-' && *next == '-') {
            bool em = next[1] == '-';
            puts_(&o, em ? "\xE2\x80\x94" : "\xE2\x80\x93");
            next += em ? 2 : 1;
        } else if (c == 0xAB || c == 0xBB)
            next = guillemet(&o, c, next);
        else if (s->q->french_spacing && (c == ';' || c == ':' || c == '!' || c == '?'))
            french_mark(&o, (char)c, next);
        else
            put(&o, text + i, step);
        if (c == '"' && s->in_quote && s->q->french_spacing)
            next += strspn(next, " "); /* the opening « brought its own space */
        i = (size_t)(next - text);
    }
    return o.s;
}
