/* UTF-8 decoding and encoding. */
#ifndef GP_UTF8_H
#define GP_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes one code point at s[0..len); returns bytes consumed (>= 1).
 * An invalid sequence yields U+FFFD and consumes one byte. */
size_t gp_utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Writes cp as UTF-8 into out (at least 4 bytes); returns bytes written. */
size_t gp_utf8_encode(uint32_t cp, char *out);
/* Offset of the first invalid byte, or len if the whole buffer is valid UTF-8. */
size_t gp_utf8_validate(const char *s, size_t len);

#endif
