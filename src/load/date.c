/* ISO dates in, dates in words out.
 *
 * ICU's full date style is the weekday, day, month name and year in the
 * order and punctuation of the locale (CLDR), so no language's format is
 * written here. ICU's i18n library (and the C++ library it needs) is
 * opened with dlopen when the first date is printed: linked, it cost every
 * process its dynamic linking, guides without a screening too (README,
 * "Screenings"). */
#include "date.h"

#include "base/dynlib.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unicode/ucal.h>
#include <unicode/udat.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>
#include <unicode/uvernum.h>

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static const char *const MONTHS[] = {"January", "February", "March",     "April",   "May",      "June",
                                     "July",    "August",   "September", "October", "November", "December"};

static int days_in(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return days[month - 1] + (month == 2 && is_leap(year));
}

/* `digits` digits then one of `separators` (skipped) or the end: the number, else -1. */
static int number_at(const char **s, int digits, const char *separators)
{
    int v = 0;
    for (int i = 0; i < digits; i++, (*s)++) {
        if (**s < '0' || **s > '9')
            return -1;
        v = v * 10 + (**s - '0');
    }
    if (**s && !strchr(separators, **s))
        return -1;
    if (**s)
        (*s)++;
    return v;
}

static bool exists(int y, int m, int d)
{
    return y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= days_in(y, m);
}

/* A date written another way (`2027-3-12`, `15/01/2027`, `3.12.2027`):
 * what to type instead, into why; false if it does not read as one. */
static bool other_spelling(const char *s, char *why, size_t n)
{
    int a = 0, b = 0, y = 0, k = 0;
    if (sscanf(s, "%4d%*1[/.-]%2d%*1[/.-]%2d%n", &y, &a, &b, &k) == 3 && !s[k] && y >= 1000 && exists(y, a, b)) {
        snprintf(why, n, "must be written YYYY-MM-DD: %04d-%02d-%02d", y, a, b);
        return true;
    }
    if (sscanf(s, "%2d%*1[/.-]%2d%*1[/.-]%4d%n", &a, &b, &y, &k) != 3 || s[k] || y < 1000)
        return false;
    bool day_first = exists(y, b, a), month_first = exists(y, a, b);
    if (day_first && month_first && a != b)
        snprintf(why, n, "must be written YYYY-MM-DD (year, month, day): %04d-%02d-%02d (%d %s) or %04d-%02d-%02d (%s %d)",
                 y, b, a, a, MONTHS[b - 1], y, a, b, MONTHS[a - 1], b);
    else if (day_first || month_first)
        snprintf(why, n, "must be written YYYY-MM-DD (year, month, day): %04d-%02d-%02d", y, day_first ? b : a,
                 day_first ? a : b);
    else
        return false;
    return true;
}

bool gp_date_parse(const char *s, gp_date *out, char *why, size_t n)
{
    const char *p = s;
    int y = number_at(&p, 4, "-"), m = y < 0 || p[-1] != '-' ? -1 : number_at(&p, 2, "-");
    int d = m < 0 || p[-1] != '-' ? -1 : number_at(&p, 2, "");
    if (d < 0 || *p) {
        if (!other_spelling(s, why, n))
            snprintf(why, n, "must be a date written YYYY-MM-DD (like 2027-03-12)");
        return false;
    }
    if (y < 1900 || y > 2200)
        snprintf(why, n, "has the year %d: a screening's year is from 1900 to 2200", y);
    else if (m < 1 || m > 12)
        snprintf(why, n, "has no month %02d: it is written YYYY-MM-DD, the month from 01 to 12", m);
    else if (d < 1 || d > days_in(y, m))
        snprintf(why, n, "does not exist: %s %d has %d days", MONTHS[m - 1], y, days_in(y, m));
    else {
        *out = (gp_date){y, m, d};
        return true;
    }
    return false;
}

/* ICU's functions, found in the library on first need (of the types its
 * headers declare); ok is false if it cannot be loaded. */
static struct {
    bool ok;
    __typeof__(uloc_forLanguageTag) *for_language_tag;
    __typeof__(ucal_open) *cal_open;
    __typeof__(ucal_setDateTime) *cal_set;
    __typeof__(ucal_getMillis) *cal_millis;
    __typeof__(ucal_close) *cal_close;
    __typeof__(udat_open) *fmt_open;
    __typeof__(udat_format) *fmt_format;
    __typeof__(udat_close) *fmt_close;
    __typeof__(u_strToUTF8) *to_utf8;
} icu;

static void open_icu(void)
{
    void *lib = dlopen("libicui18n.so." U_ICU_VERSION_SHORT, RTLD_NOW | RTLD_LOCAL);
    icu.ok = lib && gp_find_function(lib, GP_ICU_NAME(uloc_forLanguageTag), &icu.for_language_tag) &&
             gp_find_function(lib, GP_ICU_NAME(ucal_open), &icu.cal_open) &&
             gp_find_function(lib, GP_ICU_NAME(ucal_setDateTime), &icu.cal_set) &&
             gp_find_function(lib, GP_ICU_NAME(ucal_getMillis), &icu.cal_millis) &&
             gp_find_function(lib, GP_ICU_NAME(ucal_close), &icu.cal_close) &&
             gp_find_function(lib, GP_ICU_NAME(udat_open), &icu.fmt_open) &&
             gp_find_function(lib, GP_ICU_NAME(udat_format), &icu.fmt_format) &&
             gp_find_function(lib, GP_ICU_NAME(udat_close), &icu.fmt_close) &&
             gp_find_function(lib, GP_ICU_NAME(u_strToUTF8), &icu.to_utf8);
}

/* The date at noon UTC, formatted in UTC: no time zone can move its day. */
static bool format(gp_date date, const char *language, char *out, int cap)
{
    static pthread_once_t loaded = PTHREAD_ONCE_INIT;
    pthread_once(&loaded, open_icu);
    if (!icu.ok)
        return false;
    UErrorCode e = U_ZERO_ERROR;
    char locale[ULOC_FULLNAME_CAPACITY] = "en";
    if (language)
        icu.for_language_tag(language, locale, sizeof locale, NULL, &e);
    if (U_FAILURE(e))
        return false;
    UChar zone[] = {'U', 'T', 'C', 0}, text[128];
    UCalendar *cal = icu.cal_open(zone, -1, locale, UCAL_GREGORIAN, &e);
    icu.cal_set(cal, date.year, date.month - 1, date.day, 12, 0, 0, &e);
    UDate when = icu.cal_millis(cal, &e);
    icu.cal_close(cal);
    UDateFormat *fmt = icu.fmt_open(UDAT_NONE, UDAT_FULL, locale, zone, -1, NULL, 0, &e);
    int32_t tlen = icu.fmt_format(fmt, when, text, 128, NULL, &e);
    icu.fmt_close(fmt);
    icu.to_utf8(out, cap, NULL, text, tlen, &e);
    return U_SUCCESS(e);
}

const char *gp_date_long(gp_arena *a, gp_date date, const char *language)
{
    char text[512];
    if (format(date, language, text, sizeof text))
        return gp_arena_strdup(a, text);
    return gp_arena_printf(a, "%04d-%02d-%02d", date.year, date.month, date.day);
}
