/* Font set: HarfBuzz faces, fallback, shaping.
 *
 * HarfBuzz does all measuring and chooses every glyph: the display list
 * carries the glyphs it gave (text/para.c), and the PDF draws them by
 * glyph ID. */
#include "font.h"

#include "base/arena.h"

#include <stdlib.h>
#include <string.h>

gp_face *gp_fontset_open(gp_fontset *fs, const gp_font_file *f, gp_diags *d)
{
    for (size_t i = 0; i < fs->count; i++)
        if (fs->faces[i]->file.index == f->index && fs->faces[i]->file.weight == f->weight &&
            !strcmp(fs->faces[i]->file.path, f->path))
            return fs->faces[i];
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(f->path);
    if (!blob) {
        gp_error(d, (gp_loc){f->path, 0, 0}, "cannot read font `%s`", f->path);
        return NULL;
    }
    gp_face *face = calloc(1, sizeof *face);
    if (!face)
        gp_oom();
    face->file = *f;
    face->blob = blob;
    face->hb_face = hb_face_create(blob, (unsigned)f->index);
    face->hb_font = hb_font_create(face->hb_face);
    if (f->weight > 0) { /* a variable font at the brand's weight: shaped, measured and embedded there */
        hb_variation_t wght = {HB_OT_TAG_VAR_AXIS_WEIGHT, (float)f->weight};
        hb_font_set_variations(face->hb_font, &wght, 1);
    }
    face->coverage = calloc(0x10000 / 4, 1);
    if (!face->coverage)
        gp_oom();
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
    if (fs->count == fs->cap) {
        fs->cap = fs->cap ? fs->cap * 2 : 8;
        fs->faces = gp_xrealloc(fs->faces, fs->cap * sizeof *fs->faces);
    }
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
        hb_blob_destroy(f->blob);
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
    fs->fallback = calloc(n ? n : 1, sizeof *fs->fallback);
    fs->fallback_tried = calloc(n ? n : 1, sizeof *fs->fallback_tried);
    if (!fs->fallback || !fs->fallback_tried)
        gp_oom();
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
 * shaping a word; the face keeps its own, one per script it has seen. The
 * features are HarfBuzz's defaults: ligatures and contextual alternates
 * (liga, clig, calt), kerning, mark positioning (mark, mkmk) and the
 * script's required ones. */
static hb_shape_plan_t *shape_plan(gp_face *f, const hb_segment_properties_t *props)
{
    enum { NPLANS = sizeof f->plans / sizeof f->plans[0] };
    for (size_t i = 0; i < f->nplans; i++)
        if (f->plans[i].script == props->script)
            return f->plans[i].plan;
    hb_shape_plan_t *plan = hb_shape_plan_create_cached(f->hb_face, props, NULL, 0, NULL);
    if (f->nplans == NPLANS) /* rare: a fifth script; the last one makes room */
        hb_shape_plan_destroy(f->plans[--f->nplans].plan);
    f->plans[f->nplans].script = props->script;
    f->plans[f->nplans++].plan = plan;
    return plan;
}

size_t gp_face_shape_glyphs(gp_face *f, const uint32_t *cps, size_t n, double size_pt, const gp_glyph **glyphs)
{
    if (!f->shaping)
        f->shaping = hb_buffer_create();
    hb_buffer_t *buf = f->shaping;
    hb_buffer_clear_contents(buf);
    hb_buffer_add_codepoints(buf, cps, (int)n, 0, (int)n);
    hb_buffer_guess_segment_properties(buf);
    hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
    hb_segment_properties_t props;
    hb_buffer_get_segment_properties(buf, &props);
    hb_shape_plan_execute(shape_plan(f, &props), f->hb_font, buf, NULL, 0);
    unsigned count;
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &count);
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &count);
    if (count > f->capglyphs) {
        f->capglyphs = count * 2;
        f->glyphs = gp_xrealloc(f->glyphs, f->capglyphs * sizeof *f->glyphs);
    }
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
    size_t count = gp_face_shape_glyphs(f, cps, n, size_pt, &g);
    for (size_t i = 0; i < n; i++)
        adv[i] = 0;
    for (size_t i = 0; i < count; i++)
        if (g[i].cluster < n)
            adv[g[i].cluster] += g[i].adv;
}
