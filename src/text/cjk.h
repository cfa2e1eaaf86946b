/* Chinese and Japanese punctuation: which marks open and close, which
 * Latin marks are set full width beside Chinese or Japanese, and the
 * half a full-width mark may give up beside another (JIS X 4051's
 * consecutive punctuation: 」） and 。「 take one and a half em, not two). */
#ifndef GP_CJK_H
#define GP_CJK_H

#include "text/font.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum { GP_CJK_OTHER, GP_CJK_OPENING, GP_CJK_CLOSING } gp_cjk_punct;

enum { GP_CJK_FIRST_MARK = 0x2018 }; /* no code point below is an opening or closing mark */

/* Whether c is an opening bracket or quotation mark (「『（【〔〈《“‘), a
 * closing one or a comma or full stop (」』）】〕〉》”’、。，．), or neither. */
gp_cjk_punct gp_cjk_punct_of(uint32_t c);

/* Whether c is a Han ideograph, kana or CJK punctuation (not hangul:
 * Korean sets Latin punctuation the Latin way). */
bool gp_cjk_is_sinographic(uint32_t c);

/* Whether c is a mark Chinese and Japanese share with Latin text and set
 * full width, from the CJK face: “ ” ‘ ’ — … · */
bool gp_cjk_is_shared_mark(uint32_t c);

/* Which half code point i of cps[0..n) gives up: a closing mark before
 * another mark its right one (GP_CJK_CLOSING), an opening one after an
 * opening one its left one (GP_CJK_OPENING); else GP_CJK_OTHER. */
gp_cjk_punct gp_cjk_squeeze_at(const uint32_t *cps, size_t n, size_t i);

/* Takes from g, a glyph of f, the empty half of a full-width mark: the
 * right half of a closing one, the left of an opening one (the glyph
 * drawn half an em to the left). Nothing if its ink is not all in the
 * other half (Taiwan's centred full stop) or it is not full width. */
void gp_cjk_halve(const gp_face *f, gp_glyph *g, gp_cjk_punct kind);

#endif
