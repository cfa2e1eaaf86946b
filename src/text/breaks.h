/* Where a line may break: UAX #14 (libunibreak) for every script, a
 * dictionary (ICU) inside Thai, Lao, Khmer and Myanmar text, which is
 * written without spaces between words, and no break inside a Korean word
 * (Korean breaks at spaces). CJK keeps UAX #14's kinsoku rules. */
#ifndef GP_BREAKS_H
#define GP_BREAKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Writes libunibreak's LINEBREAK_* after each of cps[0..n) into brks
 * (thread-safe). `language` tailors UAX #14 (e.g. "ja"); may be NULL. */
/* Whether c is of UAX #14's class CJ (small kana, ー): no line starts
 * with one. */
bool gp_is_conditional_starter(uint32_t c);

void gp_find_breaks(const uint32_t *cps, size_t n, const char *language, char *brks);

#endif
