/* Display list storage and its text dump. */
#include "dlist.h"

#include "base/arena.h"
#include "base/utf8.h"

#include <stdlib.h>
#include <string.h>

static gp_dl_page *page_at(gp_dlist *dl, int page)
{
    while ((size_t)page >= dl->npages) {
        GP_GROW(dl->pages, dl->npages, dl->cap, 8);
        dl->pages[dl->npages++] = (gp_dl_page){0};
    }
    return &dl->pages[page];
}

void gp_dlist_page(gp_dlist *dl, int page)
{
    page_at(dl, page);
}

static gp_dl_item *insert(gp_dl_page *p, size_t at)
{
    GP_GROW(p->items, p->count, p->cap, 32);
    memmove(p->items + at + 1, p->items + at, (p->count - at) * sizeof *p->items);
    p->count++;
    memset(&p->items[at], 0, sizeof p->items[at]);
    return &p->items[at];
}

gp_dl_item *gp_dlist_add(gp_dlist *dl, int page, gp_dl_kind kind)
{
    gp_dl_page *p = page_at(dl, page);
    gp_dl_item *it = insert(p, p->count);
    it->kind = kind;
    return it;
}

gp_dl_item *gp_dlist_add_background(gp_dlist *dl, int page, gp_dl_kind kind)
{
    gp_dl_page *p = page_at(dl, page);
    gp_dl_item *it = insert(p, p->nbackground++);
    it->kind = kind;
    return it;
}

void gp_dlist_mark(gp_dlist *dl, const char *title, int page, double y)
{
    GP_GROW(dl->marks, dl->nmarks, dl->capmarks, 16);
    dl->marks[dl->nmarks++] = (gp_dl_mark){title, page, y};
}

int gp_dlist_add_font(gp_dlist *dl, const char *path, int index, hb_font_t *hb_font, double ascender,
                      double descender, double cap_height)
{
    dl->fonts = gp_xrealloc(dl->fonts, (dl->nfonts + 1) * sizeof *dl->fonts);
    char *copy = gp_xstrdup(path);
    dl->fonts[dl->nfonts] = (gp_dl_font){copy, index, hb_font_reference(hb_font),
                                         hb_face_get_upem(hb_font_get_face(hb_font)), ascender, descender,
                                         cap_height};
    return (int)dl->nfonts++;
}

void gp_dlist_free(gp_dlist *dl)
{
    for (size_t i = 0; i < dl->nfonts; i++) {
        free(dl->fonts[i].path);
        hb_font_destroy(dl->fonts[i].hb_font);
    }
    free(dl->fonts);
    for (size_t i = 0; i < dl->npages; i++)
        free(dl->pages[i].items);
    free(dl->pages);
    free(dl->marks);
    memset(dl, 0, sizeof *dl);
}

static const char *kind_name(gp_dl_kind k)
{
    static const char *const names[] = {"text", "rect", "rule", "image", "link", "qr"};
    return names[k];
}

void gp_dlist_dump(FILE *out, const gp_dlist *dl)
{
    fprintf(out, "document %.2f %.2f pages %zu\n", dl->page_w, dl->page_h, dl->npages);
    for (size_t m = 0; m < dl->nmarks; m++)
        fprintf(out, "mark %d %.2f \"%s\"\n", dl->marks[m].page + 1, dl->marks[m].y, dl->marks[m].title);
    for (size_t p = 0; p < dl->npages; p++) {
        fprintf(out, "page %zu\n", p + 1);
        const gp_dl_page *pg = &dl->pages[p];
        for (size_t i = 0; i < pg->count; i++) {
            const gp_dl_item *it = &pg->items[i];
            fprintf(out, "%s %.2f %.2f %.2f %.2f frame %.2f %.2f %.2f %.2f", kind_name(it->kind), it->box.x,
                    it->box.y, it->box.w, it->box.h, it->frame.x, it->frame.y, it->frame.w, it->frame.h);
            if (it->kind != GP_DL_IMAGE && it->kind != GP_DL_LINK)
                fprintf(out, " #%02x%02x%02x", (int)(it->color.r * 255 + 0.5), (int)(it->color.g * 255 + 0.5),
                        (int)(it->color.b * 255 + 0.5));
            if (it->kind == GP_DL_TEXT) {
                fprintf(out, " face %d \"", it->font);
                for (size_t k = 0; k < it->ntext; k++) {
                    char u[4];
                    size_t len = gp_utf8_encode(it->text[k], u);
                    if (it->text[k] == '"' || it->text[k] == '\\')
                        fputc('\\', out);
                    fwrite(u, 1, len, out);
                }
                fputc('"', out);
            } else if (it->kind == GP_DL_IMAGE) {
                fprintf(out, " \"%s\"", it->image->path);
            } else if (it->kind == GP_DL_LINK) {
                fprintf(out, " \"%s\"", it->url);
            } else if (it->kind == GP_DL_QR) {
                fprintf(out, " side %d \"%s\"", it->side, it->url);
            }
            if (it->loc.file)
                fprintf(out, " @%s:%d:%d", it->loc.file, it->loc.line, it->loc.col);
            fputc('\n', out);
        }
    }
}
