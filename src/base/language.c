/* Language tags (see language.h). */
#include "language.h"

#include <string.h>
#include <strings.h>

/* A subtag's length and what it is made of. */
typedef struct subtag {
    size_t len;
    bool alpha, digit; /* all letters, all digits */
} subtag;

static subtag read_subtag(const char *s)
{
    subtag t = {0, true, true};
    for (; s[t.len] && s[t.len] != '-'; t.len++) {
        bool letter = (s[t.len] | 32) >= 'a' && (s[t.len] | 32) <= 'z', digit = s[t.len] >= '0' && s[t.len] <= '9';
        if (!letter && !digit)
            return (subtag){0, false, false};
        t.alpha &= letter, t.digit &= digit;
    }
    return t;
}

/* The place a subtag after the language takes (the tag's grammar in RFC
 * 5646 §2.1), or -1: none after `place`, the last one's. */
enum { LANGUAGE, EXTLANG_LAST = 3, SCRIPT, REGION, VARIANT, EXTENSION, PRIVATE };

static int next_place(int place, const char *s, subtag t)
{
    if (t.len == 1) /* a singleton: an extension, or private use (x) */
        return (*s | 32) == 'x' ? PRIVATE : EXTENSION;
    if (place == EXTENSION)
        return t.len >= 2 ? EXTENSION : -1;
    if (t.alpha && t.len == 3 && place < EXTLANG_LAST)
        return place + 1;
    if (t.alpha && t.len == 4 && place < SCRIPT)
        return SCRIPT;
    if (((t.alpha && t.len == 2) || (t.digit && t.len == 3)) && place < REGION)
        return REGION;
    if ((t.len >= 5 || (t.len == 4 && *s >= '0' && *s <= '9')) && place <= VARIANT)
        return VARIANT;
    return -1;
}

bool gp_language_tag_valid(const char *tag)
{
    subtag t = read_subtag(tag);
    if (!t.alpha || t.len < 2 || t.len > 3) /* (RFC 5646's 5 to 8 letters: none is registered, "French" is a name) */
        return false;
    int place = LANGUAGE;
    bool singleton = false; /* the last subtag opened an extension or private use: one must follow */
    for (const char *s = tag + t.len; *s; s += t.len) {
        t = read_subtag(++s);
        if (!t.len || t.len > 8)
            return false;
        if (place == PRIVATE) {
            singleton = false;
            continue;
        }
        int next = singleton && t.len == 1 ? -1 : next_place(place, s, t);
        if (next < 0)
            return false;
        singleton = t.len == 1;
        place = next;
    }
    return !singleton;
}

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

/* The subtag `want` (case-insensitive) is one of tag's after the first. */
static bool has_subtag(const char *tag, const char *want)
{
    size_t n = strlen(want);
    for (const char *s = tag + strcspn(tag, "-_"); *s; s += strcspn(s, "-_")) {
        s++;
        if (strcspn(s, "-_") == n && !strncasecmp(s, want, n))
            return true;
    }
    return false;
}

bool gp_language_is_traditional_chinese(const char *tag)
{
    if (!gp_language_is(tag, "zh") || has_subtag(tag, "Hans"))
        return false;
    return has_subtag(tag, "Hant") || has_subtag(tag, "TW") || has_subtag(tag, "HK") || has_subtag(tag, "MO");
}
