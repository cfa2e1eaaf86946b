/* A season file (README "A season in one command"): the films of a club's season, each
 * with its screening, rendered one guide each.
 *
 *   season: Spring 2027
 *   films:
 *     - {film: films/honeyland.yaml, date: 2027-04-09, time: "19:30", venue: Community Room}
 */
#ifndef GP_SEASON_H
#define GP_SEASON_H

#include "load/doc.h"

typedef struct gp_season_film {
    const char *path;          /* the content file (relative paths are the season file's) */
    gp_loc loc;                /* its row */
    gp_screening *screening;   /* the row's screening keys over the content's (gp_screening_apply), or NULL */
} gp_season_film;

typedef struct gp_season {
    const char *title;         /* `season:`, or NULL */
    gp_season_film *films;     /* the good rows, in order */
    size_t nfilms;
} gp_season;

/* Whether the file is a season file: a line starting `films:`, which no
 * content or brand file has (told without parsing it). */
bool gp_season_is_file(const char *path);
/* Loads a season file. Each bad row (not a mapping, an unknown key, no
 * `film`, a content file that is not there, a bad date) is reported at its
 * line and left out; the others are returned. NULL if the file itself is
 * bad (not YAML, no `films` list). Everything is in the arena. */
gp_season *gp_season_load(gp_arena *a, const char *path, gp_diags *d);

#endif
