/* Font embedding (libharu's own font loader is not used: it maps CID =
 * Unicode, embeds every table, a 128 KB CIDToGIDMap and a /W entry per BMP
 * character; README, "Speed and size").
 *
 * HarfBuzz subsets each face to the glyphs it prints (its subset plan
 * gives each glyph's new ID), and the subset is embedded as it is: a
 * TrueType one as FontFile2 with a CIDToGIDMap, a CFF one's CFF table as
 * FontFile3 (cff.h); /W and ToUnicode cover the printed codes only
 * (cids.h). /W carries each glyph's exact width: libharu would write
 * whole numbers, a drift of up to half a unit per glyph. */
#include "font_embed.h"

#include "base/arena.h"
#include "base/bigendian.h"
#include "pdf/libharu_private.h"
#include "pdf/subset_face.h"

#include <hb-ot.h>
#include <hb-subset.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The end of the run of codes from order[k] that one bfrange maps:
 * consecutive codes to consecutive characters, one BMP character each,
 * within one block of 256 codes and of 256 characters (a range counts up
 * the last byte of both). */
static size_t range_end(const gp_cid_font *cids, const uint16_t *order, size_t k, size_t n)
{
    size_t j = k + 1;
    for (; j < n; j++) {
        const gp_cid *a = &cids->cids[order[j - 1]], *b = &cids->cids[order[j]];
        if (b->code != a->code + 1 || !(b->code & 0xFF) || a->len != 1 || b->len != 1 || b->text[0] > 0xFFFF ||
            b->text[0] != a->text[0] + 1 || !(b->text[0] & 0xFF))
            break;
    }
    return j;
}

/* One block's header, "n beginbfrange" or "n beginbfchar", for the
 * ranges (or the single codes) from order[k] on: at most 100. */
static HPDF_STATUS begin_block(HPDF_Dict cmap, const gp_cid_font *cids, const uint16_t *order, size_t k, size_t n,
                               bool ranges)
{
    enum { BLOCK = 100 };
    size_t count = 0;
    for (size_t j; k < n && count < BLOCK; k = j) {
        j = range_end(cids, order, k, n);
        count += (j - k > 1) == ranges;
    }
    char line[32];
    snprintf(line, sizeof line, ranges ? "%zu beginbfrange\n" : "%zu beginbfchar\n", count);
    return gp_hpdf_stream_write_str(cmap, line);
}

/* "<code> " as a one-byte or two-byte code; returns the end. */
static char *put_code(char *o, const gp_cid_font *cids, uint32_t code)
{
    *o++ = '<';
    o = gp_hex(o, code, cids->one_byte ? 2 : 4);
    memcpy(o, "> ", 2);
    return o + 2;
}

/* The ranges (or the single codes) of the map, in blocks of at most 100. */
static HPDF_STATUS write_entries(HPDF_Dict cmap, const gp_cid_font *cids, const uint16_t *order, bool ranges)
{
    enum { BLOCK = 100 };
    size_t n = cids->count - 1, in_block = 0;
    HPDF_STATUS ret = HPDF_OK;
    for (size_t k = 0, j; k < n; k = j) {
        j = range_end(cids, order, k, n);
        if ((j - k > 1) != ranges)
            continue;
        if (!in_block)
            ret += begin_block(cmap, cids, order, k, n, ranges);
        const gp_cid *e = &cids->cids[order[k]];
        static const uint32_t zwsp = 0x200B;
        char line[48 + 4 * GP_TOUNICODE_MAX], *o = put_code(line, cids, e->code);
        if (ranges)
            o = put_code(o, cids, cids->cids[order[j - 1]].code);
        *o++ = '<';
        o += gp_cid_mapped(e) ? gp_utf16_hex(o, e->text, e->len, e->reversed) : gp_utf16_hex(o, &zwsp, 1, false);
        memcpy(o, ">\n", 3);
        ret += gp_hpdf_stream_write_str(cmap, line);
        if (++in_block == BLOCK) {
            ret += gp_hpdf_stream_write_str(cmap, ranges ? "endbfrange\n" : "endbfchar\n");
            in_block = 0;
        }
    }
    if (in_block)
        ret += gp_hpdf_stream_write_str(cmap, ranges ? "endbfrange\n" : "endbfchar\n");
    return ret;
}

/* The ToUnicode map: each CID to the characters it stands for (several
 * for a ligature); consecutive letters, numbered consecutively (cids.h),
 * as ranges. Glyphs that stand for no
 * characters of their own (a cluster's after its first) or for too many
 * (gp_cid_mapped), whose text is the /ActualText of their span, map to
 * U+200B ZERO WIDTH SPACE: PDF/UA wants every code shown mapped (Matterhorn
 * 10-001), and a reader that ignores the span reads nothing there. */
static HPDF_STATUS write_tounicode(HPDF_Doc pdf, HPDF_Dict font, const gp_cid_font *cids, const uint16_t *order)
{
    HPDF_Dict cmap = gp_hpdf_new_stream(pdf);
    if (!cmap)
        return HPDF_FAILD_TO_ALLOC_MEM;
    HPDF_STATUS ret = gp_hpdf_stream_write_str(cmap,
                                               "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                                               "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                                               "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n");
    ret += gp_hpdf_stream_write_str(cmap, cids->one_byte ? "1 begincodespacerange\n<00> <FF>\nendcodespacerange\n"
                                                         : "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    ret += write_entries(cmap, cids, order, true);
    ret += write_entries(cmap, cids, order, false);
    ret += gp_hpdf_stream_write_str(cmap, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    return ret + HPDF_Dict_Add(font, "ToUnicode", cmap);
}

/* The encoding of one-byte codes: code c is CID c (Identity-H's, a byte
 * shorter), a CMap embedded once and shared by the document's fonts. */
static HPDF_Dict one_byte_encoding(HPDF_Doc pdf, HPDF_Dict *shared)
{
    if (*shared)
        return *shared;
    HPDF_Dict cmap = gp_hpdf_new_stream(pdf), info = gp_hpdf_new_direct_dict(pdf);
    if (!cmap || !info)
        return NULL;
    HPDF_STATUS ret = HPDF_Dict_AddName(cmap, "Type", "CMap");
    ret += HPDF_Dict_AddName(cmap, "CMapName", "GP-Identity-8");
    ret += HPDF_Dict_Add(cmap, "CIDSystemInfo", info);
    ret += HPDF_Dict_Add(info, "Registry", gp_hpdf_new_string(pdf, "Adobe"));
    ret += HPDF_Dict_Add(info, "Ordering", gp_hpdf_new_string(pdf, "Identity"));
    ret += HPDF_Dict_AddNumber(info, "Supplement", 0);
    ret += gp_hpdf_stream_write_str(cmap,
                                    "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                                    "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> def\n"
                                    "/CMapName /GP-Identity-8 def\n/CMapType 1 def\n"
                                    "1 begincodespacerange\n<00> <FF>\nendcodespacerange\n"
                                    "1 begincidrange\n<00> <FF> 0\nendcidrange\n"
                                    "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    return ret == HPDF_OK ? (*shared = cmap) : NULL;
}

/* A glyph's ID in the subset (0 if it is not in it). */
static hb_codepoint_t new_gid(hb_subset_plan_t *plan, hb_codepoint_t gid)
{
    hb_codepoint_t g = hb_map_get(hb_subset_plan_old_to_new_glyph_mapping(plan), gid);
    return g == HB_MAP_VALUE_INVALID ? 0 : g;
}

static int compare_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* CIDs 1.. in the order of their codes (malloc'd, count - 1 of them): the
 * order /W and ToUnicode list them in. */
static uint16_t *by_code(const gp_cid_font *cids)
{
    size_t n = cids->count - 1;
    uint32_t *keys = gp_xmalloc((n ? n : 1) * sizeof *keys);
    for (size_t c = 1; c < cids->count; c++)
        keys[c - 1] = (uint32_t)cids->cids[c].code << 16 | (uint32_t)c;
    qsort(keys, n, sizeof *keys, compare_u32);
    uint16_t *order = gp_xmalloc((n ? n : 1) * sizeof *order);
    for (size_t k = 0; k < n; k++)
        order[k] = (uint16_t)keys[k];
    free(keys);
    return order;
}

/* A variable font: every axis pinned where the text was set (the brand's
 * weight, the defaults of the rest), so that the PDF holds the static
 * outlines every viewer draws. */
static void pin_axes(hb_subset_input_t *in, hb_font_t *font)
{
    hb_face_t *face = hb_font_get_face(font);
    hb_ot_var_axis_info_t axes[16];
    unsigned n = sizeof axes / sizeof axes[0], ncoords = 0;
    hb_ot_var_get_axis_infos(face, 0, &n, axes);
    const float *coords = hb_font_get_var_coords_design(font, &ncoords);
    for (unsigned i = 0; i < n; i++)
        hb_subset_input_pin_axis_location(in, face, axes[i].tag, i < ncoords ? coords[i] : axes[i].default_value);
}

/* Puts in chars the characters of the printed CIDs if each is the glyph
 * the font's cmap gives its one character (no ligature, no glyph of a
 * cluster's after its first, no glyph printed for another character);
 * false if one is not. */
static bool nominal_characters(hb_font_t *font, const gp_cid_font *cids, hb_set_t *chars)
{
    for (size_t c = 1; c < cids->count; c++) {
        hb_codepoint_t g;
        const gp_cid *e = &cids->cids[c];
        if (e->len != 1 || !hb_font_get_nominal_glyph(font, e->text[0], &g) || g != e->gid)
            return false;
        hb_set_add(chars, e->text[0]);
    }
    return true;
}

/* The tables a subset leaves out. */
static const hb_tag_t dropped[] = {
    /* layout tables are of no use to a PDF viewer: shaping is done */
    HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'D', 'E', 'F'), HB_TAG('k', 'e', 'r', 'n'),
    HB_TAG('D', 'S', 'I', 'G'), HB_TAG('h', 'd', 'm', 'x'), HB_TAG('L', 'T', 'S', 'H'), HB_TAG('V', 'D', 'M', 'X'),
    /* bitmaps: viewers draw outlines, and a colour glyph's is an image */
    HB_TAG('C', 'B', 'D', 'T'), HB_TAG('C', 'B', 'L', 'C'), HB_TAG('E', 'B', 'D', 'T'), HB_TAG('E', 'B', 'L', 'C'),
    HB_TAG('s', 'b', 'i', 'x'),
    /* read by no PDF viewer (the descriptor has the metrics and the
     * name); the cmap stays: Ghostscript spaces glyphs otherwise */
    HB_TAG('O', 'S', '/', '2'), HB_TAG('n', 'a', 'm', 'e'), HB_TAG('p', 'o', 's', 't'), HB_TAG('g', 'a', 's', 'p')};

/* Asked for characters, HarfBuzz's subset plan looks up just those in the
 * cmap; asked for glyphs, it reads the whole cmap (2.3 M instructions for
 * Noto Serif, 20 M for a CJK font of 40,000 characters): the characters
 * are given when they say it all, and otherwise the glyphs of a face with
 * a cmap of the printed characters only (subset_face.h). */
hb_subset_plan_t *gp_font_plan(const gp_dl_font *font, const gp_cid_font *cids)
{
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in)
        return NULL;
    hb_set_t *chars = hb_subset_input_unicode_set(in);
    hb_set_clear(chars);
    hb_face_t *source = NULL; /* the font's face */
    if (!nominal_characters(font->hb_font, cids, chars)) {
        source = gp_subset_face(font->hb_font, cids, dropped, sizeof dropped / sizeof dropped[0]);
        hb_set_clear(chars);
        hb_set_t *glyphs = hb_subset_input_glyph_set(in);
        for (size_t c = 0; c < cids->count; c++)
            hb_set_add(glyphs, cids->cids[c].gid);
    }
    /* hinting is for screens at small sizes; print is not worth its bytes */
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
    hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
    for (size_t i = 0; i < sizeof dropped / sizeof dropped[0]; i++)
        hb_set_add(drop, dropped[i]);
    pin_axes(in, font->hb_font);
    hb_subset_plan_t *plan = hb_subset_plan_create_or_fail(source ? source : hb_font_get_face(font->hb_font), in);
    hb_face_destroy(source);
    hb_subset_input_destroy(in);
    return plan;
}

void gp_font_number_codes(hb_subset_plan_t *plan, gp_cid_font *cids)
{
    if (cids->cff && !cids->cff_cids)
        for (size_t c = 0; c < cids->count; c++)
            cids->cids[c].code = (uint16_t)new_gid(plan, cids->cids[c].gid);
}

/* CID -> glyph of the subset, two bytes each. */
static HPDF_STATUS write_cid_to_gid_map(HPDF_Doc pdf, HPDF_Dict cid_font, const gp_cid_font *cids,
                                        hb_subset_plan_t *plan)
{
    HPDF_BYTE *be = gp_xmalloc(2 * cids->count);
    HPDF_Dict map = gp_hpdf_new_stream(pdf);
    if (!map) {
        free(be);
        return HPDF_FAILD_TO_ALLOC_MEM;
    }
    for (size_t c = 0; c < cids->count; c++) {
        hb_codepoint_t g = new_gid(plan, cids->cids[c].gid);
        be[2 * c] = (HPDF_BYTE)(g >> 8), be[2 * c + 1] = (HPDF_BYTE)g;
    }
    HPDF_STATUS ret = gp_hpdf_stream_write(map, be, 2 * cids->count);
    free(be);
    return ret + HPDF_Dict_Add(cid_font, "CIDToGIDMap", map);
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The most common of n widths (sorts them). */
static double most_common(double *widths, size_t n)
{
    qsort(widths, n, sizeof *widths, compare_doubles);
    double best = n ? widths[0] : 1000;
    for (size_t i = 0, run = 0, best_run = 0; i < n; i++) {
        run = i && widths[i] == widths[i - 1] ? run + 1 : 1;
        if (run > best_run)
            best_run = run, best = widths[i];
    }
    return best;
}

/* /W with each code's exact width. /DW must be an integer (viewers such
 * as poppler take a real one for 1000), so the most common whole-number
 * width is /DW and those glyphs are left out. */
static HPDF_STATUS write_widths(HPDF_Doc pdf, HPDF_Dict cid_font, const gp_cid_font *cids, const uint16_t *order)
{
    double *widths = gp_xmalloc((cids->count ? cids->count : 1) * sizeof *widths);
    HPDF_Array all = gp_hpdf_new_array(pdf), run = NULL;
    if (!all) {
        free(widths);
        return HPDF_FAILD_TO_ALLOC_MEM;
    }
    size_t n = 0;
    for (size_t c = 1; c < cids->count; c++)
        if (cids->cids[c].width == floorf(cids->cids[c].width))
            widths[n++] = cids->cids[c].width;
    double dw = most_common(widths, n);
    free(widths);
    HPDF_STATUS ret = HPDF_OK;
    long next_code = -1; /* the code that would extend the current run */
    for (size_t k = 0; k + 1 < cids->count && ret == HPDF_OK; k++) {
        const gp_cid *e = &cids->cids[order[k]];
        if (e->width == dw) {
            run = NULL;
            continue;
        }
        if (!run || e->code != next_code) {
            ret += HPDF_Array_AddNumber(all, (HPDF_INT32)e->code);
            run = gp_hpdf_new_array(pdf);
            ret += run ? HPDF_Array_Add(all, run) : HPDF_FAILD_TO_ALLOC_MEM;
        }
        ret += run ? HPDF_Array_AddReal(run, (HPDF_REAL)e->width) : HPDF_OK;
        next_code = e->code + 1;
    }
    ret += HPDF_Dict_AddNumber(cid_font, "DW", (HPDF_INT32)dw);
    return ret + HPDF_Dict_Add(cid_font, "W", all);
}

/* The `wght` a variable font is set at, 0 for a static font. */
static double instance_weight(hb_font_t *font)
{
    hb_ot_var_axis_info_t axis;
    unsigned n = 0;
    const float *coords = hb_font_get_var_coords_design(font, &n);
    return hb_ot_var_find_axis_info(hb_font_get_face(font), HB_OT_TAG_VAR_AXIS_WEIGHT, &axis) && axis.axis_index < n
               ? coords[axis.axis_index]
               : 0;
}

/* A subset font's name: a tag of six capitals, unique in the document,
 * then the PostScript name ("GPAAAB+Lato-Bold"). */
static void subset_name(hb_face_t *face, double wght, int id, char *name, size_t size)
{
    char ps[64] = "";
    unsigned len = sizeof ps;
    hb_ot_name_get_utf8(face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &len, ps);
    for (char *c = ps; *c; c++)
        if (!((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-'))
            *c = '-';
    int n = snprintf(name, size, "GPAA%c%c+%s", 'A' + id / 26 % 26, 'A' + id % 26, ps[0] ? ps : "Font");
    /* an instance of a variable font: its PostScript name is the default instance's */
    if (wght > 0 && n > 0 && (size_t)n < size)
        snprintf(name + n, size - (size_t)n, "-W%.0f", wght);
}

static void release_blob(void *blob)
{
    hb_blob_destroy(blob);
}

/* The font program: a TrueType subset whole, as FontFile2; a CFF one's
 * CFF table, as FontFile3 (cff.h). */
static HPDF_STATUS add_font_file(HPDF_Doc pdf, HPDF_Dict desc, hb_face_t *sub, bool cff)
{
    HPDF_Dict file = gp_hpdf_new_stream(pdf);
    if (!file)
        return HPDF_FAILD_TO_ALLOC_MEM;
    hb_blob_t *blob = cff ? hb_face_reference_table(sub, HB_TAG('C', 'F', 'F', ' ')) : hb_face_reference_blob(sub);
    unsigned len;
    const char *data = hb_blob_get_data(blob, &len);
    /* the blob lives as long as the document */
    HPDF_STATUS ret = gp_hpdf_stream_borrow(file, data, len, release_blob, blob) ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM;
    if (cff)
        return ret + HPDF_Dict_AddName(file, "Subtype", "CIDFontType0C") + HPDF_Dict_Add(desc, "FontFile3", file);
    return ret + HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)len) + HPDF_Dict_Add(desc, "FontFile2", file);
}

/* The font descriptor: metrics in 1/1000 em, and the font program. */
static HPDF_Dict descriptor(HPDF_Doc pdf, const gp_dl_font *font, const char *name, hb_face_t *sub, bool cff)
{
    HPDF_Dict d = gp_hpdf_new_dict(pdf);
    if (!d)
        return NULL;
    double k = 1000.0, upem = font->upem;
    hb_font_t *hf = font->hb_font;
    HPDF_Box bbox = {0, (HPDF_REAL)(font->descender * k), 1000, (HPDF_REAL)(font->ascender * k)};
    hb_blob_t *head = hb_face_reference_table(hb_font_get_face(hf), HB_TAG('h', 'e', 'a', 'd'));
    unsigned n;
    const uint8_t *h = (const uint8_t *)hb_blob_get_data(head, &n);
    if (n >= 44)
        bbox = (HPDF_Box){(HPDF_REAL)(gp_be16s(h + 36) * k / upem), (HPDF_REAL)(gp_be16s(h + 38) * k / upem),
                          (HPDF_REAL)(gp_be16s(h + 40) * k / upem), (HPDF_REAL)(gp_be16s(h + 42) * k / upem)};
    hb_blob_destroy(head);
    hb_position_t x_height = 0;
    hb_ot_metrics_get_position(hf, HB_OT_METRICS_TAG_X_HEIGHT, &x_height);
    float slant = hb_style_get_value(hf, HB_STYLE_TAG_SLANT_ANGLE);
    bool italic = hb_style_get_value(hf, HB_STYLE_TAG_ITALIC) > 0 || slant != 0;
    bool bold = hb_style_get_value(hf, HB_STYLE_TAG_WEIGHT) >= 600;
    HPDF_STATUS ret = HPDF_Dict_AddName(d, "Type", "FontDescriptor");
    ret += HPDF_Dict_AddName(d, "FontName", name);
    /* nonsymbolic, italic, bold */
    ret += HPDF_Dict_AddNumber(d, "Flags", 32 | (italic ? 64 : 0) | (bold ? 262144 : 0));
    ret += HPDF_Dict_Add(d, "FontBBox", gp_hpdf_new_box(pdf, bbox));
    ret += HPDF_Dict_AddReal(d, "ItalicAngle", (HPDF_REAL)slant);
    /* Extractors take Ascent to Descent for the height of a line of its
     * text: a face over 2 em tall (Nastaliq's 2.5, for its stacked words)
     * makes poppler take lines for overlapping ones and interleave them, so
     * it is given as a Latin face's; the glyphs are drawn as they are. */
    bool tall = font->ascender - font->descender > 2;
    ret += HPDF_Dict_AddNumber(d, "Ascent", (HPDF_INT32)lround((tall ? fmin(font->ascender, 1.0) : font->ascender) * k));
    ret += HPDF_Dict_AddNumber(d, "Descent",
                               (HPDF_INT32)lround((tall ? fmax(font->descender, -0.35) : font->descender) * k));
    ret += HPDF_Dict_AddNumber(d, "CapHeight", (HPDF_INT32)lround(font->cap_height * k));
    ret += HPDF_Dict_AddNumber(d, "XHeight", (HPDF_INT32)lround(x_height * k / upem));
    ret += HPDF_Dict_AddNumber(d, "StemV", bold ? 120 : 80); /* not in TrueType fonts: the usual estimate */
    ret += add_font_file(pdf, d, sub, cff);
    return ret == HPDF_OK ? d : NULL;
}

/* A face without outlines (colour emoji: their bitmaps are the page's
 * images) given empty ones, so that it is a TrueType font every viewer
 * loads: its text is drawn invisibly, to be copied and read. Takes sub. */
static unsigned table_length(hb_face_t *face, hb_tag_t tag)
{
    hb_blob_t *t = hb_face_reference_table(face, tag);
    unsigned len = hb_blob_get_length(t);
    hb_blob_destroy(t);
    return len;
}

static hb_face_t *with_empty_outlines(hb_face_t *sub)
{
    if (table_length(sub, HB_TAG('g', 'l', 'y', 'f')) || table_length(sub, HB_TAG('C', 'F', 'F', ' ')))
        return sub;
    hb_blob_t *file = hb_face_reference_blob(sub); /* (a subset is a builder, which lists no tables) */
    hb_face_t *read = hb_face_create(file, 0), *b = hb_face_builder_create();
    hb_blob_destroy(file);
    hb_tag_t tags[64];
    unsigned n = sizeof tags / sizeof tags[0];
    hb_face_get_table_tags(read, 0, &n, tags);
    for (unsigned i = 0; i < n; i++) {
        hb_blob_t *t = hb_face_reference_table(read, tags[i]);
        hb_face_builder_add_table(b, tags[i], t);
        hb_blob_destroy(t);
    }
    /* every glyph empty: a short loca (the face's head says so) of zeros */
    unsigned len = 2 * (hb_face_get_glyph_count(read) + 1);
    char *zeros = gp_xcalloc(len, 1);
    hb_blob_t *loca = hb_blob_create(zeros, len, HB_MEMORY_MODE_READONLY, zeros, free), *empty = hb_blob_get_empty();
    hb_face_builder_add_table(b, HB_TAG('l', 'o', 'c', 'a'), loca);
    hb_face_builder_add_table(b, HB_TAG('g', 'l', 'y', 'f'), empty);
    hb_blob_destroy(loca);
    hb_face_destroy(read);
    hb_face_destroy(sub);
    return b;
}

HPDF_Font gp_font_embed(HPDF_Doc pdf, const gp_dl_font *font, int id, const gp_cid_font *cids, hb_subset_plan_t *plan,
                        HPDF_Dict *one_byte_cmap, char *err, size_t errlen)
{
    hb_face_t *sub = plan ? hb_subset_plan_execute_or_fail(plan) : NULL;
    if (!sub) {
        hb_subset_plan_destroy(plan);
        snprintf(err, errlen, "cannot subset font `%s`", font->path);
        return NULL;
    }
    if (!cids->cff)
        sub = with_empty_outlines(sub);
    char name[96];
    subset_name(hb_font_get_face(font->hb_font), instance_weight(font->hb_font), id, name, sizeof name);
    HPDF_Dict type0 = gp_hpdf_new_dict(pdf), cid_font = gp_hpdf_new_dict(pdf),
              desc = descriptor(pdf, font, name, sub, cids->cff);
    HPDF_Dict info = gp_hpdf_new_direct_dict(pdf);
    HPDF_Array descendants = gp_hpdf_new_array(pdf);
    uint16_t *order = by_code(cids);
    HPDF_STATUS ret = type0 && cid_font && desc && info && descendants ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM;
    if (ret == HPDF_OK) {
        gp_hpdf_mark_font(type0);
        ret += HPDF_Dict_AddName(type0, "Type", "Font");
        ret += HPDF_Dict_AddName(type0, "Subtype", "Type0");
        ret += HPDF_Dict_AddName(type0, "BaseFont", name);
        if (!cids->one_byte)
            ret += HPDF_Dict_AddName(type0, "Encoding", "Identity-H");
        else if (one_byte_encoding(pdf, one_byte_cmap))
            ret += HPDF_Dict_Add(type0, "Encoding", *one_byte_cmap);
        else
            ret += HPDF_FAILD_TO_ALLOC_MEM;
        ret += HPDF_Dict_Add(type0, "DescendantFonts", descendants);
        ret += HPDF_Array_Add(descendants, cid_font);
        ret += HPDF_Dict_AddName(cid_font, "Type", "Font");
        ret += HPDF_Dict_AddName(cid_font, "Subtype", cids->cff ? "CIDFontType0" : "CIDFontType2");
        ret += HPDF_Dict_AddName(cid_font, "BaseFont", name);
        ret += HPDF_Dict_Add(cid_font, "CIDSystemInfo", info);
        ret += HPDF_Dict_Add(info, "Registry", gp_hpdf_new_string(pdf, "Adobe"));
        ret += HPDF_Dict_Add(info, "Ordering", gp_hpdf_new_string(pdf, "Identity"));
        ret += HPDF_Dict_AddNumber(info, "Supplement", 0);
        ret += HPDF_Dict_Add(cid_font, "FontDescriptor", desc);
        ret += write_widths(pdf, cid_font, cids, order);
        if (!cids->cff)
            ret += write_cid_to_gid_map(pdf, cid_font, cids, plan);
        ret += write_tounicode(pdf, type0, cids, order);
    }
    free(order);
    hb_face_destroy(sub);
    hb_subset_plan_destroy(plan);
    if (ret != HPDF_OK) {
        snprintf(err, errlen, "cannot embed font `%s`", font->path);
        return NULL;
    }
    return type0;
}
