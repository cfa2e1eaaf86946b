/* Whole-buffer zlib compression, the one of the program (the pages'
 * content streams, the PDF 1.5 writer's streams). */
#ifndef GP_DEFLATE_H
#define GP_DEFLATE_H

#include <stddef.h>

/* `in` (n bytes) as a zlib stream in a gp_xmalloc'd buffer of *out_len bytes. */
unsigned char *gp_deflate(const void *in, size_t n, size_t *out_len);

#endif
