/* libharu 2.3.0 workarounds, one note each (measured; see
 * ../shared/libharu-notes.md).
 *
 * 1. Errors: the default handler is missing or jumps; ours records the
 *    code, and since errors are sticky the writer checks once per page.
 * 2. ToUnicode: the stream libharu writes is the encoding CMap, which is not
 *    a valid ToUnicode map. Ours maps the CIDs (content.h: the printed code
 *    points, numbered in order) back to Unicode.
 * 3. Fonts: libharu cannot load a font from memory (2.3.0), embeds every
 *    table, drops composite glyphs with parts above gid 32767, looks up a
 *    glyph for each of the 65536 code points of its UTF-8 encoder in every
 *    font, writes a 128 KB CIDToGIDMap and a /W entry per BMP character,
 *    and rebuilds the font program glyph by glyph on saving. So fonts are
 *    built here, with libharu's object API: HarfBuzz subsets each face to
 *    the code points it prints and the subset is embedded as it is, with a
 *    CIDToGIDMap, /W and ToUnicode over the printed CIDs only.
 * 4. Text: no kerning, no Tw for two-byte fonts, whole-number widths in
 *    /W, and its page operators can only be called from the thread that
 *    owns the document, each one formatted slowly. /W is rewritten with
 *    each glyph's exact width; content.c writes the pages' operators
 *    itself (on another thread, while the fonts load): Tc carries a
 *    line's letter spacing, and every line is one TJ array whose few
 *    adjustments (kerning, word spaces) put each glyph exactly where the
 *    layout measured it. Each page gets that stream deflated, with its
 *    fonts and images registered in the order that gives the names it
 *    uses.
 * 5. Links: annotations get a 1 pt border by default; URIs are written raw.
 * 6. Images: interlaced PNGs fail to load and 16-bit ones are embedded as
 *    16-bit over 8-bit data, so every PNG is decoded here (gp_image_decode_png)
 *    to 8-bit pixels with their alpha as a soft mask.
 *    Opaque 8-bit PNGs skip libharu altogether: their IDAT data is already
 *    the Flate stream a PDF image needs (with PNG predictors), so it is
 *    copied as it is instead of being decoded and compressed again.
 * 7. Dates: only the '+' zone with zero offsets is written correctly.
 * 8. /ID: written only for encrypted documents; added to the trailer here.
 * 9. Strings: with the UTF-8 encoder every string (title, outline entry)
 *    is written as UTF-16 in hex, four bytes for each ASCII letter; plain
 *    ASCII strings are written as literal strings instead.
 * 10. Saving: PDF 1.3 only, all structure uncompressed, a separate object
 *    per stream length, streams deflated one at a time. libharu saves
 *    uncompressed to memory and pdf15.c writes the file again as
 *    PDF 1.5 with object streams, deflating on two threads. */
#include "quirks.h"

#include "base/bigendian.h"
#include "base/image.h"

#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>
#include <math.h>
#include <hpdf_doc.h>
#include <hpdf_encoder.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void on_error(HPDF_STATUS code, HPDF_STATUS detail, void *data)
{
    gp_hpdf_error *e = data;
    if (!e->code)
        e->code = code, e->detail = detail;
}

HPDF_Doc gp_quirk_new_doc(gp_hpdf_error *err)
{
    HPDF_Doc pdf = HPDF_New(on_error, err);
    if (!pdf)
        return NULL;
    HPDF_UseUTFEncodings(pdf);
    HPDF_SetCurrentEncoder(pdf, "UTF-8");
    HPDF_SetCompressionMode(pdf, HPDF_COMP_NONE); /* 10: streams are deflated on saving */
    return pdf;
}

/* ---- 2 and 3. fonts, built from HarfBuzz's subset ---- */

/* An indirect dictionary. */
static HPDF_Dict new_dict(HPDF_Doc pdf)
{
    HPDF_Dict d = HPDF_Dict_New(pdf->mmgr);
    return d && HPDF_Xref_Add(pdf->xref, d) == HPDF_OK ? d : NULL; /* Xref_Add frees d if it fails */
}

static HPDF_Dict new_stream(HPDF_Doc pdf)
{
    HPDF_Dict d = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (d)
        d->filter = HPDF_STREAM_FILTER_NONE; /* deflated on saving (10) */
    return d;
}

/* The ToUnicode map: CIDs (the printed code points, numbered in order)
 * back to Unicode, in ranges of consecutive code points (so of
 * consecutive CIDs), at most 100 per block. */
static HPDF_STATUS write_tounicode(HPDF_Doc pdf, HPDF_Dict font, const gp_face *face, const gp_cids *cids)
{
    HPDF_Dict cmap = new_stream(pdf);
    if (!cmap)
        return HPDF_FAILD_TO_ALLOC_MEM;
    HPDF_Stream s = cmap->stream;
    HPDF_STATUS ret = HPDF_Stream_WriteStr(s, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                                              "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                                              "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                                              "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    uint32_t starts[100], ends[100];
    int n = 0;
    char line[64];
    for (uint32_t cp = gp_face_next_used(face, 0);; cp = gp_face_next_used(face, cp + 1)) {
        bool used = cp < 0x10000;
        if (used && n && ends[n - 1] + 1 == cp) {
            ends[n - 1] = cp;
            continue;
        }
        if ((used && n == 100) || (!used && n)) {
            snprintf(line, sizeof line, "%d beginbfrange\n", n);
            ret += HPDF_Stream_WriteStr(s, line);
            for (int i = 0; i < n; i++) {
                snprintf(line, sizeof line, "<%04X> <%04X> <%04X>\n", gp_cid(cids, starts[i]), gp_cid(cids, ends[i]),
                         starts[i]);
                ret += HPDF_Stream_WriteStr(s, line);
            }
            ret += HPDF_Stream_WriteStr(s, "endbfrange\n");
            n = 0;
        }
        if (!used)
            break;
        starts[n] = ends[n] = cp, n++;
    }
    ret += HPDF_Stream_WriteStr(s, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    return ret + HPDF_Dict_Add(font, "ToUnicode", cmap);
}

static hb_blob_t *subset(const gp_face *face)
{
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in)
        return NULL;
    hb_set_t *unicodes = hb_subset_input_unicode_set(in);
    for (uint32_t cp = gp_face_next_used(face, 0); cp < 0x10000; cp = gp_face_next_used(face, cp + 1))
        hb_set_add(unicodes, cp);
    /* hinting is for screens at small sizes; print is not worth its bytes */
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
    /* of the names, viewers show the family and the PostScript name */
    hb_set_t *names = hb_subset_input_set(in, HB_SUBSET_SETS_NAME_ID);
    hb_set_clear(names);
    hb_set_add(names, 1);
    hb_set_add(names, 2);
    hb_set_add(names, 6);
    /* layout tables are of no use to a PDF viewer: shaping is done */
    hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
    static const hb_tag_t tags[] = {HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'D', 'E', 'F'),
                                    HB_TAG('k', 'e', 'r', 'n'), HB_TAG('D', 'S', 'I', 'G'), HB_TAG('h', 'd', 'm', 'x'),
                                    HB_TAG('L', 'T', 'S', 'H'), HB_TAG('V', 'D', 'M', 'X')};
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
        hb_set_add(drop, tags[i]);
    hb_face_t *sub = hb_subset_or_fail(face->hb_face, in);
    hb_subset_input_destroy(in);
    if (!sub)
        return NULL;
    hb_blob_t *blob = hb_face_reference_blob(sub);
    hb_face_destroy(sub);
    return blob;
}

/* CID -> glyph of the subset, two bytes each, up to the face's last CID. */
static HPDF_STATUS write_cid_to_gid_map(HPDF_Doc pdf, HPDF_Dict cid_font, const gp_face *face,
                                        const gp_cids *cids, hb_blob_t *subset_blob)
{
    uint32_t last = 0;
    for (uint32_t cp = gp_face_next_used(face, 0); cp < 0x10000; cp = gp_face_next_used(face, cp + 1))
        last = gp_cid(cids, cp);
    HPDF_BYTE *be = calloc((size_t)last + 1, 2); /* big-endian glyph IDs, 0 where unused */
    HPDF_Dict map = new_stream(pdf);
    if (!be || !map) {
        free(be);
        return HPDF_FAILD_TO_ALLOC_MEM;
    }
    hb_face_t *hf = hb_face_create(subset_blob, 0);
    hb_font_t *hfont = hb_font_create(hf);
    for (uint32_t cp = gp_face_next_used(face, 0); cp < 0x10000; cp = gp_face_next_used(face, cp + 1)) {
        hb_codepoint_t gid = 0;
        hb_font_get_nominal_glyph(hfont, cp, &gid);
        uint16_t cid = gp_cid(cids, cp);
        be[2 * cid] = (HPDF_BYTE)(gid >> 8);
        be[2 * cid + 1] = (HPDF_BYTE)gid;
    }
    hb_font_destroy(hfont);
    hb_face_destroy(hf);
    HPDF_STATUS ret = HPDF_Stream_Write(map->stream, be, (HPDF_UINT)(2 * ((size_t)last + 1)));
    free(be);
    return ret + HPDF_Dict_Add(cid_font, "CIDToGIDMap", map);
}

double gp_quirk_glyph_width(const gp_face *face, uint32_t cp)
{
    return (HPDF_REAL)gp_face_advance(face, cp); /* .notdef's if none, as the PDF shows it */
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

/* /W with each used code point's exact width by CID (libharu would write
 * whole numbers, a drift of up to half a unit per glyph). /DW must be an
 * integer (viewers such as poppler take a real one for 1000), so the most
 * common whole-number width is /DW and those glyphs are left out. */
static HPDF_STATUS write_widths(HPDF_Doc pdf, HPDF_Dict cid_font, const gp_face *face, const gp_cids *cids)
{
    size_t n = 0;
    for (uint32_t cp = gp_face_next_used(face, 0); cp < 0x10000; cp = gp_face_next_used(face, cp + 1))
        n++;
    double *widths = malloc((n ? n : 1) * sizeof *widths);
    HPDF_Array all = HPDF_Array_New(pdf->mmgr), run = NULL;
    if (!widths || !all) {
        free(widths);
        return HPDF_FAILD_TO_ALLOC_MEM;
    }
    n = 0;
    for (uint32_t cp = gp_face_next_used(face, 0); cp < 0x10000; cp = gp_face_next_used(face, cp + 1))
        if (gp_quirk_glyph_width(face, cp) == floor(gp_quirk_glyph_width(face, cp)))
            widths[n++] = gp_quirk_glyph_width(face, cp);
    double dw = most_common(widths, n);
    free(widths);
    HPDF_STATUS ret = HPDF_OK;
    uint32_t prev = 0;
    for (uint32_t cp = gp_face_next_used(face, 0); cp < 0x10000 && ret == HPDF_OK;
         cp = gp_face_next_used(face, cp + 1)) {
        double w = gp_quirk_glyph_width(face, cp);
        if (w == dw)
            continue;
        uint16_t cid = gp_cid(cids, cp);
        if (!run || cid != prev + 1) {
            ret += HPDF_Array_AddNumber(all, (HPDF_INT32)cid);
            run = HPDF_Array_New(pdf->mmgr);
            ret += run ? HPDF_Array_Add(all, run) : HPDF_FAILD_TO_ALLOC_MEM;
        }
        ret += run ? HPDF_Array_AddReal(run, (HPDF_REAL)w) : HPDF_OK;
        prev = cid;
    }
    ret += HPDF_Dict_AddNumber(cid_font, "DW", (HPDF_INT32)dw);
    return ret + HPDF_Dict_Add(cid_font, "W", all);
}

/* A subset font's name: a tag of six capitals, unique in the document,
 * then the PostScript name ("GPAAAB+Lato-Bold"). */
static void subset_name(const gp_face *face, char *name, size_t size)
{
    char ps[64] = "";
    unsigned len = sizeof ps;
    hb_ot_name_get_utf8(face->hb_face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &len, ps);
    for (char *c = ps; *c; c++)
        if (!((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-'))
            *c = '-';
    unsigned id = (unsigned)face->id;
    snprintf(name, size, "GPAA%c%c+%s", 'A' + id / 26 % 26, 'A' + id % 26, ps[0] ? ps : "Font");
}

/* The font descriptor: metrics in 1/1000 em, and the subset as FontFile2. */
static HPDF_Dict descriptor(HPDF_Doc pdf, const gp_face *face, const char *name, hb_blob_t *subset_blob)
{
    HPDF_Dict d = new_dict(pdf), file = new_stream(pdf);
    if (!d || !file)
        return NULL;
    double k = 1000.0;
    HPDF_Box bbox = {0, face->descender * k, 1000, face->ascender * k};
    hb_blob_t *head = hb_face_reference_table(face->hb_face, HB_TAG('h', 'e', 'a', 'd'));
    unsigned n;
    const uint8_t *h = (const uint8_t *)hb_blob_get_data(head, &n);
    if (n >= 44)
        bbox = (HPDF_Box){(HPDF_REAL)((int16_t)gp_be16(h + 36) * k / face->upem),
                          (HPDF_REAL)((int16_t)gp_be16(h + 38) * k / face->upem),
                          (HPDF_REAL)((int16_t)gp_be16(h + 40) * k / face->upem),
                          (HPDF_REAL)((int16_t)gp_be16(h + 42) * k / face->upem)};
    hb_blob_destroy(head);
    hb_position_t x_height = 0;
    hb_ot_metrics_get_position(face->hb_font, HB_OT_METRICS_TAG_X_HEIGHT, &x_height);
    float slant = hb_style_get_value(face->hb_font, HB_STYLE_TAG_SLANT_ANGLE);
    bool italic = hb_style_get_value(face->hb_font, HB_STYLE_TAG_ITALIC) > 0 || slant != 0;
    bool bold = hb_style_get_value(face->hb_font, HB_STYLE_TAG_WEIGHT) >= 600;
    unsigned len;
    const char *data = hb_blob_get_data(subset_blob, &len);
    HPDF_STATUS ret = HPDF_Dict_AddName(d, "Type", "FontDescriptor");
    ret += HPDF_Dict_AddName(d, "FontName", name);
    /* nonsymbolic, italic, bold */
    ret += HPDF_Dict_AddNumber(d, "Flags", 32 | (italic ? 64 : 0) | (bold ? 262144 : 0));
    ret += HPDF_Dict_Add(d, "FontBBox", HPDF_Box_Array_New(pdf->mmgr, bbox));
    ret += HPDF_Dict_AddReal(d, "ItalicAngle", (HPDF_REAL)slant);
    ret += HPDF_Dict_AddNumber(d, "Ascent", (HPDF_INT32)lround(face->ascender * k));
    ret += HPDF_Dict_AddNumber(d, "Descent", (HPDF_INT32)lround(face->descender * k));
    ret += HPDF_Dict_AddNumber(d, "CapHeight", (HPDF_INT32)lround(face->cap_height * k));
    ret += HPDF_Dict_AddNumber(d, "XHeight", (HPDF_INT32)lround(x_height * k / face->upem));
    ret += HPDF_Dict_AddNumber(d, "StemV", bold ? 120 : 80); /* not in TrueType fonts: the usual estimate */
    ret += HPDF_Dict_Add(d, "FontFile2", file);
    ret += HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)len);
    ret += HPDF_Stream_Write(file->stream, (const HPDF_BYTE *)data, len);
    return ret == HPDF_OK ? d : NULL;
}

/* The Type0 font over its CIDFontType2: CIDs as gp_cids numbers them
 * (Identity-H), exact widths, the ToUnicode map. */
HPDF_Font gp_quirk_load_subset(HPDF_Doc pdf, const gp_face *face, const gp_cids *cids, char *err, size_t errlen)
{
    hb_blob_t *blob = subset(face);
    if (!blob) {
        snprintf(err, errlen, "cannot subset font `%s`", face->file.path);
        return NULL;
    }
    char name[96];
    subset_name(face, name, sizeof name);
    HPDF_Dict font = new_dict(pdf), cid_font = new_dict(pdf), desc = descriptor(pdf, face, name, blob);
    HPDF_Dict info = HPDF_Dict_New(pdf->mmgr);
    HPDF_Array descendants = HPDF_Array_New(pdf->mmgr);
    HPDF_STATUS ret = font && cid_font && desc && info && descendants ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM;
    if (ret == HPDF_OK) {
        font->header.obj_class |= HPDF_OSUBCLASS_FONT;
        ret += HPDF_Dict_AddName(font, "Type", "Font");
        ret += HPDF_Dict_AddName(font, "Subtype", "Type0");
        ret += HPDF_Dict_AddName(font, "BaseFont", name);
        ret += HPDF_Dict_AddName(font, "Encoding", "Identity-H");
        ret += HPDF_Dict_Add(font, "DescendantFonts", descendants);
        ret += HPDF_Array_Add(descendants, cid_font);
        ret += HPDF_Dict_AddName(cid_font, "Type", "Font");
        ret += HPDF_Dict_AddName(cid_font, "Subtype", "CIDFontType2");
        ret += HPDF_Dict_AddName(cid_font, "BaseFont", name);
        ret += HPDF_Dict_Add(cid_font, "CIDSystemInfo", info);
        ret += HPDF_Dict_Add(info, "Registry", HPDF_String_New(pdf->mmgr, "Adobe", NULL));
        ret += HPDF_Dict_Add(info, "Ordering", HPDF_String_New(pdf->mmgr, "Identity", NULL));
        ret += HPDF_Dict_AddNumber(info, "Supplement", 0);
        ret += HPDF_Dict_Add(cid_font, "FontDescriptor", desc);
        ret += write_widths(pdf, cid_font, face, cids);
        ret += write_cid_to_gid_map(pdf, cid_font, face, cids, blob);
        ret += write_tounicode(pdf, font, face, cids);
    }
    hb_blob_destroy(blob);
    if (ret != HPDF_OK) {
        snprintf(err, errlen, "cannot embed font `%s`", face->file.path);
        return NULL;
    }
    return font;
}

/* ---- 5. links ---- */

void gp_quirk_link(HPDF_Page page, HPDF_Rect rect, const char *url)
{
    size_t n = strlen(url);
    char *enc = malloc(n * 3 + 1), *o = enc;
    if (!enc)
        return;
    for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
        if (*p > 0x20 && *p < 0x7F && *p != '(' && *p != ')' && *p != '\\') {
            *o++ = (char)*p;
        } else {
            sprintf(o, "%%%02X", *p);
            o += 3;
        }
    }
    *o = 0;
    HPDF_Annotation a = HPDF_Page_CreateURILinkAnnot(page, rect, enc);
    if (a)
        HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
    free(enc);
}

/* ---- 6. images ---- */

/* libharu drops a /Filter key from streams it does not compress itself. */
static HPDF_STATUS write_flate_filter(HPDF_Dict obj, HPDF_Stream s)
{
    (void)obj;
    return HPDF_Stream_WriteStr(s, "/Filter /FlateDecode\012");
}

/* ---- 4. page content: written by content.c, deflated ---- */

bool gp_quirk_set_content(HPDF_Page page, const unsigned char *data, size_t len, const HPDF_Font *fonts,
                          size_t nfonts, const HPDF_Image *images, size_t nimages)
{
    char want[32];
    for (size_t i = 0; i < nfonts; i++) {
        const char *name = HPDF_Page_GetLocalFontName(page, fonts[i]);
        snprintf(want, sizeof want, "F%zu", i + 1);
        if (!name || strcmp(name, want))
            return false;
    }
    for (size_t i = 0; i < nimages; i++) {
        const char *name = HPDF_Page_GetXObjectName(page, images[i]);
        snprintf(want, sizeof want, "X%zu", i + 1);
        if (!name || strcmp(name, want))
            return false;
    }
    HPDF_PageAttr attr = page->attr;
    attr->contents->filter = HPDF_STREAM_FILTER_NONE;
    attr->contents->write_fn = write_flate_filter;
    return HPDF_Stream_Write(attr->stream, data, (HPDF_UINT)len) == HPDF_OK;
}

/* An image XObject around a PNG's own zlib data. */
static HPDF_Image png_passthrough(HPDF_Doc pdf, const gp_image *image)
{
    size_t len;
    int colors;
    unsigned char *idat = gp_image_png_idat(image->path, &len, &colors);
    if (!idat)
        return NULL;
    HPDF_Dict img = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (img) {
        img->header.obj_class |= HPDF_OSUBCLASS_XOBJECT; /* what HPDF_Page_DrawImage checks */
        img->filter = HPDF_STREAM_FILTER_NONE;            /* the data is compressed already */
        HPDF_Dict_AddName(img, "Type", "XObject");
        HPDF_Dict_AddName(img, "Subtype", "Image");
        HPDF_Dict_AddNumber(img, "Width", image->info.width);
        HPDF_Dict_AddNumber(img, "Height", image->info.height);
        HPDF_Dict_AddName(img, "ColorSpace", colors == 3 ? "DeviceRGB" : "DeviceGray");
        HPDF_Dict_AddNumber(img, "BitsPerComponent", 8);
        img->write_fn = write_flate_filter;
        HPDF_Dict parms = HPDF_Dict_New(pdf->mmgr);
        HPDF_Dict_AddNumber(parms, "Predictor", 15);
        HPDF_Dict_AddNumber(parms, "Colors", colors);
        HPDF_Dict_AddNumber(parms, "BitsPerComponent", 8);
        HPDF_Dict_AddNumber(parms, "Columns", image->info.width);
        HPDF_Dict_Add(img, "DecodeParms", parms);
        HPDF_Stream_Write(img->stream, idat, (HPDF_UINT)len);
    }
    free(idat);
    return img;
}

/* A decoded PNG as a raw image, with its alpha as a soft mask. */
static HPDF_Image png_decoded(HPDF_Doc pdf, const char *path, char *err, size_t errlen)
{
    gp_image_pixels px;
    if (!gp_image_decode_png(path, &px, err, errlen))
        return NULL;
    HPDF_Image img = HPDF_LoadRawImageFromMem(pdf, px.color, (HPDF_UINT)px.width, (HPDF_UINT)px.height,
                                              px.colors == 3 ? HPDF_CS_DEVICE_RGB : HPDF_CS_DEVICE_GRAY, 8);
    if (img && px.alpha) {
        HPDF_Image mask = HPDF_LoadRawImageFromMem(pdf, px.alpha, (HPDF_UINT)px.width, (HPDF_UINT)px.height,
                                                   HPDF_CS_DEVICE_GRAY, 8);
        if (!mask || HPDF_Image_AddSMask(img, mask) != HPDF_OK)
            img = NULL;
    }
    gp_image_pixels_free(&px);
    if (!img)
        snprintf(err, errlen, "cannot embed image `%s`", path);
    return img;
}

HPDF_Image gp_quirk_load_image(HPDF_Doc pdf, const gp_image *image, char *err, size_t errlen)
{
    if (image->info.kind == GP_IMAGE_PNG) {
        HPDF_Image img = png_passthrough(pdf, image);
        return img ? img : png_decoded(pdf, image->path, err, errlen);
    }
    HPDF_Image img = HPDF_LoadJpegImageFromFile(pdf, image->path);
    if (!img)
        snprintf(err, errlen, "cannot embed image `%s`", image->path);
    return img;
}

/* ---- 7. dates ---- */

void gp_quirk_set_dates(HPDF_Doc pdf, long long epoch)
{
    time_t t = (time_t)epoch;
    struct tm tm;
    gmtime_r(&t, &tm);
    HPDF_Date d = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, '+', 0, 0};
    HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, d);
    HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, d);
}

/* ---- 8. document ID ---- */

void gp_quirk_set_id(HPDF_Doc pdf, const unsigned char id[16])
{
    HPDF_Array ids = HPDF_Array_New(pdf->mmgr);
    if (!ids)
        return;
    HPDF_Array_Add(ids, HPDF_Binary_New(pdf->mmgr, (HPDF_BYTE *)id, 16));
    HPDF_Array_Add(ids, HPDF_Binary_New(pdf->mmgr, (HPDF_BYTE *)id, 16));
    HPDF_Dict_Add(pdf->trailer, "ID", ids);
}

/* ---- 9. strings ---- */

HPDF_Encoder gp_quirk_string_encoder(HPDF_Doc pdf, const char *s)
{
    for (const char *p = s; *p; p++)
        if (*p < 0x20 || *p > 0x7E)
            return HPDF_GetEncoder(pdf, "UTF-8");
    return NULL; /* printable ASCII reads the same in PDFDocEncoding */
}

void gp_quirk_set_info(HPDF_Doc pdf, HPDF_InfoType type, const char *value)
{
    HPDF_Encoder saved = pdf->cur_encoder;
    pdf->cur_encoder = gp_quirk_string_encoder(pdf, value);
    HPDF_SetInfoAttr(pdf, type, value);
    pdf->cur_encoder = saved;
}
