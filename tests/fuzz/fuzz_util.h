/* Helpers shared by the fuzz targets (header-only, so each target is one
 * .c file plus the library sources).
 *
 *   fuzz_font_dir()   the bundled fonts: $GUIDEPRESS_FONTS, else the
 *                     GP_FUZZ_FONTS define of the build line
 *   fuzz_path()       an absolute path under the repository (the fonts
 *                     folder's parent), so that relative file references in
 *                     seeds (posters, logos) resolve when run from anywhere
 *   fuzz_cstr()       a malloc'd NUL-terminated copy of the input
 *   fuzz_fail()       prints the broken invariant and aborts (libFuzzer and
 *                     the replay driver both report an abort as a crash)
 *   fuzz_check_dlist() the display-list invariants used by fuzz_layout and
 *                     fuzz_brand */
#ifndef GP_FUZZ_UTIL_H
#define GP_FUZZ_UTIL_H

#include "base/arena.h"
#include "base/diag.h"
#include "layout/dlist.h"
#include "layout/layout.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef GP_FUZZ_FONTS
#define GP_FUZZ_FONTS "fonts"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void fuzz_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("fuzz invariant violated: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    abort();
}

__attribute__((unused)) static const char *fuzz_font_dir(void)
{
    const char *env = getenv("GUIDEPRESS_FONTS");
    return env && *env ? env : GP_FUZZ_FONTS;
}

/* An absolute path "<fonts>/../<rel>" (static storage, one per call site). */
__attribute__((unused)) static const char *fuzz_path(char *buf, size_t cap, const char *rel)
{
    snprintf(buf, cap, "%s/../%s", fuzz_font_dir(), rel);
    return buf;
}

__attribute__((unused)) static char *fuzz_cstr(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        abort();
    if (size)
        memcpy(s, data, size);
    s[size] = 0;
    return s;
}

/* Every diagnostic printed (to /dev/null): exercises sorting and formatting. */
__attribute__((unused)) static void fuzz_print_diags(gp_diags *d)
{
    static FILE *null_out;
    if (!null_out)
        null_out = fopen("/dev/null", "w");
    if (null_out)
        gp_diags_print(d, null_out);
    for (size_t i = 0; i < d->count; i++)
        if (!d->items[i].message)
            fuzz_fail("diagnostic %zu has no message", i);
}

__attribute__((unused)) static bool fuzz_finite_box(gp_box b)
{
    return isfinite(b.x) && isfinite(b.y) && isfinite(b.w) && isfinite(b.h);
}

/* The display list of a laid-out guide:
 *   - fewer than 10000 pages (the layout refuses more than GP_MAX_PAGES);
 *   - every coordinate finite;
 *   - every TEXT item on the page, within 1 pt: x >= 0, x + w <= page_w,
 *     0 <= baseline <= page_h, with glyphs (n > 0, a face, code points,
 *     advances summing to its width within 0.01 pt);
 *   - every outline mark on an existing page.
 * GP_FUZZ_IGNORE_RIGHT_EDGE=1 drops the x + w <= page_w check, to fuzz past
 * a known way text runs off the right edge until it is fixed (those found
 * so far are in tests/fuzz/regressions/layout/: a shrunk footer keeping its
 * advances, overfull lines after two hyphenated lines, an unbroken
 * "(continued)" heading, leading spaces in a title). */
__attribute__((unused)) static void fuzz_check_dlist(const gp_dlist *dl)
{
    const double slack = 1.0;
    static int ignore_right_edge = -1;
    if (ignore_right_edge < 0) {
        const char *e = getenv("GP_FUZZ_IGNORE_RIGHT_EDGE");
        ignore_right_edge = e && *e && strcmp(e, "0");
    }
    if (dl->npages >= 10000)
        fuzz_fail("%zu pages", dl->npages);
    if (!(dl->page_w > 0 && dl->page_h > 0 && isfinite(dl->page_w) && isfinite(dl->page_h)))
        fuzz_fail("page size %g x %g", dl->page_w, dl->page_h);
    for (size_t m = 0; m < dl->nmarks; m++)
        if (dl->marks[m].page < 0 || (size_t)dl->marks[m].page >= dl->npages || !isfinite(dl->marks[m].y))
            fuzz_fail("outline mark %zu on page %d of %zu (y %g)", m, dl->marks[m].page, dl->npages, dl->marks[m].y);
    for (size_t p = 0; p < dl->npages; p++) {
        const gp_dl_page *pg = &dl->pages[p];
        if (pg->nbackground > pg->count)
            fuzz_fail("page %zu: %zu background items of %zu", p + 1, pg->nbackground, pg->count);
        for (size_t i = 0; i < pg->count; i++) {
            const gp_dl_item *it = &pg->items[i];
            if (!fuzz_finite_box(it->box) || !fuzz_finite_box(it->frame))
                fuzz_fail("page %zu item %zu (kind %d): non-finite box %g %g %g %g frame %g %g %g %g", p + 1, i,
                          (int)it->kind, it->box.x, it->box.y, it->box.w, it->box.h, it->frame.x, it->frame.y,
                          it->frame.w, it->frame.h);
            if (it->kind != GP_DL_TEXT)
                continue;
            const gp_box b = it->box;
            if (b.x < -slack || (b.x + b.w > dl->page_w + slack && !ignore_right_edge) || b.y < -slack ||
                b.y > dl->page_h + slack) {
                char text[80];
                size_t o = 0;
                for (size_t k = 0; k < it->ntext && o + 1 < sizeof text; k++)
                    text[o++] = it->text[k] >= 0x20 && it->text[k] < 0x7F ? (char)it->text[k] : '?';
                text[o] = 0;
                fuzz_fail("page %zu item %zu: TEXT \"%s\" at x %.2f..%.2f baseline %.2f (size %.2f) is off the "
                          "%.2f x %.2f page (frame %.2f %.2f %.2f %.2f, from %s:%d:%d)",
                          p + 1, i, text, b.x, b.x + b.w, b.y, b.h, dl->page_w, dl->page_h, it->frame.x, it->frame.y,
                          it->frame.w, it->frame.h, it->loc.file ? it->loc.file : "?", it->loc.line, it->loc.col);
            }
            if (!it->nglyphs || !it->ntext || it->font < 0 || (size_t)it->font >= dl->nfonts || !it->glyphs ||
                !it->text)
                fuzz_fail("page %zu item %zu: TEXT without glyphs (%zu glyphs)", p + 1, i, it->nglyphs);
            double w = 0;
            for (size_t k = 0; k < it->nglyphs; k++) {
                if (!isfinite(it->glyphs[k].adv) || it->glyphs[k].cluster >= it->ntext)
                    fuzz_fail("page %zu item %zu: glyph %zu advance %g cluster %u", p + 1, i, k,
                              (double)it->glyphs[k].adv, (unsigned)it->glyphs[k].cluster);
                w += it->glyphs[k].adv;
            }
            if (fabs(w - b.w) > 0.01)
                fuzz_fail("page %zu item %zu: advances sum to %.3f, width %.3f", p + 1, i, w, b.w);
        }
    }
}

#endif
