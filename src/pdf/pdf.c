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

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    gp_diags *d;
} writer;

static bool face_used(const gp_face *f)
{
    for (size_t i = 0; i < sizeof f->used; i++)
        if (f->used[i])
            return true;
    return false;
}

static bool used_by_any(uint32_t cp, const void *ctx)
{
    const gp_fontset *fs = ctx;
    for (size_t i = 0; i < fs->count; i++)
        if (gp_face_uses(fs->faces[i], cp))
            return true;
    return false;
}

static bool load_fonts(writer *w, const gp_fontset *fs)
{
    w->fonts = calloc(fs->count ? fs->count : 1, sizeof *w->fonts);
    if (!w->fonts)
        gp_oom();
    gp_quirk_saved_encoder saved;
    gp_quirk_narrow_encoder(w->pdf, used_by_any, fs, &saved);
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

static void draw_item(writer *w, HPDF_Page page, const gp_dl_item *it)
{
    double ph = w->dl->page_h;
    const gp_box *b = &it->box;
    switch (it->kind) {
    case GP_DL_TEXT: {
        HPDF_Font font = w->fonts[it->face->id];
        HPDF_Page_BeginText(page);
        HPDF_Page_SetFontAndSize(page, font, (HPDF_REAL)b->h);
        HPDF_Page_SetRGBFill(page, (HPDF_REAL)it->color.r, (HPDF_REAL)it->color.g, (HPDF_REAL)it->color.b);
        HPDF_Page_MoveTextPos(page, (HPDF_REAL)b->x, (HPDF_REAL)(ph - b->y));
        gp_quirk_show_text(page, font, b->h, it->cps, it->adv, it->n);
        HPDF_Page_EndText(page);
        break;
    }
    case GP_DL_RECT:
        HPDF_Page_SetRGBFill(page, (HPDF_REAL)it->color.r, (HPDF_REAL)it->color.g, (HPDF_REAL)it->color.b);
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
        HPDF_SetInfoAttr(w->pdf, HPDF_INFO_TITLE, dl->title);
    if (dl->author)
        HPDF_SetInfoAttr(w->pdf, HPDF_INFO_AUTHOR, dl->author);
    if (dl->subject)
        HPDF_SetInfoAttr(w->pdf, HPDF_INFO_SUBJECT, dl->subject);
    if (info->creator)
        HPDF_SetInfoAttr(w->pdf, HPDF_INFO_CREATOR, info->creator);
    if (info->source_date >= 0)
        gp_quirk_set_dates(w->pdf, info->source_date);
}

static void outline(writer *w, HPDF_Page *pages)
{
    HPDF_Encoder utf8 = HPDF_GetEncoder(w->pdf, "UTF-8");
    for (size_t i = 0; i < w->dl->nmarks; i++) {
        const gp_dl_mark *m = &w->dl->marks[i];
        HPDF_Outline o = HPDF_CreateOutline(w->pdf, NULL, m->title, utf8);
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
        for (size_t i = 0; i < dl->pages[p].count; i++)
            draw_item(&w, pages[p], &dl->pages[p].items[i]);
    }
    if (ok && !w.err.code) {
        outline(&w, pages);
        set_info(&w, info);
    }
    if (ok && !w.err.code && d->errors == 0)
        HPDF_SaveToFile(w.pdf, path);
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
