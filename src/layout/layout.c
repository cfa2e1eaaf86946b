/* The layout driver: styles from the brand, then cover, sections, back
 * page, and finally the footers (which need the page count).
 *
 * Type sizes and spacing are fixed here, in one table, so that every brand
 * gets the same typographic care: a 10.5/14.5 pt body, headings in the
 * brand's heading face and primary colour, the quote in its quote face. */
#include "layout_int.h"

#include "base/arena.h"
#include "base/language.h"

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
    bool brand_text;     /* its text is the brand's (the club's name, the back page): in the brand's language */
    bool anchored;       /* its lines start at the guide's start side whichever way they read: the club's
                            name under its logo, the band's text and addresses beside their QR codes */
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
    [ST_SMALL] = {GP_ROLE_HEADING, 8.5, 11.5, 1, 0, false, GP_DL_ROLE_LINK, GP_DL_TAG_P, false, false, true},
    [ST_CAPTION] = {GP_ROLE_BODY, 9, 12, 0, GP_SPAN_ITALIC, false, GP_DL_ROLE_CAPTION, GP_DL_TAG_P, false},
    [ST_NUMBER] = {GP_ROLE_HEADING, 11, 14.5, 1, GP_SPAN_BOLD, false, GP_DL_ROLE_NUMBER, GP_DL_TAG_LBL, false},
    [ST_FIGURE] = {GP_ROLE_HEADING, 26, 30, 1, GP_SPAN_BOLD, false, GP_DL_ROLE_FIGURE, GP_DL_TAG_P, false},
    [ST_FIGURE_LABEL] = {GP_ROLE_HEADING, 9, 12, 0, 0, false, GP_DL_ROLE_LABEL, GP_DL_TAG_P, false},
    [ST_QA_Q] = {GP_ROLE_HEADING, 10.5, 14.5, 2, GP_SPAN_BOLD, false, GP_DL_ROLE_QUESTION, GP_DL_TAG_P, false},
    [ST_FOOTER] = {GP_ROLE_HEADING, 8, 10, 3, 0, false, GP_DL_ROLE_FOOTER, GP_DL_TAG_P, true},
    [ST_COVER_BRAND] = {GP_ROLE_HEADING, 13, 17, 1, GP_SPAN_BOLD, false, GP_DL_ROLE_LABEL, GP_DL_TAG_P, false, true, true},
    [ST_COVER_TITLE] = {GP_ROLE_HEADING, 40, 45, 1, GP_SPAN_BOLD, false, GP_DL_ROLE_TITLE, GP_DL_TAG_H1, false},
    [ST_COVER_SUB] = {GP_ROLE_HEADING, 15, 20, 2, 0, false, GP_DL_ROLE_LABEL, GP_DL_TAG_P, false},
    [ST_COVER_LOGLINE] = {GP_ROLE_QUOTE, 15, 21, 0, GP_SPAN_ITALIC, false, GP_DL_ROLE_QUOTE, GP_DL_TAG_P, false},
    [ST_BACK_HEADING] = {GP_ROLE_HEADING, 24, 30, 1, GP_SPAN_BOLD, false, GP_DL_ROLE_HEADING, GP_DL_TAG_H2, false, true},
    [ST_BACK_BODY] = {GP_ROLE_BODY, 10.5, 14.5, 0, 0, true, GP_DL_ROLE_BODY, GP_DL_TAG_P, false, true},
    [ST_HANDOUT_TITLE] = {GP_ROLE_HEADING, 24, 30, 1, GP_SPAN_BOLD, false, GP_DL_ROLE_TITLE, GP_DL_TAG_H1, false},
    [ST_BAND_NAME] = {GP_ROLE_HEADING, 13, 17, 4, GP_SPAN_BOLD, false, GP_DL_ROLE_LABEL, GP_DL_TAG_P, false, true, true},
    [ST_BAND_TAGLINE] = {GP_ROLE_HEADING, 15, 20, 4, 0, false, GP_DL_ROLE_BODY, GP_DL_TAG_P, false, true, true},
    [ST_BAND_URL] = {GP_ROLE_HEADING, 8.5, 11.5, 4, 0, false, GP_DL_ROLE_LINK, GP_DL_TAG_P, false, true, true},
};

gp_dl_role style_role(style_id s)
{
    return specs[s].dl_role;
}

bool style_is_artifact(style_id s)
{
    return specs[s].artifact;
}

bool style_is_anchored(style_id s)
{
    return specs[s].anchored;
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

/* A guide in a language written in Arabic letters, in a style whose face
 * lacks them: the fallback face that prints them is set larger
 * (gp_style_size_adjust: st->script_scale), and its lines open by as much
 * as its ascender, at that size, rises past 1.5 em (Nastaliq's cascading
 * words, 1.9 em: 1.6x, the room above each line; Naskh 1.07, Noto Sans
 * Arabic 1.37, so not those); a heading's by all of the face's ascent. */
static void fit_script(layout *L, gp_text_style *st, const char *language, bool heading)
{
    static const char *const arabic_letters[] = {"ar", "fa", "ur", "ps", "ckb", "sd", "ug", NULL};
    enum { HEH = 0x0647 };
    gp_face *want = st->faces[0];
    st->script_scale = 1;
    st->above_pt = 0;
    if (!gp_language_in(language, arabic_letters) || gp_face_has(want, HEH))
        return;
    gp_face *f = gp_fontset_pick(L->tc->fonts, want, HEH, NULL, L->tc->language_loc, L->tc->d);
    double taller = f->ascender * gp_face_size_adjust(want, f, HB_SCRIPT_ARABIC) / 1.5, leading = st->leading_pt;
    st->leading_pt *= taller > 1 ? taller : 1;
    st->above_pt = st->leading_pt - leading; /* the cascades rise: the room goes above */
    st->script_scale = gp_style_size_adjust(st, want, f, HB_SCRIPT_ARABIC);
    /* A heading stands under a rule or a space, not under a line whose
     * descent leaves room: a cascading face's heading line holds all of the
     * face's ascent (the top stroke of Nastaliq's gaf touched a section's
     * rule). */
    double room = f->ascender * st->size_pt * st->script_scale - baseline_offset(st);
    if (heading && taller > 1 && room > 0)
        st->above_pt += room, st->leading_pt += room;
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
        fit_script(L, st, sp->brand_text ? b->language : L->tc->language,
                   sp->tag == GP_DL_TAG_H1 || sp->tag == GP_DL_TAG_H2 || sp->tag == GP_DL_TAG_H3);
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
        ls = (gp_lines){.lines = &one, .count = 1};
    } else {
        text_box box = footer_box(L, form);
        if (form->cut_text)
            text = shorten_to_fit(L, box, text, compose_as_is, NULL);
        gp_span span = {text, 0, NULL, NULL};
        ls = gp_para_set(L->tc, &(gp_para){.spans = &span, .count = 1}, &form->st, L->width, 0, loc);
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
    f.inset = L->depth_inset;
    bool first = true;
    for (size_t i = 0; i < L->doc->nsections && !L->full; i++) {
        const gp_section *s = &L->doc->sections[i];
        if (!layout_in_edition(L, s))
            continue;
        if (!first)
            flow_space(&f, 26);
        first = false;
        size_t marks = L->dl->nmarks;
        layout_section(L, &f, s);
        /* the next section began on a later page: the notes before it flex down to its foot */
        if (L->dl->nmarks > marks && L->dl->marks[marks].page > L->notes.page)
            notes_to_page_foot(L);
        if (f.page == L->notes.page && f.y > L->notes.y + 0.5)
            L->notes.open = false;
        L->page = f.page > L->page ? f.page : L->page;
    }
    if (L->notes_last && !L->full) {
        flow_space(&f, 26);
        layout_notes(L, &f, L->notes_last);
    }
    notes_to_page_foot(L);
    return f;
}

/* The last questions section with notes: what the pages added to reach the
 * count are for, and what may move to the end to fill the last page. */
static const gp_section *notes_section(const layout *L)
{
    const gp_section *last = NULL;
    for (size_t i = 0; i < L->doc->nsections; i++)
        if (L->doc->sections[i].type == GP_SEC_QUESTIONS && L->doc->sections[i].notes_lines)
            last = &L->doc->sections[i];
    return last;
}

/* The guide's pages with its back page (one, but for an absurd band). */
static int total_pages(const layout *L, const flow *f)
{
    return f->page + 1 + (layout_has_back(L) ? 1 : 0);
}

/* How far down its text area page p's content reaches (0 to 1), as
 * tests/typeset/fullness.py measures it: to a line's descenders. */
static double page_fill(const layout *L, int p)
{
    const gp_dl_page *pg = &L->dl->pages[p];
    double low = L->top;
    for (size_t i = 0; i < pg->count; i++) {
        const gp_dl_item *it = &pg->items[i];
        if (it->kind != GP_DL_LINK)
            low = fmax(low, it->kind == GP_DL_TEXT ? it->box.y + 0.25 * it->box.h : it->box.y + fmax(0, it->box.h));
    }
    return (low - L->top) / (L->bottom - L->top);
}

/* Whether every page of the body is at least half full. */
static bool pages_fill(const layout *L, int first_page, int last_page)
{
    for (int p = first_page; p <= last_page; p++)
        if (page_fill(L, p) < 0.5)
            return false;
    return true;
}

/* A way to lay the body out: its spacing and the moves that balance its pages. */
typedef struct body_plan {
    double space;                 /* vertical spacing's scale (flow_space) */
    double depth;                 /* the share of each page's text area the body fills */
    const gp_section *notes_last; /* a questions section whose notes follow the last section */
} body_plan;

typedef struct body_pass {
    layout *L;
    dl_state start;
    int first_page, multiple, most; /* most: the count it must come to (or less, by a multiple) */
    double y;
    flow f;                         /* where the plan last laid out ended, */
    int total;                      /* the guide's pages then, */
    double content;                 /* and the body's pages' fill added up */
} body_pass;

static void lay_plan(body_pass *b, body_plan plan)
{
    layout *L = b->L;
    dl_restore(L, &b->start);
    L->space = plan.space, L->notes_last = plan.notes_last;
    L->depth_inset = (1 - plan.depth) * (L->bottom - L->top);
    b->f = lay_sections(L, b->first_page, b->y);
    L->space = 1, L->notes_last = NULL, L->depth_inset = 0;
    b->total = total_pages(L, &b->f);
    b->content = 0;
    for (int p = b->first_page; p <= b->f.page; p++)
        b->content += page_fill(L, p);
}

/* The plan's pages come to the count (or save a multiple of pages) and none is under half full. */
static bool lay_plan_well(body_pass *b, body_plan plan)
{
    lay_plan(b, plan);
    return b->L->full || (b->total % b->multiple == 0 && b->total <= b->most &&
                          pages_fill(b->L, b->first_page, b->f.page));
}

/* The page depth that spreads `content` (pages' fill added up) over
 * `pages` pages, the last one three quarters full; 0 if the content is
 * too little to leave none under half full. */
static double spreading_depth(double content, int pages)
{
    if (pages < 2 || content < 0.5 * pages)
        return 0;
    return fmin(1, (content - 0.75) / (pages - 1));
}

/* Page composition aware of the count: a guide prints on both sides of its
 * sheets, so its pages come to an even number (a multiple of 4 folded as a
 * booklet), and no page is left under half full where a better break
 * exists. The moves, in turn, each a layout of the body:
 *  - tighter spacing (0.75x, 0.5x), if that saves the pages short of the count;
 *  - the notes after the last section, where they flex to its page's foot;
 *  - without notes, every page ending a little higher, spreading the body
 *    evenly over the pages the count needs (or balancing a short last page);
 * then, the first that works failing, the layout as written with its notes
 * at the foot of its last page and notes pages for the count, and only
 * without notes blank pages before the back page. Never smaller type. */
static flow lay_body(layout *L, int multiple)
{
    body_pass b = {.L = L, .first_page = L->page, .multiple = multiple, .y = L->y};
    b.start = dl_save(L, b.first_page);
    body_plan plan = {1, 1, NULL};
    lay_plan(&b, plan);
    int extra = (multiple - b.total % multiple) % multiple;
    b.most = b.total + extra;
    if (L->full || multiple == 1 || (extra == 0 && pages_fill(L, b.first_page, b.f.page)))
        return b.f;
    double content = b.content;
    for (double space = 0.75; extra && space > 0.4; space -= 0.25) {
        body_plan tighter = {space, 1, NULL};
        lay_plan(&b, tighter);
        if (L->full || b.total == b.most - multiple) {
            if (L->full || pages_fill(L, b.first_page, b.f.page))
                return b.f;
            plan = tighter, extra = 0, b.most = b.total, content = b.content; /* balanced below */
            break;
        }
    }
    const gp_section *notes = notes_section(L);
    if (notes && lay_plan_well(&b, (body_plan){plan.space, 1, notes}))
        return b.f;
    /* the depth that spreads the body, moved halfway to what it missed (keeps end pages higher) */
    double depth = spreading_depth(content, b.most - (layout_has_back(L) ? 1 : 0) - b.first_page), low = 0, high = 1;
    for (int i = 0; !notes && depth > 0 && i < 4; i++) {
        if (lay_plan_well(&b, (body_plan){plan.space, depth, NULL}))
            return b.f;
        *(b.total > b.most ? &low : &high) = depth;
        depth = (low + high) / 2;
    }
    lay_plan(&b, plan);
    flow f = b.f;
    if (notes && notes_fit(L, f.y + 26) && (extra || page_fill(L, f.page) < 0.5))
        notes_page(L, f.page, f.y + 26); /* the notes begin at the foot of the last page */
    for (int i = 0; i < extra && !L->full; i++) {
        f.page = layout_page(L, f.page + 1);
        if (notes)
            notes_page(L, f.page, L->top);
        f.y = L->bottom;
    }
    return f;
}

bool gp_layout_guide(gp_textctx *tc, const gp_doc *doc, const gp_brand *brand, int page_multiple, gp_dlist *dl)
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
    size_t nparas;
    gp_ahead_para *paras = ahead_paras(doc, &nparas);
    gp_ahead *ahead = gp_ahead_start(tc, paras, nparas, L.st, ST_COUNT);
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
    flow f = lay_body(&L, L.handout ? 1 : page_multiple);
    L.page = f.page;
    L.y = f.y;
    int back_page = !L.handout && layout_has_back(&L) && !L.full ? layout_back(&L) : (int)dl->npages;
    gp_ahead_stop(tc, ahead);
    free(paras);
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
