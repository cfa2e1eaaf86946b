/* PNG: the chunk structure walked by hand, then libpng's full decode.
 *
 * A PNG has its chunk structure walked (signature, IHDR first, lengths inside
 * the file, IEND present), its size checked against the limits from the IHDR
 * before anything is allocated for pixels, and is then decoded in full, row
 * by row into one row's memory and untransformed (the least work that still
 * inflates, unfilters and checks every byte and CRC), by libpng's low-level
 * API with an error handler that returns here through its jump buffer.
 * Every PNG that PDF cannot take as it is (gp_image_png_idat) is decoded by
 * libpng's low-level API to 8-bit grey or RGB plus a separate alpha channel,
 * for the PDF stage to embed as raw pixels and a soft mask: libharu's own
 * loader writes 16-bit PNGs as /BitsPerComponent 16 over 8-bit data and
 * cannot read interlaced ones. Samples are taken as stored (gamma chunks are
 * ignored, as libharu ignores them) and 16-bit ones rounded by
 * png_set_scale_16 (the simplified API garbles Adam7 16-bit images it
 * scales: pnggroup/libpng#853). */
#include "image_int.h"

#include "arena.h"
#include "bigendian.h"

#include <png.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool valid_png_depth(int ctype, int depth)
{
    switch (ctype) {
    case 0: return depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
    case 3: return depth == 1 || depth == 2 || depth == 4 || depth == 8;
    case 2: case 4: case 6: return depth == 8 || depth == 16;
    default: return false;
    }
}

/* Walks the chunks: IHDR first and sane, the size within limits, every
 * chunk inside the file, some IDAT, and an IEND. CRCs and the compressed
 * data are left to libpng's full decode. */
bool image_png_structure(const blob *b, gp_image_info *info, char *err, size_t errlen)
{
    const unsigned char *d = b->data;
    size_t n = b->len;
    if (n < 8 || memcmp(d, "\x89PNG\r\n\x1a\n", 8) != 0)
        return image_fail(err, errlen, PNG_BAD " (damaged signature)");
    if (n < 8 + 8 + 13 + 4)
        return image_fail(err, errlen, PNG_BAD);
    if (gp_be32(d + 8) != 13 || memcmp(d + 12, "IHDR", 4) != 0)
        return image_fail(err, errlen, PNG_BAD " (no IHDR header)");
    uint32_t w = gp_be32(d + 16), h = gp_be32(d + 20);
    int depth = d[24], ctype = d[25], interlace = d[28];
    if (w > 0x7FFFFFFFu || h > 0x7FFFFFFFu || !valid_png_depth(ctype, depth) || d[26] != 0 || d[27] != 0 ||
        interlace > 1)
        return image_fail(err, errlen, PNG_BAD " (invalid IHDR header)");
    /* Before anything else, so a huge claim costs nothing. */
    if (!image_check_size((long)w, (long)h, err, errlen))
        return false;

    bool idat = false, iend = false, trns = false;
    size_t pos = 8;
    while (!iend) {
        if (n - pos < 12)
            return image_fail(err, errlen, PNG_BAD);
        uint32_t len = gp_be32(d + pos);
        const unsigned char *type = d + pos + 4;
        if (len > 0x7FFFFFFFu)
            return image_fail(err, errlen, PNG_BAD);
        for (int i = 0; i < 4; i++)
            if (!((type[i] >= 'A' && type[i] <= 'Z') || (type[i] >= 'a' && type[i] <= 'z')))
                return image_fail(err, errlen, PNG_BAD);
        if (len > n - pos - 12)
            return image_fail(err, errlen, PNG_BAD);
        if (!memcmp(type, "IDAT", 4))
            idat = true;
        else if (!memcmp(type, "IEND", 4))
            iend = true;
        else if (!memcmp(type, "tRNS", 4))
            trns = true;
        pos += 12 + (size_t)len;
    }
    if (!idat)
        return image_fail(err, errlen, PNG_BAD " (no image data)");

    info->kind = GP_IMAGE_PNG;
    info->width = (int)w;
    info->height = (int)h;
    info->interlaced = interlace == 1;
    info->has_alpha = ctype == 4 || ctype == 6 || trns;
    info->colors = ctype == 0 || ctype == 4 ? 1 : 3;
    info->orientation = 1;
    info->adobe = false;
    return true;
}

/* libpng's callbacks for png_check_rows: errors jump back with their
 * message, warnings are dropped, input comes from memory. */
typedef struct png_source {
    const blob *b;
    size_t pos;
    char message[128];
} png_source;

static void png_source_error(png_structp png, png_const_charp msg)
{
    png_source *src = png_get_error_ptr(png);
    snprintf(src->message, sizeof src->message, "%s", msg);
    png_longjmp(png, 1);
}

static void png_source_warning(png_structp png, png_const_charp msg)
{
    (void)png, (void)msg;
}

static void png_source_read(png_structp png, png_bytep out, png_size_t n)
{
    png_source *src = png_get_io_ptr(png);
    if (n > src->b->len - src->pos)
        png_error(png, "file ends early");
    memcpy(out, src->b->data + src->pos, n);
    src->pos += n;
}

/* Decodes every row of a PNG that has passed png_structure, keeping none. */
bool image_png_check_rows(const blob *b, char *err, size_t errlen)
{
    png_source src = {b, 0, ""};
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &src, png_source_error, png_source_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    png_bytep volatile row = NULL; /* set after setjmp, freed after a jump */
    if (!info || setjmp(png_jmpbuf(png))) {
        free(row);
        png_destroy_read_struct(&png, info ? &info : NULL, NULL);
        return image_fail(err, errlen, PNG_BAD "%s%s%s", *src.message ? " (" : "", src.message, *src.message ? ")" : "");
    }
    png_set_read_fn(png, &src, png_source_read);
    png_read_info(png, info);
    int passes = png_set_interlace_handling(png);
    png_read_update_info(png, info);
    if (!(row = malloc(png_get_rowbytes(png, info))))
        png_error(png, "out of memory");
    png_uint_32 height = png_get_image_height(png, info);
    for (int p = 0; p < passes; p++)
        for (png_uint_32 y = 0; y < height; y++)
            png_read_row(png, row, NULL);
    png_read_end(png, NULL);
    free(row);
    png_destroy_read_struct(&png, &info, NULL);
    return true;
}

/* Takes the alpha channel out of n pixels of `channels` interleaved 8-bit
 * samples (the last one alpha), in place; returns it, or NULL (and frees
 * nothing) if every pixel is opaque, when no soft mask is needed. */
static unsigned char *split_alpha(unsigned char *px, size_t n, int channels)
{
    bool opaque = true;
    for (size_t i = 0; i < n && opaque; i++)
        opaque = px[i * channels + channels - 1] == 255;
    unsigned char *alpha = opaque ? NULL : gp_xmalloc(n);
    for (size_t i = 0; i < n; i++) {
        if (alpha)
            alpha[i] = px[i * channels + channels - 1];
        memmove(px + i * (channels - 1), px + i * channels, (size_t)channels - 1);
    }
    return alpha;
}

/* Reads every row of a PNG that has passed png_structure, as 8-bit grey or
 * RGB with or without alpha: palettes, low depths and tRNS expanded, 16-bit
 * samples rounded to 8 bits (png_set_scale_16, which handles Adam7, unlike
 * the simplified API: pnggroup/libpng#853), gamma chunks not applied. */
bool image_png_read_8bit(const blob *b, gp_image_pixels *out, char *err, size_t errlen)
{
    png_source src = {b, 0, ""};
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &src, png_source_error, png_source_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    unsigned char *volatile px = NULL; /* set after setjmp, freed after a jump */
    png_bytep *volatile rows = NULL;
    if (!info || setjmp(png_jmpbuf(png))) {
        free(px);
        free(rows);
        png_destroy_read_struct(&png, info ? &info : NULL, NULL);
        return image_fail(err, errlen, PNG_BAD "%s%s%s", *src.message ? " (" : "", src.message, *src.message ? ")" : "");
    }
    png_set_read_fn(png, &src, png_source_read);
    png_read_info(png, info);
    png_set_expand(png);
    png_set_scale_16(png);
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
    png_uint_32 w = png_get_image_width(png, info), h = png_get_image_height(png, info);
    int channels = png_get_channels(png, info);
    size_t stride = png_get_rowbytes(png, info);
    if (stride != (size_t)w * (size_t)channels || !(px = malloc(stride * h)) || !(rows = malloc(h * sizeof *rows)))
        png_error(png, "out of memory");
    for (png_uint_32 y = 0; y < h; y++)
        rows[y] = px + y * stride;
    png_read_image(png, rows);
    png_read_end(png, NULL);
    free(rows);
    png_destroy_read_struct(&png, &info, NULL);
    bool alpha = channels == 2 || channels == 4;
    *out = (gp_image_pixels){(int)w, (int)h, alpha ? channels - 1 : channels, px, NULL};
    if (alpha)
        out->alpha = split_alpha(px, (size_t)w * h, channels);
    return true;
}
