/* Flows: filling a column from page to page.
 *
 * A flow keeps its page and the top of its free space. Every placement asks
 * how much room is left and starts a new page when needed, so nothing is
 * ever clipped. Paragraph lines are placed with widow and orphan control:
 * a page break never leaves a paragraph's first or last line alone. A dry
 * flow runs the same code on an endless page to measure heights (keeps). */
#include "layout_int.h"


#include <math.h>
#include <string.h>

enum { MIN_LINES_AT_BREAK = 2 };

int layout_page(layout *L, int page)
{
    if (page >= GP_MAX_PAGES) {
        if (!L->full)
            gp_error(L->tc->d, L->at,
                     "the guide runs past the limit of %d pages here; shorten the content or split it into "
                     "several guides",
                     GP_MAX_PAGES);
        L->full = true;
        page = GP_MAX_PAGES - 1;
        /* the rest is laid out only to finish (each page makes progress),
         * on one scratch page: memory stays that of one page */
        gp_dl_page *pg = &L->dl->pages[page];
        pg->count = pg->nbackground = 0;
    }
    gp_dlist_page(L->dl, page);
    if (page > L->page)
        L->page = page;
    return page;
}

flow flow_later(const flow *a, const flow *b)
{
    return a->page > b->page || (a->page == b->page && a->y >= b->y) ? *a : *b;
}

bool fit_type_size(gp_text_style *st, type_fits_fn fits, const void *ctx)
{
    double size = st->size_pt, least = fmax(MIN_TYPE_PT, size * 0.75);
    if (fits(st, ctx))
        return true;
    /* the smallest first: text too long even for it is not measured five times */
    st->size_pt = least;
    if (least < size && fits(st, ctx)) {
        for (int percent = 95; size * percent / 100 > least; percent -= 5) {
            st->size_pt = size * percent / 100;
            if (fits(st, ctx))
                return true;
        }
        st->size_pt = least;
        return true;
    }
    st->size_pt = size;
    return false;
}

size_t text_line_count(layout *L, const char *text, text_box box)
{
    gp_span span = {text, 0, NULL, NULL};
    gp_para p = {.spans = &span, .count = 1};
    return gp_para_set(L->tc, &p, box.st, box.w, 0, box.loc).count;
}

const char *compose_as_is(layout *L, const char *cut, const void *ctx)
{
    (void)L, (void)ctx;
    return cut;
}

static bool composed_fits(layout *L, text_box box, const char *s, size_t len, compose_fn compose, const void *ctx)
{
    const char *cut = gp_arena_printf(L->a, "%.*s\xE2\x80\xA6", (int)len, s);
    return text_line_count(L, compose(L, cut, ctx), box) <= box.max_lines;
}

/* A cut at len, moved back to a word's end if one is in the prefix's second
 * half, without the spaces and punctuation before the ellipsis. */
static size_t tidy_cut(const char *s, size_t len)
{
    size_t space = len;
    while (space > len / 2 && s[space] != ' ')
        space--;
    if (space > len / 2)
        len = space;
    while (len && strchr(" ,;:.-", s[len - 1]))
        len--;
    return len;
}

const char *shorten_to_fit(layout *L, text_box box, const char *s, compose_fn compose, const void *ctx)
{
    if (text_line_count(L, compose(L, s, ctx), box) <= box.max_lines)
        return s;
    /* binary search on the prefix's length in bytes, at code point starts:
     * a prefix of lo bytes fits (or lo is 0), one of hi does not */
    size_t lo = 0, hi = strlen(s);
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        while (mid > lo && ((unsigned char)s[mid] & 0xC0) == 0x80)
            mid--;
        while (mid == lo || ((unsigned char)s[mid] & 0xC0) == 0x80)
            mid++;
        if (mid >= hi)
            break;
        if (composed_fits(L, box, s, mid, compose, ctx))
            lo = mid;
        else
            hi = mid;
    }
    size_t len = tidy_cut(s, lo);
    return gp_arena_printf(L->a, "%.*s\xE2\x80\xA6", (int)len, s);
}

gp_dl_item *place_image(flow *f, const gp_image *img, const char *alt, double x, double y, double max_w,
                        double max_h, bool right_align, gp_loc loc)
{
    layout *L = f->L;
    if (!img || max_w <= 0 || max_h <= 0)
        return NULL;
    double scale = fmin(max_w / img->info.width, max_h / img->info.height);
    double w = img->info.width * scale, h = img->info.height * scale;
    int node = flow_element(f, GP_DL_TAG_FIGURE);
    if (node)
        L->dl->nodes[node].alt = alt;
    gp_dl_item *it = gp_dlist_add(L->dl, f->page, GP_DL_IMAGE);
    it->box = (gp_box){right_align ? x + max_w - w : x, y, w, h};
    it->frame = (gp_box){x, y, max_w, max_h};
    it->image = img;
    it->loc = loc;
    it->node = node;
    return it;
}

flow flow_start(layout *L, double x, double w)
{
    return (flow){.L = L, .x = x, .w = w, .page = L->page, .y = L->y, .top = L->top, .parent = L->document};
}

int flow_element(flow *f, gp_dl_tag tag)
{
    return f->dry ? 0 : gp_dlist_node(f->L->dl, tag, f->parent);
}

flow flow_dry(layout *L, double w)
{
    return (flow){.L = L, .x = 0, .w = w, .page = 0, .y = 0, .top = 0, .dry = true};
}

double flow_room(const flow *f)
{
    return f->dry ? INFINITY : f->L->bottom - f->inset - f->y;
}

double baseline_offset(const gp_text_style *st)
{
    double size = st->size_pt * (st->script_scale > 0 ? st->script_scale : 1);
    return st->above_pt + (st->leading_pt - st->above_pt - size) / 2 + size * 0.8;
}

static const char *with_continued_label(layout *L, const char *cut, const void *label)
{
    return gp_arena_printf(L->a, "%s (%s)", cut, (const char *)label);
}

/* "Heading (continued)" in at most two lines, whatever the heading's and the
 * label's length: a repeat must leave its page room for what it repeats. */
static gp_lines continued_lines(flow *f)
{
    layout *L = f->L;
    if (L->continued.heading != f->continued || L->continued.w != f->w) {
        text_box box = {&L->st[ST_SOURCE], f->w, 2, f->loc}, one_line = box;
        one_line.max_lines = 1;
        const char *continued = gp_brand_label(L->brand, GP_LABEL_CONTINUED, L->tc->language);
        const char *label = shorten_to_fit(L, one_line, continued, compose_as_is, NULL);
        const char *cut = shorten_to_fit(L, box, f->continued, with_continued_label, label);
        gp_span span = {with_continued_label(L, cut, label), 0, NULL, NULL};
        gp_para p = {.spans = &span, .count = 1};
        L->continued.heading = f->continued;
        L->continued.w = f->w;
        L->continued.lines = gp_para_set(L->tc, &p, box.st, f->w, 0, f->loc);
    }
    return L->continued.lines;
}

void flow_new_page(flow *f)
{
    if (f->dry)
        return;
    layout *L = f->L;
    f->page = layout_page(L, f->page + 1);
    f->y = f->top;
    f->head = 0;
    if (f->continued) { /* an artifact: the heading was read where it began */
        const gp_text_style *st = &L->st[ST_SOURCE];
        gp_lines ls = continued_lines(f);
        text_tag tag = L->tag;
        L->tag.node = 0, L->tag.role = GP_DL_ROLE_HEADING;
        for (size_t i = 0; i < ls.count; i++, f->y += st->leading_pt)
            emit_line(L, f->page, &ls.lines[i], f->x, f->y + baseline_offset(st), st->size_pt,
                      (gp_box){f->x, f->y, f->w, st->leading_pt}, f->loc);
        L->tag = tag;
        f->y += 6;
        f->head = f->y - f->top;
    }
}

/* The first line of the baseline grid at or below y (y itself without a grid). */
static double on_grid(const flow *f, double y)
{
    if (f->grid <= 0)
        return y;
    double origin = f->page == f->grid_page ? f->grid_y : f->top;
    double k = ceil((y - origin) / f->grid - 1e-6);
    return origin + (k > 0 ? k : 0) * f->grid;
}

/* Nothing placed on this page yet but its repeated heading: a new page would
 * be no roomier, so whatever comes must go here (progress, always). */
static bool at_page_top(const flow *f)
{
    double top = f->top + f->head;
    if (f->page != f->grid_page) /* (on its first page a grid starts below a heading) */
        top = on_grid(f, top);
    return f->y <= top + 0.5;
}

void flow_need(flow *f, double h)
{
    if (!f->dry && h > flow_room(f) && !at_page_top(f))
        flow_new_page(f);
}

void flow_space(flow *f, double h)
{
    h *= f->L->space;
    if (!f->dry && h >= flow_room(f))
        flow_new_page(f);
    else if (f->y > f->top + 0.01 || f->dry)
        f->y += h;
}

/* The Link element for a linked run: the one its previous line made, if
 * the link goes on, else a new one in the run's element. */
static int link_element(layout *L, const char *url)
{
    if (!L->tag.node)
        return 0;
    if (L->tag.link_in != L->tag.node || L->tag.link_url != url) {
        L->tag.link = gp_dlist_node(L->dl, GP_DL_TAG_LINK, L->tag.node);
        L->tag.link_in = L->tag.node;
        L->tag.link_url = url;
    }
    return L->tag.link;
}

/* The text of a hyphenated line's last run, its hyphen (the break's, not
 * the word's) a soft hyphen: what a screen reader or search gets joins the
 * word again (PDF 1.7 §14.8.2.5). */
static const uint32_t *soft_hyphen_end(layout *L, const gp_run *run)
{
    if (!run->ntext || run->text[run->ntext - 1] != '-')
        return run->text;
    uint32_t *text = gp_arena_alloc(L->a, run->ntext * sizeof *text);
    memcpy(text, run->text, run->ntext * sizeof *text);
    text[run->ntext - 1] = 0xAD;
    return text;
}

/* A colour face's glyphs as images, each at its glyph's place and size,
 * over the run's text, which is drawn invisibly: what copying, search and
 * the tags read. Decoration to a screen reader (artifacts). */
static void emit_glyph_images(layout *L, int page, const gp_run *run, double x, double baseline, gp_box frame,
                              gp_loc loc)
{
    double size = run->size_pt, units = size / run->face->upem;
    for (size_t i = 0; i < run->nglyphs; x += run->glyphs[i++].adv) {
        const gp_glyph *g = &run->glyphs[i];
        const gp_glyph_image *gi = gp_face_glyph_image(run->face, g->gid);
        if (!gi)
            continue;
        gp_dl_item *it = gp_dlist_add(L->dl, page, GP_DL_IMAGE);
        it->box = (gp_box){x + g->dx * units + gi->x * size, baseline - g->dy * units + gi->y * size, gi->w * size,
                           gi->h * size};
        it->frame = frame;
        it->image = &gi->image;
        it->loc = loc;
    }
}

void emit_line(layout *L, int page, const gp_line *ln, double x, double baseline, double size, gp_box frame,
               gp_loc loc)
{
    /* The runs are added in reading order (the content stream's order),
     * each at its place in the visual order; in a right-to-left guide
     * placed the other way round, so that mirroring the page
     * (layout_mirror) gives them back their visual order. */
    for (size_t r = 0; r < ln->nruns; r++) {
        const gp_run *run = &ln->runs[r];
        double run_x = x + (L->rtl ? ln->width - run->x - run->width : run->x);
        gp_dl_item *it = gp_dlist_add(L->dl, page, GP_DL_TEXT);
        it->box = (gp_box){run_x, baseline, run->width, run->size_pt};
        it->frame = frame;
        it->color = run->color;
        it->font = run->face->id;
        it->glyphs = run->glyphs;
        it->nglyphs = run->nglyphs;
        it->text = r + 1 == ln->nruns && ln->hyphenated ? soft_hyphen_end(L, run) : run->text;
        it->ntext = run->ntext;
        it->language = run->lang ? run->lang : run_language(L, run->text, run->ntext);
        it->letter_spacing = run->letter_spacing;
        it->rtl = run->rtl;
        it->loc = loc;
        it->role = L->tag.role;
        int node = run->url ? link_element(L, run->url) : L->tag.node;
        it->node = node;
        it->space_after = r + 1 == ln->nruns && L->tag.line_space && node;
        it->invisible = run->face->color;
        if (run->url) { /* (adding it may move `it`) */
            gp_dl_item *link = gp_dlist_add(L->dl, page, GP_DL_LINK);
            link->box = (gp_box){run_x, baseline - size * 0.85, run->width, size * 1.1};
            link->frame = frame;
            link->url = run->url;
            link->text = run->text;
            link->ntext = run->ntext;
            link->node = node;
            link->loc = loc;
        }
        if (run->face->color)
            emit_glyph_images(L, page, run, run_x, baseline, frame, loc);
    }
}

/* How many of `left` lines (from `lines`) to put on this page, `fit` fitting. */
static size_t lines_to_take(const gp_line *lines, size_t done, size_t left, size_t fit, bool at_top)
{
    if (fit >= left)
        return left;
    size_t take = fit;
    if (left - take < MIN_LINES_AT_BREAK && left > MIN_LINES_AT_BREAK)
        take = left - MIN_LINES_AT_BREAK;          /* no widow */
    while (take && lines[take - 1].hyphenated)     /* no word split across pages */
        take--;
    if (done == 0 && take < MIN_LINES_AT_BREAK)
        take = 0;                                  /* no orphan */
    if (take == 0 && at_top)
        take = fit ? fit : 1;                      /* a page must always make progress */
    return take;
}

/* Moves down to the next line of the baseline grid, if the flow has one. */
static void snap_to_grid(flow *f)
{
    f->y = on_grid(f, f->y);
}

/* Where line i starts in its `room`: at the guide's start side, unless
 * its paragraph reads the other way (an English paragraph in a Persian
 * guide, a Persian one in an English guide), whose lines then start at
 * the other side, as that paragraph's own direction has them; text that
 * goes with a logo or QR code stays beside it (style_is_anchored). */
static double line_start(const layout *L, const gp_lines *ls, size_t i, double room, style_id s)
{
    return ls->rtl == L->rtl || style_is_anchored(s) ? 0 : fmax(0, room - ls->lines[i].width);
}

placed flow_lines(flow *f, const gp_lines *ls, style_id s, double indent, gp_loc loc)
{
    snap_to_grid(f);
    layout *L = f->L;
    const gp_text_style *st = &L->st[s];
    double lead = st->leading_pt, off = baseline_offset(st);
    if (f->grid > 0) {
        /* whole grid lines; a line of text on the body's baseline, a taller
         * one (the quote mark) centred in its lines */
        lead = ceil(lead / f->grid - 1e-6) * f->grid;
        off = lead > f->grid ? (lead - st->size_pt) / 2 + st->size_pt * 0.8 : baseline_offset(&L->st[ST_BODY]);
    }
    placed first = {f->page, f->y + off};
    if (!f->dry) {
        L->at = loc;
        L->tag.node = style_is_artifact(s) ? 0 : flow_element(f, style_tag(s));
        L->tag.role = style_role(s);
        L->tag.paragraph = *ls;
        L->tag.han_script = -1;
    }
    size_t i = 0;
    while (i < ls->count) {
        size_t left = ls->count - i;
        size_t fit = f->dry ? left : (size_t)fmax(0, floor((flow_room(f) + 0.001) / lead));
        size_t take = lines_to_take(ls->lines + i, i, left, fit, at_page_top(f));
        for (size_t k = 0; k < take; k++, i++) {
            if (i == 0)
                first = (placed){f->page, f->y + off};
            if (!f->dry) {
                L->tag.line_space = i + 1 < ls->count && line_ends_at_space(&ls->lines[i]);
                emit_line(L, f->page, &ls->lines[i], f->x + indent + line_start(L, ls, i, f->w - indent, s),
                          f->y + off, st->size_pt, (gp_box){f->x, f->y, f->w, lead}, loc);
                L->tag.line_space = false;
            }
            f->y += lead;
        }
        if (i < ls->count)
            flow_new_page(f);
    }
    return first;
}

placed flow_para(flow *f, const gp_para *p, style_id s, double indent, gp_loc loc)
{
    gp_lines ls = gp_para_set(f->L->tc, p, &f->L->st[s], f->w - indent, 0, loc);
    return flow_lines(f, &ls, s, indent, loc);
}

placed flow_rich(flow *f, const gp_rich *r, style_id s, double indent, double para_gap)
{
    placed first = {f->page, f->y};
    for (size_t i = 0; i < r->count; i++) {
        if (i)
            flow_space(f, para_gap);
        placed p = flow_para(f, &r->paras[i], s, indent, r->loc);
        if (i == 0)
            first = p;
    }
    return first;
}

placed flow_text(flow *f, const char *text, style_id s, unsigned span_style, gp_loc loc)
{
    gp_span span = {text, span_style, NULL, NULL};
    gp_para p = {.spans = &span, .count = 1};
    return flow_para(f, &p, s, 0, loc);
}

double flow_rich_height(layout *L, const gp_rich *r, style_id s, double w, double para_gap)
{
    flow d = flow_dry(L, w);
    flow_rich(&d, r, s, 0, para_gap);
    return d.y;
}
