/* Tests for the load stage: the YAML reader (src/load/yaml.c) on strings,
 * the schema helpers (src/load/schema.c) and the content loader
 * (src/load/doc.c) on files written to a temporary folder.
 *
 * YAML: node kinds and 1-based line:column positions counted in code points
 * (also after multi-byte characters), quoted versus plain scalars, aliases
 * shared rather than copied, and each refusal with its message and position:
 * the alias-expansion limit, the nesting limit, invalid UTF-8, an empty
 * document, several documents, bad syntax. Schema: did-you-mean and the type
 * checks. Documents: a complete file with every section type read into the
 * model field by field, then invalid files, checking that gp_doc_load gives
 * NULL and that one run names every error at the position of its node (a
 * missing key at its parent mapping). Runs from the repository root. */
#include "load/doc.h"
#include "load/schema.h"
#include "load/yaml.h"

#include "harness.h"
#include "diag_checks.h"

#include <dirent.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static char tmpdir[] = "/tmp/gp-test-load-XXXXXX";
static char good_png[PATH_MAX], truncated_png[PATH_MAX];

/* ---- helpers ---- */

/* CHECK that a diagnostic with this position and message part exists, with details if not. */
#define CHECK_DIAG(d, line, col, substr)                                                                       \
    do {                                                                                                       \
        bool found_ = has_diag((d), -1, (line), (col), (substr));                                              \
        harness_result(found_, __FILE__, __LINE__, "diag " #line ":" #col " " #substr);                         \
        if (!found_)                                                                                           \
            dump_diags(d);                                                                                     \
    } while (0)

static gp_node *parse(gp_arena *a, gp_diags *d, const char *text)
{
    return gp_yaml_parse(a, "t.yaml", text, strlen(text), d);
}

static bool loc_is(gp_loc l, int line, int col)
{
    if (l.line == line && l.col == col)
        return true;
    fprintf(stderr, "    position %d:%d, want %d:%d\n", l.line, l.col, line, col);
    return false;
}

/* Writes a file in the temporary folder; returns its path (arena). */
static const char *write_file(gp_arena *a, const char *name, const char *text)
{
    return write_file_in(a, tmpdir, name, text);
}

/* The plain text of a rich value, or "" */
static const char *rtext(gp_arena *a, const gp_rich *r)
{
    return r ? gp_rich_text(a, r) : "";
}

/* ---- YAML ---- */

static void test_yaml_basic(void)
{
    gp_arena a = {0};
    gp_diags d = {0};
    gp_node *root = parse(&a, &d, "title: Last Train Home\nyear: 2009\nlist:\n  - one\n  - two\nmap:\n  k: v\n");
    CHECK(root != NULL);
    CHECK_ERRORS(&d, 0);
    if (root) {
        CHECK(root->kind == GP_NODE_MAP);
        CHECK(loc_is(root->loc, 1, 1));
        CHECK(!strcmp(root->loc.file, "t.yaml"));
        CHECK_EQ_INT(root->count, 4);
        CHECK(str_is(root->keys[0]->str, "title"));
        CHECK(loc_is(root->keys[0]->loc, 1, 1));
        gp_node *t = gp_node_get(root, "title");
        CHECK(t && t->kind == GP_NODE_SCALAR && str_is(t->str, "Last Train Home") && t->len == 15);
        CHECK(t && loc_is(t->loc, 1, 8));
        gp_node *y = gp_node_get(root, "year");
        CHECK(y && !y->quoted && str_is(y->str, "2009") && loc_is(y->loc, 2, 7));
        gp_node *l = gp_node_get(root, "list");
        CHECK(l && l->kind == GP_NODE_SEQ && l->count == 2);
        if (l && l->count == 2) {
            CHECK(loc_is(l->loc, 4, 3));
            CHECK(str_is(l->items[1]->str, "two") && loc_is(l->items[1]->loc, 5, 5));
        }
        gp_node *m = gp_node_get(root, "map");
        CHECK(m && m->kind == GP_NODE_MAP && m->count == 1 && loc_is(m->loc, 7, 3));
        CHECK(m && str_is(gp_node_get(m, "k")->str, "v") && loc_is(gp_node_get(m, "k")->loc, 7, 6));
        CHECK(gp_node_get(root, "nope") == NULL);
        CHECK(gp_node_get(t, "title") == NULL); /* not a mapping */
        CHECK(gp_node_get(NULL, "title") == NULL);
    }
    CHECK(str_is(gp_node_kind_name(GP_NODE_SCALAR), "a scalar"));
    CHECK(str_is(gp_node_kind_name(GP_NODE_SEQ), "a list"));
    CHECK(str_is(gp_node_kind_name(GP_NODE_MAP), "a mapping"));
    gp_diags_free(&d);
    gp_arena_free(&a);
}

/* Columns are code points, not bytes. */
static void test_yaml_positions(void)
{
    gp_arena a = {0};
    gp_diags d = {0};
    /* é is 2 bytes, 日本語 3 each, 😀 4. */
    gp_node *root = parse(&a, &d,
                          "é: 1\n"
                          "t: {a: \"日本語\", k: v}\n"
                          "u: [😀😀, x]\n"
                          "# ünïcödé comment\n"
                          "w:\n"
                          "  - ü\n"
                          "  - z: [1, 2]\n");
    CHECK(root != NULL);
    CHECK_ERRORS(&d, 0);
    if (root) {
        gp_node *e = gp_node_get(root, "é");
        CHECK(e && loc_is(e->loc, 1, 4));
        gp_node *t = gp_node_get(root, "t");
        CHECK(t && loc_is(t->loc, 2, 4));
        CHECK(t && t->count == 2 && loc_is(t->keys[1]->loc, 2, 15)); /* bytes would say 21 */
        CHECK(t && loc_is(gp_node_get(t, "k")->loc, 2, 18));
        gp_node *u = gp_node_get(root, "u");
        CHECK(u && u->count == 2 && loc_is(u->items[1]->loc, 3, 9)); /* bytes would say 15 */
        gp_node *w = gp_node_get(root, "w");
        CHECK(w && w->count == 2 && loc_is(w->loc, 6, 3));
        if (w && w->count == 2) {
            gp_node *z = gp_node_get(w->items[1], "z");
            CHECK(z && z->count == 2 && loc_is(z->items[1]->loc, 7, 12));
        }
    }
    /* CR LF line ends count one line each. */
    root = parse(&a, &d, "a: 1\r\nb: 2\r\nc: x\r\n");
    CHECK(root && loc_is(gp_node_get(root, "c")->loc, 3, 4));
    gp_diags_free(&d);
    gp_arena_free(&a);
}

static void test_yaml_scalars(void)
{
    gp_arena a = {0};
    gp_diags d = {0};
    gp_node *root = parse(&a, &d,
                          "plain: 2009\n"
                          "double: \"2009\"\n"
                          "single: '2009'\n"
                          "literal: |\n"
                          "  line one\n"
                          "  line two\n"
                          "folded: >\n"
                          "  a\n"
                          "  b\n"
                          "empty:\n"
                          "quoted_empty: \"\"\n"
                          "escaped: \"tab\\there \\u00e9\"\n"
                          "boolish: true\n");
    CHECK(root != NULL);
    if (root) {
        gp_node *n = gp_node_get(root, "plain");
        CHECK(n && !n->quoted && str_is(n->str, "2009"));
        n = gp_node_get(root, "double");
        CHECK(n && n->quoted && str_is(n->str, "2009"));
        n = gp_node_get(root, "single");
        CHECK(n && n->quoted && str_is(n->str, "2009"));
        n = gp_node_get(root, "literal");
        CHECK(n && n->quoted && str_is(n->str, "line one\nline two\n"));
        n = gp_node_get(root, "folded");
        CHECK(n && n->quoted && str_is(n->str, "a b\n"));
        n = gp_node_get(root, "empty");
        CHECK(n && n->kind == GP_NODE_SCALAR && !n->quoted && n->len == 0 && str_is(n->str, ""));
        n = gp_node_get(root, "quoted_empty");
        CHECK(n && n->quoted && n->len == 0);
        n = gp_node_get(root, "escaped");
        CHECK(n && str_is(n->str, "tab\there \xC3\xA9") && n->len == strlen("tab\there \xC3\xA9"));
        n = gp_node_get(root, "boolish");
        CHECK(n && !n->quoted && str_is(n->str, "true"));
        bool b = false;
        CHECK(n && gp_schema_is_bool(n, &b) && b);
    }
    /* A scalar holding a NUL keeps its full length, so the schema can refuse it. */
    root = parse(&a, &d, "k: \"a\\0b\"\n");
    gp_node *k = gp_node_get(root, "k");
    CHECK(k && k->len == 3);
    const char *s = NULL;
    CHECK(k && !gp_schema_string(k, "`k`", &d, &s));
    CHECK_DIAG(&d, 1, 4, "`k` contains a NUL character");
    gp_diags_free(&d);
    gp_arena_free(&a);
}

static void test_yaml_aliases(void)
{
    gp_arena a = {0};
    gp_diags d = {0};
    gp_node *root = parse(&a, &d,
                          "base: &b {k: v, l: [1, 2]}\n"
                          "copy: *b\n"
                          "name: &n Lixin Fan\n"
                          "again: *n\n"
                          "list: [*n, *b]\n");
    CHECK(root != NULL);
    CHECK_ERRORS(&d, 0);
    if (root) {
        gp_node *base = gp_node_get(root, "base");
        CHECK(base && base == gp_node_get(root, "copy")); /* the same node, not a copy */
        CHECK(gp_node_get(root, "name") == gp_node_get(root, "again"));
        gp_node *list = gp_node_get(root, "list");
        CHECK(list && list->count == 2 && list->items[0] == gp_node_get(root, "name") && list->items[1] == base);
        /* Weights count the expanded tree, a node plus an eighth of each
         * scalar's bytes: {k: v, l: [1, 2]} is 1 + 1.125 + (1 + 2 * 1.125). */
        double b = 1 + 1.125 + (1 + 2 * 1.125), name = 1 + 9.0 / 8;
        CHECK(base && base->weight == b);
        CHECK(list && list->weight == 1 + name + b);
        CHECK(root->weight == 1 + b + b + name + name + (1 + name + b));
        /* An anchored node's position is its anchor's. */
        CHECK(base && loc_is(base->loc, 1, 7));
    }

    /* An alias to an unknown anchor. */
    CHECK(parse(&a, &d, "a: 1\nb: *nope\n") == NULL);
    CHECK_DIAG(&d, 2, 4, "unknown alias `*nope`");
    gp_diags_free(&d);
    /* A collection cannot contain an alias to itself. */
    CHECK(parse(&a, &d, "a: &x [1, *x]\n") == NULL);
    CHECK_DIAG(&d, 1, 11, "unknown alias `*x`");
    gp_diags_free(&d);
    gp_arena_free(&a);
}

static void test_yaml_alias_bomb(void)
{
    gp_arena a = {0};
    gp_diags d = {0};
    const char *bomb = "a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
                       "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                       "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                       "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                       "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
                       "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
                       "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
                       "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
                       "i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n";
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    CHECK(parse(&a, &d, bomb) == NULL);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    CHECK_ERRORS(&d, 1);
    /* f: 9^6 nodes under the aliases, refused at the sequence that crossed the limit. */
    CHECK_DIAG(&d, 6, 4, "the document is too large once its aliases are expanded");
    double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    CHECK(s < 1.0);
    gp_diags_free(&d);

    /* Well under the limit (9^5 expanded nodes) is fine, and still shared. */
    gp_node *root = parse(&a, &d,
                          "a: &a [x, x, x, x, x, x, x, x, x]\n"
                          "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                          "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                          "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                          "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n");
    CHECK(root != NULL);
    CHECK_ERRORS(&d, 0);
    gp_node *e = gp_node_get(root, "e");
    CHECK(e && e->weight > 59049 && e->weight < GP_MAX_EXPANDED_NODES);
    CHECK(e && e->items[0] == e->items[8]);
    gp_diags_free(&d);
    gp_arena_free(&a);
}

static char *nested(const char *open, const char *close, int n)
{
    size_t lo = strlen(open), lc = strlen(close);
    char *s = malloc((lo + lc) * (size_t)n + 8);
    char *p = s;
    p += sprintf(p, "k: ");
    for (int i = 0; i < n; i++)
        p += sprintf(p, "%s", open);
    for (int i = 0; i < n; i++)
        p += sprintf(p, "%s", close);
    *p = 0;
    return s;
}

static void test_yaml_depth(void)
{
    gp_arena a = {0};
    gp_diags d = {0};
    /* Depth counts from the root (0): the root mapping plus 64 nested lists
     * reaches depth 64, the limit, and is allowed. */
    char *ok = nested("[", "]", GP_MAX_DEPTH);
    CHECK(parse(&a, &d, ok) != NULL);
    CHECK_ERRORS(&d, 0);
    free(ok);
    gp_diags_free(&d);
    /* One more is refused, at the `[` that went past (column 3 + 65). */
    char *over = nested("[", "]", GP_MAX_DEPTH + 1);
    CHECK(parse(&a, &d, over) == NULL);
    CHECK_ERRORS(&d, 1);
    CHECK_DIAG(&d, 1, 68, "nesting is deeper than 64 levels");
    free(over);
    gp_diags_free(&d);
    /* 200 levels: still one error, at the same place. */
    char *deep = nested("[", "]", 200);
    CHECK(parse(&a, &d, deep) == NULL);
    CHECK_ERRORS(&d, 1);
    CHECK_DIAG(&d, 1, 68, "nesting is deeper than 64 levels");
    free(deep);
    gp_diags_free(&d);
    /* Flow mappings count the same; deep input does not overflow the stack. */
    char *maps = nested("{a: ", "}", 5000);
    CHECK(parse(&a, &d, maps) == NULL);
    CHECK(d.count == 1 && strstr(d.items[0].message, "nesting is deeper than 64 levels"));
    free(maps);
    gp_diags_free(&d);
    gp_arena_free(&a);
}

static void test_yaml_utf8(void)
{
    gp_arena a = {0};
    gp_diags d = {0};
    /* Latin-1 é: line 2, column 10 (after "name: caf"). */
    CHECK(parse(&a, &d, "title: ok\nname: caf\xE9 x\n") == NULL);
    CHECK_ERRORS(&d, 1);
    CHECK_DIAG(&d, 2, 10, "the file is not valid UTF-8 (byte 0xE9)");
    gp_diags_free(&d);
    /* After multi-byte characters on the same line the column counts code points. */
    CHECK(parse(&a, &d, "t: é\nn: ü日\xFF\n") == NULL);
    CHECK_DIAG(&d, 2, 6, "byte 0xFF");
    gp_diags_free(&d);
    /* A UTF-16 surrogate, an overlong encoding, a truncated sequence at the end. */
    CHECK(parse(&a, &d, "a: \xED\xA0\x80\n") == NULL);
    CHECK_DIAG(&d, 1, 4, "byte 0xED");
    gp_diags_free(&d);
    CHECK(parse(&a, &d, "a: b\nc: \xC0\xAF\n") == NULL);
    CHECK_DIAG(&d, 2, 4, "byte 0xC0");
    gp_diags_free(&d);
    CHECK(parse(&a, &d, "a: \xE6\x97") == NULL);
    CHECK_DIAG(&d, 1, 4, "byte 0xE6");
    gp_diags_free(&d);
    gp_arena_free(&a);
}

static void test_yaml_documents(void)
{
    gp_arena a = {0};
    gp_diags d = {0};
    static const char *const empties[] = {"", "\n\n", "# only a comment\n", "---\n", "---\n...\n", "  \n   \n"};
    for (size_t i = 0; i < sizeof empties / sizeof empties[0]; i++) {
        CHECK(parse(&a, &d, empties[i]) == NULL);
        CHECK_ERRORS(&d, 1);
        CHECK_DIAG(&d, 1, 1, "the file is empty");
        gp_diags_free(&d);
    }
    /* A quoted empty string is a value, not an empty file. */
    gp_node *q = parse(&a, &d, "\"\"\n");
    CHECK(q && q->kind == GP_NODE_SCALAR && q->quoted && q->len == 0);
    CHECK_ERRORS(&d, 0);

    /* One explicit document is fine; a second is an error at its `---`. */
    CHECK(parse(&a, &d, "---\na: 1\n...\n") != NULL);
    CHECK_ERRORS(&d, 0);
    CHECK(parse(&a, &d, "a: 1\n---\nb: 2\n") == NULL);
    CHECK_ERRORS(&d, 1);
    CHECK_DIAG(&d, 2, 1, "only one YAML document per file is allowed");
    gp_diags_free(&d);
    CHECK(parse(&a, &d, "---\na: 1\n---\n") == NULL);
    CHECK_DIAG(&d, 3, 1, "only one YAML document per file is allowed");
    gp_diags_free(&d);

    /* Syntax errors carry libyaml's problem at its position. */
    CHECK(parse(&a, &d, "a: b: c\n") == NULL);
    CHECK_DIAG(&d, 1, 5, "a `: ` inside text needs quotes");
    gp_diags_free(&d);
    CHECK(parse(&a, &d, "a: [1, 2\nb: 3\n") == NULL);
    CHECK_DIAG(&d, 2, 2, "the `[` at line 1 is not closed before this point: end it with `]`, or add the comma "
                         "missing between two items");
    gp_diags_free(&d);
    CHECK(parse(&a, &d, "a: {b: x c: y}\n") == NULL);
    CHECK_DIAG(&d, 1, 11, "inside `{...}`, items are separated by commas");
    gp_diags_free(&d);
    CHECK(parse(&a, &d, "a: \"open\nb: 2\n") == NULL);
    CHECK(d.count == 1 && strstr(d.items[0].message, "while scanning a quoted scalar"));
    gp_diags_free(&d);
    /* A key must be a scalar. */
    CHECK(parse(&a, &d, "? [a, b]\n: c\n") == NULL);
    CHECK_DIAG(&d, 1, 3, "a key must be a plain string");
    gp_diags_free(&d);
    gp_arena_free(&a);
}

static void test_yaml_load_file(void)
{
    gp_arena a = {0};
    gp_diags d = {0};
    const char *path = write_file(&a, "plain.yaml", "x: 1\n");
    gp_node *root = gp_yaml_load(&a, path, &d);
    CHECK(root && str_is(root->loc.file, path));
    CHECK_ERRORS(&d, 0);
    const char *missing = gp_arena_printf(&a, "%s/no-such.yaml", tmpdir);
    CHECK(gp_yaml_load(&a, missing, &d) == NULL);
    CHECK(d.count == 1 && d.items[0].loc.line == 0 && str_is(d.items[0].loc.file, missing));
    gp_diags_free(&d);
    CHECK(gp_yaml_load(&a, tmpdir, &d) == NULL); /* a folder */
    CHECK_ERRORS(&d, 1);
    gp_diags_free(&d);
    gp_arena_free(&a);
}

/* ---- issue #10: linear reading, real positions, merge keys, tags ---- */

/* 50,000 anchors and as many aliases (what the aliases add stays under
 * GP_MAX_EXPANDED_NODES). Anchors were once looked up in a list, newest
 * first (200,000 took over two minutes; 50,000 would take 8 s); alarm()
 * is a watchdog, not a timed assert: the linear reader takes well under a
 * second even under sanitizers. */
static void test_yaml_many_anchors(void)
{
    enum { N = 50000 };
    gp_arena a = {0};
    gp_diags d = {0};
    char *text = malloc((size_t)N * 40 + 16), *p = text;
    p += sprintf(p, "k:\n");
    for (int i = 0; i < N; i++)
        p += sprintf(p, "  - &a%d v%d\n", i, i);
    for (int i = 0; i < N; i++)
        p += sprintf(p, "  - *a%d\n", i);
    alarm(20);
    gp_node *root = parse(&a, &d, text);
    alarm(0);
    CHECK_ERRORS(&d, 0);
    gp_node *k = gp_node_get(root, "k");
    CHECK(k && k->count == 2 * N);
    CHECK(k && k->count == 2 * N && k->items[N + 4711] == k->items[4711] && str_is(k->items[4711]->str, "v4711"));
    free(text);
    /* An anchor defined again names the newer node from there on. */
    root = parse(&a, &d, "a: &x 1\nb: *x\nc: &x 2\nd: *x\n");
    CHECK(root && gp_node_get(root, "b") == gp_node_get(root, "a") && gp_node_get(root, "d") == gp_node_get(root, "c"));
    gp_diags_free(&d);
    gp_arena_free(&a);
}

/* A character YAML refuses is named at its own line and column (libyaml
 * reports only a byte offset, which was shown as 1:1). */
static void test_yaml_control_chars(void)
{
    gp_arena a = {0};
    gp_diags d = {0};
    static const struct {
        const char *text;
        int line, col;
        const char *what;
    } cases[] = {
        {"a: b\nccccccccccccccccc: \x07\n", 2, 20, "U+0007"},
        {"a: \"q\x01\"\n", 1, 6, "U+0001"},
        {"a: b\n# \xC3\xA9t\xC3\xA9 \x7F\n", 2, 7, "U+007F"},
        {"a: \xC2\x9B\n", 1, 4, "U+009B"},
        {"a: 1\nb: \xEF\xBF\xBE\n", 2, 4, "U+FFFE"},
        {"\xEF\xBB\xBF" "a: \x1B\n", 1, 4, "U+001B"},  /* the BOM is no column */
        {"a: 1\rb: \x02\r", 2, 4, "U+0002"},           /* a lone CR ends a line */
        {"a: 1\r\nb: 2\r\nc: \x03\r\n", 3, 4, "U+0003"}, /* CR LF is one line end */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        CHECK(parse(&a, &d, cases[i].text) == NULL);
        CHECK_ERRORS(&d, 1);
        char want[128];
        snprintf(want, sizeof want, "the file contains the %scharacter %s, which YAML does not allow; delete it",
                 strcmp(cases[i].what, "U+FFFE") ? "control " : "", cases[i].what);
        CHECK(has_diag(&d, GP_ERROR, cases[i].line, cases[i].col, want));
        if (!has_diag(&d, GP_ERROR, cases[i].line, cases[i].col, want))
            dump_diags(&d), fprintf(stderr, "    case %zu: want %d:%d %s\n", i, cases[i].line, cases[i].col, want);
        gp_diags_free(&d);
    }
    /* Tabs, NEL and the characters YAML allows are fine. */
    CHECK(parse(&a, &d, "a: \"x\ty\"\nb: \xC2\x85\n") != NULL);
    CHECK_ERRORS(&d, 0);
    gp_diags_free(&d);
    gp_arena_free(&a);
}

/* libyaml ends lines at NEL, LS and PS too; editors show them as one
 * character of the line, and so do positions. */
static void test_yaml_soft_breaks(void)
{
    gp_arena a = {0};
    gp_diags d = {0};
    gp_node *root = parse(&a, &d,
                          "c: [p,\xE2\x80\xA8 q]\n"            /* LS at column 7: q at 9 */
                          "e: [r,\xC2\x85 s,\xE2\x80\xA9  t]\n" /* NEL at 7, PS at 11 */
                          "f: [u, v]\n"
                          "# note\xE2\x80\xA8g: 1\n");           /* libyaml ends the comment at LS */
    CHECK(root != NULL);
    CHECK_ERRORS(&d, 0);
    gp_node *c = gp_node_get(root, "c"), *e = gp_node_get(root, "e"), *f = gp_node_get(root, "f");
    CHECK(c && c->count == 2 && loc_is(c->items[1]->loc, 1, 9));
    CHECK(e && e->count == 3 && loc_is(e->items[1]->loc, 2, 9) && loc_is(e->items[2]->loc, 2, 14));
    CHECK(f && f->count == 2 && loc_is(f->items[1]->loc, 3, 8));
    gp_node *g = gp_node_get(root, "g");
    CHECK(g && loc_is(g->loc, 4, 11));
    CHECK(root && root->count == 4 && loc_is(root->keys[3]->loc, 4, 8));
    /* An error after them is at its editor position too. */
    CHECK(parse(&a, &d, "a: [x,\xE2\x80\xA8 y]\nb: c: d\n") == NULL);
    CHECK_DIAG(&d, 2, 5, "a `: ` inside text needs quotes");
    gp_diags_free(&d);
    gp_arena_free(&a);
}

/* Tags are refused at the tag, quoted as written. */
static void test_yaml_tags(void)
{
    gp_arena a = {0};
    gp_diags d = {0};
    static const struct {
        const char *text;
        int line, col;
        const char *tag;
    } cases[] = {
        {"a: !!binary aGVsbG8=\n", 1, 4, "!!binary"},
        {"a: b\nc: &x !foo bar\n", 2, 7, "!foo"},
        {"a:\n  - !<tag:x.org,2000:y> q\n", 2, 5, "!<tag:x.org,2000:y>"},
        {"a: ! x\n", 1, 4, "!"},
        {"a: [1, !!str 2]\n", 1, 8, "!!str"},
        {"!!map {a: 1}\n", 1, 1, "!!map"},
        {"a: !!str\n", 1, 4, "!!str"},
        {"!!str k: v\n", 1, 1, "!!str"},
        {"a: !!seq\n  - x\n", 1, 4, "!!seq"},
        {"a: [\xC3\xA9, !x y]\n", 1, 8, "!x"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        CHECK(parse(&a, &d, cases[i].text) == NULL);
        CHECK_ERRORS(&d, 1);
        char want[128];
        snprintf(want, sizeof want, "tags are not supported; remove `%s`", cases[i].tag);
        bool found = has_diag(&d, GP_ERROR, cases[i].line, cases[i].col, want);
        CHECK(found);
        if (!found)
            dump_diags(&d), fprintf(stderr, "    case %zu: want %d:%d %s\n", i, cases[i].line, cases[i].col, want);
        gp_diags_free(&d);
    }
    /* `!` inside a value is text, not a tag; so is a quoted one. */
    gp_node *root = parse(&a, &d, "a: Hi! there\nb: \"!!binary\"\n");
    CHECK(root && str_is(gp_node_get(root, "a")->str, "Hi! there") && str_is(gp_node_get(root, "b")->str, "!!binary"));
    CHECK_ERRORS(&d, 0);
    gp_arena_free(&a);
}

/* YAML merge keys: `<<: *base` or `<<: [*a, *b]`; the mapping's own keys
 * win, then the merged mappings in order. Positions stay those of the
 * merged nodes. */
static void test_yaml_merge(void)
{
    gp_arena a = {0};
    gp_diags d = {0};
    gp_node *root = parse(&a, &d,
                          "base: &b {x: 1, y: 2}\n"
                          "more: &m {y: 20, z: 30}\n"
                          "one: {<<: *b, y: 3}\n"
                          "list:\n"
                          "  <<: [*b, *m]\n"
                          "  w: 0\n"
                          "quoted: {\"<<\": *b}\n"
                          "inline: {<<: {n: 1}, o: 2}\n"
                          "c: &c {<<: *b, q: 1}\n"
                          "d: {<<: *c}\n");
    CHECK(root != NULL);
    CHECK_ERRORS(&d, 0);
    if (!root) {
        gp_arena_free(&a);
        return;
    }
    gp_node *base = gp_node_get(root, "base");
    gp_node *one = gp_node_get(root, "one");
    CHECK(one && one->count == 2);
    CHECK(str_is(gp_node_get(one, "y")->str, "3"));
    CHECK(gp_node_get(one, "x") == gp_node_get(base, "x"));
    CHECK(loc_is(gp_node_get(one, "x")->loc, 1, 14));
    gp_node *list = gp_node_get(root, "list");
    CHECK(list && list->count == 4);
    CHECK(str_is(gp_node_get(list, "w")->str, "0") && str_is(gp_node_get(list, "x")->str, "1") &&
          str_is(gp_node_get(list, "y")->str, "2") && str_is(gp_node_get(list, "z")->str, "30"));
    CHECK(gp_node_get(list, "<<") == NULL);
    gp_node *quoted = gp_node_get(root, "quoted");
    CHECK(quoted && quoted->count == 1 && gp_node_get(quoted, "<<") == base); /* a quoted "<<" is a key */
    gp_node *in = gp_node_get(root, "inline");
    CHECK(in && in->count == 2 && str_is(gp_node_get(in, "n")->str, "1"));
    gp_node *dd = gp_node_get(root, "d");
    CHECK(dd && dd->count == 3 && gp_node_get(dd, "q") && gp_node_get(dd, "x") && gp_node_get(dd, "y"));
    /* Weights count the merged values once, as the `<<` value they came from. */
    CHECK(one->weight == 1 + 1.125 + base->weight);

    /* Only mappings merge, and a wrong value is reported at its `<<`. */
    CHECK(parse(&a, &d, "a: {x: 1}\nb: {<<: 1}\n") == NULL);
    CHECK_DIAG(&d, 2, 5, "the merge key `<<` takes a mapping or a list of mappings (`<<: *name`), not a scalar");
    gp_diags_free(&d);
    CHECK(parse(&a, &d, "a: &a {x: 1}\nb:\n  <<: [*a, [1]]\n") == NULL);
    CHECK_DIAG(&d, 3, 3, "the merge key `<<` takes a mapping or a list of mappings (`<<: *name`), not a list");
    gp_diags_free(&d);
    gp_arena_free(&a);
}

/* The alias limit counts only what aliases add: a large file without
 * aliases is bounded by the file-size limit alone (a 15 MiB file was once
 * refused as "too large once its aliases are expanded"). */
static void test_yaml_large_plain(void)
{
    gp_arena a = {0};
    gp_diags d = {0};
    size_t lines = 15 * 1024 * 1024 / 64;
    char *text = malloc(lines * 64 + 16), *p = text;
    p += sprintf(p, "k:\n");
    for (size_t i = 0; i < lines; i++)
        p += sprintf(p, "  - %059zu\n", i);
    gp_node *root = parse(&a, &d, text);
    CHECK(root != NULL);
    CHECK_ERRORS(&d, 0);
    CHECK(root && gp_node_get(root, "k") && gp_node_get(root, "k")->count == lines);
    CHECK(root && root->weight > 2 * GP_MAX_EXPANDED_NODES); /* the old rule would refuse it */
    free(text);
    gp_diags_free(&d);
    /* A large scalar repeated by aliases is refused, with the alias message. */
    size_t big = 1 << 20;
    text = malloc(big + 256);
    p = text + sprintf(text, "a: &a ");
    memset(p, 'x', big);
    p += big;
    p += sprintf(p, "\nb: [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n");
    CHECK(parse(&a, &d, text) == NULL);
    CHECK_DIAG(&d, 2, 4, "the document is too large once its aliases are expanded: they repeat more than 100000 nodes "
                         "(some 400 pages), the limit; use fewer aliases");
    free(text);
    gp_diags_free(&d);
    gp_arena_free(&a);
}

/* A mapping of 200,000 keys: duplicates and unknown keys are each
 * reported, in time linear in the keys (duplicates were once found by
 * comparing each key with every key before it). */
static void test_schema_many_keys(void)
{
    enum { N = 200000 };
    gp_arena a = {0};
    gp_diags d = {0};
    char *text = malloc((size_t)N * 24 + 16), *p = text;
    for (int i = 0; i < N; i++)
        p += sprintf(p, i % 2 ? "title: x\n" : "k%d: x\n", i);
    gp_node *root = parse(&a, &d, text);
    CHECK(root && root->count == N);
    static const char *const known[] = {"title", "year", NULL};
    alarm(20);
    CHECK(root && !gp_schema_known_keys(root, known, "`film`", &d));
    alarm(0);
    CHECK_ERRORS(&d, N - 1); /* every unknown key, every title after the first */
    CHECK_DIAG(&d, 4, 1, "duplicate key `title` in `film`");
    CHECK_DIAG(&d, 3, 1, "unknown key `k2` in `film`; known keys: `title`, `year`");
    free(text);
    gp_diags_free(&d);
    gp_arena_free(&a);
}

/* ---- schema ---- */

static void test_suggest(void)
{
    static const char *const film[] = {"title", "director", "year", "runtime", "country", "language",
                                       "poster", "logline", "also_by", "intro", NULL};
    static const char *const brand[] = {"name", "tagline", "url", "logo", "colors", "fonts",
                                        "page", "language", "labels", "back_page", "footer", NULL};
    static const char *const types[] = {"text", "themes", "questions", "facts", "actions",
                                        "reviews", "reading", "qa", "watch", NULL};
    CHECK(str_is(gp_schema_suggest("directer", film), "director"));
    CHECK(str_is(gp_schema_suggest("Director", film), "director"));
    CHECK(str_is(gp_schema_suggest("posterr", film), "poster"));
    CHECK(str_is(gp_schema_suggest("also-by", film), "also_by"));
    CHECK(str_is(gp_schema_suggest("yaer", film), "year"));
    CHECK(str_is(gp_schema_suggest("colours", brand), "colors"));
    CHECK(str_is(gp_schema_suggest("backpage", brand), "back_page"));
    CHECK(str_is(gp_schema_suggest("txt", types), "text"));
    CHECK(str_is(gp_schema_suggest("question", types), "questions"));
    CHECK(str_is(gp_schema_suggest("title", film), "title")); /* an exact match is its own best */
    /* Nothing close: no suggestion. */
    CHECK(gp_schema_suggest("gallery", types) == NULL);
    CHECK(gp_schema_suggest("soundtrack", film) == NULL);
    CHECK(gp_schema_suggest("xy", film) == NULL);
    CHECK(gp_schema_suggest("zzzzzzzz", brand) == NULL);
    static const char *const none[] = {NULL};
    CHECK(gp_schema_suggest("title", none) == NULL);
    /* Very long words are never "close". */
    char longw[100];
    memset(longw, 'a', sizeof longw - 1);
    longw[sizeof longw - 1] = 0;
    CHECK(gp_schema_suggest(longw, film) == NULL);
}

static void test_schema_checks(void)
{
    gp_arena a = {0};
    gp_diags d = {0};
    gp_node *root = parse(&a, &d,
                          "n: 42\nneg: -3\nbig: 99999999999999999999\nq: \"42\"\nf: 4.5\nword: abc\n"
                          "nul: ~\nempty:\nlist: [a, b]\nnone: []\nmixed: [a, [b]]\nt: yes\nno: off\n"
                          "qs: \" 42\"\nqneg: '-7'\n");
    CHECK(root != NULL);
    if (!root) {
        gp_arena_free(&a);
        return;
    }
    long v = 0;
    CHECK(gp_schema_int(gp_node_get(root, "n"), "`n`", 0, 100, &d, &v) && v == 42);
    CHECK(gp_schema_int(gp_node_get(root, "neg"), "`neg`", -10, 0, &d, &v) && v == -3);
    CHECK_ERRORS(&d, 0);
    CHECK(!gp_schema_int(gp_node_get(root, "n"), "`n`", 0, 10, &d, &v));
    CHECK_DIAG(&d, 1, 4, "`n` must be between 0 and 10, not 42");
    CHECK(!gp_schema_int(gp_node_get(root, "big"), "`big`", 0, 10, &d, &v));
    CHECK_DIAG(&d, 3, 6, "`big` must be a whole number");
    /* A quoted whole number is one ("2018"); quoted, a space is still not a digit. */
    CHECK(gp_schema_int(gp_node_get(root, "q"), "`q`", 0, 100, &d, &v) && v == 42);
    CHECK(gp_schema_int(gp_node_get(root, "qneg"), "`qneg`", -10, 0, &d, &v) && v == -7);
    CHECK(!gp_schema_int(gp_node_get(root, "qs"), "`qs`", 0, 100, &d, &v));
    CHECK_DIAG(&d, 14, 5, "`qs` must be a whole number, not ` 42`");
    CHECK(!gp_schema_int(gp_node_get(root, "f"), "`f`", 0, 100, &d, &v));
    CHECK_DIAG(&d, 5, 4, "`f` must be a whole number, not `4.5`");
    CHECK(!gp_schema_int(gp_node_get(root, "list"), "`list`", 0, 100, &d, &v));
    CHECK_DIAG(&d, 9, 7, "`list` must be a whole number");
    CHECK_ERRORS(&d, 5);
    gp_diags_free(&d);

    const char *s = NULL;
    CHECK(gp_schema_string(gp_node_get(root, "n"), "`n`", &d, &s) && str_is(s, "42")); /* numbers as text */
    CHECK(!gp_schema_string(gp_node_get(root, "nul"), "`nul`", &d, &s));
    CHECK_DIAG(&d, 7, 6, "`nul` must not be empty");
    CHECK(!gp_schema_string(gp_node_get(root, "list"), "`list`", &d, &s));
    CHECK_DIAG(&d, 9, 7, "`list` must be a string, not a list");
    CHECK(!gp_schema_is_map(gp_node_get(root, "list"), "`list`", &d));
    CHECK_DIAG(&d, 9, 7, "`list` must be a mapping (`key: value` lines), not a list");
    CHECK(!gp_schema_is_seq(root, "the file", &d));
    CHECK_DIAG(&d, 1, 1, "the file must be a list (`- item` lines), not a mapping");
    gp_diags_free(&d);

    const char **strs = NULL;
    size_t count = 0;
    CHECK(gp_schema_strings(&a, gp_node_get(root, "list"), "`list`", &d, &strs, &count) && count == 2 &&
          str_is(strs[1], "b"));
    CHECK(gp_schema_strings(&a, gp_node_get(root, "word"), "`word`", &d, &strs, &count) && count == 1 &&
          str_is(strs[0], "abc"));
    CHECK_ERRORS(&d, 0);
    CHECK(!gp_schema_strings(&a, gp_node_get(root, "none"), "`none`", &d, &strs, &count));
    CHECK_DIAG(&d, 10, 7, "`none` must not be an empty list");
    CHECK(!gp_schema_strings(&a, gp_node_get(root, "mixed"), "`mixed`", &d, &strs, &count));
    CHECK_DIAG(&d, 11, 12, "`mixed` must be a string, not a list");
    gp_diags_free(&d);

    bool b = false;
    CHECK(gp_schema_is_bool(gp_node_get(root, "t"), &b) && b);
    CHECK(gp_schema_is_bool(gp_node_get(root, "no"), &b) && !b);
    CHECK(!gp_schema_is_bool(gp_node_get(root, "word"), &b));
    CHECK(!gp_schema_is_bool(gp_node_get(root, "list"), &b));

    /* known_keys: unknown keys with and without a suggestion, and duplicates. */
    gp_node *m = parse(&a, &d, "titel: a\nzzz: b\ntitle: c\ntitle: d\n");
    static const char *const known[] = {"title", "year", NULL};
    CHECK(m && !gp_schema_known_keys(m, known, "`film`", &d));
    CHECK_ERRORS(&d, 3);
    CHECK_DIAG(&d, 1, 1, "unknown key `titel` in `film`; did you mean `title`?");
    CHECK_DIAG(&d, 2, 1, "unknown key `zzz` in `film`; known keys: `title`, `year`");
    CHECK_DIAG(&d, 4, 1, "duplicate key `title` in `film`");
    gp_diags_free(&d);
    /* require points at the mapping. */
    gp_node *inner = parse(&a, &d, "film:\n  year: 2009\n");
    CHECK(inner && gp_schema_require(gp_node_get(inner, "film"), "title", "`film`", &d) == NULL);
    CHECK_DIAG(&d, 2, 3, "`film` is missing the required key `title`");
    gp_diags_free(&d);
    gp_arena_free(&a);
}

/* ---- documents ---- */

static const char *complete_doc(gp_arena *a)
{
    return gp_arena_printf(a,
                           "film:\n"                                              /* 1 */
                           "  title: Last Train Home\n"                           /* 2 */
                           "  director: Lixin Fan\n"                              /* 3 */
                           "  year: 2009\n"                                       /* 4 */
                           "  runtime: 87 min\n"                                  /* 5 */
                           "  country: China, Canada\n"                           /* 6 */
                           "  language: Mandarin\n"                               /* 7 */
                           "  poster: %s\n"                                       /* 8 */
                           "  logline: One *family’s* journey.\n"                 /* 9 */
                           "  also_by:\n"                                         /* 10 */
                           "    - Up the Yangtze\n"                               /* 11 */
                           "    - To Live Is Better Than to Die\n"                /* 12 */
                           "  intro: |\n"                                         /* 13 */
                           "    *Last Train Home* is a first feature.\n"          /* 14 */
                           "\n"                                                   /* 15 */
                           "    Second paragraph.\n"                              /* 16 */
                           "language: en-GB\n"                                    /* 17 */
                           "sections:\n"                                          /* 18 */
                           "  - type: text\n"                                     /* 19 */
                           "    heading: Film Summary\n"                          /* 20 */
                           "    body: |\n"                                        /* 21 */
                           "      First.\n"                                       /* 22 */
                           "\n"                                                   /* 23 */
                           "      Second.\n"                                      /* 24 */
                           "    quote:\n"                                         /* 25 */
                           "      text: We’re all educated to be patriotic.\n"    /* 26 */
                           "      by: Lixin Fan\n"                                /* 27 */
                           "  - type: summary\n"                                  /* 28 */
                           "    body: Also text.\n"                               /* 29 */
                           "  - type: themes\n"                                   /* 30 */
                           "    lead: The lead.\n"                                /* 31 */
                           "    themes:\n"                                        /* 32 */
                           "      - title: Hukou System\n"                        /* 33 */
                           "        body: Households are registered.\n"           /* 34 */
                           "      - title: Fractured Families\n"                  /* 35 */
                           "        body: Children stay behind.\n"                /* 36 */
                           "  - type: questions\n"                                /* 37 */
                           "    questions:\n"                                     /* 38 */
                           "      - One?\n"                                       /* 39 */
                           "      - Two?\n"                                       /* 40 */
                           "      - Three?\n"                                     /* 41 */
                           "  - type: questions\n"                                /* 42 */
                           "    questions: [A?]\n"                                /* 43 */
                           "    notes: false\n"                                   /* 44 */
                           "  - type: questions\n"                                /* 45 */
                           "    questions: [B?]\n"                                /* 46 */
                           "    notes: 6\n"                                       /* 47 */
                           "  - type: questions\n"                                /* 48 */
                           "    questions: [C?]\n"                                /* 49 */
                           "    notes: true\n"                                    /* 50 */
                           "  - type: facts\n"                                    /* 51 */
                           "    facts:\n"                                         /* 52 */
                           "      - A fact.\n"                                    /* 53 */
                           "      - Another fact.\n"                              /* 54 */
                           "    figures:\n"                                       /* 55 */
                           "      - {value: \"130 million\", label: migrants}\n"  /* 56 */
                           "      - {value: 2009, label: year}\n"                 /* 57 */
                           "  - type: facts\n"                                    /* 58 */
                           "    figures: [{value: 1, label: one}]\n"              /* 59 */
                           "  - type: actions\n"                                  /* 60 */
                           "    body: Do things.\n"                               /* 61 */
                           "    actions:\n"                                       /* 62 */
                           "      - text: Donate.\n"                              /* 63 */
                           "        url: https://example.org/donate\n"            /* 64 */
                           "      - text: Talk.\n"                                /* 65 */
                           "  - type: reviews\n"                                  /* 66 */
                           "    reviews:\n"                                       /* 67 */
                           "      - quote: Superb.\n"                             /* 68 */
                           "        source: The Paper\n"                          /* 69 */
                           "        url: https://paper.example\n"                 /* 70 */
                           "  - type: reading\n"                                  /* 71 */
                           "    items:\n"                                         /* 72 */
                           "      - source: A Journal\n"                          /* 73 */
                           "        title: An Article\n"                          /* 74 */
                           "        quote: A line.\n"                             /* 75 */
                           "        url: https://journal.example\n"               /* 76 */
                           "      - source: Just a source\n"                      /* 77 */
                           "  - type: qa\n"                                       /* 78 */
                           "    intro: An interview.\n"                           /* 79 */
                           "    exchanges:\n"                                     /* 80 */
                           "      - q: Why?\n"                                    /* 81 */
                           "        a: Because.\n"                                /* 82 */
                           "        asked_by: PBS\n"                              /* 83 */
                           "      - q: How?\n"                                    /* 84 */
                           "        a: Slowly.\n"                                 /* 85 */
                           "  - type: watch\n"                                    /* 86 */
                           "    heading: Where to Watch\n"                        /* 87 */
                           "    items:\n"                                         /* 88 */
                           "      - On [PBS](https://pbs.org).\n"                 /* 89 */
                           "      - In cinemas.\n",                               /* 90 */
                           good_png);
}

static void test_doc_complete(void)
{
    gp_arena a = {0};
    gp_diags d = {0};
    const char *path = write_file(&a, "complete.yaml", complete_doc(&a));
    gp_doc *doc = gp_doc_load(&a, path, &d);
    CHECK(doc != NULL);
    CHECK_ERRORS(&d, 0);
    CHECK_EQ_INT(d.count, 0);
    if (!doc) {
        dump_diags(&d);
        gp_diags_free(&d);
        gp_arena_free(&a);
        return;
    }
    CHECK(str_is(doc->path, path));
    CHECK(str_is(doc->language, "en-GB"));
    const gp_film *f = &doc->film;
    CHECK(str_is(f->title, "Last Train Home"));
    CHECK_EQ_INT(f->ndirectors, 1);
    CHECK(f->ndirectors == 1 && str_is(f->directors[0], "Lixin Fan"));
    CHECK_EQ_INT(f->year, 2009);
    CHECK(str_is(f->runtime, "87 min"));
    CHECK(str_is(f->country, "China, Canada"));
    CHECK(str_is(f->language, "Mandarin"));
    CHECK(f->poster && str_is(f->poster->path, good_png));
    CHECK(f->poster && f->poster->info.kind == GP_IMAGE_PNG && f->poster->info.width == 13 &&
          f->poster->info.height == 11);
    CHECK(loc_is(f->poster_loc, 8, 11));
    CHECK(str_is(rtext(&a, f->logline), "One family’s journey."));
    CHECK(f->logline && f->logline->paras[0].count == 3 && f->logline->paras[0].spans[1].style == GP_SPAN_ITALIC);
    CHECK_EQ_INT(f->nalso_by, 2);
    CHECK(f->nalso_by == 2 && str_is(f->also_by[1], "To Live Is Better Than to Die"));
    CHECK(f->intro && f->intro->count == 2);
    CHECK(str_is(rtext(&a, f->intro), "Last Train Home is a first feature.\n\nSecond paragraph."));
    CHECK(f->intro && loc_is(f->intro->loc, 13, 10));

    CHECK_EQ_INT(doc->nsections, 14);
    if (doc->nsections != 14) {
        gp_diags_free(&d);
        gp_arena_free(&a);
        return;
    }
    static const gp_section_type types[14] = {GP_SEC_TEXT,      GP_SEC_TEXT,      GP_SEC_THEMES,    GP_SEC_QUESTIONS,
                                              GP_SEC_QUESTIONS, GP_SEC_QUESTIONS, GP_SEC_QUESTIONS, GP_SEC_FACTS,
                                              GP_SEC_FACTS,     GP_SEC_ACTIONS,   GP_SEC_REVIEWS,   GP_SEC_READING,
                                              GP_SEC_QA,        GP_SEC_WATCH};
    static const int lines[14] = {19, 28, 30, 37, 42, 45, 48, 51, 58, 60, 66, 71, 78, 86};
    for (int i = 0; i < 14; i++) {
        CHECK_EQ_INT(doc->sections[i].type, types[i]);
        CHECK(loc_is(doc->sections[i].loc, lines[i], 5));
    }
    gp_section *s = doc->sections;

    /* text, with a pull quote */
    CHECK(str_is(s[0].heading, "Film Summary"));
    CHECK(s[0].body && s[0].body->count == 2 && str_is(rtext(&a, s[0].body), "First.\n\nSecond."));
    CHECK(s[0].quote != NULL);
    if (s[0].quote) {
        CHECK(str_is(rtext(&a, s[0].quote->text), "We’re all educated to be patriotic."));
        CHECK(str_is(s[0].quote->by, "Lixin Fan"));
        CHECK(loc_is(s[0].quote->loc, 26, 7));
    }
    CHECK_EQ_INT(s[0].nentries, 0);
    /* summary is text; no heading means the brand's */
    CHECK(s[1].heading == NULL && s[1].quote == NULL && str_is(rtext(&a, s[1].body), "Also text."));
    /* themes */
    CHECK(str_is(rtext(&a, s[2].body), "The lead."));
    CHECK_EQ_INT(s[2].nentries, 2);
    if (s[2].nentries == 2) {
        CHECK(str_is(s[2].list.themes[0].title, "Hukou System"));
        CHECK(str_is(rtext(&a, s[2].list.themes[1].body), "Children stay behind."));
        CHECK(loc_is(s[2].list.themes[1].loc, 35, 9));
    }
    /* questions and their notes */
    CHECK_EQ_INT(s[3].nentries, 3);
    CHECK(s[3].nentries == 3 && str_is(rtext(&a, s[3].list.questions[2].text), "Three?"));
    CHECK(s[3].nentries == 3 && loc_is(s[3].list.questions[2].loc, 41, 9));
    CHECK_EQ_INT(s[3].notes_lines, GP_NOTES_FILL);
    CHECK_EQ_INT(s[4].notes_lines, 0);
    CHECK_EQ_INT(s[5].notes_lines, 6);
    CHECK_EQ_INT(s[6].notes_lines, GP_NOTES_FILL);
    CHECK_EQ_INT(s[4].nentries, 1);
    /* facts: paragraphs and figures */
    CHECK_EQ_INT(s[7].nentries, 2);
    CHECK_EQ_INT(s[7].nfigures, 2);
    if (s[7].nfigures == 2) {
        CHECK(str_is(s[7].figures[0].value, "130 million"));
        CHECK(str_is(s[7].figures[0].label, "migrants"));
        CHECK(str_is(s[7].figures[1].value, "2009")); /* a number is taken as its text */
    }
    CHECK(s[7].nentries == 2 && str_is(rtext(&a, s[7].list.facts[1].text), "Another fact."));
    CHECK_EQ_INT(s[8].nentries, 0);
    CHECK_EQ_INT(s[8].nfigures, 1);
    /* actions */
    CHECK(str_is(rtext(&a, s[9].body), "Do things."));
    CHECK_EQ_INT(s[9].nentries, 2);
    if (s[9].nentries == 2) {
        CHECK(str_is(rtext(&a, s[9].list.actions[0].text), "Donate."));
        CHECK(str_is(s[9].list.actions[0].url, "https://example.org/donate"));
        CHECK(s[9].list.actions[1].url == NULL);
    }
    /* reviews */
    CHECK_EQ_INT(s[10].nentries, 1);
    if (s[10].nentries == 1) {
        CHECK(str_is(rtext(&a, s[10].list.reviews[0].quote), "Superb."));
        CHECK(str_is(s[10].list.reviews[0].source, "The Paper"));
        CHECK(str_is(s[10].list.reviews[0].url, "https://paper.example"));
    }
    /* reading */
    CHECK_EQ_INT(s[11].nentries, 2);
    if (s[11].nentries == 2) {
        CHECK(str_is(s[11].list.reading[0].source, "A Journal"));
        CHECK(str_is(s[11].list.reading[0].title, "An Article"));
        CHECK(str_is(rtext(&a, s[11].list.reading[0].quote), "A line."));
        CHECK(str_is(s[11].list.reading[0].url, "https://journal.example"));
        CHECK(s[11].list.reading[1].title == NULL && s[11].list.reading[1].quote == NULL && s[11].list.reading[1].url == NULL);
    }
    /* qa */
    CHECK(str_is(rtext(&a, s[12].body), "An interview."));
    CHECK_EQ_INT(s[12].nentries, 2);
    if (s[12].nentries == 2) {
        CHECK(str_is(rtext(&a, s[12].list.exchanges[0].q), "Why?"));
        CHECK(str_is(rtext(&a, s[12].list.exchanges[0].a), "Because."));
        CHECK(str_is(s[12].list.exchanges[0].asked_by, "PBS"));
        CHECK(s[12].list.exchanges[1].asked_by == NULL);
    }
    /* watch */
    CHECK(str_is(s[13].heading, "Where to Watch"));
    CHECK_EQ_INT(s[13].nentries, 2);
    if (s[13].nentries == 2) {
        const gp_rich *r = s[13].list.watch[0].text;
        CHECK(r && r->paras[0].count == 3 && str_is(r->paras[0].spans[1].url, "https://pbs.org"));
    }
    for (int i = 0; i < 14; i++)
        CHECK(str_is(gp_section_type_name(doc->sections[i].type), i == 1 ? "text" : gp_section_type_name(types[i])));
    CHECK(str_is(gp_section_type_name(GP_SEC_QA), "qa"));
    CHECK(str_is(gp_section_type_name(GP_SEC_WATCH), "watch"));
    gp_diags_free(&d);
    gp_arena_free(&a);
}

static void test_doc_minimal(void)
{
    gp_arena a = {0};
    gp_diags d = {0};
    /* Only what is required; a director list; a poster relative to the file. */
    FILE *in = fopen(good_png, "rb");
    const char *copy = gp_arena_printf(&a, "%s/poster.png", tmpdir);
    FILE *out = fopen(copy, "wb");
    CHECK(in && out);
    if (in && out) {
        int c;
        while ((c = fgetc(in)) != EOF)
            fputc(c, out);
    }
    if (in)
        fclose(in);
    if (out)
        fclose(out);
    const char *path = write_file(&a, "minimal.yaml",
                                  "film:\n"
                                  "  title: \"2046\"\n"
                                  "  director: [Wong Kar-wai, Someone Else]\n"
                                  "  poster: poster.png\n"
                                  "sections:\n"
                                  "  - type: watch\n"
                                  "    items: [Online.]\n");
    gp_doc *doc = gp_doc_load(&a, path, &d);
    CHECK(doc != NULL);
    CHECK_ERRORS(&d, 0);
    if (doc) {
        CHECK(str_is(doc->film.title, "2046"));
        CHECK_EQ_INT(doc->film.ndirectors, 2);
        CHECK(doc->film.ndirectors == 2 && str_is(doc->film.directors[1], "Someone Else"));
        CHECK_EQ_INT(doc->film.year, 0);
        CHECK(doc->film.runtime == NULL && doc->film.logline == NULL && doc->film.intro == NULL);
        CHECK(doc->film.nalso_by == 0 && doc->language == NULL);
        CHECK(doc->film.poster && str_is(doc->film.poster->path, copy));
        CHECK(doc->film.poster && doc->film.poster->info.width == 13);
        CHECK_EQ_INT(doc->nsections, 1);
    }
    unlink(copy);
    gp_diags_free(&d);
    gp_arena_free(&a);
}

/* Loads `text` as a content file and expects it to fail with exactly `n` errors. */
static gp_diags *load_bad(gp_arena *a, gp_diags *d, const char *name, const char *text, size_t n)
{
    const char *path = write_file(a, name, text);
    gp_doc *doc = gp_doc_load(a, path, d);
    CHECK(doc == NULL);
    if (d->errors != n)
        fprintf(stderr, "  %s: %zu errors, want %zu\n", name, d->errors, n);
    CHECK_ERRORS(d, n);
    for (size_t i = 0; i < d->count; i++)
        CHECK(d->items[i].loc.file && !strcmp(d->items[i].loc.file, path));
    return d;
}

/* Issue #10 in a content file: url fields and inline links of other schemes
 * load (printed, not linked) with a warning at their position; a quoted
 * year is a year; a merge key fills a section from an anchored one. */
static void test_doc_issue10(void)
{
    gp_arena a = {0};
    gp_diags d = {0};
    const char *path = write_file(&a, "issue10.yaml",
                                  "film: {title: T, director: D, year: \"2018\"}\n"              /* 1 */
                                  "sections:\n"                                                  /* 2 */
                                  "  - &base {type: text, heading: Shared, body: x}\n"           /* 3 */
                                  "  - {<<: *base, body: \"[run](javascript:alert(1))\"}\n"     /* 4 */
                                  "  - type: actions\n"                                          /* 5 */
                                  "    actions:\n"                                               /* 6 */
                                  "      - {text: a, url: \"javascript:alert(1)\"}\n"            /* 7 */
                                  "      - {text: b, url: https://ok.example}\n"                 /* 8 */
                                  "  - type: reviews\n"                                          /* 9 */
                                  "    reviews: [{quote: q, source: s, url: file:///etc/passwd}]\n" /* 10 */
                                  "  - type: reading\n"                                          /* 11 */
                                  "    items: [{source: s, url: notes.html}]\n");               /* 12 */
    gp_doc *doc = gp_doc_load(&a, path, &d);
    CHECK(doc != NULL);
    CHECK_ERRORS(&d, 0);
    CHECK_EQ_INT(d.count, 4);
    CHECK_DIAG_SEV(&d, GP_WARNING, 4, 24, "the link target `javascript:alert(1)` is not an http, https or mailto");
    CHECK_DIAG_SEV(&d, GP_WARNING, 7, 24,
                   "`url` `javascript:alert(1)` is not an http, https or mailto address without spaces; it is printed "
                   "without a link");
    CHECK_DIAG_SEV(&d, GP_WARNING, 10, 42, "`url` `file:///etc/passwd` is not an http");
    CHECK_DIAG_SEV(&d, GP_WARNING, 12, 30, "`url` `notes.html` is not an http");
    if (doc && doc->nsections == 5) {
        CHECK_EQ_INT(doc->film.year, 2018);
        const gp_section *merged = &doc->sections[1];
        CHECK(merged->type == GP_SEC_TEXT && str_is(merged->heading, "Shared"));
        CHECK(str_is(rtext(&a, merged->body), "run") && merged->body->paras[0].spans[0].url == NULL);
        CHECK(str_is(doc->sections[2].list.actions[0].url, "javascript:alert(1)")); /* kept: it is printed */
        CHECK(!gp_url_linkable(doc->sections[2].list.actions[0].url) && gp_url_linkable(doc->sections[2].list.actions[1].url));
    }
    gp_diags_free(&d);
    gp_arena_free(&a);
}

/* Issue #16's YAML traps: each message says why and what to type. */
static void test_doc_traps(void)
{
    gp_arena a = {0};
    gp_diags d = {0};
    /* a comment that cut text is a warning at the `#`; an aligned note after two spaces is not */
    const char *path = write_file(&a, "hash.yaml",
                                  "film:\n"                                 /* 1 */
                                  "  title: Rocks #1 in France\n"           /* 2 */
                                  "  director: D          # a note\n"       /* 3 */
                                  "  runtime: 90 min # and more\n"          /* 4 */
                                  "  year: 2009 # a note\n"                 /* 5 */
                                  "sections:  # in order\n"                 /* 6 */
                                  "  - {type: text, body: \"a # b\"}\n");   /* 7 */
    gp_doc *doc = gp_doc_load(&a, path, &d);
    CHECK(doc != NULL);
    CHECK_ERRORS(&d, 0);
    CHECK_EQ_INT(d.count, 2);
    CHECK_DIAG_SEV(&d, GP_WARNING, 2, 16,
                   "`title` stops before `#`, which starts a comment in YAML, so `#1 in France` is not printed; to "
                   "print it, put the whole text in quotes");
    CHECK_DIAG_SEV(&d, GP_WARNING, 4, 19, "`runtime` stops before `#`");
    gp_diags_free(&d);

    load_bad(&a, &d, "colon.yaml", "film:\n  title: Rocks: the film\n  director: D\nsections: [{type: text, body: x}]\n",
             1);
    CHECK_DIAG(&d, 2, 15, "a `: ` inside text needs quotes (YAML reads it as a new key): put the whole text in quotes");
    gp_diags_free(&d);
    load_bad(&a, &d, "tab.yaml", "film:\n  title: T\n\tdirector: D\nsections: [{type: text, body: x}]\n", 1);
    CHECK_DIAG(&d, 3, 1, "a tab indents this line, and YAML indents with spaces only: replace the tab with spaces");
    gp_diags_free(&d);
    /* a no-break space where YAML reads a key of another mapping (at column 1, or after spaces),
     * or where it fails: that error alone, not `director` missing, once per line */
    load_bad(&a, &d, "nbsp.yaml", "film:\n  title: T\n\xC2\xA0 director: D\nsections: [{type: text, body: x}]\n", 1);
    CHECK_DIAG(&d, 3, 1, "a no-break space (U+00A0) indents this line, and YAML indents with ordinary spaces only");
    gp_diags_free(&d);
    load_bad(&a, &d, "nbsp3.yaml",
             "film:\n  title: T\n  \xC2\xA0" "director: D\n  \xC2\xA0" "year: 1962\nsections: [{type: text, body: x}]\n", 2);
    CHECK_DIAG(&d, 3, 3, "a no-break space (U+00A0) indents this line, and YAML indents with ordinary spaces only");
    CHECK_DIAG(&d, 4, 3, "a no-break space (U+00A0) indents this line, and YAML indents with ordinary spaces only");
    gp_diags_free(&d);
    load_bad(&a, &d, "nbsp2.yaml", "film:\n\xC2\xA0 title: T\n  director: D\nsections: [{type: text, body: x}]\n", 1);
    CHECK_DIAG(&d, 2, 1, "a no-break space (U+00A0) indents this line, and YAML indents with ordinary spaces only");
    gp_diags_free(&d);
    load_bad(&a, &d, "empty-hash.yaml", "film:\n  title: #1\n  director: D\nsections: [{type: text, body: x}]\n", 1);
    CHECK_DIAG(&d, 2, 10, "`title` is empty: `#` starts a comment in YAML; put the text in quotes");
    gp_diags_free(&d);

    /* files that are not content: Markdown, plain text, a PDF, a brand */
    load_bad(&a, &d, "notes.md", "# Rocks\n\nfilm: x\n", 1);
    CHECK_DIAG(&d, 0, 0, "this is a Markdown file, not a guide's YAML content");
    gp_diags_free(&d);
    load_bad(&a, &d, "prose.yaml", "Rocks is a film\nabout friendship.\n", 1);
    CHECK_DIAG(&d, 1, 1, "the file is plain text, not YAML `key: value` lines: a content file starts with `film:`");
    gp_diags_free(&d);
    load_bad(&a, &d, "guide.yaml", "%PDF-1.5\n%\xE2\xE3\xCF\xD3\n", 1);
    CHECK_DIAG(&d, 1, 1, "this is a PDF file, not YAML text");
    gp_diags_free(&d);
    const char *brand = write_file(&a, "club.yaml", "name: Club\ncolors:\n  primary: \"#14506e\"\n");
    load_bad(&a, &d, "club.yaml", "name: Club\ncolors:\n  primary: \"#14506e\"\n", 1);
    CHECK_DIAG(&d, 1, 1, "this is a brand file (it has `colors`), not a guide's content: give it with `-b");
    CHECK(gp_doc_is_brand_file(brand));
    CHECK(!gp_doc_is_brand_file(path));
    gp_diags_free(&d);
    gp_arena_free(&a);
}

/* Screenings: ISO dates that exist, printed in words in the guide's language. */
static void test_screening(void)
{
    gp_arena a = {0};
    gp_diags d = {0};
    gp_date date;
    char why[160];
    CHECK(gp_date_parse("2027-03-12", &date, why, sizeof why) && date.year == 2027 && date.month == 3 &&
          date.day == 12);
    CHECK(gp_date_parse("2028-02-29", &date, why, sizeof why));
    /* why each other one is not a date, and what to type */
    static const struct {
        const char *date, *why;
    } bad[] = {
        {"2027-02-29", "does not exist: February 2027 has 28 days"},
        {"2027-02-30", "does not exist: February 2027 has 28 days"},
        {"2028-02-30", "does not exist: February 2028 has 29 days"},
        {"2027-04-31", "does not exist: April 2027 has 30 days"},
        {"2027-01-00", "does not exist: January 2027 has 31 days"},
        {"2027-13-01", "has no month 13: it is written YYYY-MM-DD, the month from 01 to 12"},
        {"1850-01-01", "has the year 1850: a screening's year is from 1900 to 2200"},
        {"15/01/2027", "must be written YYYY-MM-DD (year, month, day): 2027-01-15"},
        {"31.12.2027", "must be written YYYY-MM-DD (year, month, day): 2027-12-31"},
        {"12/03/2027", "must be written YYYY-MM-DD (year, month, day): 2027-03-12 (12 March) or 2027-12-03 (December 3)"},
        {"2027-3-12", "must be written YYYY-MM-DD: 2027-03-12"},
        {"2027/01/15", "must be written YYYY-MM-DD: 2027-01-15"},
        {"2027-03-12x", "must be a date written YYYY-MM-DD (like 2027-03-12)"},
        {"31/02/2027", "must be a date written YYYY-MM-DD (like 2027-03-12)"},
        {"", "must be a date written YYYY-MM-DD (like 2027-03-12)"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        why[0] = 0;
        CHECK(!gp_date_parse(bad[i].date, &date, why, sizeof why));
        if (strcmp(why, bad[i].why))
            fprintf(stderr, "  %s: %s\n", bad[i].date, why);
        CHECK(!strcmp(why, bad[i].why));
    }
    CHECK(str_is(gp_date_long(&a, (gp_date){2027, 3, 12}, "fr"), "vendredi 12 mars 2027"));
    CHECK(str_is(gp_date_long(&a, (gp_date){2027, 3, 12}, "en-US"), "Friday, March 12, 2027"));
    CHECK(str_is(gp_date_long(&a, (gp_date){2027, 3, 12}, "en-GB"), "Friday, 12 March 2027"));
    CHECK(str_is(gp_date_long(&a, (gp_date){2027, 3, 12}, "de"), "Freitag, 12. M\xC3\xA4rz 2027"));

    const char *path = write_file(&a, "screening.yaml",
                                  "film: {title: T, director: D}\n"
                                  "screening:\n"
                                  "  date: 2027-03-12\n"
                                  "  time: \"19:30\"\n"
                                  "  venue: Community Room\n"
                                  "  host: Ana Ruiz\n"
                                  "  rsvp: https://example.org/rsvp\n"
                                  "sections: [{type: text, body: x}]\n");
    gp_doc *doc = gp_doc_load(&a, path, &d);
    CHECK(doc && doc->screening);
    CHECK_ERRORS(&d, 0);
    if (doc && doc->screening) {
        const gp_screening *s = doc->screening;
        CHECK(s->date.year == 2027 && s->date.month == 3 && s->date.day == 12);
        CHECK(str_is(s->time, "19:30") && str_is(s->venue, "Community Room") && str_is(s->host, "Ana Ruiz"));
        CHECK(str_is(s->rsvp, "https://example.org/rsvp"));
    }
    load_bad(&a, &d, "bad-screening.yaml",
             "film: {title: T, director: D}\n"
             "screening: {date: 2027-02-30, place: Hall}\n"
             "sections: [{type: text, body: x}]\n",
             2);
    CHECK_DIAG(&d, 2, 19, "`date` `2027-02-30` does not exist: February 2027 has 28 days");
    CHECK_DIAG(&d, 2, 31, "unknown key `place` in `screening`");
    gp_diags_free(&d);
    load_bad(&a, &d, "no-date.yaml", "film: {title: T, director: D}\nscreening: {venue: Hall}\nsections: [{type: text, body: x}]\n", 1);
    CHECK_DIAG(&d, 2, 12, "`screening` is missing the required key `date`");
    gp_diags_free(&d);
    gp_arena_free(&a);
}

/* Facilitator notes: on any section, and on a question written {q:, facilitator:}. */
static void test_facilitator_notes(void)
{
    gp_arena a = {0};
    gp_diags d = {0};
    const char *path = write_file(&a, "fac.yaml",
                                  "film: {title: T, director: D}\n"
                                  "sections:\n"
                                  "  - type: text\n"
                                  "    body: x\n"
                                  "    facilitator: [One note., Another note.]\n"
                                  "  - type: questions\n"
                                  "    questions:\n"
                                  "      - Plain?\n"
                                  "      - {q: Noted?, facilitator: Ask this last.}\n");
    gp_doc *doc = gp_doc_load(&a, path, &d);
    CHECK(doc != NULL);
    CHECK_ERRORS(&d, 0);
    if (doc && doc->nsections == 2) {
        const gp_section *t = &doc->sections[0], *q = &doc->sections[1];
        CHECK_EQ_INT(t->facilitator.count, 2);
        CHECK(t->facilitator.count == 2 && str_is(rtext(&a, t->facilitator.items[1]), "Another note."));
        CHECK_EQ_INT(q->nentries, 2);
        CHECK(q->nentries == 2 && q->list.questions[0].facilitator.count == 0);
        CHECK(q->nentries == 2 && str_is(rtext(&a, q->list.questions[1].text), "Noted?"));
        CHECK(q->nentries == 2 && q->list.questions[1].facilitator.count == 1 &&
              str_is(rtext(&a, q->list.questions[1].facilitator.items[0]), "Ask this last."));
        CHECK(doc->edition == GP_EDITION_PARTICIPANT); /* the caller's choice */
    }
    load_bad(&a, &d, "bad-fac.yaml",
             "film: {title: T, director: D}\n"
             "sections:\n"
             "  - {type: questions, questions: [{question: Why?}], facilitator: []}\n",
             3);
    CHECK_DIAG(&d, 3, 36, "unknown key `question` in an item of `questions`");
    CHECK_DIAG(&d, 3, 35, "an item of `questions` is missing the required key `q`");
    CHECK_DIAG(&d, 3, 67, "`facilitator` must list at least one note");
    gp_diags_free(&d);
    gp_arena_free(&a);
}

static void test_doc_errors(void)
{
    gp_arena a = {0};
    gp_diags d = {0};

    /* Four unrelated errors in one file: all four reported. */
    load_bad(&a, &d, "several.yaml",
             "film:\n"
             "  title: T\n"
             "  directer: D\n"
             "  year: nineteen\n"
             "sections:\n"
             "  - type: txt\n"
             "    body: x\n",
             4);
    CHECK_DIAG(&d, 2, 3, "`film` is missing the required key `director`");
    CHECK_DIAG(&d, 3, 3, "unknown key `directer` in `film`; did you mean `director`?");
    CHECK_DIAG(&d, 4, 9, "`year` must be a whole number, not `nineteen`");
    CHECK_DIAG(&d, 6, 11, "unknown section type `txt` (did you mean `text`?); known types: text (or summary)");
    gp_diags_free(&d);

    /* Exactly three errors -> exactly three diagnostics. */
    load_bad(&a, &d, "exactly-three.yaml",
             "film:\n"
             "  title: [a, list]\n"
             "  director: D\n"
             "  year: 1700\n"
             "sections:\n"
             "  - type: questions\n"
             "    questions: []\n",
             3);
    CHECK_EQ_INT(d.count, 3);
    CHECK_DIAG(&d, 2, 10, "`title` must be a string, not a list");
    CHECK_DIAG(&d, 4, 9, "`year` must be between 1850 and 2200, not 1700");
    CHECK_DIAG(&d, 7, 16, "`questions` must list at least one item");
    gp_diags_free(&d);

    /* Missing keys point at the parent mapping. */
    load_bad(&a, &d, "missing.yaml",
             "film:\n"
             "  year: 2009\n"
             "sections:\n"
             "  - type: themes\n"
             "    themes:\n"
             "      - title: One\n"
             "  - heading: No type\n"
             "  - type: reviews\n"
             "    reviews:\n"
             "      - source: S\n"
             "  - type: facts\n"
             "    figures:\n"
             "      - value: 10\n",
             6);
    CHECK_DIAG(&d, 2, 3, "`film` is missing the required key `title`");
    CHECK_DIAG(&d, 2, 3, "`film` is missing the required key `director`");
    CHECK_DIAG(&d, 6, 9, "an item of `themes` is missing the required key `body`");
    CHECK_DIAG(&d, 7, 5, "a section is missing the required key `type`");
    CHECK_DIAG(&d, 10, 9, "an item of `reviews` is missing the required key `quote`");
    CHECK_DIAG(&d, 13, 9, "an item of `figures` is missing the required key `label`");
    gp_diags_free(&d);

    /* The top level: missing `film` and `sections` point at the root mapping. */
    load_bad(&a, &d, "top.yaml", "# a comment\nlanguage: en\nsection: []\n", 3);
    CHECK_DIAG(&d, 2, 1, "the content file is missing the required key `film`");
    CHECK_DIAG(&d, 2, 1, "the content file is missing the required key `sections`");
    CHECK_DIAG(&d, 3, 1, "unknown key `section` in the content file; did you mean `sections`?");
    gp_diags_free(&d);

    /* Wrong shapes. */
    load_bad(&a, &d, "shapes.yaml",
             "film: Last Train Home\n"
             "language: [en]\n"
             "sections:\n"
             "  type: text\n",
             3);
    CHECK_DIAG(&d, 1, 7, "`film` must be a mapping (`key: value` lines), not a scalar");
    CHECK_DIAG(&d, 2, 11, "`language` must be a string, not a list");
    CHECK_DIAG(&d, 4, 3, "`sections` must be a list (`- item` lines), not a mapping");
    gp_diags_free(&d);
    load_bad(&a, &d, "list-root.yaml", "- film\n- sections\n", 1);
    CHECK_DIAG(&d, 1, 1, "a content file must be a mapping");
    gp_diags_free(&d);
    load_bad(&a, &d, "no-sections.yaml", "film: {title: T, director: D}\nsections: []\n", 1);
    CHECK_DIAG(&d, 2, 11, "`sections` must list at least one section");
    gp_diags_free(&d);

    /* notes: only true, false or a count of lines. */
    load_bad(&a, &d, "notes.yaml",
             "film: {title: T, director: D}\n"
             "sections:\n"
             "  - {type: questions, questions: [a], notes: maybe}\n"
             "  - {type: questions, questions: [a], notes: -1}\n"
             "  - {type: questions, questions: [a], notes: 201}\n"
             "  - {type: questions, questions: [a], notes: \"3x\"}\n"
             "  - {type: questions, questions: [a], notes: [1]}\n",
             5);
    CHECK_DIAG(&d, 3, 46, "`notes` must be a whole number, not `maybe`");
    CHECK_DIAG(&d, 4, 46, "`notes` must be between 0 and 200, not -1");
    CHECK_DIAG(&d, 5, 46, "`notes` must be between 0 and 200, not 201");
    CHECK_DIAG(&d, 6, 46, "`notes` must be a whole number, not `3x`");
    CHECK_DIAG(&d, 7, 46, "`notes` must be true, false or a number of lines");
    gp_diags_free(&d);

    /* Keys a type does not take, empty rich text, a quote without text, facts with nothing. */
    load_bad(&a, &d, "sections.yaml",
             "film: {title: T, director: D, year: \"20O9\"}\n"
             "sections:\n"
             "  - type: text\n"
             "    body: \"  \\n\\n  \"\n"
             "    items: [x]\n"
             "  - type: watch\n"
             "    items: [ok]\n"
             "    quote: {by: Someone}\n"
             "  - type: facts\n"
             "    heading: Facts\n"
             "  - type: text\n"
             "  - type: text\n"
             "    body: x\n"
             "    body: y\n",
             7);
    CHECK_DIAG(&d, 1, 37, "`year` must be a whole number, not `20O9`");
    CHECK_DIAG(&d, 4, 11, "`body` must not be empty");
    CHECK_DIAG(&d, 5, 5, "unknown key `items` in a `text` section");
    CHECK_DIAG(&d, 8, 12, "`quote` is missing the required key `text`");
    CHECK_DIAG(&d, 9, 5, "a `facts` section needs `facts` or `figures`");
    CHECK_DIAG(&d, 11, 5, "a `text` section is missing the required key `body`");
    CHECK_DIAG(&d, 14, 5, "duplicate key `body` in a `text` section");
    gp_diags_free(&d);

    /* The summary alias is named as written in messages. */
    load_bad(&a, &d, "summary.yaml", "film: {title: T, director: D}\nsections:\n  - type: summary\n    lead: x\n",
             2);
    CHECK_DIAG(&d, 4, 5, "unknown key `lead` in a `summary` section");
    CHECK_DIAG(&d, 3, 5, "a `summary` section is missing the required key `body`");
    gp_diags_free(&d);

    /* An unknown type far from any: no suggestion, but the list. */
    load_bad(&a, &d, "gallery.yaml", "film: {title: T, director: D}\nsections:\n  - type: gallery\n", 1);
    CHECK_DIAG(&d, 3, 11, "unknown section type `gallery`; known types: text (or summary), themes");
    gp_diags_free(&d);

    /* Posters: a truncated PNG, a missing file, a folder. */
    const char *bad_posters = gp_arena_printf(&a,
                                              "film:\n"
                                              "  title: T\n"
                                              "  director: D\n"
                                              "  poster: %s\n"
                                              "sections: [{type: watch, items: [x]}]\n",
                                              truncated_png);
    load_bad(&a, &d, "poster-bad.yaml", bad_posters, 1);
    CHECK_DIAG(&d, 4, 11, "poster `");
    CHECK_DIAG(&d, 4, 11, "truncated or corrupt PNG image");
    CHECK(d.count == 1 && strstr(d.items[0].message, truncated_png));
    gp_diags_free(&d);
    load_bad(&a, &d, "poster-missing.yaml",
             "film: {title: T, director: D, poster: nowhere.png}\nsections: [{type: watch, items: [x]}]\n", 1);
    CHECK_DIAG(&d, 1, 39, "poster `nowhere.png`: cannot open image: No such file or directory");
    gp_diags_free(&d);
    load_bad(&a, &d, "poster-dir.yaml", "film: {title: T, director: D, poster: .}\nsections: [{type: watch, items: [x]}]\n",
             1);
    CHECK_DIAG(&d, 1, 39, "not a regular file");
    gp_diags_free(&d);

    /* Errors from the YAML reader come through as they are. */
    load_bad(&a, &d, "empty.yaml", "", 1);
    CHECK_DIAG(&d, 1, 1, "the file is empty");
    gp_diags_free(&d);
    load_bad(&a, &d, "latin1.yaml", "film:\n  title: Caf\xE9\n", 1);
    CHECK_DIAG(&d, 2, 13, "not valid UTF-8 (byte 0xE9)");
    gp_diags_free(&d);

    /* A file that is not there. */
    const char *none = gp_arena_printf(&a, "%s/none.yaml", tmpdir);
    CHECK(gp_doc_load(&a, none, &d) == NULL);
    CHECK_ERRORS(&d, 1);
    CHECK(d.count == 1 && d.items[0].loc.line == 0);
    gp_diags_free(&d);

    /* Diagnostics already in the list do not make a good file fail. */
    gp_error(&d, (gp_loc){"elsewhere", 1, 1}, "an earlier problem");
    const char *ok = write_file(&a, "ok.yaml", "film: {title: T, director: D}\nsections: [{type: watch, items: [x]}]\n");
    CHECK(gp_doc_load(&a, ok, &d) != NULL);
    CHECK_ERRORS(&d, 1);
    gp_diags_free(&d);
    gp_arena_free(&a);
}

int main(void)
{
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    if (!realpath("tests/fixtures/images/good.png", good_png) ||
        !realpath("tests/fixtures/images/truncated.png", truncated_png)) {
        perror("tests/fixtures/images (run from the repository root)");
        return 1;
    }
    test_yaml_basic();
    test_yaml_positions();
    test_yaml_scalars();
    test_yaml_aliases();
    test_yaml_alias_bomb();
    test_yaml_depth();
    test_yaml_utf8();
    test_yaml_documents();
    test_yaml_load_file();
    test_yaml_many_anchors();
    test_yaml_control_chars();
    test_yaml_soft_breaks();
    test_yaml_tags();
    test_yaml_merge();
    test_yaml_large_plain();
    test_schema_many_keys();
    test_suggest();
    test_schema_checks();
    test_doc_complete();
    test_doc_minimal();
    test_doc_errors();
    test_doc_issue10();
    test_doc_traps();
    test_screening();
    test_facilitator_notes();
    remove_tree(tmpdir);
    return harness_report();
}
