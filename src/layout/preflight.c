/* Preflight: a read-only pass over the display list. Each item is judged
 * by its box alone, so whatever layout placed (poster, logo, text of any
 * section) is checked the same way. */
#include "layout/preflight.h"

#include <math.h>
#include <string.h>

#define PT_PER_INCH 72.0
#define PT_PER_MM (72.0 / 25.4)

/* The finished page: the trim a bleed sets, else the whole page. */
static gp_box trim_box(const gp_dlist *dl)
{
    return dl->trim.w > 0 ? dl->trim : (gp_box){0, 0, dl->page_w, dl->page_h};
}

static const char *file_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Pixels per inch as printed, along the image's coarser axis. */
static double printed_ppi(const gp_dl_item *it)
{
    const gp_image_info *in = &it->image->info;
    return fmin(in->width / (it->box.w / PT_PER_INCH), in->height / (it->box.h / PT_PER_INCH));
}

static size_t check_image(const gp_dl_item *it, int page, bool cmyk, gp_diags *d)
{
    size_t found = 0;
    double ppi = printed_ppi(it);
    if (ppi < GP_PREFLIGHT_MIN_PPI) {
        gp_warn(d, it->loc,
                "the image `%s` prints at %.0f ppi on page %d (%dx%d pixels over %.2fx%.2f in); a print shop "
                "needs %.0f ppi: use one of at least %.0fx%.0f pixels",
                file_name(it->image->path), floor(ppi), page, it->image->info.width, it->image->info.height,
                it->box.w / PT_PER_INCH, it->box.h / PT_PER_INCH, GP_PREFLIGHT_MIN_PPI,
                ceil(it->box.w / PT_PER_INCH * GP_PREFLIGHT_MIN_PPI),
                ceil(it->box.h / PT_PER_INCH * GP_PREFLIGHT_MIN_PPI));
        found++;
    }
    if (cmyk && it->image->info.colors == 3) {
        gp_warn(d, it->loc, "the image `%s` is RGB and the brand prints CMYK; convert it to CMYK (or greyscale)",
                file_name(it->image->path));
        found++;
    }
    return found;
}

/* A text item's box: its advance width, and from an em above the baseline
 * (no glyph of the guide's fonts rises higher) to a quarter em below it. */
static gp_box text_box(const gp_dl_item *it)
{
    double size = it->box.h;
    return (gp_box){it->box.x, it->box.y - size, it->box.w, size * 1.25};
}

static bool within_safe_area(gp_box b, gp_box trim)
{
    double safe = GP_PREFLIGHT_SAFE_MM * PT_PER_MM;
    return b.x >= trim.x + safe && b.y >= trim.y + safe && b.x + b.w <= trim.x + trim.w - safe &&
           b.y + b.h <= trim.y + trim.h - safe;
}

static size_t check_text(const gp_dl_item *it, int page, gp_box trim, gp_diags *d)
{
    if (it->nglyphs == 0 || within_safe_area(text_box(it), trim))
        return 0;
    /* one message a page and content line: repeats are dropped */
    gp_warn(d, it->loc,
            "text on page %d comes within %.0f mm of the trimmed edge, where a print shop's cut may clip it; "
            "give the brand a wider `page: margin`",
            page, GP_PREFLIGHT_SAFE_MM);
    return 1;
}

size_t gp_preflight(const gp_dlist *dl, const gp_brand *brand, gp_diags *d)
{
    gp_box trim = trim_box(dl);
    bool cmyk = gp_brand_prints_cmyk(brand);
    size_t found = 0;
    for (size_t p = 0; p < dl->npages; p++)
        for (size_t i = 0; i < dl->pages[p].count; i++) {
            const gp_dl_item *it = &dl->pages[p].items[i];
            if (it->kind == GP_DL_IMAGE)
                found += check_image(it, (int)p + 1, cmyk, d);
            else if (it->kind == GP_DL_TEXT)
                found += check_text(it, (int)p + 1, trim, d);
        }
    return found;
}
