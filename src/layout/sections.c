/* One layout per section type (README "Input formats"), on a flow.
 *
 * A section is a heading and a body. It starts on a new page when its
 * heading and first lines would not fit (a keep), carries its heading onto
 * continuation pages, and sets its pull quote, if any, in a sidebar beside
 * its body. Facts and actions are shaded panels, kept whole when they fit
 * on one page. Each body function only places things through the flow, so
 * the same code measures (on a dry flow) and draws. */
#include "layout_int.h"

#include "base/language.h"

#include "load/smart.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

enum { HANG = 22 };
static const double PARA_GAP = 6, ITEM_GAP = 9, PANEL_PAD = 16, SIDEBAR_GAP = 22, NOTE_LEADING = 24;
static const double CAPTION_GAP = 5, IMAGE_GAP = 12;

static void rule(flow *f, double x, double y, double w, double h, double thickness, gp_rgb color)
{
    if (f->dry)
        return;
    gp_dl_item *it = gp_dlist_add(f->L->dl, f->page, GP_DL_RULE);
    it->box = (gp_box){x, y, w, h};
    it->frame = (gp_box){f->x, f->top, f->w, f->L->bottom - f->top};
    it->line_width = thickness;
    it->color = color;
}

/* A list (L) in the flow's element: what is placed goes in it until
 * f->parent is given back the element this returns. */
static int list_begin(flow *f)
{
    int outer = f->parent;
    f->parent = flow_element(f, GP_DL_TAG_L);
    return outer;
}

/* A list item (LI > Lbl + LBody) in the list: what is placed goes in its
 * body until f->parent is the list again; returns its label's element. */
static int item_begin(flow *f)
{
    f->parent = flow_element(f, GP_DL_TAG_LI);
    int label = flow_element(f, GP_DL_TAG_LBL);
    f->parent = flow_element(f, GP_DL_TAG_LBODY);
    return label;
}

/* A marker ("1.", a bullet) hanging right-aligned in the `hang` left of
 * an item's first line: its label. */
static void hang_marker(flow *f, placed at, double hang, const char *marker, style_id s, int label, gp_loc loc)
{
    if (f->dry)
        return;
    layout *L = f->L;
    const gp_text_style *st = &L->st[s];
    gp_line ln = gp_text_line(L->tc, marker, st, 0, loc);
    double x = f->x + fmax(0, hang - 6 - ln.width);
    L->tag.node = label, L->tag.role = style_role(s);
    emit_line(L, at.page, &ln, x, at.baseline, st->size_pt,
              (gp_box){f->x, at.baseline - baseline_offset(st), hang, st->leading_pt}, loc);
}

/* An item with a hanging marker, kept on one page when it fits on one. */
static void hanging_item(flow *f, double hang, const char *marker, style_id marker_style, int label,
                         const gp_rich *r, style_id s)
{
    flow d = flow_dry(f->L, f->w);
    flow_rich(&d, r, s, hang, PARA_GAP);
    if (d.y < f->L->bottom - f->L->top)
        flow_need(f, d.y);
    placed at = flow_rich(f, r, s, hang, PARA_GAP);
    hang_marker(f, at, hang, marker, marker_style, label, r->loc);
}

static void heading_line(flow *f, const char *text, style_id s, gp_loc loc)
{
    flow_text(f, text, s, 0, loc);
}

/* A link printed as its address, so it can be typed from paper (and
 * clickable only if it is a web or mail address: the loader warned of others). */
static void url_line(flow *f, const char *url, double indent, gp_loc loc)
{
    flow_url(f, url, indent, ST_SMALL, loc);
}

/* Notes for the person leading the discussion: only in the facilitator
 * edition, set apart by an accent rule down their left, page by page. */
static void facilitator_notes(flow *f, const gp_notes *n, double indent)
{
    layout *L = f->L;
    if (L->doc->edition != GP_EDITION_FACILITATOR || !n->count)
        return;
    flow_space(f, 4);
    int first_page = f->page;
    double first_y = f->y;
    for (size_t i = 0; i < n->count; i++)
        flow_rich(f, n->items[i], ST_SOURCE, indent + 10, PARA_GAP);
    for (int p = first_page; p <= f->page && !f->dry; p++) {
        flow at = *f;
        at.page = p;
        double y0 = p == first_page ? first_y : f->top, y1 = p == f->page ? f->y : L->bottom;
        rule(&at, f->x + indent + 2, y0 + 2, 0, y1 - y0 - 2, 2, L->brand->accent);
    }
}

/* A section's still or map, atop its body: the column's width, scaled down
 * to at most two thirds of a page's text area with its caption (so it fits
 * on any page, under a repeated heading or in a panel's padding: never
 * clipped), kept with its caption. Not in the handout. */
static void section_image(flow *f, const gp_section_image *im)
{
    layout *L = f->L;
    if (!im || L->handout)
        return;
    const gp_image_info *px = &im->image->info;
    double text_h = L->bottom - L->top;
    double caption_h = im->caption ? CAPTION_GAP + flow_rich_height(L, im->caption, ST_CAPTION, f->w, PARA_GAP) : 0;
    double max_h = fmax(text_h / 6, text_h * 2 / 3 - caption_h); /* a caption longer than that flows on */
    double h = px->height * fmin(f->w / px->width, max_h / px->height);
    flow_need(f, h + caption_h);
    if (!f->dry)
        place_image(f, im->image, im->alt ? im->alt : default_alt(L, ALT_PICTURE, im->image->path), f->x,
                    f->y, f->w, h, false, im->loc);
    f->y += h;
    if (im->caption) {
        flow_space(f, CAPTION_GAP);
        flow_rich(f, im->caption, ST_CAPTION, 0, PARA_GAP);
    }
    flow_space(f, IMAGE_GAP);
}

static double section_image_height(layout *L, const gp_section_image *im, double w)
{
    flow d = flow_dry(L, w);
    section_image(&d, im);
    return d.y;
}

/* ---- section bodies ---- */

static void body_text(flow *f, const gp_section *s)
{
    flow_rich(f, s->body, ST_BODY, 0, PARA_GAP);
}

static void body_themes(flow *f, const gp_section *s)
{
    layout *L = f->L;
    if (s->body) {
        flow_rich(f, s->body, ST_BODY, 0, PARA_GAP);
        flow_space(f, ITEM_GAP + 3);
    }
    for (size_t i = 0; i < s->nentries; i++) {
        const gp_theme *e = &s->list.themes[i];
        if (i)
            flow_space(f, ITEM_GAP + 3);
        /* keep the title with its first lines: three, as a page break
         * may still move one (no hyphen at a page end) and needs two */
        flow_need(f, L->st[ST_H2].leading_pt + 3 + 3 * L->st[ST_BODY].leading_pt);
        heading_line(f, e->title, ST_H2, e->loc);
        if (f->grid <= 0) /* on a grid the text takes the next line */
            flow_space(f, 3);
        flow_rich(f, e->body, ST_BODY, 0, PARA_GAP);
    }
}

/* The notes area's lines: a count, or the rest of the page (GP_NOTES_FILL),
 * which in a handout only its last section takes, so that the handout
 * stays as short as its questions allow (the others get five). */
static int notes_lines(const layout *L, const gp_section *s)
{
    return L->handout && s->notes_lines == GP_NOTES_FILL && s != L->last_printed ? 5 : s->notes_lines;
}

static void note_rule(layout *L, int page, double x, double y, double w)
{
    flow at = {.L = L, .x = x, .w = w, .page = page, .top = L->top};
    rule(&at, x, y, w, 0, 0.5, (gp_rgb){.r = 0.6, .g = 0.6, .b = 0.6});
}

/* Lines that would start a page and fill less than half of it are left
 * out (the notes flex): the area ends at the foot of its page instead. */
static bool notes_end_here(const flow *f, int left)
{
    double page_h = f->L->bottom - f->top;
    return NOTE_LEADING > flow_room(f) && left * NOTE_LEADING < page_h / 2;
}

void layout_notes(layout *L, flow *f, const gp_section *s)
{
    int n = notes_lines(L, s);
    if (n == 0)
        return;
    double label_h = L->st[ST_H2].leading_pt + 4;
    if (n == GP_NOTES_FILL)
        flow_need(f, label_h + 5 * NOTE_LEADING); /* a few lines at least, else a fresh page */
    else
        flow_need(f, label_h + fmin(n, 3) * NOTE_LEADING);
    heading_line(f, gp_brand_label(L->brand, GP_LABEL_NOTES, L->tc->language), ST_H2, s->loc);
    flow_space(f, 4);
    if (n == GP_NOTES_FILL) /* the rest of the page (a dry run measures five) */
        n = f->dry ? 5 : (int)floor(flow_room(f) / NOTE_LEADING);
    for (int i = 0; i < n && !(i >= 3 && !f->dry && notes_end_here(f, n - i)); i++) {
        flow_need(f, NOTE_LEADING);
        f->y += NOTE_LEADING;
        if (!f->dry)
            note_rule(L, f->page, f->x, f->y, f->w);
    }
    if (!f->dry)
        L->notes = (notes_end){true, f->page, f->x, f->y, f->w};
}

void notes_to_page_foot(layout *L)
{
    if (!L->notes.open)
        return;
    for (double y = L->notes.y + NOTE_LEADING; y <= L->bottom + 0.01; y += NOTE_LEADING)
        note_rule(L, L->notes.page, L->notes.x, y, L->notes.w);
    L->notes.open = false;
}

void notes_page(layout *L, int page, double y)
{
    flow f = {.L = L, .x = L->left, .w = L->width, .page = layout_page(L, page), .y = y, .top = L->top,
              .parent = L->document};
    heading_line(&f, gp_brand_label(L->brand, GP_LABEL_NOTES, L->tc->language), ST_H2, (gp_loc){L->brand->path, 0, 0});
    flow_space(&f, 4);
    L->notes = (notes_end){true, page, f.x, f.y, f.w};
    notes_to_page_foot(L);
}

bool notes_fit(const layout *L, double y)
{
    return L->bottom - y >= L->st[ST_H2].leading_pt + 4 + 3 * NOTE_LEADING;
}

static void body_questions(flow *f, const gp_section *s)
{
    /* the hang fits the widest number: "10." or "200." (in the language's digits) */
    char ascii[24], num[48];
    const char *language = f->L->tc->language;
    snprintf(ascii, sizeof ascii, "%zu.", s->nentries);
    gp_language_digits(language, ascii, num, sizeof num);
    gp_line widest = gp_text_line(f->L->tc, num, &f->L->st[ST_NUMBER], 0, s->loc);
    double hang = fmax(HANG, widest.width + 8);
    int outer = list_begin(f), list = f->parent;
    for (size_t i = 0; i < s->nentries; i++) {
        if (i)
            flow_space(f, ITEM_GAP);
        snprintf(ascii, sizeof ascii, "%zu.", i + 1);
        int label = item_begin(f);
        hanging_item(f, hang, gp_language_digits(language, ascii, num, sizeof num), ST_NUMBER, label,
                     s->list.questions[i].text, ST_QUESTION);
        facilitator_notes(f, &s->list.questions[i].facilitator, hang);
        f->parent = list;
    }
    f->parent = outer;
    if (s != f->L->notes_last) {
        flow_space(f, 18);
        layout_notes(f->L, f, s);
    }
}

static void figures_row(flow *f, const gp_section *s)
{
    layout *L = f->L;
    size_t per_row = s->nfigures < 3 ? s->nfigures : 3;
    double gap = 14, colw = (f->w - gap * (double)(per_row - 1)) / (double)per_row;
    for (size_t r0 = 0; r0 < s->nfigures; r0 += per_row) {
        /* measure the row, keep it whole, then set each column from the same top */
        double row_h = 0;
        for (size_t i = r0; i < r0 + per_row && i < s->nfigures; i++) {
            flow d = flow_dry(L, colw);
            flow_text(&d, s->figures[i].value, ST_FIGURE, 0, s->figures[i].loc);
            flow_text(&d, s->figures[i].label, ST_FIGURE_LABEL, 0, s->figures[i].loc);
            row_h = fmax(row_h, d.y);
        }
        flow_need(f, row_h);
        flow end = *f;
        for (size_t i = r0; i < r0 + per_row && i < s->nfigures; i++) {
            flow col = *f;
            col.x = f->x + (double)(i - r0) * (colw + gap);
            col.w = colw;
            flow_text(&col, s->figures[i].value, ST_FIGURE, 0, s->figures[i].loc);
            flow_text(&col, s->figures[i].label, ST_FIGURE_LABEL, 0, s->figures[i].loc);
            end = flow_later(&end, &col);
        }
        /* below the longest column, even one that ran onto later pages */
        end.x = f->x;
        end.w = f->w;
        *f = end;
        flow_space(f, 12);
    }
}

static void body_facts(flow *f, const gp_section *s)
{
    if (s->nfigures)
        figures_row(f, s);
    for (size_t i = 0; i < s->nentries; i++) {
        if (i)
            flow_space(f, PARA_GAP);
        flow_rich(f, s->list.facts[i].text, ST_PANEL, 0, PARA_GAP);
        flow_rich_urls(f, s->list.facts[i].text, 0, ST_SMALL);
    }
}

static void body_actions(flow *f, const gp_section *s)
{
    if (s->body) {
        flow_rich(f, s->body, ST_PANEL, 0, PARA_GAP);
        flow_rich_urls(f, s->body, 0, ST_SMALL);
        flow_space(f, ITEM_GAP);
    }
    int outer = list_begin(f), list = f->parent;
    for (size_t i = 0; i < s->nentries; i++) {
        const gp_action *e = &s->list.actions[i];
        if (i)
            flow_space(f, ITEM_GAP);
        int label = item_begin(f);
        hanging_item(f, HANG, "\xE2\x80\xA2", ST_NUMBER, label, e->text, ST_PANEL);
        flow_rich_urls(f, e->text, HANG, ST_SMALL);
        if (e->url)
            url_line(f, e->url, HANG, e->loc);
        f->parent = list;
    }
    f->parent = outer;
}

/* A quotation between the language's quotation marks, without changing the content's spans. */
static gp_rich *quoted(layout *L, const gp_rich *r)
{
    const gp_quotes *marks = gp_quotes_for(L->tc->language);
    gp_rich *q = GP_NEW(L->a, gp_rich);
    *q = *r;
    q->paras = GP_NEW_N(L->a, gp_para, r->count);
    for (size_t i = 0; i < r->count; i++) {
        const gp_para *p = &r->paras[i];
        gp_para *np = &q->paras[i];
        np->count = p->count + 2;
        np->spans = GP_NEW_N(L->a, gp_span, np->count);
        memcpy(np->spans + 1, p->spans, p->count * sizeof *p->spans);
        np->spans[0] = (gp_span){i == 0 ? marks->open : "", p->count ? p->spans[0].style : 0, NULL, NULL};
        np->spans[np->count - 1] =
            (gp_span){i + 1 == r->count ? marks->close : "", p->count ? p->spans[p->count - 1].style : 0, NULL, NULL};
    }
    return q;
}

static void attribution(flow *f, const char *who, const char *url, gp_loc loc)
{
    char *text = gp_arena_printf(f->L->a, "\xE2\x80\x94 %s", who);
    gp_span span = {text, 0, url && gp_url_linkable(url) ? url : NULL, NULL};
    gp_para p = {.spans = &span, .count = 1};
    flow_para(f, &p, ST_SOURCE, 0, loc);
}

static void body_reviews(flow *f, const gp_section *s)
{
    for (size_t i = 0; i < s->nentries; i++) {
        const gp_review *e = &s->list.reviews[i];
        if (i)
            flow_space(f, ITEM_GAP + 4);
        flow_need(f, 3 * f->L->st[ST_REVIEW].leading_pt);
        flow_rich(f, quoted(f->L, e->quote), ST_REVIEW, 0, PARA_GAP);
        flow_space(f, 2);
        attribution(f, e->source, e->url, e->loc);
        if (e->url) /* printed, or it is lost on paper */
            url_line(f, e->url, 0, e->loc);
    }
}

static void body_reading(flow *f, const gp_section *s)
{
    layout *L = f->L;
    for (size_t i = 0; i < s->nentries; i++) {
        const gp_reading *e = &s->list.reading[i];
        if (i)
            flow_space(f, ITEM_GAP + 2);
        flow_need(f, L->st[ST_QA_Q].leading_pt + 2 * L->st[ST_RAGGED].leading_pt);
        gp_span spans[2] = {{e->source, GP_SPAN_BOLD, NULL, NULL}, {NULL, GP_SPAN_ITALIC, NULL, NULL}};
        gp_para head = {.spans = spans, .count = 1};
        if (e->title) {
            spans[0].text = gp_arena_printf(L->a, "%s%s", e->source, gp_quotes_for(L->tc->language)->colon);
            spans[1].text = e->title;
            head.count = 2;
        }
        flow_para(f, &head, ST_QA_Q, 0, e->loc);
        if (e->quote)
            flow_rich(f, quoted(L, e->quote), ST_RAGGED, 0, PARA_GAP);
        if (e->url)
            url_line(f, e->url, 0, e->loc);
    }
}

static void body_qa(flow *f, const gp_section *s)
{
    layout *L = f->L;
    if (s->body) {
        flow_rich(f, s->body, ST_BODY, 0, PARA_GAP);
        flow_space(f, ITEM_GAP);
    }
    for (size_t i = 0; i < s->nentries; i++) {
        const gp_exchange *e = &s->list.exchanges[i];
        if (i)
            flow_space(f, ITEM_GAP + 2);
        flow_need(f, L->st[ST_QA_Q].leading_pt * 2 + 2 * L->st[ST_BODY].leading_pt);
        if (e->asked_by)
            flow_text(f, e->asked_by, ST_SOURCE, 0, e->loc);
        flow_rich(f, e->q, ST_QA_Q, 0, PARA_GAP);
        flow_space(f, 3);
        flow_rich(f, e->a, ST_BODY, 0, PARA_GAP);
    }
}

static void body_watch(flow *f, const gp_section *s)
{
    int outer = list_begin(f), list = f->parent;
    for (size_t i = 0; i < s->nentries; i++) {
        if (i)
            flow_space(f, ITEM_GAP);
        int label = item_begin(f);
        hanging_item(f, HANG, "\xE2\x80\xA2", ST_NUMBER, label, s->list.watch[i].text, ST_RAGGED);
        flow_rich_urls(f, s->list.watch[i].text, HANG, ST_SMALL);
        f->parent = list;
    }
    f->parent = outer;
}

/* Per type, from its row in load/section_types.def. */
typedef struct type_layout {
    void (*body)(flow *, const gp_section *);
    gp_label label; /* the default heading */
    bool panel;
} type_layout;

static const type_layout types[GP_SEC_COUNT] = {
#define GP_SECTION(id, name, alias, label, body_key, list_key, list_required, entry, items, fields, extra_key, body, \
                   panel)                                                                                          \
    [GP_SEC_##id] = {body, GP_LABEL_##label, panel},
#include "load/section_types.def"
#undef GP_SECTION
};

bool layout_in_edition(const layout *L, const gp_section *s)
{
    return !L->handout || s->type == GP_SEC_QUESTIONS;
}

static bool is_panel(const gp_section *s)
{
    return types[s->type].panel;
}

static void add_ahead(gp_ahead_para **paras, size_t *n, size_t *cap, const gp_rich *r, style_id style)
{
    for (size_t i = 0; r && i < r->count; i++) {
        GP_GROW(*paras, *n, *cap, 64);
        (*paras)[(*n)++] = (gp_ahead_para){&r->paras[i], (int)style};
    }
}

gp_ahead_para *ahead_paras(const gp_doc *doc, size_t *n)
{
    gp_ahead_para *paras = NULL;
    size_t cap = 0;
    *n = 0;
    for (size_t s = 0; s < doc->nsections; s++) {
        const gp_section *sec = &doc->sections[s];
        style_id text = is_panel(sec) ? ST_PANEL : ST_BODY;
        add_ahead(&paras, n, &cap, sec->body, text);
        for (size_t i = 0; i < sec->nentries; i++)
            switch (sec->type) {
            case GP_SEC_THEMES: add_ahead(&paras, n, &cap, sec->list.themes[i].body, ST_BODY); break;
            case GP_SEC_QUESTIONS: add_ahead(&paras, n, &cap, sec->list.questions[i].text, ST_QUESTION); break;
            case GP_SEC_FACTS: add_ahead(&paras, n, &cap, sec->list.facts[i].text, text); break;
            case GP_SEC_ACTIONS: add_ahead(&paras, n, &cap, sec->list.actions[i].text, text); break;
            case GP_SEC_WATCH: add_ahead(&paras, n, &cap, sec->list.watch[i].text, ST_RAGGED); break;
            case GP_SEC_REVIEWS: add_ahead(&paras, n, &cap, sec->list.reviews[i].quote, ST_REVIEW); break;
            case GP_SEC_READING: add_ahead(&paras, n, &cap, sec->list.reading[i].quote, ST_RAGGED); break;
            case GP_SEC_QA:
                add_ahead(&paras, n, &cap, sec->list.exchanges[i].q, ST_QA_Q);
                add_ahead(&paras, n, &cap, sec->list.exchanges[i].a, ST_BODY);
                break;
            default: break; /* (a type not named here is only not shaped ahead) */
            }
        if (sec->quote)
            add_ahead(&paras, n, &cap, sec->quote->text, ST_QUOTE);
    }
    return paras;
}

/* ---- the pull-quote sidebar ---- */

static void quote_body(flow *f, const gp_quote *q)
{
    flow_text(f, gp_quotes_for(f->L->tc->language)->open, ST_QUOTE_MARK, 0, q->loc);
    flow_rich(f, q->text, ST_QUOTE, 0, PARA_GAP);
    if (q->by) {
        flow_space(f, 6);
        attribution(f, q->by, NULL, q->loc);
    }
}

typedef struct quote_fit {
    const flow *f;
    const gp_quote *q;
    double room;
} quote_fit;

static bool quote_fits(const gp_text_style *st, const void *ctx)
{
    (void)st; /* the layout's own quote style, which quote_body() reads */
    const quote_fit *c = ctx;
    flow d = flow_dry(c->f->L, c->f->w);
    d.grid = c->f->grid;
    quote_body(&d, c->q);
    return d.y <= c->room;
}

/* The quote belongs beside its section: if it would run past the page, its
 * type is set smaller, by the layout's one rule (on the same leading, the
 * grid's), before it is left to flow on. */
static void fit_quote(flow *f, const gp_quote *q, gp_text_style *st)
{
    fit_type_size(st, quote_fits, &(quote_fit){f, q, flow_room(f)});
}

static void sidebar_quote(flow *f, const gp_quote *q)
{
    layout *L = f->L;
    gp_text_style saved = L->st[ST_QUOTE];
    fit_quote(f, q, &L->st[ST_QUOTE]);
    int first_page = f->page;
    double first_y = f->y;
    quote_body(f, q);
    L->st[ST_QUOTE] = saved;
    /* the accent rule beside the quote, one piece per page it spans */
    for (int p = first_page; p <= f->page && !f->dry; p++) {
        double y0 = p == first_page ? first_y : f->top, y1 = p == f->page ? f->y : L->bottom;
        flow at = *f; /* the rule stands in the gap, so its frame takes the gap in */
        at.page = p;
        at.x -= SIDEBAR_GAP;
        at.w += SIDEBAR_GAP;
        rule(&at, f->x - 10, y0 + 4, 0, y1 - y0 - 4, 2, L->brand->accent);
    }
}

/* ---- panels ---- */

static void panel_background(layout *L, int p0, double y0, int p1, double y1, double x, double w)
{
    for (int p = p0; p <= p1; p++) {
        double top = p == p0 ? y0 : L->top, bottom = p == p1 ? y1 : L->bottom + PANEL_PAD / 2;
        gp_dl_item *it = gp_dlist_add_background(L->dl, p, GP_DL_RECT);
        it->box = (gp_box){x, top, w, bottom - top};
        it->frame = (gp_box){x, L->top, w, L->bottom - L->top + PANEL_PAD / 2};
        it->color = L->brand->panel;
    }
}

static void section_heading(flow *f, const char *heading, const gp_section *s)
{
    layout *L = f->L;
    rule(f, f->x, f->y, 36, 0, 3, L->brand->primary);
    f->y += 8;
    heading_line(f, heading, ST_H1, s->loc);
    flow_space(f, is_panel(s) ? 8 : 10);
}

/* The section's image, the type's body, then the section's notes for the facilitator. */
static void section_body(flow *f, const gp_section *s)
{
    section_image(f, s->image);
    types[s->type].body(f, s);
    facilitator_notes(f, &s->facilitator, 0);
}

/* Justified text narrower than this many ems of the body's size cannot be
 * set without loose lines (an A5 page's column beside a sidebar). */
static const double MIN_MEASURE_EMS = 24;

static double sidebar_width(const layout *L, double w)
{
    return fmin(170, w * L->sidebar_share);
}

/* Whether a section's quote stands above its body (quote_above). */
static bool quote_goes_above(const layout *L, const gp_section *s, double w)
{
    return s->quote && !L->handout && w - sidebar_width(L, w) - SIDEBAR_GAP < MIN_MEASURE_EMS * L->st[ST_BODY].size_pt;
}

/* The height of a quote set above its section's body, 0 if there is none:
 * the heading keeps with it as with the body's first lines. */
static double quote_above_height(layout *L, const gp_section *s, double w)
{
    if (!quote_goes_above(L, s, w))
        return 0;
    flow d = flow_dry(L, w - SIDEBAR_GAP);
    sidebar_quote(&d, s->quote);
    return d.y + 12;
}

/* On a page too narrow for a sidebar, the quote stands above the body, set
 * in from the left with its rule, and the body takes the full measure. The
 * body is placed first, below the room the quote takes, so that the quote
 * is read after the section's text as a sidebar is (an Aside); a quote too
 * tall for half a page is simply set first. */
static void quote_above(flow *f, const gp_section *s)
{
    flow q = *f;
    q.x += SIDEBAR_GAP;
    q.w -= SIDEBAR_GAP;
    q.continued = NULL;
    double quote_h = quote_above_height(f->L, s, f->w) - 12;
    if (quote_h > (f->L->bottom - f->top) / 2) {
        sidebar_quote(&q, s->quote);
        f->page = q.page;
        f->y = q.y;
        flow_space(f, 12);
        section_body(f, s);
        return;
    }
    flow_need(f, quote_h);
    q.page = f->page;
    q.y = f->y;
    f->y += quote_h;
    flow_space(f, 12);
    section_body(f, s);
    q.parent = flow_element(f, GP_DL_TAG_ASIDE);
    sidebar_quote(&q, s->quote);
}

static void section_content(flow *f, const gp_section *s)
{
    if (!s->quote || f->L->handout) { /* a handout is the questions only, without their pull quote */
        section_body(f, s);
        return;
    }
    if (quote_goes_above(f->L, s, f->w)) {
        quote_above(f, s);
        return;
    }
    double side_w = sidebar_width(f->L, f->w);
    flow main = *f, side = *f;
    /* the body and its quote on one baseline grid, the body's leading */
    main.grid = side.grid = f->L->st[ST_BODY].leading_pt;
    main.grid_page = side.grid_page = f->page;
    main.grid_y = side.grid_y = f->y;
    main.w = f->w - side_w - SIDEBAR_GAP;
    side.x = f->x + main.w + SIDEBAR_GAP;
    side.w = side_w;
    side.continued = NULL;
    /* pages that end higher (layout.c's page depth) do not split a section from its quote */
    main.inset = side.inset = f->inset - f->L->depth_inset;
    section_body(&main, s);
    side.parent = flow_element(f, GP_DL_TAG_ASIDE); /* read after the section's text */
    sidebar_quote(&side, s->quote);
    /* carry on below whichever column ended later */
    *f = flow_later(&main, &side);
    f->inset = main.inset + f->L->depth_inset;
    f->grid = 0;
    f->x = main.x;
    f->w = main.w + SIDEBAR_GAP + side_w;
    f->continued = main.continued;
    f->parent = main.parent;
}

static double section_height(layout *L, const gp_section *s, const char *heading, double w)
{
    flow d = flow_dry(L, w);
    section_heading(&d, heading, s);
    section_content(&d, s);
    return d.y;
}

void layout_section(layout *L, flow *f, const gp_section *s)
{
    const char *heading = s->heading ? s->heading : gp_brand_label(L->brand, types[s->type].label, L->tc->language);
    double page_h = L->bottom - L->top;
    bool panel = is_panel(s);
    double pad = panel ? PANEL_PAD : 0;
    /* Keep: the whole section if it fits on a page (panels, short sections),
     * else its heading with the first lines of its body. */
    L->at = s->loc;
    double whole = section_height(L, s, heading, f->w - 2 * pad) + 2 * pad;
    double first = L->st[ST_H1].leading_pt + 24 + 4 * L->st[ST_BODY].leading_pt +
                   section_image_height(L, s->image, f->w - 2 * pad) + quote_above_height(L, s, f->w - 2 * pad);
    bool keep_whole = whole <= page_h && (panel || whole < page_h / 3);
    /* ...unless that would end this page under half full: then it starts here and runs on */
    if (keep_whole && whole > flow_room(f) && f->y - f->top < page_h / 2)
        keep_whole = false;
    flow_need(f, keep_whole ? whole : first);
    if (f->dry)
        return;
    gp_dlist_mark(L->dl, heading, f->page, f->y);

    flow inner = *f;
    inner.x += pad;
    inner.w -= 2 * pad;
    inner.y += pad;
    inner.top = f->top + pad;
    inner.inset = f->inset + pad;
    inner.loc = s->loc;
    inner.parent = flow_element(f, panel ? GP_DL_TAG_ASIDE : GP_DL_TAG_SECT);
    int p0 = f->page;
    double y0 = f->y;
    section_heading(&inner, heading, s);
    inner.continued = heading; /* from here: a heading too long for a page continues as itself */
    section_content(&inner, s);
    inner.y += pad;
    if (panel)
        panel_background(L, p0, y0, inner.page, inner.y, f->x, f->w);
    f->page = inner.page;
    f->y = inner.y;
}
