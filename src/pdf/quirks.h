/* Every workaround for libharu 2.3.0 (Debian 12), in one place.
 * See quirks.c for the measured fault behind each one; pdf15.c writes the
 * file again as PDF 1.5 (the last). */
#ifndef GP_QUIRKS_H
#define GP_QUIRKS_H

#include <hpdf.h>
#include <hpdf_encoder.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Error state that libharu's handler fills in instead of jumping. */
typedef struct gp_hpdf_error {
    HPDF_STATUS code, detail;
} gp_hpdf_error;

HPDF_Doc gp_quirk_new_doc(gp_hpdf_error *err);
/* A page's content, deflated, naming fonts /F1... and images /X1... in
 * the order given; false if libharu would name them otherwise. The data
 * is read in place when the document is saved: it must stay until then. */
bool gp_quirk_set_content(HPDF_Page page, const unsigned char *data, size_t len, const HPDF_Font *fonts,
                          size_t nfonts, const HPDF_Image *images, size_t nimages);
/* A link without the box viewers would otherwise draw, its URI percent-encoded. */
HPDF_Annotation gp_quirk_link(HPDF_Page page, HPDF_Rect rect, const char *url);
/* A document /ID (libharu writes one only when encrypting): two copies of
 * a 16-byte digest, so identical guides get identical files. */
void gp_quirk_set_id(HPDF_Doc pdf, const unsigned char id[16]);
/* Info dates from SOURCE_DATE_EPOCH, in the form libharu writes correctly. */
void gp_quirk_set_dates(HPDF_Doc pdf, long long epoch);
/* A text string (UTF-8 s): a literal for printable ASCII, else UTF-16BE
 * in hex; an HPDF_String or HPDF_Binary, NULL if memory runs out. */
void *gp_quirk_text_string(HPDF_Doc pdf, const char *s);
/* A document info string (title, author, subject or creator), as
 * gp_quirk_text_string writes it. */
void gp_quirk_set_info(HPDF_Doc pdf, HPDF_InfoType type, const char *value);

#endif
