/* libyaml events -> gp_node tree.
 *
 * Takes the bytes of a file, gives a tree in the arena. libyaml's marks are
 * 0-based; positions here are 1-based, converted once below. Invalid UTF-8
 * is found before libyaml sees the text, so the message can point at the
 * exact line and column. Limits: input size, nesting depth and the
 * alias-expanded node count, each with its own error. */
#include "yaml.h"

#include "base/fsio.h"
#include "base/utf8.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

typedef struct builder {
    gp_arena *arena;
    const char *path;
    gp_diags *diags;
    struct anchor {
        const char *name;
        gp_node *node;
    } *anchors;
    size_t nanchors, capanchors;
} builder;

static gp_loc mark_loc(const builder *b, yaml_mark_t m)
{
    return (gp_loc){b->path, (int)m.line + 1, (int)m.column + 1};
}

typedef struct nodevec {
    gp_node **v;
    size_t n, cap;
} nodevec;

static void push(nodevec *nv, gp_node *n)
{
    if (nv->n == nv->cap) {
        nv->cap = nv->cap ? nv->cap * 2 : 8;
        nv->v = gp_xrealloc(nv->v, nv->cap * sizeof *nv->v);
    }
    nv->v[nv->n++] = n;
}

static void remember_anchor(builder *b, const yaml_char_t *anchor, gp_node *n)
{
    if (!anchor)
        return;
    if (b->nanchors == b->capanchors) {
        b->capanchors = b->capanchors ? b->capanchors * 2 : 8;
        b->anchors = gp_xrealloc(b->anchors, b->capanchors * sizeof *b->anchors);
    }
    b->anchors[b->nanchors++] = (struct anchor){gp_arena_strdup(b->arena, (const char *)anchor), n};
}

static gp_node *find_anchor(builder *b, const char *name)
{
    for (size_t i = b->nanchors; i-- > 0;)
        if (!strcmp(b->anchors[i].name, name))
            return b->anchors[i].node;
    return NULL;
}

static bool parse_error(builder *b, yaml_parser_t *p)
{
    yaml_mark_t m = p->problem_offset || p->problem_mark.line || p->problem_mark.column ? p->problem_mark
                                                                                          : p->context_mark;
    const char *problem = p->problem ? p->problem : "invalid YAML";
    if (p->context)
        return gp_error(b->diags, mark_loc(b, m), "invalid YAML: %s %s", problem, p->context);
    return gp_error(b->diags, mark_loc(b, m), "invalid YAML: %s", problem);
}

/* Parses one node whose first event is `ev` (already taken). */
static gp_node *build_node(builder *b, yaml_parser_t *p, yaml_event_t *ev, int depth);

static bool next_event(builder *b, yaml_parser_t *p, yaml_event_t *ev)
{
    if (!yaml_parser_parse(p, ev))
        return parse_error(b, p);
    return true;
}

static gp_node *build_collection(builder *b, yaml_parser_t *p, gp_node *n, yaml_event_type_t end, int depth)
{
    nodevec items = {0}, keys = {0};
    bool is_map = n->kind == GP_NODE_MAP;
    n->weight = 1;
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
            push(&items, child);
            n->weight += child->weight;
            if (n->weight > GP_MAX_EXPANDED_NODES) {
                gp_error(b->diags, n->loc, "the document is too large once its aliases are expanded");
                goto fail;
            }
        }
    }
    n->count = items.n;
    n->items = GP_NEW_N(b->arena, gp_node *, items.n ? items.n : 1);
    if (items.n)
        memcpy(n->items, items.v, items.n * sizeof *items.v);
    if (is_map) {
        n->keys = GP_NEW_N(b->arena, gp_node *, keys.n ? keys.n : 1);
        if (keys.n)
            memcpy(n->keys, keys.v, keys.n * sizeof *keys.v);
    }
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
    if (depth > GP_MAX_DEPTH) {
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
        n->weight = 1 + (double)n->len / 8;
        remember_anchor(b, ev->data.scalar.anchor, n);
        break;
    case YAML_ALIAS_EVENT:
        n = find_anchor(b, (const char *)ev->data.alias.anchor);
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

static gp_loc offset_loc(const char *path, const char *data, size_t off)
{
    gp_loc loc = {path, 1, 1};
    for (size_t i = 0; i < off;) {
        uint32_t cp;
        i += gp_utf8_decode(data + i, off - i, &cp);
        if (cp == '\n')
            loc.line++, loc.col = 1;
        else
            loc.col++;
    }
    return loc;
}

gp_node *gp_yaml_parse(gp_arena *a, const char *path, const char *data, size_t len, gp_diags *d)
{
    size_t bad = gp_utf8_validate(data, len);
    if (bad < len) {
        gp_error(d, offset_loc(path, data, bad), "the file is not valid UTF-8 (byte 0x%02X); save it as UTF-8",
                 (unsigned char)data[bad]);
        return NULL;
    }
    builder b = {.arena = a, .path = path, .diags = d};
    yaml_parser_t p;
    yaml_parser_initialize(&p);
    yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
    gp_node *root = NULL;
    yaml_event_t ev;
    bool ok = true, seen_doc = false;
    while (ok) {
        if (!next_event(&b, &p, &ev)) {
            ok = false;
            break;
        }
        yaml_event_type_t t = ev.type;
        if (t == YAML_STREAM_END_EVENT) {
            yaml_event_delete(&ev);
            break;
        }
        if (t == YAML_DOCUMENT_START_EVENT && seen_doc) {
            gp_error(d, mark_loc(&b, ev.start_mark), "only one YAML document per file is allowed");
            yaml_event_delete(&ev);
            ok = false;
            break;
        }
        if (t == YAML_DOCUMENT_START_EVENT)
            seen_doc = true;
        if (t == YAML_SCALAR_EVENT || t == YAML_SEQUENCE_START_EVENT || t == YAML_MAPPING_START_EVENT ||
            t == YAML_ALIAS_EVENT) {
            root = build_node(&b, &p, &ev, 0);
            ok = root != NULL;
        } else {
            yaml_event_delete(&ev);
        }
    }
    yaml_parser_delete(&p);
    free(b.anchors);
    if (!ok)
        return NULL;
    if (!root || (root->kind == GP_NODE_SCALAR && !root->quoted && root->len == 0)) {
        gp_error(d, (gp_loc){path, 1, 1}, "the file is empty");
        return NULL;
    }
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
