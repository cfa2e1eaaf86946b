/* Schema checks for YAML nodes.
 *
 * Each check reports through gp_diags and returns false, so the loaders
 * carry on with the next key and one run lists every problem in a file. */
#include "schema.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return 99;
    size_t row[65];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t best = diag + cost;
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

const char *gp_schema_suggest(const char *word, const char *const *candidates)
{
    size_t len = strlen(word);
    size_t limit = len <= 3 ? 1 : len <= 6 ? 2 : 3;
    const char *best = NULL;
    size_t best_d = limit + 1;
    for (size_t i = 0; candidates[i]; i++) {
        /* lengths further apart than the limit cannot be close: a long key costs nothing */
        size_t lc = strlen(candidates[i]);
        if ((len > lc ? len - lc : lc - len) > limit)
            continue;
        size_t d = edit_distance(word, candidates[i]);
        if (d < best_d)
            best_d = d, best = candidates[i];
    }
    return best;
}

static void list_known(char *buf, size_t cap, const char *const *known)
{
    size_t o = 0;
    buf[0] = 0;
    for (size_t i = 0; known[i] && o + 1 < cap; i++)
        o += (size_t)snprintf(buf + o, cap - o, "%s`%s`", i ? ", " : "", known[i]);
}

/* The index of key in known, or -1. */
static int known_index(const char *key, const char *const *known)
{
    for (int j = 0; known[j]; j++)
        if (!strcmp(key, known[j]))
            return j;
    return -1;
}

/* `- Un fait : 3 millions`: a line of text with `: ` in it, which YAML
 * reads as a mapping of one key to its value, both on the item's line
 * (a block mapping: the key where the mapping starts, unlike `{a: b}`). */
static bool is_text_read_as_key(const gp_node *n)
{
    if (n->kind != GP_NODE_MAP || n->count != 1)
        return false;
    const gp_node *k = n->keys[0], *v = n->items[0];
    return !k->quoted && k->loc.line == n->loc.line && k->loc.col == n->loc.col && v->kind == GP_NODE_SCALAR &&
           v->loc.line == k->loc.line;
}

static bool report_text_read_as_key(const gp_node *n, gp_diags *d)
{
    return gp_error(d, n->loc, "a `: ` inside text needs quotes (YAML reads `%s` as a key and the rest as its value): "
                    GP_COLON_IN_TEXT_FIX, n->keys[0]->str);
}

/* A key no schema has: not a lowercase word (`q`, `also_by`). */
static bool is_text_like_key(const char *key)
{
    return key[strspn(key, "abcdefghijklmnopqrstuvwxyz0123456789_")] != 0;
}

bool gp_schema_text_read_as_key(const gp_node *map, const char *const *known, gp_diags *d)
{
    if (!is_text_read_as_key(map) || known_index(map->keys[0]->str, known) >= 0 ||
        !is_text_like_key(map->keys[0]->str))
        return false;
    return !report_text_read_as_key(map, d);
}

bool gp_schema_known_keys(const gp_node *map, const char *const *known, const char *what, gp_diags *d)
{
    /* Which known keys were seen: one pass, however many keys the mapping has. */
    enum { MAX_KNOWN = 32 };
    bool seen[MAX_KNOWN] = {0};
    bool ok = true;
    for (size_t i = 0; i < map->count; i++) {
        const gp_node *k = map->keys[i];
        int j = known_index(k->str, known);
        if (j >= 0) {
            assert(j < MAX_KNOWN);
            if (seen[j])
                ok = gp_error(d, k->loc, "duplicate key `%s` in %s", k->str, what);
            seen[j] = true;
            continue;
        }
        const char *s = gp_schema_suggest(k->str, known);
        if (s) {
            ok = gp_error(d, k->loc, "unknown key `%s` in %s; did you mean `%s`?", k->str, what, s);
        } else {
            char list[512];
            list_known(list, sizeof list, known);
            ok = gp_error(d, k->loc, "unknown key `%s` in %s; known keys: %s", k->str, what, list);
        }
    }
    return ok;
}

gp_node *gp_schema_require(const gp_node *map, const char *key, const char *what, gp_diags *d)
{
    gp_node *n = gp_node_get(map, key);
    if (!n)
        gp_error(d, map->loc, "%s is missing the required key `%s`", what, key);
    return n;
}

bool gp_schema_is_map(const gp_node *n, const char *what, gp_diags *d)
{
    if (n->kind == GP_NODE_MAP)
        return true;
    return gp_error(d, n->loc, "%s must be a mapping (`key: value` lines), not %s", what, gp_node_kind_name(n->kind));
}

bool gp_schema_is_seq(const gp_node *n, const char *what, gp_diags *d)
{
    if (n->kind == GP_NODE_SEQ)
        return true;
    if (n->kind == GP_NODE_SCALAR && n->len) /* `questions: Why?` */
        return gp_error(d, n->loc, "%s must be a list (`- item` lines), not a scalar: put `%.40s` on a line of its "
                        "own below, starting with `- `, and each other item likewise", what, n->str);
    return gp_error(d, n->loc, "%s must be a list (`- item` lines), not %s", what, gp_node_kind_name(n->kind));
}

static bool is_null(const gp_node *n)
{
    return n->kind == GP_NODE_SCALAR && !n->quoted &&
           (n->len == 0 || !strcmp(n->str, "~") || !strcmp(n->str, "null") || !strcmp(n->str, "Null"));
}

/* `#14506e`: a colour the comment swallowed. */
static bool is_hex_colour(const char *s)
{
    size_t n = strspn(s + 1, "0123456789abcdefABCDEF");
    return s[0] == '#' && (n == 3 || n == 6) && (!s[n + 1] || s[n + 1] == ' ' || s[n + 1] == '\t');
}

bool gp_schema_string(const gp_node *n, const char *what, gp_diags *d, const char **out)
{
    if (is_text_read_as_key(n))
        return report_text_read_as_key(n, d);
    if (n->kind != GP_NODE_SCALAR)
        return gp_error(d, n->loc, "%s must be a string, not %s", what, gp_node_kind_name(n->kind));
    if ((is_null(n) || n->len == 0) && n->comment && is_hex_colour(n->comment))
        return gp_error(d, n->comment_loc, "%s is empty: a colour starts with #, which starts a comment in YAML; "
                        "write it in quotes: \"%.7s\"", what, n->comment);
    if ((is_null(n) || n->len == 0) && n->comment)
        return gp_error(d, n->comment_loc, "%s is empty: `#` starts a comment in YAML; put the text in quotes (\"...\")",
                        what);
    if (is_null(n) || n->len == 0)
        return gp_error(d, n->loc, "%s must not be empty", what);
    if (n->comment)
        gp_warn(d, n->comment_loc, "%s stops before `#`, which starts a comment in YAML, so `%.40s` is not printed; "
                "to print it, put the whole text in quotes (\"...\")", what, n->comment);
    if (strlen(n->str) != n->len)
        return gp_error(d, n->loc, "%s contains a NUL character", what);
    *out = n->str;
    return true;
}

bool gp_schema_url(const gp_node *n, const char *what, gp_diags *d, const char **out)
{
    if (!gp_schema_string(n, what, d, out))
        return false;
    if (!gp_url_linkable(*out))
        gp_warn(d, n->loc, "%s `%s` is not an http, https or mailto address without spaces; it is printed without a link",
                what, *out);
    return true;
}

int gp_schema_choice(const gp_node *n, const char *what, const char *const *choices, gp_diags *d)
{
    const char *s;
    if (!gp_schema_string(n, what, d, &s))
        return -1;
    for (int i = 0; choices[i]; i++)
        if (!strcmp(s, choices[i]))
            return i;
    char list[256] = "";
    for (int i = 0, len = 0; choices[i] && len < (int)sizeof list; i++)
        len += snprintf(list + len, sizeof list - (size_t)len, "%s`%s`", i ? (choices[i + 1] ? ", " : " or ") : "",
                        choices[i]);
    const char *near = gp_schema_suggest(s, choices);
    if (near)
        gp_error(d, n->loc, "%s must be %s, not `%s` (did you mean `%s`?)", what, list, s, near);
    else
        gp_error(d, n->loc, "%s must be %s, not `%s`", what, list, s);
    return -1;
}

const char *gp_schema_direction(const gp_node *n, gp_diags *d)
{
    static const char *const directions[] = {"ltr", "rtl", NULL};
    int i = gp_schema_choice(n, "`direction`", directions, d);
    return i < 0 ? NULL : directions[i];
}

bool gp_schema_is_bool(const gp_node *n, bool *value)
{
    if (n->kind != GP_NODE_SCALAR || n->quoted)
        return false;
    static const char *const yes[] = {"true", "True", "TRUE", "yes", "Yes", "on", NULL};
    static const char *const no[] = {"false", "False", "FALSE", "no", "No", "off", NULL};
    for (size_t i = 0; yes[i]; i++)
        if (!strcmp(n->str, yes[i]))
            return *value = true, true;
    for (size_t i = 0; no[i]; i++)
        if (!strcmp(n->str, no[i]))
            return *value = false, true;
    return false;
}

/* A whole number, optionally signed, as plain or quoted text ("2018" is
 * 2018: authors quote years, and nothing else could be meant). */
bool gp_schema_int(const gp_node *n, const char *what, long min, long max, gp_diags *d, long *out)
{
    if (n->kind != GP_NODE_SCALAR || n->len == 0)
        return gp_error(d, n->loc, "%s must be a whole number", what);
    const char *digits = n->str + (n->str[0] == '-' || n->str[0] == '+');
    char *end;
    errno = 0;
    long v = strtol(n->str, &end, 10);
    if (*end || errno || !(*digits >= '0' && *digits <= '9'))
        return gp_error(d, n->loc, "%s must be a whole number, not `%s`", what, n->str);
    if (v < min || v > max)
        return gp_error(d, n->loc, "%s must be between %ld and %ld, not %ld", what, min, max, v);
    *out = v;
    return true;
}

bool gp_schema_rich(gp_arena *a, gp_node *n, const char *what, gp_diags *d, gp_rich **out)
{
    const char *s;
    if (!gp_schema_string(n, what, d, &s))
        return false;
    if (n->rich_arena != a) {
        n->rich = gp_rich_parse_node(a, n, d);
        n->rich_arena = a;
    }
    *out = n->rich;
    if ((*out)->count == 0)
        return gp_error(d, n->loc, "%s must not be empty", what);
    return true;
}

bool gp_schema_strings(gp_arena *a, const gp_node *n, const char *what, gp_diags *d, const char ***out,
                       size_t *count)
{
    if (n->kind == GP_NODE_SCALAR) {
        *out = GP_NEW(a, const char *);
        *count = 1;
        return gp_schema_string(n, what, d, &(*out)[0]);
    }
    if (!gp_schema_is_seq(n, what, d))
        return false;
    if (n->count == 0)
        return gp_error(d, n->loc, "%s must not be an empty list", what);
    *out = GP_NEW_N(a, const char *, n->count);
    *count = n->count;
    bool ok = true;
    for (size_t i = 0; i < n->count; i++)
        ok &= gp_schema_string(n->items[i], what, d, &(*out)[i]);
    return ok;
}
