/* The preflight pass (src/layout/preflight.c) on hand-made display lists:
 * each check at its threshold, from both sides. */
#include "harness.h"
#include "layout/preflight.h"

#include <stdlib.h>

#define LETTER_W 612.0
#define LETTER_H 792.0
#define SAFE_PT (3.0 * 72 / 25.4)

static const uint32_t letter_x[] = {'x'};
static const gp_glyph glyph_x[] = {{.adv = 5, .gid = 1}};

static gp_brand letter_brand(void)
{
    return (gp_brand){.page_w_pt = LETTER_W, .page_h_pt = LETTER_H};
}

/* A one-page list of that page size. */
static gp_dlist page_of(double w, double h)
{
    gp_dlist dl = {.page_w = w, .page_h = h};
    gp_dlist_page(&dl, 0);
    return dl;
}

static void add_image(gp_dlist *dl, const gp_image *img, gp_box box, int line)
{
    gp_dl_item *it = gp_dlist_add(dl, 0, GP_DL_IMAGE);
    it->box = box;
    it->image = img;
    it->loc = (gp_loc){"guide.yaml", line, 11};
}

/* A text item: x, baseline y, width, size, as layout makes them. */
static void add_text(gp_dlist *dl, double x, double y, double w, double size, int line)
{
    gp_dl_item *it = gp_dlist_add(dl, 0, GP_DL_TEXT);
    it->box = (gp_box){x, y, w, size};
    it->glyphs = glyph_x;
    it->nglyphs = 1;
    it->text = letter_x;
    it->ntext = 1;
    it->loc = (gp_loc){"guide.yaml", line, 5};
}

/* Runs the pass: how many items it found, and its diagnostics in *d. */
static size_t preflight(gp_dlist *dl, const gp_brand *b, gp_diags *d)
{
    size_t found = gp_preflight(dl, b, d);
    gp_dlist_free(dl);
    return found;
}

static bool said(const gp_diags *d, size_t i, int line, const char *words)
{
    return i < d->count && d->items[i].severity == GP_WARNING && d->items[i].loc.line == line &&
           strstr(d->items[i].message, words);
}

static void test_resolution(void)
{
    gp_brand b = letter_brand();
    gp_image at300 = {.path = "at300.png", .info = {.width = 300, .height = 450, .colors = 3}};
    gp_image under = {.path = "under.png", .info = {.width = 299, .height = 450, .colors = 3}};
    gp_image short_side = {.path = "short.png", .info = {.width = 600, .height = 299, .colors = 1}};
    gp_diags d = {0};
    gp_dlist dl = page_of(LETTER_W, LETTER_H);
    add_image(&dl, &at300, (gp_box){100, 100, 72, 108}, 4);     /* 1 x 1.5 in */
    add_image(&dl, &under, (gp_box){100, 300, 72, 108}, 5);
    add_image(&dl, &short_side, (gp_box){100, 500, 144, 72}, 6); /* 2 x 1 in: 300 x 299 ppi */
    CHECK_EQ_INT(preflight(&dl, &b, &d), 2);
    CHECK_EQ_INT(d.count, 2);
    CHECK(said(&d, 0, 5, "`under.png` prints at 299 ppi on page 1"));
    CHECK(said(&d, 0, 5, "at least 300x450 pixels"));
    CHECK(said(&d, 1, 6, "`short.png` prints at 299 ppi"));
    gp_diags_free(&d);
}

static void test_rgb_in_cmyk(void)
{
    gp_image rgb = {.path = "rgb.png", .info = {.width = 900, .height = 900, .colors = 3}};
    gp_image grey = {.path = "grey.png", .info = {.width = 900, .height = 900, .colors = 1}};
    gp_image cmyk = {.path = "cmyk.jpg", .info = {.kind = GP_IMAGE_JPEG, .width = 900, .height = 900, .colors = 4}};
    for (int pdfx = 0; pdfx <= 1; pdfx++) {
        gp_brand b = letter_brand();
        b.print.pdfx = pdfx;
        CHECK(gp_brand_prints_cmyk(&b) == pdfx);
        gp_diags d = {0};
        gp_dlist dl = page_of(LETTER_W, LETTER_H);
        add_image(&dl, &rgb, (gp_box){100, 100, 216, 216}, 7);
        add_image(&dl, &grey, (gp_box){100, 400, 216, 216}, 8);
        add_image(&dl, &cmyk, (gp_box){300, 400, 216, 216}, 9);
        CHECK_EQ_INT(preflight(&dl, &b, &d), pdfx);
        CHECK_EQ_INT(d.count, pdfx);
        CHECK(!pdfx || said(&d, 0, 7, "`rgb.png` is RGB and the brand prints CMYK"));
        gp_diags_free(&d);
    }
}

/* Text on each side of the page, just inside the safe area (line 1) and
 * just outside it (line 2). The box runs from an em above the baseline to
 * a quarter em below. */
static void test_text_near_trim(void)
{
    gp_brand b = letter_brand();
    const double in = 0.01, size = 10;
    struct {
        double x, y, w;
    } inside[] = {
        {SAFE_PT + in, 400, 50},                              /* left */
        {LETTER_W - SAFE_PT - 50 - in, 400, 50},              /* right */
        {300, SAFE_PT + size + in, 50},                       /* top */
        {300, LETTER_H - SAFE_PT - size * 0.25 - in, 50},     /* bottom */
    };
    for (size_t side = 0; side < 4; side++) {
        for (int out = 0; out <= 1; out++) {
            double shift = out ? 2 * in : 0; /* towards the edge */
            double dx = side == 0 ? -shift : side == 1 ? shift : 0, dy = side == 2 ? -shift : side == 3 ? shift : 0;
            gp_diags d = {0};
            gp_dlist dl = page_of(LETTER_W, LETTER_H);
            add_text(&dl, inside[side].x + dx, inside[side].y + dy, inside[side].w, size, 1 + out);
            CHECK_EQ_INT(preflight(&dl, &b, &d), out);
            CHECK(!out || said(&d, 0, 2, "text on page 1 comes within 3 mm of the trimmed edge"));
            CHECK_EQ_INT(d.count, out);
            gp_diags_free(&d);
        }
    }
}

/* With a bleed the display list's page is larger than its trim. */
static void test_trim_inside_bleed(void)
{
    gp_brand b = letter_brand();
    const double bleed = 9;
    gp_diags d = {0};
    gp_dlist dl = page_of(LETTER_W + 2 * bleed, LETTER_H + 2 * bleed);
    dl.trim = (gp_box){bleed, bleed, LETTER_W, LETTER_H};
    add_text(&dl, bleed + SAFE_PT + 0.01, 400, 50, 10, 1);
    add_text(&dl, bleed + SAFE_PT - 0.01, 500, 50, 10, 2);
    CHECK_EQ_INT(preflight(&dl, &b, &d), 1);
    CHECK(said(&d, 0, 2, "within 3 mm"));
    gp_diags_free(&d);
}

/* Every word of a line near the edge is an item: one message a line. */
static void test_one_message_a_line(void)
{
    gp_brand b = letter_brand();
    gp_diags d = {0};
    gp_dlist dl = page_of(LETTER_W, LETTER_H);
    add_text(&dl, 100, 12, 20, 10, 3); /* a line at the top */
    add_text(&dl, 130, 12, 20, 10, 3);
    CHECK_EQ_INT(preflight(&dl, &b, &d), 2);
    CHECK_EQ_INT(d.count, 1);
    gp_diags_free(&d);
}

int main(void)
{
    test_resolution();
    test_rgb_in_cmyk();
    test_text_near_trim();
    test_trim_inside_bleed();
    test_one_message_a_line();
    return harness_report();
}
