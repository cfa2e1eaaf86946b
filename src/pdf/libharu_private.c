/* libharu's private structures: see libharu_private.h. Checked against
 * libharu 2.3.0: HPDF_Doc's mmgr, xref, trailer, catalog, info, cur_encoder and stream;
 * HPDF_Dict's stream, filter, write_fn, mmgr and header.obj_class; HPDF_Page's
 * attr->contents and attr->stream, and its own Resources dictionary;
 * HPDF_Stream_Rec's attr, error and free_fn, and that HPDF_SaveToStream
 * saves into HPDF_Doc's stream if it has one. */
#include "libharu_private.h"

#include "base/arena.h"

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <stdint.h>
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

void gp_hpdf_set_info_literal(HPDF_Doc pdf, HPDF_InfoType type, const char *value)
{
    HPDF_Encoder saved = pdf->cur_encoder;
    pdf->cur_encoder = NULL;
    HPDF_SetInfoAttr(pdf, type, value);
    pdf->cur_encoder = saved;
}

/* ---- stream data without libharu's copies ----
 *
 * libharu's memory streams copy byte by byte (HPDF_MemCpy): once when
 * data is written to a stream, again when the document is saved and it
 * is read back, and a third time into the saved document. Streams of
 * data kept elsewhere are read from it in place (an HPDF_Stream of type
 * CALLBACK, HPDF_Stream_Rec's fields), and the document is saved into
 * one growing buffer with memcpy. */

typedef struct borrowed {
    const unsigned char *data;
    size_t len, pos;
    void (*release)(void *);
    void *arg;
} borrowed;

static HPDF_STATUS borrowed_read(HPDF_Stream s, HPDF_BYTE *ptr, HPDF_UINT *size)
{
    borrowed *b = s->attr;
    size_t n = b->len - b->pos < *size ? b->len - b->pos : *size;
    memcpy(ptr, b->data + b->pos, n);
    b->pos += n;
    bool short_read = n < *size;
    *size = (HPDF_UINT)n;
    return short_read ? HPDF_STREAM_EOF : HPDF_OK;
}

static HPDF_STATUS borrowed_seek(HPDF_Stream s, HPDF_INT pos, HPDF_WhenceMode mode)
{
    borrowed *b = s->attr;
    long long at = mode == HPDF_SEEK_SET ? pos : mode == HPDF_SEEK_CUR ? (long long)b->pos + pos : (long long)b->len - pos;
    if (at < 0 || at > (long long)b->len)
        return HPDF_SetError(s->error, HPDF_STREAM_EOF, 0);
    b->pos = (size_t)at;
    return HPDF_OK;
}

static HPDF_INT32 borrowed_tell(HPDF_Stream s)
{
    return (HPDF_INT32)((borrowed *)s->attr)->pos;
}

static HPDF_UINT32 borrowed_size(HPDF_Stream s)
{
    return (HPDF_UINT32)((borrowed *)s->attr)->len;
}

static void borrowed_free(HPDF_Stream s)
{
    borrowed *b = s->attr;
    if (b && b->release)
        b->release(b->arg);
    free(b);
    s->attr = NULL;
}

/* A stream reading data in place; NULL if memory runs out. */
static HPDF_Stream borrowed_stream(HPDF_MMgr mmgr, const void *data, size_t len, void (*release)(void *), void *arg)
{
    borrowed *b = gp_xmalloc(sizeof *b);
    *b = (borrowed){data, len, 0, release, arg};
    HPDF_Stream s = HPDF_CallbackReader_New(mmgr, borrowed_read, borrowed_seek, borrowed_tell, borrowed_size, b);
    if (!s) {
        free(b);
        return NULL;
    }
    s->free_fn = borrowed_free;
    return s;
}

bool gp_hpdf_stream_borrow(HPDF_Dict stream, const void *data, size_t len, void (*release)(void *), void *arg)
{
    HPDF_Stream s = len <= UINT32_MAX ? borrowed_stream(stream->mmgr, data, len, release, arg) : NULL;
    if (!s) {
        if (release)
            release(arg);
        return false;
    }
    HPDF_Stream_Free(stream->stream);
    stream->stream = s;
    return true;
}

bool gp_hpdf_borrow_content(HPDF_Page page, const unsigned char *data, size_t len)
{
    HPDF_PageAttr attr = page->attr;
    if (!gp_hpdf_stream_borrow(attr->contents, data, len, NULL, NULL))
        return false;
    attr->stream = attr->contents->stream; /* the page's operators' stream: the same one */
    attr->contents->filter = HPDF_STREAM_FILTER_NONE;
    attr->contents->write_fn = write_flate_filter;
    return true;
}

/* The saved document's buffer (malloc'd, grown by half). */
typedef struct saved {
    char *p;
    size_t n, cap;
} saved;

static HPDF_STATUS saved_write(HPDF_Stream s, const HPDF_BYTE *ptr, HPDF_UINT size)
{
    saved *b = s->attr;
    if (b->n + size > b->cap) {
        b->cap = (b->n + size) * 3 / 2 + 65536;
        b->p = gp_xrealloc(b->p, b->cap);
    }
    memcpy(b->p + b->n, ptr, size);
    b->n += size;
    return HPDF_OK;
}

/* libharu saves into the stream it finds in HPDF_Doc's `stream` field
 * (HPDF_SaveToStream makes a memory stream only if there is none). */
char *gp_hpdf_saved_bytes(HPDF_Doc pdf, size_t *size)
{
    saved b = {0};
    if (pdf->stream || !(pdf->stream = HPDF_CallbackWriter_New(pdf->mmgr, saved_write, &b)))
        return NULL;
    bool ok = HPDF_SaveToStream(pdf) == HPDF_OK;
    HPDF_Stream_Free(pdf->stream);
    pdf->stream = NULL;
    if (!ok) {
        free(b.p);
        return NULL;
    }
    *size = b.n;
    return b.p ? b.p : gp_xmalloc(1);
}
