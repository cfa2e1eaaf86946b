/* Checking YAML nodes against what a key may hold, with errors that point
 * at the node: unknown keys (with a did-you-mean), wrong types, missing
 * required keys. Shared by the content and the brand loaders. */
#ifndef GP_SCHEMA_H
#define GP_SCHEMA_H

#include "load/rich.h"
#include "load/yaml.h"

/* Reports every key of `map` not in the NULL-terminated `known` list.
 * Returns false if there was one. `what` names the mapping in messages. */
bool gp_schema_known_keys(const gp_node *map, const char *const *known, const char *what, gp_diags *d);
/* Errors if map lacks key; returns the node or NULL. */
gp_node *gp_schema_require(const gp_node *map, const char *key, const char *what, gp_diags *d);

/* Type checks; each returns false after reporting. */
bool gp_schema_is_map(const gp_node *n, const char *what, gp_diags *d);
bool gp_schema_is_seq(const gp_node *n, const char *what, gp_diags *d);
/* A non-empty string (a scalar; numbers are taken as their text). */
bool gp_schema_string(const gp_node *n, const char *what, gp_diags *d, const char **out);
/* A string to print and link: one gp_url_linkable refuses is still
 * accepted (it is printed, not linked), with a warning at its position. */
bool gp_schema_url(const gp_node *n, const char *what, gp_diags *d, const char **out);
/* A whole number in [min, max], plain or quoted ("2018"). */
bool gp_schema_int(const gp_node *n, const char *what, long min, long max, gp_diags *d, long *out);
bool gp_schema_rich(gp_arena *a, gp_node *n, const char *what, gp_diags *d, gp_rich **out);
/* A string or a list of strings. */
bool gp_schema_strings(gp_arena *a, const gp_node *n, const char *what, gp_diags *d, const char ***out,
                       size_t *count);
bool gp_schema_is_bool(const gp_node *n, bool *value);
/* One of `choices` (NULL-terminated): its index, else -1 with an error
 * that lists them (and the closest, if one is). */
int gp_schema_choice(const gp_node *n, const char *what, const char *const *choices, gp_diags *d);
/* `direction:` (content and brand: README "Scripts and direction"): "ltr" or "rtl", else NULL with an error. */
const char *gp_schema_direction(const gp_node *n, gp_diags *d);

/* Closest candidate by edit distance, or NULL if none is close. */
const char *gp_schema_suggest(const char *word, const char *const *candidates);

#endif
