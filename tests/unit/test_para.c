/* Tests for paragraph setting (src/text/para.c), shaping (src/text/font.c)
 * and hyphenation (src/text/hyph.c), run from the repository root.
 *
 * A text context is built the way src/job.c builds one: an arena, a font
 * set with the Noto Serif faces from fonts/ and the fallbacks Lato Regular
 * and WenQuanYi Zen Hei, en-US patterns. Every paragraph set here goes
 * through one checker (check_lines) that asserts the invariants of a set
 * paragraph:
 *   - each run starts where the previous one ended, its width is the sum of
 *     its advances, and the line width is the sum of its runs;
 *   - no line is wider than the column (+0.01 pt) unless it is one glyph
 *     that is wider by itself;
 *   - no line starts or ends with a space;
 *   - the lines spell the source exactly (spell_out): each line's code
 *     points follow on in the source, a hyphenated line adds exactly one
 *     '-', and a break falls either at one space or inside a word; so every
 *     word appears exactly once, in order;
 *   - a hyphenated break is at a point gp_hyph_word allows for that word;
 *   - justified lines (all but the last) are exactly the column width;
 *     spaces never shrink by more than their shrink (a third), and letters
 *     move apart or together only by the letter spacing justification allows;
 *   - every line of ragged text, and the last line of justified text, is
 *     at natural spacing: each code point has the advance HarfBuzz gives it
 *     in the paragraph (the last line's spaces may shrink only when it is
 *     naturally wider than the column, as in TeX).
 * It runs over sweeps of column widths, justified and ragged, for:
 *   - prose (and with a narrower first line);
 *   - over-long words (60 and 200 letters) and URLs in narrow columns:
 *     every line fits; inside a URL lines end only after / . - ? & = _;
 *   - long words in narrow columns: hyphenated, at pattern points only;
 *     never a URL, never the paragraph's last word, never with
 *     hyphenation off or without patterns;
 *   - CJK, alone and mixed with Latin text: broken between ideographs, no
 *     line starting with closing punctuation (、。」』】）etc.) or ending
 *     with opening punctuation, CJK in the fallback face (WenQuanYi), Latin
 *     in Noto Serif;
 *   - missing glyphs (U+EB00, U+F0000): a warning naming the code point,
 *     no error, the text still set, one warning per code point;
 *   - kerning: "AV" shaped together is narrower than A and V alone;
 *     advances scale with the size; no ligatures; set text is kerned;
 *   - gp_hyph_word: hy-phen-ation, doc-u-men-tary, nothing in "cat" or a
 *     61-letter word, every point leaving 2 letters before and 3 after,
 *     upper case as lower case, language tags;
 *   - gp_text_line, spans (styles, links, the style flip), and setting the
 *     same paragraph twice.
 * Known bugs are kept as disabled checks marked BUG. */
#include "base/arena.h"
#include "base/diag.h"
#include "base/fsio.h"
#include "base/utf8.h"
#include "text/cjk.h"
#include "text/font.h"
#include "text/hyph.h"
#include "text/hyph_compiled.h"
#include "text/para.h"
#include "text/word_cache.h"

#include "harness.h"

#include <ctype.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAXCP = 8192 };

static gp_arena arena;
static gp_fontset fonts;
static gp_diags diags;
static gp_hyph *hyph;
static gp_textctx tc;
static gp_textctx *ctx = &tc; /* the context set() uses */
static gp_face *noto[GP_FACE_COUNT], *lato, *zenhei;
static gp_text_style body;

static const gp_loc here = {"test_para", 1, 1};

/* ---- helpers ------------------------------------------------------------ */

static size_t decode(const char *s, uint32_t *out, size_t cap)
{
    size_t n = 0, len = strlen(s);
    for (size_t i = 0; i < len && n < cap;) {
        uint32_t c;
        i += gp_utf8_decode(s + i, len - i, &c);
        out[n++] = c;
    }
    return n;
}

/* A line's code points, as UTF-8 (for messages). */
static const char *line_text(const gp_line *ln)
{
    static char buf[4 * MAXCP + 1];
    size_t k = 0;
    for (size_t r = 0; r < ln->nruns; r++)
        for (size_t i = 0; i < ln->runs[r].ntext && k + 4 < sizeof buf; i++)
            k += gp_utf8_encode(ln->runs[r].text[i], buf + k);
    buf[k] = 0;
    return buf;
}

/* The advance of a run's character i: its cluster's glyphs, if it starts one. */
static double char_advance(const gp_run *run, size_t i)
{
    double w = 0;
    for (size_t g = 0; g < run->nglyphs; g++)
        if (run->glyphs[g].cluster == i)
            w += run->glyphs[g].adv;
    return w;
}

static size_t line_cps(const gp_line *ln, uint32_t *cp, double *adv, gp_face **face, size_t cap)
{
    size_t n = 0;
    for (size_t r = 0; r < ln->nruns; r++)
        for (size_t i = 0; i < ln->runs[r].ntext && n < cap; i++) {
            cp[n] = ln->runs[r].text[i];
            if (adv)
                adv[n] = char_advance(&ln->runs[r], i);
            if (face)
                face[n] = ln->runs[r].face;
            n++;
        }
    return n;
}

static bool is_space(uint32_t c)
{
    return c == ' ';
}

static bool is_ascii_letter(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static gp_lines set(const char *text, const gp_text_style *st, double width, double first_width)
{
    gp_span span = {text, 0, NULL, NULL};
    gp_para p = {.spans = &span, .count = 1};
    return gp_para_set(ctx, &p, st, width, first_width, here);
}

/* Where each line ended in the source, filled by spell_out. */
typedef struct breaks {
    size_t end[MAXCP];     /* source index just after the line's last source code point */
    bool at_space[MAXCP];  /* the break consumed one source space */
    gp_face *face[MAXCP];  /* face each source code point was printed with */
    double adv[MAXCP];     /* advance each source code point was printed with */
} breaks;

static breaks brk;

/* The lines spell out src: see the file comment. */
static bool spell_out(const gp_lines *ls, const uint32_t *src, size_t n, const char *name)
{
    static uint32_t cp[MAXCP];
    static double adv[MAXCP];
    static gp_face *face[MAXCP];
    size_t at = 0;
    for (size_t l = 0; l < ls->count; l++) {
        size_t k = line_cps(&ls->lines[l], cp, adv, face, MAXCP);
        if (ls->lines[l].hyphenated) {
            if (!k || cp[k - 1] != '-') {
                fprintf(stderr, "  %s: line %zu is hyphenated but does not end with '-': \"%s\"\n", name, l,
                        line_text(&ls->lines[l]));
                return false;
            }
            k--;
        }
        for (size_t i = 0; i < k; i++, at++) {
            if (at >= n || src[at] != cp[i]) {
                fprintf(stderr, "  %s: line %zu \"%s\" does not follow the source at code point %zu\n", name, l,
                        line_text(&ls->lines[l]), at);
                return false;
            }
            brk.face[at] = face[i];
            brk.adv[at] = adv[i];
        }
        brk.end[l] = at;
        brk.at_space[l] = at < n && is_space(src[at]);
        if (brk.at_space[l]) {
            brk.face[at] = NULL;
            at++;
        }
    }
    if (at != n)
        fprintf(stderr, "  %s: the lines spell %zu of %zu code points\n", name, at, n);
    return at == n;
}

/* Natural advances of src as gp_para_set measures them: runs of one face
 * (the faces the lines used; spaces take the face of what precedes them)
 * shaped whole. */
static void natural(const uint32_t *src, size_t n, const gp_text_style *st, double *nat)
{
    static gp_face *f[MAXCP];
    for (size_t i = 0; i < n; i++)
        f[i] = brk.face[i] ? brk.face[i] : st->faces[GP_FACE_REGULAR];
    for (size_t s = 0; s < n;) {
        size_t e = s + 1;
        while (e < n && f[e] == f[s])
            e++;
        gp_face_shape(f[s], src + s, e - s, st->size_pt, nat + s);
        s = e;
    }
    for (size_t i = 0; i < n; i++) { /* adjacent CJK punctuation: the half it gives up (text/cjk.h) */
        gp_cjk_punct kind = gp_cjk_squeeze_at(src, n, i);
        const gp_glyph *g;
        if (kind != GP_CJK_OTHER && gp_face_shape_glyphs(f[i], src + i, 1, st->size_pt, false, (gp_features){0}, &g) == 1) {
            gp_glyph one = *g;
            gp_cjk_halve(f[i], &one, kind);
            nat[i] = one.adv;
        }
    }
}

/* A hyphenated break inside a cluster (a ligature: "of-fice" in the ffi of
 * "office") sets each half shaped on its own: their natural advances. */
static void natural_halves(const gp_lines *ls, const uint32_t *src, size_t n, const gp_text_style *st, double *nat)
{
    for (size_t l = 0; l + 1 < ls->count; l++) {
        size_t e = brk.end[l];
        if (!ls->lines[l].hyphenated || e >= n || nat[e] != 0 || is_space(src[e]) || !brk.face[e])
            continue;
        size_t cs = e, ce = e;
        while (cs > 0 && nat[cs] == 0)
            cs--;
        while (ce < n && nat[ce] == 0 && !is_space(src[ce]))
            ce++;
        gp_face_shape(brk.face[cs], src + cs, e - cs, st->size_pt, nat + cs);
        gp_face_shape(brk.face[e], src + e, ce - e, st->size_pt, nat + e);
    }
}

/* How a paragraph was set, for the specific tests. */
typedef struct result {
    int bad;              /* failed invariants */
    size_t hyphenated;    /* lines ending in an added hyphen */
    size_t wide_glyphs;   /* lines that are one glyph wider than the column */
} result;

static result check_lines(const gp_lines *ls, const char *text, const gp_text_style *st, double width,
                          double first_width, const char *name)
{
    static uint32_t src[MAXCP], cp[MAXCP];
    static double adv[MAXCP], nat[MAXCP];
    result res = {0, 0, 0};
    size_t n = decode(text, src, MAXCP);
#define FAIL(...)                                                                                                   \
    do {                                                                                                            \
        if (res.bad++ < 4)                                                                                          \
            fprintf(stderr, "  %s (width %g): ", name, width), fprintf(stderr, __VA_ARGS__), fputc('\n', stderr); \
    } while (0)
    if (n && !ls->count)
        FAIL("no lines");
    if (!spell_out(ls, src, n, name)) {
        res.bad++;
        return res;
    }
    natural(src, n, st, nat);
    natural_halves(ls, src, n, st, nat);
    size_t start = 0;
    for (size_t l = 0; l < ls->count; l++) {
        const gp_line *ln = &ls->lines[l];
        double col = l == 0 && first_width > 0 ? first_width : width;
        bool last = l + 1 == ls->count;
        size_t k = line_cps(ln, cp, adv, NULL, MAXCP);
        /* runs: consecutive, widths add up */
        double x = 0;
        for (size_t r = 0; r < ln->nruns; r++) {
            const gp_run *run = &ln->runs[r];
            double w = 0;
            for (size_t i = 0; i < run->nglyphs; i++)
                w += run->glyphs[i].adv;
            if (fabs(run->x - x) > 1e-6)
                FAIL("line %zu run %zu starts at %g, the runs before end at %g", l, r, run->x, x);
            if (fabs(run->width - w) > 1e-6)
                FAIL("line %zu run %zu is %g wide, its advances add up to %g", l, r, run->width, w);
            if (run->ntext == 0)
                FAIL("line %zu run %zu is empty", l, r);
            if (run->size_pt != st->size_pt)
                FAIL("line %zu run %zu has size %g", l, r, run->size_pt);
            x += run->width;
        }
        if (fabs(ln->width - x) > 1e-6)
            FAIL("line %zu is %g wide, its runs add up to %g", l, ln->width, x);
        /* fits, unless one glyph is wider than the column by itself */
        if (ln->width > col + 0.01) {
            if (k == 1 && adv[0] > col)
                res.wide_glyphs++;
            else
                FAIL("line %zu is %.3f wide, wider than the column: \"%s\"", l, ln->width, line_text(ln));
        }
        if (k && (is_space(cp[0]) || is_space(cp[k - 1])))
            FAIL("line %zu starts or ends with a space: \"%s\"", l, line_text(ln));
        if (ln->hyphenated)
            res.hyphenated++;
        /* a hyphen only where the patterns allow one: between letters of a word */
        if (ln->hyphenated) {
            size_t e = brk.end[l], ws = e, we = e;
            while (ws > 0 && !is_space(src[ws - 1]))
                ws--;
            while (we < n && !is_space(src[we]))
                we++;
            bool pts[MAXCP];
            size_t s = ws, t = we;
            while (s < t && !is_ascii_letter(src[s]) && src[s] < 0xC0)
                s++;
            while (t > s && !is_ascii_letter(src[t - 1]) && src[t - 1] < 0xC0)
                t--;
            bool ok = e > s && e < t;
            if (ok) {
                gp_hyph_word(hyph, src + s, t - s, pts);
                ok = pts[e - 1 - s];
            }
            if (!ok)
                FAIL("line %zu is hyphenated where the patterns allow no hyphen: \"%s\"", l, line_text(ln));
        }
        /* justified: full width; spaces shrink by at most a third */
        size_t spaces = 0;
        for (size_t i = 0; i < k; i++)
            spaces += is_space(cp[i]);
        if (st->justify && !last && spaces && ln->width <= col + 0.01 && fabs(ln->width - col) > 0.01)
            FAIL("justified line %zu is %.3f wide, not %g: \"%s\"", l, ln->width, col, line_text(ln));
        /* natural spacing: every line of ragged text, and the last line of
         * justified text, which only shrinks its spaces if it would not fit
         * otherwise (as in TeX). The advance of a line's last code point may
         * differ by the kerning with the next line's first one. */
        double natural_w = 0;
        for (size_t j = start; j < brk.end[l]; j++)
            natural_w += nat[j];
        bool may_shrink = st->justify && (!last || natural_w > col + 0.01);
        size_t j = start;
        int off = 0;
        for (size_t i = 0; i < k && j < brk.end[l]; i++, j++) {
            if (is_space(src[j]) && may_shrink) {
                if (adv[i] < nat[j] * (2.0 / 3) - 0.01)
                    FAIL("line %zu: a space shrank from %.3f to %.3f", l, nat[j], adv[i]);
                continue;
            }
            if ((!st->justify || last) && !may_shrink && i + 1 < k && fabs(adv[i] - nat[j]) > 0.01)
                off++;
            /* justified: letter spacing within -0.01 and +0.03 em per gap
             * (CJK text justifies between its characters instead) */
            double d = adv[i] - nat[j];
            if (may_shrink && i + 1 < k && src[j] < 0x2E80 &&
                (d < -0.01 * st->size_pt - 0.01 || d > 0.03 * st->size_pt + 0.01))
                off++;
        }
        if (off)
            FAIL("line %zu%s: %d code points not at their natural advance: \"%s\"", l, last ? " (the last)" : "",
                 off, line_text(ln));
        start = brk.end[l] + (brk.at_space[l] ? 1 : 0);
    }
#undef FAIL
    return res;
}

/* Sets text at every width in [from, to) by `step` and checks every result. */
static result sweep(const char *text, const gp_text_style *st, double from, double to, double step, const char *name)
{
    result all = {0, 0, 0};
    for (double w = from; w < to; w += step) {
        gp_lines ls = set(text, st, w, 0);
        result r = check_lines(&ls, text, st, w, 0, name);
        all.bad += r.bad;
        all.hyphenated += r.hyphenated;
        all.wide_glyphs += r.wide_glyphs;
    }
    return all;
}

/* ---- the text context --------------------------------------------------- */

static gp_face *open_face(const char *path, int index)
{
    gp_font_file f = {.path = path, .index = index};
    gp_face *face = gp_fontset_open(&fonts, &f, &diags);
    if (!face)
        fprintf(stderr, "  cannot open %s\n", path);
    CHECK(face != NULL);
    return face;
}

static bool setup(void)
{
    static const char *const noto_files[GP_FACE_COUNT] = {
        "fonts/NotoSerif-Regular.ttf", "fonts/NotoSerif-Italic.ttf", "fonts/NotoSerif-Bold.ttf",
        "fonts/NotoSerif-BoldItalic.ttf"};
    for (int i = 0; i < GP_FACE_COUNT; i++)
        if (!(noto[i] = open_face(noto_files[i], 0)))
            return false;
    /* the fallbacks, as src/job.c sets a brand's; opened here too, to compare
     * faces (opening a file twice gives the same face) */
    static const gp_font_file fallback[2] = {{.path = "fonts/Lato-Regular.ttf", .index = 0},
                                             {.path = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", .index = 0}};
    gp_fontset_set_fallback(&fonts, fallback, 2, &diags);
    lato = open_face(fallback[0].path, 0);
    zenhei = open_face(fallback[1].path, 0);
    if (!lato || !zenhei)
        return false;
    hyph = gp_hyph_open("en-US", NULL);
    CHECK(hyph != NULL);
    tc = (gp_textctx){.a = &arena, .fonts = &fonts, .hyph = hyph, .d = &diags, .language = "en-US"};
    memcpy(body.faces, noto, sizeof body.faces);
    body.size_pt = 10.5;
    body.leading_pt = 14.5;
    body.color = (gp_rgb){.r = 0.1, .g = 0.1, .b = 0.1};
    body.link_color = (gp_rgb){.r = 0.6, .g = 0.1, .b = 0.1};
    body.justify = true;
    body.hyphenate = true;
    CHECK_EQ_INT(diags.errors, 0);
    return hyph != NULL;
}

/* ---- tests -------------------------------------------------------------- */

static const char *const prose =
    "The extraordinary Last Train Home begins with a simple fact that, in China, more than 130 million migrant "
    "workers journey home to their rural villages every year for New Year's. This is considered the world's "
    "largest human migration. Chaos and claustrophobia are captured in shots of teeming crowds where people wait "
    "for days to get on a train that may not come. The film's power is conveyed through its intimate portrayal of "
    "a single family, the Zhangs. Through their story, the abstract becomes human and immediate, personal and "
    "universal.";

static const char *const dense =
    "Internationalization, characteristically, notwithstanding the telecommunications infrastructure and "
    "the institutionalization of responsibilities, overwhelmingly necessitates extraordinarily comprehensive "
    "documentation, unquestionably.";

static void test_basic(void)
{
    /* justified, ragged, hyphenated or not, at many widths */
    gp_text_style ragged = body;
    ragged.justify = false;
    gp_text_style plain = body;
    plain.hyphenate = false;
    result r = sweep(prose, &body, 120, 560, 7.3, "prose justified");
    CHECK_EQ_INT(r.bad, 0);
    CHECK_EQ_INT(r.wide_glyphs, 0);
    CHECK(r.hyphenated > 0);
    r = sweep(prose, &ragged, 120, 560, 7.3, "prose ragged");
    CHECK_EQ_INT(r.bad, 0);
    r = sweep(prose, &plain, 120, 560, 7.3, "prose unhyphenated");
    CHECK_EQ_INT(r.bad, 0);
    CHECK_EQ_INT(r.hyphenated, 0);

    /* a single line, a single word, an empty paragraph */
    gp_lines ls = set("Hello", &body, 300, 0);
    CHECK_EQ_INT(ls.count, 1);
    CHECK_EQ_INT(check_lines(&ls, "Hello", &body, 300, 0, "one word").bad, 0);
    ls = set("", &body, 300, 0);
    CHECK_EQ_INT(ls.count, 0);

    /* a narrower first line */
    for (double fw = 60; fw < 300; fw += 37) {
        ls = set(prose, &body, 300, fw);
        CHECK_EQ_INT(check_lines(&ls, prose, &body, 300, fw, "first line narrower").bad, 0);
        CHECK(ls.count > 0 && ls.lines[0].width <= fw + 0.01);
    }
    CHECK_EQ_INT(diags.count, 0);
}

/* The body paragraph of the sample guide at the sample's column widths:
 * spelled out above; here the justified lines in numbers. */
static void test_justified(void)
{
    static const double widths[] = {504, 330.8, 268.32, 472, 151.2};
    for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
        gp_lines ls = set(prose, &body, widths[w], 0);
        CHECK(ls.count >= 2);
        for (size_t l = 0; l + 1 < ls.count; l++)
            CHECK_NEAR(ls.lines[l].width, widths[w], 0.01);
        /* the last line is at natural width: its code points shaped again, alone */
        const gp_line *last = &ls.lines[ls.count - 1];
        double nat = 0;
        for (size_t r = 0; r < last->nruns; r++) {
            double adv[MAXCP];
            gp_face_shape(last->runs[r].face, last->runs[r].text, last->runs[r].ntext, body.size_pt, adv);
            for (size_t i = 0; i < last->runs[r].ntext; i++)
                nat += adv[i];
        }
        CHECK_NEAR(last->width, nat, 0.01);
        CHECK(last->width < widths[w] + 0.01);
    }
}

static void long_word(char *buf, size_t n)
{
    static const char *const syl = "interdisciplinaryconstitutionalization";
    for (size_t i = 0; i < n; i++)
        buf[i] = syl[i % strlen(syl)];
    buf[n] = 0;
}

/* Over-long words and URLs are broken so that every line fits. */
static void test_overlong(void)
{
    char word[256], text[512];
    gp_text_style ragged = body, plain = body;
    ragged.justify = false;
    plain.hyphenate = false;
    long_word(word, 60);
    snprintf(text, sizeof text, "A %s appears.", word);
    /* without hyphenation the word is one box, split between its letters */
    result r = sweep(text, &plain, 30, 200, 4.1, "60-letter word, unhyphenated");
    CHECK_EQ_INT(r.bad, 0);
    CHECK_EQ_INT(r.wide_glyphs, 0);
    /* Regression: src/text/para.c break_wide_boxes() only splits single boxes wider
     * than the line. A word that libhyphen has cut into pieces (each narrower
     * than the line) gets no emergency breaks, so once two hyphenated lines
     * in a row are used up (max_consecutive_hyphens = 2) or a piece plus its
     * hyphen is wider than the line, the rest of the word is set as one
     * overfull line: at width 99.7 a 174 pt line
     * "tionalizationinterdisciplinaryconst", at 103.8 a 105.3 pt line
     * "interdisciplinarycon-". Fix: decide on the whole word (from..to in
     * add_word, hyphenation points included) whether it is wider than the
     * narrowest line, and if so add the between-letter penalties to all its
     * pieces. */
    r = sweep(text, &body, 30, 200, 4.1, "60-letter word");
    CHECK_EQ_INT(r.bad, 0);
    CHECK_EQ_INT(r.wide_glyphs, 0);
    r = sweep(text, &ragged, 30, 200, 4.1, "60-letter word, ragged");
    CHECK_EQ_INT(r.bad, 0);
    long_word(word, 200); /* too long for gp_hyph_word: one box, split between letters */
    snprintf(text, sizeof text, "A %s appears.", word);
    r = sweep(text, &body, 30, 200, 4.1, "200-letter word");
    CHECK_EQ_INT(r.bad, 0);
    CHECK_EQ_INT(r.wide_glyphs, 0);
    r = sweep(text, &ragged, 30, 200, 4.1, "200-letter word, ragged");
    CHECK_EQ_INT(r.bad, 0);
    /* narrower than one glyph: one glyph per line, each allowed to stick out */
    gp_lines ls = set("WWW", &body, 3, 0);
    CHECK_EQ_INT(ls.count, 3);
    r = check_lines(&ls, "WWW", &body, 3, 0, "narrower than a glyph");
    CHECK_EQ_INT(r.bad, 0);
    CHECK_EQ_INT(r.wide_glyphs, 3);

    static const char *const url =
        "See https://www.example.org/a/very/long/path/that-goes/on_and_on/index.html?query=value&other=1 for more.";
    r = sweep(url, &body, 40, 300, 6.7, "url");
    CHECK_EQ_INT(r.bad, 0);
    CHECK_EQ_INT(r.hyphenated, 0);
    r = sweep(url, &ragged, 40, 300, 6.7, "url ragged");
    CHECK_EQ_INT(r.bad, 0);
    CHECK_EQ_INT(r.hyphenated, 0);
    static const char *const bare = "https://averyveryverylongdomainnamewithoutanybreaks.example.org/x";
    r = sweep(bare, &body, 40, 300, 6.7, "unbreakable url");
    CHECK_EQ_INT(r.bad, 0);
    CHECK_EQ_INT(r.hyphenated, 0);
}

/* Inside a URL, a line ends only after one of / . - ? & = _ when the
 * parts between those are narrower than the column. */
static void check_url_breaks(const char *url)
{
    uint32_t src[256];
    decode(url, src, 256);
    int bad = 0;
    for (double w = 50; w < 250; w += 5) {
        gp_lines ls = set(url, &body, w, 0);
        if (check_lines(&ls, url, &body, w, 0, "url parts").bad) {
            bad++;
            continue;
        }
        CHECK(ls.count > 1 || ls.lines[0].width <= w);
        for (size_t l = 0; l + 1 < ls.count; l++) {
            uint32_t c = src[brk.end[l] - 1];
            if (!strchr("/.-?&=_", (int)(c < 128 ? c : 1)) && bad++ < 3)
                fprintf(stderr, "  url at width %g: a line ends after U+%04X: \"%s\"\n", w, c,
                        line_text(&ls.lines[l]));
        }
    }
    CHECK_EQ_INT(bad, 0);
}

static void test_url_breaks(void)
{
    check_url_breaks("https://example.org/uber/strasse/cafe/nandu/grosse/ete/manana/ca/funf/");
    /* Regression: src/text/para.c add_word(): for a code point >= 128,
     * strchr("/.-?&=_", 0) finds the string's terminating NUL, so the test
     * `strchr(...) && cps[i]` is true and every non-ASCII character of a
     * URL is a break opportunity: at width 50 lines end in "org/ü",
     * "ber/straß", "e/café". Fix: test `cps[i] && cps[i] < 128 &&
     * strchr("/.-?&=_", (int)cps[i])`. */
    check_url_breaks("https://example.org/über/straße/café/ñandú/größe/été/mañana/çà/fünf/");
}

/* Hyphens: in long words of narrow columns, never in URLs or the last word. */
static void test_hyphenation(void)
{
    gp_text_style ragged = body;
    ragged.justify = false;
    result r = sweep(dense, &body, 90, 240, 5.3, "dense justified");
    CHECK_EQ_INT(r.bad, 0);
    CHECK(r.hyphenated > 0);
    r = sweep(dense, &ragged, 90, 240, 5.3, "dense ragged");
    CHECK_EQ_INT(r.bad, 0);
    CHECK(r.hyphenated > 0);

    /* the last word is never split, whatever the width */
    static const char *const tail = "We speak of internationalization";
    int split = 0;
    for (double w = 60; w < 220; w += 1.7) {
        gp_lines ls = set(tail, &body, w, 0);
        CHECK_EQ_INT(check_lines(&ls, tail, &body, w, 0, "last word").bad, 0);
        for (size_t l = 0; l < ls.count; l++)
            split += ls.lines[l].hyphenated && strstr(line_text(&ls.lines[l]), "inter") != NULL;
    }
    CHECK_EQ_INT(split, 0);

    /* hyphenation off: no hyphens even where they would help */
    gp_text_style off = body;
    off.hyphenate = false;
    r = sweep(dense, &off, 90, 240, 5.3, "dense unhyphenated");
    CHECK_EQ_INT(r.bad, 0);
    CHECK_EQ_INT(r.hyphenated, 0);

    /* no patterns (a context without them): no hyphens, still set */
    gp_textctx none = {.a = &arena, .fonts = &fonts, .hyph = NULL, .d = &diags, .language = "en-US"};
    ctx = &none;
    r = sweep(dense, &body, 90, 240, 11.1, "dense without patterns");
    CHECK_EQ_INT(r.bad, 0);
    CHECK_EQ_INT(r.hyphenated, 0);
    ctx = &tc;
}

static bool is_closing(uint32_t c)
{
    /* UAX #14 classes CL and CP (closing), plus full-width IS/EX; small kana
     * (class CJ) may start a line in "normal" breaking, so they are not here */
    static const uint32_t closing[] = {0x3001, 0x3002, 0x300D, 0x300F, 0x3011, 0xFF09, 0xFF0C, 0xFF01, 0xFF1F,
                                       0xFF0E};
    for (size_t i = 0; i < sizeof closing / sizeof closing[0]; i++)
        if (c == closing[i])
            return true;
    return false;
}

static bool is_opening(uint32_t c)
{
    return c == 0x300C || c == 0x300E || c == 0x3010 || c == 0xFF08;
}

static bool is_cjk(uint32_t c)
{
    return (c >= 0x3000 && c <= 0x30FF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xFF00 && c <= 0xFFEF);
}

/* CJK: breaks between ideographs, fallback faces, no closing punctuation
 * at a line start (nor opening at a line end). */
static void test_cjk(void)
{
    static const char *const cjk =
        "二郎は鮨の夢を見る。すきやばし次郎は、銀座のビルの地下にある十席だけの鮨屋です。「職人」とは、一つの仕事に"
        "一生を捧げる人のこと（しょくにん）です。築地市場、豊洲市場、「玉子焼き」。";
    static const char *const mixed = "Jirō Ono (小野二郎) runs Sukiyabashi Jiro (すきやばし次郎) in Ginza, Tokyo, "
                                     "where the sushi (鮨) is served one piece at a time.";
    gp_text_style ragged = body;
    ragged.justify = false;
    int starts_closed = 0, ends_open = 0, wrong_face = 0, multi = 0;
    for (int pass = 0; pass < 4; pass++) {
        const char *text = pass < 2 ? cjk : mixed;
        const gp_text_style *st = pass % 2 ? &ragged : &body;
        for (double w = 40; w < 260; w += 3.1) {
            gp_lines ls = set(text, st, w, 0);
            result r = check_lines(&ls, text, st, w, 0, pass < 2 ? "cjk" : "mixed cjk");
            CHECK_EQ_INT(r.bad, 0);
            if (r.bad)
                continue;
            multi += ls.count > 1;
            for (size_t l = 0; l < ls.count; l++) {
                uint32_t cp[MAXCP];
                gp_face *face[MAXCP];
                size_t k = line_cps(&ls.lines[l], cp, NULL, face, MAXCP);
                if (k && l > 0 && is_closing(cp[0]) && starts_closed++ < 3)
                    fprintf(stderr, "  %s at width %g: line %zu starts with U+%04X: \"%s\"\n", text, w, l, cp[0],
                            line_text(&ls.lines[l]));
                if (k && l + 1 < ls.count && is_opening(cp[k - 1]) && ends_open++ < 3)
                    fprintf(stderr, "  width %g: line %zu ends with U+%04X\n", w, l, cp[k - 1]);
                for (size_t i = 0; i < k; i++) {
                    if (is_cjk(cp[i]) && (face[i] == noto[GP_FACE_REGULAR] || face[i] != zenhei))
                        wrong_face++;
                    if (is_ascii_letter(cp[i]) && face[i] != noto[GP_FACE_REGULAR])
                        wrong_face++;
                }
            }
        }
    }
    CHECK_EQ_INT(starts_closed, 0);
    CHECK_EQ_INT(ends_open, 0);
    CHECK_EQ_INT(wrong_face, 0);
    CHECK(multi > 0);
    /* without spaces, a narrow column still gets many lines, broken between ideographs */
    gp_lines ls = set(cjk, &body, 100, 0);
    CHECK(ls.count >= 5);
    CHECK_EQ_INT(diags.count, 0);
}

/* The natural width of a text set ragged on one line. */
static double natural_width(const char *text)
{
    gp_text_style ragged = body;
    ragged.justify = false;
    gp_lines ls = set(text, &ragged, 1000, 0);
    CHECK_EQ_INT(ls.count, 1);
    return ls.count ? ls.lines[0].width : 0;
}

/* The face of the first code point c of a text set on one line. */
static gp_face *face_of_char(const char *text, uint32_t c)
{
    gp_lines ls = set(text, &body, 1000, 0);
    for (size_t r = 0; ls.count && r < ls.lines[0].nruns; r++)
        for (size_t i = 0; i < ls.lines[0].runs[r].ntext; i++)
            if (ls.lines[0].runs[r].text[i] == c)
                return ls.lines[0].runs[r].face;
    return NULL;
}

/* Chinese and Japanese punctuation (text/cjk.h): adjacent full-width marks
 * give up their empty halves (a closing one before another mark, an
 * opening one after an opening one); quotation marks beside Chinese in a
 * Chinese text are the CJK face's (full width), the Latin face's in English. */
static void test_cjk_punctuation(void)
{
    double em = body.size_pt;
    /* （ 「 東 」 ）: 1 + 1/2 + 1 + 1/2 + 1 em */
    CHECK_NEAR(natural_width("（「東」）"), 4 * em, 0.01);
    CHECK_NEAR(natural_width("東」東"), 3 * em, 0.01);  /* alone, a mark keeps its full width */
    CHECK_NEAR(natural_width("東。「東"), 3.5 * em, 0.01);
    const char *language = tc.language;
    CHECK(face_of_char("他说“离开”。", 0x201C) == noto[GP_FACE_REGULAR]);
    tc.language = "zh-Hans"; /* (another text: set paragraphs are kept for the guide, whose language is one) */
    CHECK(face_of_char("她说“留下”。", 0x201C) == zenhei);
    CHECK(face_of_char("她说“留下”。", 0x201D) == zenhei);
    CHECK(face_of_char("He said “Go”.", 0x201C) == noto[GP_FACE_REGULAR]); /* Latin beside it: Latin quotes */
    tc.language = language;
}

/* A glyph no font has: a warning, not an error, and the text still set. */
static void test_missing_glyph(void)
{
    static const char *const texts[] = {
        "A private \xEE\xAA\xAA character in the middle of a sentence that is long enough to wrap.",
        /* (emoji have a font now, Symbola: a private character of plane 15) */
        "A plane-15 \xF3\xB0\x80\x80 character in the middle of a sentence that is long enough to wrap.",
    };
    static const char *const want[] = {"U+EAAA", "U+F0000"};
    for (size_t t = 0; t < 2; t++) {
        size_t before = diags.count, errors = diags.errors;
        gp_lines ls = set(texts[t], &body, 150, 0);
        CHECK(ls.count >= 2);
        CHECK_EQ_INT(diags.errors, errors);
        CHECK(diags.count > before);
        bool found = false;
        for (size_t i = before; i < diags.count; i++) {
            CHECK(diags.items[i].severity == GP_WARNING);
            found |= strstr(diags.items[i].message, want[t]) != NULL;
        }
        if (!found)
            fprintf(stderr, "  no warning mentions %s\n", want[t]);
        CHECK(found);
        /* every word but the missing one is there */
        char all[1024] = "";
        for (size_t l = 0; l < ls.count; l++) {
            strncat(all, line_text(&ls.lines[l]), sizeof all - strlen(all) - 2);
            strcat(all, " ");
        }
        CHECK(strstr(all, "middle of a sentence") != NULL);
        CHECK(strstr(all, "enough to wrap.") != NULL);
        if (t == 0) /* a BMP code point no font has is printed (as .notdef) and measured */
            CHECK_EQ_INT(check_lines(&ls, texts[0], &body, 150, 0, "missing glyph").bad, 0);
    }
    /* warned once per code point */
    size_t before = diags.count;
    set("\xEE\xAA\xAA and again \xEE\xAA\xAA", &body, 150, 0);
    CHECK_EQ_INT(diags.count, before);
}

static void test_kerning(void)
{
    uint32_t av[2] = {'A', 'V'}, a = 'A', v = 'V';
    double pair[2], one, other;
    gp_face_shape(noto[GP_FACE_REGULAR], av, 2, 12, pair);
    gp_face_shape(noto[GP_FACE_REGULAR], &a, 1, 12, &one);
    gp_face_shape(noto[GP_FACE_REGULAR], &v, 1, 12, &other);
    CHECK(one > 0 && other > 0);
    CHECK(pair[0] + pair[1] < one + other - 0.1);
    CHECK_NEAR(pair[1], other, 1e-9); /* the kern goes on the first glyph */
    /* advances scale with the size */
    double big[2];
    gp_face_shape(noto[GP_FACE_REGULAR], av, 2, 24, big);
    CHECK_NEAR(big[0] + big[1], 2 * (pair[0] + pair[1]), 1e-9);
    /* ligatures on: "fi" is one glyph, its advance on the f, none on the i */
    uint32_t fi[2] = {'f', 'i'};
    double fa[2];
    gp_face_shape(noto[GP_FACE_REGULAR], fi, 2, 12, fa);
    CHECK(fa[0] > 0 && fa[1] == 0);
    const gp_glyph *lig;
    CHECK_EQ_INT(gp_face_shape_glyphs(noto[GP_FACE_REGULAR], fi, 2, 12, false, (gp_features){0}, &lig), 1);
    CHECK_EQ_INT(lig[0].cluster, 0);
    /* set text carries the kerning: "AVAV" is narrower than its letters alone */
    gp_lines ls = set("AVAV", &body, 300, 0);
    CHECK_EQ_INT(ls.count, 1);
    if (ls.count)
        CHECK(ls.lines[0].width < 2 * (one + other) * body.size_pt / 12 - 0.1);
    /* a face has what it has */
    CHECK(gp_face_has(noto[GP_FACE_REGULAR], 'A'));
    CHECK(!gp_face_has(noto[GP_FACE_REGULAR], 0x9BA8));
    CHECK(gp_face_has(zenhei, 0x9BA8));
}

/* A colour glyph's size comes from its PNG's IHDR: a damaged font's width
 * past 2^31 - 1 is none (it was shifted into an int's sign bit: undefined,
 * and a negative ppi in preflight's message). Noto Color Emoji copied with
 * every PNG's width so damaged; the popcorn still has its image, 0 wide. */
static void test_damaged_color_glyph(void)
{
    static const char *const EMOJI = "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf";
    static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    size_t len, damaged = 0;
    char err[256], dir[] = "/tmp/gp-test-para-XXXXXX", path[sizeof dir + 16];
    unsigned char *font = (unsigned char *)gp_read_file(EMOJI, 64 << 20, &len, err, sizeof err);
    CHECK(font != NULL && mkdtemp(dir) != NULL);
    if (!font)
        return;
    for (unsigned char *at = font; (at = memmem(at, len - (size_t)(at - font), png, sizeof png)); at += sizeof png)
        if (at + 24 <= font + len)
            at[16] |= 0x80, damaged++;
    snprintf(path, sizeof path, "%s/emoji.ttf", dir);
    FILE *out = fopen(path, "wb");
    CHECK(out && fwrite(font, 1, len, out) == len && fclose(out) == 0);
    free(font);
    CHECK(damaged > 1000);
    gp_fontset own = {0}; /* its faces keep the path, which ends with this function */
    gp_face *face = gp_fontset_open(&own, &(gp_font_file){.path = path}, &diags);
    hb_codepoint_t popcorn = 0;
    CHECK(face && face->color && hb_font_get_nominal_glyph(face->hb_font, 0x1F37F, &popcorn));
    const gp_glyph_image *gi = face ? gp_face_glyph_image(face, popcorn) : NULL;
    CHECK(gi != NULL);
    if (gi) {
        CHECK_EQ_INT(gi->image.info.width, 0);
        CHECK(gi->image.info.height > 0);
    }
    gp_fontset_close(&own);
    remove_tree(dir);
}

/* An enclosing mark's cluster holds its ink: Symbola's keycap frame and
 * circle, which it positions over the base's advance alone, overlapped
 * the space on either side (regression). A plain letter is unchanged. */
static void test_enclosing_marks(void)
{
    static const char *const SYMBOLA = "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf";
    gp_face *symbola = gp_fontset_open(&fonts, &(gp_font_file){.path = SYMBOLA}, &diags);
    CHECK(symbola != NULL);
    if (!symbola)
        return;
    const uint32_t words[][3] = {{'1', 0xFE0F, 0x20E3}, {'#', 0xFE0F, 0x20E3}, {'A', 0x20DD, 0}};
    const size_t lengths[] = {3, 3, 2};
    for (size_t w = 0; w < 3; w++) {
        const gp_glyph *g;
        size_t n = gp_face_shape_glyphs(symbola, words[w], lengths[w], symbola->upem, false, (gp_features){0}, &g);
        CHECK(n >= 2); /* the base and its frame */
        double pen = 0, left = 0, right = 0;
        for (size_t i = 0; i < n; pen += g[i++].adv) {
            hb_glyph_extents_t ink;
            if (hb_font_get_glyph_extents(symbola->hb_font, g[i].gid, &ink) && ink.width > 0) {
                left = fmin(left, pen + g[i].dx + ink.x_bearing);
                right = fmax(right, pen + g[i].dx + ink.x_bearing + ink.width);
            }
        }
        CHECK(right > 0);
        CHECK(left >= -0.5);
        CHECK(right <= pen + 0.5);
    }
    /* a cluster without one keeps HarfBuzz's advance */
    uint32_t a = 'A';
    const gp_glyph *g;
    hb_codepoint_t gid;
    CHECK(gp_face_shape_glyphs(symbola, &a, 1, symbola->upem, false, (gp_features){0}, &g) == 1 &&
          hb_font_get_nominal_glyph(symbola->hb_font, 'A', &gid));
    CHECK_NEAR(g[0].adv, hb_font_get_glyph_h_advance(symbola->hb_font, gid), 1e-3);
    CHECK_NEAR(g[0].dx, 0, 1e-9);
}

static size_t hyph_points(const char *w, bool *pts, size_t *n)
{
    uint32_t cps[128];
    *n = decode(w, cps, 128);
    return gp_hyph_word(hyph, cps, *n, pts);
}

static void test_hyph_word(void)
{
    static const char *const words[] = {"hyphenation", "international", "responsibility", "characteristically",
                                        "documentary", "extraordinary", "photography", "Hukou",
                                        "Internationalization", "préférence", "naïveté", "encyclopaedia"};
    bool pts[128];
    size_t n;
    for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
        size_t count = hyph_points(words[w], pts, &n);
        size_t seen = 0;
        for (size_t i = 0; i < n; i++) {
            if (!pts[i])
                continue;
            seen++;
            if (i + 1 < 2 || n - (i + 1) < 3)
                fprintf(stderr, "  %s: a point after letter %zu of %zu\n", words[w], i + 1, n);
            CHECK(i + 1 >= 2 && n - (i + 1) >= 3);
        }
        CHECK_EQ_INT(seen, count);
    }
    /* known words: hy-phen-ation (TeX's US patterns) */
    CHECK(hyph_points("hyphenation", pts, &n) >= 2);
    CHECK(pts[1] && pts[5]);                     /* hy-phen-ation */
    CHECK(!pts[0] && !pts[2] && !pts[9] && !pts[10]);
    CHECK(hyph_points("documentary", pts, &n) >= 2);
    CHECK(pts[2]);                               /* doc-u-men-tary */
    /* upper case as lower case */
    bool up[128];
    hyph_points("HYPHENATION", up, &n);
    hyph_points("hyphenation", pts, &n);
    CHECK(memcmp(up, pts, n * sizeof *pts) == 0);
    /* too short to hyphenate */
    CHECK_EQ_INT(hyph_points("cat", pts, &n), 0);
    CHECK(!pts[0] && !pts[1] && !pts[2]);
    /* too long: nothing, and the points are cleared */
    char longw[80];
    long_word(longw, 61);
    memset(pts, 1, sizeof pts);
    CHECK_EQ_INT(hyph_points(longw, pts, &n), 0);
    for (size_t i = 0; i < n; i++)
        CHECK(!pts[i]);
    long_word(longw, 60);
    CHECK(hyph_points(longw, pts, &n) > 0);
    /* no patterns */
    uint32_t cps[16];
    size_t k = decode("hyphenation", cps, 16);
    memset(pts, 1, sizeof pts);
    CHECK_EQ_INT(gp_hyph_word(NULL, cps, k, pts), 0);
    CHECK(!pts[0] && !pts[5]);
    /* languages */
    gp_hyph *h = gp_hyph_open("en", NULL);
    CHECK(h != NULL);
    gp_hyph_close(h);
    h = gp_hyph_open("EN_us", NULL);
    CHECK(h != NULL);
    gp_hyph_close(h);
    /* hyphen-hi installs only hyph_hi_IN.dic (regression: "hi" found none) */
    h = gp_hyph_open("hi", NULL);
    CHECK(h != NULL);
    gp_hyph_close(h);
    CHECK(gp_hyph_open("xx-YY", NULL) == NULL);
    CHECK(gp_hyph_open(NULL, NULL) == NULL);
    gp_hyph_close(NULL);
}

/* The compiled-in patterns hyphenate exactly as libhyphen's own load of the
 * pattern file they were built from: every word of the shipped content and
 * pseudo-random words, compared hyphen by hyphen (rep/pos/cut included). */
/* libhyphen's hyphenation of a word as text: its hyphen digits, then any
 * replacement rule at each position. */
static void hyphenate(HyphenDict *d, const char *word, char *out, size_t size)
{
    int len = (int)strlen(word);
    char hyphens[256];
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    hnj_hyphen_hyphenate2(d, word, len, hyphens, NULL, &rep, &pos, &cut);
    size_t n = (size_t)snprintf(out, size, "%.*s", len, hyphens);
    for (int i = 0; rep && i < len; i++) {
        if (rep[i] && n < size)
            n += (size_t)snprintf(out + n, size - n, " %d:%s/%d/%d", i, rep[i], pos[i], cut[i]);
        free(rep[i]);
    }
    free(rep), free(pos), free(cut);
}

static bool same_hyphenation(HyphenDict *a, HyphenDict *b, const char *word)
{
    char ha[512], hb[512];
    hyphenate(a, word, ha, sizeof ha);
    hyphenate(b, word, hb, sizeof hb);
    return strcmp(ha, hb) == 0;
}

static void test_hyph_compiled(void)
{
    CHECK(gp_builtin_pattern_count >= 1);
    CHECK(strcmp(gp_builtin_patterns[0].name, "en_US") == 0);
    HyphenDict *compiled = gp_hyph_dict_from_compiled(&gp_builtin_patterns[0]);
    HyphenDict *loaded = hnj_hyphen_load("/usr/share/hyphen/hyph_en_US.dic");
    CHECK(loaded != NULL);
    if (!loaded)
        return;
    CHECK_EQ_INT(compiled->num_states, loaded->num_states);
    CHECK((compiled->nextlevel != NULL) == (loaded->nextlevel != NULL));
    size_t words = 0, differ = 0, hyphenated = 0;
    glob_t gl;
    if (glob("content/*.yaml", 0, NULL, &gl) == 0) {
        for (size_t f = 0; f < gl.gl_pathc; f++) {
            FILE *in = fopen(gl.gl_pathv[f], "r");
            char word[64];
            int ch, n = 0;
            while (in && (ch = fgetc(in)) != EOF) {
                if (isalpha(ch) && n < 63) {
                    word[n++] = (char)tolower(ch);
                    continue;
                }
                word[n] = 0;
                if (n >= 5) {
                    words++;
                    differ += !same_hyphenation(compiled, loaded, word);
                    char h[512];
                    hyphenate(compiled, word, h, sizeof h);
                    hyphenated += strpbrk(h, "13579") != NULL;
                }
                n = 0;
            }
            if (in)
                fclose(in);
        }
        globfree(&gl);
    }
    uint32_t seed = 12345;
    for (int i = 0; i < 20000; i++) {
        char word[64];
        int n = 5 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 20, len = 0;
        for (int k = 0; k < n; k++) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = (seed >> 16) % 30;
            if (r < 26)
                word[len++] = (char)('a' + r);
            else /* é, ñ, ü, ' */
                len += snprintf(word + len, 3, "%s", (const char *[]){"\xc3\xa9", "\xc3\xb1", "\xc3\xbc", "'"}[r - 26]);
        }
        word[len] = 0;
        words++;
        differ += !same_hyphenation(compiled, loaded, word);
    }
    CHECK(words > 21000);
    CHECK(hyphenated > 100);
    CHECK_EQ_INT(differ, 0);
    hnj_hyphen_free(loaded);
    gp_hyph_dict_free_compiled(compiled);
}

/* The run's pattern cache: one load per language, whether fetched ahead on
 * another thread or asked for first; unknown languages give NULL. */
static void test_hyph_cache(void)
{
    gp_hyph_cache *c = gp_hyph_cache_new();
    gp_hyph_cache_prefetch(c, "en-US");
    gp_hyph_cache_prefetch(c, "en-US");
    gp_hyph_cache_prefetch(c, NULL);
    gp_hyph *h = gp_hyph_cache_get(c, "en-US", here, NULL);
    CHECK(h != NULL);
    CHECK(gp_hyph_cache_get(c, "en-US", here, NULL) == h);
    CHECK(gp_hyph_cache_get(c, "en-GB", here, NULL) != NULL && gp_hyph_cache_get(c, "en-GB", here, NULL) != h);
    gp_hyph_cache_prefetch(c, "xx");
    CHECK(gp_hyph_cache_get(c, "xx", here, NULL) == NULL);
    CHECK(gp_hyph_cache_get(c, NULL, here, NULL) == NULL);
    uint32_t cps[16];
    bool pts[16];
    size_t k = decode("hyphenation", cps, 16);
    CHECK(gp_hyph_word(h, cps, k, pts) > 0);
    gp_hyph_cache_free(c);
    gp_hyph_cache_free(gp_hyph_cache_new()); /* nothing fetched, nothing to wait for */

    /* patterns from a file load on another thread: "xx" is a copy of the
     * American English file, in a folder of its own */
    char dir[] = "/tmp/gp-test-hyph-XXXXXX", cmd[256];
    CHECK(mkdtemp(dir) != NULL);
    snprintf(cmd, sizeof cmd, "cp /usr/share/hyphen/hyph_en_US.dic %s/hyph_xx.dic", dir);
    CHECK(system(cmd) == 0);
    setenv("GUIDEPRESS_HYPHEN_DIR", dir, 1);
    c = gp_hyph_cache_new();
    gp_hyph_cache_prefetch(c, "xx-YY");
    gp_hyph *xx = gp_hyph_cache_get(c, "xx-YY", here, NULL);
    CHECK(xx != NULL && gp_hyph_cache_get(c, "xx-YY", here, NULL) == xx);
    gp_hyph *en = gp_hyph_open("en-US", NULL);
    bool xpts[16] = {0};
    size_t points = gp_hyph_word(en, cps, k, pts);
    CHECK(points > 0 && xx && gp_hyph_word(xx, cps, k, xpts) == points);
    CHECK(memcmp(xpts, pts, k * sizeof *pts) == 0);
    gp_hyph_close(en);
    gp_hyph_cache_free(c);
    unsetenv("GUIDEPRESS_HYPHEN_DIR");
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK(system(cmd) == 0);
}

/* gp_text_line: one unbroken line, at natural width. */
static void test_text_line(void)
{
    const char *t = "Further Discussions (continued) with a rather long label that would never fit a column";
    gp_line ln = gp_text_line(&tc, t, &body, GP_SPAN_BOLD, here);
    CHECK(ln.nruns >= 1);
    CHECK(!ln.hyphenated);
    CHECK(ln.nruns && ln.runs[0].face == noto[GP_FACE_BOLD]);
    CHECK(strcmp(line_text(&ln), t) == 0);
    double w = 0;
    for (size_t r = 0; r < ln.nruns; r++)
        w += ln.runs[r].width;
    CHECK_NEAR(w, ln.width, 1e-9);
    gp_line empty = gp_text_line(&tc, "", &body, 0, here);
    CHECK_EQ_INT(empty.nruns, 0);
}

/* Styles and links split runs; the style flip toggles italics. */
/* Where each hyphenated line breaks the German word (letters before the
 * break), written into at[]; the runs' languages must be `lang`. */
static size_t german_breaks(const char *lang, size_t *at, size_t cap)
{
    gp_span spans[2] = {{"In German: ", 0, NULL, NULL},
                        {"Geschwindigkeitsbegrenzungen Geschwindigkeitsbegrenzungen Geschwindigkeitsbegrenzungen "
                         "Geschwindigkeitsbegrenzungen Geschwindigkeitsbegrenzungen Geschwindigkeitsbegrenzungen",
                         0, NULL, lang}};
    gp_para p = {.spans = spans, .count = 2};
    gp_lines ls = gp_para_set(&tc, &p, &body, 80, 0, here);
    size_t n = 0, k = 0; /* k: letters since the last space, across lines */
    for (size_t l = 0; l < ls.count; l++) {
        const gp_line *ln = &ls.lines[l];
        for (size_t r = 0; r < ln->nruns; r++) {
            if (ln->runs[r].text[0] != 'I') /* (the English words' run) */
                CHECK(lang ? ln->runs[r].lang && !strcmp(ln->runs[r].lang, lang) : !ln->runs[r].lang);
            for (size_t i = 0; i < ln->runs[r].ntext; i++) {
                uint32_t c = ln->runs[r].text[i];
                k = c == ' ' ? 0 : c == '-' || c == 0xAD ? k : k + 1;
            }
        }
        if (ln->hyphenated && n < cap)
            at[n++] = k;
    }
    return n;
}

/* A span the content gives a language (`[...]{lang=de}`) is hyphenated
 * with that language's patterns, and its runs say the language. */
static void test_span_language(void)
{
    gp_hyph_cache *cache = gp_hyph_cache_new();
    tc.hyphs = cache;
    size_t de[16], en[16];
    size_t nde = german_breaks("de", de, 16), nen = german_breaks(NULL, en, 16);
    tc.hyphs = NULL;
    gp_hyph *patterns = gp_hyph_open("de", NULL);
    CHECK(patterns != NULL && nde > 0);
    uint32_t cps[64];
    bool points[64] = {0};
    size_t k = decode("Geschwindigkeitsbegrenzungen", cps, 64);
    if (patterns)
        gp_hyph_word(patterns, cps, k, points);
    for (size_t i = 0; i < nde; i++) {
        CHECK(de[i] > 0 && de[i] < k && points[de[i] - 1]);
        if (!(de[i] > 0 && de[i] < k && points[de[i] - 1]))
            fprintf(stderr, "  Geschwindigkeitsbegrenzungen broken after %zu letters: no German hyphen there\n", de[i]);
    }
    bool same = nde == nen;
    for (size_t i = 0; same && i < nde; i++)
        same = de[i] == en[i];
    CHECK(!same); /* the guide's English patterns break it elsewhere */
    gp_hyph_close(patterns);
    gp_hyph_cache_free(cache);
}

static void test_spans(void)
{
    gp_span spans[3] = {{"Plain text and ", 0, NULL, NULL},
                        {"italic words", GP_SPAN_ITALIC, NULL, NULL},
                        {" with a link", 0, "https://example.org", NULL}};
    gp_para p = {.spans = spans, .count = 3};
    gp_lines ls = gp_para_set(&tc, &p, &body, 1000, 0, here);
    CHECK_EQ_INT(ls.count, 1);
    if (ls.count != 1)
        return;
    const gp_line *ln = &ls.lines[0];
    CHECK_EQ_INT(ln->nruns, 3);
    if (ln->nruns == 3) {
        CHECK(ln->runs[0].face == noto[GP_FACE_REGULAR] && !ln->runs[0].url);
        CHECK(ln->runs[1].face == noto[GP_FACE_ITALIC]);
        CHECK(ln->runs[2].url && !strcmp(ln->runs[2].url, "https://example.org"));
        CHECK(ln->runs[2].color.r == body.link_color.r);
    }
    gp_text_style flip = body;
    flip.style_flip = GP_SPAN_ITALIC;
    ls = gp_para_set(&tc, &p, &flip, 1000, 0, here);
    CHECK(ls.count == 1 && ls.lines[0].nruns >= 2 && ls.lines[0].runs[0].face == noto[GP_FACE_ITALIC] &&
          ls.lines[0].runs[1].face == noto[GP_FACE_REGULAR]);
}

/* A line's characters as they stand from left to right: its runs by x,
 * a right-to-left run's text last character first. */
static const char *visual_text(const gp_line *ln)
{
    static char buf[4 * MAXCP + 1];
    size_t k = 0;
    double x = -1;
    for (size_t done = 0; done < ln->nruns; done++) {
        const gp_run *next = NULL; /* the leftmost run right of x */
        for (size_t r = 0; r < ln->nruns; r++)
            if (ln->runs[r].x > x && (!next || ln->runs[r].x < next->x))
                next = &ln->runs[r];
        if (!next)
            break;
        for (size_t i = 0; i < next->ntext && k + 4 < sizeof buf; i++)
            k += gp_utf8_encode(next->text[next->rtl ? next->ntext - 1 - i : i], buf + k);
        x = next->x;
    }
    buf[k] = 0;
    return buf;
}

/* Lines through the whole of paragraph setting (FriBidi's levels, words
 * shaped in their direction, runs reordered): numbers, a URL, parentheses,
 * English inside Persian and Hebrew inside English, in either guide. The
 * expected text is the characters in visual order, left to right. */
static void test_bidi_lines(void)
{
    static const struct {
        bool rtl_guide;
        const char *text, *visual;
    } cases[] = {
        {false, "abc \u05d0\u05d1\u05d2 def", "abc \u05d2\u05d1\u05d0 def"},
        /* a bracket pair takes the direction of the Hebrew before it */
        {false, "The film \u05d0\u05d1\u05d2 (2011) is", "The film )2011( \u05d2\u05d1\u05d0 is"},
        {true, "\u05d0\u05d1\u05d2 abc 123", "abc 123 \u05d2\u05d1\u05d0"},
        {true, "\u05d1\u05e7\u05e8\u05d5 https://example.org/a-b \u05ea\u05d5\u05d3\u05d4",
         "\u05d4\u05d3\u05d5\u05ea https://example.org/a-b \u05d5\u05e8\u05e7\u05d1"},
        /* Persian digits after Arabic letters are Arabic numbers: each keeps its order */
        {true, "\u0633\u0627\u0644 \u06f2\u06f0\u06f1\u06f1 \u0648 2012",
         "2012 \u0648 \u06f2\u06f0\u06f1\u06f1 \u0644\u0627\u0633"},
        /* an English label in a Persian guide stays left to right */
        {true, "Notes:", "Notes:"},
        /* a Hebrew title alone in an English guide reads right to left */
        {false, "\u05d0\u05d1 \u05d2\u05d3.", ".\u05d3\u05d2 \u05d1\u05d0"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *text = cases[i].text, *visual = cases[i].visual;
        tc.rtl = cases[i].rtl_guide;
        gp_span span = {text, 0, NULL, NULL};
        gp_para p = {.spans = &span, .count = 1};
        gp_lines ls = gp_para_set(&tc, &p, &body, 1000, 0, here);
        tc.rtl = false;
        CHECK_EQ_INT(ls.count, 1);
        if (ls.count == 1 && strcmp(visual_text(&ls.lines[0]), visual)) {
            CHECK(!"visual order");
            fprintf(stderr, "    \"%s\": \"%s\", want \"%s\"\n", text, visual_text(&ls.lines[0]), visual);
        }
    }
    /* the bracket pair in right-to-left text is shaped mirrored: '(' drawn as ')' */
    tc.rtl = true;
    gp_lines ls = gp_para_set(&tc, &(gp_para){.spans = &(gp_span){"\u05d0 (\u05d1) \u05d2", 0, NULL, NULL}, .count = 1}, &body, 1000, 0, here);
    tc.rtl = false;
    bool found = false;
    for (size_t r = 0; ls.count == 1 && r < ls.lines[0].nruns; r++) {
        const gp_run *run = &ls.lines[0].runs[r];
        for (size_t k = 0; k < run->nglyphs; k++)
            if (run->text[run->glyphs[k].cluster] == '(') {
                uint32_t close = ')';
                const gp_glyph *g;
                CHECK(run->rtl);
                CHECK(gp_face_shape_glyphs(run->face, &close, 1, body.size_pt, false, (gp_features){0}, &g) == 1 &&
                      g[0].gid == run->glyphs[k].gid);
                found = true;
            }
    }
    CHECK(found);
}

/* Justified lines of Devanagari (letters hung from one headline) or
 * Arabic (joined letters) take their slack in the word spaces, never
 * between letters; Latin ones may letter-space. */
static void test_no_letter_spacing(void)
{
    static const char *const texts[] = {
        "\u0907\u0932\u093e \u0905\u092a\u0928\u0947 \u092a\u0924\u093f \u0915\u0947 \u0932\u093f\u090f "
        "\u092c\u0921\u093c\u0947 \u092a\u094d\u092f\u093e\u0930 \u0938\u0947 \u0916\u093e\u0928\u093e "
        "\u092c\u0928\u093e\u0924\u0940 \u0939\u0948",
        "\u0633\u06cc\u0645\u06cc\u0646 \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u062f "
        "\u0647\u0645\u0631\u0627\u0647 \u0647\u0645\u0633\u0631\u0634 \u0646\u0627\u062f\u0631 \u0648 "
        "\u062f\u062e\u062a\u0631\u0634\u0627\u0646 \u062a\u0631\u0645\u0647",
        "Justified lines of English may take a little letter spacing between the letters of their words",
    };
    for (size_t i = 0; i < 3; i++) {
        char text[2048] = "";
        for (int k = 0; k < 6; k++) /* several lines */
            snprintf(text + strlen(text), sizeof text - strlen(text), "%s%s", k ? " " : "", texts[i]);
        gp_lines ls = set(text, &body, 250, 0);
        CHECK(ls.count > 3);
        for (size_t l = 0; getenv("DEBUG_LS") && l < ls.count; l++)
            fprintf(stderr, "    %zu: %.2f \"%s\"\n", l, ls.lines[l].width, line_text(&ls.lines[l]));
        bool spaced = false;
        for (size_t l = 0; l + 1 < ls.count; l++) {
            CHECK_NEAR(ls.lines[l].width, 250, 0.05); /* still justified */
            if (fabs(ls.lines[l].width - 250) > 0.05)
                fprintf(stderr, "    text %zu line %zu: \"%s\"\n", i, l, line_text(&ls.lines[l]));
            for (size_t r = 0; r < ls.lines[l].nruns; r++) /* (a run of spaces has no letters to space) */
                spaced |= ls.lines[l].runs[r].letter_spacing != 0 && ls.lines[l].runs[r].text[0] != ' ';
        }
        CHECK(spaced == (i == 2));
        if (spaced != (i == 2))
            fprintf(stderr, "    text %zu: letter spacing %s\n", i, spaced ? "used" : "not used");
    }
}

/* The same paragraph, style and widths give the same lines; any change of
 * style or width gives lines set for it. */
static void test_repeat(void)
{
    gp_lines a = set(prose, &body, 300, 0), b = set(prose, &body, 300, 0);
    CHECK_EQ_INT(a.count, b.count);
    for (size_t l = 0; l < a.count && l < b.count; l++) {
        CHECK_NEAR(a.lines[l].width, b.lines[l].width, 0);
        CHECK(!strcmp(line_text(&a.lines[l]), line_text(&b.lines[l])) || !"same text");
    }
    gp_text_style ragged = body;
    ragged.justify = false;
    gp_lines r = set(prose, &ragged, 300, 0);
    CHECK_EQ_INT(check_lines(&r, prose, &ragged, 300, 0, "prose ragged after justified").bad, 0);
    gp_lines w = set(prose, &body, 200, 0);
    CHECK_EQ_INT(check_lines(&w, prose, &body, 200, 0, "prose at another width").bad, 0);
    CHECK(w.count > a.count);
    gp_text_style big = body;
    big.size_pt = 14;
    gp_lines g = set(prose, &big, 300, 0);
    CHECK_EQ_INT(check_lines(&g, prose, &big, 300, 0, "prose at another size").bad, 0);
    CHECK(g.count > a.count);
    /* a paragraph built on the stack and then changed is set anew */
    char text[64];
    snprintf(text, sizeof text, "Page %d of %d", 2, 9);
    gp_line one = gp_text_line(&tc, text, &body, 0, here);
    snprintf(text, sizeof text, "Page %d of %d", 3, 9);
    gp_line two = gp_text_line(&tc, text, &body, 0, here);
    CHECK(one.nruns && two.nruns && one.runs[0].text[5] == '2' && two.runs[0].text[5] == '3');
}

/* The caches of shaped text (the face's shape plans, the thread's shaped
 * words, the set paragraphs) know a feature list by its values: a --watch
 * run loads the brand again, and its new list may stand where the old one
 * was. Regression: keyed by the list's address, "fi" stayed two glyphs. */
static void test_features_by_value(void)
{
    static gp_font_feature list[1]; /* one address, two brands' lists */
    gp_features features = {list, 1};
    gp_face *f = noto[GP_FACE_REGULAR];
    uint32_t fi[2] = {'f', 'i'};
    const gp_glyph *g;
    size_t n = 0;
    gp_text_style st = body;
    st.features = features;
    for (uint32_t liga = 0; liga < 2; liga++) {
        list[0] = (gp_font_feature){HB_TAG('l', 'i', 'g', 'a'), liga};
        size_t want = liga ? 1 : 2;
        CHECK_EQ_INT(gp_face_shape_glyphs(f, fi, 2, 12, false, features, &g), want);
        gp_shaped_word(&tc.shapes, NULL, f, fi, 2, false, HB_SCRIPT_LATIN, features, &n);
        CHECK_EQ_INT(n, want);
        gp_lines ls = set("fi", &st, 300, 0);
        CHECK(ls.count == 1 && ls.lines[0].nruns == 1);
        if (ls.count == 1 && ls.lines[0].nruns == 1)
            CHECK_EQ_INT(ls.lines[0].runs[0].nglyphs, want);
    }
}

/* A word shaped ahead on another thread's shaper (text/ahead.c) is taken
 * from the shared table, as the face itself would shape it, and not
 * shaped again: the face's buffer still holds what it shaped before. */
static void test_shaped_ahead(void)
{
    gp_face *f = noto[GP_FACE_REGULAR];
    uint32_t word[6] = {'T', 'a', 'h', 'i', 't', 'i'}, x = 'x';
    gp_shared_shapes *table = gp_shared_shapes_new();
    gp_shaper other = {0};
    gp_shared_shape(table, &other, f, word, 6, false, HB_SCRIPT_LATIN, (gp_features){0});
    const gp_glyph *g;
    gp_face_shape_glyphs(f, &x, 1, f->upem, false, (gp_features){0}, &g);
    struct gp_shape_cache *mine = NULL; /* (the thread's: Tahiti is in no other test) */
    size_t n;
    const gp_glyph *got = gp_shaped_word(&mine, table, f, word, 6, false, HB_SCRIPT_LATIN, (gp_features){0}, &n);
    CHECK_EQ_INT(hb_buffer_get_length(f->shaper.buf), 1);
    gp_glyph taken[16];
    memcpy(taken, got, n * sizeof *got);
    size_t want = gp_face_shape_script(f, word, 6, f->upem, false, HB_SCRIPT_LATIN, (gp_features){0}, &g);
    CHECK_EQ_INT(n, want);
    for (size_t i = 0; i < n && n == want; i++)
        CHECK(taken[i].gid == g[i].gid && taken[i].adv == g[i].adv && taken[i].cluster == g[i].cluster &&
              taken[i].dx == g[i].dx && taken[i].dy == g[i].dy);
    gp_shaper_free(&other);
    gp_shared_shapes_free(table);
}

/* The text of all lines, joined by newlines (UTF-8). */
static const char *all_lines(const gp_lines *ls)
{
    static char buf[8 * MAXCP];
    buf[0] = 0;
    for (size_t l = 0; l < ls->count; l++) {
        strncat(buf, line_text(&ls->lines[l]), sizeof buf - strlen(buf) - 2);
        strcat(buf, "\n");
    }
    return buf;
}

/* Format characters are never drawn: not in any line, no warning (no font
 * need have them), no width. Regression: each was printed as its glyph or a
 * missing-glyph box, with a "no font has a glyph" warning. */
static void test_invisible(void)
{
    static const char *const marks[] = {
        "\xE2\x80\x8B", "\xE2\x80\x8C", "\xE2\x80\x8D", "\xE2\x80\x8E", "\xE2\x80\x8F", /* ZWSP ZWNJ ZWJ LRM RLM */
        "\xE2\x81\xA0", "\xEF\xBB\xBF", "\xE2\x80\xAA", "\xE2\x80\xAE", "\xE2\x81\xA6", /* WJ BOM LRE RLO LRI */
        "\xE2\x81\xA9", "\xEF\xB8\x8F", "\xCD\x8F", "\xD8\x9C", "\xF3\xA0\x80\x81",      /* PDI VS16 CGJ ALM tag */
        "\xC2\xAD"};                                                                     /* soft hyphen */
    for (size_t m = 0; m < sizeof marks / sizeof *marks; m++) {
        char text[64];
        snprintf(text, sizeof text, "ab%sc de", marks[m]);
        size_t before = diags.count;
        gp_lines ls = set(text, &body, 1000, 0);
        gp_lines plain = set("abc de", &body, 1000, 0);
        CHECK_EQ_INT(ls.count, 1);
        if (ls.count != 1 || plain.count != 1)
            continue;
        if (strcmp(line_text(&ls.lines[0]), "abc de"))
            fprintf(stderr, "  mark %zu: line \"%s\"\n", m, line_text(&ls.lines[0]));
        CHECK(!strcmp(line_text(&ls.lines[0]), "abc de"));
        CHECK_NEAR(ls.lines[0].width, plain.lines[0].width, 0.5); /* kerning across the mark aside */
        CHECK_EQ_INT(diags.count, before);
    }
    /* a zero-width space is still a break opportunity, a word joiner none */
    gp_lines ls = set("Supercalifragilistic\xE2\x80\x8B" "expialidocious", &body, 100, 0);
    CHECK_EQ_INT(ls.count, 2);
    CHECK(ls.count == 2 && !strcmp(line_text(&ls.lines[0]), "Supercalifragilistic"));
    /* C1 controls and line separators are spaces, noncharacters U+FFFD */
    ls = set("one\xC2\x85two\xE2\x80\xA8three\xEF\xB7\x90", &body, 1000, 0);
    CHECK(ls.count == 1 && !strcmp(line_text(&ls.lines[0]), "one two three\xEF\xBF\xBD"));
}

/* A soft hyphen is a hyphenation point: invisible mid-line, a hyphen where
 * the line breaks. Regression: it was drawn as a hyphen wherever it was. */
static void test_soft_hyphen(void)
{
    gp_text_style plain = body;
    plain.hyphenate = false; /* only the soft hyphens may break the word */
    gp_lines ls = set("Co\xC2\xADop\xC2\xAD" "er\xC2\xAD" "a\xC2\xADtion", &plain, 1000, 0);
    CHECK(ls.count == 1 && !strcmp(line_text(&ls.lines[0]), "Cooperation"));
    ls = set("Xxxx xxxx in\xC2\xAD" "com\xC2\xADpre\xC2\xADhen\xC2\xADsi\xC2\xAD" "bil\xC2\xADi\xC2\xADties",
             &plain, 90, 0);
    CHECK(ls.count >= 2);
    bool hyphen_at_end = false, shy = false;
    for (size_t l = 0; l < ls.count; l++) {
        const char *t = line_text(&ls.lines[l]);
        shy |= strstr(t, "\xC2\xAD") != NULL;
        if (l + 1 < ls.count && t[strlen(t) - 1] == '-') {
            hyphen_at_end = true;
            CHECK(ls.lines[l].hyphenated);
        }
    }
    CHECK(!shy);
    CHECK(hyphen_at_end);
    if (!hyphen_at_end)
        fprintf(stderr, "  lines:\n%s", all_lines(&ls));
    char joined[256] = "";
    for (size_t l = 0; l < ls.count; l++) {
        const char *t = line_text(&ls.lines[l]);
        size_t keep = strlen(t) - (l + 1 < ls.count && ls.lines[l].hyphenated);
        if (strlen(joined) + keep + 2 < sizeof joined)
            memcpy(joined + strlen(joined), t, keep), joined[strlen(joined) + keep] = 0;
        if (!ls.lines[l].hyphenated && l + 1 < ls.count)
            strcat(joined, " ");
    }
    CHECK(!strcmp(joined, "Xxxx xxxx incomprehensibilities"));
}

/* A hyphenation point inside a ligature is a break like any other, each
 * half shaped on its own: "of-" then "fice" with its fi ligature (the ffi
 * of "office" was not broken at all before). */
static void test_split_ligature(void)
{
    static const char *const text = "An official office, the efficient offices of difficult affluent officers.";
    gp_text_style ragged = body;
    ragged.justify = false;
    result r = sweep(text, &ragged, 25, 200, 0.5, "ligatures ragged");
    CHECK_EQ_INT(r.bad, 0);
    r = sweep(text, &body, 25, 200, 0.5, "ligatures justified");
    CHECK_EQ_INT(r.bad, 0);
    size_t splits = 0;
    for (double w = 25; w < 200; w += 0.5) {
        gp_lines ls = set(text, &ragged, w, 0);
        for (size_t l = 0; l + 1 < ls.count; l++) {
            char line[256];
            snprintf(line, sizeof line, "%s", line_text(&ls.lines[l]));
            size_t len = strlen(line);
            const gp_run *next = &ls.lines[l + 1].runs[0];
            if (len < 3 || strcmp(line + len - 3, "of-") || next->ntext < 4 || next->text[0] != 'f' ||
                next->text[1] != 'i')
                continue;
            splits++;
            /* "fi" shaped again as one glyph: the glyph after it is the c's */
            CHECK(next->nglyphs >= 2 && next->glyphs[0].cluster == 0 && next->glyphs[1].cluster == 2);
            /* "of-": the f is its own glyph, before the hyphen */
            const gp_line *ln = &ls.lines[l];
            const gp_run *last = &ln->runs[ln->nruns - 1];
            CHECK(last->nglyphs >= 3 && last->glyphs[last->nglyphs - 2].cluster == last->ntext - 2);
        }
    }
    CHECK(splits > 0);
    /* a soft hyphen inside the ligature is a usable point too */
    gp_text_style plain = ragged;
    plain.hyphenate = false;
    gp_lines ls = set("Xxx of\xC2\xAD" "fice", &plain, 40, 0);
    CHECK_EQ_INT(ls.count, 2);
    if (ls.count == 2) {
        CHECK(!strcmp(line_text(&ls.lines[0]), "Xxx of-"));
        CHECK(!strcmp(line_text(&ls.lines[1]), "fice"));
    }
}

/* Smart punctuation leaves URLs as written: verbatim spans (printed url
 * fields) and URLs inside words, while the text around them is smartened.
 * Regression: "https://x.org/a--b" was printed "https://x.org/a–b". */
static void test_smart_urls(void)
{
    ctx->smart_punct = true;
    static const struct {
        const char *text, *want;
        unsigned style;
    } cases[] = {
        {"https://example.org/a--b/it's", "https://example.org/a--b/it's", GP_SPAN_VERBATIM},
        {"See https://example.org/a--b/it's \"here\" -- now.", "See https://example.org/a--b/it's “here” – now.",
         0},
        {"(www.example.org/x---y).", "(www.example.org/x---y).", 0},
        {"\"mailto:a--b@example.org\"", "“mailto:a--b@example.org”", 0},
        {"(https://en.wikipedia.org/wiki/X_(film)'s) it's", "(https://en.wikipedia.org/wiki/X_(film)'s) it’s", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        gp_span span = {cases[i].text, cases[i].style, NULL, NULL};
        gp_para p = {.spans = &span, .count = 1};
        gp_lines ls = gp_para_set(ctx, &p, &body, 1000, 0, here);
        bool ok = ls.count == 1 && !strcmp(line_text(&ls.lines[0]), cases[i].want);
        if (!ok)
            fprintf(stderr, "  \"%s\" -> \"%s\"\n", cases[i].text, ls.count ? line_text(&ls.lines[0]) : "");
        CHECK(ok);
    }
    ctx->smart_punct = false;
}

/* A folder of one pattern file, for GUIDEPRESS_HYPHEN_DIR. */
static void pattern_dir(char *dir, const char *name, const char *content, size_t len)
{
    strcpy(dir, "/tmp/gp-test-hyph-XXXXXX");
    CHECK(mkdtemp(dir) != NULL);
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f) {
        fwrite(content, 1, len, f);
        fclose(f);
    }
    setenv("GUIDEPRESS_HYPHEN_DIR", dir, 1);
}

static void remove_pattern_dir(const char *dir)
{
    unsetenv("GUIDEPRESS_HYPHEN_DIR");
    remove_tree(dir);
}

/* Malformed pattern files are refused, naming the line, before libhyphen
 * reads them. Regression: each made libhyphen write out of bounds (the
 * empty NOHYPHEN list when loading; the others when hyphenating). Run
 * under ASan by `make asan`. */
static void test_bad_pattern_files(void)
{
    static const struct {
        const char *content;
        int line;
        const char *says;
    } bad[] = {
        {"UTF-8\nNOHYPHEN", 2, "NOHYPHEN"},
        {"UTF-8\n1ba\nNOHYPHEN a,,b\n", 3, "NOHYPHEN"},
        {"UTF-8\nNOHYPHEN a,\n", 2, "NOHYPHEN"},
        {"UTF-8\n1.ab\n", 2, "dot"},
        {"UTF-8\na1b/x=y,100,5\n", 2, "outside its letters"},
        {"UTF-8\nab1c/x=y,0,2\n", 2, "outside its letters"},
        {"UTF-8\n1ab/a=b,1,1\n", 2, "digit before its first"},
        {"UTF-8\nab1/a=b,1,1\n", 2, "after its last"},
        {"UTF-8\nab1c/xy,1,2\n", 2, "no `=`"},
        {"UTF-8\n/x=y\n", 2, "digit before its first"},
        {"KOI8-R\n1ba\n", 1, "encoding"},
        {"UTF-8\nLEFTHYPHENMIN two\n", 2, "not a number"},
        {"UTF-8\n1ba\n"
         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1b\n",
         3, "longer"},
        {"UTF-8\n1ba\nab1c\r\n"
         "% a long CRLF line next: ....................................................................\r\n"
         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1bcde\r\n",
         5, "longer"}, /* 98 bytes and a carriage return: libhyphen's buffer holds 99 with the newline */
        {"", 0, "empty"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char dir[32];
        pattern_dir(dir, "hyph_xx.dic", bad[i].content, strlen(bad[i].content));
        gp_hyph_why why;
        gp_hyph *h = gp_hyph_open("xx", &why);
        CHECK(h == NULL);
        gp_hyph_close(h);
        bool ok = strstr(why.file, "hyph_xx.dic") && why.line == bad[i].line && strstr(why.message, bad[i].says);
        if (!ok)
            fprintf(stderr, "  case %zu: %s:%d: %s\n", i, why.file, why.line, why.message);
        CHECK(ok);
        remove_pattern_dir(dir);
    }
    /* a NUL byte */
    char dir[32];
    pattern_dir(dir, "hyph_xx.dic", "UTF-8\n1b\0a\n", 11);
    gp_hyph_why why;
    CHECK(gp_hyph_open("xx", &why) == NULL && why.line == 2 && strstr(why.message, "NUL"));
    remove_pattern_dir(dir);
    /* well-formed: comments of any length, keywords, non-standard patterns inside their letters */
    static const char good[] =
        "UTF-8\nLEFTHYPHENMIN 2\nRIGHTHYPHENMIN 3\nCOMPOUNDLEFTHYPHENMIN 2\nNOHYPHEN -,'\n"
        "% a comment longer than a line may be: ...................................................................\n"
        "s1sz/sz=sz,1,3\nc1k/k=k,1,2\n.ab4\n1ba\nNEXTLEVEL\n1ca\n";
    pattern_dir(dir, "hyph_xx.dic", good, strlen(good));
    gp_hyph *h = gp_hyph_open("xx", &why);
    CHECK(h != NULL);
    gp_hyph_close(h);
    remove_pattern_dir(dir);
}

/* Patterns in ISO 8859-1 (Debian's German and Norwegian) hyphenate as the
 * same patterns in UTF-8 do, and a point after a non-ASCII letter is found
 * at its code point. Regression: words were given to libhyphen in UTF-8
 * whatever the file's encoding, and its UTF-8 results (per character) were
 * read per byte. */
static void test_pattern_encodings(void)
{
    static const char utf8[] = "UTF-8\n\xC3\xA9" "1t\n";     /* é1t */
    static const char latin1[] = "ISO8859-1\n\xE9" "1t\n";   /* é1t */
    uint32_t cps[16];
    size_t n = decode("caf\xC3\xA9tiers", cps, 16);
    bool pts[16], want[16] = {[3] = true};
    for (int enc = 0; enc < 2; enc++) {
        char dir[32];
        pattern_dir(dir, "hyph_xx.dic", enc ? latin1 : utf8, strlen(enc ? latin1 : utf8));
        gp_hyph_why why;
        gp_hyph *h = gp_hyph_open("xx", &why);
        CHECK(h != NULL);
        if (!h)
            fprintf(stderr, "  %s:%d: %s\n", why.file, why.line, why.message);
        CHECK_EQ_INT(gp_hyph_word(h, cps, n, pts), 1);
        CHECK(!memcmp(pts, want, n * sizeof *pts));
        gp_hyph_close(h);
        remove_pattern_dir(dir);
    }
}

/* A pattern given again replaces the earlier one, as libhyphen does, per
 * level; the earlier one is dropped before libhyphen reads the file, which
 * leaked its copy (`make asan` runs this with leak detection: the system's
 * French and German files repeat patterns). */
static void test_repeated_patterns(void)
{
    static const struct {
        const char *content;
        bool breaks;
    } cases[] = {
        {"UTF-8\nc1d\nc2d\n", false},
        {"UTF-8\nc2d\nc1d\n", true},
        {"UTF-8\nc2d\n% a comment\nc3d\nc1d\n", true},
        {"UTF-8\nc1d\nNEXTLEVEL\nc2d\n", true}, /* a second level: another dictionary */
    };
    uint32_t cps[16];
    size_t n = decode("abcdef", cps, 16);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char dir[32];
        pattern_dir(dir, "hyph_xx.dic", cases[i].content, strlen(cases[i].content));
        gp_hyph_why why;
        gp_hyph *h = gp_hyph_open("xx", &why);
        bool pts[16] = {0};
        CHECK(h != NULL);
        gp_hyph_word(h, cps, n, pts);
        if (pts[2] != cases[i].breaks)
            fprintf(stderr, "  case %zu: a break after c: %d\n", i, pts[2]);
        CHECK(pts[2] == cases[i].breaks);
        gp_hyph_close(h);
        remove_pattern_dir(dir);
    }
    const char *languages[] = {"fr", "de", "nl", "it"};
    for (size_t i = 0; i < sizeof languages / sizeof *languages; i++) {
        gp_hyph *h = gp_hyph_open(languages[i], NULL);
        CHECK(h != NULL);
        gp_hyph_close(h);
    }
}

/* A language without usable patterns is told once per run: at its
 * `language:` line, naming the Debian package, or at the bad file's line.
 * Regression: nothing was said and nothing hyphenated. */
static void test_missing_patterns(void)
{
    char dir[32];
    pattern_dir(dir, "hyph_de.dic", "UTF-8\nNOHYPHEN a,,b\n", 20);
    gp_hyph_cache *c = gp_hyph_cache_new();
    gp_diags d = {0};
    gp_loc at = {"content.yaml", 4, 11};
    CHECK(gp_hyph_cache_get(c, "fr-CA", at, &d) == NULL);
    CHECK(gp_hyph_cache_get(c, "fr-CA", at, &d) == NULL);
    gp_hyph_cache_expect(c, "fr-CA", at, &d);
    CHECK_EQ_INT(d.count, 1);
    CHECK(d.count == 1 && d.items[0].loc.line == 4 && d.items[0].severity == GP_WARNING &&
          strstr(d.items[0].message, "`fr-CA`") && strstr(d.items[0].message, "hyphen-fr"));
    gp_hyph_cache_expect(c, "pt-BR", at, &d);
    gp_hyph_cache_expect(c, "pt-BR", at, &d);
    CHECK(d.count == 2 && strstr(d.items[1].message, "hyphen-pt-br"));
    gp_hyph_cache_expect(c, "it", at, &d);
    CHECK(d.count == 3 && strstr(d.items[2].message, "hyphen-it"));
    gp_hyph_cache_expect(c, "tlh", at, &d);
    CHECK(d.count == 4 && strstr(d.items[3].message, "Debian has no patterns"));
    CHECK(gp_hyph_cache_get(c, "de", at, &d) == NULL);
    CHECK(d.count == 5 && strstr(d.items[4].loc.file, "hyph_de.dic") && d.items[4].loc.line == 2);
    gp_hyph_cache_expect(c, "de", at, &d); /* found, if unusable: said once already */
    CHECK_EQ_INT(d.count, 5);
    gp_hyph_cache_free(c);
    gp_diags_free(&d);
    remove_pattern_dir(dir);
    /* a bare language finds its only regional patterns (hyphen-es has hyph_es_ES.dic) */
    pattern_dir(dir, "hyph_es_ES.dic", "UTF-8\n1ba\n", 10);
    gp_hyph *h = gp_hyph_open("es", NULL);
    CHECK(h != NULL);
    gp_hyph_close(h);
    remove_pattern_dir(dir);
}

int main(void)
{
    if (!setup()) {
        gp_fontset_close(&fonts);
        gp_hyph_close(hyph);
        gp_diags_free(&diags);
        harness_report();
        return 1;
    }
    test_basic();
    test_justified();
    test_overlong();
    test_url_breaks();
    test_hyphenation();
    test_cjk();
    test_missing_glyph();
    test_kerning();
    test_enclosing_marks();
    test_damaged_color_glyph();
    test_hyph_word();
    test_hyph_compiled();
    test_hyph_cache();
    test_text_line();
    test_spans();
    test_span_language();
    test_cjk_punctuation();
    test_bidi_lines();
    test_no_letter_spacing();
    test_repeat();
    test_features_by_value();
    test_shaped_ahead();
    test_invisible();
    test_soft_hyphen();
    test_split_ligature();
    test_smart_urls();
    test_bad_pattern_files();
    test_pattern_encodings();
    test_repeated_patterns();
    test_missing_patterns();
    gp_fontset_close(&fonts);
    gp_hyph_close(hyph);
    gp_diags_free(&diags);
    gp_arena_free(&arena);
    gp_brand_cleanup();
    gp_fonts_cleanup();
    return harness_report();
}
