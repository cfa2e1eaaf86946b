/* The PDF stage's text placement: every glyph lands where the layout
 * measured it. gp_content_tj writes a TJ array whose adjustments add
 * kerning and word spacing to /W and Tc; this test replays the pen, glyph
 * by glyph. Also: /W against HarfBuzz's advances, and saving as PDF 1.5. */
#include "harness.h"
#include "base/utf8.h"
#include "pdf/content.h"
#include "pdf/pdf15.h"
#include "pdf/quirks.h"

#include <hpdf_font.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The value of one literal-string byte at p (after any escape); moves p on. */
static unsigned string_byte(const char **p)
{
    const char *s = *p;
    unsigned c = (unsigned char)*s++;
    if (c == '\\') {
        c = (unsigned char)*s++;
        c = c == 'n' ? '\n' : c == 'r' ? '\r' : c;
    }
    *p = s;
    return c;
}

/* Replays "[(..) adj (..)] TJ" with Tc `char_space`: returns the largest
 * distance between where a visible glyph starts and where the layout put
 * it, in points (a space shows nothing and may be off). */
static double replay(const char *tj, const gp_cids *cids, const gp_face *face, double size, double char_space,
                     const uint32_t *cps, const double *adv, size_t n, size_t *glyphs)
{
    const char *p = strchr(tj, '[');
    double pen = 0, want = 0, worst = 0;
    size_t i = 0;
    while (p && *p && *p != ']') {
        if (*p == '(') {
            for (p++; *p != ')';) {
                unsigned cid = string_byte(&p) << 8;
                cid |= string_byte(&p);
                if (i >= n || cid != gp_cid(cids, cps[i]))
                    return 1e9; /* not the text that was shown */
                double err = pen - want;
                if (err < 0)
                    err = -err;
                if (err > worst && cps[i] != ' ')
                    worst = err;
                pen += gp_quirk_glyph_width(face, cps[i]) * size / 1000 + char_space;
                want += i < n ? adv[i] : 0;
                i++;
            }
            p++;
        } else if (*p == '-' || *p == '.' || (*p >= '0' && *p <= '9')) {
            char *end;
            pen -= strtod(p, &end) * size / 1000;
            p = end;
        } else {
            p++;
        }
    }
    *glyphs = i;
    return worst;
}

static void test_placement(const char *font_path, double size)
{
    gp_fontset fs = {0};
    gp_diags d = {0};
    gp_font_file file = {.path = font_path};
    gp_face *face = gp_fontset_open(&fs, &file, &d);
    CHECK(face != NULL);
    const char *text = "AVAWAY Typography: ‘quotes’ — kerning, “Tŷ” café naïve Yo.";
    uint32_t cps[128];
    size_t n = 0;
    for (const char *s = text; *s;) {
        uint32_t cp;
        s += gp_utf8_decode(s, strlen(s), &cp);
        cps[n++] = cp;
    }
    double adv[128], char_space = 0.017;
    gp_face_shape(face, cps, n, size, adv);
    for (size_t i = 0; i < n; i++) {
        gp_face_mark(face, cps[i]);
        if (cps[i] == ' ')
            adv[i] += 1.37; /* justified spaces */
        else if (i + 1 < n && cps[i + 1] != ' ')
            adv[i] += char_space; /* letter-spaced words */
    }
    gp_cids cids;
    gp_cids_init(&cids, &fs);
    char *content = malloc(n * 32 + 17);
    char *end = gp_content_tj(content, &cids, face, size, char_space, cps, adv, n);
    size_t glyphs = 0;
    double worst = replay(content, &cids, face, size, char_space, cps, adv, n, &glyphs);
    CHECK_EQ_INT(glyphs, n);
    CHECK(worst <= 0.01);
    CHECK(end - content > 7 && !memcmp(content, "[(", 2) && !memcmp(end - 5, ")]TJ\n", 5));
    free(content);
    gp_fontset_close(&fs);
    gp_diags_free(&d);
}

/* The width a viewer gives a CID: its /W entry, else /DW. */
static double pdf_width(HPDF_Dict desc, uint32_t cid)
{
    HPDF_Array w = HPDF_Dict_GetItem(desc, "W", HPDF_OCLASS_ARRAY);
    for (HPDF_UINT i = 0; w && i + 1 < HPDF_Array_Items(w); i += 2) {
        HPDF_Number first = HPDF_Array_GetItem(w, i, HPDF_OCLASS_NUMBER);
        HPDF_Array widths = HPDF_Array_GetItem(w, i + 1, HPDF_OCLASS_ARRAY);
        if (first && widths && cid >= (uint32_t)first->value &&
            cid < (uint32_t)first->value + HPDF_Array_Items(widths))
            return ((HPDF_Real)HPDF_Array_GetItem(widths, cid - (uint32_t)first->value, HPDF_OCLASS_REAL))->value;
    }
    /* as poppler reads it: an integer, or else 1000 */
    HPDF_Number dw = HPDF_Dict_GetItem(desc, "DW", HPDF_OCLASS_NUMBER);
    return dw ? dw->value : 1000;
}

/* What viewers use (/W) is each printed code point's advance as HarfBuzz
 * shapes it alone, the highest one included. */
static void test_widths(const char *font_path, int index, const char *text)
{
    gp_fontset fs = {0};
    gp_diags d = {0};
    gp_font_file file = {.path = font_path, .index = index};
    gp_face *face = gp_fontset_open(&fs, &file, &d);
    CHECK(face != NULL);
    for (const char *s = text; *s;) {
        uint32_t cp;
        s += gp_utf8_decode(s, strlen(s), &cp);
        gp_face_mark(face, cp);
    }
    gp_hpdf_error err = {0};
    HPDF_Doc pdf = gp_quirk_new_doc(&err);
    gp_cids cids;
    gp_cids_init(&cids, &fs);
    char msg[256];
    HPDF_Font font = gp_quirk_load_subset(pdf, face, &cids, msg, sizeof msg);
    CHECK(font != NULL);
    HPDF_Array descendants = font ? HPDF_Dict_GetItem(font, "DescendantFonts", HPDF_OCLASS_ARRAY) : NULL;
    HPDF_Dict desc = descendants ? HPDF_Array_GetItem(descendants, 0, HPDF_OCLASS_DICT) : NULL;
    CHECK(desc != NULL);
    if (!desc)
        return;
    int wrong = 0, checked = 0, unused_with_cid = 0;
    for (uint32_t cp = 0; cp < 0x10000; cp++) {
        if (!gp_face_uses(face, cp)) {
            unused_with_cid += gp_cid(&cids, cp) != 0;
            continue;
        }
        double shaped;
        gp_face_shape(face, &cp, 1, 1000, &shaped);
        checked++;
        /* CIDs number the printed code points 1, 2, 3... in order */
        CHECK_EQ_INT(gp_cid(&cids, cp), checked);
        double in_pdf = pdf_width(desc, gp_cid(&cids, cp));
        if (fabs(in_pdf - shaped) > 0.001) {
            fprintf(stderr, "  %s: U+%04X is %g wide in /W, %g shaped\n", font_path, cp, in_pdf, shaped);
            wrong++;
        }
    }
    CHECK(checked > 5);
    CHECK_EQ_INT(unused_with_cid, 0);
    CHECK_EQ_INT(wrong, 0);
    HPDF_Free(pdf);
    gp_fontset_close(&fs);
    gp_diags_free(&d);
}

/* ---- saving as PDF 1.5 (pdf15.c) ---- */

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    *n = 0;
    if (f && fseek(f, 0, SEEK_END) == 0) {
        long len = ftell(f);
        rewind(f);
        buf = malloc(len > 0 ? (size_t)len + 1 : 1);
        *n = buf ? fread(buf, 1, (size_t)len, f) : 0;
        buf[*n] = 0;
    }
    if (f)
        fclose(f);
    return buf;
}

/* qpdf's uncompressed, renumbered form of a file without its first lines
 * (the version) and its cross-reference section: what remains is every
 * object, stream data included. */
static char *normalised(const char *pdf, const char *dir, size_t *n)
{
    char cmd[2048], out[512];
    snprintf(out, sizeof out, "%s/normal.qdf", dir);
    snprintf(cmd, sizeof cmd,
             "qpdf --qdf --object-streams=disable --decode-level=generalized --compress-streams=n "
             "--normalize-content=n '%s' '%s' 2>/dev/null && sed -i -e '1,2d' -e '/^xref$/,$d' '%s'",
             pdf, out, out);
    return system(cmd) == 0 ? slurp(out, n) : NULL;
}

/* gp_pdf15_save to path, then the document freed: true if it was saved
 * and libharu reported no error. (It writes only over an existing file,
 * as over the temporary one a guide is written to.) */
static bool save_and_free(HPDF_Doc pdf, const gp_hpdf_error *err, const char *path, bool threaded)
{
    FILE *f = fopen(path, "wb");
    if (f)
        fclose(f);
    char msg[256];
    bool ok = gp_pdf15_save(pdf, path, threaded, msg, sizeof msg) && err->code == 0;
    HPDF_Free(pdf);
    return ok;
}

/* A document of libharu's, with text in two fonts, an image with alpha, an
 * outline and info: gp_pdf15_save writes the same objects as libharu's own
 * save, as PDF 1.5 with object streams, smaller, and valid for qpdf. */
static void test_save(void)
{
    char dir[] = "/tmp/gp-test-pdf-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    gp_hpdf_error err = {0};
    HPDF_Doc pdf = gp_quirk_new_doc(&err);
    HPDF_Font helv = HPDF_GetFont(pdf, "Helvetica", "StandardEncoding");
    gp_image img = {"content/images/influence-logo.png", {0}};
    char msg[256];
    CHECK(gp_image_probe(img.path, &img.info, msg, sizeof msg));
    CHECK(img.info.has_alpha);
    HPDF_Image image = gp_quirk_load_image(pdf, &img, msg, sizeof msg);
    CHECK(image != NULL);
    for (int p = 0; p < 3; p++) {
        HPDF_Page page = HPDF_AddPage(pdf);
        HPDF_Page_BeginText(page);
        HPDF_Page_SetFontAndSize(page, helv, 12);
        for (int line = 0; line < 40; line++) {
            char text[80];
            snprintf(text, sizeof text, "Page %d, line %d: (parentheses) and endobj endstream", p, line);
            HPDF_Page_TextOut(page, 50, (HPDF_REAL)(780 - 18 * line), text);
        }
        HPDF_Page_EndText(page);
        if (image)
            HPDF_Page_DrawImage(page, image, 400, 700, 100, 50);
        HPDF_Outline o = HPDF_CreateOutline(pdf, NULL, "Chapter (one)", NULL);
        HPDF_Outline_SetDestination(o, HPDF_Page_CreateDestination(page));
    }
    gp_quirk_set_info(pdf, HPDF_INFO_TITLE, "A title with endobj in it");
    unsigned char id[16] = {1, 2, 3};
    gp_quirk_set_id(pdf, id);
    char raw[600], compact[600];
    snprintf(raw, sizeof raw, "%s/raw.pdf", dir);
    snprintf(compact, sizeof compact, "%s/compact.pdf", dir);
    CHECK(HPDF_SaveToFile(pdf, raw) == HPDF_OK);
    CHECK(save_and_free(pdf, &err, compact, true));

    size_t nraw, ncompact, n1 = 0, n2 = 0;
    char *a = slurp(raw, &nraw), *b = slurp(compact, &ncompact);
    CHECK(a && b && !strncmp(a, "%PDF-1.3", 8) && !strncmp(b, "%PDF-1.5", 8));
    CHECK(b && memmem(b, ncompact, "/Type /ObjStm", 13) && memmem(b, ncompact, "/Type /XRef", 11));
    CHECK(ncompact < nraw / 2);
    char cmd[700];
    snprintf(cmd, sizeof cmd, "qpdf --check '%s' >/dev/null 2>&1", compact);
    CHECK(system(cmd) == 0);
    char *na = normalised(raw, dir, &n1), *nb = normalised(compact, dir, &n2);
    CHECK(na && nb && n1 > 1000);
    CHECK(na && nb && n1 == n2 && !memcmp(na, nb, n1));

    /* anything but libharu's form is refused, whole or cut short or
     * damaged anywhere: never read out of bounds (ASan) */
    char *out, *alone;
    size_t nout, nalone;
    CHECK(gp_pdf15_rewrite(a, nraw, true, &out, &nout));
    CHECK(gp_pdf15_rewrite(a, nraw, false, &alone, &nalone)); /* one thread or two: the same bytes */
    CHECK(out && alone && nout == nalone && !memcmp(out, alone, nout));
    free(out), free(alone);
    CHECK(!gp_pdf15_rewrite("%PDF-1.3\n", 9, true, &out, &nout) && out == NULL);
    CHECK(!gp_pdf15_rewrite(b, ncompact, true, &out, &nout));
    size_t refused = 0;
    for (size_t cut = 0; a && cut < nraw; cut += 1 + cut / 50) {
        char *part = malloc(cut + 1);
        memcpy(part, a, cut);
        refused += !gp_pdf15_rewrite(part, cut, cut % 2, &out, &nout);
        free(out);
        free(part);
    }
    CHECK(refused > 100);
    uint32_t seed = 7;
    for (int k = 0; a && k < 3000; k++) {
        char *copy = malloc(nraw);
        memcpy(copy, a, nraw);
        seed = seed * 1103515245u + 12345u;
        size_t at = nraw - 1 - (seed >> 8) % (nraw < 4096 ? nraw : 4096); /* the tail: xref and trailer */
        if (k % 2)
            at = (seed >> 4) % nraw;
        copy[at] = (char)(seed >> 24);
        if (gp_pdf15_rewrite(copy, nraw, k % 2, &out, &nout))
            free(out);
        free(copy);
    }
    free(a), free(b), free(na), free(nb);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK(system(cmd) == 0);
}

/* A stream whose data ends in a carriage return (0x0D, as deflated data or
 * an image's pixels may): it is data, not part of the line end before
 * "endstream", so the file is still written as PDF 1.5, and qpdf reads
 * back every byte. */
static void test_save_stream_ending_in_cr(void)
{
    char dir[] = "/tmp/gp-test-pdf-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    gp_hpdf_error err = {0};
    HPDF_Doc pdf = gp_quirk_new_doc(&err);
    HPDF_Page page = HPDF_AddPage(pdf);
    HPDF_PageAttr attr = page->attr;
    static const char content[] = "0 0 1 rg 10 10 100 100 re f\r";
    CHECK(HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)content, sizeof content - 1) == HPDF_OK);
    unsigned contents = attr->contents->header.obj_id & 0xFFFFFF;
    char path[600];
    snprintf(path, sizeof path, "%s/cr.pdf", dir);
    CHECK(save_and_free(pdf, &err, path, false));
    size_t n;
    char *b = slurp(path, &n);
    CHECK(b && n > 8 && !strncmp(b, "%PDF-1.5", 8));
    char cmd[1400];
    snprintf(cmd, sizeof cmd, "qpdf --check '%s' >/dev/null 2>&1", path);
    CHECK(system(cmd) == 0);
    snprintf(cmd, sizeof cmd, "qpdf --show-object=%u --filtered-stream-data '%s' >'%s/data' 2>/dev/null", contents, path,
             dir);
    size_t ndata = 0;
    char data_path[620];
    snprintf(data_path, sizeof data_path, "%s/data", dir);
    CHECK(system(cmd) == 0);
    char *data = slurp(data_path, &ndata);
    CHECK(data && ndata == sizeof content - 1 && !memcmp(data, content, ndata));
    free(b), free(data);
    remove_tree(dir);
}

int main(void)
{
    test_save();
    test_save_stream_ending_in_cr();
    test_widths("fonts/NotoSerif-Regular.ttf", 0, "Typography “quoted” — café");
    test_widths("fonts/Lato-Bold.ttf", 0, "AVAWAY 130 million");
    test_widths("fonts/OpenSans-Italic.ttf", 0, "We’re all educated to be patriotic"); /* 2048 units an em */
    test_widths("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0, "二郎は鮨の夢を見る");
    static const double sizes[] = {8, 10.5, 14.5, 26, 40};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        test_placement("fonts/NotoSerif-Regular.ttf", sizes[i]);
        test_placement("fonts/Lato-Bold.ttf", sizes[i]);
        test_placement("fonts/OpenSans-Italic.ttf", sizes[i]);
    }
    return harness_report();
}
