/* Fuzz target: image validation and PNG decoding (src/base/image.c).
 *
 * The bytes go to an anonymous file (memfd_create), read back through its
 * path /proc/self/fd/N (a regular file, as gp_image_probe requires), then:
 * gp_image_probe; and, when the probe says PNG, gp_image_decode_rgb and
 * gp_image_png_idat.
 *
 * Invariants (abort on violation):
 *   - probe true: width and height in 1..GP_IMAGE_MAX_SIDE and
 *     width * height <= GP_IMAGE_MAX_PIXELS; probe false: a non-empty
 *     message;
 *   - decode_rgb non-NULL: the same size as the probe; NULL: a message;
 *   - png_idat non-NULL: some bytes, 1 or 3 colours, and only for a PNG
 *     that is neither interlaced nor transparent.
 * Everything returned is freed (LSan checks) and the fd closed.
 *
 * A mutated PNG almost always has a bad chunk CRC, which libpng refuses, so
 * the probe would stop nearly every input before decode_rgb and png_idat.
 * So an input that starts with the PNG signature is run a second time with
 * every chunk's CRC recomputed (if that changes anything). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "fuzz_util.h"

#include "base/image.h"

#include <errno.h>
#include <sys/mman.h>
#include <unistd.h>

static void write_all(int fd, const uint8_t *data, size_t size)
{
    while (size > 0) {
        ssize_t n = write(fd, data, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            perror("fuzz_image: write to memfd");
            abort();
        }
        data += n;
        size -= (size_t)n;
    }
}

static uint32_t crc32_png(const uint8_t *p, size_t n)
{
    static uint32_t table[256];
    if (!table[1])
        for (uint32_t i = 0; i < 256; i++) {
            uint32_t c = i;
            for (int k = 0; k < 8; k++)
                c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++)
        c = table[(c ^ p[i]) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

/* Recomputes the CRC of every whole chunk in place; true if one changed. */
static bool fix_crcs(uint8_t *d, size_t n)
{
    bool changed = false;
    for (size_t pos = 8; pos <= n && n - pos >= 12;) {
        size_t len = (size_t)d[pos] << 24 | (size_t)d[pos + 1] << 16 | (size_t)d[pos + 2] << 8 | d[pos + 3];
        if (len > n - pos - 12)
            break;
        uint32_t crc = crc32_png(d + pos + 4, len + 4);
        uint8_t be[4] = {(uint8_t)(crc >> 24), (uint8_t)(crc >> 16), (uint8_t)(crc >> 8), (uint8_t)crc};
        if (memcmp(d + pos + 8 + len, be, 4)) {
            memcpy(d + pos + 8 + len, be, 4);
            changed = true;
        }
        pos += 12 + len;
    }
    return changed;
}

static void run_one(const uint8_t *data, size_t size)
{
    int fd = memfd_create("fuzz_image", MFD_CLOEXEC);
    if (fd < 0) {
        perror("fuzz_image: memfd_create");
        abort();
    }
    write_all(fd, data, size);
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);

    gp_image_info info;
    memset(&info, 0, sizeof info);
    char err[256] = "";
    bool ok = gp_image_probe(path, &info, err, sizeof err);
    if (ok) {
        if (info.width < 1 || info.width > GP_IMAGE_MAX_SIDE || info.height < 1 || info.height > GP_IMAGE_MAX_SIDE)
            fuzz_fail("probe accepted an image of %dx%d pixels", info.width, info.height);
        if ((long long)info.width * info.height > GP_IMAGE_MAX_PIXELS)
            fuzz_fail("probe accepted %dx%d = %lld pixels", info.width, info.height,
                      (long long)info.width * info.height);
        if (info.kind != GP_IMAGE_PNG && info.kind != GP_IMAGE_JPEG)
            fuzz_fail("probe gave kind %d", (int)info.kind);
    } else if (!err[0]) {
        fuzz_fail("probe failed without a message");
    }

    if (ok && info.kind == GP_IMAGE_PNG) {
        int w = -1, h = -1;
        char derr[256] = "";
        unsigned char *rgb = gp_image_decode_rgb(path, &w, &h, derr, sizeof derr);
        if (rgb) {
            if (w != info.width || h != info.height)
                fuzz_fail("decode_rgb gave %dx%d, the probe %dx%d", w, h, info.width, info.height);
            /* Touch the last pixel: the buffer must hold width * height * 3 bytes. */
            volatile unsigned char last = rgb[(size_t)w * (size_t)h * 3 - 1];
            (void)last;
            free(rgb);
        } else if (!derr[0]) {
            fuzz_fail("decode_rgb failed without a message");
        }

        size_t len = 0;
        int colors = 0;
        unsigned char *idat = gp_image_png_idat(path, &len, &colors);
        if (idat) {
            if (len == 0 || (colors != 1 && colors != 3))
                fuzz_fail("png_idat gave %zu bytes, %d colours", len, colors);
            if (info.interlaced || info.has_alpha)
                fuzz_fail("png_idat returned data for a PNG that is %s", info.interlaced ? "interlaced" : "transparent");
            volatile unsigned char lastb = idat[len - 1];
            (void)lastb;
            free(idat);
        }
    }
    close(fd);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    run_one(data, size);
    if (size >= 8 && !memcmp(data, "\x89PNG\r\n\x1a\n", 8)) {
        uint8_t *copy = malloc(size);
        if (!copy)
            abort();
        memcpy(copy, data, size);
        if (fix_crcs(copy, size))
            run_one(copy, size);
        free(copy);
    }
    return 0;
}
