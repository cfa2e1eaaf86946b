/* Preflight (content-format.md §4, --preflight): the checks a print shop
 * runs on a PDF, made on the display list so that each finding points at
 * the content file's line instead of a PDF page. (RGB images in a CMYK
 * brand wait for CMYK brand colours.) */
#include "preflight.h"

#include <math.h>

static const double MIN_PPI = 300, SAFE_PT = 3 * 72 / 25.4;

static size_t check_image(const gp_dl_item *it, gp_diags *d)
{
    const gp_image_info *im = &it->image->info;
    double ppi = fmin(im->width / (it->box.w / 72), im->height / (it->box.h / 72));
    if (ppi >= MIN_PPI - 0.5)
        return 0;
    gp_warn(d, it->loc,
            "image `%s` prints at %.0f ppi, under the %.0f ppi a print shop asks; use one of at least %.0f x %.0f pixels",
            it->image->path, ppi, MIN_PPI, ceil(it->box.w / 72 * MIN_PPI), ceil(it->box.h / 72 * MIN_PPI));
    return 1;
}

/* Text: its ink from the cap height to the descenders. */
static bool near_trim(const gp_dl_item *it, gp_box trim)
{
    double top = it->box.y - it->box.h * 0.8, bottom = it->box.y + it->box.h * 0.25;
    return it->box.x < trim.x + SAFE_PT || it->box.x + it->box.w > trim.x + trim.w - SAFE_PT ||
           top < trim.y + SAFE_PT || bottom > trim.y + trim.h - SAFE_PT;
}

size_t gp_preflight(const gp_dlist *dl, gp_diags *d)
{
    gp_box trim = dl->trim.w > 0 ? dl->trim : (gp_box){0, 0, dl->page_w, dl->page_h};
    size_t warnings = 0;
    for (size_t p = 0; p < dl->npages; p++) {
        const gp_dl_page *pg = &dl->pages[p];
        const gp_dl_item *last_warned = NULL; /* one warning for the lines of one paragraph */
        for (size_t i = 0; i < pg->count; i++) {
            const gp_dl_item *it = &pg->items[i];
            if (it->kind == GP_DL_IMAGE) {
                warnings += check_image(it, d);
            } else if (it->kind == GP_DL_TEXT && near_trim(it, trim) &&
                       !(last_warned && last_warned->loc.file == it->loc.file && last_warned->loc.line == it->loc.line &&
                         last_warned->loc.col == it->loc.col)) {
                gp_warn(d, it->loc, "text within 3 mm of the trim on page %zu, where a cut may take it off", p + 1);
                last_warned = it;
                warnings++;
            }
        }
    }
    return warnings;
}
