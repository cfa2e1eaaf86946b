/* Page content streams: the display list's items as PDF operators.
 *
 * Coordinates flip from the display list's top-left origin to PDF's
 * bottom-left, at 1/1000 pt. A page's graphics state is tracked so that no
 * operator repeats a setting that is already in force, and consecutive
 * lines share one text object with relative moves (which repeat from line
 * to line, and so compress to little). Each page is deflated as soon as it
 * is written. */
#include "content.h"

#include "base/arena.h"
#include "base/deflate.h"
#include "base/work.h"

#include <math.h>
#include <stdio.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

/* A growable buffer for one page's operators. */
typedef struct out {
    char *p;
    size_t n, cap;
} out;

static char *reserve(out *o, size_t more)
{
    if (o->n + more > o->cap) {
        o->cap = (o->n + more) * 2 + 4096;
        o->p = gp_xrealloc(o->p, o->cap);
    }
    return o->p + o->n;
}

static void put(out *o, const char *s)
{
    size_t k = strlen(s);
    memcpy(reserve(o, k), s, k);
    o->n += k;
}

/* Writes v in decimal (no printf: content streams are mostly numbers). */
static char *put_uint(char *o, unsigned long long v)
{
    char digits[24];
    int n = 0;
    do
        digits[n++] = (char)('0' + v % 10);
    while ((v /= 10) > 0);
    while (n)
        *o++ = digits[--n];
    return o;
}

/* The bytes of s, without its terminator. */
static char *put_str(char *o, const char *s)
{
    size_t k = strlen(s);
    memcpy(o, s, k);
    return o + k;
}

/* A number rounded to 1/1000, as the shortest decimal ("12.5", "-3", "0.017"). */
static void num(out *o, double v)
{
    char *p = reserve(o, 32), *start = p;
    long long k = llround(v * 1000);
    if (k < 0)
        *p++ = '-', k = -k;
    p = put_uint(p, (unsigned long long)(k / 1000));
    int frac = (int)(k % 1000);
    if (frac) {
        *p++ = '.';
        for (int scale = 100; frac; scale /= 10) {
            *p++ = (char)('0' + frac / scale);
            frac %= scale;
        }
    }
    *p++ = ' ';
    o->n += (size_t)(p - start);
}

/* What the page's graphics state holds. */
typedef struct page_state {
    int font;              /* -1: none yet */
    double size, char_space, rise;
    bool invisible;        /* text render mode 3 */
    gp_rgb fill;
    bool fill_known;
    bool fill_k;           /* the fill is pure K (DeviceGray 0), whatever `fill` says */
    bool in_text;          /* a text object is open: lines move relative to the last one */
    double line_x, line_y; /* where the last line started (PDF coordinates) */
    bool marked;           /* marked content is open: */
    bool mark_in_text;     /*   inside the text object (so it ends before ET) */
    int mark_node;         /*   for this element (0: an artifact) */
    const char *mark_lang; /*   and text of this language */
} page_state;

typedef struct page_writer {
    out ops;
    const gp_dlist *dl;
    bool tagged;
    const gp_cids *cids;
    page_state state;
    double page_h;
    bool black_k;
    bool srgb;             /* RGB in the page's sRGB colour space (PDF/X) */
    gp_page_content *page;
    size_t page_index;
} page_writer;

/* The resource number (1-based) of a face or an image on this page, added
 * in order of first use. */
static size_t face_number(gp_page_content *pc, int face)
{
    for (size_t i = 0; i < pc->nfaces; i++)
        if (pc->faces[i] == face)
            return i + 1;
    pc->faces = gp_xrealloc(pc->faces, (pc->nfaces + 1) * sizeof *pc->faces);
    pc->faces[pc->nfaces++] = face;
    return pc->nfaces;
}

static size_t image_number(gp_page_content *pc, const gp_image *image)
{
    for (size_t i = 0; i < pc->nimages; i++)
        if (pc->images[i] == image)
            return i + 1;
    pc->images = gp_xrealloc(pc->images, (pc->nimages + 1) * sizeof *pc->images);
    pc->images[pc->nimages++] = image;
    return pc->nimages;
}

/* A colour operator, for the fill or the stroke: DeviceCMYK for a colour
 * given in inks, DeviceGray for a neutral stroke (the rules' greys, the
 * marks: black ink only on a press), else RGB (text "as given" under
 * `black_text: rgb`): in the page's ICC-based sRGB under PDF/X (pdfx.h),
 * else DeviceRGB. */
static void put_color(out *o, gp_rgb c, bool stroke, bool srgb)
{
    if (c.cmyk) {
        num(o, c.c), num(o, c.m), num(o, c.y), num(o, c.k), put(o, stroke ? "K\n" : "k\n");
    } else if (stroke && c.r == c.g && c.g == c.b) {
        num(o, c.r), put(o, stroke ? "G\n" : "g\n");
    } else if (srgb) {
        put(o, stroke ? "/" GP_CONTENT_SRGB " CS " : "/" GP_CONTENT_SRGB " cs ");
        num(o, c.r), num(o, c.g), num(o, c.b), put(o, stroke ? "SC\n" : "sc\n");
    } else {
        num(o, c.r), num(o, c.g), num(o, c.b), put(o, stroke ? "RG\n" : "rg\n");
    }
}

static void set_fill(page_writer *w, gp_rgb c)
{
    page_state *s = &w->state;
    if (s->fill_known && gp_color_equal(s->fill, c))
        return;
    put_color(&w->ops, c, false, w->srgb);
    s->fill = c, s->fill_known = true, s->fill_k = false;
}

static void set_fill_k(page_writer *w)
{
    if (!w->state.fill_k)
        put(&w->ops, "0 g\n");
    w->state.fill_k = true, w->state.fill_known = false;
}

/* Black and near-black (no channel above a fifth, grey within 8%: the
 * tinted darks brands set text in): printed as four-colour black it would blur at every
 * letter's edge on a press, so it is pure K. */
static bool near_black(gp_rgb c)
{
    double hi = fmax(c.r, fmax(c.g, c.b)), lo = fmin(c.r, fmin(c.g, c.b));
    return hi <= 0.2 && hi - lo <= 0.08;
}

static void set_text_fill(page_writer *w, gp_rgb c)
{
    if (w->black_k && near_black(c))
        set_fill_k(w);
    else
        set_fill(w, c);
}

/* ---- marked content (tagged PDF) ---- */

static void end_mark(page_writer *w)
{
    if (w->state.marked)
        put(&w->ops, "EMC\n");
    w->state.marked = false;
}

static bool same_language(const char *a, const char *b)
{
    return a == b || (a && b && !strcmp(a, b));
}

/* The MCID for the next marked content of `node`, recorded for the structure tree. */
static size_t new_mcid(gp_page_content *pc, int node, const char *lang)
{
    if (pc->nmcids == pc->capmcids) {
        pc->capmcids = pc->capmcids * 2 + 32;
        pc->mcid_nodes = gp_xrealloc(pc->mcid_nodes, pc->capmcids * sizeof *pc->mcid_nodes);
        pc->mcid_langs = gp_xrealloc(pc->mcid_langs, pc->capmcids * sizeof *pc->mcid_langs);
    }
    pc->mcid_nodes[pc->nmcids] = node;
    pc->mcid_langs[pc->nmcids] = lang;
    return pc->nmcids++;
}

/* Opens the element's marked content with a new MCID (at most 64 bytes). */
static char *open_element(char *o, gp_tj_marks *m)
{
    m->open = true;
    *o++ = '/';
    o = put_uint(put_str(put_str(o, m->tag), " <</MCID "), new_mcid(m->page, m->node, m->lang));
    return put_str(o, ">> BDC\n");
}

/* Opens the marked content an item is drawn in, unless the open one is
 * already its: consecutive items of one element (a paragraph's lines) and
 * language share one MCID, consecutive artifacts one Artifact. Text is
 * marked inside its text object, anything else outside one, so that
 * marked content and text objects nest. */
static void mark_item(page_writer *w, const gp_dl_item *it)
{
    page_state *s = &w->state;
    bool text = it->kind == GP_DL_TEXT, lang_counts = text && it->node;
    const char *lang = text ? it->language : NULL;
    if (s->marked && s->mark_in_text == text && s->mark_node == it->node &&
        (!lang_counts || same_language(s->mark_lang, lang)))
        return;
    end_mark(w);
    s->marked = true, s->mark_in_text = text, s->mark_node = it->node, s->mark_lang = lang;
    if (!it->node) {
        put(&w->ops, "/Artifact BMC\n");
        return;
    }
    gp_tj_marks m = {w->page, it->node, gp_dl_tag_name(w->dl->nodes[it->node].tag), lang, false};
    w->ops.n = (size_t)(open_element(reserve(&w->ops, 64), &m) - w->ops.p);
}

/* The word space a line break took, shown after the line's last glyph
 * (where it shows nothing: the next line's Td starts from the line's
 * start), so that the text a screen reader gets has it. */
static void give_space_back(page_writer *w, const gp_cid_font *f)
{
    if (!f->space)
        return;
    static const char hex[] = "0123456789ABCDEF";
    char *o = reserve(&w->ops, 16);
    unsigned code = f->cids[f->space].code; /* (cids.h) */
    *o++ = '<';
    for (int shift = f->one_byte ? 4 : 12; shift >= 0; shift -= 4)
        *o++ = hex[(code >> shift) & 15];
    w->ops.n = (size_t)(put_str(o, ">Tj\n") - w->ops.p);
}

/* ---- drawing ---- */

static void end_text(page_writer *w)
{
    if (w->state.in_text) {
        if (w->state.mark_in_text)
            end_mark(w);
        put(&w->ops, "ET\n");
    }
    w->state.in_text = false;
}

static void begin_text(page_writer *w)
{
    page_state *s = &w->state;
    if (!s->in_text) {
        if (s->marked) /* opened outside a text object: ends outside it */
            end_mark(w);
        put(&w->ops, "BT\n");
        s->in_text = true, s->line_x = s->line_y = 0;
    }
}

static void draw_text(page_writer *w, const gp_dl_item *it, size_t item)
{
    page_state *s = &w->state;
    begin_text(w);
    if (w->tagged)
        mark_item(w, it);
    if (it->font != s->font || it->box.h != s->size) {
        char *o = put_str(reserve(&w->ops, 32), "/F");
        o = put_uint(o, face_number(w->page, it->font));
        *o++ = ' ';
        w->ops.n = (size_t)(o - w->ops.p);
        num(&w->ops, it->box.h), put(&w->ops, "Tf\n");
        s->font = it->font, s->size = it->box.h;
    }
    set_text_fill(w, it->color);
    if (it->invisible != s->invisible) {
        put(&w->ops, it->invisible ? "3 Tr\n" : "0 Tr\n");
        s->invisible = it->invisible;
    }
    double char_space = round(it->letter_spacing * 1000) / 1000;
    if (char_space != s->char_space) {
        num(&w->ops, char_space), put(&w->ops, "Tc\n");
        s->char_space = char_space;
    }
    double x = round(it->box.x * 1000) / 1000, y = round((w->page_h - it->box.y) * 1000) / 1000;
    num(&w->ops, x - s->line_x), num(&w->ops, y - s->line_y), put(&w->ops, "Td\n");
    s->line_x = x, s->line_y = y;
    bool element = w->tagged && it->node;
    gp_tj_marks marks = {w->page, it->node, element ? gp_dl_tag_name(w->dl->nodes[it->node].tag) : NULL,
                         it->language, true};
    const bool *own_text;
    const uint16_t *cids = gp_cids_run(w->cids, w->page_index, item, &own_text);
    char *end = gp_content_tj(reserve(&w->ops, it->nglyphs * 192 + it->ntext * 8 + 16), &w->cids->fonts[it->font],
                              cids, own_text, it->box.h, char_space, it->glyphs, it->nglyphs, it->text, it->ntext,
                              it->rtl, &s->rise, element ? &marks : NULL);
    w->ops.n = (size_t)(end - w->ops.p);
    if (element) /* a span may have closed the element's marked content */
        s->marked = marks.open;
    if (w->tagged && it->space_after) {
        mark_item(w, it);
        give_space_back(w, &w->cids->fonts[it->font]);
    }
}

/* The image's unit square onto its box, turned as its Exif orientation
 * says: for each of 1 to 8, the matrix a b c d e f in units of the box's
 * width (a, c, e) and height (b, d, f). The image's first row is at the top
 * of the unit square, so orientation 6 (stored turned a quarter left) maps
 * the square's top edge onto the box's right edge. */
static void draw_image(page_writer *w, const gp_dl_item *it)
{
    static const signed char turn[8][6] = {
        {1, 0, 0, 1, 0, 0},   {-1, 0, 0, 1, 1, 0}, {-1, 0, 0, -1, 1, 1}, {1, 0, 0, -1, 0, 1},
        {0, -1, -1, 0, 1, 1}, {0, -1, 1, 0, 0, 1}, {0, 1, 1, 0, 0, 0},   {0, 1, -1, 0, 1, 0},
    };
    int o = it->image->info.orientation;
    const signed char *m = turn[o >= 1 && o <= 8 ? o - 1 : 0];
    const gp_box *b = &it->box;
    double x = b->x, y = w->page_h - b->y - b->h;
    char name[32];
    snprintf(name, sizeof name, "/X%zu Do\nQ\n", image_number(w->page, it->image));
    put(&w->ops, "q\n");
    num(&w->ops, m[0] * b->w), num(&w->ops, m[1] * b->h), num(&w->ops, m[2] * b->w), num(&w->ops, m[3] * b->h);
    num(&w->ops, x + m[4] * b->w), num(&w->ops, y + m[5] * b->h), put(&w->ops, "cm\n"), put(&w->ops, name);
}

/* A QR code: a stencil mask of its modules (one bit each, dark painted)
 * filled in pure black (DeviceGray 0, never four-colour black), inline,
 * in hexadecimal (whose digits never spell the EI that ends it): a tenth
 * of the bytes of a rectangle per run of modules, and as sharp (a mask is
 * never smoothed). */
static void draw_qr(page_writer *w, const gp_dl_item *it)
{
    double m = it->box.w / (it->side + 8), x0 = it->box.x + 4 * m, y0 = w->page_h - it->box.y - (it->side + 4) * m;
    size_t row_bytes = ((size_t)it->side + 7) / 8;
    set_fill_k(w);
    put(&w->ops, "q\n");
    num(&w->ops, it->side * m), put(&w->ops, "0 0 "), num(&w->ops, it->side * m), num(&w->ops, x0), num(&w->ops, y0);
    char *o = reserve(&w->ops, 96 + (2 * row_bytes + 1) * (size_t)it->side);
    o += sprintf(o, "cm\nBI /W %d /H %d /IM true /BPC 1 /D [1 0] /F /AHx ID\n", it->side, it->side);
    static const char hex[] = "0123456789ABCDEF";
    for (int row = 0; row < it->side; row++) {
        const unsigned char *r = it->modules + (size_t)row * (size_t)it->side;
        for (size_t b = 0; b < row_bytes; b++) {
            unsigned byte = 0;
            for (int k = 0; k < 8; k++) {
                size_t c = 8 * b + (size_t)k;
                byte = byte << 1 | (c < (size_t)it->side && r[c]);
            }
            *o++ = hex[byte >> 4], *o++ = hex[byte & 15];
        }
        *o++ = '\n';
    }
    memcpy(o, ">\nEI\nQ\n", 8);
    w->ops.n = (size_t)(o + 8 - w->ops.p);
}

static void draw_item(page_writer *w, const gp_dl_item *it, size_t item)
{
    const gp_box *b = &it->box;
    double ph = w->page_h;
    if ((it->kind == GP_DL_TEXT && (it->font < 0 || !w->cids || (size_t)it->font >= w->cids->nfonts)) ||
        (it->kind != GP_DL_TEXT && it->kind != GP_DL_LINK))
        end_text(w);
    if (w->tagged && it->kind != GP_DL_TEXT && it->kind != GP_DL_LINK)
        mark_item(w, it);
    switch (it->kind) {
    case GP_DL_TEXT:
        if (it->font >= 0 && w->cids && (size_t)it->font < w->cids->nfonts)
            draw_text(w, it, item);
        break;
    case GP_DL_RECT:
        set_fill(w, it->color);
        num(&w->ops, b->x), num(&w->ops, ph - b->y - b->h), num(&w->ops, b->w), num(&w->ops, b->h);
        put(&w->ops, "re\nf\n");
        break;
    case GP_DL_RULE:
        num(&w->ops, it->line_width), put(&w->ops, "w\n");
        put_color(&w->ops, it->color, true, w->srgb);
        num(&w->ops, b->x), num(&w->ops, ph - b->y), put(&w->ops, "m\n");
        num(&w->ops, b->x + b->w), num(&w->ops, ph - b->y - b->h), put(&w->ops, "l\nS\n");
        break;
    case GP_DL_IMAGE:
        draw_image(w, it);
        break;
    case GP_DL_LINK: /* an annotation, not content */
        break;
    case GP_DL_QR:
        draw_qr(w, it);
        break;
    }
}

static bool write_page(const gp_dlist *dl, const gp_cids *cids, size_t p, gp_page_content *pc)
{
    page_writer w = {.dl = dl, .tagged = dl->nnodes > 0, .cids = cids, .state.font = -1, .page_h = dl->page_h,
                     .page = pc, .page_index = p, .black_k = dl->black_k, .srgb = dl->pdfx_profile != NULL};
    for (size_t i = 0; i < dl->pages[p].count; i++)
        draw_item(&w, &dl->pages[p].items[i], i);
    end_text(&w);
    end_mark(&w);
    pc->data = gp_deflate(w.ops.p, w.ops.n, &pc->len);
    free(w.ops.p);
    return pc->len > 0;
}

/* Pages are taken in turn by the job's thread and, once it has loaded
 * the fonts, by the caller of gp_content_finish. */
struct gp_content_job {
    const gp_dlist *dl;
    const gp_cids *cids;
    gp_page_content *pages;
    atomic_bool failed;
    gp_work pages_left;
};

static void write_one(void *arg, size_t p)
{
    gp_content_job *job = arg;
    if (!write_page(job->dl, job->cids, p, &job->pages[p]))
        atomic_store(&job->failed, true);
}

gp_content_job *gp_content_start(const gp_dlist *dl, const gp_cids *cids, bool threaded)
{
    gp_content_job *job = gp_xmalloc(sizeof *job);
    *job = (gp_content_job){.dl = dl, .cids = cids, .pages = gp_xcalloc(dl->npages, sizeof *job->pages)};
    gp_work_start(&job->pages_left, write_one, job, dl->npages, threaded ? 1 : 0, true);
    return job; /* without a thread, gp_content_finish writes every page */
}

gp_page_content *gp_content_finish(gp_content_job *job)
{
    gp_work_finish(&job->pages_left); /* whatever pages are left */
    gp_page_content *pages = job->pages;
    if (atomic_load(&job->failed)) {
        gp_content_free(pages, job->dl->npages);
        pages = NULL;
    }
    free(job);
    return pages;
}

void gp_content_free(gp_page_content *pages, size_t npages)
{
    for (size_t p = 0; pages && p < npages; p++) {
        free(pages[p].data);
        free(pages[p].faces);
        free(pages[p].images);
        free(pages[p].mcid_nodes);
        free(pages[p].mcid_langs);
    }
    free(pages);
}

/* ---- lines of text ---- */

/* A literal string byte: the delimiters and line ends escaped (a raw line
 * end inside a string would be read back as a plain newline). */
static char *put_string_byte(char *o, unsigned char c)
{
    if (c == '(' || c == ')' || c == '\\')
        *o++ = '\\', *o++ = (char)c;
    else if (c == '\r' || c == '\n')
        *o++ = '\\', *o++ = c == '\r' ? 'r' : 'n';
    else
        *o++ = (char)c;
    return o;
}

/* A number of tenths, as the shortest decimal: -331 -> "-33.1", 80 -> "8". */
static char *put_tenths(char *o, long tenths)
{
    if (tenths < 0)
        *o++ = '-', tenths = -tenths;
    o = put_uint(o, (unsigned long long)(tenths / 10));
    if (tenths % 10)
        *o++ = '.', *o++ = (char)('0' + tenths % 10);
    return o;
}

/* Ends the string being written, if one is. */
static char *close_string(char *o, bool *open)
{
    if (*open)
        *o++ = ')';
    *open = false;
    return o;
}

/* ---- /ActualText spans ----
 *
 * Text extractors take a span's characters for the glyphs drawn inside it
 * and spread them from where its first glyph starts to where its last
 * one ends. A span is needed where glyphs do not map one to one to
 * characters (a cluster of several glyphs: a letter and its marks drawn
 * apart, a reordered Devanagari vowel sign) or where a glyph is drawn off
 * the pen (a mark, moved by its offset): such a glyph next to its
 * neighbours would read as a gap, a space in the copied text (अके ली). So
 * a span begins with a glyph drawn at the pen and ends with one after
 * which the pen stands where the layout's does, taking in neighbouring
 * clusters as it must. */

/* Whether glyph k is drawn near the pen, and whether the pen is back
 * near its place after it (its offset, PDF width and Tc against its
 * advance), in 1/1000 em: extractors take a gap of a tenth of an em for a
 * space, and an overlap of a fifth for a new word; kerning overlaps. */
enum { MAX_GAP = 90, MAX_OVERLAP = 150 };

static bool near(double off)
{
    return off <= MAX_GAP && off >= -MAX_OVERLAP;
}

/* (A glyph raised or lowered by more than that, as Nastaliq's cascading
 * letters are, is read by extractors as on another line.) */
static bool on_line(const gp_cid_font *f, const gp_glyph *g)
{
    return fabs(g->dy * 1000.0 / f->upem) <= MAX_GAP;
}

static bool starts_in_place(const gp_cid_font *f, const gp_glyph *g)
{
    return near(g->dx * 1000.0 / f->upem) && on_line(f, g);
}

static bool ends_in_place(const gp_cid_font *f, const gp_glyph *g, uint16_t cid, double spacing, double em)
{
    return near(g->adv * em - (g->dx * 1000.0 / f->upem + f->cids[cid].width + spacing)) && on_line(f, g);
}

/* The end of the cluster glyph k begins. */
static size_t cluster_end(const gp_glyph *glyphs, size_t k, size_t n)
{
    size_t j = k + 1;
    while (j < n && glyphs[j].cluster == glyphs[k].cluster)
        j++;
    return j;
}

static bool is_space_glyph(const gp_glyph *g, const uint32_t *text, size_t ntext)
{
    return g->cluster < ntext && text[g->cluster] == ' ';
}

/* Where a glyph stands, found once for the span planning that asks again and again. */
typedef struct place {
    bool on_line, starts, ends, space;
} place;

static place place_of(const gp_cid_font *f, const gp_glyph *g, uint16_t cid, const uint32_t *text, size_t ntext,
                      double spacing, double em)
{
    return (place){on_line(f, g), starts_in_place(f, g), ends_in_place(f, g, cid, spacing, em),
                   is_space_glyph(g, text, ntext)};
}

/* The end of the word glyph k begins if one of its glyphs is off the line
 * (Nastaliq's cascade), or, right to left, off its place, else k: such a
 * word is one span, as extractors would break it wherever its letters step
 * up or down, or step back where a letter that joins nothing overlaps the
 * next (Nastaliq's آسان read as "آ سان"). */
static size_t cascading_word(const place *at, size_t k, size_t n, bool rtl)
{
    if (k > 0 && !at[k - 1].space)
        return k;
    bool off = false, cascade = false;
    size_t end = k;
    for (; end < n && !at[end].space; end++) {
        cascade |= !at[end].on_line;
        off |= !at[end].starts || !at[end].ends;
    }
    return cascade || (rtl && off) ? end : k;
}

/* Where spans go: span_end[k] > 0 is the end of the span beginning at
 * glyph k. A space is never in one: the gap it leaves is the word break
 * extractors look for, so a span may end (or begin) beside one off place. */
static void plan_spans(const place *at, const gp_glyph *glyphs, const bool *own_text, size_t n, bool rtl,
                       size_t *span_end)
{
    size_t last_end = 0; /* the end of the last span */
    memset(span_end, 0, n * sizeof *span_end);
    for (size_t k = 0; k < n;) {
        size_t word_end = cascading_word(at, k, n, rtl);
        if (word_end > k) {
            span_end[k] = word_end;
            last_end = k = word_end;
            continue;
        }
        size_t j = cluster_end(glyphs, k, n);
        /* a glyph whose code stands for another text (a CFF font's, cids.h) needs a span, even a space */
        if ((at[k].space && own_text[k]) || (j - k == 1 && at[k].starts && at[k].ends && own_text[k])) {
            k = j;
            continue;
        }
        size_t start = k, end = j;
        while (start > last_end && !at[start].starts && !at[start - 1].space) /* back to the cluster before */
            for (start--; start > last_end && glyphs[start - 1].cluster == glyphs[start].cluster;)
                start--;
        while (end < n && !at[end - 1].ends && !at[end].space)
            end = cluster_end(glyphs, end, n);
        span_end[start] = end;
        last_end = k = end;
    }
}

/* The characters glyphs [from, to) stand for: from their first cluster
 * in logical order to the next cluster of the run not among them. */
static size_t span_text(const gp_glyph *glyphs, size_t from, size_t to, size_t n, size_t ntext, size_t *start)
{
    uint32_t lo = UINT32_MAX, hi = 0;
    for (size_t k = from; k < to; k++) {
        lo = glyphs[k].cluster < lo ? glyphs[k].cluster : lo;
        hi = glyphs[k].cluster > hi ? glyphs[k].cluster : hi;
    }
    size_t end = ntext;
    for (size_t k = 0; k < n; k++)
        if (glyphs[k].cluster > hi && glyphs[k].cluster < end)
            end = glyphs[k].cluster;
    *start = lo;
    return end > lo ? end - lo : 0;
}

/* Where a glyph starts and ends (its PDF width and Tc), laid being where
 * the layout's pen stands before it, in 1/1000 em. */
static double glyph_start(const gp_cid_font *f, const gp_glyph *g, double laid)
{
    return laid + g->dx * 1000.0 / f->upem;
}

static double glyph_end(const gp_cid_font *f, const gp_glyph *g, uint16_t cid, double laid, double spacing)
{
    return glyph_start(f, g, laid) + f->cids[cid].width + spacing;
}

/* Of the span [from, to) but glyph `not`, the glyph starting leftmost
 * (ends == false) or ending rightmost. */
static size_t outermost(const gp_cid_font *f, const gp_glyph *glyphs, const uint16_t *cids, const double *laid,
                        size_t from, size_t to, size_t not, double spacing, bool ends)
{
    size_t best = SIZE_MAX;
    double best_x = 0;
    for (size_t k = from; k < to; k++) {
        double x = ends ? glyph_end(f, &glyphs[k], cids[k], laid[k], spacing) : -glyph_start(f, &glyphs[k], laid[k]);
        if (k != not && (best == SIZE_MAX || x > best_x))
            best = k, best_x = x;
    }
    return best;
}

/* The order the glyphs of the span [from, to) are drawn in, order[from,
 * to): as shaped, but the one starting leftmost first and the one ending
 * rightmost last, as extractors take a span's extent from where its first
 * glyph starts to where its last one ends. (Nastaliq's final ے is shaped
 * first and drawn at the word's right: poppler took لیے for a point 11 pt
 * from the word before and read the line as two columns.) Where one glyph
 * holds both ends, it takes the one that leaves the wider extent. */
static void draw_order(const gp_cid_font *f, const gp_glyph *glyphs, const uint16_t *cids, const double *laid,
                       size_t from, size_t to, double spacing, size_t *order)
{
    size_t first = outermost(f, glyphs, cids, laid, from, to, SIZE_MAX, spacing, false),
           last = outermost(f, glyphs, cids, laid, from, to, SIZE_MAX, spacing, true);
    if (first == last && to - from > 1) {
        size_t before = outermost(f, glyphs, cids, laid, from, to, first, spacing, false),
               after = outermost(f, glyphs, cids, laid, from, to, first, spacing, true);
        if (glyph_end(f, &glyphs[after], cids[after], laid[after], spacing) - glyph_start(f, &glyphs[first], laid[first]) >=
            glyph_end(f, &glyphs[last], cids[last], laid[last], spacing) - glyph_start(f, &glyphs[before], laid[before]))
            last = after;
        else
            first = before;
    }
    size_t at = from;
    order[at++] = first;
    for (size_t k = from; k < to; k++)
        if (k != first && k != last)
            order[at++] = k;
    if (last != first)
        order[at] = last;
}

/* The TJ array being written: a string open in it, and it open. */
typedef struct tj_array {
    bool string, open;
} tj_array;

/* Ends the array being written, if one is. */
static char *close_array(char *o, tj_array *a)
{
    o = close_string(o, &a->string);
    if (a->open)
        memcpy(o, "]TJ\n", 4), o += 4;
    a->open = false;
    return o;
}

/* Opens an array for what comes next, unless one is open. */
static char *open_array(char *o, tj_array *a)
{
    if (!a->open)
        *o++ = '[', a->open = true;
    return o;
}

/* Starts a marked-content span whose /ActualText is text[0, len)
 * (UTF-16BE): what copying and searching give back. In an element's
 * marked content, the span is marked content of its own with its own
 * MCID (the element's ends before it), as readers that collect an MCID's
 * text (poppler's) end it at the first EMC nested in it. */
static char *begin_actual_text(char *o, tj_array *a, const uint32_t *text, size_t len, bool rtl, gp_tj_marks *marks)
{
    o = close_array(o, a);
    if (marks && marks->open)
        memcpy(o, "EMC\n", 4), o += 4;
    if (marks) {
        o = put_uint(put_str(o, "/Span<</MCID "), new_mcid(marks->page, marks->node, marks->lang));
        marks->open = false;
    } else {
        memcpy(o, "/Span<<", 7), o += 7;
    }
    memcpy(o, "/ActualText<FEFF", 16), o += 16;
    o += gp_utf16_hex(o, text, len, rtl);
    memcpy(o, ">>>BDC\n", 7);
    return o + 7;
}

static char *end_actual_text(char *o, tj_array *a)
{
    o = close_array(o, a);
    memcpy(o, "EMC\n", 4);
    return o + 4;
}

char *gp_content_tj(char *o, const gp_cid_font *f, const uint16_t *cids, const bool *own_text, double size,
                    double char_space, const gp_glyph *glyphs, size_t n, const uint32_t *text, size_t ntext, bool rtl,
                    double *rise, gp_tj_marks *marks)
{
    /* pen: where the PDF's widths (and Tc) put the pen; laid[k]: where the
     * layout's stands before glyph k, both in 1/1000 em. A glyph is moved,
     * in steps of 0.1/1000 em, only once they differ by more than 0.004 pt:
     * the arrays stay short and every glyph but a space lands within 0.005
     * pt of its place. Glyphs are drawn in order[], spans in place. */
    double pen = 0, limit = 0.004 * 1000.0 / size, spacing = char_space * 1000.0 / size, em = 1000.0 / size;
    enum { ON_STACK = 256 }; /* a line's run: no allocation */
    size_t spans_here[2 * ON_STACK], *span_end = n <= ON_STACK ? spans_here : gp_xmalloc(2 * n * sizeof *span_end),
                                     *order = span_end + n; /* the glyph drawn at each place */
    double laid_here[ON_STACK], *laid = n <= ON_STACK ? laid_here : gp_xmalloc(n * sizeof *laid);
    place places_here[ON_STACK], *places = n <= ON_STACK ? places_here : gp_xmalloc(n * sizeof *places);
    for (size_t i = 0; i < n; i++) {
        laid[i] = i ? laid[i - 1] + glyphs[i - 1].adv * em : 0;
        order[i] = i;
        places[i] = place_of(f, &glyphs[i], cids[i], text, ntext, spacing, em);
    }
    plan_spans(places, glyphs, own_text, n, rtl, span_end);
    for (size_t i = 0; i < n; i++)
        if (span_end[i])
            draw_order(f, glyphs, cids, laid, i, span_end[i], spacing, order);
    size_t in_span = 0;
    tj_array a = {false, false};
    for (size_t at = 0; at < n; at++) {
        size_t i = order[at];
        const gp_glyph *g = &glyphs[i];
        if (span_end[at]) {
            size_t start, len = span_text(glyphs, at, span_end[at], n, ntext, &start);
            o = begin_actual_text(o, &a, text + start, len, rtl, marks);
            in_span = span_end[at];
        } else if (marks && !marks->open && at >= in_span) { /* after a span: the element's again */
            o = open_element(close_array(o, &a), marks);
        }
        double dy = g->dy ? round(g->dy * size / f->upem * 1000) / 1000 : 0; /* (most glyphs: no call) */
        if (dy != *rise) { /* a raised or lowered glyph: Ts, between arrays */
            o = close_array(o, &a);
            o += snprintf(o, 32, "%.3f Ts\n", dy);
            *rise = dy;
        }
        double drift = pen - glyph_start(f, g, laid[i]);
        long step;
        bool space = places[i].space;
        /* a space shows nothing: the glyph after it is moved instead */
        if (!space && (drift > limit || drift < -limit) && (step = lround(drift * 10)) != 0) {
            o = open_array(close_string(o, &a.string), &a);
            o = put_tenths(o, step);
            pen -= step / 10.0;
        }
        o = open_array(o, &a);
        if (!a.string)
            *o++ = '(', a.string = true;
        if (!f->one_byte)
            o = put_string_byte(o, (unsigned char)(f->cids[cids[i]].code >> 8));
        o = put_string_byte(o, (unsigned char)f->cids[cids[i]].code);
        pen += f->cids[cids[i]].width + spacing;
        if (at + 1 == in_span)
            o = end_actual_text(o, &a);
    }
    if (laid != laid_here)
        free(span_end), free(laid), free(places);
    return close_array(o, &a);
}
