/* The layout driver: styles from the brand, then cover, sections, back
 * page, and finally the footers (which need the page count).
 *
 * Type sizes and spacing are fixed here, in one table, so that every brand
 * gets the same typographic care: a 10.5/14.5 pt body, headings in the
 * brand's heading face and primary colour, the quote in its quote face. */
#include "layout_int.h"

#include "base/arena.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct style_spec {
    gp_font_role role;
    double size, leading;
    int color;           /* 0 text, 1 primary, 2 accent, 3 muted, 4 white (also for links) */
    unsigned flip;
    bool justify;
    gp_dl_role dl_role;  /* what its text is, in the display list */
    gp_dl_tag tag;       /* the element its paragraphs are in a tagged PDF */
    bool artifact;       /* decoration: no element */
} style_spec;

static const style_spec specs[ST_COUNT] = {
    [ST_BODY] = {GP_ROLE_BODY, 10.5, 14.5, 0, 0, true, GP_DL_ROLE_BODY, GP_DL_TAG_P, false},
    [ST_RAGGED] = {GP_ROLE_BODY, 10.5, 14.5, 0, 0, false, GP_DL_ROLE_BODY, GP_DL_TAG_P, false},
    [ST_QUESTION] = {GP_ROLE_BODY, 10.5, 14.5, 0, 0, false, GP_DL_ROLE_QUESTION, GP_DL_TAG_P, false},
    [ST_PANEL] = {GP_ROLE_BODY, 10, 13.8, 0, 0, false, GP_DL_ROLE_BODY, GP_DL_TAG_P, false},
    [ST_H1] = {GP_ROLE_HEADING, 20, 25, 1, GP_SPAN_BOLD, false, GP_DL_ROLE_HEADING, GP_DL_TAG_H2, false},
    [ST_H2] = {GP_ROLE_HEADING, 12, 14.5, 2, GP_SPAN_BOLD, false, GP_DL_ROLE_THEME_TITLE, GP_DL_TAG_H3, false},
    [ST_QUOTE] = {GP_ROLE_QUOTE, 13, 14.5, 2, GP_SPAN_ITALIC, false, GP_DL_ROLE_QUOTE, GP_DL_TAG_P, false},
    [ST_QUOTE_MARK] = {GP_ROLE_HEADING, 26, 29, 1, GP_SPAN_BOLD, false, GP_DL_ROLE_QUOTE, GP_DL_TAG_P, true},
    [ST_QUOTE_BY] = {GP_ROLE_HEADING, 9.5, 13, 2, GP_SPAN_BOLD, false, GP_DL_ROLE_CAPTION, GP_DL_TAG_P, false},
    [ST_REVIEW] = {GP_ROLE_QUOTE, 12.5, 17, 0, GP_SPAN_ITALIC, false, GP_DL_ROLE_QUOTE, GP_DL_TAG_P, false},
    [ST_SOURCE] = {GP_ROLE_HEADING, 9.5, 13, 2, GP_SPAN_BOLD, false, GP_DL_ROLE_LABEL, GP_DL_TAG_P, false},
    [ST_SMALL] = {GP_ROLE_HEADING, 8.5, 11.5, 1, 0, false, GP_DL_ROLE_LINK, GP_DL_TAG_P, false},
    [ST_CAPTION] = {GP_ROLE_BODY, 9, 12, 0, GP_SPAN_ITALIC, false, GP_DL_ROLE_CAPTION, GP_DL_TAG_P, false},
    [ST_NUMBER] = {GP_ROLE_HEADING, 11, 14.5, 1, GP_SPAN_BOLD, false, GP_DL_ROLE_NUMBER, GP_DL_TAG_LBL, false},
    [ST_FIGURE] = {GP_ROLE_HEADING, 26, 30, 1, GP_SPAN_BOLD, false, GP_DL_ROLE_FIGURE, GP_DL_TAG_P, false},
    [ST_FIGURE_LABEL] = {GP_ROLE_HEADING, 9, 12, 0, 0, false, GP_DL_ROLE_LABEL, GP_DL_TAG_P, false},
    [ST_QA_Q] = {GP_ROLE_HEADING, 10.5, 14.5, 2, GP_SPAN_BOLD, false, GP_DL_ROLE_QUESTION, GP_DL_TAG_P, false},
    [ST_FOOTER] = {GP_ROLE_HEADING, 8, 10, 3, 0, false, GP_DL_ROLE_FOOTER, GP_DL_TAG_P, true},
    [ST_COVER_BRAND] = {GP_ROLE_HEADING, 13, 17, 1, GP_SPAN_BOLD, false, GP_DL_ROLE_LABEL, GP_DL_TAG_P, false},
    [ST_COVER_TITLE] = {GP_ROLE_HEADING, 40, 45, 1, GP_SPAN_BOLD, false, GP_DL_ROLE_TITLE, GP_DL_TAG_H1, false},
    [ST_COVER_SUB] = {GP_ROLE_HEADING, 15, 20, 2, 0, false, GP_DL_ROLE_LABEL, GP_DL_TAG_P, false},
    [ST_COVER_LOGLINE] = {GP_ROLE_QUOTE, 15, 21, 0, GP_SPAN_ITALIC, false, GP_DL_ROLE_QUOTE, GP_DL_TAG_P, false},
    [ST_BACK_HEADING] = {GP_ROLE_HEADING, 24, 30, 1, GP_SPAN_BOLD, false, GP_DL_ROLE_HEADING, GP_DL_TAG_H2, false},
    [ST_HANDOUT_TITLE] = {GP_ROLE_HEADING, 24, 30, 1, GP_SPAN_BOLD, false, GP_DL_ROLE_TITLE, GP_DL_TAG_H1, false},
    [ST_BAND_NAME] = {GP_ROLE_HEADING, 13, 17, 4, GP_SPAN_BOLD, false, GP_DL_ROLE_LABEL, GP_DL_TAG_P, false},
    [ST_BAND_TAGLINE] = {GP_ROLE_HEADING, 15, 20, 4, 0, false, GP_DL_ROLE_BODY, GP_DL_TAG_P, false},
    [ST_BAND_URL] = {GP_ROLE_HEADING, 8.5, 11.5, 4, 0, false, GP_DL_ROLE_LINK, GP_DL_TAG_P, false},
};

gp_dl_role style_role(style_id s)
{
    return specs[s].dl_role;
}

bool style_is_artifact(style_id s)
{
    return specs[s].artifact;
}

gp_dl_tag style_tag(style_id s)
{
    return specs[s].tag;
}

/* a tint of c towards white: less of each ink for a CMYK colour */
static gp_rgb tint(gp_rgb c, double t)
{
    if (c.cmyk)
        return gp_cmyk(c.c * (1 - t), c.m * (1 - t), c.y * (1 - t), c.k * (1 - t));
    return (gp_rgb){.r = c.r + (1 - c.r) * t, .g = c.g + (1 - c.g) * t, .b = c.b + (1 - c.b) * t};
}

/* How small the page is: 0 for half-letter and below, 1 from A4 up. Type,
 * margins (brand.c) and the sidebar follow it, so that a small page is
 * designed for its size, not a big one shrunk: type a tenth smaller (a
 * 9.5 pt body on A5), the sidebar a larger share of the narrower measure. */
static double page_smallness(double page_w)
{
    return 1 - fmin(1, fmax(0, (page_w - 396) / (595.276 - 396)));
}

/* The facts panel's call-out numbers stand in a row: tabular figures (tnum,
 * where the face has them) give every digit the same advance, before the
 * brand's heading features (which may turn them off). */
static gp_features figure_features(layout *L, gp_features heading)
{
    gp_font_feature *fs = GP_NEW_N(L->a, gp_font_feature, heading.count + 1);
    fs[0] = (gp_font_feature){HB_TAG('t', 'n', 'u', 'm'), 1};
    memcpy(fs + 1, heading.items ? heading.items : fs, heading.count * sizeof *fs);
    return (gp_features){fs, heading.count + 1};
}

static bool make_styles(layout *L)
{
    double type = 1 - 0.1 * page_smallness(L->dl->page_w);
    const gp_brand *b = L->brand;
    gp_face *faces[GP_ROLE_COUNT][GP_FACE_COUNT];
    for (int r = 0; r < GP_ROLE_COUNT; r++)
        for (int f = 0; f < GP_FACE_COUNT; f++)
            if (!(faces[r][f] = gp_fontset_open(L->tc->fonts, &b->fonts[r].faces[f], L->tc->d)))
                return false;
    gp_rgb white = {.r = 1, .g = 1, .b = 1};
    gp_rgb colors[5] = {b->text, b->primary, b->accent, tint(b->text, 0.45), white};
    for (int s = 0; s < ST_COUNT; s++) {
        const style_spec *sp = &specs[s];
        gp_text_style *st = &L->st[s];
        memcpy(st->faces, faces[sp->role], sizeof st->faces);
        st->features = s == ST_FIGURE ? figure_features(L, b->features[sp->role]) : b->features[sp->role];
        st->size_pt = sp->size * type;
        st->leading_pt = sp->leading * type;
        st->color = colors[sp->color];
        st->link_color = sp->color == 4 ? white : b->primary;
        st->style_flip = sp->flip;
        st->justify = sp->justify;
        st->hyphenate = sp->role == GP_ROLE_BODY;
    }
    return true;
}

/* The footer template with its placeholders filled in ({title} with `title`). */
static const char *footer_text(layout *L, int page, int pages, const char *title)
{
    const char *t = L->brand->footer;
    const char *out = "";
    while (*t) {
        const char *open = strchr(t, '{');
        if (!open)
            return gp_arena_printf(L->a, "%s%s", out, t);
        const char *close = strchr(open, '}');
        if (!close)
            return gp_arena_printf(L->a, "%s%s", out, t);
        out = gp_arena_printf(L->a, "%s%.*s", out, (int)(open - t), t);
        size_t n = (size_t)(close - open - 1);
        const char *v = "";
        if (!strncmp(open + 1, "name", n) && n == 4)
            v = L->brand->name ? L->brand->name : "";
        else if (!strncmp(open + 1, "title", n) && n == 5)
            v = title;
        else if (!strncmp(open + 1, "pages", n) && n == 5)
            v = layout_number(L, pages);
        else if (!strncmp(open + 1, "page", n) && n == 4)
            v = layout_number(L, page);
        out = gp_arena_printf(L->a, "%s%s", out, v);
        t = close + 1;
    }
    /* drop separators left dangling by an empty placeholder ({name} with no name) */
    while (!strncmp(out, " \xC2\xB7 ", 4))
        out += 4;
    return out;
}

enum { FOOTER_MAX_LINES = 2 };

/* How every page's footer is set, decided once on the widest (the last
 * page's number): one line, shrunk by the layout's one rule; else up to two
 * lines at full size, the title shortened if need be; else the text itself. */
typedef struct footer_form {
    gp_text_style st;
    bool one_line;
    const char *title;  /* the title as it fits */
    bool cut_text;      /* the brand's own text is too long: each page's is shortened */
} footer_form;

typedef struct footer_ctx {
    layout *L;
    const char *text;
} footer_ctx;

static bool footer_fits_line(const gp_text_style *st, const void *ctx)
{
    const footer_ctx *c = ctx;
    return gp_text_line(c->L->tc, c->text, st, 0, (gp_loc){c->L->brand->path, 0, 0}).width <= c->L->width;
}

static const char *footer_with_title(layout *L, const char *cut, const void *pages)
{
    return footer_text(L, *(const int *)pages, *(const int *)pages, cut);
}

static text_box footer_box(layout *L, const footer_form *form)
{
    return (text_box){&form->st, L->width, FOOTER_MAX_LINES, {L->brand->path, 0, 0}};
}

static footer_form footer_plan(layout *L, int pages)
{
    footer_form form = {L->st[ST_FOOTER], false, L->doc->film.title, false};
    footer_ctx widest = {L, footer_text(L, pages, pages, form.title)};
    if ((form.one_line = fit_type_size(&form.st, footer_fits_line, &widest)))
        return form;
    text_box box = footer_box(L, &form);
    form.title = shorten_to_fit(L, box, form.title, footer_with_title, &pages);
    form.cut_text = text_line_count(L, footer_text(L, pages, pages, form.title), box) > FOOTER_MAX_LINES;
    return form;
}

static void footer_on(layout *L, const footer_form *form, int p, int pages)
{
    const char *text = footer_text(L, p + 1, pages, form->title);
    gp_loc loc = L->brand->footer_loc;
    double lead = form->st.leading_pt, y = L->dl->page_h - L->top / 2;
    gp_line one;
    gp_lines ls;
    if (form->one_line) {
        one = gp_text_line(L->tc, text, &form->st, 0, loc);
        ls = (gp_lines){&one, 1};
    } else {
        text_box box = footer_box(L, form);
        if (form->cut_text)
            text = shorten_to_fit(L, box, text, compose_as_is, NULL);
        gp_span span = {text, 0, NULL, NULL};
        ls = gp_para_set(L->tc, &(gp_para){&span, 1}, &form->st, L->width, 0, loc);
    }
    /* centred, the last line on the footer's baseline */
    L->tag.node = 0, L->tag.role = GP_DL_ROLE_FOOTER;
    for (size_t i = 0; i < ls.count; i++) {
        const gp_line *ln = &ls.lines[i];
        double base = y - (double)(ls.count - 1 - i) * lead;
        double x = L->left + fmax(0, (L->width - ln->width) / 2);
        emit_line(L, p, ln, x, base, form->st.size_pt, (gp_box){L->left, base - form->st.size_pt, L->width, lead},
                  loc);
    }
}

/* Footers on every page but the cover, blank pages and the back page (a handout
 * has neither cover nor back page). */
static void footers(layout *L, int back_page)
{
    int pages = (int)L->dl->npages;
    footer_form form = footer_plan(L, pages);
    for (int p = L->handout ? 0 : 1; p < back_page; p++)
        if (L->dl->pages[p].count)
            footer_on(L, &form, p, pages);
}

static const gp_section *last_printed(const layout *L)
{
    const gp_section *last = NULL;
    for (size_t i = 0; i < L->doc->nsections; i++)
        if (layout_in_edition(L, &L->doc->sections[i]))
            last = &L->doc->sections[i];
    return last;
}

/* The display list as the body found it, to lay the body out again. The
 * first page may hold the end of the cover (an intro that ran on). */
typedef struct dl_state {
    size_t pages, marks, nodes, items, background;
    gp_dl_item *first;
    text_tag tag; /* and the tagging's state (element ids made again) */
} dl_state;

static dl_state dl_save(layout *L, int first_page)
{
    gp_dl_page *pg = &L->dl->pages[first_page];
    dl_state s = {(size_t)first_page + 1, L->dl->nmarks, L->dl->nnodes, pg->count, pg->nbackground,
                  GP_NEW_N(L->a, gp_dl_item, pg->count ? pg->count : 1), L->tag};
    if (pg->count) /* (an empty page may have no items array) */
        memcpy(s.first, pg->items, pg->count * sizeof *pg->items);
    return s;
}

static void dl_restore(layout *L, const dl_state *s)
{
    gp_dlist *dl = L->dl;
    L->tag = s->tag;
    for (size_t p = s->pages; p < dl->npages; p++)
        free(dl->pages[p].items);
    dl->npages = s->pages;
    dl->nmarks = s->marks;
    dl->nnodes = s->nodes; /* the elements the body made, made again */
    gp_dl_page *pg = &dl->pages[s->pages - 1];
    if (s->items)
        memcpy(pg->items, s->first, s->items * sizeof *pg->items);
    pg->count = s->items;
    pg->nbackground = s->background;
}

/* The sections, from the page after the cover; returns where they end. */
static flow lay_sections(layout *L, int first_page, double y)
{
    L->page = first_page;
    L->y = y;
    L->notes.open = false;
    flow f = flow_start(L, L->left, L->width);
    bool first = true;
    for (size_t i = 0; i < L->doc->nsections && !L->full; i++) {
        if (!layout_in_edition(L, &L->doc->sections[i]))
            continue;
        if (!first)
            flow_space(&f, 26);
        first = false;
        size_t marks = L->dl->nmarks;
        layout_section(L, &f, &L->doc->sections[i]);
        /* the next section began on a later page: the notes before it flex down to its foot */
        if (L->dl->nmarks > marks && L->dl->marks[marks].page > L->notes.page)
            notes_to_page_foot(L);
        if (f.page == L->notes.page && f.y > L->notes.y + 0.5)
            L->notes.open = false;
        L->page = f.page > L->page ? f.page : L->page;
    }
    notes_to_page_foot(L);
    return f;
}

/* A notes area somewhere: what the pages added to reach the count are for. */
static bool has_notes(const gp_doc *doc)
{
    for (size_t i = 0; i < doc->nsections; i++)
        if (doc->sections[i].type == GP_SEC_QUESTIONS && doc->sections[i].notes_lines)
            return true;
    return false;
}

/* The guide's pages with its back page (one, but for an absurd band). */
static int total_pages(const layout *L, const flow *f)
{
    return f->page + 1 + (layout_has_back(L) ? 1 : 0);
}

/* Page composition aware of the count: a guide prints on both sides of its
 * sheets, so its pages come to an even number (a multiple of 4 folded as a
 * booklet). First the spacing flexes (tighter, if that saves the page
 * short of the count), then the notes (a page of ruled lines, if the guide
 * has notes), and only then blank pages before the back page. */
static flow lay_body(layout *L, int multiple)
{
    int first_page = L->page;
    double y = L->y;
    dl_state start = dl_save(L, first_page);
    flow f = lay_sections(L, first_page, y);
    int total = total_pages(L, &f), extra = (multiple - total % multiple) % multiple;
    if (extra == 0 || L->full)
        return f;
    /* the least flex that saves the pages short of the count */
    for (double space = 0.75; space > 0.4; space -= 0.25) {
        L->space = space;
        dl_restore(L, &start);
        f = lay_sections(L, first_page, y);
        L->space = 1;
        if (L->full || total - total_pages(L, &f) == multiple - extra)
            return f;
    }
    dl_restore(L, &start);
    f = lay_sections(L, first_page, y);
    bool notes = has_notes(L->doc);
    if (notes && notes_fit(L, f.y + 26)) /* the notes begin at the foot of the last page */
        notes_page(L, f.page, f.y + 26);
    for (int i = 0; i < extra && !L->full; i++) {
        f.page = layout_page(L, f.page + 1);
        if (notes)
            notes_page(L, f.page, L->top);
        f.y = L->bottom;
    }
    return f;
}

bool gp_layout_guide(gp_textctx *tc, const gp_doc *doc, const gp_brand *brand, bool booklet, gp_dlist *dl)
{
    layout L = {.tc = tc, .a = tc->a, .doc = doc, .brand = brand, .dl = dl, .rtl = gp_guide_settings_of(doc, brand).rtl,
                .space = 1};
    tc->rtl = L.rtl;
    dl->page_w = brand->page_w_pt;
    dl->page_h = brand->page_h_pt;
    dl->title = doc->film.title;
    dl->subject = gp_arena_printf(tc->a, "A discussion guide for %s", doc->film.title);
    dl->author = brand->name;
    double m = brand->margin_pt;
    L.left = m;
    L.right = brand->page_w_pt - m;
    L.width = L.right - L.left;
    L.top = m;
    L.bottom = brand->page_h_pt - m - 12; /* room for the footer */
    L.sidebar_share = 0.3 + 0.06 * page_smallness(dl->page_w);
    if (!make_styles(&L))
        return false;
    L.y = L.top;
    L.at = (gp_loc){doc->path, 0, 0};
    dl->language = tc->language;
    L.document = gp_dlist_node(dl, GP_DL_TAG_DOCUMENT, 0);
    L.handout = doc->edition == GP_EDITION_HANDOUT;
    L.last_printed = last_printed(&L);
    if (L.handout && !L.last_printed)
        gp_warn(tc->d, (gp_loc){doc->path, 0, 0},
                "the guide has no `questions` section, so its handout holds only the film's title; add one");
    L.handout ? layout_handout_head(&L) : layout_cover(&L);
    /* a handout is as short as its questions: its count does not flex */
    flow f = lay_body(&L, L.handout ? 1 : booklet ? 4 : 2);
    L.page = f.page;
    L.y = f.y;
    int back_page = !L.handout && layout_has_back(&L) && !L.full ? layout_back(&L) : (int)dl->npages;
    if (L.full) /* (reported where it happened) */
        return false;
    footers(&L, back_page);
    for (size_t i = 0; i < tc->fonts->count; i++) { /* face ids are the list's font indexes */
        const gp_face *face = tc->fonts->faces[i];
        gp_dlist_add_font(dl, face->file.path, face->file.index, face->hb_font, face->ascender, face->descender,
                          face->cap_height);
    }
    dl->back_pages = (int)dl->npages - back_page;
    if (L.rtl)
        layout_mirror(dl);
    return true;
}
