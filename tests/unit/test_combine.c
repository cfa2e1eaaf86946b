/* A combined PDF's display list (layout/dlist.c gp_dlist_append): each
 * guide from an odd page, a blank page before it when needed, its items
 * with their fonts renumbered to the list's (one font per file and face),
 * one bookmark per guide with its own under it. */
#include "layout/dlist.h"

#include "harness.h"

/* A guide of `pages` pages, a text item on each in font 0 or 1, and one bookmark. */
static void guide(gp_dlist *dl, const char *title, int pages, hb_font_t *hb)
{
    *dl = (gp_dlist){.page_w = 612, .page_h = 792, .title = title};
    gp_dlist_add_font(dl, "/fonts/a.ttf", 0, hb, 0.9, -0.2, 0.7);
    gp_dlist_add_font(dl, "/fonts/b.ttf", 1, hb, 0.9, -0.2, 0.7);
    for (int p = 0; p < pages; p++) {
        gp_dl_item *it = gp_dlist_add(dl, p, GP_DL_TEXT);
        it->font = p % 2;
        it->box = (gp_box){p, 0, 0, 10};
    }
    gp_dlist_mark(dl, "Questions", pages - 1, 100);
}

static void test_append(void)
{
    hb_font_t *hb = hb_font_create(hb_face_get_empty());
    gp_dlist a, b, c, all = {0};
    guide(&a, "A", 3, hb);
    guide(&b, "B", 2, hb);
    guide(&c, "C", 1, hb);
    /* b's fonts in the other order: the list's are shared by file and face */
    gp_dl_font swap = b.fonts[0];
    b.fonts[0] = b.fonts[1], b.fonts[1] = swap;
    gp_dlist_append(&all, &a);
    gp_dlist_append(&all, &b);
    gp_dlist_append(&all, &c);
    /* A: pages 1-3, a blank 4, B: 5-6, C: 7 */
    CHECK_EQ_INT((int)all.npages, 7);
    CHECK_EQ_INT((int)all.pages[3].count, 0);
    CHECK_EQ_INT((int)all.nfonts, 2);
    CHECK_NEAR(all.page_w, 612, 1e-9);
    CHECK_EQ_INT(all.pages[4].items[0].font, 1); /* b's font 0 is b.ttf, the list's 1 */
    CHECK_EQ_INT(all.pages[5].items[0].font, 0);
    CHECK_NEAR(all.pages[6].items[0].box.x, 0, 1e-9);
    static const struct {
        const char *title;
        int page, level;
    } marks[] = {{"A", 0, 0}, {"Questions", 2, 1}, {"B", 4, 0}, {"Questions", 5, 1}, {"C", 6, 0}, {"Questions", 6, 1}};
    CHECK_EQ_INT((int)all.nmarks, 6);
    for (size_t i = 0; i < all.nmarks && i < 6; i++) {
        CHECK(!strcmp(all.marks[i].title, marks[i].title));
        CHECK_EQ_INT(all.marks[i].page, marks[i].page);
        CHECK_EQ_INT(all.marks[i].level, marks[i].level);
    }
    /* the guides' own lists are untouched (each frees its own) */
    CHECK_EQ_INT((int)b.npages, 2);
    CHECK_EQ_INT(b.pages[0].items[0].font, 0);
    gp_dlist_free(&all);
    gp_dlist_free(&a);
    gp_dlist_free(&b);
    gp_dlist_free(&c);
    hb_font_destroy(hb);
}

int main(void)
{
    test_append();
    return harness_report();
}
