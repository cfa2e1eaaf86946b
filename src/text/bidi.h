/* The Unicode Bidirectional Algorithm (UAX #9) for paragraphs and lines:
 * FriBidi resolves each character's embedding level in its paragraph;
 * a line's runs are then put in visual order here (rule L2), as the
 * text stage sets lines as runs of shaped glyphs, not characters. */
#ifndef GP_BIDI_H
#define GP_BIDI_H

#include <stddef.h>
#include <stdint.h>

/* How a paragraph's base direction is chosen. */
typedef enum {
    GP_BIDI_LTR,         /* left to right */
    GP_BIDI_RTL,         /* right to left */
    GP_BIDI_AUTO,        /* its first strong character's (P2, P3), left to right without one */
    GP_BIDI_PREFER_LTR,  /* the guide's direction, unless the paragraph has no letter written */
    GP_BIDI_PREFER_RTL,  /*   that way and one written the other way (an English label in a Persian guide) */
} gp_bidi_base;

/* Resolves the embedding level of each of cps[0..n) (even: left to right,
 * odd: right to left) into levels; returns the paragraph's base level.
 * Text with no right-to-left character costs one pass over it. */
int gp_bidi_levels(const uint32_t *cps, size_t n, gp_bidi_base base, uint8_t *levels);

/* Rule L2: order[0..n) receives the indexes of n runs (in logical order,
 * runs[i] at levels[i]) from left to right. */
void gp_bidi_visual_order(const uint8_t *levels, size_t n, uint32_t *order);

#endif
