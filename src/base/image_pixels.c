/* What the PDF stage embeds of a checked image: a PNG decoded to pixels
 * (or to RGB over white, as the page shows it), or a PNG's compressed
 * pixels taken as they are. */
#include "image_int.h"

#include "arena.h"
#include "bigendian.h"

#include <stdlib.h>
#include <string.h>

bool gp_image_decode_png(const char *path, gp_image_pixels *out, char *err, size_t errlen)
{
    *out = (gp_image_pixels){0};
    blob b;
    if (!image_read_file(path, &b, err, errlen))
        return false;
    gp_image_info info = {0};
    bool ok;
    if (image_is_jpeg(&b))
        ok = image_fail(err, errlen, "only PNG images can be decoded to pixels; a JPEG is embedded as it is");
    else if (!image_is_png(&b))
        ok = image_not_an_image(&b, err, errlen);
    else
        ok = image_png_structure(&b, &info, err, errlen) && image_png_read_8bit(&b, out, err, errlen);
    free(b.data);
    return ok;
}

void gp_image_pixels_free(gp_image_pixels *px)
{
    free(px->color);
    free(px->alpha);
    *px = (gp_image_pixels){0};
}

unsigned char *gp_image_decode_rgb(const char *path, int *width, int *height, char *err, size_t errlen)
{
    if (width)
        *width = 0;
    if (height)
        *height = 0;
    gp_image_pixels px;
    if (!gp_image_decode_png(path, &px, err, errlen))
        return NULL;
    /* Grey spread to RGB and put over white, as a PDF viewer shows the
     * image with its soft mask on a white page. */
    size_t count = (size_t)px.width * (size_t)px.height;
    unsigned char *rgb = gp_xmalloc(count * 3);
    for (size_t i = 0; i < count; i++) {
        unsigned a = px.alpha ? px.alpha[i] : 255;
        for (int c = 0; c < 3; c++) {
            unsigned v = px.color[i * px.colors + (px.colors == 3 ? c : 0)];
            rgb[3 * i + c] = (unsigned char)((v * a + 255u * (255u - a) + 127u) / 255u);
        }
    }
    if (width)
        *width = px.width;
    if (height)
        *height = px.height;
    gp_image_pixels_free(&px);
    return rgb;
}

/* ------------------------------------------------------------ PNG IDAT */

unsigned char *gp_image_png_idat(const char *path, size_t *len, int *colors)
{
    blob b;
    if (!image_read_file(path, &b, NULL, 0))
        return NULL;
    const unsigned char *d = b.data;
    unsigned char *out = NULL;
    size_t n = 0;
    bool ok = b.len > 33 && !memcmp(d, "\x89PNG\r\n\x1a\n", 8) && d[24] == 8 && (d[25] == 0 || d[25] == 2) &&
              d[28] == 0;
    for (size_t pos = 8; ok && pos + 12 <= b.len;) {
        size_t clen = gp_be32(d + pos);
        const unsigned char *type = d + pos + 4;
        if (clen > b.len - pos - 12) {
            ok = false;
        } else if (!memcmp(type, "tRNS", 4)) {
            ok = false;
        } else if (!memcmp(type, "IDAT", 4)) {
            unsigned char *grown = realloc(out, n + clen + 1);
            ok = grown != NULL;
            if (ok) {
                out = grown;
                memcpy(out + n, d + pos + 8, clen);
                n += clen;
            }
        } else if (!memcmp(type, "IEND", 4)) {
            break;
        }
        pos += 12 + clen;
    }
    ok = ok && n > 0;
    if (ok) {
        *len = n;
        *colors = d[25] == 2 ? 3 : 1;
    }
    free(b.data);
    if (!ok) {
        free(out);
        return NULL;
    }
    return out;
}
