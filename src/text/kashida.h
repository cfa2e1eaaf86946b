/* Kashida: Arabic justification by elongating a join between two letters
 * with tatweel (U+0640) strokes, where a calligrapher would: after a seen
 * or sad, before a final teh marbuta or heh, before a final alef, lam or
 * kaf..., one per word. Never inside a ligature (the caller's
 * `may_stretch`), never between letters that do not join. */
#ifndef GP_KASHIDA_H
#define GP_KASHIDA_H

#include "text/font.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* How a character joins its neighbours (Unicode's Joining_Type, for the
 * Arabic blocks; marks are transparent). */
typedef enum { GP_JOIN_NONE, GP_JOIN_RIGHT, GP_JOIN_DUAL, GP_JOIN_CAUSING, GP_JOIN_TRANSPARENT } gp_joining;
gp_joining gp_joining_type(uint32_t c);

/* Where the word cps[0..n) (logical order) best takes a kashida: the
 * index of the letter it goes before (after the letter joined to it and
 * that letter's marks), or 0 for nowhere. may_stretch(ctx, i) says whether
 * the glyphs as shaped allow it before cps[i]. */
size_t gp_kashida_place(const uint32_t *cps, size_t n, bool (*may_stretch)(const void *ctx, size_t i),
                        const void *ctx);

/* The tatweel glyph of f at size_pt (its advance in points); false if f has none. */
bool gp_kashida_glyph(gp_face *f, double size_pt, gp_glyph *out);

#endif
