/* Reading an image file into memory, and the checks both formats share.
 *
 * A file is read whole (base/fsio.c: regular files only, opened
 * non-blocking so a FIFO cannot stall us; at most 64 MiB) before any check
 * looks at it. */
#include "image_int.h"

#include "fsio.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool image_fail(char *err, size_t errlen, const char *fmt, ...)
{
    if (err && errlen > 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return false;
}

/* Reads a whole regular file (base/fsio.c), with the messages of an image. */
bool image_read_file(const char *path, blob *b, char *err, size_t errlen)
{
    *b = (blob){0};
    if (!path || !*path)
        return image_fail(err, errlen, "no image file named");
    gp_read_failure why;
    char *data = gp_read_whole(path, GP_IMAGE_MAX_FILE_BYTES, &b->len, &why);
    if (!data) {
        switch (why.why) {
        case GP_READ_CANNOT_OPEN: return image_fail(err, errlen, "cannot open image: %s", strerror(why.error));
        case GP_READ_NOT_REGULAR: return image_fail(err, errlen, "not a regular file");
        case GP_READ_TOO_LARGE: return image_fail(err, errlen, "image file is larger than 64 MiB");
        default:
            return image_fail(err, errlen, "cannot read image: %s",
                              why.error ? strerror(why.error) : "it shrank while being read");
        }
    }
    b->data = (unsigned char *)data;
    if (b->len == 0) {
        free(data);
        *b = (blob){0};
        return image_fail(err, errlen, "image file is empty");
    }
    return true;
}

bool image_check_size(long w, long h, char *err, size_t errlen)
{
    if (w <= 0 || h <= 0)
        return image_fail(err, errlen, "image has no pixels (%ldx%ld)", w, h);
    if (w > GP_IMAGE_MAX_SIDE || h > GP_IMAGE_MAX_SIDE)
        return image_fail(err, errlen, "image is %ldx%ld pixels; the limit is %dx%d", w, h, GP_IMAGE_MAX_SIDE,
                    GP_IMAGE_MAX_SIDE);
    if ((long long)w * h > GP_IMAGE_MAX_PIXELS)
        return image_fail(err, errlen, "image is %ldx%ld pixels (%lld million); the limit is %ld million pixels", w, h,
                    (long long)w * h / 1000000, GP_IMAGE_MAX_PIXELS / 1000000);
    return true;
}

bool image_is_png(const blob *b)
{
    return b->len >= 4 && memcmp(b->data, "\x89PNG", 4) == 0;
}

bool image_is_jpeg(const blob *b)
{
    return b->len >= 2 && b->data[0] == 0xFF && b->data[1] == 0xD8;
}

/* For "not a PNG or JPEG image": names a few formats people try instead. */
bool image_not_an_image(const blob *b, char *err, size_t errlen)
{
    const unsigned char *d = b->data;
    size_t n = b->len;
    const char *what = NULL;
    if (n >= 6 && (!memcmp(d, "GIF87a", 6) || !memcmp(d, "GIF89a", 6)))
        what = "GIF";
    else if (n >= 12 && !memcmp(d, "RIFF", 4) && !memcmp(d + 8, "WEBP", 4))
        what = "WebP";
    else if (n >= 4 && (!memcmp(d, "II*\0", 4) || !memcmp(d, "MM\0*", 4)))
        what = "TIFF";
    else if (n >= 12 && !memcmp(d + 4, "ftyp", 4) &&
             (!memcmp(d + 8, "heic", 4) || !memcmp(d + 8, "heix", 4) || !memcmp(d + 8, "mif1", 4)))
        what = "HEIC";
    else if (n >= 12 && !memcmp(d + 4, "ftyp", 4) && !memcmp(d + 8, "avif", 4))
        what = "AVIF";
    else if (n >= 2 && !memcmp(d, "BM", 2))
        what = "BMP";
    else if (n >= 5 && !memcmp(d, "%PDF-", 5))
        what = "PDF";
    if (what)
        return image_fail(err, errlen, "not a PNG or JPEG image (it looks like %s)", what);
    return image_fail(err, errlen, "not a PNG or JPEG image");
}
