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
    gp_dlist_page(L->dl, page);
    if (page > L->page)
        L->page = page;
    return page;
}

flow flow_start(layout *L, double x, double w)
{
    return (flow){.L = L, .x = x, .w = w, .page = L->page, .y = L->y, .top = L->top};
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
    return (st->leading_pt - st->size_pt) / 2 + st->size_pt * 0.8;
}

void flow_new_page(flow *f)
{
    if (f->dry)
        return;
    layout *L = f->L;
    f->page = layout_page(L, f->page + 1);
    f->y = f->top;
    if (f->continued) {
        const gp_text_style *st = &L->st[ST_SOURCE];
        char *text = gp_arena_printf(L->a, "%s (%s)", f->continued, L->brand->labels[GP_LABEL_CONTINUED]);
        gp_span span = {text, 0, NULL};
        gp_para p = {&span, 1};
        gp_lines ls = gp_para_set(L->tc, &p, st, f->w, 0, f->loc);
        for (size_t i = 0; i < ls.count; i++, f->y += st->leading_pt)
            emit_line(L, f->page, &ls.lines[i], f->x, f->y + baseline_offset(st), st->size_pt,
                      (gp_box){f->x, f->y, f->w, st->leading_pt}, f->loc);
        f->y += 6;
    }
}

void flow_need(flow *f, double h)
{
    if (!f->dry && h > flow_room(f) && f->y > f->top + 0.5)
        flow_new_page(f);
}

void flow_space(flow *f, double h)
{
    if (!f->dry && h >= flow_room(f))
        flow_new_page(f);
    else if (f->y > f->top + 0.01 || f->dry)
        f->y += h;
}

void emit_line(layout *L, int page, const gp_line *ln, double x, double baseline, double size, gp_box frame,
               gp_loc loc)
{
    for (size_t r = 0; r < ln->nruns; r++) {
        const gp_run *run = &ln->runs[r];
        gp_dl_item *it = gp_dlist_add(L->dl, page, GP_DL_TEXT);
        it->box = (gp_box){x + run->x, baseline, run->width, run->size_pt};
        it->frame = frame;
        it->color = run->color;
        it->face = run->face;
        it->cps = run->cps;
        it->adv = run->adv;
        it->n = run->n;
        it->letter_spacing = run->letter_spacing;
        it->loc = loc;
        if (run->url) {
            gp_dl_item *link = gp_dlist_add(L->dl, page, GP_DL_LINK);
            link->box = (gp_box){x + run->x, baseline - size * 0.85, run->width, size * 1.1};
            link->frame = frame;
            link->url = run->url;
            link->loc = loc;
        }
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
    if (f->grid <= 0)
        return;
    double origin = f->page == f->grid_page ? f->grid_y : f->top;
    double k = ceil((f->y - origin) / f->grid - 1e-6);
    f->y = origin + (k > 0 ? k : 0) * f->grid;
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
    size_t i = 0;
    while (i < ls->count) {
        size_t left = ls->count - i;
        size_t fit = f->dry ? left : (size_t)fmax(0, floor((flow_room(f) + 0.001) / lead));
        size_t take = lines_to_take(ls->lines + i, i, left, fit, f->y <= f->top + 0.5);
        for (size_t k = 0; k < take; k++, i++) {
            if (i == 0)
                first = (placed){f->page, f->y + off};
            if (!f->dry)
                emit_line(L, f->page, &ls->lines[i], f->x + indent, f->y + off, st->size_pt,
                          (gp_box){f->x, f->y, f->w, lead}, loc);
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
    gp_span span = {text, span_style, NULL};
    gp_para p = {&span, 1};
    return flow_para(f, &p, s, 0, loc);
}

double flow_rich_height(layout *L, const gp_rich *r, style_id s, double w, double para_gap)
{
    flow d = flow_dry(L, w);
    flow_rich(&d, r, s, 0, para_gap);
    return d.y;
}
