/* Fuzz target: text and layout (src/text/, src/layout/) on fuzzed text.
 *
 * Input: byte 0 picks the options, the rest (at most 4 KB) is text.
 *   bit 0     paper: 0 letter, 1 A4 (gp_brand_set_paper on a copy of the brand)
 *   bit 1     first-fit line breaking instead of Knuth-Plass (tc.greedy)
 *   bit 2     no hyphenation patterns (no gp_hyph_cache)
 *   bits 3-4  brand: the built-in one, influence, riverside, cinemateca
 *             (content/brands/, each loaded once)
 *   bit 5     every section type, not only text, themes and questions
 *   bit 6     the text is the film's logline and intro too (the cover)
 *   bit 7     smart punctuation on (else as src/job.c: the document's
 *             setting, else the brand's)
 * Justification itself is not an option: the layout's style table fixes it
 * per style (body text justified, questions, quotes and panels ragged), and
 * the text goes into both kinds.
 *
 * The text is made valid UTF-8 first (each invalid byte and NUL becomes
 * U+FFFD), escaped as a YAML double-quoted string and put into a fixed
 * content template: a text section body (with a pull quote, also the
 * text), a theme body, a question and, with bit 5, every other section's
 * body; its first 200 bytes are the film title, the text section's heading
 * and the theme's title. The template is loaded with gp_yaml_parse and
 * gp_doc_from_tree and laid out exactly as src/job.c does: gp_fontset,
 * gp_fontset_set_fallback with the brand's fallback, a gp_textctx with the
 * run's gp_hyph_cache (patterns loaded once per language), gp_layout_guide.
 *
 * Invariants (abort on violation):
 *   - the template loads whenever the text has a non-space character (else
 *     the escaping here is wrong and the layout would go untested);
 *   - gp_layout_guide succeeds (fonts are fixed; the page limit cannot be
 *     reached from 4 KB);
 *   - fuzz_check_dlist: fewer than 10000 pages, finite coordinates, every
 *     TEXT item on its page within 1 pt, advances adding up to widths. */
#include "fuzz_util.h"

#include "base/utf8.h"
#include "load/doc.h"
#include "load/yaml.h"
#include "style/brand.h"
#include "text/font.h"
#include "text/hyph.h"
#include "text/para.h"

enum { MAX_TEXT = 4096, TITLE_BYTES = 200 };

typedef struct strbuf {
    char *s;
    size_t n, cap;
} strbuf;

static void sb_put(strbuf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2;
        b->s = gp_xrealloc(b->s, b->cap);
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = 0;
}

static void sb_str(strbuf *b, const char *s)
{
    sb_put(b, s, strlen(s));
}

/* GP_FUZZ_AVOID_KNOWN=1 keeps a known, reported bug out of the input so
 * that fuzzing can find others until it is fixed: U+FFFF, libunibreak's
 * end-of-string marker, becomes U+FFFD
 * (regressions/layout/uffff-ends-libunibreak-early). */
static bool avoid_known(void)
{
    static int avoid = -1;
    if (avoid < 0) {
        const char *e = getenv("GP_FUZZ_AVOID_KNOWN");
        avoid = e && *e && strcmp(e, "0");
    }
    return avoid;
}

/* Valid UTF-8: invalid bytes (and NUL, which the loader refuses) become U+FFFD. */
static char *sanitize(const uint8_t *data, size_t size, size_t *out_len)
{
    strbuf b = {0};
    sb_put(&b, "", 0);
    for (size_t i = 0; i < size;) {
        uint32_t cp;
        i += gp_utf8_decode((const char *)data + i, size - i, &cp);
        if (cp == 0 || (cp == 0xFFFF && avoid_known()))
            cp = 0xFFFD;
        char u[4];
        sb_put(&b, u, gp_utf8_encode(cp, u));
    }
    *out_len = b.n;
    return b.s;
}

/* libyaml's printable set, minus the line breaks it would fold. */
static bool yaml_literal_ok(uint32_t c)
{
    if (c == 0x85 || c == 0x2028 || c == 0x2029 || c == 0xFEFF)
        return false;
    return (c >= 0x20 && c <= 0x7E) || (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
           (c >= 0x10000 && c <= 0x10FFFF);
}

/* A YAML double-quoted scalar holding exactly text[0..len). */
static void yaml_quoted(strbuf *b, const char *text, size_t len)
{
    sb_str(b, "\"");
    for (size_t i = 0; i < len;) {
        uint32_t c;
        size_t k = gp_utf8_decode(text + i, len - i, &c);
        char esc[16];
        if (c == '\\' || c == '"') {
            esc[0] = '\\', esc[1] = (char)c;
            sb_put(b, esc, 2);
        } else if (c == '\n') {
            sb_str(b, "\\n");
        } else if (c == '\t') {
            sb_str(b, "\\t");
        } else if (yaml_literal_ok(c)) {
            sb_put(b, text + i, k);
        } else if (c <= 0xFFFF) {
            snprintf(esc, sizeof esc, "\\u%04X", (unsigned)c);
            sb_str(b, esc);
        } else {
            snprintf(esc, sizeof esc, "\\U%08X", (unsigned)c);
            sb_str(b, esc);
        }
        i += k;
    }
    sb_str(b, "\"");
}

static const char *const brand_files[3] = {"content/brands/influence.yaml", "content/brands/riverside.yaml",
                                           "content/brands/cinemateca.yaml"};

/* The four brands, loaded once (their arena lives for the process). */
static const gp_brand *brand_at(unsigned i)
{
    static gp_arena arena;
    static gp_diags diags;
    static const gp_brand *brands[4];
    if (!brands[i]) {
        char path[4096];
        brands[i] =
            i == 0 ? gp_brand_default(&arena, fuzz_font_dir(), &diags)
                   : gp_brand_load(&arena, fuzz_path(path, sizeof path, brand_files[i - 1]), fuzz_font_dir(), &diags);
        if (!brands[i]) {
            gp_diags_print(&diags, stderr);
            fprintf(stderr, "fuzz_layout: cannot load brand %u (set GUIDEPRESS_FONTS to the fonts folder)\n", i);
            abort();
        }
    }
    return brands[i];
}

/* Hyphenation patterns, loaded once per language for the whole run, as
 * src/main.c shares them between guides (gp_job_opts.hyphs). */
static gp_hyph_cache *hyph_cache(void)
{
    static gp_hyph_cache *c;
    if (!c)
        c = gp_hyph_cache_new();
    return c;
}

static char *make_yaml(const char *text, size_t len, unsigned opts)
{
    size_t tlen = len < TITLE_BYTES ? len : TITLE_BYTES;
    while (tlen < len && tlen > 0 && ((unsigned char)text[tlen] & 0xC0) == 0x80)
        tlen--; /* cut on a code point boundary */
    const char *title = text;
    strbuf t = {0}, x = {0}, y = {0};
    if (tlen)
        yaml_quoted(&t, title, tlen);
    else
        sb_str(&t, "\"T\"");
    yaml_quoted(&x, text, len);
    const char *T = t.s, *X = x.s;
#define L(...) sb_str(&y, gp_arena_printf(&tmp, __VA_ARGS__))
    gp_arena tmp = {0};
    L("film:\n  title: %s\n  director: [Ana Director, Bo Director]\n  year: 2020\n", T);
    if (opts & 64)
        L("  logline: %s\n  intro: %s\n  also_by: [%s]\n", X, X, T);
    L("sections:\n");
    L("  - type: text\n    heading: %s\n    body: %s\n    quote: {text: %s, by: Someone}\n", T, X, X);
    L("  - type: themes\n    lead: Lead.\n    themes:\n      - {title: %s, body: %s}\n      - {title: B, body: %s}\n",
      T, X, X);
    L("  - type: questions\n    questions: [%s, Second?]\n    notes: true\n", X);
    if (opts & 32) {
        L("  - type: facts\n    facts: [%s]\n    figures: [{value: %s, label: %s}, {value: \"2\", label: b}]\n", X, T,
          X);
        L("  - type: actions\n    body: %s\n    actions:\n      - {text: %s, url: \"https://example.org/a\"}\n", X, X);
        L("  - type: reviews\n    reviews:\n      - {quote: %s, source: %s, url: \"https://example.org/r\"}\n", X, T);
        L("  - type: reading\n    items:\n      - {source: %s, title: %s, quote: %s, url: \"https://e.org/x\"}\n", T, T,
          X);
        L("  - type: qa\n    intro: %s\n    exchanges:\n      - {q: %s, a: %s, asked_by: %s}\n", X, X, X, T);
        L("  - type: watch\n    items: [%s]\n    quote: {text: %s}\n", X, X);
    }
#undef L
    gp_arena_free(&tmp);
    free(t.s);
    free(x.s);
    return y.s;
}

static bool has_non_space(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
            return true;
    return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > MAX_TEXT + 1)
        return 0;
    unsigned opts = data[0];
    size_t len;
    char *text = sanitize(data + 1, size - 1, &len);
    char *yaml = make_yaml(text, len, opts);

    static char path[4096];
    if (!path[0])
        fuzz_path(path, sizeof path, "content/fuzz.yaml");
    gp_arena arena = {0};
    gp_diags diags = {0};
    gp_node *root = gp_yaml_parse(&arena, path, yaml, strlen(yaml), &diags);
    gp_doc *doc = root ? gp_doc_from_tree(&arena, path, root, &diags) : NULL;
    if (!doc) {
        if (has_non_space(text, len)) {
            gp_diags_print(&diags, stderr);
            fprintf(stderr, "--- template ---\n%s\n", yaml);
            fuzz_fail("the content template did not load");
        }
    } else {
        gp_brand brand = *brand_at((opts >> 3) & 3);
        gp_brand_set_paper(&brand, opts & 1 ? "a4" : "letter");
        gp_fontset *fonts = calloc(1, sizeof *fonts); /* 140 KB: not on the stack */
        gp_dlist dl = {0};
        if (!fonts)
            abort();
        const char *language = doc->language ? doc->language : brand.language;
        gp_fontset_set_fallback(fonts, brand.fallback, brand.nfallback, &diags);
        bool smart =
            (opts & 128) || (doc->smart_punctuation >= 0 ? doc->smart_punctuation == 1 : brand.smart_punctuation);
        gp_textctx tc = {.a = &arena,
                         .fonts = fonts,
                         .hyphs = opts & 4 ? NULL : hyph_cache(),
                         .d = &diags,
                         .language = language,
                         .greedy = (opts & 2) != 0,
                         .smart_punct = smart};
        if (!gp_layout_guide(&tc, doc, &brand, 2, &dl)) {
            gp_diags_print(&diags, stderr);
            fuzz_fail("gp_layout_guide failed (%zu pages)", dl.npages);
        }
        fuzz_check_dlist(&dl);
        gp_dlist_free(&dl);
        gp_fontset_close(fonts);
        free(fonts);
    }
    fuzz_print_diags(&diags);
    gp_diags_free(&diags);
    gp_arena_free(&arena);
    free(yaml);
    free(text);
    return 0;
}
