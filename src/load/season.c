/* Season file -> the list of films to build, each with its screening. */
#include "season.h"

#include "base/fsio.h"
#include "load/schema.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

bool gp_season_is_file(const char *path)
{
    char err[256];
    size_t len;
    char *text = gp_read_file(path, GP_MAX_INPUT_BYTES, &len, err, sizeof err);
    bool season = text && gp_yaml_has_top_key(text, len, "films");
    free(text);
    return season;
}

/* Whether the row's keys include a screening's. */
static bool has_screening_keys(const gp_node *row)
{
    static const char *const keys[] = {"date", "time", "venue", "host", "rsvp"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        if (gp_node_get(row, keys[i]))
            return true;
    return false;
}

/* The content file a row names: it must be there, as a regular file, now
 * (the row is the place to say so, not the guide's run). */
static bool read_film_path(gp_arena *a, const gp_node *row, const char *dir, gp_diags *d, const char **out)
{
    gp_node *v = gp_schema_require(row, "film", "a season's row", d);
    const char *rel;
    if (!v || !gp_schema_string(v, "`film`", d, &rel))
        return false;
    const char *path = gp_path_join(a, dir, rel);
    struct stat st;
    if (stat(path, &st) != 0)
        return gp_error(d, v->loc, "the film's content file `%s` cannot be opened (%s); check the path (relative "
                        "to the season file)", rel, strerror(errno));
    if (!S_ISREG(st.st_mode))
        return gp_error(d, v->loc, "`%s` is %s, not a content file", rel, gp_file_kind(st.st_mode));
    *out = path;
    return true;
}

static bool read_row(gp_arena *a, const gp_node *row, const char *dir, gp_diags *d, gp_season_film *f)
{
    /* (in this order, a near miss such as `tiem` suggests `time` before `film`) */
    static const char *const known[] = {"date", "time", "venue", "host", "rsvp", "film", NULL};
    f->loc = row->loc;
    if (row->kind == GP_NODE_SCALAR && (gp_has_extension(row->str, ".yaml") || gp_has_extension(row->str, ".yml")))
        return gp_error(d, row->loc, "a season's row names its film and its screening: write `- {film: %.60s, "
                        "date: YYYY-MM-DD}`", row->str);
    if (!gp_schema_is_map(row, "a season's row", d))
        return false;
    bool ok = gp_schema_known_keys(row, known, "a season's row", d);
    ok &= read_film_path(a, row, dir, d, &f->path);
    if (has_screening_keys(row)) {
        f->screening = GP_NEW(a, gp_screening);
        ok &= gp_screening_read(a, row, false, d, f->screening);
    }
    return ok;
}

gp_season *gp_season_load(gp_arena *a, const char *path, gp_diags *d)
{
    static const char *const known[] = {"season", "films", NULL};
    gp_node *root = gp_yaml_load(a, path, d);
    if (!root || !gp_schema_is_map(root, "a season file", d))
        return NULL;
    gp_season *s = GP_NEW(a, gp_season);
    gp_schema_known_keys(root, known, "the season file", d);
    gp_node *v;
    if ((v = gp_node_get(root, "season")))
        gp_schema_string(v, "`season`", d, &s->title);
    v = gp_schema_require(root, "films", "the season file", d);
    if (!v || !gp_schema_is_seq(v, "`films`", d))
        return NULL;
    if (v->count == 0) {
        gp_error(d, v->loc, "`films` must list at least one film");
        return NULL;
    }
    const char *dir = gp_dirname(a, path);
    s->films = GP_NEW_N(a, gp_season_film, v->count);
    for (size_t i = 0; i < v->count; i++)
        if (read_row(a, v->items[i], dir, d, &s->films[s->nfilms]))
            s->nfilms++;
    return s;
}
