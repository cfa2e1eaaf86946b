/* CID numbering: see cids.h. */
#include "cids.h"

#include "base/arena.h"
#include "pdf/cff.h"

#include <stdlib.h>
#include <string.h>

size_t gp_glyph_text(const gp_glyph *glyphs, size_t i, size_t nglyphs, size_t ntext, size_t *start)
{
    uint32_t c = glyphs[i].cluster;
    *start = c;
    if (i > 0 && glyphs[i - 1].cluster == c)
        return 0;
    size_t j = i + 1;
    while (j < nglyphs && glyphs[j].cluster == c)
        j++;
    /* the next cluster in logical order: after it left to right, before it right to left */
    size_t end = ntext;
    if (j < nglyphs && glyphs[j].cluster > c)
        end = glyphs[j].cluster;
    else if (i > 0 && glyphs[i - 1].cluster > c)
        end = glyphs[i - 1].cluster;
    return end > c ? end - c : 0;
}

/* (A loop, not memcmp: texts are a character or two.) */
static bool same_text(const gp_cid *e, const uint32_t *text, size_t len, bool reversed)
{
    if (e->len != len || e->reversed != reversed)
        return false;
    for (size_t i = 0; i < len; i++)
        if (e->text[i] != text[i])
            return false;
    return true;
}

static uint16_t find(const gp_cid_font *f, uint32_t gid, const uint32_t *text, size_t len, bool reversed)
{
    if (gid >= f->nglyphs)
        return 0;
    for (uint16_t c = f->by_gid[gid]; c; c = f->cids[c].next)
        if (same_text(&f->cids[c], text, len, reversed))
            return c;
    return 0;
}

uint16_t gp_cid_of(const gp_cid_font *f, const gp_glyph *glyphs, size_t i, size_t nglyphs, const uint32_t *text,
                   size_t ntext, bool rtl, bool *own_text)
{
    size_t start, len = gp_glyph_text(glyphs, i, nglyphs, ntext, &start);
    uint16_t c = find(f, glyphs[i].gid, text + start, len, rtl && len > 1);
    if (own_text)
        *own_text = c && gp_cid_mapped(&f->cids[c]);
    /* past 65535 pairs (never in a real guide) a glyph keeps its first text */
    return c || glyphs[i].gid >= f->nglyphs ? c : f->by_gid[glyphs[i].gid];
}

bool gp_cid_mapped(const gp_cid *e)
{
    size_t units = 0;
    for (size_t i = 0; i < e->len; i++)
        units += e->text[i] > 0xFFFF ? 2 : 1;
    return e->len > 0 && units <= GP_TOUNICODE_MAX;
}

static uint16_t code_of(const gp_cid_font *f, uint32_t gid, size_t cid)
{
    return (uint16_t)(!f->cff ? cid : f->cff_cids ? f->cff_cids[gid] : gid);
}

/* The CID of (gid, text), numbered now if it is new; 0 if it has none of
 * its own (gp_cid_of). */
static uint16_t add(gp_cid_font *f, const gp_dl_font *font, uint32_t gid, const uint32_t *text, size_t len,
                    bool reversed)
{
    if (gid >= f->nglyphs)
        return 0;
    uint16_t found = find(f, gid, text, len, reversed);
    if (found || f->count > 0xFFFF || (f->cff && f->by_gid[gid]))
        return found;
    if (f->count == f->cap) {
        f->cap *= 2;
        f->cids = gp_xrealloc(f->cids, f->cap * sizeof *f->cids);
    }
    uint16_t c = (uint16_t)f->count++;
    float width = (float)(hb_font_get_glyph_h_advance(font->hb_font, gid) * 1000.0 / font->upem);
    f->cids[c] = (gp_cid){.gid = gid, .text = text, .len = (uint32_t)len, .reversed = reversed,
                          .code = code_of(f, gid, c), .width = width};
    uint16_t *link = &f->by_gid[gid];
    while (*link)
        link = &f->cids[*link].next;
    *link = c;
    return c;
}

/* CIDs in the order of their texts: single characters first, by
 * character, then longer texts (ligatures) by their characters, then the
 * glyphs without text; the glyph decides between two with one text.
 * Consecutive letters get consecutive codes, which ToUnicode writes as
 * ranges. */
static int text_rank(const gp_cid *e)
{
    return e->len == 1 ? 0 : e->len ? 1 : 2;
}

static int by_text(const void *a, const void *b)
{
    const gp_cid *x = *(const gp_cid *const *)a, *y = *(const gp_cid *const *)b;
    if (text_rank(x) != text_rank(y))
        return text_rank(x) - text_rank(y);
    for (uint32_t i = 0; i < x->len && i < y->len; i++)
        if (x->text[i] != y->text[i])
            return x->text[i] < y->text[i] ? -1 : 1;
    if (x->len != y->len)
        return x->len < y->len ? -1 : 1;
    if (x->gid != y->gid)
        return x->gid < y->gid ? -1 : 1;
    return (x->reversed > y->reversed) - (x->reversed < y->reversed);
}

/* Renumbers f's CIDs; returns each old CID's new one (malloc'd). */
static uint16_t *number_by_text(gp_cid_font *f)
{
    size_t n = f->count;
    const gp_cid **order = gp_xmalloc(n * sizeof *order);
    uint16_t *new_cid = gp_xmalloc(n * sizeof *new_cid);
    for (size_t c = 0; c < n; c++)
        order[c] = &f->cids[c];
    qsort(order + 1, n - 1, sizeof *order, by_text);
    gp_cid *cids = gp_xmalloc(f->cap * sizeof *cids);
    for (size_t c = 0; c < n; c++) {
        size_t old = (size_t)(order[c] - f->cids);
        cids[c] = f->cids[old], new_cid[old] = (uint16_t)c;
    }
    for (size_t c = 1; c < n; c++) {
        cids[c].next = cids[c].next ? new_cid[cids[c].next] : 0;
        if (!f->cff)
            cids[c].code = (uint16_t)c;
    }
    for (uint32_t g = 0; g < f->nglyphs; g++)
        f->by_gid[g] = f->by_gid[g] ? new_cid[f->by_gid[g]] : 0;
    f->space = f->space ? new_cid[f->space] : 0;
    free(f->cids);
    f->cids = cids;
    free(order);
    return new_cid;
}

/* A word space a line break took, given back at a tagged line's end. */
static void add_space(gp_cid_font *f, const gp_dl_font *font)
{
    static const uint32_t space[1] = {' '};
    hb_codepoint_t gid;
    if (f->space || !hb_font_get_nominal_glyph(font->hb_font, ' ', &gid))
        return;
    f->space = add(f, font, gid, space, 1, false);
}

/* Whether the item is text the PDF prints (in a font of the list). */
static bool prints(const gp_dlist *dl, const gp_dl_item *it)
{
    return it->kind == GP_DL_TEXT && it->font >= 0 && (size_t)it->font < dl->nfonts;
}

void gp_cids_init(gp_cids *c, const gp_dlist *dl)
{
    c->nfonts = dl->nfonts;
    c->fonts = gp_xcalloc(dl->nfonts ? dl->nfonts : 1, sizeof *c->fonts);
    for (size_t i = 0; i < dl->nfonts; i++) {
        gp_cid_font *f = &c->fonts[i];
        hb_face_t *face = hb_font_get_face(dl->fonts[i].hb_font);
        f->nglyphs = hb_face_get_glyph_count(face);
        f->cff = gp_face_is_cff(face);
        f->cff_cids = f->cff ? gp_cff_cids(face, f->nglyphs) : NULL;
        f->upem = dl->fonts[i].upem;
        f->by_gid = gp_xcalloc(f->nglyphs, sizeof *f->by_gid);
        f->cap = 64;
        f->cids = gp_xmalloc(f->cap * sizeof *f->cids);
        f->cids[0] = (gp_cid){0};
        f->count = 1;
    }
    c->page_items = gp_xmalloc((dl->npages + 1) * sizeof *c->page_items);
    size_t nitems = 0, nglyphs = 0;
    for (size_t p = 0; p < dl->npages; p++) {
        c->page_items[p] = nitems;
        nitems += dl->pages[p].count;
        for (size_t k = 0; k < dl->pages[p].count; k++)
            nglyphs += prints(dl, &dl->pages[p].items[k]) ? dl->pages[p].items[k].nglyphs : 0;
    }
    c->run_start = gp_xmalloc((nitems + 1) * sizeof *c->run_start);
    c->glyph_cids = gp_xmalloc((nglyphs + 1) * sizeof *c->glyph_cids);
    c->own_text = gp_xmalloc((nglyphs + 1) * sizeof *c->own_text);
    size_t at = 0;
    for (size_t p = 0; p < dl->npages; p++)
        for (size_t k = 0; k < dl->pages[p].count; k++) {
            const gp_dl_item *it = &dl->pages[p].items[k];
            c->run_start[c->page_items[p] + k] = at;
            if (!prints(dl, it))
                continue;
            gp_cid_font *f = &c->fonts[it->font];
            for (size_t g = 0; g < it->nglyphs; g++, at++) {
                size_t start, len = gp_glyph_text(it->glyphs, g, it->nglyphs, it->ntext, &start);
                uint32_t gid = it->glyphs[g].gid;
                uint16_t own = add(f, &dl->fonts[it->font], gid, it->text + start, len, it->rtl && len > 1);
                /* past 65535 pairs (never in a real guide) a glyph keeps its first text */
                c->glyph_cids[at] = own ? own : gid < f->nglyphs ? f->by_gid[gid] : 0;
                c->own_text[at] = own != 0;
            }
            if (it->space_after)
                add_space(f, &dl->fonts[it->font]);
        }
    uint16_t **new_cids = gp_xmalloc((dl->nfonts + 1) * sizeof *new_cids);
    for (size_t i = 0; i < dl->nfonts; i++) {
        new_cids[i] = number_by_text(&c->fonts[i]);
        c->fonts[i].one_byte = !c->fonts[i].cff && c->fonts[i].count <= 256;
    }
    for (size_t p = 0; p < dl->npages; p++)
        for (size_t k = 0; k < dl->pages[p].count; k++) {
            const gp_dl_item *it = &dl->pages[p].items[k];
            if (!prints(dl, it))
                continue;
            const gp_cid_font *f = &c->fonts[it->font];
            for (size_t g = 0, i = c->run_start[c->page_items[p] + k]; g < it->nglyphs; g++, i++) {
                c->glyph_cids[i] = new_cids[it->font][c->glyph_cids[i]];
                c->own_text[i] = c->own_text[i] && gp_cid_mapped(&f->cids[c->glyph_cids[i]]);
            }
        }
    for (size_t i = 0; i < dl->nfonts; i++)
        free(new_cids[i]);
    free(new_cids);
}

const uint16_t *gp_cids_run(const gp_cids *c, size_t page, size_t item, const bool **own_text)
{
    size_t start = c->run_start[c->page_items[page] + item];
    *own_text = c->own_text + start;
    return c->glyph_cids + start;
}

void gp_cids_free(gp_cids *c)
{
    for (size_t i = 0; i < c->nfonts; i++) {
        free(c->fonts[i].by_gid);
        free(c->fonts[i].cids);
        free(c->fonts[i].cff_cids);
    }
    free(c->fonts);
    free(c->glyph_cids);
    free(c->own_text);
    free(c->page_items);
    free(c->run_start);
    *c = (gp_cids){0};
}

char *gp_hex(char *o, uint32_t v, int digits)
{
    static const char hex[] = "0123456789ABCDEF";
    for (int i = digits - 1; i >= 0; i--)
        *o++ = hex[v >> (4 * i) & 0xF];
    return o;
}

int gp_utf16_hex(char *out, const uint32_t *text, size_t len, bool reversed)
{
    char *o = out;
    for (size_t i = 0; i < len; i++) {
        uint32_t c = text[reversed ? len - 1 - i : i];
        if (c > 0xFFFF)
            o = gp_hex(gp_hex(o, 0xD800 + ((c - 0x10000) >> 10), 4), 0xDC00 + ((c - 0x10000) & 0x3FF), 4);
        else
            o = gp_hex(o, c, 4);
    }
    return (int)(o - out);
}
