/* Right-to-left pages made from left-to-right ones (README "Scripts and
 * direction"; which guides read right to left: gp_guide_settings_of).
 *
 * Layout places everything for a left-to-right guide; a right-to-left
 * guide is that layout mirrored about each page's vertical centre line, as
 * one pass over the display list, so that no section needs a case of its
 * own: ragged text ends up flush right, question numbers and bullets right
 * of their text, the pull-quote sidebar left of its column, the cover's
 * columns swapped. Images move but are not flipped.
 *
 * Each text item (a run of one face and direction on a line) is mirrored
 * as a box, its glyphs kept in their order: layout places a line's runs
 * in reverse visual order in such a guide (emit_line), so that here they
 * come back in visual order. */
#include "layout_int.h"

#include "base/language.h"

#include <stdio.h>

const char *layout_number(layout *L, long n)
{
    char ascii[24], out[48];
    snprintf(ascii, sizeof ascii, "%ld", n);
    return gp_arena_strdup(L->a, gp_language_digits(L->tc->language, ascii, out, sizeof out));
}

static gp_box mirror_box(gp_box b, double page_w)
{
    b.x = page_w - b.x - b.w;
    return b;
}

/* A rule runs from (x, y) to (x + w, y + h): a slanted one is mirrored
 * from its far end (a level or upright one is its own box). */
static gp_box mirror_rule(gp_box b, double page_w)
{
    return b.w && b.h ? (gp_box){page_w - b.x - b.w, b.y + b.h, b.w, -b.h} : mirror_box(b, page_w);
}

void layout_mirror(gp_dlist *dl)
{
    for (size_t p = 0; p < dl->npages; p++)
        for (size_t i = 0; i < dl->pages[p].count; i++) {
            gp_dl_item *it = &dl->pages[p].items[i];
            it->box = it->kind == GP_DL_RULE ? mirror_rule(it->box, dl->page_w) : mirror_box(it->box, dl->page_w);
            it->frame = mirror_box(it->frame, dl->page_w);
        }
}
