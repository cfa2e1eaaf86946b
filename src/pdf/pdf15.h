/* The PDF 1.5 writer: libharu's document saved as a compact PDF 1.5 file
 * (object streams, a cross-reference stream). How and why: pdf15.c and
 * README.md, "Speed and size". */
#ifndef GP_PDF15_H
#define GP_PDF15_H

#include <hpdf.h>
#include <stdbool.h>
#include <stddef.h>

/* Saves the document over the existing file at path (a temporary one),
 * deflating on two threads if `threaded`; false with a message in err if
 * it cannot be written. */
bool gp_pdf15_save(HPDF_Doc pdf, const char *path, bool threaded, char *err, size_t errlen);
/* libharu's uncompressed PDF 1.3 file as PDF 1.5 (malloc'd); false for any
 * file that is not in the form libharu writes. */
bool gp_pdf15_rewrite(const char *pdf, size_t size, bool threaded, char **out, size_t *out_size);

#endif
