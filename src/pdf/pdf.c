/* Display list -> PDF with libharu.
 *
 * Two passes over fonts: layout has marked the code points each face
 * printed; here each used face is subset and loaded once, then every page's
 * items are drawn in order (background first). Coordinates flip from the
 * display list's top-left origin to PDF's bottom-left. Every libharu
 * quirk is handled in quirks.c; this file only draws. */
#include "pdf.h"

#include "base/clock.h"
#include "pdf/quirks.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What the page's graphics state holds, so that a line repeats no
 * operator that would leave it unchanged. */
typedef struct page_state {
    HPDF_Font font;
    double size, char_space;
    gp_rgb fill;
    bool fill_known;
    bool in_text;          /* a text object is open: lines move relative to the last one */
    double line_x, line_y; /* where the last line started (PDF coordinates) */
} page_state;

typedef struct writer {
    HPDF_Doc pdf;
    gp_hpdf_error err;
    const gp_dlist *dl;
    HPDF_Font *fonts;        /* by face id */
    struct {
        const gp_image *image;
        HPDF_Image img;
    } *images;
    size_t nimages;
    page_state state;
    gp_diags *d;
} writer;

static bool face_used(const gp_face *f)
{
    for (size_t i = 0; i < sizeof f->used; i++)
        if (f->used[i])
            return true;
    return false;
}

static bool load_fonts(writer *w, const gp_fontset *fs)
{
    w->fonts = calloc(fs->count ? fs->count : 1, sizeof *w->fonts);
    if (!w->fonts)
        gp_oom();
    uint8_t used[0x10000 / 8] = {0}; /* by any face */
    for (size_t i = 0; i < fs->count; i++)
        for (size_t b = 0; b < sizeof used; b++)
            used[b] |= fs->faces[i]->used[b];
    gp_quirk_saved_encoder saved;
    gp_quirk_narrow_encoder(w->pdf, used, &saved);
    bool ok = true;
    for (size_t i = 0; i < fs->count && ok; i++) {
        if (!face_used(fs->faces[i]))
            continue;
        char err[512];
        w->fonts[i] = gp_quirk_load_subset(w->pdf, fs->faces[i], err, sizeof err);
        if (!w->fonts[i])
            ok = gp_error(w->d, (gp_loc){fs->faces[i]->file.path, 0, 0}, "%s", err);
    }
    gp_quirk_restore_encoder(w->pdf, &saved);
    return ok;
}

static HPDF_Image image_for(writer *w, const gp_dl_item *it)
{
    for (size_t i = 0; i < w->nimages; i++)
        if (w->images[i].image == it->image)
            return w->images[i].img;
    char err[512];
    HPDF_Image img = gp_quirk_load_image(w->pdf, it->image, err, sizeof err);
    if (!img) {
        gp_error(w->d, it->loc, "%s", err);
        return NULL;
    }
    w->images = realloc(w->images, (w->nimages + 1) * sizeof *w->images);
    if (!w->images)
        return NULL;
    w->images[w->nimages].image = it->image;
    w->images[w->nimages].img = img;
    w->nimages++;
    return img;
}

static void set_fill(writer *w, HPDF_Page page, gp_rgb c)
{
    page_state *s = &w->state;
    if (s->fill_known && s->fill.r == c.r && s->fill.g == c.g && s->fill.b == c.b)
        return;
    HPDF_Page_SetRGBFill(page, (HPDF_REAL)c.r, (HPDF_REAL)c.g, (HPDF_REAL)c.b);
    s->fill = c, s->fill_known = true;
}

static void draw_text(writer *w, HPDF_Page page, const gp_dl_item *it)
{
    page_state *s = &w->state;
    HPDF_Font font = w->fonts[it->face->id];
    if (font != s->font || it->box.h != s->size) {
        HPDF_Page_SetFontAndSize(page, font, (HPDF_REAL)it->box.h);
        s->font = font, s->size = it->box.h;
    }
    set_fill(w, page, it->color);
    /* to 1/1000 pt, as written (fewer distinct values, shorter operators) */
    double char_space = round(it->letter_spacing * 1000) / 1000;
    if (char_space != s->char_space) {
        HPDF_Page_SetCharSpace(page, (HPDF_REAL)char_space);
        s->char_space = char_space;
    }
    if (!s->in_text) {
        HPDF_Page_BeginText(page);
        s->in_text = true, s->line_x = s->line_y = 0;
    }
    /* relative moves repeat from line to line, and so compress to little;
     * rounded to 1/1000 pt so that no error accumulates */
    double x = round(it->box.x * 1000) / 1000, y = round((w->dl->page_h - it->box.y) * 1000) / 1000;
    HPDF_Page_MoveTextPos(page, (HPDF_REAL)(x - s->line_x), (HPDF_REAL)(y - s->line_y));
    s->line_x = x, s->line_y = y;
    gp_quirk_show_text(page, it->face, it->box.h, char_space, it->cps, it->adv, it->n);
}

/* Graphics other than text need the text object closed. */
static void end_text(writer *w, HPDF_Page page)
{
    if (w->state.in_text)
        HPDF_Page_EndText(page);
    w->state.in_text = false;
}

static void draw_item(writer *w, HPDF_Page page, const gp_dl_item *it)
{
    double ph = w->dl->page_h;
    const gp_box *b = &it->box;
    if (it->kind != GP_DL_TEXT && it->kind != GP_DL_LINK)
        end_text(w, page);
    switch (it->kind) {
    case GP_DL_TEXT:
        draw_text(w, page, it);
        break;
    case GP_DL_RECT:
        set_fill(w, page, it->color);
        HPDF_Page_Rectangle(page, (HPDF_REAL)b->x, (HPDF_REAL)(ph - b->y - b->h), (HPDF_REAL)b->w, (HPDF_REAL)b->h);
        HPDF_Page_Fill(page);
        break;
    case GP_DL_RULE:
        HPDF_Page_SetLineWidth(page, (HPDF_REAL)it->line_width);
        HPDF_Page_SetRGBStroke(page, (HPDF_REAL)it->color.r, (HPDF_REAL)it->color.g, (HPDF_REAL)it->color.b);
        HPDF_Page_MoveTo(page, (HPDF_REAL)b->x, (HPDF_REAL)(ph - b->y));
        HPDF_Page_LineTo(page, (HPDF_REAL)(b->x + b->w), (HPDF_REAL)(ph - b->y - b->h));
        HPDF_Page_Stroke(page);
        break;
    case GP_DL_IMAGE: {
        HPDF_Image img = image_for(w, it);
        if (img)
            HPDF_Page_DrawImage(page, img, (HPDF_REAL)b->x, (HPDF_REAL)(ph - b->y - b->h), (HPDF_REAL)b->w,
                                (HPDF_REAL)b->h);
        break;
    }
    case GP_DL_LINK: {
        HPDF_Rect r = {(HPDF_REAL)b->x, (HPDF_REAL)(ph - b->y - b->h), (HPDF_REAL)(b->x + b->w), (HPDF_REAL)(ph - b->y)};
        gp_quirk_link(page, r, it->url);
        break;
    }
    }
}

/* FNV-1a over everything drawn: the same guide gives the same ID. */
static void fnv(uint64_t *h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++)
        *h = (*h ^ p[i]) * 0x100000001b3ULL;
}

static void document_id(const gp_dlist *dl, unsigned char id[16])
{
    uint64_t h[2] = {0xcbf29ce484222325ULL, 0x84222325cbf29ce4ULL};
    for (int k = 0; k < 2; k++) {
        fnv(&h[k], &dl->page_w, sizeof dl->page_w);
        for (size_t p = 0; p < dl->npages; p++)
            for (size_t i = 0; i < dl->pages[p].count; i++) {
                const gp_dl_item *it = &dl->pages[p].items[i];
                fnv(&h[k], &it->kind, sizeof it->kind);
                fnv(&h[k], &it->box, sizeof it->box);
                if (it->n)
                    fnv(&h[k], it->cps, it->n * sizeof *it->cps);
            }
    }
    for (int i = 0; i < 16; i++)
        id[i] = (unsigned char)(h[i / 8] >> (8 * (i % 8)));
}

static void set_info(writer *w, const gp_pdf_info *info)
{
    unsigned char id[16];
    document_id(w->dl, id);
    gp_quirk_set_id(w->pdf, id);
    const gp_dlist *dl = w->dl;
    if (dl->title)
        gp_quirk_set_info(w->pdf, HPDF_INFO_TITLE, dl->title);
    if (dl->author)
        gp_quirk_set_info(w->pdf, HPDF_INFO_AUTHOR, dl->author);
    if (dl->subject)
        gp_quirk_set_info(w->pdf, HPDF_INFO_SUBJECT, dl->subject);
    if (info->creator)
        gp_quirk_set_info(w->pdf, HPDF_INFO_CREATOR, info->creator);
    if (info->source_date >= 0)
        gp_quirk_set_dates(w->pdf, info->source_date);
}

static void outline(writer *w, HPDF_Page *pages)
{
    for (size_t i = 0; i < w->dl->nmarks; i++) {
        const gp_dl_mark *m = &w->dl->marks[i];
        HPDF_Outline o = HPDF_CreateOutline(w->pdf, NULL, m->title, gp_quirk_string_encoder(w->pdf, m->title));
        HPDF_Destination dest = HPDF_Page_CreateDestination(pages[m->page]);
        HPDF_Destination_SetFitH(dest, (HPDF_REAL)(w->dl->page_h - m->y + 12));
        HPDF_Outline_SetDestination(o, dest);
    }
    if (w->dl->nmarks)
        HPDF_SetPageMode(w->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
}

bool gp_pdf_write(const gp_dlist *dl, const gp_fontset *fs, const char *path, gp_pdf_info *info,
                  gp_diags *d)
{
    writer w = {.dl = dl, .d = d};
    w.pdf = gp_quirk_new_doc(&w.err);
    if (!w.pdf)
        return gp_error(d, (gp_loc){path, 0, 0}, "cannot start a PDF document");
    double t0 = gp_seconds();
    bool ok = load_fonts(&w, fs);
    info->fonts_seconds = gp_seconds() - t0;
    HPDF_Page *pages = calloc(dl->npages ? dl->npages : 1, sizeof *pages);
    for (size_t p = 0; ok && p < dl->npages && !w.err.code; p++) {
        pages[p] = HPDF_AddPage(w.pdf);
        HPDF_Page_SetWidth(pages[p], (HPDF_REAL)dl->page_w);
        HPDF_Page_SetHeight(pages[p], (HPDF_REAL)dl->page_h);
        w.state = (page_state){.font = NULL};
        for (size_t i = 0; i < dl->pages[p].count; i++)
            draw_item(&w, pages[p], &dl->pages[p].items[i]);
        end_text(&w, pages[p]);
    }
    if (ok && !w.err.code) {
        outline(&w, pages);
        set_info(&w, info);
    }
    char err[512];
    if (ok && !w.err.code && d->errors == 0 && !gp_quirk_save(w.pdf, path, err, sizeof err))
        ok = gp_error(d, (gp_loc){path, 0, 0}, "%s", err);
    if (w.err.code)
        ok = gp_error(d, (gp_loc){path, 0, 0}, "the PDF library failed (error 0x%04X, detail %u)",
                      (unsigned)w.err.code, (unsigned)w.err.detail);
    ok = ok && d->errors == 0;
    HPDF_Free(w.pdf);
    free(pages);
    free(w.fonts);
    free(w.images);
    return ok;
}
