/* Display list -> PDF with libharu.
 *
 * The glyphs the display list prints are numbered as CIDs (cids.c); each
 * font that prints any is subset and embedded once (font_embed.c) while
 * content.c writes the pages' content streams on another thread; then each
 * page gets its content, links and resources. Every libharu quirk is
 * handled in quirks.c; this file only assembles. */
#include "pdf.h"

#include "base/arena.h"
#include "base/clock.h"
#include "base/hash.h"
#include "pdf/content.h"
#include "pdf/pdf15.h"
#include "pdf/pdfx.h"
#include "pdf/xmp.h"
#include "pdf/font_embed.h"
#include "pdf/image_embed.h"
#include "pdf/libharu_private.h"
#include "pdf/quirks.h"
#include "pdf/tags.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct writer {
    HPDF_Doc pdf;
    gp_hpdf_error err;
    const gp_dlist *dl;
    HPDF_Font *fonts;        /* by the list's font index */
    struct {
        const gp_image *image;
        HPDF_Image img;
    } *images;
    size_t nimages;
    gp_diags *d;
    gp_tags *tags;           /* NULL: untagged */
    HPDF_Dict srgb;          /* PDF/X: the sRGB profile RGB colours and images are in (pdfx.h) */
} writer;

/* The subset plans that must come before the pages: those of CFF fonts,
 * which number their codes (font_embed.h). */
static hb_subset_plan_t **early_plans(const gp_dlist *dl, gp_cids *cids)
{
    hb_subset_plan_t **plans = gp_xcalloc(dl->nfonts ? dl->nfonts : 1, sizeof *plans);
    if (!plans)
        gp_oom();
    for (size_t i = 0; i < dl->nfonts; i++)
        if (cids->fonts[i].cff && cids->fonts[i].count > 1 && (plans[i] = gp_font_plan(&dl->fonts[i], &cids->fonts[i])))
            gp_font_number_codes(plans[i], &cids->fonts[i]);
    return plans;
}

static bool load_fonts(writer *w, const gp_cids *cids, hb_subset_plan_t **plans)
{
    const gp_dlist *dl = w->dl;
    w->fonts = gp_xcalloc(dl->nfonts ? dl->nfonts : 1, sizeof *w->fonts);
    bool ok = w->pdf != NULL;
    HPDF_Dict one_byte_cmap = NULL;
    for (size_t i = 0; i < dl->nfonts; i++) {
        if (!ok || cids->fonts[i].count <= 1) {
            hb_subset_plan_destroy(plans[i]);
            continue;
        }
        hb_subset_plan_t *plan = plans[i]; /* a CFF font's was made early, or failed */
        if (!plan && !cids->fonts[i].cff)
            plan = gp_font_plan(&dl->fonts[i], &cids->fonts[i]);
        char err[512];
        w->fonts[i] = gp_font_embed(w->pdf, &dl->fonts[i], (int)i, &cids->fonts[i], plan, &one_byte_cmap, err,
                                   sizeof err);
        if (!w->fonts[i])
            ok = gp_error(w->d, (gp_loc){dl->fonts[i].path, 0, 0}, "%s", err);
    }
    free(plans);
    return ok;
}

static HPDF_Image image_for(writer *w, const gp_image *image)
{
    /* by file: the guides of a combined PDF each have their own gp_image of a shared poster or logo */
    for (size_t i = 0; i < w->nimages; i++)
        if (w->images[i].image == image || !strcmp(w->images[i].image->path, image->path))
            return w->images[i].img;
    char err[512];
    HPDF_Image img = gp_image_embed(w->pdf, image, w->srgb, err, sizeof err);
    if (!img) {
        gp_error(w->d, (gp_loc){image->path, 0, 0}, "%s", err);
        return NULL;
    }
    w->images = gp_xrealloc(w->images, (w->nimages + 1) * sizeof *w->images);
    w->images[w->nimages].image = image;
    w->images[w->nimages].img = img;
    w->nimages++;
    return img;
}

/* Each page's links, and the content content.c wrote for it, with the
 * fonts and images it names. */
static bool fill_page(writer *w, HPDF_Page page, size_t p, const gp_dl_page *items, const gp_page_content *pc)
{
    double ph = w->dl->page_h;
    for (size_t i = 0; i < items->count; i++) {
        const gp_dl_item *it = &items->items[i];
        const gp_box *b = &it->box;
        if (it->kind == GP_DL_LINK) {
            HPDF_Rect r = {(HPDF_REAL)b->x, (HPDF_REAL)(ph - b->y - b->h), (HPDF_REAL)(b->x + b->w),
                           (HPDF_REAL)(ph - b->y)};
            gp_tags_link(w->tags, w->pdf, gp_quirk_link(page, r, it->url), p, it);
        }
    }
    HPDF_Font fonts[64];
    HPDF_Image images[64];
    if (pc->nfaces > 64 || pc->nimages > 64)
        return false;
    for (size_t i = 0; i < pc->nfaces; i++)
        fonts[i] = w->fonts[pc->faces[i]];
    for (size_t i = 0; i < pc->nimages; i++)
        if (!(images[i] = image_for(w, pc->images[i])))
            return false;
    if (w->srgb && !gp_hpdf_page_add_resource(page, "ColorSpace", GP_CONTENT_SRGB, gp_pdfx_rgb(w->pdf, w->srgb)))
        return false;
    return gp_quirk_set_content(page, pc->data, pc->len, fonts, pc->nfaces, images, pc->nimages);
}

/* A page box (TrimBox, BleedBox) from a display-list rectangle. */
static void set_box(HPDF_Doc pdf, HPDF_Page page, const char *key, gp_box b, double page_h)
{
    HPDF_Box box = {(HPDF_REAL)b.x, (HPDF_REAL)(page_h - b.y - b.h), (HPDF_REAL)(b.x + b.w), (HPDF_REAL)(page_h - b.y)};
    HPDF_Dict_Add(page, key, gp_hpdf_new_box(pdf, box));
}

/* FNV-1a over everything drawn: the same guide gives the same ID. */
static void document_id(const gp_dlist *dl, unsigned char id[16])
{
    uint64_t h[2] = {GP_FNV1A_BASIS, 0x84222325cbf29ce4ULL};
    gp_fnv1a_pair(h, &dl->page_w, sizeof dl->page_w);
    for (size_t p = 0; p < dl->npages; p++)
        for (size_t i = 0; i < dl->pages[p].count; i++) {
            const gp_dl_item *it = &dl->pages[p].items[i];
            gp_fnv1a_pair(h, &it->kind, sizeof it->kind);
            gp_fnv1a_pair(h, &it->box, sizeof it->box);
            if (it->kind == GP_DL_TEXT) {
                for (size_t g = 0; g < it->nglyphs; g++) /* field by field: a glyph has padding */
                    gp_fnv1a_pair(h, &it->glyphs[g].gid, sizeof it->glyphs[g].gid);
                gp_fnv1a_pair(h, it->text, it->ntext * sizeof *it->text);
            }
        }
    for (int i = 0; i < 16; i++)
        id[i] = (unsigned char)(h[i / 8] >> (8 * (i % 8)));
}

static bool set_info(writer *w, const gp_pdf_info *info, const char *path)
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
    /* PDF/X dates the file, now if SOURCE_DATE_EPOCH does not say when */
    long long date = info->source_date >= 0 || !dl->pdfx_profile ? info->source_date : (long long)time(NULL);
    if (date >= 0)
        gp_quirk_set_dates(w->pdf, date);
    char err[512];
    if (dl->pdfx_profile && !gp_pdfx_mark(w->pdf, dl, date, err, sizeof err))
        return gp_error(w->d, (gp_loc){path, 0, 0}, "%s", err);
    /* a tagged guide claims PDF/UA-1: tests/e2e/check_tags.py checks the
     * Matterhorn Protocol's machine checks that apply (README) */
    bool tagged = dl->nnodes > 0;
    if ((tagged || dl->pdfx_profile) &&
        !gp_xmp_add(w->pdf, dl, &(gp_xmp){info->creator, date, id, dl->pdfx_profile != NULL, tagged}))
        return gp_error(w->d, (gp_loc){path, 0, 0}, "the PDF library could not add the XMP metadata");
    return true;
}

/* The bookmarks, each under the last one of the level above it. */
static void outline(writer *w, HPDF_Page *pages)
{
    enum { MAX_LEVELS = 4 };
    HPDF_Outline parents[MAX_LEVELS] = {0};
    for (size_t i = 0; i < w->dl->nmarks; i++) {
        const gp_dl_mark *m = &w->dl->marks[i];
        int level = m->level < MAX_LEVELS ? m->level : MAX_LEVELS - 1;
        HPDF_Outline parent = level ? parents[level - 1] : NULL;
        HPDF_Outline o = HPDF_CreateOutline(w->pdf, parent, "", NULL);
        HPDF_Dict_Add(o, "Title", gp_quirk_text_string(w->pdf, m->title)); /* quirks.c, 9 */
        HPDF_Destination dest = HPDF_Page_CreateDestination(pages[m->page]);
        HPDF_Destination_SetFitH(dest, (HPDF_REAL)(w->dl->page_h - m->y + 12));
        HPDF_Outline_SetDestination(o, dest);
        parents[level] = o;
    }
    if (w->dl->nmarks)
        HPDF_SetPageMode(w->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
}

bool gp_pdf_write(const gp_dlist *dl, const char *path, gp_pdf_info *info, gp_diags *d)
{
    /* the pages' content is written on another thread while libharu loads the fonts */
    gp_cids cids_, *cids = &cids_;
    gp_cids_init(cids, dl);
    hb_subset_plan_t **plans = early_plans(dl, cids);
    gp_content_job *content = gp_content_start(dl, cids, info->helper_threads);
    writer w = {.dl = dl, .d = d, .tags = gp_tags_start(dl)};
    w.pdf = gp_quirk_new_doc(&w.err);
    double t0 = gp_seconds();
    bool ok = load_fonts(&w, cids, plans);
    info->fonts_seconds = gp_seconds() - t0;
    gp_page_content *pc = gp_content_finish(content);
    gp_cids_free(cids);
    if (!w.pdf || !pc) {
        gp_content_free(pc, dl->npages);
        gp_tags_free(w.tags);
        HPDF_Free(w.pdf);
        free(w.fonts);
        return gp_error(d, (gp_loc){path, 0, 0}, "cannot start a PDF document");
    }
    char err[512];
    if (ok && dl->pdfx_profile && !(w.srgb = gp_pdfx_srgb_profile(w.pdf, err, sizeof err)))
        ok = gp_error(d, (gp_loc){path, 0, 0}, "%s", err);
    HPDF_Page *pages = gp_xcalloc(dl->npages ? dl->npages : 1, sizeof *pages);
    for (size_t p = 0; ok && p < dl->npages && !w.err.code; p++) {
        pages[p] = HPDF_AddPage(w.pdf);
        HPDF_Page_SetWidth(pages[p], (HPDF_REAL)dl->page_w);
        HPDF_Page_SetHeight(pages[p], (HPDF_REAL)dl->page_h);
        if (dl->trim.w > 0) {
            set_box(w.pdf, pages[p], "TrimBox", dl->trim, dl->page_h);
            set_box(w.pdf, pages[p], "BleedBox", dl->bleed, dl->page_h);
        } else if (dl->pdfx_profile) /* PDF/X: every page has its TrimBox */
            set_box(w.pdf, pages[p], "TrimBox", (gp_box){0, 0, dl->page_w, dl->page_h}, dl->page_h);
        if (!fill_page(&w, pages[p], p, &dl->pages[p], &pc[p]) && d->errors == 0)
            ok = gp_error(d, (gp_loc){path, 0, 0}, "the PDF library named a page's fonts or images unexpectedly");
    }
    if (ok && !w.err.code) {
        outline(&w, pages);
        gp_tags_finish(w.tags, w.pdf, pages, pc);
        ok = set_info(&w, info, path);
    }
    gp_tags_free(w.tags);
    if (ok && !w.err.code && d->errors == 0 && !gp_pdf15_save(w.pdf, path, info->helper_threads, err, sizeof err))
        ok = gp_error(d, (gp_loc){path, 0, 0}, "%s", err);
    gp_content_free(pc, dl->npages); /* the pages' content is read in place on saving */
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
