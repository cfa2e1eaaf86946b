/* Booklet imposition (layout/impose.c): which page goes on which half of
 * which side, for booklets worked out by hand, and the pass itself: every
 * item and bookmark moved with its page, nothing lost, nothing doubled. */
#include "layout/impose.h"

#include "harness.h"

#include <string.h>

/* The halves of every side, left then right, of a booklet of `pages` (1-based page numbers, 0 a blank). */
static void order_of(int pages, int back, int *out)
{
    int n = (pages + 3) / 4 * 4;
    for (int s = 0; s < n / 2; s++)
        for (int h = 0; h < 2; h++)
            out[2 * s + h] = gp_booklet_page(pages, back, s, h) + 1;
}

static void test_orders(void)
{
    int got[20];
    /* 8 pages: sheet 1 front 8|1, back 2|7; sheet 2 front 6|3, back 4|5 */
    static const int eight[] = {8, 1, 2, 7, 6, 3, 4, 5};
    order_of(8, 1, got);
    CHECK(!memcmp(got, eight, sizeof eight));
    /* 7 pages with a back page: one blank, before the back page (7 stays last) */
    static const int seven[] = {7, 1, 2, 0, 6, 3, 4, 5};
    order_of(7, 1, got);
    CHECK(!memcmp(got, seven, sizeof seven));
    /* 5 pages: three blanks before the back page */
    static const int five[] = {5, 1, 2, 0, 0, 3, 4, 0};
    order_of(5, 1, got);
    CHECK(!memcmp(got, five, sizeof five));
    /* no back page: the blanks go last */
    static const int three[] = {0, 1, 2, 3};
    order_of(3, 0, got);
    CHECK(!memcmp(got, three, sizeof three));
    /* a back page of two pages (an over-long band) stays last, whole */
    static const int six2[] = {6, 1, 2, 5, 0, 3, 4, 0};
    order_of(6, 2, got);
    CHECK(!memcmp(got, six2, sizeof six2));
}

static void test_pass(void)
{
    gp_dlist dl = {.page_w = 420, .page_h = 595, .back_pages = 1};
    for (int p = 0; p < 5; p++) {
        gp_dl_item *bg = gp_dlist_add_background(&dl, p, GP_DL_RECT);
        bg->box = (gp_box){10, 10, 100, 100};
        gp_dl_item *link = gp_dlist_add(&dl, p, GP_DL_LINK);
        link->box = (gp_box){20 + p, 30, 40, 10};
        link->url = "https://example.org";
    }
    gp_dlist_mark(&dl, "Third", 2, 50);
    gp_impose_booklet(&dl);
    CHECK_EQ_INT((int)dl.npages, 4);
    CHECK_NEAR(dl.page_w, 840, 1e-9);
    CHECK_NEAR(dl.page_h, 595, 1e-9);
    /* side 3 (second sheet's front): blank | page 3 */
    const gp_dl_page *s = &dl.pages[2];
    CHECK_EQ_INT((int)s->nbackground, 1);
    CHECK(s->count == 4); /* the page's two items and the two fold marks */
    CHECK_NEAR(s->items[0].box.x, 430, 1e-9);
    CHECK(s->items[1].kind == GP_DL_LINK && s->items[1].box.x == 420 + 22);
    CHECK(s->items[2].kind == GP_DL_RULE && s->items[2].box.x == 420 && s->items[2].box.y + s->items[2].box.h <= 12);
    /* the bookmark follows page 3 onto that side */
    CHECK(dl.nmarks == 1 && dl.marks[0].page == 2 && dl.marks[0].y == 50);
    /* side 1: the back page on the left, the cover on the right */
    CHECK(dl.pages[0].items[0].box.x == 10 && dl.pages[0].items[1].box.x == 10 + 420);
    int links = 0;
    for (size_t p = 0; p < dl.npages; p++)
        for (size_t i = 0; i < dl.pages[p].count; i++)
            links += dl.pages[p].items[i].kind == GP_DL_LINK;
    CHECK_EQ_INT(links, 5);
    gp_dlist_free(&dl);
}

int main(void)
{
    test_orders();
    test_pass();
    return harness_report();
}
