/* The PDF stage's text placement: every glyph lands where the layout
 * measured it. gp_quirk_show_text writes a TJ array whose adjustments
 * add kerning and word spacing to /W and Tc; this test reads the array
 * back from the page's content stream and replays the pen, glyph by glyph. */
#include "harness.h"
#include "base/utf8.h"
#include "pdf/quirks.h"

#include <hpdf_font.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static char *page_content(HPDF_Page page)
{
    HPDF_Stream s = ((HPDF_PageAttr)page->attr)->stream;
    HPDF_UINT32 size = HPDF_Stream_Size(s);
    char *buf = calloc(size + 1, 1);
    HPDF_UINT len = size;
    HPDF_Stream_Seek(s, 0, HPDF_SEEK_SET);
    HPDF_Stream_Read(s, (HPDF_BYTE *)buf, &len);
    buf[len] = 0;
    return buf;
}

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
static double replay(const char *tj, const gp_face *face, double size, double char_space, const uint32_t *cps,
                     const double *adv, size_t n, size_t *glyphs)
{
    const char *p = strchr(tj, '[');
    double pen = 0, want = 0, worst = 0;
    size_t i = 0;
    while (p && *p && *p != ']') {
        if (*p == '(') {
            for (p++; *p != ')';) {
                unsigned cp = string_byte(&p) << 8;
                cp |= string_byte(&p);
                double err = pen - want;
                if (err < 0)
                    err = -err;
                if (err > worst && cp != ' ')
                    worst = err;
                if (i < n && cp != cps[i])
                    return 1e9; /* not the text that was shown */
                pen += gp_quirk_glyph_width(face, cp) * size / 1000 + char_space;
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
    gp_hpdf_error err = {0};
    HPDF_Doc pdf = gp_quirk_new_doc(&err);
    char msg[256];
    HPDF_Font font = gp_quirk_load_subset(pdf, face, msg, sizeof msg);
    CHECK(font != NULL);
    HPDF_Page page = HPDF_AddPage(pdf);
    HPDF_Page_BeginText(page);
    HPDF_Page_SetFontAndSize(page, font, (HPDF_REAL)size);
    gp_quirk_show_text(page, face, size, char_space, cps, adv, n);
    HPDF_Page_EndText(page);
    char *content = page_content(page);
    size_t glyphs = 0;
    double worst = replay(strstr(content, "[("), face, size, char_space, cps, adv, n, &glyphs);
    CHECK_EQ_INT(glyphs, n);
    CHECK(worst <= 0.01);
    CHECK_EQ_INT(err.code, 0);
    free(content);
    HPDF_Free(pdf);
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
    HPDF_Real dw = HPDF_Dict_GetItem(desc, "DW", HPDF_OCLASS_REAL);
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
    gp_quirk_saved_encoder saved;
    gp_quirk_narrow_encoder(pdf, face->used, &saved);
    char msg[256];
    HPDF_Font font = gp_quirk_load_subset(pdf, face, msg, sizeof msg);
    gp_quirk_restore_encoder(pdf, &saved);
    CHECK(font != NULL);
    HPDF_Dict desc = ((HPDF_FontAttr)font->attr)->descendant_font;
    int wrong = 0, checked = 0;
    for (uint32_t cp = 0; cp < 0x10000; cp++) {
        if (!gp_face_uses(face, cp))
            continue;
        double shaped;
        gp_face_shape(face, &cp, 1, 1000, &shaped);
        checked++;
        if (fabs(pdf_width(desc, cp) - shaped) > 0.001) {
            fprintf(stderr, "  %s: U+%04X is %g wide in /W, %g shaped\n", font_path, cp, pdf_width(desc, cp), shaped);
            wrong++;
        }
    }
    CHECK(checked > 5);
    CHECK_EQ_INT(wrong, 0);
    HPDF_Free(pdf);
    gp_fontset_close(&fs);
    gp_diags_free(&d);
}

int main(void)
{
    test_widths("fonts/NotoSerif-Regular.ttf", 0, "Typography “quoted” — café");
    test_widths("fonts/Lato-Bold.ttf", 0, "AVAWAY 130 million");
    test_widths("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0, "二郎は鮨の夢を見る");
    static const double sizes[] = {8, 10.5, 14.5, 26, 40};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        test_placement("fonts/NotoSerif-Regular.ttf", sizes[i]);
        test_placement("fonts/Lato-Bold.ttf", sizes[i]);
        test_placement("fonts/OpenSans-Italic.ttf", sizes[i]);
    }
    return harness_report();
}
