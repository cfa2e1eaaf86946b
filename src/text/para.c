/* Paragraph setting: code points -> boxes, glue and penalties -> lines.
 *
 * 1. Spans become code points, each with its face (style, then fallback for
 *    glyphs the face lacks) and link.
 * 2. HarfBuzz shapes every word into glyphs (text/font.c); each code point
 *    is measured as the glyphs of the cluster it starts (0 if it starts
 *    none: it is part of a ligature or of a letter with its marks).
 * 3. Break opportunities come from UAX #14 (libunibreak, with a dictionary
 *    for Thai, Lao, Khmer and Myanmar: text/breaks.c): spaces become
 *    glue, other opportunities (after a dash, between CJK ideographs)
 *    penalties or zero-width glue; libhyphen and soft hyphens add flagged
 *    penalties inside words; URLs may break after / . - ? & = _; a box
 *    still wider than the line is split between its characters, at a high
 *    cost.
 * 4. text/linebreak.c chooses the breaks (Knuth & Plass), and each line is
 *    assembled into runs of the shaped glyphs, with the final glue widths
 *    applied to the spaces, since the PDF stage places every glyph exactly
 *    where measured. Breaks fall between clusters, but for a hyphenation
 *    point inside one (a ligature), where both halves are shaped again
 *    (add_split).
 *
 * Memory: setting a paragraph takes about 60 bytes per code point while it
 * is set (code points, advances, break items, the breaker's nodes on live
 * paths), and its lines keep 12 bytes per code point; the cache of shaped
 * words (text/word_cache.c) is bounded; set paragraphs are kept for
 * the guide (text/para_cache.c). Time is linear in the paragraph's length. */
#include "para.h"

#include "base/language.h"
#include "base/utf8.h"
#include "load/smart.h"
#include "text/bidi.h"
#include "text/breaks.h"
#include "text/cjk.h"
#include "text/emoji.h"
#include "text/kashida.h"
#include "text/linebreak.h"
#include "text/para_cache.h"
#include "text/script.h"
#include "text/word_cache.h"

#include <linebreak.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

/* What each code point of a paragraph needs besides itself: 8 bytes, as a
 * paragraph may have millions. */
typedef struct cpinfo {
    uint32_t span;             /* index in the paragraph's spans (its link) */
    uint32_t face;             /* id of its face in the font set */
} cpinfo;

/* A paragraph's text, ready to be broken into lines. */
typedef struct para_text {
    const gp_para *p;
    gp_fontset *fonts;
    uint32_t *cps;
    cpinfo *info;
    double *adv;               /* advance of each code point, points */
    gp_glyph *glyphs;          /* the paragraph's glyphs in order, clusters indexing cps */
    size_t nglyphs, capglyphs;
    uint32_t *first;           /* first[i]: the first glyph of code point i or after it (n + 1) */
    char *brks;                /* libunibreak's LINEBREAK_* after each code point */
    uint8_t *levels;           /* bidi embedding level of each code point (odd: right to left) */
    hb_script_t *scripts;      /* the script each code point is shaped in (text/script.h) */
    size_t n;
} para_text;

static gp_face *face_of(const para_text *t, size_t i)
{
    return t->fonts->faces[t->info[i].face];
}

/* Whether code point i starts a cluster (a break may fall before it). */
static bool starts_cluster(const para_text *t, size_t i)
{
    return i >= t->n || t->first[i] < t->first[i + 1];
}

static bool is_rtl(const para_text *t, size_t i)
{
    return t->levels[i] & 1;
}

/* Whether letter spacing would break the word at code point i: letters
 * that join (Arabic, right to left like all right-to-left text here) or
 * hang from one headline (Devanagari, Bengali, Gurmukhi). A justified
 * line of them takes its slack in the word spaces. */
static bool no_letter_spacing(const para_text *t, size_t i)
{
    uint32_t c = t->cps[i];
    return is_rtl(t, i) || (c >= 0x900 && c <= 0xA7F);
}

/* The cluster around code point i: [*from, *to). */
static void cluster_of(const para_text *t, size_t i, size_t *from, size_t *to)
{
    for (*from = i; *from > 0 && !starts_cluster(t, *from); --*from)
        ;
    for (*to = i + 1; !starts_cluster(t, *to); ++*to)
        ;
}

/* Whether every glyph of the cluster starting at code point i that moves
 * the pen sits on the baseline (not so in Nastaliq's cascades, where a
 * kashida would break the join). */
static bool on_baseline(const para_text *t, size_t i)
{
    for (uint32_t g = t->first[i]; g < t->first[i + 1]; g++)
        if (t->glyphs[g].adv != 0 && t->glyphs[g].dy != 0)
            return false;
    return true;
}

typedef struct word_at {
    const para_text *t;
    size_t from;
} word_at;

/* gp_kashida_place's test: a kashida may go before code point from + i
 * if it starts a cluster of the Arabic script in the same face as the
 * cluster before it, both on the baseline. */
static bool may_stretch_before(const void *ctx, size_t i)
{
    const word_at *w = ctx;
    const para_text *t = w->t;
    size_t at = w->from + i, before, end;
    if (!starts_cluster(t, at) || t->scripts[at] != HB_SCRIPT_ARABIC || t->info[at].face != t->info[at - 1].face)
        return false;
    cluster_of(t, at - 1, &before, &end);
    return on_baseline(t, before) && on_baseline(t, at);
}

/* Where the box of code points [from, to) takes its kashida, if it is
 * justified Arabic in a face with a tatweel: the code point it goes
 * before, or 0. */
static size_t kashida_place(const para_text *t, const gp_text_style *st, size_t from, size_t to)
{
    gp_glyph tatweel;
    if (!st->justify || to <= from || !is_rtl(t, from) || !gp_kashida_glyph(face_of(t, from), st->size_pt, &tatweel))
        return 0;
    word_at w = {t, from};
    size_t p = gp_kashida_place(t->cps + from, to - from, may_stretch_before, &w);
    return p ? from + p : 0;
}

/* The face a span of `style` asks for (before fallback). */
gp_face *gp_style_face(const gp_text_style *st, unsigned style)
{
    style ^= st->style_flip;
    return st->faces[(style & GP_SPAN_BOLD ? 2 : 0) + (style & GP_SPAN_ITALIC ? 1 : 0)];
}

/* The size code point i is set at: the style's, adjusted for a fallback
 * face whose letters are smaller or larger (gp_face_size_adjust). */
static double size_of(const para_text *t, const gp_text_style *st, size_t i)
{
    gp_face *f = face_of(t, i);
    gp_face *want = gp_style_face(st, t->p->spans[t->info[i].span].style);
    return f == want ? st->size_pt : st->size_pt * gp_style_size_adjust(st, want, f, t->scripts[i]);
}

double gp_style_size_adjust(const gp_text_style *st, const gp_face *want, const gp_face *f, hb_script_t script)
{
    double k = gp_face_size_adjust(want, f, script), room = st->leading_pt / (1.1 * st->size_pt);
    return k > 1 && k > room ? (room > 1 ? room : 1) : k;
}

static const char *url_of(const para_text *t, size_t i)
{
    return t->p->spans[t->info[i].span].url;
}

/* The language the content gives code point i's span, or NULL. */
static const char *lang_of(const para_text *t, size_t i)
{
    return t->p->spans[t->info[i].span].lang;
}

typedef struct builder {
    gp_lb_item *items;
    size_t *from, *to;         /* code point range of each item */
    size_t n, cap;
    const gp_face *hyphen_face; /* the face whose hyphen is hyphen_w wide */
    double hyphen_w;
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

/* The narrowest a word space may shrink to, in ems. Text extractors find
 * word breaks by the gaps between glyphs: poppler's raw order (pdftotext
 * -raw) takes a gap under 0.15 em for none, whatever space character the
 * text shows there, so EB Garamond's space of 0.2 em, shrunk by a third,
 * ran words together. */
static const double MIN_WORD_SPACE = 0.16;

/* The most a kashida stretches a word (text/kashida.h), as a share of the
 * font size: right-to-left words take no letter spacing, so in a narrow
 * justified column their joins stretch rather than the word spaces alone. */
static const double KASHIDA_STRETCH = 0.6;

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

enum { SOFT_HYPHEN = 0xAD, ZWJ = 0x200D };

static hb_unicode_general_category_t category(uint32_t c)
{
    return hb_unicode_general_category(hb_unicode_funcs_get_default(), c);
}

/* Characters that are never drawn: the format characters (general
 * category Cf: soft hyphen, ZWSP, ZWNJ, ZWJ, LRM, RLM, the bidi embeddings
 * and isolates, word joiner, BOM, tags) and the other default-ignorable
 * code points (variation selectors, the combining grapheme joiner, Hangul
 * fillers). They stay in the text for what they mean to line breaking
 * (ZWSP, WJ), hyphenation (SHY) and shaping (ZWJ, ZWNJ), with no advance
 * and no glyph. The Cf characters that are visible signs (the prepended
 * concatenation marks, e.g. the Arabic number sign) are drawn. */
static bool is_invisible(uint32_t c)
{
    if (c < SOFT_HYPHEN)
        return false;
    if ((c >= 0x600 && c <= 0x605) || c == 0x6DD || c == 0x70F || c == 0x890 || c == 0x891 || c == 0x8E2 ||
        c == 0x110BD || c == 0x110CD)
        return false;
    return category(c) == HB_UNICODE_GENERAL_CATEGORY_FORMAT || c == 0x34F || c == 0x115F || c == 0x1160 ||
           c == 0x17B4 || c == 0x17B5 || (c >= 0x180B && c <= 0x180F) || c == 0x3164 ||
           (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFFA0 || (c >= 0xE0000 && c <= 0xE0FFF);
}

/* Whether code point i is in the text a line keeps (for copying, search
 * and screen readers): all but invisible characters, except in an emoji,
 * whose joiners, selectors and tags are part of what it means (👨‍👩‍👧, 🏴󠁧󠁢󠁳󠁣󠁴󠁿). */
static bool in_text(const para_text *t, size_t i)
{
    return !is_invisible(t->cps[i]) || face_of(t, i) == t->fonts->emoji;
}

/* Whether an over-long box may be cut before cps[i]: never inside a
 * character and its marks, an invisible character, or a ZWJ sequence. */
static bool may_cut_before(const uint32_t *cps, size_t i)
{
    hb_unicode_general_category_t g = category(cps[i]);
    return cps[i - 1] != ZWJ && !is_invisible(cps[i]) && g != HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK &&
           g != HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK && g != HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK;
}

static bool looks_like_url(const uint32_t *cps, size_t from, size_t to)
{
    for (size_t i = from; i + 2 < to; i++)
        if ((cps[i] == ':' && cps[i + 1] == '/' && cps[i + 2] == '/') ||
            (cps[i] == 'w' && cps[i + 1] == 'w' && cps[i + 2] == 'w'))
            return true;
    return false;
}

/* The glyph of the hyphen shown where a word breaks. */
static gp_glyph hyphen_glyph(gp_face *f, const gp_text_style *st)
{
    uint32_t h = '-';
    const gp_glyph *g;
    return gp_face_shape_glyphs(f, &h, 1, st->size_pt, false, st->features, &g) ? g[0] : (gp_glyph){0};
}

/* The width of the hyphen shown where a word breaks, shaped once per face
 * and paragraph rather than at every hyphenation point. */
static double hyphen_width(builder *b, gp_face *f, const gp_text_style *st)
{
    if (b->hyphen_face != f) {
        b->hyphen_w = hyphen_glyph(f, st).adv;
        b->hyphen_face = f;
    }
    return b->hyphen_w;
}

/* The width of cps[from, to) shaped on its own. */
static double shaped_width(const para_text *t, const gp_text_style *st, size_t from, size_t to)
{
    const gp_glyph *g;
    size_t n = gp_face_shape_script(face_of(t, from), t->cps + from, to - from, size_of(t, st, from), is_rtl(t, from),
                                    t->scripts[from], st->features, &g);
    double w = 0;
    for (size_t i = 0; i < n; i++)
        w += g[i].adv;
    return w;
}

/* A hyphenation point inside a cluster: a ligature, as the ffi of
 * "of-fice". Where a line breaks there, both halves are shaped again ("of"
 * and the hyphen, then "fice" with its fi), as TeX's discretionary breaks
 * are encoded for Knuth-Plass: a penalty as wide as the first half and the
 * hyphen, glue the next line drops (glue after a penalty offers no break),
 * then a box as wide as the second half; unbroken, the glue and the box are
 * as wide as the cluster shaped whole. The glue, with no code point of its
 * own, is known by the point inside a cluster (is_split_glue). Returns the
 * cluster's end, where the word goes on. */
static size_t add_split(builder *b, const gp_text_style *st, const para_text *t, size_t start, size_t at)
{
    size_t cs, ce;
    cluster_of(t, at, &cs, &ce);
    double pre = shaped_width(t, st, cs, at), post = shaped_width(t, st, at, ce);
    add_box(b, t->adv, start, cs);
    add_penalty(b, pre + hyphen_width(b, face_of(t, cs), st), 50, true, at);
    add_item(b, (gp_lb_item){.kind = GP_LB_GLUE, .width = sum(t->adv, cs, ce) - post}, at, at);
    add_item(b, (gp_lb_item){.kind = GP_LB_BOX, .width = post}, cs, ce);
    return ce;
}

static inline bool is_split_glue(const builder *b, const para_text *t, size_t k)
{
    return b->items[k].kind == GP_LB_GLUE && b->from[k] == b->to[k] && !starts_cluster(t, b->from[k]);
}

/* Marks where patterns allow a hyphen in the word [from, to): in the letters
 * between any leading and trailing punctuation, if there are only letters. */
static void hyphenate(gp_hyph *patterns, const uint32_t *cps, size_t from, size_t to, bool *points)
{
    size_t s = from, e = to;
    while (s < e && !is_letter(cps[s]))
        s++;
    while (e > s && !is_letter(cps[e - 1]))
        e--;
    for (size_t i = s; i < e; i++)
        if (!is_letter(cps[i]))
            return;
    if (e > s)
        gp_hyph_word(patterns, cps + s, e - s, points + (s - from));
}

/* Adds the boxes and penalties of one word (a run between spaces). */
static void add_word(builder *b, gp_hyph *patterns, const gp_text_style *st, const para_text *t, size_t from, size_t to,
                     bool last_word)
{
    const uint32_t *cps = t->cps;
    bool url = looks_like_url(cps, from, to);
    bool *hyph = patterns && !url && !last_word ? gp_xcalloc(to - from + 1, sizeof *hyph) : NULL;
    if (hyph)
        hyphenate(patterns, cps, from, to, hyph);
    size_t start = from;
    for (size_t i = from; i + 1 < to; i++) {
        bool hyphen_point = (hyph && hyph[i - from]) || cps[i] == SOFT_HYPHEN;
        if (!starts_cluster(t, i + 1)) {
            if (hyphen_point && i >= start) /* the cluster's first point */
                start = add_split(b, st, t, start, i + 1);
            continue;
        }
        if (hyphen_point) {
            add_box(b, t->adv, start, i + 1);
            add_penalty(b, hyphen_width(b, face_of(t, i), st), 50, true, i + 1);
            start = i + 1;
        } else if (url && cps[i] && cps[i] < 128 && strchr("/.-?&=_", (int)cps[i])) {
            add_box(b, t->adv, start, i + 1);
            add_penalty(b, 0, 100, false, i + 1);
            start = i + 1;
        } else if (t->brks[i] == LINEBREAK_ALLOWBREAK) {
            add_box(b, t->adv, start, i + 1);
            if (is_dash(cps[i])) /* not a hyphenation: no limit on how many lines in a row */
                add_penalty(b, 0, 50, false, i + 1);
            else /* CJK, ZWSP and the like: a break with no visible space, stretching as letters do */
                add_item(b,
                         (gp_lb_item){.kind = GP_LB_GLUE,
                                      .stretch = st->justify ? LETTER_STRETCH * st->size_pt : 0,
                                      .shrink = st->justify ? LETTER_SHRINK * st->size_pt : 0},
                         i + 1, i + 1);
            start = i + 1;
        }
    }
    add_box(b, t->adv, start, to);
    free(hyph);
}

/* The end of the piece starting at item k (see break_wide_boxes) and its width. */
static inline size_t piece_end(const builder *b, const para_text *t, size_t k, double *width)
{
    size_t end = k;
    *width = 0;
    while (end < b->n && (b->items[end].kind == GP_LB_BOX || (end > k && is_split_glue(b, t, end)) ||
                          (b->items[end].kind == GP_LB_PENALTY && b->items[end].flagged && end > k))) {
        if (b->items[end].kind != GP_LB_PENALTY)
            *width += b->items[end].width;
        end++;
    }
    return end == k ? k + 1 : end; /* glue or a penalty on its own */
}

/* The first piece wider than `width`, or b->n. */
static size_t first_wide_piece(const builder *b, const para_text *t, double width)
{
    double w;
    for (size_t k = 0, end; k < b->n; k = end) {
        end = piece_end(b, t, k, &w);
        if (w > width)
            return k;
    }
    return b->n;
}

/* Lets every piece of text wider than the line break between its
 * characters, at a high cost. A piece is a box, or boxes joined by
 * hyphenation points: a long word cut by hyphenation still gets these
 * breaks (its hyphen points may run out, at most two hyphenated lines in a
 * row), while a URL's parts between its slashes are judged one by one.
 * Cuts are at least CUT_STEP of the line apart, not after every character:
 * the breaker tries every break against every line that could end there,
 * so a megabyte without a space cut everywhere took seconds and 250 bytes
 * a character. Items are copied only from the first wide piece on (most
 * paragraphs have none). */
static const double CUT_STEP = 1.0 / 32;

static void break_wide_boxes(builder *b, const para_text *t, double width)
{
    size_t first = first_wide_piece(b, t, width);
    if (first == b->n)
        return;
    builder out = {0};
    for (size_t k = 0; k < first; k++)
        add_item(&out, b->items[k], b->from[k], b->to[k]);
    for (size_t k = first; k < b->n;) {
        double w;
        size_t end = piece_end(b, t, k, &w);
        for (; k < end; k++) {
            /* (a split cluster's second half is one cluster, and as wide as shaped alone) */
            if (w <= width || b->items[k].kind != GP_LB_BOX || (k > 0 && is_split_glue(b, t, k - 1))) {
                add_item(&out, b->items[k], b->from[k], b->to[k]);
                continue;
            }
            size_t start = b->from[k];
            double since = t->adv[start];
            for (size_t i = start + 1; i < b->to[k]; since += t->adv[i], i++)
                if (since >= width * CUT_STEP && starts_cluster(t, i) && may_cut_before(t->cps, i)) {
                    add_box(&out, t->adv, start, i);
                    add_penalty(&out, 0, 900, false, i);
                    start = i, since = 0;
                }
            add_box(&out, t->adv, start, b->to[k]);
        }
    }
    free(b->items);
    free(b->from);
    free(b->to);
    *b = out;
}

/* What a character of the input is set as: controls and line or paragraph
 * separators as a space, noncharacters as U+FFFD (libunibreak takes U+FFFF
 * as the text's end). */
static uint32_t settable(uint32_t c)
{
    if (c >= 0x20 && c < 0x7F) /* (ASCII: one test) */
        return c;
    if (c < 0x20 || (c >= 0x7F && c < 0xA0) || c == 0x2028 || c == 0x2029)
        return ' ';
    if ((c & 0xFFFE) == 0xFFFE || (c >= 0xFDD0 && c <= 0xFDEF))
        return 0xFFFD;
    return c;
}

/* For a quotation mark, dash or ellipsis beside Chinese or Japanese in a
 * text in those languages, the face of its CJK neighbour (the one before
 * it, else after it), which sets it full width as they are written; NULL
 * elsewhere (Korean and Latin text set it the Latin way). */
static gp_face *cjk_face_beside(gp_textctx *tc, const para_text *t, size_t i, gp_face *want, gp_loc loc)
{
    const char *lang = lang_of(t, i) ? lang_of(t, i) : tc->language;
    if (!gp_language_is(lang, "zh") && !gp_language_is(lang, "ja"))
        return NULL;
    gp_face *f = NULL;
    if (i > 0 && gp_cjk_is_sinographic(t->cps[i - 1]))
        f = face_of(t, i - 1);
    else if (i + 1 < t->n && gp_cjk_is_sinographic(t->cps[i + 1]))
        f = gp_fontset_pick(tc->fonts, want, t->cps[i + 1], t->p, loc, tc->d);
    return f && f != want && gp_face_has(f, t->cps[i]) ? f : NULL;
}

/* The face code point i is printed with: the span's, or a fallback that
 * has the glyph (a space: the span's); an invisible character keeps the
 * face of the character before it in the span, whose shaping context it is. */
static gp_face *pick_face(gp_textctx *tc, const para_text *t, size_t i, gp_face *want, gp_loc loc)
{
    uint32_t c = t->cps[i];
    if (is_space(c))
        return want;
    if (is_invisible(c))
        return i && t->info[i - 1].span == t->info[i].span && !is_space(t->cps[i - 1]) ? face_of(t, i - 1) : want;
    if (c >= 0xB7 && gp_cjk_is_shared_mark(c)) { /* (ASCII: no call) */
        gp_face *wide = cjk_face_beside(tc, t, i, want, loc);
        if (wide)
            return wide;
    }
    if (gp_face_has(want, c)) /* (gp_fontset_pick's first test, without its call) */
        return want;
    return gp_fontset_pick(tc->fonts, want, c, t->p, loc, tc->d);
}

/* The faces of code points [from, t->n): an emoji sequence's the emoji
 * face's (text/emoji.h) if it has the first character, the others as
 * pick_face says. */
static void pick_faces(gp_textctx *tc, para_text *t, size_t from, gp_face *want, gp_loc loc)
{
    for (size_t i = from; i < t->n;) {
        size_t len = gp_emoji_sequence(t->cps + from, t->n - from, i - from);
        gp_face *emoji = len ? gp_fontset_emoji(tc->fonts) : NULL;
        if (emoji && gp_face_has(emoji, t->cps[i]))
            for (size_t end = i + len; i < end; i++)
                t->info[i].face = (uint32_t)emoji->id;
        else
            t->info[i].face = (uint32_t)pick_face(tc, t, i, want, loc)->id, i++;
    }
}

/* Appends one span's code points to t: `text`, the span's text as printed. */
static void collect_span(gp_textctx *tc, para_text *t, size_t span, const char *text, const gp_text_style *st,
                         gp_loc loc)
{
    gp_face *want = gp_style_face(st, t->p->spans[span].style);
    size_t from = t->n;
    for (size_t i = 0, len = strlen(text); i < len;) {
        uint32_t c = (unsigned char)text[i];
        if (c < 0x80) /* (ASCII: no call) */
            i++;
        else
            i += gp_utf8_decode(text + i, len - i, &c);
        c = settable(c);
        if (is_space(c) && (t->n == 0 || is_space(t->cps[t->n - 1])))
            continue; /* plain strings (titles, labels) may carry spaces rich text has collapsed */
        t->cps[t->n] = c;
        t->info[t->n++] = (cpinfo){(uint32_t)span, 0};
    }
    pick_faces(tc, t, from, want, loc);
}

/* The language a paragraph's Chinese characters are read in, for the
 * design of their fallback face (Noto CJK's Japanese, Korean or Chinese
 * forms): Japanese beside kana, Korean beside hangul, else NULL (the
 * guide's). A pass over the bytes: kana are E3 81-83 xx, hangul EA-ED. */
static const char *han_language(const char *const *texts, size_t n)
{
    bool korean = false;
    for (size_t s = 0; s < n; s++)
        for (const unsigned char *c = (const unsigned char *)texts[s]; *c; c++) {
            if (c[0] < 0xE3) /* (all but kana, hangul and their neighbours: one test) */
                continue;
            if (c[0] == 0xE3 && c[1] >= 0x81 && c[1] <= 0x83)
                return "ja";
            korean |= c[0] >= 0xEA && c[0] <= 0xED;
        }
    return korean ? "ko" : NULL;
}

const char **gp_para_texts(const gp_para *p, const char *language, bool smart_punct)
{
    const char **texts = gp_xmalloc((p->count ? p->count : 1) * sizeof *texts);
    gp_smart smart;
    gp_smart_start(&smart, language);
    for (size_t s = 0; s < p->count; s++) {
        bool smarten = smart_punct && !(p->spans[s].style & GP_SPAN_VERBATIM);
        texts[s] = smarten ? gp_smarten(&smart, p->spans[s].text) : p->spans[s].text;
    }
    return texts;
}

void gp_para_texts_free(const gp_para *p, const char **texts)
{
    for (size_t s = 0; s < p->count; s++)
        if (texts[s] != p->spans[s].text)
            free((char *)texts[s]);
    free(texts);
}

/* The paragraph's code points, each with its face and span. */
static para_text collect(gp_textctx *tc, const gp_para *p, const gp_text_style *st, gp_loc loc)
{
    const char **texts = gp_para_texts(p, tc->language, tc->smart_punct);
    size_t cap = 0;
    for (size_t s = 0; s < p->count; s++)
        cap += strlen(texts[s]);
    para_text t = {.p = p, .fonts = tc->fonts};
    t.cps = gp_xmalloc((cap + 1) * sizeof *t.cps);
    t.info = gp_xmalloc((cap + 1) * sizeof *t.info);
    tc->fonts->han_language = han_language(texts, p->count);
    for (size_t s = 0; s < p->count; s++)
        collect_span(tc, &t, s, texts[s], st, loc);
    tc->fonts->han_language = NULL;
    gp_para_texts_free(p, texts);
    return t;
}

static void text_free(para_text *t)
{
    free(t->cps);
    free(t->info);
    free(t->adv);
    free(t->glyphs);
    free(t->first);
    free(t->brks);
    free(t->levels);
    free(t->scripts);
}

/* Appends glyphs shaped from t->cps[at...], in logical order: shaped
 * right to left they come in visual order, and are turned round (and
 * turned back when a line is assembled: make_runs). */
static void add_glyphs(para_text *t, const gp_glyph *g, size_t n, size_t at, bool rtl)
{
    GP_RESERVE(t->glyphs, t->nglyphs, n, t->capglyphs);
    for (size_t i = 0; i < n; i++) {
        t->glyphs[t->nglyphs] = g[rtl ? n - 1 - i : i];
        t->glyphs[t->nglyphs++].cluster += (uint32_t)at;
    }
}

/* Appends glyphs kept in f's units, their advances scaled to size as
 * gp_face_shape_glyphs scales them (the same float product). */
static void add_glyphs_at_size(para_text *t, const gp_face *f, const gp_glyph *g, size_t n, size_t at, double size,
                               bool rtl)
{
    float scale = (float)(size / f->upem);
    GP_RESERVE(t->glyphs, t->nglyphs, n, t->capglyphs);
    gp_glyph *out = t->glyphs + t->nglyphs;
    for (size_t i = 0; i < n; i++) {
        out[i] = g[rtl ? n - 1 - i : i];
        out[i].adv = out[i].adv * scale;
        out[i].cluster += (uint32_t)at;
    }
    t->nglyphs += n;
}

/* Shapes a word too long for the cache in pieces of about SHAPE_PIECE code
 * points, cut where may_cut_before allows: one HarfBuzz buffer for a
 * megabyte without a space took a hundred megabytes. A kern pair across
 * a cut is lost, once in SHAPE_PIECE letters of a word no one can read. */
static void shape_long(para_text *t, gp_face *f, size_t from, size_t to, const gp_text_style *st, bool rtl)
{
    enum { SHAPE_PIECE = 1024 };
    for (size_t s = from; s < to;) {
        size_t e = s + SHAPE_PIECE < to ? s + SHAPE_PIECE : to;
        while (e < to && !may_cut_before(t->cps, e))
            e++;
        const gp_glyph *g;
        size_t n = gp_face_shape_script(f, t->cps + s, e - s, size_of(t, st, s), rtl, t->scripts[s], st->features, &g);
        add_glyphs(t, g, n, s, rtl);
        s = e;
    }
}

/* The glyphs of the word t->cps[from, to), of one direction, appended to t's. */
static void shape_word(gp_textctx *tc, para_text *t, gp_face *f, size_t from, size_t to, const gp_text_style *st)
{
    bool rtl = is_rtl(t, from);
    if (to - from > GP_SHAPE_MAX_CPS) {
        shape_long(t, f, from, to, st, rtl);
        return;
    }
    size_t ng;
    const gp_glyph *g =
        gp_shaped_word(&tc->shapes, tc->ahead, f, t->cps + from, to - from, rtl, t->scripts[from], st->features, &ng);
    add_glyphs_at_size(t, f, g, ng, from, size_of(t, st, from), rtl);
}

/* Adjacent CJK punctuation takes half an em less (text/cjk.h): a closing
 * mark before another mark gives up its right half, an opening one after
 * an opening one its left half. */
static void squeeze_punctuation(para_text *t)
{
    for (size_t i = 0; i < t->n; i++) {
        if (t->cps[i] < GP_CJK_FIRST_MARK) /* (Latin text: no call) */
            continue;
        gp_cjk_punct kind = gp_cjk_squeeze_at(t->cps, t->n, i);
        if (kind != GP_CJK_OTHER && t->first[i + 1] == t->first[i] + 1)
            gp_cjk_halve(face_of(t, i), &t->glyphs[t->first[i]], kind);
    }
}

/* Glyphs and advances of every code point: each word (a run of one face,
 * bidi level and script between spaces) shaped as a whole in its direction, with
 * its kerning and ligatures; invisible characters are shaped as context
 * and take no room. */
static void measure(gp_textctx *tc, para_text *t, const gp_text_style *st)
{
    t->adv = gp_xmalloc((t->n + 1) * sizeof *t->adv);
    t->first = gp_xmalloc((t->n + 1) * sizeof *t->first);
    t->capglyphs = t->n + 1; /* most text has a glyph per code point: no regrowing */
    t->glyphs = gp_xmalloc(t->capglyphs * sizeof *t->glyphs);
    for (size_t s = 0; s < t->n;) {
        size_t e = s + 1;
        if (!is_space(t->cps[s]))
            while (e < t->n && t->info[s].face == t->info[e].face && t->levels[s] == t->levels[e] &&
                   t->scripts[s] == t->scripts[e] && !is_space(t->cps[e]))
                e++;
        shape_word(tc, t, face_of(t, s), s, e, st);
        s = e;
    }
    for (size_t i = 0; i < t->n; i++)
        t->adv[i] = 0;
    size_t i = 0; /* first[i]: the first glyph whose cluster is i or more */
    for (size_t g = 0; g < t->nglyphs; g++)
        for (; i <= t->glyphs[g].cluster; i++)
            t->first[i] = (uint32_t)g;
    for (; i <= t->n; i++)
        t->first[i] = (uint32_t)t->nglyphs;
    squeeze_punctuation(t);
    for (size_t g = 0; g < t->nglyphs; g++) {
        gp_glyph *gl = &t->glyphs[g];
        if (is_invisible(t->cps[gl->cluster]))
            gl->adv = 0;
        t->adv[gl->cluster] += gl->adv;
    }
}

/* A line being assembled: its text (each character's index in the
 * paragraph in src) and its glyphs, clusters indexing the text; run_end,
 * scratch for make_runs. */
typedef struct line_buf {
    uint32_t *text, *src, *run_end;
    gp_glyph *glyphs;
    size_t n, ng;
} line_buf;

/* Appends code point i and its glyphs (none if it is in a cluster begun
 * before it), spacing added after the cluster's last glyph. */
static inline void add_char(line_buf *lb, const para_text *t, size_t i, double spacing)
{
    lb->text[lb->n] = t->cps[i];
    lb->src[lb->n] = (uint32_t)i;
    uint32_t from = t->first[i], to = t->first[i + 1], at = (uint32_t)lb->n++;
    gp_glyph *out = lb->glyphs + lb->ng;
    for (uint32_t g = from; g < to; g++) {
        out[g - from] = t->glyphs[g];
        out[g - from].cluster = at;
    }
    if (to > from)
        out[to - from - 1].adv += (float)spacing;
    lb->ng += to - from;
}

/* Appends tatweel glyphs `width` wide after the line's last glyph: as
 * many as cover it, overlapping, each moving the pen by an equal share.
 * They belong to the letter before them, so the text reads without them
 * (the PDF stage puts a cluster of several glyphs in an ActualText span). */
static void add_kashida(line_buf *lb, gp_face *f, double size_pt, double width)
{
    gp_glyph g;
    if (width <= 0 || !lb->ng || !gp_kashida_glyph(f, size_pt, &g))
        return;
    size_t n = (size_t)ceil(width / g.adv);
    g.cluster = lb->glyphs[lb->ng - 1].cluster;
    g.adv = (float)(width / (double)n);
    for (size_t i = 0; i < n; i++)
        lb->glyphs[lb->ng++] = g;
}

/* The most tatweel glyphs a kashida of f takes (add_kashida). */
static size_t kashida_room(const para_text *t, const gp_text_style *st, size_t i)
{
    gp_glyph g;
    return gp_kashida_glyph(face_of(t, i), size_of(t, st, i), &g) ? (size_t)ceil(KASHIDA_STRETCH * st->size_pt / g.adv) + 1
                                                                   : 0;
}

/* Whether the line's characters i and j belong in one run: one face,
 * link, language, direction and script (so one size: size_of). */
static bool same_run(const para_text *t, const uint32_t *src, size_t i, size_t j)
{
    uint32_t a = src[i], b = src[j];
    return t->info[a].face == t->info[b].face && t->levels[a] == t->levels[b] && t->scripts[a] == t->scripts[b] &&
           (t->info[a].span == t->info[b].span || /* (one span: one link and language) */
            (url_of(t, a) == url_of(t, b) && lang_of(t, a) == lang_of(t, b)));
}

/* Turns glyphs[0..n) round: a right-to-left run's glyphs, kept in logical
 * order while the line was built, back in the visual order HarfBuzz gave. */
static void reverse_glyphs(gp_glyph *g, size_t n)
{
    for (size_t i = 0; i < n / 2; i++) {
        gp_glyph x = g[i];
        g[i] = g[n - 1 - i];
        g[n - 1 - i] = x;
    }
}

/* Splits the line's glyphs into runs of one face, link and direction, in
 * logical order, each at its place in the line's visual order (the
 * bidirectional algorithm's rule L2). */
static void make_runs(gp_textctx *tc, const gp_text_style *st, const para_text *t, line_buf *lb, gp_line *line,
                      double spacing)
{
    size_t nruns = 0;
    const uint32_t *src = lb->src;
    for (size_t i = 0; i < lb->n; i++)
        if (i + 1 == lb->n || !same_run(t, src, i, i + 1))
            lb->run_end[nruns++] = (uint32_t)(i + 1);
    line->runs = gp_arena_alloc(tc->a, (nruns ? nruns : 1) * sizeof *line->runs);
    enum { ON_STACK = 64 }; /* a line's runs: no allocation */
    uint8_t levels_here[ON_STACK], *levels = nruns <= ON_STACK ? levels_here : gp_xmalloc(nruns);
    uint32_t order_here[ON_STACK], *order = nruns <= ON_STACK ? order_here : gp_xmalloc(nruns * sizeof *order);
    for (size_t i = 0, g = 0, r = 0; i < lb->n; r++) {
        size_t e = lb->run_end[r];
        size_t g0 = g;
        double width = 0;
        for (; g < lb->ng && lb->glyphs[g].cluster < e; g++) {
            lb->glyphs[g].cluster -= (uint32_t)i;
            width += lb->glyphs[g].adv;
        }
        bool rtl = is_rtl(t, src[i]);
        if (rtl)
            reverse_glyphs(lb->glyphs + g0, g - g0);
        const char *url = url_of(t, src[i]);
        line->runs[r] = (gp_run){face_of(t, src[i]), size_of(t, st, src[i]), url ? st->link_color : st->color, 0, width,
                              no_letter_spacing(t, src[i]) ? 0 : spacing, lb->glyphs + g0, g - g0, lb->text + i, e - i, url,
                              lang_of(t, src[i]), rtl};
        levels[r] = t->levels[src[i]];
        i = e;
    }
    gp_bidi_visual_order(levels, nruns, order);
    double x = 0;
    for (size_t k = 0; k < nruns; k++) {
        line->runs[order[k]].x = x;
        x += line->runs[order[k]].width;
    }
    line->nruns = nruns;
    line->width = x;
    if (levels != levels_here)
        free(levels);
    if (order != order_here)
        free(order);
}

/* Half of a cluster a line breaks inside (add_split), shaped on its own:
 * code points [from, to) and their glyphs, in the arena. */
typedef struct half {
    size_t from, to;
    gp_glyph *glyphs;
    size_t nglyphs;
} half;

static half shape_half(gp_textctx *tc, const gp_text_style *st, const para_text *t, size_t from, size_t to)
{
    const gp_glyph *g;
    bool rtl = is_rtl(t, from);
    size_t n = gp_face_shape_script(face_of(t, from), t->cps + from, to - from, size_of(t, st, from), rtl,
                                    t->scripts[from], st->features, &g);
    half h = {from, to, GP_NEW_N(tc->a, gp_glyph, n ? n : 1), n};
    memcpy(h.glyphs, g, n * sizeof *g);
    if (rtl) /* in logical order, as the line buffer keeps them (make_runs turns them round) */
        reverse_glyphs(h.glyphs, n);
    return h;
}

/* Appends a half's visible code points and its glyphs, clusters moved to
 * the line's text; its width. */
static double add_half(line_buf *lb, const para_text *t, const half *h)
{
    size_t base = lb->n;
    for (size_t i = h->from; i < h->to; i++)
        if (!is_invisible(t->cps[i])) {
            lb->text[lb->n] = t->cps[i];
            lb->src[lb->n++] = (uint32_t)i;
        }
    double w = 0;
    for (size_t g = 0; g < h->nglyphs; g++) {
        size_t c = base;
        for (size_t i = h->from; i < h->from + h->glyphs[g].cluster; i++)
            c += !is_invisible(t->cps[i]);
        lb->glyphs[lb->ng] = h->glyphs[g];
        lb->glyphs[lb->ng++].cluster = (uint32_t)(c < lb->n ? c : lb->n - 1);
        w += h->glyphs[g].adv;
    }
    return w;
}

/* One line's runs in the arena; `scratch` is room for 2 (t->n + 2)
 * entries (line_buf's src and run_end). A line that starts or
 * ends inside a cluster (add_split) sets that half shaped on its own. */
static gp_line assemble(gp_textctx *tc, const gp_text_style *st, const builder *b, const gp_lb_line *ln,
                        const para_text *t, uint32_t *scratch)
{
    uint32_t *src = scratch;
    bool split_end = ln->end < b->n && b->items[ln->end].kind == GP_LB_PENALTY && !starts_cluster(t, b->from[ln->end]);
    bool split_start = ln->start > 0 && ln->start < b->n && is_split_glue(b, t, ln->start - 1);
    half pre = {0}, post = {0};
    size_t cs, ce;
    if (split_end) {
        cluster_of(t, b->from[ln->end], &cs, &ce);
        pre = shape_half(tc, st, t, cs, b->from[ln->end]);
    }
    if (split_start)
        post = shape_half(tc, st, t, b->from[ln->start - 1], b->to[ln->start]);
    size_t cap = 2 + (pre.to - pre.from), gcap = 2 + pre.nglyphs + post.nglyphs;
    size_t *kashida = gp_arena_alloc(tc->a, (ln->end - ln->start + 1) * sizeof *kashida);
    for (size_t k = ln->start; k < ln->end; k++) {
        cap += b->to[k] - b->from[k], gcap += t->first[b->to[k]] - t->first[b->from[k]];
        kashida[k - ln->start] = b->items[k].kind == GP_LB_BOX ? kashida_place(t, st, b->from[k], b->to[k]) : 0;
        if (kashida[k - ln->start])
            gcap += kashida_room(t, st, b->from[k]);
    }
    line_buf lb = {gp_arena_alloc(tc->a, cap * sizeof *lb.text), src,
                   scratch + t->n + 2, gp_arena_alloc(tc->a, gcap * sizeof *lb.glyphs), 0, 0};
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
    for (size_t k = ln->start; k < ln->end; k++) {
        const gp_lb_item *it = &b->items[k];
        if (it->kind == GP_LB_PENALTY)
            continue;
        if (is_split_glue(b, t, k))
            continue; /* unbroken, the cluster's own glyphs are as wide as it and the box after it */
        if (k == ln->start && split_start) {
            add_half(&lb, t, &post);
            continue;
        }
        if (it->kind == GP_LB_GLUE) {
            double w = it->width + (space_r >= 0 ? space_r * it->stretch : space_r * it->shrink);
            if (b->to[k] > b->from[k]) {
                size_t g = lb.ng;
                add_char(&lb, t, b->from[k], 0);
                for (; g < lb.ng; g++) /* the space's glyph takes the glue's width */
                    lb.glyphs[g].adv = (float)(g + 1 == lb.ng ? w : 0);
            } else if (lb.ng) {
                lb.glyphs[lb.ng - 1].adv += (float)w;
            }
            continue;
        }
        size_t last = b->to[k]; /* past the box's last visible cluster, which gets no spacing */
        while (last > b->from[k] && (is_invisible(t->cps[last - 1]) || !starts_cluster(t, last - 1)))
            last--;
        for (size_t i = b->from[k]; i < b->to[k]; i++) {
            if (i == kashida[k - ln->start] && letter_r > 0)
                add_kashida(&lb, face_of(t, i), size_of(t, st, i), letter_r * KASHIDA_STRETCH * st->size_pt);
            if (in_text(t, i))
                add_char(&lb, t, i, i + 1 < last && !no_letter_spacing(t, i) ? spacing : 0);
        }
    }
    gp_line line = {0};
    double hyphen_w = ln->end < b->n && b->items[ln->end].kind == GP_LB_PENALTY ? b->items[ln->end].width : 0;
    if (split_end)
        hyphen_w -= add_half(&lb, t, &pre);
    if (hyphen_w > 0 && lb.n) {
        gp_glyph h = hyphen_glyph(face_of(t, src[lb.n - 1]), st);
        h.cluster = (uint32_t)lb.n, h.adv = (float)hyphen_w;
        lb.glyphs[lb.ng++] = h;
        lb.text[lb.n] = '-', src[lb.n] = src[lb.n - 1], lb.n++;
        line.hyphenated = true;
    }
    while (lb.n && is_space(lb.text[lb.n - 1])) /* a trailing space would only shift the rag */
        lb.n--;
    while (lb.ng && lb.glyphs[lb.ng - 1].cluster >= lb.n)
        lb.ng--;
    make_runs(tc, st, t, &lb, &line, spacing);
    return line;
}

static void builder_free(builder *b)
{
    free(b->items);
    free(b->from);
    free(b->to);
    *b = (builder){0};
}

/* The clusters of a box, less one: the gaps letter spacing widens (none
 * where it would break a word: no_letter_spacing). */
static double gaps(const para_text *t, size_t from, size_t to)
{
    double glyphs = 0;
    for (size_t i = from; i < to; i++)
        glyphs += !is_invisible(t->cps[i]) && starts_cluster(t, i) && !no_letter_spacing(t, i);
    return glyphs > 0 ? glyphs - 1 : 0;
}

static gp_hyph *span_patterns(gp_textctx *tc, const para_text *t, size_t i, gp_hyph *guide_patterns, gp_loc loc);

/* Boxes, glue and penalties for a paragraph, hyphenated with `hyph` if
 * set (a span in another language with that language's patterns). */
static builder items(gp_textctx *tc, gp_hyph *hyph, const gp_text_style *st, const para_text *t, double narrowest,
                     gp_loc loc)
{
    builder b = {0};
    size_t last_space = t->n; /* where the last word starts */
    while (last_space > 0 && !is_space(t->cps[last_space - 1]))
        last_space--;
    for (size_t i = 0; i < t->n;) {
        if (is_space(t->cps[i])) {
            double w = t->adv[i];
            gp_lb_item g = {.kind = GP_LB_GLUE, .width = w};
            if (st->justify) /* the word space stretches and shrinks by a third of itself, to no less than
                                MIN_WORD_SPACE */
                g.stretch = w / 3, g.shrink = fmin(w / 3, fmax(0, w - MIN_WORD_SPACE * st->size_pt));
            add_item(&b, g, i, i + 1);
            i++;
            continue;
        }
        size_t e = i;
        while (e < t->n && !is_space(t->cps[e]))
            e++;
        add_word(&b, hyph ? span_patterns(tc, t, i, hyph, loc) : NULL, st, t, i, e, i >= last_space);
        i = e;
    }
    break_wide_boxes(&b, t, narrowest);
    if (st->justify)
        for (size_t k = 0; k < b.n; k++)
            if (b.items[k].kind == GP_LB_BOX) {
                double g = gaps(t, b.from[k], b.to[k]);
                b.items[k].stretch = g * LETTER_STRETCH * st->size_pt;
                b.items[k].shrink = g * LETTER_SHRINK * st->size_pt;
                if (kashida_place(t, st, b.from[k], b.to[k]))
                    b.items[k].stretch += KASHIDA_STRETCH * st->size_pt;
            }
    return b;
}

/* Warns, when the guide's first hyphenated paragraph is set, if its
 * language has no patterns (they are loaded only once a paragraph needs them). */
static void expect_patterns(gp_textctx *tc)
{
    if (!tc->hyphs_asked && !tc->hyph && tc->hyphs)
        gp_hyph_cache_expect(tc->hyphs, tc->language, tc->language_loc, tc->d);
    tc->hyphs_asked = true;
}

static gp_hyph *patterns(gp_textctx *tc)
{
    if (!tc->hyph && tc->hyphs)
        tc->hyph = gp_hyph_cache_get(tc->hyphs, tc->language, tc->language_loc, tc->d);
    return tc->hyph;
}

/* The patterns for the word at code point i: its span's language's, if
 * the content gives it one (NULL if none are installed: a warning at the
 * paragraph), else the guide's. */
static gp_hyph *span_patterns(gp_textctx *tc, const para_text *t, size_t i, gp_hyph *guide_patterns, gp_loc loc)
{
    const char *lang = lang_of(t, i);
    if (!lang || !tc->hyphs)
        return guide_patterns;
    return gp_hyph_cache_get(tc->hyphs, lang, loc, tc->d);
}

/* Break opportunities after each code point (text/breaks.c). */
static void find_breaks(para_text *t, const char *language)
{
    t->brks = gp_xmalloc(t->n);
    gp_find_breaks(t->cps, t->n, language, t->brks);
}

gp_lines gp_para_set_uncached(gp_textctx *tc, const gp_para *p, const gp_text_style *st, double width,
                             double first_width, gp_loc loc)
{
    gp_lines out = {0};
    if (st->hyphenate)
        expect_patterns(tc);
    para_text t = collect(tc, p, st, loc);
    if (!t.n) {
        text_free(&t);
        return out;
    }
    t.levels = gp_xmalloc(t.n);
    out.rtl = gp_bidi_levels(t.cps, t.n, tc->rtl ? GP_BIDI_PREFER_RTL : GP_BIDI_PREFER_LTR, t.levels) & 1;
    t.scripts = gp_xmalloc(t.n * sizeof *t.scripts);
    gp_script_resolve(t.cps, t.n, t.scripts);
    measure(tc, &t, st);
    find_breaks(&t, tc->language);
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
        b = items(tc, NULL, st, &t, narrowest, loc);
        gp_lb_params strict = params;
        strict.tolerance = 50;
        strict.first_pass_only = true;
        lines = gp_xmalloc((b.n + 1) * sizeof *lines);
        nl = gp_linebreak(b.items, b.n, &strict, lines);
    }
    if (nl == 0) {
        builder_free(&b);
        b = items(tc, st->hyphenate ? patterns(tc) : NULL, st, &t, narrowest, loc);
        lines = gp_xrealloc(lines, (b.n + 1) * sizeof *lines);
        nl = (tc->greedy ? gp_linebreak_greedy : gp_linebreak)(b.items, b.n, &params, lines);
    }
    out.lines = gp_arena_alloc(tc->a, (nl ? nl : 1) * sizeof *out.lines);
    free(t.adv); /* measured: the lines need only the glyphs (and a long paragraph's peak is here) */
    t.adv = NULL;
    uint32_t *scratch = gp_xmalloc(2 * (t.n + 2) * sizeof *scratch);
    for (size_t l = 0; l < nl; l++) {
        gp_line line = assemble(tc, st, &b, &lines[l], &t, scratch);
        if (line.nruns)
            out.lines[out.count++] = line;
    }
    free(scratch);
    free(lines);
    builder_free(&b);
    text_free(&t);
    return out;
}

gp_line gp_text_line(gp_textctx *tc, const char *text, const gp_text_style *st, unsigned style, gp_loc loc)
{
    gp_span span = {text, style, NULL, NULL};
    gp_para p = {.spans = &span, .count = 1};
    gp_text_style one = *st;
    one.justify = false;
    one.hyphenate = false;
    gp_lines ls = gp_para_set(tc, &p, &one, 1e7, 0, loc);
    return ls.count ? ls.lines[0] : (gp_line){0};
}

