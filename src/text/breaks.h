/* Where a line may break: UAX #14 (libunibreak) for every script, a
 * dictionary (ICU) inside Thai, Lao, Khmer and Myanmar text, which is
 * written without spaces between words, and no break inside a Korean word
 * (Korean breaks at spaces). CJK keeps UAX #14's kinsoku rules. */
#ifndef GP_BREAKS_H
#define GP_BREAKS_H

#include <stddef.h>
#include <stdint.h>

/* Writes libunibreak's LINEBREAK_* after each of cps[0..n) into brks
 * (thread-safe). `language` tailors UAX #14 (e.g. "ja"); may be NULL. */
void gp_find_breaks(const uint32_t *cps, size_t n, const char *language, char *brks);

#endif
