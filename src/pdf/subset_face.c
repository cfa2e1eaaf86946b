/* The subset's source face (subset_face.h). HarfBuzz 6.0's plan, given
 * glyphs (a font printing a ligature), collects the whole cmap to find the
 * characters of those glyphs (1.3 M instructions a plan for Noto Serif,
 * 6 M for each guide of a batch: faces are kept, plans are not). Given a
 * cmap of the printed characters only, it finds the same ones, and the
 * subset's cmap lists just them and the presentation forms of printed
 * glyphs (it listed every character of the font drawn with a printed
 * glyph, U+00A0 with the space too).
 *
 * The cmap is the OpenType one (ISO/IEC 14496-22 §5.2.1): one format 4
 * subtable of a segment per character, for Unicode BMP (0,3) and Windows
 * BMP (3,1), the records HarfBuzz's subset keeps; with characters beyond
 * the BMP, a format 12 subtable of them all for (0,4) and (3,10). */
#include "subset_face.h"

#include "base/arena.h"
#include "base/bigendian.h"

#include <stdlib.h>
#include <string.h>

typedef struct mapping {
    uint32_t cp, gid;
} mapping;

static int compare_mappings(const void *a, const void *b)
{
    const mapping *x = a, *y = b;
    return (x->cp > y->cp) - (x->cp < y->cp);
}

/* The presentation forms (U+FB00-U+FDFF, U+FE70-U+FEFF: the ligatures fi,
 * ffl, lam-alef... and Arabic's positional forms) that the cmap maps to a
 * printed glyph, added to m[0..k): Ghostscript rasterises a ligature whose
 * character the cmap lacks a little differently (edge pixels; README,
 * "Font subsets"). Returns the new count; m has room for them. */
static size_t add_presentation_forms(hb_font_t *font, const gp_cid_font *cids, mapping *m, size_t k)
{
    static const uint32_t ranges[][2] = {{0xFB00, 0xFDFF}, {0xFE70, 0xFEFF}};
    hb_set_t *printed = hb_set_create();
    for (size_t c = 1; c < cids->count; c++)
        hb_set_add(printed, cids->cids[c].gid);
    for (size_t r = 0; r < 2; r++)
        for (uint32_t cp = ranges[r][0]; cp <= ranges[r][1]; cp++) {
            hb_codepoint_t g;
            if (hb_font_get_nominal_glyph(font, cp, &g) && hb_set_has(printed, g))
                m[k++] = (mapping){cp, g};
        }
    hb_set_destroy(printed);
    return k;
}

enum { PRESENTATION_FORMS = 0x300 + 0x90 };

/* The printed characters the cmap maps to their CID's glyph, and the
 * presentation forms of printed glyphs, sorted and unique; their count in
 * *n. */
static mapping *printed_mappings(hb_font_t *font, const gp_cid_font *cids, size_t *n)
{
    mapping *m = gp_xmalloc((cids->count + PRESENTATION_FORMS) * sizeof *m);
    size_t k = 0;
    for (size_t c = 1; c < cids->count; c++) {
        const gp_cid *e = &cids->cids[c];
        hb_codepoint_t g;
        if (e->len == 1 && hb_font_get_nominal_glyph(font, e->text[0], &g) && g == e->gid)
            m[k++] = (mapping){e->text[0], g};
    }
    k = add_presentation_forms(font, cids, m, k);
    qsort(m, k, sizeof *m, compare_mappings);
    size_t u = 0;
    for (size_t i = 0; i < k; i++)
        if (!u || m[i].cp != m[u - 1].cp)
            m[u++] = m[i];
    *n = u;
    return m;
}

static uint8_t *put16(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 8), p[1] = (uint8_t)v;
    return p + 2;
}

static uint8_t *put32(uint8_t *p, uint32_t v)
{
    return put16(put16(p, v >> 16), v & 0xFFFF);
}

static size_t format4_length(size_t nbmp)
{
    return 16 + 8 * (nbmp + 1);
}

/* Format 4: a segment per BMP character (m[0..nbmp)), then 0xFFFF's. */
static void put_format4(uint8_t *p, const mapping *m, size_t nbmp)
{
    size_t segs = nbmp + 1;
    unsigned range = 2;
    unsigned selector = 0;
    while (range * 2 <= 2 * segs)
        range *= 2, selector++;
    p = put16(p, 4);
    p = put16(p, (uint32_t)format4_length(nbmp));
    p = put16(p, 0);
    p = put16(p, (uint32_t)(2 * segs));
    p = put16(p, range);
    p = put16(p, selector);
    p = put16(p, (uint32_t)(2 * segs) - range);
    for (size_t i = 0; i < nbmp; i++)
        p = put16(p, m[i].cp); /* end codes */
    p = put16(put16(p, 0xFFFF), 0);
    for (size_t i = 0; i < nbmp; i++)
        p = put16(p, m[i].cp); /* start codes */
    p = put16(p, 0xFFFF);
    for (size_t i = 0; i < nbmp; i++)
        p = put16(p, (m[i].gid - m[i].cp) & 0xFFFF); /* deltas */
    p = put16(p, 1);
    memset(p, 0, 2 * segs); /* range offsets */
}

/* Format 12: a group per character. */
static void put_format12(uint8_t *p, const mapping *m, size_t n)
{
    p = put32(put16(put16(p, 12), 0), (uint32_t)(16 + 12 * n));
    p = put32(put32(p, 0), (uint32_t)n);
    for (size_t i = 0; i < n; i++)
        p = put32(put32(put32(p, m[i].cp), m[i].cp), m[i].gid);
}

static void put_record(uint8_t *p, uint32_t platform, uint32_t encoding, uint32_t offset)
{
    put32(put16(put16(p, platform), encoding), offset);
}

/* The cmap table of the mappings (NULL if format 4 cannot hold them). */
static hb_blob_t *cmap_of(const mapping *m, size_t n)
{
    size_t nbmp = 0;
    while (nbmp < n && m[nbmp].cp <= 0xFFFF)
        nbmp++;
    if (format4_length(nbmp) > 0xFFFF)
        return NULL;
    bool wide = nbmp < n;
    size_t records = wide ? 4 : 2, head = 4 + 8 * records, f4 = format4_length(nbmp), len = head + f4;
    len += wide ? 16 + 12 * n : 0;
    uint8_t *t = gp_xcalloc(len, 1);
    put16(put16(t, 0), (uint32_t)records);
    uint32_t at4 = (uint32_t)head, at12 = (uint32_t)(head + f4);
    if (wide) { /* (0,3) (0,4) (3,1) (3,10): sorted, as records must be */
        put_record(t + 4, 0, 3, at4), put_record(t + 12, 0, 4, at12);
        put_record(t + 20, 3, 1, at4), put_record(t + 28, 3, 10, at12);
        put_format12(t + at12, m, n);
    } else {
        put_record(t + 4, 0, 3, at4), put_record(t + 12, 3, 1, at4);
    }
    put_format4(t + at4, m, nbmp);
    return hb_blob_create((const char *)t, (unsigned)len, HB_MEMORY_MODE_READONLY, t, free);
}

static bool is_dropped(hb_tag_t tag, const hb_tag_t *drop, size_t ndrop)
{
    for (size_t i = 0; i < ndrop; i++)
        if (drop[i] == tag)
            return true;
    return tag == HB_TAG('c', 'm', 'a', 'p');
}

hb_face_t *gp_subset_face(hb_font_t *font, const gp_cid_font *cids, const hb_tag_t *drop, size_t ndrop)
{
    if (cids->cff)
        return NULL;
    size_t n;
    mapping *m = printed_mappings(font, cids, &n);
    hb_blob_t *cmap = cmap_of(m, n);
    free(m);
    if (!cmap)
        return NULL;
    hb_face_t *face = hb_font_get_face(font), *sub = hb_face_builder_create();
    hb_tag_t tags[32];
    for (unsigned start = 0, count = 32; count == 32; start += count) {
        count = sizeof tags / sizeof tags[0];
        count = hb_face_get_table_tags(face, start, &count, tags) ? count : 0;
        for (unsigned i = 0; i < count; i++)
            if (!is_dropped(tags[i], drop, ndrop)) {
                hb_blob_t *t = hb_face_reference_table(face, tags[i]);
                hb_face_builder_add_table(sub, tags[i], t);
                hb_blob_destroy(t);
            }
    }
    hb_face_builder_add_table(sub, HB_TAG('c', 'm', 'a', 'p'), cmap);
    hb_blob_destroy(cmap);
    return sub;
}
