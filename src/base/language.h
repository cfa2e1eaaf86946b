/* BCP 47 language tags, as far as guidepress needs them: the primary
 * subtag ("fr" of "fr-CA" or "fr_CA"), matched without regard to case. */
#ifndef GP_LANGUAGE_H
#define GP_LANGUAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Whether tag is a well-formed BCP 47 (RFC 5646) language tag: a language
 * of 2 or 3 letters, up to three extended languages, a script
 * (4 letters), a region (2 letters or 3 digits), variants, extensions and a
 * private use part, each in its place ("fr", "pt-BR", "zh-Hant-TW",
 * "de-CH-1996"); whether the subtags are registered is not checked. */
bool gp_language_tag_valid(const char *tag);
/* Whether the primary subtag of `tag` (may be NULL) is `primary`. */
bool gp_language_is(const char *tag, const char *primary);
/* Whether it is one of the NULL-terminated list. */
bool gp_language_in(const char *tag, const char *const *primaries);
/* Whether the language is written right to left (ar, fa, he, ur, ps, yi, dv, ckb). */
bool gp_language_is_rtl(const char *tag);
/* Whether it is Chinese in traditional characters: the Hant script, or
 * Taiwan's, Hong Kong's or Macao's without Hans (zh-Hant, zh-TW, zh-HK). */
bool gp_language_is_traditional_chinese(const char *tag);

/* The digit zero the language writes numbers with: Persian, Urdu and
 * Pashto U+06F0 (۰۱۲), Arabic and Sorani U+0660 (٠١٢), others '0'. */
uint32_t gp_language_zero(const char *tag);
/* `ascii` with its digits written in the language's (UTF-8, into out of
 * cap bytes, which takes at most 2 bytes a digit); returns out. */
char *gp_language_digits(const char *tag, const char *ascii, char *out, size_t cap);

#endif
