/* Bidirectional levels and visual order (see bidi.h). */
#include "bidi.h"

#include "base/arena.h"

#include <fribidi.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Whether the text has a character that is right to left, an Arabic
 * number or an explicit embedding or isolate: without one, every level of
 * a left-to-right paragraph is 0 (European numbers beside only left-to-
 * right letters are left to right, W7). No such character is below U+0590. */
static bool may_be_rtl(const uint32_t *cps, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (cps[i] >= 0x590) {
            FriBidiCharType t = fribidi_get_bidi_type(cps[i]);
            if (FRIBIDI_IS_RTL(t) || t == FRIBIDI_TYPE_AN || FRIBIDI_IS_EXPLICIT(t) || FRIBIDI_IS_ISOLATE(t))
                return true;
        }
    return false;
}

/* A letter written `rtl`, if the text has one. */
static bool has_strong(const FriBidiCharType *types, size_t n, bool rtl)
{
    for (size_t i = 0; i < n; i++)
        if (FRIBIDI_IS_LETTER(types[i]) && FRIBIDI_IS_STRONG(types[i]) && FRIBIDI_IS_RTL(types[i]) == rtl)
            return true;
    return false;
}

static FriBidiParType par_type(gp_bidi_base base, const FriBidiCharType *types, size_t n)
{
    switch (base) {
    case GP_BIDI_LTR: return FRIBIDI_PAR_LTR;
    case GP_BIDI_RTL: return FRIBIDI_PAR_RTL;
    case GP_BIDI_AUTO: return FRIBIDI_PAR_ON;
    case GP_BIDI_PREFER_RTL:
        return has_strong(types, n, true) || !has_strong(types, n, false) ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
    case GP_BIDI_PREFER_LTR: break;
    }
    return has_strong(types, n, false) || !has_strong(types, n, true) ? FRIBIDI_PAR_LTR : FRIBIDI_PAR_RTL;
}

int gp_bidi_levels(const uint32_t *cps, size_t n, gp_bidi_base base, uint8_t *levels)
{
    if (base != GP_BIDI_RTL && base != GP_BIDI_PREFER_RTL && !may_be_rtl(cps, n)) { /* every level 0 */
        memset(levels, 0, n);
        return 0;
    }
    FriBidiCharType *types = gp_xmalloc((n ? n : 1) * sizeof *types);
    FriBidiBracketType *brackets = gp_xmalloc((n ? n : 1) * sizeof *brackets);
    FriBidiLevel *lv = gp_xmalloc((n ? n : 1) * sizeof *lv);
    FriBidiStrIndex len = (FriBidiStrIndex)n;
    fribidi_get_bidi_types(cps, len, types);
    fribidi_get_bracket_types(cps, len, types, brackets);
    FriBidiParType dir = par_type(base, types, n);
    int base_level = FRIBIDI_DIR_TO_LEVEL(dir);
    if (fribidi_get_par_embedding_levels_ex(types, brackets, len, &dir, lv)) {
        base_level = FRIBIDI_DIR_TO_LEVEL(dir);
        for (size_t i = 0; i < n; i++)
            levels[i] = (uint8_t)lv[i];
    } else { /* (only on allocation failure inside FriBidi) */
        memset(levels, base_level, n);
    }
    free(types);
    free(brackets);
    free(lv);
    return base_level;
}

/* Reverses order[from, to). */
static void reverse(uint32_t *order, size_t from, size_t to)
{
    while (from + 1 < to) {
        uint32_t t = order[from];
        order[from++] = order[--to];
        order[to] = t;
    }
}

void gp_bidi_visual_order(const uint8_t *levels, size_t n, uint32_t *order)
{
    uint8_t highest = 0, lowest_odd = 255;
    for (size_t i = 0; i < n; i++) {
        order[i] = (uint32_t)i;
        highest = levels[i] > highest ? levels[i] : highest;
        if (levels[i] & 1 && levels[i] < lowest_odd)
            lowest_odd = levels[i];
    }
    /* from the highest level down to the lowest odd one, every maximal
     * sequence of runs at that level or higher is reversed */
    for (int level = highest; level >= lowest_odd && level > 0; level--)
        for (size_t i = 0; i < n;) {
            if (levels[order[i]] < level) {
                i++;
                continue;
            }
            size_t end = i;
            while (end < n && levels[order[end]] >= level)
                end++;
            reverse(order, i, end);
            i = end;
        }
}
