/* Booklet imposition as a pass over the display list: the pages are laid
 * out as if printed one by one, then moved onto sheets. With the sheets
 * stacked, folded and stapled in the middle, sheet i carries, on its front,
 * the last page but 2i on the left and page 2i + 1 on the right, and on its
 * back page 2i + 2 on the left and the last page but 2i + 1 on the right
 * (1-based); a printer duplexing on the short edge prints the back side the
 * right way up. */
#include "impose.h"

#include "base/arena.h"

#include <stdlib.h>

/* The fold mark: a hairline at the fold, in the margin only. */
static const double FOLD_MARK_PT = 12;

static int padded(int pages)
{
    return (pages + 3) / 4 * 4;
}

int gp_booklet_page(int pages, int back_pages, int side, int half)
{
    int n = padded(pages), sheet = side / 2, slot;
    if (side % 2 == 0)
        slot = half ? 2 * sheet : n - 1 - 2 * sheet;
    else
        slot = half ? n - 2 - 2 * sheet : 2 * sheet + 1;
    /* blanks fill the slots before the back page */
    int body = pages - back_pages;
    if (slot < body)
        return slot;
    if (slot >= n - back_pages)
        return slot - (n - pages);
    return -1;
}

static void copy_half(gp_dlist *out, int side, const gp_dl_page *pg, double dx)
{
    for (size_t i = 0; i < pg->count; i++) {
        gp_dl_item *it = i < pg->nbackground ? gp_dlist_add_background(out, side, pg->items[i].kind)
                                             : gp_dlist_add(out, side, pg->items[i].kind);
        *it = pg->items[i];
        it->box.x += dx;
        it->frame.x += dx;
    }
}

static void fold_marks(gp_dlist *out, int side, double x, double h)
{
    for (int end = 0; end < 2; end++) {
        gp_dl_item *it = gp_dlist_add(out, side, GP_DL_RULE);
        it->box = (gp_box){x, end ? h - FOLD_MARK_PT : 0, 0, FOLD_MARK_PT};
        it->frame = (gp_box){x, 0, 0, h};
        it->line_width = 0.3;
        it->color = (gp_rgb){.r = 0.5, .g = 0.5, .b = 0.5};
    }
}

void gp_impose_booklet(gp_dlist *dl)
{
    int pages = (int)dl->npages, sides = padded(pages) / 2;
    double w = dl->page_w;
    gp_dlist out = {.page_w = 2 * w, .page_h = dl->page_h, .title = dl->title, .author = dl->author,
                    .subject = dl->subject, .back_pages = dl->back_pages};
    int *side_of = gp_xmalloc((size_t)(pages ? pages : 1) * sizeof *side_of);
    for (int s = 0; s < sides; s++) {
        gp_dlist_page(&out, s);
        for (int half = 0; half < 2; half++) {
            int p = gp_booklet_page(pages, dl->back_pages, s, half);
            if (p >= 0) {
                copy_half(&out, s, &dl->pages[p], half * w);
                side_of[p] = s;
            }
        }
        fold_marks(&out, s, w, dl->page_h);
    }
    for (size_t m = 0; m < dl->nmarks; m++)
        gp_dlist_mark(&out, dl->marks[m].title, side_of[dl->marks[m].page], dl->marks[m].y);
    free(side_of);
    out.fonts = dl->fonts, out.nfonts = dl->nfonts; /* the sheets print with the pages' fonts */
    dl->fonts = NULL, dl->nfonts = 0;
    gp_dlist_free(dl);
    *dl = out;
}

/* Crop marks: hairlines on the trim's lines, from 3 pt outside the bleed
 * (so that no mark shows on a page cut a little off) for 12 pt. */
static const double CROP_GAP_PT = 3, CROP_LEN_PT = 12;

/* A rectangle that reaches an edge of the page reaches on into the bleed. */
static void into_bleed(gp_box *b, double w, double h, double bleed)
{
    const double touch = 0.01;
    double x0 = b->x, y0 = b->y, x1 = b->x + b->w, y1 = b->y + b->h;
    x0 = x0 <= touch ? x0 - bleed : x0;
    y0 = y0 <= touch ? y0 - bleed : y0;
    x1 = x1 >= w - touch ? x1 + bleed : x1;
    y1 = y1 >= h - touch ? y1 + bleed : y1;
    *b = (gp_box){x0, y0, x1 - x0, y1 - y0};
}

static void crop_mark(gp_dlist *dl, int page, double x, double y, double w, double h)
{
    gp_dl_item *it = gp_dlist_add(dl, page, GP_DL_RULE);
    it->box = (gp_box){x, y, w, h};
    it->frame = (gp_box){0, 0, dl->page_w, dl->page_h};
    it->line_width = 0.25;
    it->color = (gp_rgb){.r = 0, .g = 0, .b = 0};
}

static void crop_marks_on(gp_dlist *dl, int page, gp_box t, double bleed)
{
    double out = bleed + CROP_GAP_PT;
    for (int corner = 0; corner < 4; corner++) {
        double x = corner & 1 ? t.x + t.w : t.x, y = corner & 2 ? t.y + t.h : t.y;
        double dx = corner & 1 ? 1 : -1, dy = corner & 2 ? 1 : -1;
        crop_mark(dl, page, x + dx * out, y, dx * CROP_LEN_PT, 0);
        crop_mark(dl, page, x, y + dy * out, 0, dy * CROP_LEN_PT);
    }
}

void gp_impose_bleed(gp_dlist *dl, double bleed, bool crop_marks)
{
    double w = dl->page_w, h = dl->page_h;
    double off = bleed + (crop_marks ? CROP_GAP_PT + CROP_LEN_PT : 0);
    for (size_t p = 0; p < dl->npages; p++) {
        gp_dl_page *pg = &dl->pages[p];
        for (size_t i = 0; i < pg->count; i++) {
            gp_dl_item *it = &pg->items[i];
            if (it->kind == GP_DL_RECT)
                into_bleed(&it->box, w, h, bleed);
            it->box.x += off, it->box.y += off;
            it->frame.x += off, it->frame.y += off;
        }
    }
    for (size_t m = 0; m < dl->nmarks; m++)
        dl->marks[m].y += off;
    dl->page_w = w + 2 * off, dl->page_h = h + 2 * off;
    dl->trim = (gp_box){off, off, w, h};
    dl->bleed = (gp_box){off - bleed, off - bleed, w + 2 * bleed, h + 2 * bleed};
    for (size_t p = 0; crop_marks && p < dl->npages; p++)
        crop_marks_on(dl, (int)p, dl->trim, bleed);
}
