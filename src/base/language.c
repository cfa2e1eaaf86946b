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
