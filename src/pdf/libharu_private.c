/* libharu's private structures: see libharu_private.h. Checked against
 * libharu 2.3.0: HPDF_Doc's mmgr, xref, trailer, catalog, info, cur_encoder and stream;
 * HPDF_Dict's stream, filter, write_fn, mmgr and header.obj_class; HPDF_Page's
 * attr->contents and attr->stream, and its own Resources dictionary. */
#include "libharu_private.h"

#include "base/arena.h"

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <stdlib.h>
#include <string.h>

HPDF_Dict gp_hpdf_new_dict(HPDF_Doc pdf)
{
    HPDF_Dict d = HPDF_Dict_New(pdf->mmgr);
    return d && HPDF_Xref_Add(pdf->xref, d) == HPDF_OK ? d : NULL; /* Xref_Add frees d if it fails */
}

HPDF_Dict gp_hpdf_new_stream(HPDF_Doc pdf)
{
    HPDF_Dict d = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (d)
        d->filter = HPDF_STREAM_FILTER_NONE; /* the whole file is deflated on saving (quirks.c, 10) */
    return d;
}

HPDF_Array gp_hpdf_new_array(HPDF_Doc pdf)
{
    return HPDF_Array_New(pdf->mmgr);
}

HPDF_Dict gp_hpdf_new_direct_dict(HPDF_Doc pdf)
{
    return HPDF_Dict_New(pdf->mmgr);
}

HPDF_Array gp_hpdf_new_box(HPDF_Doc pdf, HPDF_Box box)
{
    return HPDF_Box_Array_New(pdf->mmgr, box);
}

HPDF_String gp_hpdf_new_string(HPDF_Doc pdf, const char *s)
{
    return HPDF_String_New(pdf->mmgr, s, NULL);
}

HPDF_String gp_hpdf_new_string_with(HPDF_Doc pdf, const char *s, HPDF_Encoder enc)
{
    return HPDF_String_New(pdf->mmgr, s, enc);
}

HPDF_Binary gp_hpdf_new_binary(HPDF_Doc pdf, const unsigned char *data, size_t len)
{
    return HPDF_Binary_New(pdf->mmgr, (HPDF_BYTE *)data, (HPDF_UINT)len);
}

HPDF_STATUS gp_hpdf_stream_write(HPDF_Dict stream, const void *data, size_t len)
{
    return HPDF_Stream_Write(stream->stream, data, (HPDF_UINT)len);
}

HPDF_STATUS gp_hpdf_stream_write_str(HPDF_Dict stream, const char *s)
{
    return HPDF_Stream_WriteStr(stream->stream, s);
}

void gp_hpdf_mark_font(HPDF_Dict font)
{
    font->header.obj_class |= HPDF_OSUBCLASS_FONT;
}

/* libharu drops a /Filter key from streams it does not compress itself. */
static HPDF_STATUS write_flate_filter(HPDF_Dict obj, HPDF_Stream s)
{
    (void)obj;
    return HPDF_Stream_WriteStr(s, "/Filter /FlateDecode\012");
}

HPDF_Dict gp_hpdf_new_flate_image(HPDF_Doc pdf)
{
    HPDF_Dict img = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (img) {
        img->header.obj_class |= HPDF_OSUBCLASS_XOBJECT; /* what HPDF_Page_DrawImage checks */
        img->filter = HPDF_STREAM_FILTER_NONE;            /* the data is compressed already */
        img->write_fn = write_flate_filter;
    }
    return img;
}

bool gp_hpdf_page_add_resource(HPDF_Page page, const char *category, const char *name, void *obj)
{
    /* every page has its own Resources dictionary (libharu's HPDF_Page_New) */
    HPDF_Dict resources = HPDF_Dict_GetItem(page, "Resources", HPDF_OCLASS_DICT);
    if (!resources)
        return false;
    HPDF_Dict entries = HPDF_Dict_GetItem(resources, category, HPDF_OCLASS_DICT);
    if (!entries) {
        entries = HPDF_Dict_New(page->mmgr);
        if (!entries || HPDF_Dict_Add(resources, category, entries) != HPDF_OK)
            return false;
    }
    return HPDF_Dict_Add(entries, name, obj) == HPDF_OK;
}

bool gp_hpdf_set_deflated_content(HPDF_Page page, const unsigned char *data, size_t len)
{
    HPDF_PageAttr attr = page->attr;
    attr->contents->filter = HPDF_STREAM_FILTER_NONE;
    attr->contents->write_fn = write_flate_filter;
    return HPDF_Stream_Write(attr->stream, data, (HPDF_UINT)len) == HPDF_OK;
}

void gp_hpdf_trailer_add(HPDF_Doc pdf, const char *key, void *obj)
{
    HPDF_Dict_Add(pdf->trailer, key, obj);
}

HPDF_Dict gp_hpdf_catalog(HPDF_Doc pdf)
{
    return pdf->catalog;
}

HPDF_Dict gp_hpdf_info(HPDF_Doc pdf)
{
    return pdf->info;
}

void gp_hpdf_set_info_with(HPDF_Doc pdf, HPDF_InfoType type, const char *value, HPDF_Encoder enc)
{
    HPDF_Encoder saved = pdf->cur_encoder;
    pdf->cur_encoder = enc;
    HPDF_SetInfoAttr(pdf, type, value);
    pdf->cur_encoder = saved;
}

/* libharu's saved document, in one buffer: copied from its memory
 * stream's blocks (HPDF_ReadFromStream copies byte by byte): HPDF_Doc's
 * stream, HPDF_MemStreamAttr's buf and buf_siz (hpdf_streams.h). */
char *gp_hpdf_saved_bytes(HPDF_Doc pdf, size_t *size)
{
    if (HPDF_SaveToStream(pdf) != HPDF_OK || !pdf->stream || pdf->stream->type != HPDF_STREAM_MEMORY)
        return NULL;
    HPDF_MemStreamAttr blocks = pdf->stream->attr;
    size_t n = pdf->stream->size, got = 0;
    char *bytes = gp_xmalloc(n ? n : 1);
    for (HPDF_UINT i = 0; got < n && i < blocks->buf->count; i++) {
        size_t k = n - got < blocks->buf_siz ? n - got : blocks->buf_siz;
        memcpy(bytes + got, HPDF_List_ItemAt(blocks->buf, i), k);
        got += k;
    }
    if (got != n) {
        free(bytes);
        return NULL;
    }
    *size = n;
    return bytes;
}
