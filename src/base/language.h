/* BCP 47 language tags, as far as guidepress needs them: the primary
 * subtag ("fr" of "fr-CA" or "fr_CA"), matched without regard to case. */
#ifndef GP_LANGUAGE_H
#define GP_LANGUAGE_H

#include <stdbool.h>

/* Whether the primary subtag of `tag` (may be NULL) is `primary`. */
bool gp_language_is(const char *tag, const char *primary);
/* Whether it is one of the NULL-terminated list. */
bool gp_language_in(const char *tag, const char *const *primaries);

#endif
