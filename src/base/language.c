/* Language tags (see language.h). */
#include "language.h"

#include <string.h>
#include <strings.h>

bool gp_language_is(const char *tag, const char *primary)
{
    size_t len = tag ? strcspn(tag, "-_") : 0;
    return tag && strlen(primary) == len && !strncasecmp(tag, primary, len);
}

bool gp_language_in(const char *tag, const char *const *primaries)
{
    for (size_t i = 0; primaries[i]; i++)
        if (gp_language_is(tag, primaries[i]))
            return true;
    return false;
}

uint32_t gp_language_zero(const char *tag)
{
    static const char *const persian[] = {"fa", "ur", "ps", NULL}, *const arabic[] = {"ar", "ckb", NULL};
    return gp_language_in(tag, persian) ? 0x6F0 : gp_language_in(tag, arabic) ? 0x660 : '0';
}

char *gp_language_digits(const char *tag, const char *ascii, char *out, size_t cap)
{
    uint32_t zero = gp_language_zero(tag);
    size_t k = 0;
    for (; *ascii && k + 3 < cap; ascii++) {
        uint32_t c = *ascii >= '0' && *ascii <= '9' ? zero + (uint32_t)(*ascii - '0') : (unsigned char)*ascii;
        if (c < 0x80) {
            out[k++] = (char)c;
        } else { /* U+0660..U+06F9: two bytes */
            out[k++] = (char)(0xC0 | c >> 6);
            out[k++] = (char)(0x80 | (c & 0x3F));
        }
    }
    out[k] = 0;
    return out;
}

bool gp_language_is_rtl(const char *tag)
{
    static const char *const rtl[] = {"ar", "fa", "he", "ur", "ps", "yi", "dv", "ckb", NULL};
    return gp_language_in(tag, rtl);
}
