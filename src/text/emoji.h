/* Emoji in text: which characters are shown as emoji (UTS #51's emoji
 * presentation sequences), to be set in the emoji face rather than the
 * text's (text/para.c). */
#ifndef GP_EMOJI_H
#define GP_EMOJI_H

#include <stddef.h>
#include <stdint.h>

/* The length of the emoji sequence starting at cps[i] (of n), 0 if none
 * starts there: a character shown as emoji by default (not followed by
 * U+FE0E) or followed by U+FE0F; a keycap (0-9, # or *, U+FE0F, U+20E3);
 * a flag (two regional indicators, or a black flag and tag characters);
 * each with its skin tone modifier, and ZWJ joining more of them. */
size_t gp_emoji_sequence(const uint32_t *cps, size_t n, size_t i);

#endif
