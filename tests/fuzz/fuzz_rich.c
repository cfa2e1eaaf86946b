/* Fuzz target: inline markup (src/load/rich.c).
 *
 * The bytes (a NUL-terminated copy; parsing stops at an embedded NUL, as it
 * does for YAML scalars) go through gp_rich_parse, then gp_rich_text.
 *
 * Invariants (abort on violation):
 *   - every span's text is non-empty, has no tab, CR or newline and no two
 *     spaces in a row (whitespace is collapsed), and only the italic and
 *     bold style bits;
 *   - a link's url is non-empty and one gp_url_linkable accepts (no space);
 *   - every diagnostic is a warning (markup cannot fail);
 *   - the plain text is the spans joined, paragraphs separated by "\n\n":
 *     its length is exactly that, and it has no more non-space bytes than
 *     the input (markup only ever disappears);
 *   - the same input parses to the same spans twice (no hidden state). */
#include "fuzz_util.h"

#include "load/rich.h"

static bool is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static size_t non_space(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += !is_ws(*s);
    return n;
}

static bool same_rich(const gp_rich *a, const gp_rich *b)
{
    if (a->count != b->count)
        return false;
    for (size_t i = 0; i < a->count; i++) {
        if (a->paras[i].count != b->paras[i].count)
            return false;
        for (size_t j = 0; j < a->paras[i].count; j++) {
            const gp_span *x = &a->paras[i].spans[j], *y = &b->paras[i].spans[j];
            if (x->style != y->style || strcmp(x->text, y->text) || !x->url != !y->url ||
                (x->url && strcmp(x->url, y->url)))
                return false;
        }
    }
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *src = fuzz_cstr(data, size);
    gp_arena arena = {0};
    gp_diags diags = {0};
    gp_rich *r = gp_rich_parse(&arena, src, (gp_loc){"fuzz.txt", 1, 1}, &diags);
    if (diags.errors)
        fuzz_fail("gp_rich_parse reported %zu errors", diags.errors);
    if (!r || (r->count && !r->paras))
        fuzz_fail("gp_rich_parse returned no paragraphs array");
    size_t expect = 0;
    for (size_t i = 0; i < r->count; i++) {
        const gp_para *p = &r->paras[i];
        if (p->count && !p->spans)
            fuzz_fail("paragraph %zu: %zu spans, no array", i, p->count);
        for (size_t j = 0; j < p->count; j++) {
            const gp_span *s = &p->spans[j];
            if (!s->text || !s->text[0])
                fuzz_fail("paragraph %zu span %zu: empty text", i, j);
            if (strpbrk(s->text, "\t\r\n"))
                fuzz_fail("paragraph %zu span %zu: uncollapsed whitespace in \"%s\"", i, j, s->text);
            if (strstr(s->text, "  "))
                fuzz_fail("paragraph %zu span %zu: two spaces in a row in \"%s\"", i, j, s->text);
            if (s->style & ~(unsigned)(GP_SPAN_ITALIC | GP_SPAN_BOLD))
                fuzz_fail("paragraph %zu span %zu: style %#x", i, j, s->style);
            if (s->url && (!s->url[0] || strchr(s->url, ' ') || !gp_url_linkable(s->url)))
                fuzz_fail("paragraph %zu span %zu: bad url \"%s\"", i, j, s->url);
            expect += strlen(s->text);
        }
        if (i)
            expect += 2;
    }
    char *text = gp_rich_text(&arena, r);
    if (!text)
        fuzz_fail("gp_rich_text returned NULL");
    size_t len = strlen(text);
    if (len != expect)
        fuzz_fail("gp_rich_text gave %zu bytes, the spans and separators are %zu", len, expect);
    size_t in_ns = non_space(src), out_ns = non_space(text);
    if (out_ns > in_ns)
        fuzz_fail("plain text has %zu non-space bytes, the input only %zu", out_ns, in_ns);
    gp_rich *again = gp_rich_parse(&arena, src, (gp_loc){"fuzz.txt", 1, 1}, NULL);
    if (!same_rich(r, again))
        fuzz_fail("parsing the same input twice gave different spans");
    gp_diags_free(&diags);
    gp_arena_free(&arena);
    free(src);
    return 0;
}
