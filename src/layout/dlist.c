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
    dl->marks[dl->nmarks++] = (gp_dl_mark){title, page, y, 0};
}

int gp_dlist_node(gp_dlist *dl, gp_dl_tag tag, int parent)
{
    if (dl->nnodes + 2 > dl->capnodes) {
        dl->capnodes = dl->capnodes * 2 + 64;
        dl->nodes = gp_xrealloc(dl->nodes, dl->capnodes * sizeof *dl->nodes);
    }
    if (dl->nnodes == 0)
        dl->nodes[dl->nnodes++] = (gp_dl_node){0}; /* id 0: no element */
    dl->nodes[dl->nnodes] = (gp_dl_node){tag, parent, NULL};
    return (int)dl->nnodes++;
}

const char *gp_dl_tag_name(gp_dl_tag tag)
{
    static const char *const names[GP_DL_TAG_COUNT] = {
        [GP_DL_TAG_DOCUMENT] = "Document", [GP_DL_TAG_SECT] = "Sect", [GP_DL_TAG_ASIDE] = "Aside",
        [GP_DL_TAG_H1] = "H1",             [GP_DL_TAG_H2] = "H2",     [GP_DL_TAG_H3] = "H3",
        [GP_DL_TAG_P] = "P",               [GP_DL_TAG_L] = "L",       [GP_DL_TAG_LI] = "LI",
        [GP_DL_TAG_LBL] = "Lbl",           [GP_DL_TAG_LBODY] = "LBody", [GP_DL_TAG_LINK] = "Link",
        [GP_DL_TAG_FIGURE] = "Figure",
    };
    return names[tag];
}

const char *gp_dl_role_name(gp_dl_role role)
{
    static const char *const names[GP_DL_ROLE_COUNT] = {
        [GP_DL_ROLE_BODY] = "body",         [GP_DL_ROLE_TITLE] = "title",     [GP_DL_ROLE_HEADING] = "heading",
        [GP_DL_ROLE_THEME_TITLE] = "theme-title", [GP_DL_ROLE_NUMBER] = "number", [GP_DL_ROLE_QUESTION] = "question",
        [GP_DL_ROLE_LABEL] = "label",       [GP_DL_ROLE_FIGURE] = "figure",   [GP_DL_ROLE_QUOTE] = "quote",
        [GP_DL_ROLE_CAPTION] = "caption",   [GP_DL_ROLE_LINK] = "link",       [GP_DL_ROLE_FOOTER] = "footer",
    };
    return names[role];
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
    free(dl->nodes);
    memset(dl, 0, sizeof *dl);
}

/* The list's index of the guide's font f: the same file and face is one font. */
static int shared_font(gp_dlist *into, const gp_dl_font *f)
{
    for (size_t i = 0; i < into->nfonts; i++)
        if (into->fonts[i].index == f->index && !strcmp(into->fonts[i].path, f->path))
            return (int)i;
    return gp_dlist_add_font(into, f->path, f->index, f->hb_font, f->ascender, f->descender, f->cap_height);
}

/* A guide's node id in the joined list: its document is the joined one's
 * (node 1), its other elements follow those already there. */
static int joined_node(int node, int offset)
{
    return node <= 1 ? node : node + offset;
}

/* The guide's structure elements, appended under one document element
 * (an untagged guide adds none); returns the offset of their ids. */
static int append_nodes(gp_dlist *into, const gp_dlist *guide)
{
    if (guide->nnodes < 2)
        return 0;
    if (!into->nnodes) {
        gp_dlist_node(into, GP_DL_TAG_DOCUMENT, 0);
        into->language = guide->language;
    }
    int offset = (int)into->nnodes - 2;
    for (size_t n = 2; n < guide->nnodes; n++) {
        const gp_dl_node *nd = &guide->nodes[n];
        int id = gp_dlist_node(into, nd->tag, joined_node(nd->parent, offset));
        into->nodes[id].alt = nd->alt;
    }
    return offset;
}

void gp_dlist_append(gp_dlist *into, const gp_dlist *guide)
{
    if (!into->npages) {
        into->page_w = guide->page_w, into->page_h = guide->page_h;
        into->trim = guide->trim, into->bleed = guide->bleed;
        into->black_k = guide->black_k;
    }
    if (into->npages % 2) /* page numbers from 1: an odd count ends on a right-hand page */
        gp_dlist_page(into, (int)into->npages);
    int first = (int)into->npages;
    int node_offset = append_nodes(into, guide);
    int *font = gp_xmalloc((guide->nfonts ? guide->nfonts : 1) * sizeof *font);
    for (size_t i = 0; i < guide->nfonts; i++)
        font[i] = shared_font(into, &guide->fonts[i]);
    for (size_t p = 0; p < guide->npages; p++) {
        const gp_dl_page *from = &guide->pages[p];
        gp_dl_page *to = page_at(into, first + (int)p);
        to->items = gp_xmalloc((from->count ? from->count : 1) * sizeof *to->items);
        memcpy(to->items, from->items, from->count * sizeof *to->items);
        to->count = to->cap = from->count;
        to->nbackground = from->nbackground;
        for (size_t i = 0; i < to->count; i++)
        {
            if (to->items[i].kind == GP_DL_TEXT)
                to->items[i].font = font[to->items[i].font];
            to->items[i].node = joined_node(to->items[i].node, node_offset);
        }
    }
    free(font);
    gp_dlist_mark(into, guide->title, first, 0);
    for (size_t m = 0; m < guide->nmarks; m++) {
        gp_dl_mark mark = guide->marks[m];
        gp_dlist_mark(into, mark.title, first + mark.page, mark.y);
        into->marks[into->nmarks - 1].level = mark.level + 1;
    }
}

static const char *kind_name(gp_dl_kind k)
{
    static const char *const names[] = {"text", "rect", "rule", "image", "link", "qr"};
    return names[k];
}

void gp_dlist_dump(FILE *out, const gp_dlist *dl)
{
    fprintf(out, "document %.2f %.2f pages %zu\n", dl->page_w, dl->page_h, dl->npages);
    for (size_t m = 0; m < dl->nmarks; m++) {
        const gp_dl_mark *mk = &dl->marks[m];
        fprintf(out, "mark %d %.2f \"%s\"", mk->page + 1, mk->y, mk->title);
        if (mk->level)
            fprintf(out, " level %d", mk->level);
        fputc('\n', out);
    }
    for (size_t n = 1; n < dl->nnodes; n++) {
        fprintf(out, "node %zu %s in %d", n, gp_dl_tag_name(dl->nodes[n].tag), dl->nodes[n].parent);
        if (dl->nodes[n].alt)
            fprintf(out, " alt \"%s\"", dl->nodes[n].alt);
        fputc('\n', out);
    }
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
                fprintf(out, " %s%s%s", gp_dl_role_name(it->role), it->space_after ? "+space" : "",
                        it->invisible ? " invisible" : "");
                if (it->language && (!dl->language || strcmp(it->language, dl->language)))
                    fprintf(out, " lang %s", it->language);
            }
            if (it->node)
                fprintf(out, " node %d", it->node);
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
