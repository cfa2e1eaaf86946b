/* Shared by base/image*.c only: an image file in memory, and the checks
 * each file contributes to gp_image_probe and the decoders. Every check
 * writes its message into err (size errlen) and returns false on failure. */
#ifndef GP_IMAGE_INT_H
#define GP_IMAGE_INT_H

#include "image.h"

#include <stdint.h>

#define PNG_BAD "truncated or corrupt PNG image"
#define JPEG_BAD "truncated or corrupt JPEG image"

typedef struct blob {
    unsigned char *data;
    size_t len;
} blob;

/* image_read.c */
bool image_fail(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
bool image_read_file(const char *path, blob *b, char *err, size_t errlen);
bool image_check_size(long w, long h, char *err, size_t errlen);
bool image_is_png(const blob *b);
bool image_is_jpeg(const blob *b);
bool image_not_an_image(const blob *b, char *err, size_t errlen);

/* image_png.c */
bool image_png_structure(const blob *b, gp_image_info *info, char *err, size_t errlen);
bool image_png_check_rows(const blob *b, char *err, size_t errlen);
bool image_png_read_8bit(const blob *b, gp_image_pixels *out, char *err, size_t errlen);

/* image_jpeg.c */
bool image_jpeg_structure(const blob *b, gp_image_info *info, char *err, size_t errlen);

/* image_memo.c */
uint64_t image_content_hash(const blob *b);
bool image_memo_find(uint64_t h, size_t len, gp_image_info *info);
void image_memo_add(uint64_t h, size_t len, const gp_image_info *info);

#endif
