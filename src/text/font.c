/* Font set: HarfBuzz faces, fallback, shaping.
 *
 * HarfBuzz does all measuring and chooses every glyph: the display list
 * carries the glyphs it gave (text/para.c), and the PDF draws them by
 * glyph ID. */
#include "font.h"

#include "base/arena.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* HarfBuzz faces kept for the process: each guide of a batch opens the
 * same font files, and a face keeps what HarfBuzz built from it (tables
 * checked, layout accelerators, shape plans: 4 M instructions a guide).
 * A face is immutable and safe to share between threads; a file changed
 * on disk (--watch) is a new face. */
typedef struct kept_face {
    char *path;
    int index;
    off_t size;
    struct timespec mtime;
    hb_face_t *face;
} kept_face;

static pthread_mutex_t kept_lock = PTHREAD_MUTEX_INITIALIZER;
static kept_face *kept;
static size_t nkept, capkept;
static atomic_uint generation;

unsigned gp_fonts_generation(void)
{
    return atomic_load(&generation);
}

/* A new reference to the face of path (face `index`), NULL if it cannot be read. */
static hb_face_t *kept_face_of(const char *path, int index)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return NULL;
    hb_face_t *face = NULL;
    pthread_mutex_lock(&kept_lock);
    for (size_t i = 0; i < nkept && !face; i++)
        if (kept[i].index == index && kept[i].size == st.st_size && kept[i].mtime.tv_sec == st.st_mtim.tv_sec &&
            kept[i].mtime.tv_nsec == st.st_mtim.tv_nsec && !strcmp(kept[i].path, path))
            face = hb_face_reference(kept[i].face);
    hb_blob_t *blob = face ? NULL : hb_blob_create_from_file_or_fail(path);
    if (blob) {
        face = hb_face_create(blob, (unsigned)index);
        hb_blob_destroy(blob); /* the face holds it */
        GP_GROW(kept, nkept, capkept, 16);
        char *copy = strdup(path);
        if (!copy)
            gp_oom();
        kept[nkept++] = (kept_face){copy, index, st.st_size, st.st_mtim, hb_face_reference(face)};
    }
    pthread_mutex_unlock(&kept_lock);
    return face;
}

void gp_fonts_cleanup(void)
{
    for (size_t i = 0; i < nkept; i++) {
        hb_face_destroy(kept[i].face);
        free(kept[i].path);
    }
    free(kept);
    kept = NULL;
    nkept = capkept = 0;
    atomic_fetch_add(&generation, 1);
}

gp_face *gp_fontset_open(gp_fontset *fs, const gp_font_file *f, gp_diags *d)
{
    for (size_t i = 0; i < fs->count; i++)
        if (fs->faces[i]->file.index == f->index && fs->faces[i]->file.weight == f->weight &&
            !strcmp(fs->faces[i]->file.path, f->path))
            return fs->faces[i];
    hb_face_t *hb_face = kept_face_of(f->path, f->index);
    if (!hb_face) {
        gp_error(d, (gp_loc){f->path, 0, 0}, "cannot read font `%s`", f->path);
        return NULL;
    }
    gp_face *face = gp_xcalloc(1, sizeof *face);
    face->file = *f;
    face->hb_face = hb_face;
    face->hb_font = hb_font_create(face->hb_face);
    if (f->weight > 0) { /* a variable font at the brand's weight: shaped, measured and embedded there */
        hb_variation_t wght = {HB_OT_TAG_VAR_AXIS_WEIGHT, (float)f->weight};
        hb_font_set_variations(face->hb_font, &wght, 1);
    }
    face->coverage = gp_xcalloc(0x10000 / 4, 1);
    face->upem = hb_face_get_upem(face->hb_face);
    face->bold = hb_style_get_value(face->hb_font, HB_STYLE_TAG_WEIGHT) >= 600;
    hb_font_get_nominal_glyph(face->hb_font, ' ', &face->space);
    hb_font_set_scale(face->hb_font, (int)face->upem, (int)face->upem);
    hb_font_extents_t ext;
    hb_font_get_h_extents(face->hb_font, &ext);
    face->ascender = ext.ascender / face->upem;
    face->descender = ext.descender / face->upem;
    hb_position_t cap;
    face->cap_height = hb_ot_metrics_get_position(face->hb_font, HB_OT_METRICS_TAG_CAP_HEIGHT, &cap)
                           ? cap / face->upem
                           : face->ascender * 0.7;
    GP_GROW(fs->faces, fs->count, fs->cap, 8);
    face->id = (int)fs->count;
    fs->faces[fs->count++] = face;
    return face;
}

void gp_fontset_close(gp_fontset *fs)
{
    for (size_t i = 0; i < fs->count; i++) {
        gp_face *f = fs->faces[i];
        for (size_t k = 0; k < f->nplans; k++)
            hb_shape_plan_destroy(f->plans[k].plan);
        hb_buffer_destroy(f->shaping);
        free(f->glyphs);
        free(f->coverage);
        hb_font_destroy(f->hb_font);
        hb_face_destroy(f->hb_face);
        free(f);
    }
    free(fs->faces);
    free(fs->fallback);
    free(fs->fallback_tried);
    free(fs->by_script);
    gp_arena_free(&fs->paths);
    fs->faces = NULL;
    fs->fallback = NULL;
    fs->fallback_tried = NULL;
    fs->by_script = NULL;
    fs->count = fs->cap = fs->nfallback = fs->nby_script = 0;
}

bool gp_face_has(const gp_face *f, uint32_t cp)
{
    hb_codepoint_t g;
    if (cp > 0xFFFF)
        return hb_font_get_nominal_glyph(f->hb_font, cp, &g);
    uint8_t *c = &f->coverage[cp >> 2], shift = (uint8_t)(2 * (cp & 3));
    if (!(*c >> shift & 1))
        *c |= (uint8_t)((1 | (hb_font_get_nominal_glyph(f->hb_font, cp, &g) ? 2 : 0)) << shift);
    return *c >> shift & 2;
}

void gp_fontset_set_fallback(gp_fontset *fs, const gp_font_file *files, size_t n, gp_diags *d)
{
    fs->fallback_files = files;
    fs->nfallback = n;
    fs->fallback = gp_xcalloc(n, sizeof *fs->fallback);
    fs->fallback_tried = gp_xcalloc(n, sizeof *fs->fallback_tried);
    fs->diags = d;
}

static gp_face *fallback(gp_fontset *fs, size_t i)
{
    if (!fs->fallback_tried[i]) {
        fs->fallback_tried[i] = true;
        gp_font_file f = fs->fallback_files[i];
        if (f.path)
            fs->fallback[i] = gp_fontset_open(fs, &f, fs->diags);
        else if (gp_brand_resolve_fallback(&fs->paths, &f, fs->diags))
            fs->fallback[i] = gp_fontset_open(fs, &f, fs->diags);
    }
    return fs->fallback[i];
}

bool gp_fontset_should_warn(gp_fontset *fs, uint32_t cp, gp_loc loc, gp_diags *d)
{
    if (cp >= 0x110000 || fs->warned[cp >> 3] >> (cp & 7) & 1)
        return false;
    fs->warned[cp >> 3] |= (uint8_t)(1u << (cp & 7));
    if (++fs->nwarned == GP_MAX_CHAR_WARNINGS + 1)
        gp_warn(d, loc, "more characters cannot be printed as written; only the first %d are reported",
                GP_MAX_CHAR_WARNINGS);
    return fs->nwarned <= GP_MAX_CHAR_WARNINGS;
}

/* A face for cp, as bold as `want`, from the fonts found by script so far,
 * else from a new fontconfig search (not repeated for a code point already
 * reported). */
static gp_face *by_script(gp_fontset *fs, const gp_face *want, uint32_t cp)
{
    for (size_t i = 0; i < fs->nby_script; i++)
        if (fs->by_script[i]->bold == want->bold && gp_face_has(fs->by_script[i], cp))
            return fs->by_script[i];
    gp_font_file file;
    if (fs->warned[cp >> 3] >> (cp & 7) & 1 || !gp_brand_font_for_char(&fs->paths, cp, want->bold, &file))
        return NULL;
    gp_face *f = gp_fontset_open(fs, &file, fs->diags);
    if (!f || !gp_face_has(f, cp))
        return NULL;
    fs->by_script = gp_xrealloc(fs->by_script, (fs->nby_script + 1) * sizeof *fs->by_script);
    fs->by_script[fs->nby_script++] = f;
    return f;
}

gp_face *gp_fontset_pick(gp_fontset *fs, gp_face *want, uint32_t cp, gp_loc loc, gp_diags *d)
{
    if (gp_face_has(want, cp))
        return want;
    for (size_t i = 0; i < fs->nfallback; i++) {
        gp_face *f = fallback(fs, i);
        if (f && gp_face_has(f, cp))
            return f;
    }
    gp_face *found = cp < 0x110000 ? by_script(fs, want, cp) : NULL;
    if (found)
        return found;
    if (gp_fontset_should_warn(fs, cp, loc, d))
        gp_warn(d, loc, "no font has a glyph for U+%04X; install a font that has it and add it to the brand's "
                        "`fonts: fallback`",
                cp);
    return want;
}

/* hb_shape finds its plan in a cache at every call, a fifth of the cost of
 * shaping a word; the face keeps its own, one per script and feature list
 * it has seen. The features are HarfBuzz's defaults (ligatures and
 * contextual alternates: liga, clig, calt; kerning; mark positioning: mark,
 * mkmk; the script's required ones) and the brand's `features:` over them. */
static hb_shape_plan_t *shape_plan(gp_face *f, const hb_segment_properties_t *props, gp_features features)
{
    enum { NPLANS = sizeof f->plans / sizeof f->plans[0], MAX_FEATURES = 32 };
    uint64_t key = gp_features_key(features);
    for (size_t i = 0; i < f->nplans; i++)
        if (f->plans[i].script == props->script && f->plans[i].direction == props->direction &&
            f->plans[i].features == key)
            return f->plans[i].plan;
    hb_feature_t hb[MAX_FEATURES];
    size_t n = features.count < MAX_FEATURES ? features.count : MAX_FEATURES;
    for (size_t i = 0; i < n; i++)
        hb[i] = (hb_feature_t){features.items[i].tag, features.items[i].value, HB_FEATURE_GLOBAL_START,
                               HB_FEATURE_GLOBAL_END};
    hb_shape_plan_t *plan = hb_shape_plan_create_cached(f->hb_face, props, hb, (unsigned)n, NULL);
    if (f->nplans == NPLANS) /* rare: the last one makes room */
        hb_shape_plan_destroy(f->plans[--f->nplans].plan);
    f->plans[f->nplans].script = props->script;
    f->plans[f->nplans].direction = props->direction;
    f->plans[f->nplans].features = key;
    f->plans[f->nplans++].plan = plan;
    return plan;
}

size_t gp_face_shape_glyphs(gp_face *f, const uint32_t *cps, size_t n, double size_pt, bool rtl, gp_features features,
                            const gp_glyph **glyphs)
{
    if (!f->shaping)
        f->shaping = hb_buffer_create();
    hb_buffer_t *buf = f->shaping;
    hb_buffer_clear_contents(buf);
    hb_buffer_add_codepoints(buf, cps, (int)n, 0, (int)n);
    hb_buffer_guess_segment_properties(buf);
    hb_buffer_set_direction(buf, rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR); /* RTL mirrors brackets */
    hb_segment_properties_t props;
    hb_buffer_get_segment_properties(buf, &props);
    hb_shape_plan_execute(shape_plan(f, &props, features), f->hb_font, buf, NULL, 0);
    unsigned count;
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &count);
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &count);
    GP_RESERVE(f->glyphs, 0, count, f->capglyphs);
    float scale = (float)(size_pt / f->upem);
    size_t k = 0;
    for (unsigned i = 0; i < count; i++)
        if (info[i].codepoint != f->space || pos[i].x_advance != 0) /* not a hidden character */
            f->glyphs[k++] = (gp_glyph){(float)pos[i].x_advance * scale, info[i].cluster, (uint16_t)info[i].codepoint,
                                        (int16_t)pos[i].x_offset, (int16_t)pos[i].y_offset};
    *glyphs = f->glyphs;
    return k;
}

void gp_face_shape(gp_face *f, const uint32_t *cps, size_t n, double size_pt, double *adv)
{
    const gp_glyph *g;
    size_t count = gp_face_shape_glyphs(f, cps, n, size_pt, false, (gp_features){0}, &g);
    for (size_t i = 0; i < n; i++)
        adv[i] = 0;
    for (size_t i = 0; i < count; i++)
        if (g[i].cluster < n)
            adv[g[i].cluster] += g[i].adv;
}
