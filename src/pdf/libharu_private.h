/* Every use of libharu's private structures (hpdf_doc.h, hpdf_objects.h,
 * hpdf_pages.h: the fields of HPDF_Doc, HPDF_Dict and HPDF_Page that its
 * public API does not reach), in one place. Checked against libharu 2.3.0
 * (Debian 12); a new libharu version means reading libharu_private.c
 * again. */
#ifndef GP_LIBHARU_PRIVATE_H
#define GP_LIBHARU_PRIVATE_H

#include <hpdf.h>
#include <stdbool.h>
#include <stddef.h>

/* An indirect dictionary; NULL if memory runs out. */
HPDF_Dict gp_hpdf_new_dict(HPDF_Doc pdf);
/* An indirect stream dictionary libharu writes as it is (not deflated). */
HPDF_Dict gp_hpdf_new_stream(HPDF_Doc pdf);
/* A direct array or dictionary in the document's memory. */
HPDF_Array gp_hpdf_new_array(HPDF_Doc pdf);
HPDF_Dict gp_hpdf_new_direct_dict(HPDF_Doc pdf);
/* A box as an array of four numbers. */
HPDF_Array gp_hpdf_new_box(HPDF_Doc pdf, HPDF_Box box);
HPDF_String gp_hpdf_new_string(HPDF_Doc pdf, const char *s);
HPDF_Binary gp_hpdf_new_binary(HPDF_Doc pdf, const unsigned char *data, size_t len);
/* Writes to a stream dictionary's data. */
HPDF_STATUS gp_hpdf_stream_write(HPDF_Dict stream, const void *data, size_t len);
HPDF_STATUS gp_hpdf_stream_write_str(HPDF_Dict stream, const char *s);
/* Marks a dictionary as a font, so that pages accept it as one. */
void gp_hpdf_mark_font(HPDF_Dict font);
/* A stream of data compressed already: an image XObject whose dictionary
 * gets /Filter /FlateDecode (libharu would drop it). */
HPDF_Dict gp_hpdf_new_flate_image(HPDF_Doc pdf);
/* Adds an entry to a category of a page's resources (/ColorSpace...). */
bool gp_hpdf_page_add_resource(HPDF_Page page, const char *category, const char *name, void *obj);
/* Makes data[0, len) a stream dictionary's data, read in place when the
 * document is saved (no copy); release(arg) is called when libharu frees
 * the stream (NULL: the data outlives the document), or at once if this
 * fails (false: memory ran out). */
bool gp_hpdf_stream_borrow(HPDF_Dict stream, const void *data, size_t len, void (*release)(void *), void *arg);
/* Makes data, deflated already, a page's content, read in place: it must
 * stay until the document is saved. */
bool gp_hpdf_borrow_content(HPDF_Page page, const unsigned char *data, size_t len);
/* Adds a key to the trailer. */
void gp_hpdf_trailer_add(HPDF_Doc pdf, const char *key, void *obj);
/* The document catalog and info dictionaries (the info one NULL until an
 * entry is set). */
HPDF_Dict gp_hpdf_catalog(HPDF_Doc pdf);
HPDF_Dict gp_hpdf_info(HPDF_Doc pdf);
/* Sets an info string as a literal, whatever the document's encoder. */
void gp_hpdf_set_info_literal(HPDF_Doc pdf, HPDF_InfoType type, const char *value);
/* Saves the document into one buffer (malloc'd); NULL if libharu cannot
 * save it. */
char *gp_hpdf_saved_bytes(HPDF_Doc pdf, size_t *size);

#endif
