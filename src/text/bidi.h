/* The base direction of text, by the Unicode Bidirectional Algorithm's
 * rules P2 and P3 (FriBidi): that of its first strong character. */
#ifndef GP_BIDI_H
#define GP_BIDI_H

#include "text/para.h"

/* Whether the line reads right to left: its first letter is Hebrew,
 * Arabic, Syriac, Thaana or another right-to-left script's; `neutral_rtl`
 * if it has no letter (numbers, punctuation). */
bool gp_line_is_rtl(const gp_line *ln, bool neutral_rtl);

#endif
