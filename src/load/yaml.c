/* libyaml events -> gp_node tree.
 *
 * Takes the bytes of a file, gives a tree in the arena. Before libyaml sees
 * the text, it is checked for invalid UTF-8 and for characters YAML does not
 * allow, so the message can name the character and its exact line and
 * column. Limits: input size, nesting depth and what aliases add to the
 * expanded tree, each with its own error. Merge keys (`<<: *base`) are
 * resolved here; tags (`!!binary`, `!foo`) are refused, since nothing later
 * could honour them.
 *
 * Positions are 1-based, the column counted in code points, as an editor
 * shows them: lines end at LF, CR LF or a lone CR. libyaml also ends lines
 * at NEL, LS and PS (U+0085, U+2028, U+2029), which editors draw as one
 * character on the same line; such a character counts as one column here, and
 * libyaml's marks are mapped back through a table of where it did so. */
#include "yaml.h"

#include "base/fsio.h"
#include "base/hash.h"
#include "base/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

/* A string -> node table with open addressing (FNV-1a, linear probing),
 * kept at most half full: anchors by name, and a mapping's keys while merging,
 * so a file of many anchors or keys is read in linear time. */
typedef struct strtab {
    struct slot {
        const char *key;
        size_t len;
        gp_node *node;
    } *slots;
    size_t cap, count; /* cap is 0 or a power of two */
} strtab;

static size_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = gp_fnv1a(GP_FNV1A_BASIS, s, len);
    return (size_t)(h ^ (h >> 32));
}

static struct slot *tab_slot(const strtab *t, const char *key, size_t len)
{
    for (size_t i = hash_bytes(key, len) & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
        struct slot *s = &t->slots[i];
        if (!s->key || (s->len == len && !memcmp(s->key, key, len)))
            return s;
    }
}

static gp_node *tab_get(const strtab *t, const char *key, size_t len)
{
    if (!t->cap)
        return NULL;
    return tab_slot(t, key, len)->node;
}

/* Sets key to node (a key seen again takes the new node). `key` must outlive the table. */
static void tab_put(strtab *t, const char *key, size_t len, gp_node *node)
{
    if (2 * (t->count + 1) > t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 16;
        strtab bigger = {gp_xmalloc(cap * sizeof *t->slots), cap, t->count};
        memset(bigger.slots, 0, cap * sizeof *bigger.slots);
        for (size_t i = 0; i < t->cap; i++)
            if (t->slots[i].key)
                *tab_slot(&bigger, t->slots[i].key, t->slots[i].len) = t->slots[i];
        free(t->slots);
        *t = bigger;
    }
    struct slot *s = tab_slot(t, key, len);
    if (!s->key)
        t->count++;
    *s = (struct slot){key, len, node};
}

/* Where libyaml starts a line after NEL, LS or PS: its 0-based line number,
 * and the 0-based column of the editor's line that its column 0 is. */
typedef struct soft_break {
    uint32_t yaml_line, col;
} soft_break;

typedef struct builder {
    gp_arena *arena;
    const char *path;
    const char *data; /* the file's text, for positions that libyaml's marks do not give */
    size_t len;
    gp_diags *diags;
    strtab anchors;
    soft_break *soft;
    size_t nsoft, capsoft;
    double literal; /* weight of the nodes the file itself spells out so far */
    size_t cursor_index, cursor_offset; /* a mark's index and byte offset: marks mostly come in order */
} builder;

static gp_loc mark_loc(const builder *b, yaml_mark_t m)
{
    /* soft breaks before or at m's line: each joined two of libyaml's lines into one */
    size_t lo = 0, hi = b->nsoft;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (b->soft[mid].yaml_line <= m.line)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t col = m.column;
    if (lo && b->soft[lo - 1].yaml_line == m.line)
        col += b->soft[lo - 1].col;
    return (gp_loc){b->path, (int)(m.line - lo) + 1, (int)col + 1};
}

static size_t bom_len(const char *data, size_t len)
{
    return len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3) ? 3 : 0;
}

/* The position of a byte offset, counted as mark_loc counts. */
static gp_loc offset_loc(const builder *b, size_t off)
{
    gp_loc loc = {b->path, 1, 1};
    for (size_t i = bom_len(b->data, off); i < off;) {
        uint32_t cp;
        i += gp_utf8_decode(b->data + i, off - i, &cp);
        if (cp == '\n' || (cp == '\r' && (i >= b->len || b->data[i] != '\n')))
            loc.line++, loc.col = 1;
        else if (cp != '\r')
            loc.col++;
    }
    return loc;
}

/* The byte offset of a mark: libyaml's index counts code points after the BOM. */
static size_t mark_offset(const builder *b, yaml_mark_t m)
{
    size_t i = bom_len(b->data, b->len);
    for (size_t k = 0; k < m.index && i < b->len; k++) {
        uint32_t cp;
        i += gp_utf8_decode(b->data + i, b->len - i, &cp);
    }
    return i;
}

/* mark_offset, in linear time over a file's marks in order. */
static size_t cursor_offset(builder *b, yaml_mark_t m)
{
    if (m.index < b->cursor_index || !b->cursor_offset)
        b->cursor_index = 0, b->cursor_offset = bom_len(b->data, b->len);
    size_t i = b->cursor_offset;
    for (size_t k = b->cursor_index; k < m.index && i < b->len; k++) {
        uint32_t cp;
        i += gp_utf8_decode(b->data + i, b->len - i, &cp);
    }
    b->cursor_index = m.index;
    b->cursor_offset = i;
    return i;
}

/* The offset of the first line that is not blank after the line break at
 * data[i], and its indentation. */
static size_t first_text_line(const builder *b, size_t i, size_t *indent)
{
    while (i < b->len) { /* at a line break */
        size_t sp = 0;
        while (i + 1 + sp < b->len && b->data[i + 1 + sp] == ' ')
            sp++;
        i += 1 + sp;
        if (i < b->len && b->data[i] != '\n' && b->data[i] != '\r') {
            *indent = sp;
            return i;
        }
        while (i < b->len && b->data[i] != '\n')
            i++;
    }
    *indent = 0;
    return b->len;
}

/* Where a scalar's characters are in the file (gp_node.text_loc): a
 * literal block's lines are the file's lines less the indentation (found
 * from the first line that is not blank; an explicit indentation indicator
 * is not read). Any other scalar maps exactly only as far as it reads as
 * spelled on its first line; after that, folding (`>`, or a plain or quoted
 * scalar over several lines) has turned line breaks and indentation into
 * one space, and escapes have shortened the text, without the value saying
 * where, so its offsets give no columns: those characters are reported at
 * the text's start. */
static void map_text(builder *b, gp_node *n, const yaml_event_t *ev)
{
    yaml_scalar_style_t style = ev->data.scalar.style;
    size_t at = cursor_offset(b, ev->start_mark), indent = 0;
    n->text_loc = n->loc;
    if (style == YAML_LITERAL_SCALAR_STYLE || style == YAML_FOLDED_SCALAR_STYLE) {
        while (at < b->len && b->data[at] != '\n') /* the header line: `|`, chomping, a comment */
            at++;
        at = first_text_line(b, at, &indent);
        n->text_loc = (gp_loc){b->path, n->loc.line + 1, (int)indent + 1};
        n->text_by_lines = style == YAML_LITERAL_SCALAR_STYLE;
    } else if (style != YAML_PLAIN_SCALAR_STYLE) {
        at++, n->text_loc.col++; /* the opening quote */
    }
    size_t k = 0;
    while (k < n->len && at + k < b->len && b->data[at + k] == n->str[k] && n->str[k] != '\n')
        k++;
    n->text_exact = k;
}

gp_loc gp_node_text_loc(const gp_node *n, size_t off, gp_text_cursor *c)
{
    if (!c->at.file || off < c->off)
        *c = (gp_text_cursor){0, n->text_loc};
    if (!n->text_by_lines && off > n->text_exact)
        return n->text_loc;
    while (c->off < off && c->off < n->len) {
        uint32_t cp;
        c->off += gp_utf8_decode(n->str + c->off, n->len - c->off, &cp);
        if (cp == '\n')
            c->at.line++, c->at.col = n->text_loc.col;
        else
            c->at.col++;
    }
    return c->at;
}

/* A comment after a plain scalar (or after a key's colon) that may have cut
 * the text: see gp_node.comment. */
static void note_comment(builder *b, gp_node *n, yaml_mark_t end)
{
    size_t i = cursor_offset(b, end), gap = 0;
    const char *d = b->data;
    while (i < b->len && (d[i] == ' ' || d[i] == '\t'))
        i++, gap++;
    bool after_key = i < b->len && d[i] == ':';
    if (after_key)
        for (i++, gap = 0; i < b->len && (d[i] == ' ' || d[i] == '\t'); i++)
            gap++;
    if (i >= b->len || d[i] != '#' || (!after_key && gap == 0))
        return;
    bool note = !after_key && gap >= 2 && (i + 1 >= b->len || strchr(" \t\r\n", d[i + 1]));
    if (note)
        return;
    size_t end_of_line = i;
    while (end_of_line < b->len && !strchr("\r\n", d[end_of_line]))
        end_of_line++;
    n->comment = gp_arena_strndup(b->arena, d + i, end_of_line - i);
    n->comment_loc = offset_loc(b, i);
}

/* What YAML 1.1 allows in a file (libyaml's reader checks the same). */
static bool yaml_printable(uint32_t cp)
{
    return cp == '\t' || cp == '\n' || cp == '\r' || (cp >= 0x20 && cp <= 0x7E) || cp == 0x85 ||
           (cp >= 0xA0 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) || cp >= 0x10000;
}

/* Checks valid UTF-8 text for characters YAML refuses and records the soft
 * breaks. Returns false after reporting the first bad character. */
static bool scan_text(builder *b)
{
    uint32_t yaml_line = 0, col = 0;
    for (size_t i = bom_len(b->data, b->len); i < b->len;) {
        uint32_t cp;
        size_t n = gp_utf8_decode(b->data + i, b->len - i, &cp);
        if (!yaml_printable(cp))
            return gp_error(b->diags, offset_loc(b, i),
                            "the file contains the %scharacter U+%04X, which YAML does not allow; delete it",
                            cp < 0xA0 ? "control " : "", (unsigned)cp);
        i += n;
        if (cp == '\n' || (cp == '\r' && (i >= b->len || b->data[i] != '\n'))) {
            yaml_line++, col = 0;
        } else if (cp == 0x85 || cp == 0x2028 || cp == 0x2029) {
            GP_GROW(b->soft, b->nsoft, b->capsoft, 16);
            b->soft[b->nsoft++] = (soft_break){++yaml_line, ++col};
        } else if (cp != '\r') {
            col++;
        }
    }
    return true;
}

typedef struct nodevec {
    gp_node **v;
    size_t n, cap;
} nodevec;

static void push(nodevec *nv, gp_node *n)
{
    GP_GROW(nv->v, nv->n, nv->cap, 8);
    nv->v[nv->n++] = n;
}

static gp_node **arena_copy(gp_arena *a, const nodevec *nv)
{
    gp_node **v = GP_NEW_N(a, gp_node *, nv->n ? nv->n : 1);
    if (nv->n)
        memcpy(v, nv->v, nv->n * sizeof *nv->v);
    return v;
}

static void remember_anchor(builder *b, const yaml_char_t *anchor, gp_node *n)
{
    if (!anchor)
        return;
    const char *name = gp_arena_strdup(b->arena, (const char *)anchor);
    tab_put(&b->anchors, name, strlen(name), n);
}

/* The first line in [from, upto) whose indentation holds a tab or a no-break
 * space (U+00A0): YAML indents with spaces only, and libyaml's complaint
 * about it comes up to a line later and says nothing of why. Its offset, or b->len. */
static size_t bad_indent(const builder *b, size_t from, size_t upto, bool *tab)
{
    bool line_start = true;
    for (size_t i = from; i < upto && i < b->len; i++) {
        char c = b->data[i];
        if (c == '\n' || c == '\r') {
            line_start = true;
        } else if (line_start && (c == '\t' || (c == '\xC2' && i + 1 < b->len && b->data[i + 1] == '\xA0'))) {
            *tab = c == '\t';
            return i;
        } else if (line_start && c != ' ') {
            line_start = false;
        }
    }
    return b->len;
}

/* The end of the line holding offset `at`. */
static size_t line_end(const builder *b, size_t at)
{
    while (at < b->len && b->data[at] != '\n' && b->data[at] != '\r')
        at++;
    return at;
}

/* The start of the line before the one holding offset `at`. */
static size_t previous_line_start(const builder *b, size_t at)
{
    size_t start = bom_len(b->data, b->len);
    for (int breaks = 0; at > start; at--)
        if (b->data[at - 1] == '\n' && ++breaks == 2)
            break;
    return at;
}

/* Whether only spaces and one word (a key) come before mark m on its line. */
static bool starts_line(const builder *b, yaml_mark_t m)
{
    size_t at = mark_offset(b, m), i = at;
    while (i > 0 && b->data[i - 1] != '\n' && b->data[i - 1] != '\r')
        i--;
    while (i < at && b->data[i] == ' ')
        i++;
    return i < at && !memchr(b->data + i, ' ', at - i) && !memchr(b->data + i, ':', at - i);
}

static bool parse_error(builder *b, yaml_parser_t *p)
{
    /* a reader error has only a byte offset; the others have marks */
    gp_loc loc = p->error == YAML_READER_ERROR ? offset_loc(b, p->problem_offset) : mark_loc(b, p->problem_mark);
    const char *problem = p->problem ? p->problem : "invalid YAML";
    if (p->error != YAML_READER_ERROR) {
        bool tab = false;
        size_t problem_at = mark_offset(b, p->problem_mark);
        size_t at = bad_indent(b, previous_line_start(b, problem_at), line_end(b, problem_at), &tab);
        if (at < b->len && tab)
            return gp_error(b->diags, offset_loc(b, at),
                            "a tab indents this line, and YAML indents with spaces only: replace the tab with spaces");
        if (at < b->len)
            return gp_error(b->diags, offset_loc(b, at), GP_NBSP_INDENT_MESSAGE);
    }
    if (!strcmp(problem, "mapping values are not allowed in this context") && starts_line(b, p->problem_mark))
        return gp_error(b->diags, loc,
                        "this key is indented more than the key above it, so YAML reads it as more of that key's "
                        "value: line it up with the key above");
    if (!strcmp(problem, "mapping values are not allowed in this context"))
        return gp_error(b->diags, loc,
                        "a `: ` inside text needs quotes (YAML reads it as a new key): put the whole text in quotes "
                        "(\"...\"), or write the colon without a space after it");
    if (p->context)
        return gp_error(b->diags, loc, "invalid YAML: %s %s", problem, p->context);
    return gp_error(b->diags, loc, "invalid YAML: %s", problem);
}

/* A node with a tag: refused at the tag, quoting it as written. The event
 * starts at the node's first property, which may be its anchor. */
static bool refuse_tag(builder *b, const yaml_event_t *ev, const char *tag)
{
    size_t at = mark_offset(b, ev->start_mark), end = b->len;
    if (at < end && b->data[at] == '&')
        while (at < end && !strchr(" \t\r\n", b->data[at]))
            at++;
    while (at < end && strchr(" \t\r\n", b->data[at]))
        at++;
    if (at >= end || b->data[at] != '!')
        return gp_error(b->diags, mark_loc(b, ev->start_mark), "tags are not supported; remove the tag `%s`", tag);
    /* as written: `!<...>` up to its `>`, any other up to a space or a flow indicator */
    bool verbatim = at + 1 < end && b->data[at + 1] == '<';
    size_t n = 1;
    while (at + n < end && (verbatim ? b->data[at + n - 1] != '>' : !strchr(" \t\r\n,[]{}", b->data[at + n])))
        n++;
    return gp_error(b->diags, offset_loc(b, at), "tags are not supported; remove `%.*s`", n > 80 ? 80 : (int)n,
                    b->data + at);
}

static const char *event_tag(const yaml_event_t *ev)
{
    const yaml_char_t *tag = ev->type == YAML_SCALAR_EVENT           ? ev->data.scalar.tag
                             : ev->type == YAML_SEQUENCE_START_EVENT ? ev->data.sequence_start.tag
                             : ev->type == YAML_MAPPING_START_EVENT  ? ev->data.mapping_start.tag
                                                                     : NULL;
    return (const char *)tag;
}

/* Parses one node whose first event is `ev` (already taken). */
static gp_node *build_node(builder *b, yaml_parser_t *p, yaml_event_t *ev, int depth);

static bool next_event(builder *b, yaml_parser_t *p, yaml_event_t *ev)
{
    if (!yaml_parser_parse(p, ev))
        return parse_error(b, p);
    return true;
}

/* Adds a child's expanded weight to its parent. What aliases add beyond the
 * file's own nodes is limited; a file without aliases never reaches it. */
static bool add_weight(builder *b, gp_node *n, const gp_node *child)
{
    n->weight += child->weight;
    if (n->weight - b->literal > GP_MAX_EXPANDED_NODES)
        return gp_error(b->diags, n->loc,
                        "the document is too large once its aliases are expanded: they repeat more than %.0f nodes, "
                        "the limit; use fewer aliases",
                        GP_MAX_EXPANDED_NODES);
    return true;
}

static bool is_merge_key(const gp_node *key)
{
    return !key->quoted && key->len == 2 && !memcmp(key->str, "<<", 2);
}

/* Appends to keys/items each pair of `from` whose key is not in `seen` yet;
 * `merge` is the `<<` key, where a wrong value is reported. */
static bool merge_one(builder *b, const gp_node *merge, const gp_node *from, strtab *seen, nodevec *keys,
                      nodevec *items)
{
    if (from->kind != GP_NODE_MAP)
        return gp_error(b->diags, merge->loc,
                        "the merge key `<<` takes a mapping or a list of mappings (`<<: *name`), not %s",
                        gp_node_kind_name(from->kind));
    for (size_t i = 0; i < from->count; i++) {
        const gp_node *k = from->keys[i];
        if (tab_get(seen, k->str, k->len))
            continue;
        tab_put(seen, k->str, k->len, from->items[i]);
        push(keys, from->keys[i]);
        push(items, from->items[i]);
    }
    return true;
}

/* Resolves the mapping's `<<` keys (YAML's merge key): the pairs of each
 * merged mapping join it, except where its key is already there. The
 * mapping's own keys win, then the merged mappings in the order written. */
static bool merge_keys(builder *b, nodevec *keys, nodevec *items)
{
    size_t kept = 0;
    nodevec merges = {0}; /* pairs: the `<<` key, its value */
    for (size_t i = 0; i < keys->n; i++) {
        if (is_merge_key(keys->v[i])) {
            push(&merges, keys->v[i]);
            push(&merges, items->v[i]);
        } else {
            keys->v[kept] = keys->v[i];
            items->v[kept++] = items->v[i];
        }
    }
    keys->n = items->n = kept;
    if (!merges.n)
        return true;
    strtab seen = {0};
    for (size_t i = 0; i < kept; i++)
        tab_put(&seen, keys->v[i]->str, keys->v[i]->len, items->v[i]);
    bool ok = true;
    for (size_t m = 0; m < merges.n && ok; m += 2) {
        const gp_node *key = merges.v[m], *v = merges.v[m + 1];
        if (v->kind == GP_NODE_SEQ)
            for (size_t i = 0; i < v->count && ok; i++)
                ok = merge_one(b, key, v->items[i], &seen, keys, items);
        else
            ok = merge_one(b, key, v, &seen, keys, items);
    }
    free(seen.slots);
    free(merges.v);
    return ok;
}

static gp_node *build_collection(builder *b, yaml_parser_t *p, gp_node *n, yaml_event_type_t end, int depth)
{
    nodevec items = {0}, keys = {0};
    bool is_map = n->kind == GP_NODE_MAP;
    n->weight = 1;
    b->literal += 1;
    for (;;) {
        yaml_event_t ev;
        if (!next_event(b, p, &ev))
            goto fail;
        if (ev.type == end) {
            yaml_event_delete(&ev);
            break;
        }
        gp_node *child = build_node(b, p, &ev, depth + 1);
        if (!child)
            goto fail;
        if (is_map && keys.n == items.n) {
            if (child->kind != GP_NODE_SCALAR) {
                gp_error(b->diags, child->loc, "a key must be a plain string");
                goto fail;
            }
            push(&keys, child);
        } else {
            /* `primary: #14506e`: the comment follows the key; the empty value is what it cut */
            gp_node *key = is_map ? keys.v[keys.n - 1] : NULL;
            if (key && key->comment && child->kind == GP_NODE_SCALAR && !child->quoted && !child->len) {
                child->comment = key->comment;
                child->comment_loc = key->comment_loc;
            }
            push(&items, child);
            if (!add_weight(b, n, child))
                goto fail;
        }
    }
    if (is_map && !merge_keys(b, &keys, &items))
        goto fail;
    n->count = items.n;
    n->items = arena_copy(b->arena, &items);
    if (is_map)
        n->keys = arena_copy(b->arena, &keys);
    free(items.v);
    free(keys.v);
    return n;
fail:
    free(items.v);
    free(keys.v);
    return NULL;
}

static gp_node *build_node(builder *b, yaml_parser_t *p, yaml_event_t *ev, int depth)
{
    gp_node *n = NULL;
    const char *tag = event_tag(ev);
    if (tag || depth > GP_MAX_DEPTH) {
        if (tag)
            refuse_tag(b, ev, tag);
        else
            gp_error(b->diags, mark_loc(b, ev->start_mark), "nesting is deeper than %d levels", GP_MAX_DEPTH);
        yaml_event_delete(ev);
        return NULL;
    }
    switch (ev->type) {
    case YAML_SCALAR_EVENT:
        n = GP_NEW(b->arena, gp_node);
        n->kind = GP_NODE_SCALAR;
        n->loc = mark_loc(b, ev->start_mark);
        n->str = gp_arena_strndup(b->arena, (const char *)ev->data.scalar.value, ev->data.scalar.length);
        n->len = ev->data.scalar.length;
        n->quoted = ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
        map_text(b, n, ev);
        n->weight = 1 + (double)n->len / 8;
        b->literal += n->weight;
        if (!n->quoted && n->len) /* an empty value's marks are elsewhere: its key notes the comment */
            note_comment(b, n, ev->end_mark);
        remember_anchor(b, ev->data.scalar.anchor, n);
        break;
    case YAML_ALIAS_EVENT:
        n = tab_get(&b->anchors, (const char *)ev->data.alias.anchor, strlen((const char *)ev->data.alias.anchor));
        if (!n)
            gp_error(b->diags, mark_loc(b, ev->start_mark), "unknown alias `*%s`", ev->data.alias.anchor);
        break;
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT: {
        bool seq = ev->type == YAML_SEQUENCE_START_EVENT;
        n = GP_NEW(b->arena, gp_node);
        n->kind = seq ? GP_NODE_SEQ : GP_NODE_MAP;
        n->loc = mark_loc(b, ev->start_mark);
        const yaml_char_t *anchor = seq ? ev->data.sequence_start.anchor : ev->data.mapping_start.anchor;
        gp_node *done = build_collection(b, p, n, seq ? YAML_SEQUENCE_END_EVENT : YAML_MAPPING_END_EVENT, depth);
        if (done)
            remember_anchor(b, anchor, n);
        n = done;
        break;
    }
    default:
        gp_error(b->diags, mark_loc(b, ev->start_mark), "invalid YAML: unexpected event");
        break;
    }
    yaml_event_delete(ev);
    return n;
}

static gp_node *parse_stream(builder *b)
{
    yaml_parser_t p;
    yaml_parser_initialize(&p);
    yaml_parser_set_input_string(&p, (const unsigned char *)b->data, b->len);
    gp_node *root = NULL;
    yaml_event_t ev;
    bool ok = true, seen_doc = false;
    while (ok) {
        if (!next_event(b, &p, &ev)) {
            ok = false;
            break;
        }
        yaml_event_type_t t = ev.type;
        if (t == YAML_STREAM_END_EVENT) {
            yaml_event_delete(&ev);
            break;
        }
        if (t == YAML_DOCUMENT_START_EVENT && seen_doc) {
            gp_error(b->diags, mark_loc(b, ev.start_mark), "only one YAML document per file is allowed");
            yaml_event_delete(&ev);
            ok = false;
            break;
        }
        if (t == YAML_DOCUMENT_START_EVENT)
            seen_doc = true;
        if (t == YAML_SCALAR_EVENT || t == YAML_SEQUENCE_START_EVENT || t == YAML_MAPPING_START_EVENT ||
            t == YAML_ALIAS_EVENT) {
            root = build_node(b, &p, &ev, 0);
            ok = root != NULL;
        } else {
            yaml_event_delete(&ev);
        }
    }
    yaml_parser_delete(&p);
    if (!ok)
        return NULL;
    if (!root || (root->kind == GP_NODE_SCALAR && !root->quoted && root->len == 0)) {
        gp_error(b->diags, (gp_loc){b->path, 1, 1}, "the file is empty");
        return NULL;
    }
    return root;
}

/* A file of another kind given where YAML belongs, by its first bytes, or NULL. */
static const char *foreign_kind(const char *data, size_t len)
{
    static const struct {
        const char *magic;
        size_t n;
        const char *kind;
    } kinds[] = {
        {"%PDF-", 5, "a PDF file"},
        {"PK\3\4", 4, "a ZIP archive (a Word, OpenDocument or other office file)"},
        {"\x89PNG", 4, "a PNG image"},
        {"\xFF\xD8\xFF", 3, "a JPEG image"},
        {"{\\rtf", 5, "an RTF document"},
        {"<!DOCTYPE", 9, "an HTML page"},
        {"<html", 5, "an HTML page"},
        {"<?xml", 5, "an XML file"},
    };
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
        if (len >= kinds[i].n && !strncasecmp(data, kinds[i].magic, kinds[i].n))
            return kinds[i].kind;
    return NULL;
}

gp_node *gp_yaml_parse(gp_arena *a, const char *path, const char *data, size_t len, gp_diags *d)
{
    builder b = {.arena = a, .path = path, .data = data, .len = len, .diags = d};
    size_t bad = gp_utf8_validate(data, len);
    gp_node *root = NULL;
    const char *foreign = foreign_kind(data, len);
    if (foreign)
        gp_error(d, (gp_loc){path, 1, 1}, "this is %s, not YAML text: give the .yaml file written for guidepress",
                 foreign);
    else if (bad < len)
        gp_error(d, offset_loc(&b, bad), "the file is not valid UTF-8 (byte 0x%02X); save it as UTF-8",
                 (unsigned char)data[bad]);
    else if (scan_text(&b))
        root = parse_stream(&b);
    free(b.anchors.slots);
    free(b.soft);
    return root;
}

gp_node *gp_yaml_load(gp_arena *a, const char *path, gp_diags *d)
{
    char err[512];
    size_t len;
    char *data = gp_read_file(path, GP_MAX_INPUT_BYTES, &len, err, sizeof err);
    if (!data) {
        gp_error(d, (gp_loc){path, 0, 0}, "%s", err);
        return NULL;
    }
    gp_node *root = gp_yaml_parse(a, gp_arena_strdup(a, path), data, len, d);
    free(data);
    return root;
}

gp_node *gp_node_get(const gp_node *map, const char *key)
{
    if (!map || map->kind != GP_NODE_MAP)
        return NULL;
    for (size_t i = 0; i < map->count; i++)
        if (!strcmp(map->keys[i]->str, key))
            return map->items[i];
    return NULL;
}

const char *gp_node_kind_name(gp_node_kind k)
{
    return k == GP_NODE_SCALAR ? "a scalar" : k == GP_NODE_SEQ ? "a list" : "a mapping";
}

bool gp_yaml_has_top_key(const char *text, size_t len, const char *key)
{
    size_t k = strlen(key);
    for (size_t i = 0; i + k < len; i++)
        if ((i == 0 || text[i - 1] == '\n') && !memcmp(text + i, key, k) && text[i + k] == ':')
            return true;
    return false;
}
