/* Dates as a reader of the guide's language writes them, from CLDR's data
 * through ICU: "Friday, March 12, 2027" (en-US), "vendredi 12 mars 2027" (fr). */
#ifndef GP_DATE_H
#define GP_DATE_H

#include "base/arena.h"

#include <stdbool.h>

typedef struct gp_date {
    int year, month, day;
} gp_date;

/* Parses an ISO date (YYYY-MM-DD) that exists on the calendar; else false
 * with, in why, the end of a message that starts "`date` `<s>` ": what is
 * wrong and what to type ("does not exist: February 2027 has 28 days",
 * "must be written YYYY-MM-DD (year, month, day): 2027-01-15"). */
bool gp_date_parse(const char *s, gp_date *out, char *why, size_t whylen);
/* The date in full (weekday, day, month, year) in `language` (BCP 47; NULL:
 * English); the ISO form if ICU cannot format it. In the arena. */
const char *gp_date_long(gp_arena *a, gp_date date, const char *language);

#endif
