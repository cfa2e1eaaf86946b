/* Content file -> gp_doc.
 *
 * Walks the YAML tree against the contract (README "Input formats",
 * schema/content.schema.json): known keys per mapping, the type of every
 * value, required keys, section types. It
 * reports every problem it finds and returns NULL if there was any, so a
 * later stage only ever sees a valid document. The poster is probed here
 * (exists, is a regular file, is a complete PNG or JPEG). */
#include "doc.h"

#include "base/fsio.h"
#include "base/image.h"
#include "load/schema.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const type_names[GP_SEC_COUNT + 1] = {
#define GP_SECTION(id, name, ...) name,
#include "load/section_types.def"
#undef GP_SECTION
    NULL};

const char *gp_section_type_name(gp_section_type t)
{
    return type_names[t];
}

typedef struct loader {
    gp_arena *a;
    gp_diags *d;
    const char *dir;
    bool defer;  /* decode images' pixels in the background */
    gp_doc *doc; /* whose pending checks those are */
} loader;

/* An image whose pixel data is still being decoded. */
struct gp_pending_image {
    gp_image_probe_job *job;
    gp_loc loc;
    const char *what, *rel;
    struct gp_pending_image *next;
};

/* Fields of a mapping, read by name into a list item (load/doc.h). */
typedef enum { F_STRING, F_URL, F_RICH, F_NOTES } field_kind;
typedef struct field {
    const char *key;
    field_kind kind;
    bool required;
    size_t offset; /* into the item's struct */
} field;

#define STR_FIELD(k, T, member, req) {k, F_STRING, req, offsetof(T, member)}
#define RICH_FIELD(k, T, member, req) {k, F_RICH, req, offsetof(T, member)}
#define URL_FIELD(k, T, member) {k, F_URL, false, offsetof(T, member)}
#define NOTES_FIELD(k, T, member) {k, F_NOTES, false, offsetof(T, member)}

/* `facilitator:` a rich string or a list of them. */
static bool read_notes_for_facilitator(loader *L, gp_node *n, gp_notes *out)
{
    if (n->kind == GP_NODE_SCALAR) {
        out->items = GP_NEW(L->a, gp_rich *);
        out->count = 1;
        return gp_schema_rich(L->a, n, "`facilitator`", L->d, &out->items[0]);
    }
    if (!gp_schema_is_seq(n, "`facilitator`", L->d))
        return false;
    if (n->count == 0)
        return gp_error(L->d, n->loc, "`facilitator` must list at least one note");
    out->items = GP_NEW_N(L->a, gp_rich *, n->count);
    out->count = n->count;
    bool ok = true;
    for (size_t i = 0; i < n->count; i++)
        ok &= gp_schema_rich(L->a, n->items[i], "a `facilitator` note", L->d, &out->items[i]);
    return ok;
}

/* `fields` ends with a NULL key. */
static bool read_entry(loader *L, const gp_node *n, const char *what, const field *fields, void *e)
{
    if (!gp_schema_is_map(n, what, L->d))
        return false;
    const char *known[12];
    size_t nfields = 0;
    for (; fields[nfields].key; nfields++)
        known[nfields] = fields[nfields].key;
    known[nfields] = NULL;
    if (gp_schema_text_read_as_key(n, known, L->d))
        return false;
    bool ok = gp_schema_known_keys(n, known, what, L->d);
    for (size_t i = 0; i < nfields; i++) {
        const field *f = &fields[i];
        gp_node *v = f->required ? gp_schema_require(n, f->key, what, L->d) : gp_node_get(n, f->key);
        if (!v) {
            ok &= !f->required;
            continue;
        }
        char *slot = (char *)e + f->offset;
        char *vwhat = gp_arena_printf(L->a, "`%s`", f->key);
        if (f->kind == F_STRING)
            ok &= gp_schema_string(v, vwhat, L->d, (const char **)slot);
        else if (f->kind == F_URL)
            ok &= gp_schema_url(v, vwhat, L->d, (const char **)slot);
        else if (f->kind == F_RICH)
            ok &= gp_schema_rich(L->a, v, vwhat, L->d, (gp_rich **)slot);
        else
            ok &= read_notes_for_facilitator(L, v, (gp_notes *)slot);
    }
    return ok;
}

/* How a list's items are written (section_types.def's `items`). */
typedef enum { ITEMS_MAPS, ITEMS_TEXT, ITEMS_TEXT_OR_MAPS } items_kind;

/* A list of items of `size` bytes each (a struct starting with its gp_loc),
 * written as `items` says. */
static bool read_list(loader *L, const gp_node *n, const char *key, size_t size, items_kind items,
                      const field *fields, void **out, size_t *count)
{
    char *what = gp_arena_printf(L->a, "`%s`", key);
    if (!gp_schema_is_seq(n, what, L->d))
        return false;
    if (n->count == 0)
        return gp_error(L->d, n->loc, "`%s` must list at least one item", key);
    char *list = gp_arena_alloc(L->a, n->count * size);
    *out = list;
    *count = n->count;
    bool ok = true;
    char *item_what = gp_arena_printf(L->a, "an item of `%s`", key);
    for (size_t i = 0; i < n->count; i++) {
        gp_node *item = n->items[i]; /* (gp_schema_rich keeps its parse) */
        char *e = list + i * size;
        *(gp_loc *)e = item->loc;
        if (items == ITEMS_MAPS || (items == ITEMS_TEXT_OR_MAPS && item->kind == GP_NODE_MAP))
            ok &= read_entry(L, item, item_what, fields, e);
        else
            ok &= gp_schema_rich(L->a, item, item_what, L->d, (gp_rich **)(e + fields[0].offset));
    }
    return ok;
}

static bool read_quote(loader *L, const gp_node *n, gp_quote **out)
{
    static const char *const known[] = {"text", "by", NULL};
    if (!gp_schema_is_map(n, "`quote`", L->d))
        return false;
    gp_quote *q = GP_NEW(L->a, gp_quote);
    q->loc = n->loc;
    bool ok = gp_schema_known_keys(n, known, "`quote`", L->d);
    gp_node *t = gp_schema_require(n, "text", "`quote`", L->d);
    ok &= t && gp_schema_rich(L->a, t, "`text`", L->d, &q->text);
    gp_node *by = gp_node_get(n, "by");
    if (by)
        ok &= gp_schema_string(by, "`by`", L->d, &q->by);
    *out = q;
    return ok;
}

static bool read_notes(loader *L, const gp_node *n, int *lines)
{
    bool b;
    if (gp_schema_is_bool(n, &b)) {
        *lines = b ? GP_NOTES_FILL : 0;
        return true;
    }
    if (n->kind != GP_NODE_SCALAR)
        return gp_error(L->d, n->loc, "`notes` must be true, false or a number of lines");
    long v;
    if (!gp_schema_int(n, "`notes`", 0, 200, L->d, &v))
        return false;
    *lines = (int)v;
    return true;
}

/* Every name a type may be written as, for finding it and for suggestions. */
static const char *const type_spellings[] = {
#define GP_SECTION(id, name, alias, ...) name, alias,
#include "load/section_types.def"
#undef GP_SECTION
};
static const gp_section_type spelling_type[] = {
#define GP_SECTION(id, ...) GP_SEC_##id, GP_SEC_##id,
#include "load/section_types.def"
#undef GP_SECTION
};
static bool find_type(const char *name, gp_section_type *t)
{
    for (size_t i = 0; i < sizeof type_spellings / sizeof *type_spellings; i++)
        if (type_spellings[i] && !strcmp(name, type_spellings[i])) {
            *t = spelling_type[i];
            return true;
        }
    return false;
}

static const field item_fields[] = {RICH_FIELD("text", gp_item, text, true), {0}};
static const field question_fields[] = {RICH_FIELD("q", gp_question, text, true),
                                        NOTES_FIELD("facilitator", gp_question, facilitator), {0}};
static const field theme_fields[] = {STR_FIELD("title", gp_theme, title, true), RICH_FIELD("body", gp_theme, body, true),
                                     {0}};
static const field action_fields[] = {RICH_FIELD("text", gp_action, text, true), URL_FIELD("url", gp_action, url), {0}};
static const field review_fields[] = {RICH_FIELD("quote", gp_review, quote, true),
                                      STR_FIELD("source", gp_review, source, true), URL_FIELD("url", gp_review, url),
                                      {0}};
static const field reading_fields[] = {STR_FIELD("source", gp_reading, source, true),
                                       STR_FIELD("title", gp_reading, title, false),
                                       RICH_FIELD("quote", gp_reading, quote, false), URL_FIELD("url", gp_reading, url),
                                       {0}};
static const field qa_fields[] = {RICH_FIELD("q", gp_exchange, q, true), RICH_FIELD("a", gp_exchange, a, true),
                                  STR_FIELD("asked_by", gp_exchange, asked_by, false), {0}};
static const field figure_fields[] = {STR_FIELD("value", gp_figure, value, true),
                                      STR_FIELD("label", gp_figure, label, true), {0}};

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Per type, from its row in section_types.def. */
typedef struct type_spec {
    const char *body_key, *list_key, *extra_key;
    bool list_required;
    size_t entry_size;
    items_kind items;
    const field *fields; /* ended by a NULL key */
} type_spec;

static const type_spec specs[GP_SEC_COUNT] = {
#define GP_SECTION(id, name, alias, label, body_key, list_key, list_required, entry, items, fields, extra_key, ...) \
    [GP_SEC_##id] = {body_key, list_key, extra_key, list_required, sizeof(entry), ITEMS_##items, fields},
#include "load/section_types.def"
#undef GP_SECTION
};

/* "text (or summary), themes, ...": the known types as a message lists them. */
static const char *known_types(gp_arena *a)
{
    const char *list = "";
    for (size_t i = 0; i < sizeof type_spellings / sizeof *type_spellings; i += 2) {
        const char *alias = type_spellings[i + 1];
        list = gp_arena_printf(a, "%s%s%s%s%s%s", list, i ? ", " : "", type_spellings[i], alias ? " (or " : "",
                               alias ? alias : "", alias ? ")" : "");
    }
    return list;
}

static bool read_image(loader *L, const gp_node *n, const char *what, const gp_image **out);

/* `image: {file, caption, alt}` on a section. */
static bool read_section_image(loader *L, const gp_node *n, gp_section_image **out)
{
    static const char *const known[] = {"file", "caption", "alt", NULL};
    if (n->kind == GP_NODE_SCALAR)
        return gp_error(L->d, n->loc, "`image` takes `file:` (and `caption:`, `alt:` if you like): write `image: "
                                      "{file: %s}`", n->str);
    if (!gp_schema_is_map(n, "`image`", L->d))
        return false;
    gp_section_image *im = GP_NEW(L->a, gp_section_image);
    im->loc = n->loc;
    bool ok = gp_schema_known_keys(n, known, "`image`", L->d);
    gp_node *v = gp_schema_require(n, "file", "`image`", L->d);
    ok &= v && read_image(L, v, "image", &im->image);
    if ((v = gp_node_get(n, "caption")))
        ok &= gp_schema_rich(L->a, v, "`caption`", L->d, &im->caption);
    if ((v = gp_node_get(n, "alt")))
        ok &= gp_schema_string(v, "`alt`", L->d, &im->alt);
    *out = im;
    return ok;
}

static bool read_section(loader *L, const gp_node *n, gp_section *s)
{
    s->loc = n->loc;
    s->notes_lines = GP_NOTES_FILL;
    if (!gp_schema_is_map(n, "a section", L->d))
        return false;
    gp_node *tn = gp_schema_require(n, "type", "a section", L->d);
    const char *tname;
    if (!tn || !gp_schema_string(tn, "`type`", L->d, &tname))
        return false;
    if (!find_type(tname, &s->type)) {
        const char *sugg = gp_schema_suggest(tname, type_names);
        return gp_error(L->d, tn->loc, "unknown section type `%s`%s%s%s; known types: %s", tname,
                        sugg ? " (did you mean `" : "", sugg ? sugg : "", sugg ? "`?)" : "", known_types(L->a));
    }
    const type_spec *sp = &specs[s->type];
    const char *known[10] = {"type", "heading", "quote"};
    size_t nk = 3;
    const char *const own[] = {sp->body_key, sp->list_key, sp->extra_key};
    for (size_t i = 0; i < N(own); i++)
        if (own[i])
            known[nk++] = own[i];
    known[nk++] = "facilitator";
    known[nk++] = "image";
    known[nk] = NULL;
    char *what = gp_arena_printf(L->a, "a `%s` section", tname);
    bool ok = gp_schema_known_keys(n, known, what, L->d);

    gp_node *v;
    if ((v = gp_node_get(n, "heading")))
        ok &= gp_schema_string(v, "`heading`", L->d, &s->heading);
    if ((v = gp_node_get(n, "quote")))
        ok &= read_quote(L, v, &s->quote);
    if ((v = gp_node_get(n, "facilitator")))
        ok &= read_notes_for_facilitator(L, v, &s->facilitator);
    if ((v = gp_node_get(n, "image")))
        ok &= read_section_image(L, v, &s->image);
    if (sp->body_key) {
        bool required = !sp->list_key;
        v = required ? gp_schema_require(n, sp->body_key, what, L->d) : gp_node_get(n, sp->body_key);
        if (v)
            ok &= gp_schema_rich(L->a, v, gp_arena_printf(L->a, "`%s`", sp->body_key), L->d, &s->body);
        else
            ok &= !required;
    }
    if (sp->list_key) {
        v = sp->list_required ? gp_schema_require(n, sp->list_key, what, L->d) : gp_node_get(n, sp->list_key);
        if (v)
            ok &= read_list(L, v, sp->list_key, sp->entry_size, sp->items, sp->fields, &s->list.any, &s->nentries);
        else
            ok &= !sp->list_required;
    }
    if (s->type == GP_SEC_FACTS) {
        void *figures = NULL;
        if ((v = gp_node_get(n, "figures")))
            ok &= read_list(L, v, "figures", sizeof(gp_figure), ITEMS_MAPS, figure_fields, &figures, &s->nfigures);
        s->figures = figures;
        if (!s->nentries && !s->nfigures && ok)
            ok = gp_error(L->d, n->loc, "a `facts` section needs `facts` or `figures`");
    }
    if (s->type == GP_SEC_QUESTIONS && (v = gp_node_get(n, "notes")))
        ok &= read_notes(L, v, &s->notes_lines);
    return ok;
}

static bool read_image(loader *L, const gp_node *n, const char *what, const gp_image **out)
{
    const char *rel;
    if (!gp_schema_string(n, what, L->d, &rel))
        return false;
    gp_image *img = GP_NEW(L->a, gp_image);
    img->path = gp_path_join(L->a, L->dir, rel);
    char err[512];
    if (!L->defer) {
        if (!gp_image_probe(img->path, &img->info, err, sizeof err))
            return gp_error(L->d, n->loc, "%s `%s`: %s", what, rel, err);
    } else {
        gp_image_probe_job *job = gp_image_probe_start(img->path, &img->info, err, sizeof err);
        if (!job)
            return gp_error(L->d, n->loc, "%s `%s`: %s", what, rel, err);
        struct gp_pending_image *p = GP_NEW(L->a, struct gp_pending_image);
        *p = (struct gp_pending_image){job, n->loc, what, rel, L->doc->pending};
        L->doc->pending = p;
    }
    *out = img;
    return true;
}

static bool read_film(loader *L, const gp_node *n, gp_film *f)
{
    static const char *const known[] = {"title", "director", "year", "runtime", "country", "language",
                                        "poster", "poster_alt", "logline", "also_by", "intro", NULL};
    if (!gp_schema_is_map(n, "`film`", L->d))
        return false;
    bool ok = gp_schema_known_keys(n, known, "`film`", L->d);
    gp_node *v;
    if ((v = gp_schema_require(n, "title", "`film`", L->d)))
        ok &= gp_schema_string(v, "`title`", L->d, &f->title);
    else
        ok = false;
    if ((v = gp_schema_require(n, "director", "`film`", L->d)))
        ok &= gp_schema_strings(L->a, v, "`director`", L->d, &f->directors, &f->ndirectors);
    else
        ok = false;
    long year;
    if ((v = gp_node_get(n, "year"))) {
        bool y = gp_schema_int(v, "`year`", 1850, 2200, L->d, &year);
        ok &= y;
        if (y)
            f->year = (int)year;
    }
    if ((v = gp_node_get(n, "runtime")))
        ok &= gp_schema_string(v, "`runtime`", L->d, &f->runtime);
    if ((v = gp_node_get(n, "country")))
        ok &= gp_schema_string(v, "`country`", L->d, &f->country);
    if ((v = gp_node_get(n, "language")))
        ok &= gp_schema_string(v, "`language`", L->d, &f->language);
    if ((v = gp_node_get(n, "poster"))) {
        f->poster_loc = v->loc;
        ok &= read_image(L, v, "poster", &f->poster);
    }
    if ((v = gp_node_get(n, "poster_alt")))
        ok &= gp_schema_string(v, "`poster_alt`", L->d, &f->poster_alt);
    if ((v = gp_node_get(n, "logline")))
        ok &= gp_schema_rich(L->a, v, "`logline`", L->d, &f->logline);
    if ((v = gp_node_get(n, "intro")))
        ok &= gp_schema_rich(L->a, v, "`intro`", L->d, &f->intro);
    if ((v = gp_node_get(n, "also_by")))
        ok &= gp_schema_strings(L->a, v, "`also_by`", L->d, &f->also_by, &f->nalso_by);
    return ok;
}

bool gp_screening_read(gp_arena *a, const gp_node *n, bool date_required, gp_diags *d, gp_screening *s)
{
    s->loc = n->loc;
    bool ok = true;
    gp_node *v = date_required ? gp_schema_require(n, "date", "`screening`", d) : gp_node_get(n, "date");
    const char *date;
    char why[160];
    if (!v)
        ok = !date_required;
    else if (gp_schema_string(v, "`date`", d, &date) && !gp_date_parse(date, &s->date, why, sizeof why))
        ok = gp_error(d, v->loc, "`date` `%s` %s", date, why);
    const char *const keys[] = {"time", "venue", "host"};
    const char **slots[] = {&s->time, &s->venue, &s->host};
    for (size_t i = 0; i < 3; i++)
        if ((v = gp_node_get(n, keys[i])))
            ok &= gp_schema_string(v, gp_arena_printf(a, "`%s`", keys[i]), d, slots[i]);
    if ((v = gp_node_get(n, "rsvp")))
        ok &= gp_schema_url(v, "`rsvp`", d, &s->rsvp);
    return ok;
}

static bool read_screening(loader *L, const gp_node *n, gp_screening **out)
{
    static const char *const known[] = {"date", "time", "venue", "host", "rsvp", NULL};
    if (!gp_schema_is_map(n, "`screening`", L->d))
        return false;
    gp_screening *s = GP_NEW(L->a, gp_screening);
    bool ok = gp_schema_known_keys(n, known, "`screening`", L->d);
    ok &= gp_screening_read(L->a, n, true, L->d, s);
    *out = s;
    return ok;
}

static bool has_date(const gp_screening *s)
{
    return s->date.year != 0;
}

bool gp_screening_apply(gp_arena *a, gp_doc *doc, const gp_screening *row, gp_diags *d)
{
    const gp_screening *base = doc->screening;
    gp_screening *s = GP_NEW(a, gp_screening);
    *s = *row;
    if (base) {
        if (!has_date(row))
            s->date = base->date;
        const char **mine[] = {&s->time, &s->venue, &s->host, &s->rsvp};
        const char *const theirs[] = {base->time, base->venue, base->host, base->rsvp};
        for (size_t i = 0; i < 4; i++)
            if (!*mine[i])
                *mine[i] = theirs[i];
    }
    if (!has_date(s))
        return gp_error(d, row->loc,
                        "this row gives no `date`, and `%s` has no screening to take it from: add `date: "
                        "YYYY-MM-DD` to the row",
                        doc->path);
    doc->screening = s;
    return true;
}

bool gp_doc_load_finish(gp_doc *doc, gp_diags *d)
{
    bool ok = true;
    for (struct gp_pending_image *p = doc->pending; p; p = p->next) {
        char err[512];
        if (!gp_image_probe_finish(p->job, err, sizeof err))
            ok = gp_error(d, p->loc, "%s `%s`: %s", p->what, p->rel, err);
    }
    doc->pending = NULL;
    return ok;
}

/* A brand's key that no content file has, in a mapping without `film` or `sections`, or NULL. */
static const char *brand_key(const gp_node *root)
{
    static const char *const brand_only[] = {"colors", "fonts", "page", "labels", "back_page", "footer", "logo",
                                             "tagline", NULL};
    if (root->kind != GP_NODE_MAP || gp_node_get(root, "film") || gp_node_get(root, "sections"))
        return NULL;
    for (size_t i = 0; brand_only[i]; i++)
        if (gp_node_get(root, brand_only[i]))
            return brand_only[i];
    return NULL;
}

bool gp_doc_is_brand_file(const char *path)
{
    /* a content file says `film:` or `sections:` at the start of a line: no need to parse it twice */
    char err[256];
    size_t len;
    char *text = gp_read_file(path, GP_MAX_INPUT_BYTES, &len, err, sizeof err);
    bool content = !text || gp_yaml_has_top_key(text, len, "film") || gp_yaml_has_top_key(text, len, "sections");
    free(text);
    if (content)
        return false;
    gp_arena a = {0};
    gp_diags d = {0};
    gp_node *root = gp_yaml_load(&a, path, &d);
    bool brand = root && brand_key(root);
    gp_diags_free(&d);
    gp_arena_free(&a);
    return brand;
}

static void named_image(gp_arena *a, const char *path, const gp_node *n, gp_named_file_fn *fn, void *ctx)
{
    if (n && n->kind == GP_NODE_SCALAR && n->len)
        fn(ctx, gp_path_join(a, gp_dirname(a, path), n->str), (gp_loc){path, n->loc.line, n->loc.col});
}

void gp_doc_tree_image_files(gp_arena *a, const char *path, const gp_node *root, gp_named_file_fn *fn, void *ctx)
{
    named_image(a, path, gp_node_get(gp_node_get(root, "film"), "poster"), fn, ctx);
    gp_node *sections = gp_node_get(root, "sections");
    for (size_t i = 0; sections && sections->kind == GP_NODE_SEQ && i < sections->count; i++)
        named_image(a, path, gp_node_get(gp_node_get(sections->items[i], "image"), "file"), fn, ctx);
}

void gp_doc_image_files(gp_arena *a, const char *path, gp_named_file_fn *fn, void *ctx)
{
    gp_arena scratch = {0};
    gp_diags d = {0};
    gp_doc_tree_image_files(a, path, gp_yaml_load(&scratch, path, &d), fn, ctx);
    gp_diags_free(&d);
    gp_arena_free(&scratch);
}

/* A root that is not a guide's content: an error that says what it looks like. */
static void not_content(const char *path, const gp_node *root, gp_diags *d)
{
    const char *key = brand_key(root);
    if (key)
        gp_error(d, root->loc, "this is a brand file (it has `%s`), not a guide's content: give it with `-b %s`", key,
                 path);
    else if (root->kind == GP_NODE_SCALAR)
        gp_error(d, root->loc,
                 "the file is plain text, not YAML `key: value` lines: a content file starts with `film:` and "
                 "lists its `sections:` (see the samples in content/)");
    else
        gp_schema_is_map(root, "a content file", d);
}

static gp_doc *from_tree(gp_arena *a, const char *path, gp_node *root, gp_diags *d, bool defer)
{
    size_t errors_before = d->errors;
    gp_doc *doc = GP_NEW(a, gp_doc);
    loader L = {a, d, gp_dirname(a, path), defer, doc};
    doc->path = root->loc.file;
    static const char *const known[] = {"film", "language", "direction", "smart_punctuation", "screening", "sections", NULL};
    if (root->kind != GP_NODE_MAP || brand_key(root)) {
        not_content(path, root, d);
        return NULL;
    }
    gp_schema_known_keys(root, known, "the content file", d);
    gp_node *v;
    if ((v = gp_schema_require(root, "film", "the content file", d)))
        read_film(&L, v, &doc->film);
    if ((v = gp_node_get(root, "language")) && gp_schema_string(v, "`language`", d, &doc->language))
        doc->language_loc = v->loc;
    if ((v = gp_node_get(root, "direction")))
        doc->direction = gp_schema_direction(v, d);
    doc->smart_punctuation = -1;
    bool smart;
    if ((v = gp_node_get(root, "smart_punctuation"))) {
        if (gp_schema_is_bool(v, &smart))
            doc->smart_punctuation = smart;
        else
            gp_error(d, v->loc, "`smart_punctuation` must be true or false");
    }
    if ((v = gp_node_get(root, "screening")))
        read_screening(&L, v, &doc->screening);
    if ((v = gp_schema_require(root, "sections", "the content file", d)) && gp_schema_is_seq(v, "`sections`", d)) {
        if (v->count == 0)
            gp_error(d, v->loc, "`sections` must list at least one section");
        doc->nsections = v->count;
        doc->sections = GP_NEW_N(a, gp_section, v->count ? v->count : 1);
        for (size_t i = 0; i < v->count; i++)
            read_section(&L, v->items[i], &doc->sections[i]);
    }
    if (d->errors > errors_before) {
        gp_doc_load_finish(doc, d);
        return NULL;
    }
    return doc;
}

gp_node *gp_doc_parse(gp_arena *a, const char *path, gp_diags *d)
{
    if (gp_has_extension(path, ".md") || gp_has_extension(path, ".markdown") || gp_has_extension(path, ".txt")) {
        gp_error(d, (gp_loc){path, 0, 0},
                 "this is a %s file, not a guide's YAML content: a content file is a .yaml file that starts with "
                 "`film:` (see the samples in content/)",
                 gp_has_extension(path, ".txt") ? "plain text" : "Markdown");
        return NULL;
    }
    return gp_yaml_load(a, path, d);
}

gp_doc *gp_doc_start(gp_arena *a, const char *path, gp_node *root, gp_diags *d)
{
    return root ? from_tree(a, path, root, d, true) : NULL;
}

gp_doc *gp_doc_load_start(gp_arena *a, const char *path, gp_diags *d)
{
    return gp_doc_start(a, path, gp_doc_parse(a, path, d), d);
}

gp_doc *gp_doc_load(gp_arena *a, const char *path, gp_diags *d)
{
    gp_doc *doc = gp_doc_load_start(a, path, d);
    return doc && gp_doc_load_finish(doc, d) ? doc : NULL;
}

gp_doc *gp_doc_from_tree(gp_arena *a, const char *path, gp_node *root, gp_diags *d)
{
    return from_tree(a, path, root, d, false);
}
