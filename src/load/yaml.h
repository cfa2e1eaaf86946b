/* A YAML file as a tree of nodes, each with its source position.
 *
 * Scalars keep their text and whether they were quoted (a quoted `true` is
 * a string, a plain one a boolean). Aliases point at the anchored node, so
 * nothing is copied; the loader counts the expanded size and refuses files
 * that would blow up ("billion laughs"). Merge keys (`<<: *base`) are
 * resolved: a mapping's node holds the merged pairs too. Tags are refused. */
#ifndef GP_YAML_H
#define GP_YAML_H

#include "base/arena.h"
#include "base/diag.h"

typedef enum { GP_NODE_SCALAR, GP_NODE_SEQ, GP_NODE_MAP } gp_node_kind;

typedef struct gp_node gp_node;
struct gp_node {
    gp_node_kind kind;
    gp_loc loc;
    const char *str;      /* scalar text, NUL-terminated */
    size_t len;
    int quoted;           /* scalar was quoted or a block scalar: never a number or bool */
    gp_node **items;      /* SEQ: items; MAP: values */
    gp_node **keys;       /* MAP: keys (scalars) */
    size_t count;
    double weight;        /* size of the expanded subtree: a node, plus an eighth of each scalar's bytes */
    /* A plain scalar: a `#` comment on its line that may have cut its text
     * short (`Rocks #1 in France`, `primary: #14506e`), or NULL. Comments
     * set off by two spaces or more and a space after the `#` are notes. */
    const char *comment;
    gp_loc comment_loc;
    /* Where a scalar's characters are in the file (gp_node_text_loc): its
     * first character's position, and how the rest follow from it. */
    gp_loc text_loc;
    size_t text_exact;    /* the text's first bytes spelled as they read, on text_loc's line */
    bool text_by_lines;   /* a literal block (|): a line of the text per line of the file, from text_loc */
    /* The scalar read as rich text (gp_schema_rich) in rich_arena's memory: once, however many
     * aliases refer to it (a hundred of a hundred aliases would otherwise parse it 10,000 times). */
    struct gp_rich *rich;
    const gp_arena *rich_arena;
};

enum { GP_MAX_INPUT_BYTES = 16 << 20, GP_MAX_DEPTH = 64 };
/* Aliases share nodes, but every later stage walks (and copies) them as
 * often as they are referred to: what aliases add to the expanded size (in
 * the units of gp_node.weight) is what is limited. A file without aliases
 * is bounded by GP_MAX_INPUT_BYTES alone. A page of a guide weighs about
 * 260 (Last Train Home: 2,600 for 10 pages), so this is some 400 pages:
 * at 1,000,000, 2.8 KB of aliases reached the 2,000-page limit only after
 * laying out 2,000 pages (0.26 s, 1.4 s on a loaded machine), where now
 * they are refused as they are read. */
#define GP_MAX_EXPANDED_NODES 100000.0

/* The message for a no-break space where YAML needs indentation (two places find one). */
#define GP_NBSP_INDENT_MESSAGE \
    "a no-break space (U+00A0) indents this line, and YAML indents with ordinary spaces only: replace it with a space"

/* What to do about a `: ` inside unquoted text (two places find one). */
#define GP_COLON_IN_TEXT_FIX "put the whole text in quotes (\"...\"), or write the colon without a space after it"

/* Parses `data` (the text of `path`). On failure appends diagnostics and returns NULL.
 * The tree lives in the arena. An empty document gives a NULL root with an error. */
gp_node *gp_yaml_parse(gp_arena *a, const char *path, const char *data, size_t len, gp_diags *d);

/* Reads and parses a file (regular files only, size-limited). */
gp_node *gp_yaml_load(gp_arena *a, const char *path, gp_diags *d);

/* The position of the byte `off` of a scalar's text. The cursor carries the
 * walk over the text from one call to the next (zeroed before the first),
 * so positions asked in increasing order cost one pass in all. */
typedef struct gp_text_cursor {
    size_t off;
    gp_loc at;
} gp_text_cursor;
gp_loc gp_node_text_loc(const gp_node *n, size_t off, gp_text_cursor *c);

/* Map lookup by key; NULL if absent. */
gp_node *gp_node_get(const gp_node *map, const char *key);
const char *gp_node_kind_name(gp_node_kind k);
/* Whether a line of the text starts with `key:` (at column 1): what a file
 * is, told without parsing it. */
bool gp_yaml_has_top_key(const char *text, size_t len, const char *key);

#endif
