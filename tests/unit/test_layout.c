/* Tests for the layout stage (src/layout/), run from the repository root:
 * every content file in content/ (and tests/fixtures/all-sections.yaml)
 * with every brand in content/brands/ and the built-in brand, laid out as
 * src/job.c does (without the PDF stage), and documents written here to
 * stress it (200 questions, a 5,000-letter word, long paragraphs at every
 * offset). The display list is then checked, without parsing any PDF:
 *
 * Geometry (check_geometry)
 *   - every item lies on the page, within 0.5 pt;
 *   - every item lies within its frame, within 0.5 pt. A TEXT item's box is
 *     (x, baseline y, width, size); its extent is taken as [x, x + w] by
 *     [y - 0.8 size, y + 0.25 size]. A RULE runs from (x, y) to
 *     (x + w, y + h);
 *   - no two TEXT items on a page overlap: their rectangles
 *     [x, x + w] x [y - 0.75 size, y + 0.2 size] may not intersect by more
 *     than 0.5 pt in both directions;
 *   - text stays out of the page margins (brand->margin_pt), with two
 *     exceptions, told apart by their frames, which may enter the bottom
 *     margin only (never the side or top margins):
 *       footer: a TEXT item whose frame starts below the body area, i.e.
 *         frame.y >= page_h - margin - 12 (the layout keeps those 12 pt
 *         above the bottom margin for the footer, src/layout/layout.c);
 *       back band: on the last page, the band is the background RECT whose
 *         frame is the whole page and whose box reaches the page's bottom
 *         edge; TEXT items whose frame starts inside that box belong to it.
 * Content (check_content)
 *   - every word of the film title, logline and intro, of each section's
 *     heading, body and entries (titles, sources, questions, answers,
 *     quotes, figures) and of the pull quote is in the display list, in
 *     order: the text of the TEXT items that carry the content's source
 *     position (gp_loc), joined, must contain the content's text, both
 *     reduced to their letters and digits (so spaces, punctuation and the
 *     hyphens added at line ends do not count);
 *   - one outline mark per section, with its heading, and the heading is
 *     set on the mark's page just below it;
 *   - the pull quote is on the same page as its section's mark, right of
 *     the section's main column;
 *   - at least 3 pages; the back heading on the last page when the brand
 *     has one; no page without text.
 * Documents written here
 *   - 200 questions: many pages, each number "1." .. "200." exactly once,
 *     in reading order;
 *   - a 5,000-letter word in a body, a question and a pull quote: every
 *     item inside its frame and the page;
 *   - widows and orphans: paragraphs of known lines (each starts with
 *     "Pnn" and ends with "Enn") after an opening paragraph of 1 to 40
 *     lines, so page breaks fall everywhere: a paragraph split across
 *     pages keeps at least 2 lines on each side, and no page ends in a
 *     hyphen. In the sample guides, the same is checked for every
 *     one-paragraph rich text (its lines are exactly those with its gp_loc).
 * Known bugs are kept as disabled checks marked BUG, see below. */
#include "base/arena.h"
#include "base/diag.h"
#include "base/utf8.h"
#include "layout/dlist.h"
#include "layout/layout.h"
#include "load/doc.h"
#include "style/brand.h"
#include "text/font.h"
#include "text/hyph.h"
#include "text/para.h"

#include "harness.h"

#include <ctype.h>
#include <glob.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TOL 0.5

/* ---- building a guide as src/job.c does ------------------------------------ */

typedef struct guide {
    gp_arena a;
    gp_diags d;
    gp_fontset fonts;
    gp_hyph *hyph;
    gp_dlist dl;
    gp_doc *doc;
    const gp_brand *brand;
    char name[256];
} guide;

static void print_diags(const gp_diags *d)
{
    for (size_t i = 0; i < d->count && i < 5; i++)
        fprintf(stderr, "    %s:%d:%d: %s\n", d->items[i].loc.file ? d->items[i].loc.file : "", d->items[i].loc.line,
                d->items[i].loc.col, d->items[i].message);
}

static guide *guide_build(const char *content, const gp_brand *brand, const char *brand_name)
{
    guide *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    snprintf(g->name, sizeof g->name, "%s + %s", content, brand_name);
    g->brand = brand;
    g->doc = gp_doc_load(&g->a, content, &g->d);
    if (!g->doc) {
        fprintf(stderr, "  %s: cannot load\n", g->name);
        print_diags(&g->d);
        CHECK(g->doc != NULL);
        return g;
    }
    const char *language = g->doc->language ? g->doc->language : brand->language;
    g->hyph = gp_hyph_open(language);
    gp_fontset_set_fallback(&g->fonts, brand->fallback, brand->nfallback, &g->d);
    gp_textctx tc = {.a = &g->a, .fonts = &g->fonts, .hyph = g->hyph, .d = &g->d, .language = language};
    bool ok = gp_layout_guide(&tc, g->doc, brand, &g->dl);
    if (!ok || g->d.errors) {
        fprintf(stderr, "  %s: layout failed\n", g->name);
        print_diags(&g->d);
    }
    CHECK(ok);
    CHECK_EQ_INT(g->d.errors, 0);
    if (!ok)
        g->doc = NULL;
    return g;
}

static void guide_free(guide *g)
{
    if (!g)
        return;
    gp_dlist_free(&g->dl);
    gp_hyph_close(g->hyph);
    gp_fontset_close(&g->fonts);
    gp_diags_free(&g->d);
    gp_arena_free(&g->a);
    free(g);
}

/* ---- text of the display list ---------------------------------------------- */

/* Letters and digits: what the content checks compare. */
static bool wordch(uint32_t c)
{
    if (c < 128)
        return isalnum((int)c);
    if (c == 0xD7 || c == 0xF7)
        return false;
    return (c >= 0xC0 && c <= 0x24F) || (c >= 0x370 && c <= 0x52F) || (c >= 0x3041 && c <= 0x30FA) ||
           c == 0x30FC || (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A);
}

typedef struct cpvec {
    uint32_t *v;
    size_t n, cap;
} cpvec;

static void cp_push(cpvec *s, uint32_t c)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 256;
        s->v = gp_xrealloc(s->v, s->cap * sizeof *s->v);
    }
    s->v[s->n++] = c;
}

static void letters_of_utf8(cpvec *s, const char *t)
{
    for (size_t i = 0, len = t ? strlen(t) : 0; i < len;) {
        uint32_t c;
        i += gp_utf8_decode(t + i, len - i, &c);
        if (wordch(c))
            cp_push(s, c);
    }
}

static void letters_of_item(cpvec *s, const gp_dl_item *it)
{
    for (size_t k = 0; k < it->n; k++)
        if (wordch(it->cps[k]))
            cp_push(s, it->cps[k]);
}

static bool loc_eq(gp_loc a, gp_loc b)
{
    return a.line == b.line && a.col == b.col &&
           ((!a.file && !b.file) || (a.file && b.file && !strcmp(a.file, b.file)));
}

/* The letters of every TEXT item carrying loc, in page and drawing order. */
static cpvec letters_at(const gp_dlist *dl, gp_loc loc)
{
    cpvec s = {0};
    for (size_t p = 0; p < dl->npages; p++)
        for (size_t i = 0; i < dl->pages[p].count; i++) {
            const gp_dl_item *it = &dl->pages[p].items[i];
            if (it->kind == GP_DL_TEXT && loc_eq(it->loc, loc))
                letters_of_item(&s, it);
        }
    return s;
}

static cpvec letters_on_page(const gp_dlist *dl, size_t p)
{
    cpvec s = {0};
    for (size_t i = 0; i < dl->pages[p].count; i++)
        if (dl->pages[p].items[i].kind == GP_DL_TEXT)
            letters_of_item(&s, &dl->pages[p].items[i]);
    return s;
}

static bool cp_contains(const cpvec *hay, const cpvec *needle)
{
    if (needle->n == 0)
        return true;
    for (size_t i = 0; i + needle->n <= hay->n; i++)
        if (!memcmp(hay->v + i, needle->v, needle->n * sizeof *needle->v))
            return true;
    return false;
}

static int missing_reported;

/* `text` (UTF-8) is in `hay`, letters only. Reports the first missing word. */
static bool has_text(const cpvec *hay, const char *text, const char *guide_name, const char *what)
{
    cpvec needle = {0};
    letters_of_utf8(&needle, text);
    bool ok = cp_contains(hay, &needle);
    if (!ok && missing_reported++ < 8) {
        /* the first word, alone, that is not found */
        const char *w = text, *bad = NULL;
        size_t badlen = 0;
        while (*w && !bad) {
            while (*w == ' ' || *w == '\n')
                w++;
            size_t l = strcspn(w, " \n");
            char word[256];
            snprintf(word, sizeof word, "%.*s", (int)(l < 255 ? l : 255), w);
            cpvec one = {0};
            letters_of_utf8(&one, word);
            if (one.n && !cp_contains(hay, &one))
                bad = w, badlen = l;
            free(one.v);
            w += l;
        }
        fprintf(stderr, "  %s: %s not in the display list (first missing word: \"%.*s\"): \"%.80s\"\n", guide_name,
                what, (int)(bad ? badlen : 0), bad ? bad : "", text);
    }
    free(needle.v);
    return ok;
}

/* Lines: consecutive TEXT items on one baseline in one frame, abutting. */
typedef struct tline {
    int page;
    double x, y, w, size;
    gp_box frame;
    gp_loc loc;
    char text[1024];
} tline;

typedef struct tlines {
    tline *v;
    size_t n;
} tlines;

static tlines lines_of(const gp_dlist *dl)
{
    tlines ls = {0};
    size_t cap = 0;
    for (size_t p = 0; p < dl->npages; p++) {
        const gp_dl_item *prev = NULL;
        for (size_t i = 0; i < dl->pages[p].count; i++) {
            const gp_dl_item *it = &dl->pages[p].items[i];
            if (it->kind != GP_DL_TEXT)
                continue;
            tline *l = ls.n ? &ls.v[ls.n - 1] : NULL;
            bool same = prev && l && l->page == (int)p && fabs(it->box.y - prev->box.y) < 0.01 &&
                        fabs(it->box.x - (prev->box.x + prev->box.w)) < 0.01 && loc_eq(it->loc, prev->loc) &&
                        !memcmp(&it->frame, &prev->frame, sizeof it->frame);
            if (!same) {
                if (ls.n == cap) {
                    cap = cap ? cap * 2 : 256;
                    ls.v = gp_xrealloc(ls.v, cap * sizeof *ls.v);
                }
                l = &ls.v[ls.n++];
                *l = (tline){(int)p, it->box.x, it->box.y, 0, it->box.h, it->frame, it->loc, ""};
            }
            size_t k = strlen(l->text);
            for (size_t c = 0; c < it->n && k + 5 < sizeof l->text; c++)
                k += gp_utf8_encode(it->cps[c], l->text + k);
            l->text[k] = 0;
            l->w = it->box.x + it->box.w - l->x;
            prev = it;
        }
    }
    return ls;
}

/* ---- geometry ------------------------------------------------------------- */

typedef struct extent {
    double x0, y0, x1, y1;
} extent;

static extent extent_of(const gp_dl_item *it)
{
    const gp_box *b = &it->box;
    switch (it->kind) {
    case GP_DL_TEXT:
        return (extent){b->x, b->y - 0.8 * b->h, b->x + b->w, b->y + 0.25 * b->h};
    case GP_DL_RULE:
        return (extent){fmin(b->x, b->x + b->w), fmin(b->y, b->y + b->h), fmax(b->x, b->x + b->w),
                        fmax(b->y, b->y + b->h)};
    default:
        return (extent){b->x, b->y, b->x + b->w, b->y + b->h};
    }
}

static bool inside(extent e, double x0, double y0, double x1, double y1)
{
    return e.x0 >= x0 - TOL && e.x1 <= x1 + TOL && e.y0 >= y0 - TOL && e.y1 <= y1 + TOL;
}

static const char *item_text(const gp_dl_item *it)
{
    static char buf[512];
    size_t k = 0;
    if (it->kind == GP_DL_TEXT)
        for (size_t c = 0; c < it->n && k + 5 < sizeof buf; c++)
            k += gp_utf8_encode(it->cps[c], buf + k);
    buf[k] = 0;
    return it->kind == GP_DL_TEXT ? buf
           : it->kind == GP_DL_RULE ? "(rule)"
           : it->kind == GP_DL_RECT ? "(rect)"
           : it->kind == GP_DL_IMAGE ? "(image)"
                                     : "(link)";
}

/* Violations, by kind. */
enum {
    V_PAGE,        /* outside the page */
    V_FRAME_X,     /* TEXT: horizontally outside its frame */
    V_FRAME_Y,     /* TEXT: vertically outside a frame of nonzero height */
    V_FRAME_FLAT,  /* TEXT: in a frame of zero height (continued headings, hanging numbers) */
    V_FRAME_RULE,  /* RULE outside its frame */
    V_FRAME_OTHER, /* RECT, IMAGE, LINK outside its frame */
    V_OVERLAP,     /* two TEXT items overlap */
    V_OVERLAP_QUOTE_MARK, /* one of them is the sidebar's big quote mark */
    V_MARGIN,      /* text in a margin */
    V_COUNT
};
static const char *const v_names[V_COUNT] = {"outside the page",   "outside its frame (x)", "outside its frame (y)",
                                             "in a flat frame",    "rule outside its frame", "outside its frame",
                                             "overlaps",           "overlaps the quote mark", "in the margin"};

typedef struct tally {
    int n[V_COUNT];
} tally;

static void violation(tally *t, int kind, const char *name, size_t page, const gp_dl_item *it, const char *more)
{
    if (t->n[kind]++ < 400) {
        fprintf(stderr, "  %s: page %zu: %s %s: box %.2f %.2f %.2f %.2f frame %.2f %.2f %.2f %.2f \"%.60s\"%s\n",
                name, page + 1, it->kind == GP_DL_TEXT ? "text" : "item", v_names[kind], it->box.x, it->box.y,
                it->box.w, it->box.h, it->frame.x, it->frame.y, it->frame.w, it->frame.h, item_text(it),
                more ? more : "");
    }
}

static bool is_quote_mark(const gp_dl_item *it)
{
    return it->kind == GP_DL_TEXT && it->n == 1 && it->cps[0] == 0x201C && it->box.h > 20;
}

/* The back page's band: the background RECT framed by the whole page whose
 * box reaches the bottom edge. NULL if the page has none. */
static const gp_dl_item *band_of(const gp_dlist *dl, size_t p)
{
    const gp_dl_page *pg = &dl->pages[p];
    for (size_t i = 0; i < pg->nbackground; i++) {
        const gp_dl_item *it = &pg->items[i];
        if (it->kind == GP_DL_RECT && fabs(it->frame.x) < 0.01 && fabs(it->frame.y) < 0.01 &&
            fabs(it->frame.w - dl->page_w) < 0.01 && fabs(it->frame.h - dl->page_h) < 0.01 &&
            fabs(it->box.y + it->box.h - dl->page_h) < 0.01)
            return it;
    }
    return NULL;
}

static tally check_geometry(const guide *g)
{
    const gp_dlist *dl = &g->dl;
    const double m = g->brand->margin_pt, pw = dl->page_w, ph = dl->page_h;
    const double body_bottom = ph - m - 12;
    tally t = {{0}};
    for (size_t p = 0; p < dl->npages; p++) {
        const gp_dl_page *pg = &dl->pages[p];
        const gp_dl_item *band = p + 1 == dl->npages ? band_of(dl, p) : NULL;
        for (size_t i = 0; i < pg->count; i++) {
            const gp_dl_item *it = &pg->items[i];
            extent e = extent_of(it);
            const gp_box *f = &it->frame;
            if (!inside(e, 0, 0, pw, ph))
                violation(&t, V_PAGE, g->name, p, it, NULL);
            if (it->kind == GP_DL_TEXT) {
                if (e.x0 < f->x - TOL || e.x1 > f->x + f->w + TOL)
                    violation(&t, V_FRAME_X, g->name, p, it, NULL);
                if (f->h <= 0)
                    violation(&t, V_FRAME_FLAT, g->name, p, it, NULL);
                else if (e.y0 < f->y - TOL || e.y1 > f->y + f->h + TOL)
                    violation(&t, V_FRAME_Y, g->name, p, it, NULL);
                /* margins: the footer and the band may enter the bottom one */
                bool footer = f->y >= body_bottom - 0.01;
                bool in_band = band && f->y >= band->box.y - 0.01;
                double bottom = footer || in_band ? ph : ph - m;
                if (!inside(e, m, m, pw - m, bottom))
                    violation(&t, V_MARGIN, g->name, p, it, footer ? " (footer)" : in_band ? " (band)" : NULL);
            } else if (!inside(e, f->x, f->y, f->x + f->w, f->y + f->h)) {
                violation(&t, it->kind == GP_DL_RULE ? V_FRAME_RULE : V_FRAME_OTHER, g->name, p, it, NULL);
            }
            if (it->kind != GP_DL_TEXT)
                continue;
            for (size_t j = i + 1; j < pg->count; j++) {
                const gp_dl_item *o = &pg->items[j];
                if (o->kind != GP_DL_TEXT)
                    continue;
                double ox = fmin(it->box.x + it->box.w, o->box.x + o->box.w) - fmax(it->box.x, o->box.x);
                double oy = fmin(it->box.y + 0.2 * it->box.h, o->box.y + 0.2 * o->box.h) -
                            fmax(it->box.y - 0.75 * it->box.h, o->box.y - 0.75 * o->box.h);
                if (ox > TOL && oy > TOL) {
                    char more[128];
                    snprintf(more, sizeof more, " and \"%.40s\"", item_text(o));
                    /* item_text's buffer is reused: print the first one's text via `more` */
                    violation(&t, is_quote_mark(it) || is_quote_mark(o) ? V_OVERLAP_QUOTE_MARK : V_OVERLAP,
                              g->name, p, it, more);
                }
            }
        }
    }
    return t;
}

/* Asserts the geometry that holds; the known bugs are tallied but not asserted. */
static void assert_geometry(const tally *t)
{
    CHECK_EQ_INT(t->n[V_PAGE], 0);
    CHECK_EQ_INT(t->n[V_FRAME_X], 0);
    CHECK_EQ_INT(t->n[V_FRAME_Y], 0);
    CHECK_EQ_INT(t->n[V_FRAME_OTHER], 0);
    CHECK_EQ_INT(t->n[V_OVERLAP], 0);
    CHECK_EQ_INT(t->n[V_OVERLAP_QUOTE_MARK], 0);
    CHECK_EQ_INT(t->n[V_MARGIN], 0);
    CHECK_EQ_INT(t->n[V_FRAME_FLAT], 0);
    CHECK_EQ_INT(t->n[V_FRAME_RULE], 0);
}

/* ---- content -------------------------------------------------------------- */

static const char *heading_of(const guide *g, const gp_section *s)
{
    static const gp_label labels[GP_SEC_COUNT] = {
        [GP_SEC_TEXT] = GP_LABEL_SUMMARY,   [GP_SEC_THEMES] = GP_LABEL_THEMES,   [GP_SEC_QUESTIONS] = GP_LABEL_QUESTIONS,
        [GP_SEC_FACTS] = GP_LABEL_FACTS,    [GP_SEC_ACTIONS] = GP_LABEL_ACTIONS, [GP_SEC_REVIEWS] = GP_LABEL_REVIEWS,
        [GP_SEC_READING] = GP_LABEL_READING, [GP_SEC_QA] = GP_LABEL_QA,          [GP_SEC_WATCH] = GP_LABEL_WATCH,
    };
    return s->heading ? s->heading : g->brand->labels[labels[s->type]];
}

static void expect_rich(const guide *g, const gp_rich *r, const char *what)
{
    if (!r)
        return;
    cpvec hay = letters_at(&g->dl, r->loc);
    CHECK(has_text(&hay, gp_rich_text((gp_arena *)&g->a, r), g->name, what));
    free(hay.v);
}

static void expect_str(const guide *g, gp_loc loc, const char *s, const char *what)
{
    if (!s)
        return;
    cpvec hay = letters_at(&g->dl, loc);
    CHECK(has_text(&hay, s, g->name, what));
    free(hay.v);
}

/* The lines of one-paragraph rich texts: split across pages, 2 or more on each side. */
static int widow_orphan_violations(const guide *g, const gp_rich *r)
{
    if (!r || r->count != 1)
        return 0;
    tlines ls = lines_of(&g->dl);
    int bad = 0, page = -1, run = 0, runs = 0, first_run = 0;
    for (size_t i = 0; i < ls.n; i++) {
        if (!loc_eq(ls.v[i].loc, r->loc) || ls.v[i].size < 9)
            continue;
        if (ls.v[i].page != page) {
            if (runs == 1)
                first_run = run;
            if (runs && page >= 0)
                runs++;
            else
                runs = 1;
            page = ls.v[i].page;
            run = 0;
        }
        run++;
    }
    if (runs > 1 && (first_run < 2 || run < 2)) {
        fprintf(stderr, "  %s: a paragraph at line %d is split %d/%d lines across pages\n", g->name, r->loc.line,
                first_run, run);
        bad++;
    }
    free(ls.v);
    return bad;
}

static void check_content(const guide *g)
{
    const gp_dlist *dl = &g->dl;
    const gp_doc *doc = g->doc;
    CHECK(dl->npages >= 3);
    /* the cover: title, logline, intro */
    cpvec cover = letters_on_page(dl, 0);
    CHECK(has_text(&cover, doc->film.title, g->name, "the film title"));
    free(cover.v);
    expect_rich(g, doc->film.logline, "the logline");
    expect_rich(g, doc->film.intro, "the intro");
    int widows = 0;
    widows += widow_orphan_violations(g, doc->film.intro);
    CHECK_EQ_INT(dl->nmarks, doc->nsections);
    for (size_t i = 0; i < doc->nsections; i++) {
        const gp_section *s = &doc->sections[i];
        const char *heading = heading_of(g, s);
        expect_str(g, s->loc, heading, "a heading");
        expect_rich(g, s->body, "a section body");
        widows += widow_orphan_violations(g, s->body);
        for (size_t k = 0; k < s->nentries; k++) {
            const gp_entry *e = &s->entries[k];
            expect_rich(g, e->body, "an entry");
            expect_rich(g, e->q, "a question");
            widows += widow_orphan_violations(g, e->body);
            expect_str(g, e->loc, e->title, "an entry title");
            expect_str(g, e->loc, e->source, "an entry source");
            expect_str(g, e->loc, e->by, "who asked");
            expect_str(g, e->loc, e->url, "an entry url");
        }
        for (size_t k = 0; k < s->nfigures; k++) {
            expect_str(g, s->figures[k].loc, s->figures[k].value, "a figure");
            expect_str(g, s->figures[k].loc, s->figures[k].label, "a figure label");
        }
        if (i >= dl->nmarks)
            continue;
        /* the outline mark, and the heading just below it */
        const gp_dl_mark *mk = &dl->marks[i];
        CHECK(mk->title && !strcmp(mk->title, heading));
        CHECK(mk->page >= 1 && (size_t)mk->page < dl->npages);
        bool heading_there = false;
        for (size_t k = 0; mk->page >= 0 && (size_t)mk->page < dl->npages && k < dl->pages[mk->page].count; k++) {
            const gp_dl_item *it = &dl->pages[mk->page].items[k];
            heading_there |= it->kind == GP_DL_TEXT && loc_eq(it->loc, s->loc) && it->box.y > mk->y &&
                             it->box.y < mk->y + 60;
        }
        if (!heading_there)
            fprintf(stderr, "  %s: no heading \"%s\" below its mark on page %d\n", g->name, heading, mk->page + 1);
        CHECK(heading_there);
        if (!s->quote)
            continue;
        /* the pull quote: beside its section, on the mark's page */
        expect_rich(g, s->quote->text, "a pull quote");
        expect_str(g, s->quote->loc, s->quote->by, "a pull quote's author");
        double main_right = 0, quote_left = 1e9;
        int quote_items = 0, off_page = 0;
        for (size_t p = 0; p < dl->npages; p++)
            for (size_t k = 0; k < dl->pages[p].count; k++) {
                const gp_dl_item *it = &dl->pages[p].items[k];
                if (it->kind != GP_DL_TEXT)
                    continue;
                bool quote = loc_eq(it->loc, s->quote->text->loc) || loc_eq(it->loc, s->quote->loc);
                bool body = (s->body && loc_eq(it->loc, s->body->loc));
                for (size_t e = 0; e < s->nentries && !body; e++)
                    body = loc_eq(it->loc, s->entries[e].loc) ||
                           (s->entries[e].body && loc_eq(it->loc, s->entries[e].body->loc));
                if (quote) {
                    quote_items++;
                    off_page += (int)p != mk->page;
                    quote_left = fmin(quote_left, fmin(it->box.x, it->frame.x));
                } else if (body && (int)p == mk->page) {
                    main_right = fmax(main_right, fmax(it->box.x + it->box.w, it->frame.x + it->frame.w));
                }
            }
        if (off_page)
            fprintf(stderr, "  %s: %d of %d pull-quote items are not on page %d with their section\n", g->name,
                    off_page, quote_items, mk->page + 1);
        CHECK(quote_items > 0);
        CHECK_EQ_INT(off_page, 0);
        CHECK(main_right > 0);
        if (quote_left < main_right + 10)
            fprintf(stderr, "  %s: the pull quote starts at x %.2f, the main column ends at %.2f\n", g->name,
                    quote_left, main_right);
        CHECK(quote_left >= main_right + 10);
        CHECK(quote_left > dl->page_w / 2);
    }
    CHECK_EQ_INT(widows, 0);
    /* the back page */
    if (g->brand->back_heading) {
        cpvec last = letters_on_page(dl, dl->npages - 1);
        CHECK(has_text(&last, g->brand->back_heading, g->name, "the back heading on the last page"));
        free(last.v);
    }
    /* no page without text */
    for (size_t p = 0; p < dl->npages; p++) {
        size_t texts = 0;
        for (size_t k = 0; k < dl->pages[p].count; k++)
            texts += dl->pages[p].items[k].kind == GP_DL_TEXT;
        if (!texts)
            fprintf(stderr, "  %s: page %zu has no text\n", g->name, p + 1);
        CHECK(texts > 0);
    }
}

/* ---- the samples in every brand --------------------------------------------- */

typedef struct brands {
    gp_arena a;
    gp_diags d;
    const gp_brand *b[16];
    char name[16][256];
    size_t n;
} brands;

static void load_brands(brands *bs, const char *font_dir)
{
    bs->b[0] = gp_brand_default(&bs->a, font_dir, &bs->d);
    CHECK(bs->b[0] != NULL);
    snprintf(bs->name[0], sizeof bs->name[0], "(default brand)");
    bs->n = bs->b[0] ? 1 : 0;
    glob_t gl;
    if (glob("content/brands/*.yaml", 0, NULL, &gl) == 0) {
        for (size_t i = 0; i < gl.gl_pathc && bs->n < 16; i++) {
            const gp_brand *b = gp_brand_load(&bs->a, gl.gl_pathv[i], font_dir, &bs->d);
            if (!b)
                print_diags(&bs->d);
            CHECK(b != NULL);
            if (!b)
                continue;
            snprintf(bs->name[bs->n], sizeof bs->name[0], "%s", gl.gl_pathv[i]);
            bs->b[bs->n++] = b;
        }
        globfree(&gl);
    }
    CHECK(bs->n >= 4);
    CHECK_EQ_INT(bs->d.errors, 0);
}

static void test_samples(const brands *bs, tally *all)
{
    glob_t gl;
    CHECK(glob("content/*.yaml", 0, NULL, &gl) == 0);
    size_t ncontent = gl.gl_pathc;
    CHECK(ncontent >= 3);
    char **files = calloc(ncontent + 1, sizeof *files);
    for (size_t i = 0; i < ncontent; i++)
        files[i] = gl.gl_pathv[i];
    if (access("tests/fixtures/all-sections.yaml", R_OK) == 0)
        files[ncontent++] = "tests/fixtures/all-sections.yaml";
    for (size_t c = 0; c < ncontent; c++)
        for (size_t b = 0; b < bs->n; b++) {
            guide *g = guide_build(files[c], bs->b[b], bs->name[b]);
            if (g && g->doc) {
                tally t = check_geometry(g);
                for (int k = 0; k < V_COUNT; k++)
                    all->n[k] += t.n[k];
                check_content(g);
            }
            guide_free(g);
        }
    free(files);
    globfree(&gl);
}

/* ---- documents written here ------------------------------------------------ */

static char tmpdir[] = "/tmp/gp-test-layout-XXXXXX";

static const char *write_doc(const char *name, const char *yaml)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (!f)
        return path;
    fputs(yaml, f);
    fclose(f);
    return path;
}

typedef struct sbuf {
    char *s;
    size_t n, cap;
} sbuf;

static void sb_printf(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_printf(sbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (b->n + (size_t)n + 1 > b->cap) {
        b->cap = (b->n + (size_t)n + 1) * 2;
        b->s = gp_xrealloc(b->s, b->cap);
    }
    va_start(ap, fmt);
    vsnprintf(b->s + b->n, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->n += (size_t)n;
}

static const char *const filler[] = {"river", "train", "family", "migration", "factory", "village", "season",
                                     "holiday", "ticket", "platform", "grandmother", "education", "distance",
                                     "conversation", "documentary", "photograph", "responsibility", "a", "the",
                                     "of", "and", "between", "generation", "understanding"};

static void words(sbuf *b, unsigned *seed, int n)
{
    for (int i = 0; i < n; i++) {
        *seed = *seed * 1103515245u + 12345u;
        sb_printf(b, "%s%s", i ? " " : "", filler[(*seed >> 16) % (sizeof filler / sizeof filler[0])]);
    }
}

static void test_many_questions(const brands *bs, tally *all)
{
    enum { N = 200 };
    sbuf y = {0};
    sb_printf(&y, "film:\n  title: Two Hundred Questions\n  director: Q. Asker\nsections:\n"
                  "  - type: questions\n    questions:\n");
    unsigned seed = 7;
    for (int i = 0; i < N; i++) {
        sb_printf(&y, "      - \"Question %d: ", i + 1);
        words(&y, &seed, 5 + (int)(seed >> 20) % 40);
        sb_printf(&y, "?\"\n");
    }
    sb_printf(&y, "    notes: 3\n");
    const char *path = write_doc("questions.yaml", y.s);
    free(y.s);
    for (size_t b = 0; b < bs->n; b++) {
        guide *g = guide_build(path, bs->b[b], bs->name[b]);
        if (!g || !g->doc) {
            guide_free(g);
            continue;
        }
        tally t = check_geometry(g);
        for (int k = 0; k < V_COUNT; k++)
            all->n[k] += t.n[k];
        check_content(g);
        CHECK(g->dl.npages >= 10);
        /* each number once, in reading order (page, then baseline) */
        int seen[N + 1] = {0}, last = 0, out_of_order = 0;
        for (size_t p = 0; p < g->dl.npages; p++) {
            int on_page[N + 1], m = 0;
            double ys[N + 1];
            for (size_t k = 0; k < g->dl.pages[p].count; k++) {
                const gp_dl_item *it = &g->dl.pages[p].items[k];
                if (it->kind != GP_DL_TEXT || it->n < 2 || it->n > 4 || it->cps[it->n - 1] != '.')
                    continue;
                int v = 0;
                size_t c = 0;
                for (; c + 1 < it->n && it->cps[c] >= '0' && it->cps[c] <= '9'; c++)
                    v = v * 10 + (int)(it->cps[c] - '0');
                if (c + 1 != it->n || v < 1 || v > N)
                    continue;
                seen[v]++;
                on_page[m] = v;
                ys[m++] = it->box.y;
            }
            /* sort this page's numbers by baseline */
            for (int i = 1; i < m; i++)
                for (int j = i; j > 0 && ys[j] < ys[j - 1]; j--) {
                    double ty = ys[j];
                    ys[j] = ys[j - 1], ys[j - 1] = ty;
                    int tv = on_page[j];
                    on_page[j] = on_page[j - 1], on_page[j - 1] = tv;
                }
            for (int i = 0; i < m; i++) {
                out_of_order += on_page[i] != last + 1;
                last = on_page[i];
            }
        }
        int once = 0;
        for (int v = 1; v <= N; v++)
            once += seen[v] == 1;
        CHECK_EQ_INT(once, N);
        CHECK_EQ_INT(out_of_order, 0);
        CHECK_EQ_INT(last, N);
        guide_free(g);
    }
}

static void test_long_word(const brands *bs, tally *all)
{
    sbuf y = {0}, w = {0};
    for (int i = 0; i < 5000; i++)
        sb_printf(&w, "%c", "abcdefghijklmnopqrstuvwxyz"[(i * 7 + i / 26) % 26]);
    sb_printf(&y,
              "film:\n  title: A Long Word\n  director: L. Word\n  logline: Before %.*s after.\n"
              "sections:\n"
              "  - type: text\n    body: |\n      Before the word %s and after it.\n\n      A second paragraph.\n"
              "    quote:\n      text: Quoted %s here.\n      by: Someone\n"
              "  - type: questions\n    questions:\n      - \"Asking %s?\"\n    notes: 0\n"
              "  - type: actions\n    actions:\n      - text: Act %s now.\n        url: https://example.org/%s\n",
              300, w.s, w.s, w.s, w.s, w.s, w.s);
    const char *path = write_doc("long-word.yaml", y.s);
    free(y.s);
    free(w.s);
    for (size_t b = 0; b < bs->n; b++) {
        guide *g = guide_build(path, bs->b[b], bs->name[b]);
        if (g && g->doc) {
            tally t = check_geometry(g);
            for (int k = 0; k < V_COUNT; k++)
                all->n[k] += t.n[k];
            check_content(g);
        }
        guide_free(g);
    }
}

/* Paragraphs of known extent after an opening paragraph of 1..40 lines. */
static void test_widows_orphans(const brands *bs, tally *all)
{
    int split = 0, bad = 0, hyphen_at_page_end = 0;
    for (int lead = 1; lead <= 40; lead += 3) {
        sbuf y = {0};
        unsigned seed = (unsigned)lead * 31u;
        sb_printf(&y, "film:\n  title: Widows and Orphans\n  director: W. Orphan\nsections:\n"
                      "  - type: text\n    body: |\n      Opening ");
        words(&y, &seed, lead * 14);
        sb_printf(&y, ".\n");
        for (int p = 0; p < 30; p++) {
            sb_printf(&y, "\n      P%02d ", p);
            words(&y, &seed, 10 + (int)((seed >> 18) % 120));
            sb_printf(&y, " E%02d.\n", p);
        }
        char name[32];
        snprintf(name, sizeof name, "widows-%02d.yaml", lead);
        const char *path = write_doc(name, y.s);
        free(y.s);
        for (size_t b = 0; b < bs->n; b += 2) { /* the default brand and one other */
            guide *g = guide_build(path, bs->b[b], bs->name[b]);
            if (!g || !g->doc) {
                guide_free(g);
                continue;
            }
            tally t = check_geometry(g);
            for (int k = 0; k < V_COUNT; k++)
                all->n[k] += t.n[k];
            tlines ls = lines_of(&g->dl);
            for (int p = 0; p < 30; p++) {
                char start[8], end[8];
                snprintf(start, sizeof start, "P%02d ", p);
                snprintf(end, sizeof end, "E%02d.", p);
                size_t first = SIZE_MAX, lastl = SIZE_MAX;
                for (size_t i = 0; i < ls.n; i++) {
                    if (first == SIZE_MAX && !strncmp(ls.v[i].text, start, 4))
                        first = i;
                    if (first != SIZE_MAX && strstr(ls.v[i].text, end)) {
                        lastl = i;
                        break;
                    }
                }
                CHECK(first != SIZE_MAX && lastl != SIZE_MAX);
                if (first == SIZE_MAX || lastl == SIZE_MAX)
                    continue;
                /* lines per page, skipping continued headings (other loc or size) */
                int pages = 0, on_first = 0, on_last = 0, page = -1;
                for (size_t i = first; i <= lastl; i++) {
                    if (!loc_eq(ls.v[i].loc, ls.v[first].loc) || ls.v[i].size != ls.v[first].size)
                        continue;
                    if (ls.v[i].page != page) {
                        if (page >= 0) {
                            size_t k = i;
                            while (k-- > first)
                                if (loc_eq(ls.v[k].loc, ls.v[first].loc) && ls.v[k].size == ls.v[first].size)
                                    break;
                            size_t tl = strlen(ls.v[k].text);
                            if (tl && ls.v[k].text[tl - 1] == '-') {
                                hyphen_at_page_end++;
                                fprintf(stderr, "  %s (opening %d lines): a word split across pages: \"%s\"\n",
                                        g->name, lead, ls.v[k].text);
                            }
                        }
                        pages++;
                        page = ls.v[i].page;
                        on_last = 0;
                    }
                    on_last++;
                    if (pages == 1)
                        on_first++;
                }
                if (pages > 1) {
                    split++;
                    if (on_first < 2 || on_last < 2) {
                        bad++;
                        fprintf(stderr, "  %s (opening %d lines): paragraph %d split %d/%d across pages\n", g->name,
                                lead, p, on_first, on_last);
                    }
                }
            }
            free(ls.v);
            guide_free(g);
        }
    }
    CHECK(split > 20);
    CHECK_EQ_INT(bad, 0);
    CHECK_EQ_INT(hyphen_at_page_end, 0);
}

int main(int argc, char **argv)
{
    char fonts[PATH_MAX];
    if (!realpath("fonts", fonts)) {
        perror("fonts");
        return 1;
    }
    setenv("GUIDEPRESS_FONTS", fonts, 1);
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    brands *bs = calloc(1, sizeof *bs);
    gp_arena a = {0};
    const char *font_dir = gp_brand_font_dir(&a, argc ? argv[0] : "test_layout");
    CHECK(font_dir && !strcmp(font_dir, fonts));
    load_brands(bs, font_dir);

    tally all = {{0}};
    test_samples(bs, &all);
    test_many_questions(bs, &all);
    test_long_word(bs, &all);
    test_widows_orphans(bs, &all);
    for (int k = 0; k < V_COUNT; k++)
        if (all.n[k])
            fprintf(stderr, "  %d items %s\n", all.n[k], v_names[k]);
    assert_geometry(&all);

    gp_diags_free(&bs->d);
    gp_arena_free(&bs->a);
    free(bs);
    gp_arena_free(&a);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (getenv("GP_KEEP") || system(cmd) != 0)
        fprintf(stderr, "  could not remove %s\n", tmpdir);
    gp_brand_cleanup();
    return harness_report();
}
