/* ISO dates in, dates in words out.
 *
 * ICU's full date style is the weekday, day, month name and year in the
 * order and punctuation of the locale (CLDR), so no language's format is
 * written here. Cost: README, "Screenings". */
#include "date.h"

#include <stdio.h>
#include <string.h>
#include <unicode/ucal.h>
#include <unicode/udat.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool gp_date_parse(const char *s, gp_date *out)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, m, d, n = 0;
    if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 || s[4] != '-' || s[7] != '-')
        return false;
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > days[m - 1] + (m == 2 && is_leap(y)))
        return false;
    *out = (gp_date){y, m, d};
    return true;
}

/* The date at noon UTC, formatted in UTC: no time zone can move its day. */
static bool format(gp_date date, const char *language, char *out, int cap)
{
    UErrorCode e = U_ZERO_ERROR;
    char locale[ULOC_FULLNAME_CAPACITY] = "en";
    if (language)
        uloc_forLanguageTag(language, locale, sizeof locale, NULL, &e);
    if (U_FAILURE(e))
        return false;
    UChar zone[] = {'U', 'T', 'C', 0}, text[128];
    UCalendar *cal = ucal_open(zone, -1, locale, UCAL_GREGORIAN, &e);
    ucal_setDateTime(cal, date.year, date.month - 1, date.day, 12, 0, 0, &e);
    UDate when = ucal_getMillis(cal, &e);
    ucal_close(cal);
    UDateFormat *fmt = udat_open(UDAT_NONE, UDAT_FULL, locale, zone, -1, NULL, 0, &e);
    int32_t tlen = udat_format(fmt, when, text, 128, NULL, &e);
    udat_close(fmt);
    u_strToUTF8(out, cap, NULL, text, tlen, &e);
    return U_SUCCESS(e);
}

const char *gp_date_long(gp_arena *a, gp_date date, const char *language)
{
    char text[512];
    if (format(date, language, text, sizeof text))
        return gp_arena_strdup(a, text);
    return gp_arena_printf(a, "%04d-%02d-%02d", date.year, date.month, date.day);
}
