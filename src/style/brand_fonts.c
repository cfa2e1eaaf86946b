/* The brand's `fonts:` and `features:` keys: each role's family, files,
 * faces and weight, the fallback fonts, and OpenType features per role. */
#include "brand_int.h"

#include "base/fontfile.h"
#include "base/fsio.h"
#include "load/schema.h"
#include "style/font_lookup.h"
#include "style/varfont.h"

#include <ctype.h>
#include <hb.h>
#include <stdlib.h>
#include <string.h>

static const char *const face_keys[GP_FACE_COUNT + 1] = {"regular", "italic", "bold", "bold_italic", NULL};

static bool looks_like_path(const char *s)
{
    static const char *const font_exts[] = {".ttf", ".ttc", ".otf", ".otc", ".woff", ".woff2"};
    if (strchr(s, '/'))
        return true;
    for (size_t i = 0; i < sizeof font_exts / sizeof *font_exts; i++)
        if (gp_has_extension(s, font_exts[i]))
            return true;
    return false;
}

static bool check_file(brand_ctx *c, const gp_node *at, gp_font_file *f)
{
    char msg[512];
    gp_font_verdict v = gp_fontfile_probe(f->path, f->index, msg, sizeof msg);
    return gp_report_font(c->d, at->loc, v, msg, c->in_fallback);
}

/* `weight:` of a variable font: a number (100 to 1000, like CSS) or the name of one of its instances. */
static bool read_weight(brand_ctx *c, const gp_node *n, gp_font_file *f)
{
    char msg[1024];
    char *end = NULL;
    double number = 0;
    if (n->kind == GP_NODE_SCALAR && !n->quoted)
        number = strtod(n->str, &end);
    bool is_number = end && end != n->str && !*end;
    if (n->kind != GP_NODE_SCALAR || (is_number && (number < 1 || number > 1000)))
        return gp_error(c->d, n->loc,
                        "`weight` must be a number from 1 to 1000 or the name of an instance of the font");
    if (!gp_varfont_weight(f->path, f->index, is_number ? NULL : n->str, number, &f->weight, msg, sizeof msg))
        return gp_error(c->d, n->loc, "font %s", msg);
    return true;
}

/* A font file: `path` or `{file: path, index: n, weight: w}`. */
static bool read_font_file(brand_ctx *c, const gp_node *n, gp_font_file *out)
{
    const char *rel;
    long index = 0;
    gp_node *weight = NULL;
    if (n->kind == GP_NODE_MAP) {
        static const char *const known[] = {"file", "index", "weight", NULL};
        bool ok = gp_schema_known_keys(n, known, "a font", c->d);
        gp_node *fn = gp_schema_require(n, "file", "a font", c->d);
        gp_node *in = gp_node_get(n, "index");
        if (!fn || !gp_schema_string(fn, "`file`", c->d, &rel))
            return false;
        if (in)
            ok &= gp_schema_int(in, "`index`", 0, 1000, c->d, &index);
        if (!ok)
            return false;
        weight = gp_node_get(n, "weight");
    } else if (!gp_schema_string(n, "a font", c->d, &rel)) {
        return false;
    }
    *out = (gp_font_file){.path = gp_path_join(c->a, c->dir, rel), .index = (int)index};
    return check_file(c, n, out) && (!weight || read_weight(c, weight, out));
}

static bool read_family_name(brand_ctx *c, const gp_node *n, const char *name, gp_font_family *out)
{
    if (looks_like_path(name)) {
        gp_font_file f;
        if (!read_font_file(c, n, &f))
            return false;
        for (int i = 0; i < GP_FACE_COUNT; i++)
            out->faces[i] = f;
        return true;
    }
    if (!gp_lookup_bundled_family(c->a, c->font_dir, name, out) && !gp_lookup_installed_family(c->a, name, out))
        return gp_error(c->d, n->loc, NOT_A_FAMILY, name);
    bool ok = true;
    for (int i = 0; i < GP_FACE_COUNT && ok; i++)
        ok = check_file(c, n, &out->faces[i]);
    return ok;
}

/* A family at a weight: its static faces of that weight if it has them,
 * else its regular and italic faces (if variable) instanced there; its
 * bold faces stay as the family has them. */
static bool read_family_weight(brand_ctx *c, const gp_node *n, const char *role, gp_font_family *out)
{
    static const char *const known[] = {"family", "weight", NULL};
    const char *name;
    gp_node *family = gp_node_get(n, "family"), *weight = gp_node_get(n, "weight");
    bool ok = gp_schema_known_keys(n, known, gp_arena_printf(c->a, "font `%s`", role), c->d);
    if (!gp_schema_string(family, "`family`", c->d, &name) || !read_family_name(c, family, name, out) || !ok)
        return false;
    if (!weight)
        return true;
    double w = weight->kind == GP_NODE_SCALAR && !weight->quoted ? atof(weight->str) : 0;
    gp_font_file fixed;
    if (w > 0 && gp_lookup_static_weight(c->a, name, w, false, &fixed) && check_file(c, family, &fixed)) {
        out->faces[GP_FACE_REGULAR] = fixed;
        if (gp_lookup_static_weight(c->a, name, w, true, &fixed) && check_file(c, family, &fixed))
            out->faces[GP_FACE_ITALIC] = fixed;
        return true;
    }
    if (!gp_varfont_has_weight(out->faces[0].path, out->faces[0].index))
        return gp_error(c->d, weight->loc,
                        "font family `%s` has no face of weight %s, and its regular face is not a variable font; "
                        "name a weight it has (see fc-list) or the file of its variable font",
                        name, weight->str);
    gp_font_file *italic = &out->faces[GP_FACE_ITALIC];
    bool own_italic = strcmp(italic->path, out->faces[GP_FACE_REGULAR].path) || italic->index != out->faces[0].index;
    if (!read_weight(c, weight, &out->faces[GP_FACE_REGULAR]))
        return false;
    if (!own_italic)
        italic->weight = out->faces[GP_FACE_REGULAR].weight;
    else /* a static italic keeps its own weight */
        gp_varfont_weight(italic->path, italic->index, NULL, out->faces[0].weight, &italic->weight, NULL, 0);
    return true;
}

static bool read_role(brand_ctx *c, const gp_node *n, const char *role, gp_font_family *out)
{
    if (n->kind == GP_NODE_SCALAR) {
        const char *s;
        return gp_schema_string(n, role, c->d, &s) && read_family_name(c, n, s, out);
    }
    if (n->kind != GP_NODE_MAP)
        return gp_error(c->d, n->loc, "font `%s` must be a family name, a file or a mapping of faces", role);
    if (gp_node_get(n, "family")) /* {family: Inter, weight: 600} */
        return read_family_weight(c, n, role, out);
    if (gp_node_get(n, "file")) { /* one file, {file: x.ttc, index: 0}, for every face */
        if (!read_font_file(c, n, &out->faces[0]))
            return false;
        for (int f = 1; f < GP_FACE_COUNT; f++)
            out->faces[f] = out->faces[0];
        return true;
    }
    bool ok = gp_schema_known_keys(n, face_keys, gp_arena_printf(c->a, "font `%s`", role), c->d);
    gp_node *reg = gp_schema_require(n, "regular", gp_arena_printf(c->a, "font `%s`", role), c->d);
    if (!reg || !read_font_file(c, reg, &out->faces[0]))
        return false;
    for (int f = 1; f < GP_FACE_COUNT; f++) {
        gp_node *v = gp_node_get(n, face_keys[f]);
        if (v) {
            ok &= read_font_file(c, v, &out->faces[f]);
        } else {
            out->faces[f] = out->faces[0];
            gp_warn(c->d, n->loc, "font `%s` has no `%s` face; the regular face is used instead", role, face_keys[f]);
        }
    }
    return ok;
}

static bool read_fallback(brand_ctx *c, const gp_node *n, gp_brand *b)
{
    const gp_node *const *items = &n;
    size_t count = 1;
    if (n->kind == GP_NODE_SEQ)
        items = (const gp_node *const *)n->items, count = n->count;
    b->fallback = GP_NEW_N(c->a, gp_font_file, count ? count : 1);
    b->nfallback = 0;
    bool ok = true;
    c->in_fallback = true;
    for (size_t i = 0; i < count; i++) {
        gp_font_family fam;
        if (items[i]->kind == GP_NODE_SCALAR) {
            const char *s;
            if (!gp_schema_string(items[i], "a fallback font", c->d, &s))
                ok = false;
            else if (!looks_like_path(s) && !gp_lookup_bundled_family(c->a, c->font_dir, s, &fam)) /* installed: looked up on first need */
                b->fallback[b->nfallback++] = (gp_font_file){.family = s, .loc = items[i]->loc};
            else if (read_family_name(c, items[i], s, &fam))
                b->fallback[b->nfallback++] = fam.faces[0];
            else
                ok = false;
        } else if (read_font_file(c, items[i], &fam.faces[0])) {
            b->fallback[b->nfallback++] = fam.faces[0];
        } else {
            ok = false;
        }
    }
    c->in_fallback = false;
    return ok;
}

static const char *const role_keys[GP_ROLE_COUNT + 1] = {"heading", "body", "quote", NULL};

bool gp_brand_read_fonts(brand_ctx *c, const gp_node *n, gp_brand *b)
{
    static const char *const known[] = {"heading", "body", "quote", "fallback", NULL};
    if (!gp_schema_is_map(n, "`fonts`", c->d))
        return false;
    bool ok = gp_schema_known_keys(n, known, "`fonts`", c->d);
    for (int r = 0; r < GP_ROLE_COUNT; r++) {
        gp_node *v = gp_node_get(n, known[r]);
        if (v)
            ok &= read_role(c, v, known[r], &b->fonts[r]);
    }
    gp_node *fb = gp_node_get(n, "fallback");
    if (fb)
        ok &= read_fallback(c, fb, b);
    return ok;
}

/* A feature as HarfBuzz writes it, applied to the whole text: `onum`,
 * `-liga`, `+kern`, `salt=2`, `liga=off` (the schema's pattern). A range
 * (`liga[3:5]`) would count from the start of each word HarfBuzz is given,
 * which means nothing in a brand. */
static bool well_formed_feature(const char *s)
{
    s += *s == '-' || *s == '+';
    for (int i = 0; i < 4; i++, s++)
        if (!isalnum((unsigned char)*s))
            return false;
    if (!*s)
        return true;
    if (*s++ != '=')
        return false;
    if (!strcmp(s, "on") || !strcmp(s, "off") || !strcmp(s, "true") || !strcmp(s, "false"))
        return true;
    return *s && strspn(s, "0123456789") == strlen(s) && strlen(s) <= 5;
}

static bool read_feature(brand_ctx *c, const gp_node *n, const char *role, gp_font_feature *out)
{
    const char *s;
    if (!gp_schema_string(n, gp_arena_printf(c->a, "a feature of `%s`", role), c->d, &s))
        return false;
    hb_feature_t f;
    if (!well_formed_feature(s) || !hb_feature_from_string(s, -1, &f))
        return gp_error(c->d, n->loc,
                        "`%s` is not an OpenType feature: write its four-letter tag (`onum`), `-tag` to turn "
                        "it off, or `tag=N` for an alternate",
                        s);
    *out = (gp_font_feature){f.tag, f.value};
    return true;
}

/* `features: {body: [onum, -liga], heading: [smcp]}`: OpenType features per
 * role, over HarfBuzz's defaults (liga, clig, calt, kern, mark, mkmk). */
bool gp_brand_read_features(brand_ctx *c, const gp_node *n, gp_brand *b)
{
    if (!gp_schema_is_map(n, "`features`", c->d))
        return false;
    bool ok = gp_schema_known_keys(n, role_keys, "`features`", c->d);
    for (int r = 0; r < GP_ROLE_COUNT; r++) {
        gp_node *v = gp_node_get(n, role_keys[r]);
        if (!v)
            continue;
        const gp_node *const *items = (const gp_node *const *)&v;
        size_t count = 1;
        if (v->kind == GP_NODE_SEQ)
            items = (const gp_node *const *)v->items, count = v->count;
        gp_font_feature *fs = GP_NEW_N(c->a, gp_font_feature, count ? count : 1);
        size_t k = 0;
        for (size_t i = 0; i < count; i++)
            if (read_feature(c, items[i], role_keys[r], &fs[k]))
                k++;
            else
                ok = false;
        b->features[r] = (gp_features){fs, k};
    }
    return ok;
}
