/* Reading an image file into memory, and the checks both formats share.
 *
 * A file is read whole (regular files only, opened non-blocking so a FIFO
 * cannot stall us, at most 64 MiB) before any check looks at it. */
#include "image_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* Reads a whole regular file. O_NONBLOCK makes open() return at once on a
 * FIFO with no writer; fstat then rejects it before any read. */
bool image_read_file(const char *path, blob *b, char *err, size_t errlen)
{
    b->data = NULL;
    b->len = 0;
    if (!path || !*path)
        return image_fail(err, errlen, "no image file named");
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return image_fail(err, errlen, "cannot open image: %s", strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        return image_fail(err, errlen, "cannot read image: %s", strerror(e));
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        return image_fail(err, errlen, "not a regular file");
    }
    if (st.st_size > GP_IMAGE_MAX_FILE_BYTES) {
        close(fd);
        return image_fail(err, errlen, "image file is larger than 64 MiB");
    }
    if (st.st_size <= 0) {
        close(fd);
        return image_fail(err, errlen, "image file is empty");
    }
    size_t want = (size_t)st.st_size;
    unsigned char *data = malloc(want);
    if (!data) {
        close(fd);
        return image_fail(err, errlen, "out of memory reading image");
    }
    size_t got = 0;
    while (got < want) {
        ssize_t n = read(fd, data + got, want - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int e = errno;
            free(data);
            close(fd);
            return image_fail(err, errlen, "cannot read image: %s", strerror(e));
        }
        if (n == 0)
            break;            /* the file shrank meanwhile: check what is there */
        got += (size_t)n;
    }
    close(fd);
    if (got == 0) {
        free(data);
        return image_fail(err, errlen, "image file is empty");
    }
    b->data = data;
    b->len = got;
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
