/* libharu 2.3.0 workarounds, one note each (measured). Fonts and images are built by
 * font_embed.c and image_embed.c instead of libharu's loaders (why: the
 * comments there); the fields of libharu's structures it does not export
 * are reached only in libharu_private.c.
 *
 * 1. Errors: the default handler is missing or jumps; ours records the
 *    code, and since errors are sticky the writer checks once per page.
 * 4. Text: no kerning, no Tw for two-byte fonts, and its page operators
 *    can only be called from the thread that owns the document, each one
 *    formatted slowly. content.c writes the pages' operators itself (on
 *    another thread, while the fonts load): Tc carries a line's letter
 *    spacing, and every glyph run is one TJ array whose few adjustments
 *    (kerning, word spaces, marks) put each glyph exactly where HarfBuzz
 *    and the layout put it. Each page gets that stream deflated, with its
 *    fonts and images registered in the order that gives the names it
 *    uses.
 * 5. Links: annotations get a 1 pt border by default; URIs are written raw.
 * 7. Dates: only the '+' zone with zero offsets is written correctly.
 * 8. /ID: written only for encrypted documents; added to the trailer here.
 * 9. Strings: with the UTF-8 encoder every string (title, outline entry)
 *    is written as UTF-16 in hex, four bytes for each ASCII letter, and
 *    loading that encoder costs 1.4 M instructions a document (a 64 K
 *    table cleared byte by byte). Plain ASCII strings are written as
 *    literal strings, others as UTF-16BE with its byte order mark, in hex
 *    made here.
 * 10. Saving: PDF 1.3 only, all structure uncompressed, a separate object
 *    per stream length, streams deflated one at a time. libharu saves
 *    uncompressed to memory and pdf15.c writes the file again as
 *    PDF 1.5 with object streams, deflating on two threads. */
#include "quirks.h"

#include "base/arena.h"
#include "base/utf8.h"
#include "pdf/libharu_private.h"

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
    HPDF_SetCompressionMode(pdf, HPDF_COMP_NONE); /* 10: streams are deflated on saving */
    return pdf;
}

/* ---- 5. links ---- */

HPDF_Annotation gp_quirk_link(HPDF_Page page, HPDF_Rect rect, const char *url)
{
    size_t n = strlen(url);
    char *enc = gp_xmalloc(n * 3 + 1), *o = enc;
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
    return a;
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
    return gp_hpdf_borrow_content(page, data, len);
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
    HPDF_Array ids = gp_hpdf_new_array(pdf);
    if (!ids)
        return;
    HPDF_Array_Add(ids, gp_hpdf_new_binary(pdf, id, 16));
    HPDF_Array_Add(ids, gp_hpdf_new_binary(pdf, id, 16));
    gp_hpdf_trailer_add(pdf, "ID", ids);
}

/* ---- 9. strings ---- */

static bool printable_ascii(const char *s)
{
    for (const char *p = s; *p; p++)
        if (*p < 0x20 || *p > 0x7E)
            return false;
    return true;
}

void *gp_quirk_text_string(HPDF_Doc pdf, const char *s)
{
    if (printable_ascii(s)) /* reads the same in PDFDocEncoding */
        return gp_hpdf_new_string(pdf, s);
    size_t len = strlen(s), n = 2;
    unsigned char *utf16 = gp_xmalloc(2 * len + 2); /* at most two bytes a UTF-8 byte */
    utf16[0] = 0xFE, utf16[1] = 0xFF;
    for (size_t i = 0; i < len;) {
        uint32_t c, units[2];
        i += gp_utf8_decode(s + i, len - i, &c);
        int k = c > 0xFFFF ? 2 : 1;
        units[0] = k == 2 ? 0xD800 + ((c - 0x10000) >> 10) : c, units[1] = 0xDC00 + ((c - 0x10000) & 0x3FF);
        for (int u = 0; u < k; u++)
            utf16[n++] = (unsigned char)(units[u] >> 8), utf16[n++] = (unsigned char)units[u];
    }
    HPDF_Binary b = gp_hpdf_new_binary(pdf, utf16, n);
    free(utf16);
    return b;
}

static const char *info_key(HPDF_InfoType type)
{
    switch (type) {
    case HPDF_INFO_AUTHOR: return "Author";
    case HPDF_INFO_CREATOR: return "Creator";
    case HPDF_INFO_SUBJECT: return "Subject";
    default: return "Title";
    }
}

void gp_quirk_set_info(HPDF_Doc pdf, HPDF_InfoType type, const char *value)
{
    gp_hpdf_set_info_literal(pdf, type, ""); /* makes the dictionary and its entry, in libharu's order */
    HPDF_Dict_Add(gp_hpdf_info(pdf), info_key(type), gp_quirk_text_string(pdf, value));
}
