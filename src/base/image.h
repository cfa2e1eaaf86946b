/* Image validation and PNG decoding, done before libharu sees an image.
 *
 * libharu 2.3.0 aborts the process on a truncated or corrupt PNG, cannot load
 * interlaced PNGs and embeds truncated JPEGs silently, so every image is
 * checked here first, and its pixel size is reported for layout. */
#ifndef GP_IMAGE_H
#define GP_IMAGE_H

#include <stdbool.h>
#include <stddef.h>

/* Limits on any image: each side, and the pixel count. */
#define GP_IMAGE_MAX_SIDE 12000
#define GP_IMAGE_MAX_PIXELS 100000000L
#define GP_IMAGE_MAX_FILE_BYTES (64L * 1024 * 1024)

typedef enum { GP_IMAGE_PNG, GP_IMAGE_JPEG } gp_image_kind;

typedef struct gp_image_info {
    gp_image_kind kind;
    int width, height;        /* pixels, as drawn: a JPEG's stored size turned by its orientation */
    bool interlaced;          /* PNG only: libharu cannot load these; the PDF stage must use gp_image_decode_rgb */
    bool has_alpha;           /* PNG colour type 4 or 6, or a tRNS chunk */
    int colors;               /* colour components as stored: 1 grey, 3 RGB (a palette PNG too), 4 CMYK */
    bool adobe;               /* JPEG: an Adobe APP14 marker, whose CMYK (or YCCK) samples are stored
                                 inverted (Photoshop's convention); other CMYK JPEGs are stored as read */
    int orientation;          /* JPEG: its Exif Orientation, 1 to 8 (1: as stored; 5 to 8 turn
                                 it a quarter, so width and height are swapped); PNG: 1 */
} gp_image_info;

/* A checked image: its file and what the check found. */
typedef struct gp_image {
    const char *path;         /* (for a PNG in memory, its name) */
    gp_image_info info;
    const unsigned char *png; /* a PNG in memory (a colour glyph's, text/font.h), or NULL */
    size_t png_len;
} gp_image;

/* Validates an image file fully and reports its size. Returns true if the
 * file is a complete, decodable PNG or baseline/progressive JPEG within the
 * limits above. On failure writes a human message (no trailing period, e.g.
 * "not a PNG or JPEG image", "truncated or corrupt PNG image",
 * "image is 100000x100000 pixels; the limit is 12000x12000") into err (size
 * errlen) and returns false. Never aborts, crashes, hangs or leaks, whatever
 * the bytes. Only regular files are accepted ("not a regular file"); files
 * over 64 MiB are refused ("image file is larger than 64 MiB").
 *
 * A PNG is decoded in full (so corrupt pixel data is caught). A JPEG's
 * markers are walked up to its EOI, which catches truncation but not damage
 * inside the compressed data; data after the EOI is tolerated. out may be
 * NULL; err may be NULL when errlen is 0. */
bool gp_image_probe(const char *path, gp_image_info *out, char *err, size_t errlen);

/* gp_image_probe in two halves, for a caller with other work to do: start
 * checks the file and fills out, as far as a PNG's rows, whose decoding
 * (the costly part) goes on on another thread; finish waits for it and
 * says whether it passed. NULL from start is a failure (message in err);
 * every job started must be finished. */
typedef struct gp_image_probe_job gp_image_probe_job;
gp_image_probe_job *gp_image_probe_start(const char *path, gp_image_info *out, char *err, size_t errlen);
bool gp_image_probe_finish(gp_image_probe_job *job, char *err, size_t errlen);

/* The compressed pixels of a PNG that PDF can show as they are (8-bit gray
 * or RGB, not interlaced, no transparency): its IDAT chunks joined, a zlib
 * stream with PNG row filters, malloc'd. *colors is 1 or 3. NULL for any
 * other PNG, which must be decoded instead. The file must have passed
 * gp_image_probe. */
unsigned char *gp_image_png_idat(const char *path, size_t *len, int *colors);

/* A PNG decoded for embedding: 8-bit samples as stored, grey or RGB
 * (colors 1 or 3), rows top to bottom, and its alpha apart (one byte a
 * pixel) or NULL if every pixel is opaque. */
typedef struct gp_image_pixels {
    int width, height, colors;
    unsigned char *color, *alpha;
} gp_image_pixels;

/* Decodes a PNG of any kind (interlaced, 16-bit, palette, grey, alpha,
 * tRNS) into *out, to be freed with gp_image_pixels_free. 16-bit samples are
 * rounded to 8 bits; gAMA, sRGB, iCCP and cHRM are ignored, as libharu
 * ignores them, so every PNG is drawn with its samples as stored. The same
 * checks as gp_image_probe apply. Returns false with a message on failure
 * (also for a JPEG, which is embedded as it is); *out is then empty. */
bool gp_image_decode_png(const char *path, gp_image_pixels *out, char *err, size_t errlen);
/* The same for a PNG in memory. */
bool gp_image_decode_png_data(const unsigned char *data, size_t len, gp_image_pixels *out, char *err, size_t errlen);
void gp_image_pixels_free(gp_image_pixels *px);

/* gp_image_decode_png as 8-bit RGB composited over white, width * height * 3
 * bytes, malloc'd (caller frees): what the page shows. NULL with a message
 * on failure. */
unsigned char *gp_image_decode_rgb(const char *path, int *width, int *height, char *err, size_t errlen);

#endif
