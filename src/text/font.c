/* Font set: HarfBuzz faces, fallback, shaping.
 *
 * HarfBuzz does all measuring and chooses every glyph: the display list
 * carries the glyphs it gave (text/para.c), and the PDF draws them by
 * glyph ID. */
#include "font.h"

#include "base/arena.h"
#include "base/bigendian.h"
#include "style/script_fonts.h"
#include "text/script.h"

#include <pthread.h>
#include <stdio.h>
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
        kept[nkept++] = (kept_face){gp_xstrdup(path), index, st.st_size, st.st_mtim, hb_face_reference(face)};
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

/* Whether a face is sans serif: its OS/2 family class says so (8), or its
 * PANOSE serif style does (11-15: the sans styles). */
static bool is_sans(hb_face_t *face)
{
    hb_blob_t *os2 = hb_face_reference_table(face, HB_TAG('O', 'S', '/', '2'));
    unsigned len;
    const uint8_t *t = (const uint8_t *)hb_blob_get_data(os2, &len);
    bool sans = len > 33 && (t[30] == 8 || (t[32] == 2 && t[33] >= 11 && t[33] <= 15));
    hb_blob_destroy(os2);
    return sans;
}

/* The height of cp's glyph above the baseline, em; 0 if the face lacks it. */
static double ink_height(const gp_face *f, uint32_t cp)
{
    hb_codepoint_t g;
    hb_glyph_extents_t e;
    if (!hb_font_get_nominal_glyph(f->hb_font, cp, &g) || !hb_font_get_glyph_extents(f->hb_font, g, &e))
        return 0;
    return e.y_bearing / f->upem;
}

double gp_face_size_adjust(const gp_face *want, const gp_face *f, hb_script_t script)
{
    if (f == want || script != HB_SCRIPT_ARABIC || want->x_height <= 0 || f->arabic_x <= 0 || gp_face_has(want, 0x0647))
        return 1;
    double k = want->x_height / f->arabic_x;
    return k < 0.8 ? 0.8 : k > 1.25 ? 1.25 : k;
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
    face->color = hb_ot_color_has_png(face->hb_face);
    face->sans = is_sans(face->hb_face);
    face->x_height = ink_height(face, 'x');
    face->arabic_x = ink_height(face, 0x0647);
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
        gp_shaper_free(&f->shaper);
        for (size_t k = 0; k < f->nimages; k++) {
            hb_blob_destroy(f->images[k]->png);
            free(f->images[k]);
        }
        free(f->images);
        free(f->coverage);
        hb_font_destroy(f->hb_font);
        hb_face_destroy(f->hb_face);
        free(f);
    }
    free(fs->faces);
    free(fs->fallback);
    free(fs->fallback_tried);
    free(fs->by_script);
    free(fs->by_table);
    gp_arena_free(&fs->paths);
    fs->faces = NULL;
    fs->fallback = NULL;
    fs->fallback_tried = NULL;
    fs->by_script = NULL;
    fs->by_table = NULL;
    fs->count = fs->cap = fs->nfallback = fs->nby_script = fs->nby_table = 0;
}

void gp_fontset_set_emoji(gp_fontset *fs, const gp_font_file *f)
{
    fs->emoji_file = *f;
    fs->emoji = NULL;
    fs->emoji_tried = false;
}

gp_face *gp_fontset_emoji(gp_fontset *fs)
{
    if (!fs->emoji_tried) {
        fs->emoji_tried = true;
        gp_font_file f = fs->emoji_file;
        if (f.path || (f.family && gp_brand_resolve_fallback(&fs->paths, &f, fs->diags)))
            fs->emoji = gp_fontset_open(fs, &f, fs->diags);
    }
    return fs->emoji;
}

/* A width or height from a PNG's IHDR (at byte `at`), for preflight's ppi;
 * 0 where there is none or it is past PNG's 2^31 - 1 (a damaged font's:
 * libpng then refuses the image when it is embedded). */
static int png_dimension(const unsigned char *png, size_t len, size_t at)
{
    uint32_t v = len >= 24 ? gp_be32(png + at) : 0;
    return v > INT32_MAX ? 0 : (int)v;
}

const gp_glyph_image *gp_face_glyph_image(gp_face *f, uint32_t gid)
{
    for (size_t i = 0; i < f->nimages; i++)
        if (f->images[i]->gid == gid)
            return f->images[i];
    hb_blob_t *png = hb_ot_color_glyph_reference_png(f->hb_font, gid);
    unsigned len;
    const char *data = hb_blob_get_data(png, &len);
    hb_glyph_extents_t ext;
    if (!len || !hb_font_get_glyph_extents(f->hb_font, gid, &ext)) {
        hb_blob_destroy(png);
        return NULL;
    }
    const char *slash = strrchr(f->file.path, '/'), *file = slash ? slash + 1 : f->file.path;
    size_t name_len = strlen(file) + 16; /* the image's name, after it: "NotoColorEmoji.ttf#1234" */
    gp_glyph_image *g = gp_xcalloc(1, sizeof *g + name_len);
    char *name = (char *)(g + 1);
    snprintf(name, name_len, "%s#%u", file, gid);
    g->gid = gid;
    g->png = png;
    const unsigned char *px = (const unsigned char *)data;
    int w = png_dimension(px, len, 16), h = png_dimension(px, len, 20);
    g->image = (gp_image){.path = name,
                          .info = {.kind = GP_IMAGE_PNG, .width = w, .height = h, .colors = 3, .has_alpha = true,
                                   .orientation = 1},
                          .png = px, .png_len = len};
    g->x = ext.x_bearing / f->upem, g->y = -ext.y_bearing / f->upem;
    g->w = ext.width / f->upem, g->h = -ext.height / f->upem;
    GP_GROW(f->images, f->nimages, f->capimages, 16);
    f->images[f->nimages++] = g;
    return g;
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

/* The script the table is asked for cp's font: its own, or for the CJK
 * and Arabic punctuation (script Common), the script it is used with. */
static hb_script_t table_script(uint32_t cp)
{
    const char *ext = gp_script_extensions(cp);
    if ((ext && strstr(ext, "Hani")) || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF))
        return HB_SCRIPT_HAN;
    if (ext && strstr(ext, "Arab"))
        return HB_SCRIPT_ARABIC;
    return hb_unicode_script(hb_unicode_funcs_get_default(), cp);
}

static bool is_cjk_script(hb_script_t s)
{
    return s == HB_SCRIPT_HAN || s == HB_SCRIPT_HIRAGANA || s == HB_SCRIPT_KATAKANA || s == HB_SCRIPT_HANGUL ||
           s == HB_SCRIPT_BOPOMOFO;
}

/* A face for cp from the script table, like `want` (bold, sans): one
 * opened before, or the table's. CJK takes the design of the language it
 * is read in. */
static gp_face *by_table(gp_fontset *fs, const gp_face *want, uint32_t cp)
{
    hb_script_t script = table_script(cp);
    const char *han = is_cjk_script(script) && fs->han_language ? fs->han_language : fs->language;
    for (size_t i = 0; i < fs->nby_table; i++)
        if (fs->by_table[i].bold == want->bold && fs->by_table[i].sans == want->sans &&
            fs->by_table[i].han_language == han && gp_face_has(fs->by_table[i].face, cp))
            return fs->by_table[i].face;
    gp_font_file file;
    if (fs->warned[cp >> 3] >> (cp & 7) & 1 || !gp_script_font(&fs->paths, script, han, want->bold, want->sans, &file))
        return NULL;
    gp_face *f = gp_fontset_open(fs, &file, fs->diags);
    if (!f || !gp_face_has(f, cp))
        return NULL;
    fs->by_table = gp_xrealloc(fs->by_table, (fs->nby_table + 1) * sizeof *fs->by_table);
    fs->by_table[fs->nby_table++] = (struct gp_table_face){f, want->bold, want->sans, han};
    return f;
}

/* Whether a fallback is one of the built-in brand's (a family named nowhere). */
static bool is_builtin(const gp_font_file *f)
{
    return !f->path && !f->loc.file;
}

/* The first of the brand's fallbacks that has cp: those it names
 * (`named`), or the built-in ones. */
static gp_face *from_fallbacks(gp_fontset *fs, uint32_t cp, bool named)
{
    for (size_t i = 0; i < fs->nfallback; i++) {
        if (is_builtin(&fs->fallback_files[i]) == named)
            continue;
        gp_face *f = fallback(fs, i);
        if (f && gp_face_has(f, cp))
            return f;
    }
    return NULL;
}

gp_face *gp_fontset_pick(gp_fontset *fs, gp_face *want, uint32_t cp, const gp_para *para, gp_loc loc,
                         gp_diags *d)
{
    if (gp_face_has(want, cp))
        return want;
    gp_face *found = from_fallbacks(fs, cp, true);
    if (!found && cp < 0x110000)
        found = by_table(fs, want, cp);
    if (!found)
        found = from_fallbacks(fs, cp, false);
    if (!found && cp < 0x110000)
        found = by_script(fs, want, cp);
    if (found)
        return found;
    if (gp_fontset_should_warn(fs, cp, loc, d))
        gp_warn(d, para ? gp_para_char_loc(para, cp, loc) : loc,
                "no font has a glyph for U+%04X; install a font that has it and add it to the brand's "
                "`fonts: fallback`",
                cp);
    return want;
}

/* hb_shape finds its plan in a cache at every call, a fifth of the cost of
 * shaping a word; a shaper keeps its own, one per face, script and feature
 * list it has seen. The features are HarfBuzz's defaults (ligatures and
 * contextual alternates: liga, clig, calt; kerning; mark positioning: mark,
 * mkmk; the script's required ones) and the brand's `features:` over them. */
static hb_shape_plan_t *shape_plan(gp_shaper *sh, const gp_face *f, const hb_segment_properties_t *props,
                                   gp_features features)
{
    enum { NPLANS = sizeof sh->plans / sizeof sh->plans[0], MAX_FEATURES = 32 };
    uint64_t key = gp_features_key(features);
    for (size_t i = 0; i < sh->nplans; i++)
        if (sh->plans[i].face == f->hb_face && sh->plans[i].script == props->script &&
            sh->plans[i].direction == props->direction && sh->plans[i].features == key)
            return sh->plans[i].plan;
    hb_feature_t hb[MAX_FEATURES];
    size_t n = features.count < MAX_FEATURES ? features.count : MAX_FEATURES;
    for (size_t i = 0; i < n; i++)
        hb[i] = (hb_feature_t){features.items[i].tag, features.items[i].value, HB_FEATURE_GLOBAL_START,
                               HB_FEATURE_GLOBAL_END};
    hb_shape_plan_t *plan = hb_shape_plan_create_cached(f->hb_face, props, hb, (unsigned)n, NULL);
    if (sh->nplans == NPLANS) /* rare: the last one makes room */
        hb_shape_plan_destroy(sh->plans[--sh->nplans].plan);
    sh->plans[sh->nplans].face = f->hb_face;
    sh->plans[sh->nplans].script = props->script;
    sh->plans[sh->nplans].direction = props->direction;
    sh->plans[sh->nplans].features = key;
    sh->plans[sh->nplans++].plan = plan;
    return plan;
}

void gp_shaper_free(gp_shaper *sh)
{
    for (size_t k = 0; k < sh->nplans; k++)
        hb_shape_plan_destroy(sh->plans[k].plan);
    hb_buffer_destroy(sh->buf);
    free(sh->glyphs);
}

size_t gp_face_shape_glyphs(gp_face *f, const uint32_t *cps, size_t n, double size_pt, bool rtl, gp_features features,
                            const gp_glyph **glyphs)
{
    return gp_face_shape_script(f, cps, n, size_pt, rtl, HB_SCRIPT_INVALID, features, glyphs);
}

/* An enclosing mark (a keycap's frame, a circle: General Category Me)
 * is drawn around its base, but a font without positioning for it
 * (Symbola's keycap) leaves the cluster as wide as the base alone, and
 * the frame overlaps the text beside it: such a cluster is made as wide
 * as its glyphs' ink, moved right past any ink left of its start. */
static bool is_enclosing_mark(uint32_t cp)
{
    return cp >= 0x488 && cp <= 0xA672 &&
           hb_unicode_general_category(hb_unicode_funcs_get_default(), cp) == HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK;
}

static bool encloses(const uint32_t *cps, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (is_enclosing_mark(cps[i]))
            return true;
    return false;
}

/* Glyphs [s, e) of one cluster, positions in font units. */
static void fit_cluster_to_ink(hb_font_t *font, const hb_glyph_info_t *info, hb_glyph_position_t *pos, unsigned s,
                               unsigned e)
{
    hb_position_t left = 0, right = 0, adv = 0;
    for (unsigned i = s; i < e; adv += pos[i++].x_advance) {
        hb_glyph_extents_t ink;
        if (hb_font_get_glyph_extents(font, info[i].codepoint, &ink) && ink.width > 0) {
            hb_position_t l = adv + pos[i].x_offset + ink.x_bearing;
            left = l < left ? l : left;
            right = l + ink.width > right ? l + ink.width : right;
        }
    }
    for (unsigned i = s; i < e; i++)
        pos[i].x_offset -= left;
    pos[e - 1].x_advance += -left + (right > adv ? right - adv : 0);
}

static void fit_enclosures_to_ink(hb_font_t *font, const uint32_t *cps, size_t n, bool rtl, hb_buffer_t *buf)
{
    if (!encloses(cps, 0, n))
        return;
    unsigned count;
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &count);
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &count);
    for (unsigned s = 0, e; s < count; s = e) {
        for (e = s + 1; e < count && info[e].cluster == info[s].cluster;)
            e++;
        /* the cluster's characters run up to the next cluster's, which in
         * right-to-left text is the glyph before */
        unsigned next = rtl ? (s ? info[s - 1].cluster : (unsigned)n) : (e < count ? info[e].cluster : (unsigned)n);
        if (encloses(cps, info[s].cluster, next))
            fit_cluster_to_ink(font, info, pos, s, e);
    }
}

size_t gp_face_shape_script(gp_face *f, const uint32_t *cps, size_t n, double size_pt, bool rtl, hb_script_t script,
                            gp_features features, const gp_glyph **glyphs)
{
    return gp_shaper_shape(&f->shaper, f, cps, n, size_pt, rtl, script, features, glyphs);
}

size_t gp_shaper_shape(gp_shaper *sh, const gp_face *f, const uint32_t *cps, size_t n, double size_pt, bool rtl,
                       hb_script_t script, gp_features features, const gp_glyph **glyphs)
{
    if (!sh->buf)
        sh->buf = hb_buffer_create();
    hb_buffer_t *buf = sh->buf;
    hb_buffer_clear_contents(buf);
    hb_buffer_add_codepoints(buf, cps, (int)n, 0, (int)n);
    if (script != HB_SCRIPT_INVALID && script != HB_SCRIPT_COMMON)
        hb_buffer_set_script(buf, script);
    hb_buffer_guess_segment_properties(buf);
    hb_buffer_set_direction(buf, rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR); /* RTL mirrors brackets */
    hb_segment_properties_t props;
    hb_buffer_get_segment_properties(buf, &props);
    hb_shape_plan_execute(shape_plan(sh, f, &props, features), f->hb_font, buf, NULL, 0);
    fit_enclosures_to_ink(f->hb_font, cps, n, rtl, buf);
    unsigned count;
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &count);
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &count);
    GP_RESERVE(sh->glyphs, 0, count, sh->capglyphs);
    float scale = (float)(size_pt / f->upem);
    size_t k = 0;
    for (unsigned i = 0; i < count; i++)
        if (info[i].codepoint != f->space || pos[i].x_advance != 0) /* not a hidden character */
            sh->glyphs[k++] = (gp_glyph){(float)pos[i].x_advance * scale, info[i].cluster, (uint16_t)info[i].codepoint,
                                         (int16_t)pos[i].x_offset, (int16_t)pos[i].y_offset};
    *glyphs = sh->glyphs;
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
