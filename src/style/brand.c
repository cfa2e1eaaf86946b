/* Brand file -> gp_brand (content-format.md §2).
 *
 * Starts from the built-in brand and applies each key of the file, checking
 * it as it goes: colours are `#rrggbb`, lengths carry a unit, page sizes are
 * named, fonts resolve to TrueType files (a path, a bundled family in
 * fonts/, or an installed family found with fontconfig) and images are
 * probed. Every problem is reported with its position; NULL if any. */
#include "brand.h"

#include "base/fontfile.h"
#include "base/fsio.h"
#include "base/image.h"
#include "load/schema.h"

#include <ctype.h>
#include <fontconfig/fontconfig.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const label_keys[GP_LABEL_COUNT + 1] = {
    "also_by", "summary", "themes", "questions", "notes", "facts", "actions",
    "reviews", "reading", "qa",      "watch",  "directed_by", "continued", NULL};

static const char *const default_labels[GP_LABEL_COUNT] = {
    "You might know this director from:",
    "Film Summary",
    "Film Themes",
    "Further Discussions",
    "Notes:",
    "Film Facts",
    "Ways to Influence",
    "Praise for the Film",
    "Further Reading",
    "A Conversation with the Filmmaker",
    "Where to Watch",
    "Directed by",
    "continued",
};

static const char *const face_keys[GP_FACE_COUNT + 1] = {"regular", "italic", "bold", "bold_italic", NULL};
static const char *const face_suffix[GP_FACE_COUNT] = {"Regular", "Italic", "Bold", "BoldItalic"};
static const char *const fc_styles[GP_FACE_COUNT] = {"Regular", "Italic", "Bold", "Bold Italic"};

typedef struct ctx {
    gp_arena *a;
    gp_diags *d;
    const char *dir;       /* the brand file's folder */
    const char *font_dir;  /* bundled fonts */
} ctx;

const char *gp_brand_font_dir(gp_arena *a, const char *argv0)
{
    const char *env = getenv("GUIDEPRESS_FONTS");
    if (env && *env)
        return gp_arena_strdup(a, env);
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0 && argv0) {
        snprintf(exe, sizeof exe, "%s", argv0);
        n = (ssize_t)strlen(exe);
    }
    if (n > 0) {
        exe[n] = 0;
        const char *dir = gp_dirname(a, exe);
        /* build/guidepress and build/asan/guidepress run from the source tree */
        for (const char *up = "/..", *more = "/../.."; up; up = more, more = NULL) {
            const char *beside = gp_arena_printf(a, "%s%s/fonts", dir, up);
            if (access(gp_arena_printf(a, "%s/NotoSerif-Regular.ttf", beside), R_OK) == 0)
                return beside;
        }
        const char *shared = gp_arena_printf(a, "%s/../share/guidepress/fonts", dir);
        if (access(shared, R_OK) == 0)
            return shared;
    }
    return GP_DATADIR "/fonts";
}

void gp_brand_cleanup(void)
{
    FcFini();
}

/* ---- fonts ---- */

/* A bundled family: fonts/<Family without spaces>-<Face>.ttf. */
static bool bundled_family(ctx *c, const char *family, gp_font_family *out)
{
    char base[128];
    size_t o = 0;
    for (const char *p = family; *p && o + 1 < sizeof base; p++)
        if (*p != ' ')
            base[o++] = *p;
    base[o] = 0;
    const char *regular = gp_arena_printf(c->a, "%s/%s-Regular.ttf", c->font_dir, base);
    if (access(regular, R_OK) != 0)
        return false;
    for (int f = 0; f < GP_FACE_COUNT; f++) {
        const char *p = gp_arena_printf(c->a, "%s/%s-%s.ttf", c->font_dir, base, face_suffix[f]);
        out->faces[f] = (gp_font_file){.path = access(p, R_OK) == 0 ? p : regular};
    }
    return true;
}

/* An installed family, found with fontconfig. Only an exact family match
 * counts: fontconfig would otherwise substitute any font at all. */
#define NOT_A_FAMILY "font family `%s` is neither bundled with guidepress nor installed (see fc-list)"

static bool fc_face(ctx *c, const char *family, const char *style, gp_font_file *out, bool *exact_style)
{
    FcPattern *pat = FcPatternCreate();
    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
    FcPatternAddString(pat, FC_STYLE, (const FcChar8 *)style);
    FcPatternAddBool(pat, FC_OUTLINE, FcTrue);
    FcConfigSubstitute(NULL, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res;
    FcPattern *m = FcFontMatch(NULL, pat, &res);
    bool ok = false;
    FcChar8 *fam, *file, *st;
    int index = 0;
    if (m && FcPatternGetString(m, FC_FAMILY, 0, &fam) == FcResultMatch && !strcasecmp((char *)fam, family) &&
        FcPatternGetString(m, FC_FILE, 0, &file) == FcResultMatch) {
        FcPatternGetInteger(m, FC_INDEX, 0, &index);
        *out = (gp_font_file){.path = gp_arena_strdup(c->a, (const char *)file), .index = index};
        *exact_style = FcPatternGetString(m, FC_STYLE, 0, &st) == FcResultMatch && !strcasecmp((char *)st, style);
        ok = true;
    }
    if (m)
        FcPatternDestroy(m);
    FcPatternDestroy(pat);
    return ok;
}

bool gp_brand_resolve_fallback(gp_arena *a, gp_font_file *f, gp_diags *d)
{
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    ctx c = {a, NULL, ".", "."};
    gp_font_file found;
    bool exact, ok;
    char err[256];
    pthread_mutex_lock(&lock);
    ok = fc_face(&c, f->family, "Regular", &found, &exact) &&
         gp_fontfile_check(found.path, found.index, err, sizeof err);
    pthread_mutex_unlock(&lock);
    if (ok)
        f->path = found.path, f->index = found.index;
    else if (f->loc.file)
        gp_error(d, f->loc, NOT_A_FAMILY, f->family);
    return ok;
}

bool gp_brand_check_fallbacks(gp_arena *a, const gp_brand *b, gp_diags *d)
{
    bool ok = true;
    for (size_t i = 0; i < b->nfallback; i++) {
        gp_font_file f = b->fallback[i];
        if (!f.path && f.loc.file)
            ok &= gp_brand_resolve_fallback(a, &f, d);
    }
    return ok;
}

static bool installed_family(ctx *c, const char *family, gp_font_family *out)
{
    bool exact;
    if (!fc_face(c, family, "Regular", &out->faces[0], &exact))
        return false;
    for (int f = 1; f < GP_FACE_COUNT; f++)
        if (!fc_face(c, family, fc_styles[f], &out->faces[f], &exact) || !exact)
            out->faces[f] = out->faces[0];
    return true;
}

static bool looks_like_path(const char *s)
{
    size_t n = strlen(s);
    return strchr(s, '/') || (n > 4 && (!strcasecmp(s + n - 4, ".ttf") || !strcasecmp(s + n - 4, ".ttc") ||
                                        !strcasecmp(s + n - 4, ".otf")));
}

static bool check_file(ctx *c, const gp_node *at, gp_font_file *f)
{
    char err[512];
    if (!gp_fontfile_check(f->path, f->index, err, sizeof err))
        return gp_error(c->d, at->loc, "font %s", err);
    return true;
}

/* A font file: `path` or `{file: path, index: n}`. */
static bool read_font_file(ctx *c, const gp_node *n, gp_font_file *out)
{
    const char *rel;
    long index = 0;
    if (n->kind == GP_NODE_MAP) {
        static const char *const known[] = {"file", "index", NULL};
        bool ok = gp_schema_known_keys(n, known, "a font", c->d);
        gp_node *fn = gp_schema_require(n, "file", "a font", c->d);
        gp_node *in = gp_node_get(n, "index");
        if (!fn || !gp_schema_string(fn, "`file`", c->d, &rel))
            return false;
        if (in)
            ok &= gp_schema_int(in, "`index`", 0, 1000, c->d, &index);
        if (!ok)
            return false;
    } else if (!gp_schema_string(n, "a font", c->d, &rel)) {
        return false;
    }
    *out = (gp_font_file){.path = gp_path_join(c->a, c->dir, rel), .index = (int)index};
    return check_file(c, n, out);
}

static bool read_family_name(ctx *c, const gp_node *n, const char *name, gp_font_family *out)
{
    if (looks_like_path(name)) {
        gp_font_file f;
        if (!read_font_file(c, n, &f))
            return false;
        for (int i = 0; i < GP_FACE_COUNT; i++)
            out->faces[i] = f;
        return true;
    }
    if (!bundled_family(c, name, out) && !installed_family(c, name, out))
        return gp_error(c->d, n->loc, NOT_A_FAMILY, name);
    bool ok = true;
    for (int i = 0; i < GP_FACE_COUNT && ok; i++)
        ok = check_file(c, n, &out->faces[i]);
    return ok;
}

static bool read_role(ctx *c, const gp_node *n, const char *role, gp_font_family *out)
{
    if (n->kind == GP_NODE_SCALAR) {
        const char *s;
        return gp_schema_string(n, role, c->d, &s) && read_family_name(c, n, s, out);
    }
    if (n->kind != GP_NODE_MAP)
        return gp_error(c->d, n->loc, "font `%s` must be a family name, a file or a mapping of faces", role);
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

static bool read_fallback(ctx *c, const gp_node *n, gp_brand *b)
{
    const gp_node *const *items = &n;
    size_t count = 1;
    if (n->kind == GP_NODE_SEQ)
        items = (const gp_node *const *)n->items, count = n->count;
    b->fallback = GP_NEW_N(c->a, gp_font_file, count ? count : 1);
    b->nfallback = 0;
    bool ok = true;
    for (size_t i = 0; i < count; i++) {
        gp_font_family fam;
        if (items[i]->kind == GP_NODE_SCALAR) {
            const char *s;
            if (!gp_schema_string(items[i], "a fallback font", c->d, &s))
                ok = false;
            else if (!looks_like_path(s) && !bundled_family(c, s, &fam)) /* installed: looked up on first need */
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
    return ok;
}

static bool read_fonts(ctx *c, const gp_node *n, gp_brand *b)
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

/* ---- colours, lengths, page ---- */

static bool read_color(ctx *c, const gp_node *n, const char *what, gp_rgb *out)
{
    const char *s;
    if (!gp_schema_string(n, what, c->d, &s))
        return false;
    bool ok = strlen(s) == 7 && s[0] == '#';
    for (int i = 1; ok && i < 7; i++)
        ok = isxdigit((unsigned char)s[i]);
    if (!ok)
        return gp_error(c->d, n->loc, "%s must be a colour written `#rrggbb` (like \"#c8102e\"), not `%s`", what, s);
    unsigned long v = strtoul(s + 1, NULL, 16);
    *out = (gp_rgb){((v >> 16) & 255) / 255.0, ((v >> 8) & 255) / 255.0, (v & 255) / 255.0};
    return true;
}

static bool read_colors(ctx *c, const gp_node *n, gp_brand *b)
{
    static const char *const known[] = {"primary", "accent", "text", "panel", NULL};
    gp_rgb *slots[] = {&b->primary, &b->accent, &b->text, &b->panel};
    if (!gp_schema_is_map(n, "`colors`", c->d))
        return false;
    bool ok = gp_schema_known_keys(n, known, "`colors`", c->d);
    for (int i = 0; known[i]; i++) {
        gp_node *v = gp_node_get(n, known[i]);
        if (v)
            ok &= read_color(c, v, gp_arena_printf(c->a, "colour `%s`", known[i]), slots[i]);
    }
    return ok;
}

static bool read_length(ctx *c, const gp_node *n, const char *what, double *out)
{
    const char *s;
    if (n->kind == GP_NODE_SCALAR && !n->quoted && n->len && strspn(n->str, "0123456789.") == n->len)
        return gp_error(c->d, n->loc, "%s `%s` needs a unit: pt, in, mm or cm (like `0.75in`)", what, n->str);
    if (!gp_schema_string(n, what, c->d, &s))
        return false;
    /* the number: plain decimal digits only (strtod would also take "nan", "inf" and hex) */
    size_t digits = strspn(s, "+-.0123456789");
    char number[32] = {0}, *num_end = number;
    double v = 0;
    if (digits && digits < sizeof number) {
        memcpy(number, s, digits);
        v = strtod(number, &num_end);
    }
    const char *end = *num_end ? s : s + digits;
    while (*end == ' ')
        end++;
    static const struct {
        const char *unit;
        double pt;
    } units[] = {{"pt", 1}, {"in", 72}, {"mm", 72 / 25.4}, {"cm", 72 / 2.54}};
    if (end == s)
        return gp_error(c->d, n->loc, "%s must be a length like `0.75in` or `20mm`, not `%s`", what, s);
    if (!*end)
        return gp_error(c->d, n->loc, "%s `%s` needs a unit: pt, in, mm or cm (like `0.75in`)", what, s);
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (!strcmp(end, units[i].unit)) {
            *out = v * units[i].pt;
            return true;
        }
    return gp_error(c->d, n->loc, "%s has an unknown unit `%s`; use pt, in, mm or cm", what, end);
}

bool gp_brand_set_paper(gp_brand *b, const char *name)
{
    if (!strcasecmp(name, "letter")) {
        b->page_w_pt = 612, b->page_h_pt = 792;
        return true;
    }
    if (!strcasecmp(name, "a4")) {
        b->page_w_pt = 595.276, b->page_h_pt = 841.89;
        return true;
    }
    return false;
}

static bool read_page(ctx *c, const gp_node *n, gp_brand *b)
{
    static const char *const known[] = {"size", "margin", NULL};
    if (!gp_schema_is_map(n, "`page`", c->d))
        return false;
    bool ok = gp_schema_known_keys(n, known, "`page`", c->d);
    gp_node *v;
    const char *size;
    if ((v = gp_node_get(n, "size")) && gp_schema_string(v, "page `size`", c->d, &size) &&
        !gp_brand_set_paper(b, size))
        ok = gp_error(c->d, v->loc, "unknown page size `%s`; use `letter` or `a4`", size);
    if ((v = gp_node_get(n, "margin"))) {
        double m = 0;
        if (!read_length(c, v, "page `margin`", &m))
            ok = false;
        else if (!(m >= 18 && m <= 144)) /* NaN too */
            ok = gp_error(c->d, v->loc, "page `margin` must be between 0.25in and 2in");
        else
            b->margin_pt = m;
    }
    return ok;
}

static bool read_labels(ctx *c, const gp_node *n, gp_brand *b)
{
    if (!gp_schema_is_map(n, "`labels`", c->d))
        return false;
    bool ok = gp_schema_known_keys(n, label_keys, "`labels`", c->d);
    for (int i = 0; i < GP_LABEL_COUNT; i++) {
        gp_node *v = gp_node_get(n, label_keys[i]);
        if (v)
            ok &= gp_schema_string(v, gp_arena_printf(c->a, "label `%s`", label_keys[i]), c->d, &b->labels[i]);
    }
    return ok;
}

static bool read_back_page(ctx *c, const gp_node *n, gp_brand *b)
{
    static const char *const known[] = {"heading", "body", NULL};
    if (!gp_schema_is_map(n, "`back_page`", c->d))
        return false;
    bool ok = gp_schema_known_keys(n, known, "`back_page`", c->d);
    gp_node *v;
    if ((v = gp_node_get(n, "heading")))
        ok &= gp_schema_string(v, "`heading`", c->d, &b->back_heading);
    if ((v = gp_node_get(n, "body")))
        ok &= gp_schema_rich(c->a, v, "`body`", c->d, &b->back_body);
    return ok;
}

static bool read_footer(ctx *c, const gp_node *n, gp_brand *b)
{
    if (!gp_schema_string(n, "`footer`", c->d, &b->footer))
        return false;
    static const char *const known[] = {"name", "title", "page", "pages", NULL};
    bool ok = true;
    for (const char *p = strchr(b->footer, '{'); p; p = strchr(p + 1, '{')) {
        const char *close = strchr(p, '}');
        if (!close)
            return gp_error(c->d, n->loc, "`footer` has a `{` without a closing `}`");
        char name[32] = {0};
        size_t len = (size_t)(close - p - 1);
        memcpy(name, p + 1, len < sizeof name - 1 ? len : sizeof name - 1);
        bool found = false;
        for (int i = 0; known[i]; i++)
            found |= !strcmp(name, known[i]);
        if (!found)
            ok = gp_error(c->d, n->loc, "`footer` has an unknown placeholder `{%s}`; use {name}, {title}, {page} or {pages}",
                          name);
    }
    return ok;
}

static bool read_image(ctx *c, const gp_node *n, const gp_image **out)
{
    const char *rel;
    if (!gp_schema_string(n, "`logo`", c->d, &rel))
        return false;
    gp_image *img = GP_NEW(c->a, gp_image);
    img->path = gp_path_join(c->a, c->dir, rel);
    char err[512];
    if (!gp_image_probe(img->path, &img->info, err, sizeof err))
        return gp_error(c->d, n->loc, "logo `%s`: %s", rel, err);
    *out = img;
    return true;
}

static bool read_string_key(ctx *c, const gp_node *root, const char *key, const char **out)
{
    gp_node *v = gp_node_get(root, key);
    return !v || gp_schema_string(v, gp_arena_printf(c->a, "`%s`", key), c->d, out);
}

gp_brand *gp_brand_default(gp_arena *a, const char *font_dir, gp_diags *d)
{
    gp_brand *b = GP_NEW(a, gp_brand);
    ctx c = {a, d, ".", font_dir};
    b->primary = (gp_rgb){0.62, 0.11, 0.16};
    b->accent = (gp_rgb){0.14, 0.19, 0.25};
    b->text = (gp_rgb){0.11, 0.11, 0.11};
    b->panel = (gp_rgb){0.953, 0.937, 0.902};
    gp_brand_set_paper(b, "letter");
    b->margin_pt = 54;
    b->language = "en-US";
    b->footer = "{title} · {page}/{pages}";
    for (int i = 0; i < GP_LABEL_COUNT; i++)
        b->labels[i] = default_labels[i];
    static const char *const families[GP_ROLE_COUNT] = {"Lato", "Noto Serif", "Noto Serif"};
    for (int r = 0; r < GP_ROLE_COUNT; r++)
        if (!bundled_family(&c, families[r], &b->fonts[r])) {
            gp_error(d, (gp_loc){0}, "the bundled fonts are missing from %s (set GUIDEPRESS_FONTS)", font_dir);
            return NULL;
        }
    /* CJK and anything else the bundled faces lack: installed TrueType
     * fonts, looked up only when a guide needs them (fontconfig is slow to
     * start); HanaMinB for CJK Extension B, Symbola for emoji and
     * mathematical letters. */
    static gp_font_file fallbacks[] = {{.family = "WenQuanYi Zen Hei"},
                                       {.family = "DejaVu Sans"},
                                       {.family = "HanaMinB"},
                                       {.family = "Symbola"}};
    b->fallback = fallbacks;
    b->nfallback = sizeof fallbacks / sizeof fallbacks[0];
    return b;
}

gp_brand *gp_brand_load(gp_arena *a, const char *path, const char *font_dir, gp_diags *d)
{
    gp_node *root = gp_yaml_load(a, path, d);
    return root ? gp_brand_from_tree(a, path, root, font_dir, d) : NULL;
}

gp_brand *gp_brand_from_tree(gp_arena *a, const char *path, gp_node *root, const char *font_dir, gp_diags *d)
{
    size_t errors_before = d->errors;
    gp_brand *b = gp_brand_default(a, font_dir, d);
    if (!b)
        return NULL;
    b->path = root->loc.file;
    ctx c = {a, d, gp_dirname(a, path), font_dir};
    if (!gp_schema_is_map(root, "a brand file", d))
        return NULL;
    static const char *const known[] = {"name",     "tagline", "url",       "logo",   "colors",
                                        "fonts",    "page",    "language",  "labels", "back_page",
                                        "footer",   "smart_punctuation", NULL};
    gp_schema_known_keys(root, known, "the brand file", d);
    read_string_key(&c, root, "name", &b->name);
    read_string_key(&c, root, "tagline", &b->tagline);
    gp_node *v;
    if ((v = gp_node_get(root, "url")))
        gp_schema_url(v, "`url`", d, &b->url);
    if (read_string_key(&c, root, "language", &b->language) && (v = gp_node_get(root, "language")))
        b->language_loc = v->loc;
    if ((v = gp_node_get(root, "smart_punctuation")) && !gp_schema_is_bool(v, &b->smart_punctuation))
        gp_error(d, v->loc, "`smart_punctuation` must be true or false");
    if ((v = gp_node_get(root, "logo")))
        read_image(&c, v, &b->logo);
    if ((v = gp_node_get(root, "colors")))
        read_colors(&c, v, b);
    if ((v = gp_node_get(root, "fonts")))
        read_fonts(&c, v, b);
    if ((v = gp_node_get(root, "page")))
        read_page(&c, v, b);
    if ((v = gp_node_get(root, "labels")))
        read_labels(&c, v, b);
    if ((v = gp_node_get(root, "back_page")))
        read_back_page(&c, v, b);
    if ((v = gp_node_get(root, "footer")))
        read_footer(&c, v, b);
    return d->errors > errors_before ? NULL : b;
}
