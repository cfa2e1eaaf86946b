/* Image validation: every PNG and JPEG is checked here before libharu sees it.
 *
 * libharu 2.3.0 hands PNGs to libpng without a setjmp, so a truncated or
 * corrupt PNG ends the whole process; it cannot load interlaced PNGs at all;
 * and it copies JPEG bytes into the PDF without looking, so a truncated JPEG
 * becomes a broken page. So a file is read into memory (regular files only,
 * opened non-blocking so a FIFO cannot stall us, at most 64 MiB) and then:
 * a PNG has its chunk structure walked (signature, IHDR first, lengths inside
 * the file, IEND present), its size checked against the limits from the IHDR
 * before anything is allocated for pixels, and is then decoded in full, row
 * by row into one row's memory and untransformed (the least work that still
 * inflates, unfilters and checks every byte and CRC), by libpng's low-level
 * API with an error handler that returns here through its jump buffer. A JPEG
 * has its marker segments walked by hand, through the entropy-coded data of
 * each scan, up to the EOI marker, which catches truncation; its frame header
 * gives the size and rules out 12-bit, lossless and arithmetic-coded files.
 * Every PNG that PDF cannot take as it is (gp_image_png_idat) is decoded by
 * libpng's low-level API to 8-bit grey or RGB plus a separate alpha channel,
 * for the PDF stage to embed as raw pixels and a soft mask: libharu's own
 * loader writes 16-bit PNGs as /BitsPerComponent 16 over 8-bit data and
 * cannot read interlaced ones. Samples are taken as stored (gamma chunks are
 * ignored, as libharu ignores them) and 16-bit ones rounded by
 * png_set_scale_16 (the simplified API garbles Adam7 16-bit images it
 * scales: pnggroup/libpng#853). */
#include "image.h"

#include "arena.h"
#include "bigendian.h"
#include "hash.h"

#include <png.h>
#include <pthread.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PNG_BAD "truncated or corrupt PNG image"
#define JPEG_BAD "truncated or corrupt JPEG image"

typedef struct blob {
    unsigned char *data;
    size_t len;
} blob;

static bool fail(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static bool fail(char *err, size_t errlen, const char *fmt, ...)
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
static bool read_file(const char *path, blob *b, char *err, size_t errlen)
{
    b->data = NULL;
    b->len = 0;
    if (!path || !*path)
        return fail(err, errlen, "no image file named");
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return fail(err, errlen, "cannot open image: %s", strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        return fail(err, errlen, "cannot read image: %s", strerror(e));
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        return fail(err, errlen, "not a regular file");
    }
    if (st.st_size > GP_IMAGE_MAX_FILE_BYTES) {
        close(fd);
        return fail(err, errlen, "image file is larger than 64 MiB");
    }
    if (st.st_size <= 0) {
        close(fd);
        return fail(err, errlen, "image file is empty");
    }
    size_t want = (size_t)st.st_size;
    unsigned char *data = malloc(want);
    if (!data) {
        close(fd);
        return fail(err, errlen, "out of memory reading image");
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
            return fail(err, errlen, "cannot read image: %s", strerror(e));
        }
        if (n == 0)
            break;            /* the file shrank meanwhile: check what is there */
        got += (size_t)n;
    }
    close(fd);
    if (got == 0) {
        free(data);
        return fail(err, errlen, "image file is empty");
    }
    b->data = data;
    b->len = got;
    return true;
}

static bool check_size(long w, long h, char *err, size_t errlen)
{
    if (w <= 0 || h <= 0)
        return fail(err, errlen, "image has no pixels (%ldx%ld)", w, h);
    if (w > GP_IMAGE_MAX_SIDE || h > GP_IMAGE_MAX_SIDE)
        return fail(err, errlen, "image is %ldx%ld pixels; the limit is %dx%d", w, h, GP_IMAGE_MAX_SIDE,
                    GP_IMAGE_MAX_SIDE);
    if ((long long)w * h > GP_IMAGE_MAX_PIXELS)
        return fail(err, errlen, "image is %ldx%ld pixels (%lld million); the limit is %ld million pixels", w, h,
                    (long long)w * h / 1000000, GP_IMAGE_MAX_PIXELS / 1000000);
    return true;
}

static bool is_png(const blob *b)
{
    return b->len >= 4 && memcmp(b->data, "\x89PNG", 4) == 0;
}

static bool is_jpeg(const blob *b)
{
    return b->len >= 2 && b->data[0] == 0xFF && b->data[1] == 0xD8;
}

/* For "not a PNG or JPEG image": names a few formats people try instead. */
static bool not_an_image(const blob *b, char *err, size_t errlen)
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
        return fail(err, errlen, "not a PNG or JPEG image (it looks like %s)", what);
    return fail(err, errlen, "not a PNG or JPEG image");
}

/* ------------------------------------------------------------------ PNG */

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
static bool png_structure(const blob *b, gp_image_info *info, char *err, size_t errlen)
{
    const unsigned char *d = b->data;
    size_t n = b->len;
    if (n < 8 || memcmp(d, "\x89PNG\r\n\x1a\n", 8) != 0)
        return fail(err, errlen, PNG_BAD " (damaged signature)");
    if (n < 8 + 8 + 13 + 4)
        return fail(err, errlen, PNG_BAD);
    if (gp_be32(d + 8) != 13 || memcmp(d + 12, "IHDR", 4) != 0)
        return fail(err, errlen, PNG_BAD " (no IHDR header)");
    uint32_t w = gp_be32(d + 16), h = gp_be32(d + 20);
    int depth = d[24], ctype = d[25], interlace = d[28];
    if (w > 0x7FFFFFFFu || h > 0x7FFFFFFFu || !valid_png_depth(ctype, depth) || d[26] != 0 || d[27] != 0 ||
        interlace > 1)
        return fail(err, errlen, PNG_BAD " (invalid IHDR header)");
    /* Before anything else, so a huge claim costs nothing. */
    if (!check_size((long)w, (long)h, err, errlen))
        return false;

    bool idat = false, iend = false, trns = false;
    size_t pos = 8;
    while (!iend) {
        if (n - pos < 12)
            return fail(err, errlen, PNG_BAD);
        uint32_t len = gp_be32(d + pos);
        const unsigned char *type = d + pos + 4;
        if (len > 0x7FFFFFFFu)
            return fail(err, errlen, PNG_BAD);
        for (int i = 0; i < 4; i++)
            if (!((type[i] >= 'A' && type[i] <= 'Z') || (type[i] >= 'a' && type[i] <= 'z')))
                return fail(err, errlen, PNG_BAD);
        if (len > n - pos - 12)
            return fail(err, errlen, PNG_BAD);
        if (!memcmp(type, "IDAT", 4))
            idat = true;
        else if (!memcmp(type, "IEND", 4))
            iend = true;
        else if (!memcmp(type, "tRNS", 4))
            trns = true;
        pos += 12 + (size_t)len;
    }
    if (!idat)
        return fail(err, errlen, PNG_BAD " (no image data)");

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

/* ----------------------------------------------------------------- JPEG */

/* A TIFF integer of 2 or 4 bytes, in the byte order of its header. */
static uint32_t tiff_uint(const unsigned char *p, int size, bool little)
{
    uint32_t v = 0;
    for (int i = 0; i < size; i++)
        v |= (uint32_t)p[little ? i : size - 1 - i] << (8 * i);
    return v;
}

/* The Orientation tag (0x0112, 1 to 8) of an APP1 segment's Exif data: a
 * TIFF header, then IFD0's entries of 12 bytes. Anything missing, out of
 * the segment or out of range (hostile or damaged metadata) means 1, the
 * image as stored; every offset is checked against the segment's length. */
static int exif_orientation(const unsigned char *seg, size_t len)
{
    if (len < 6 + 8 || memcmp(seg, "Exif\0\0", 6) != 0)
        return 1;
    const unsigned char *tiff = seg + 6;
    size_t n = len - 6;
    bool little = !memcmp(tiff, "II*\0", 4);
    if (!little && memcmp(tiff, "MM\0*", 4) != 0)
        return 1;
    uint32_t ifd = tiff_uint(tiff + 4, 4, little);
    if (ifd > n - 2)
        return 1;
    uint32_t entries = tiff_uint(tiff + ifd, 2, little);
    for (uint32_t i = 0; i < entries; i++) {
        size_t at = (size_t)ifd + 2 + (size_t)i * 12; /* at most 2^32 + 2^20: no overflow */
        if (at > n || n - at < 12)
            return 1;
        const unsigned char *e = tiff + at;
        if (tiff_uint(e, 2, little) != 0x0112)
            continue;
        /* SHORT (type 3), one value, held in the entry itself */
        uint32_t v = tiff_uint(e + 8, 2, little);
        return tiff_uint(e + 2, 2, little) == 3 && tiff_uint(e + 4, 4, little) == 1 && v >= 1 && v <= 8 ? (int)v : 1;
    }
    return 1;
}

/* Walks the marker segments from SOI to EOI. Each scan's entropy-coded data
 * is stepped over (0xFF00 stuffing and RSTn markers stay inside it), so the
 * EOI found is the real one and not, say, one of an Exif thumbnail. Stray
 * bytes between segments are skipped, as libjpeg does. */
static bool jpeg_structure(const blob *b, gp_image_info *info, char *err, size_t errlen)
{
    const unsigned char *d = b->data;
    size_t n = b->len;
    size_t pos = 2;
    bool have_sof = false, have_sos = false, have_exif = false, adobe = false;
    int components = 0, orientation = 1;

    for (;;) {
        while (pos < n && d[pos] != 0xFF)
            pos++;
        while (pos < n && d[pos] == 0xFF)
            pos++;
        if (pos >= n)
            return fail(err, errlen, JPEG_BAD);
        unsigned m = d[pos++];
        if (m == 0xD9) {                                   /* EOI */
            if (!have_sos)
                return fail(err, errlen, JPEG_BAD " (no image data)");
            break;
        }
        if (m == 0x00 || m == 0x01 || (m >= 0xD0 && m <= 0xD7))
            continue;                                      /* stray stuffing, TEM, RSTn: no length */
        if (m == 0xD8)
            return fail(err, errlen, JPEG_BAD);
        if (n - pos < 2)
            return fail(err, errlen, JPEG_BAD);
        size_t len = gp_be16(d + pos);
        if (len < 2)
            return fail(err, errlen, JPEG_BAD);
        if (len > n - pos)
            return fail(err, errlen, JPEG_BAD);
        const unsigned char *seg = d + pos + 2;
        size_t slen = len - 2;
        pos += len;

        if (m == 0xC0 || m == 0xC1 || m == 0xC2) {         /* SOF0/1/2: baseline, extended, progressive */
            if (have_sof || slen < 6)
                return fail(err, errlen, JPEG_BAD);
            int precision = seg[0];
            long h = (long)gp_be16(seg + 1), w = (long)gp_be16(seg + 3);
            components = seg[5];
            if (slen != 6 + 3 * (size_t)components || components == 0)
                return fail(err, errlen, JPEG_BAD);
            if (precision != 8) {
                if (precision == 12 || precision == 16)
                    return fail(err, errlen, "JPEG image has %d-bit samples; only 8-bit JPEG is supported",
                                precision);
                return fail(err, errlen, JPEG_BAD);
            }
            if (components != 1 && components != 3 && components != 4)
                return fail(err, errlen,
                            "JPEG image has %d colour components; only 1 (grey), 3 (colour) or 4 (CMYK) are supported",
                            components);
            for (int i = 0; i < components; i++) {
                unsigned hs = seg[6 + 3 * i + 1] >> 4, vs = seg[6 + 3 * i + 1] & 15, tq = seg[6 + 3 * i + 2];
                if (hs < 1 || hs > 4 || vs < 1 || vs > 4 || tq > 3)
                    return fail(err, errlen, JPEG_BAD);
            }
            if (!check_size(w, h, err, errlen))
                return false;
            info->kind = GP_IMAGE_JPEG;
            info->width = (int)w;
            info->height = (int)h;
            info->interlaced = false;
            info->has_alpha = false;
            info->colors = components;
            have_sof = true;
        } else if ((m >= 0xC3 && m <= 0xCF) && m != 0xC4 && m != 0xC8 && m != 0xCC) {
            return fail(err, errlen,
                        "unsupported kind of JPEG (lossless, hierarchical or arithmetic-coded); "
                        "save it as a baseline or progressive JPEG");
        } else if (m == 0xE1 && !have_exif && slen >= 6 && !memcmp(seg, "Exif\0\0", 6)) {
            orientation = exif_orientation(seg, slen);     /* the first Exif segment counts */
            have_exif = true;
        } else if (m == 0xEE && slen >= 12 && !memcmp(seg, "Adobe", 5)) {
            adobe = true;
        } else if (m == 0xDA) {                            /* SOS, then entropy-coded data */
            if (!have_sof || slen < 1)
                return fail(err, errlen, JPEG_BAD);
            size_t ns = seg[0];
            if (ns < 1 || (int)ns > components || slen != 1 + 2 * ns + 3)
                return fail(err, errlen, JPEG_BAD);
            for (;;) {
                while (pos < n && d[pos] != 0xFF)
                    pos++;
                if (n - pos < 2)
                    return fail(err, errlen, JPEG_BAD);
                unsigned next = d[pos + 1];
                if (next == 0x00 || (next >= 0xD0 && next <= 0xD7))
                    pos += 2;
                else if (next == 0xFF)
                    pos += 1;
                else
                    break;                                 /* a marker: the scan has ended */
            }
            have_sos = true;
        }
        /* Anything else (APPn, COM, DQT, DHT, DRI, DNL, ...) is skipped by its length. */
    }
    info->orientation = orientation;
    info->adobe = adobe;
    if (orientation >= 5) {                                /* turned a quarter: drawn h wide, w high */
        int w = info->width;
        info->width = info->height;
        info->height = w;
    }
    return true;
}

/* ------------------------------------------------------------ interface */

/* Images already validated in this process, by content: a season of
 * guides often shares a logo or poster, and a PNG's full decode is the
 * costliest check there is. */
enum { VALID_MEMO = 64 };
static struct valid_memo {
    uint64_t hash;
    size_t len;
    gp_image_info info;
} valid_memo[VALID_MEMO];
static size_t valid_count, valid_next;
static pthread_mutex_t valid_lock = PTHREAD_MUTEX_INITIALIZER;

static uint64_t content_hash(const blob *b)
{
    return gp_fnv1a(GP_FNV1A_BASIS, b->data, b->len);
}

static bool memo_find(uint64_t h, size_t len, gp_image_info *info)
{
    bool found = false;
    pthread_mutex_lock(&valid_lock);
    for (size_t i = 0; i < valid_count && !found; i++)
        if (valid_memo[i].hash == h && valid_memo[i].len == len) {
            *info = valid_memo[i].info;
            found = true;
        }
    pthread_mutex_unlock(&valid_lock);
    return found;
}

static void memo_add(uint64_t h, size_t len, const gp_image_info *info)
{
    pthread_mutex_lock(&valid_lock);
    valid_memo[valid_next++ % VALID_MEMO] = (struct valid_memo){h, len, *info};
    if (valid_count < VALID_MEMO)
        valid_count++;
    pthread_mutex_unlock(&valid_lock);
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
static bool png_check_rows(const blob *b, char *err, size_t errlen)
{
    png_source src = {b, 0, ""};
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &src, png_source_error, png_source_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    png_bytep volatile row = NULL; /* set after setjmp, freed after a jump */
    if (!info || setjmp(png_jmpbuf(png))) {
        free(row);
        png_destroy_read_struct(&png, info ? &info : NULL, NULL);
        return fail(err, errlen, PNG_BAD "%s%s%s", *src.message ? " (" : "", src.message, *src.message ? ")" : "");
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

/* A probe, perhaps with a PNG's rows still being decoded on another thread. */
struct gp_image_probe_job {
    blob b;
    uint64_t hash;
    gp_image_info info;
    pthread_t thread;
    bool rows_checked, running, ok;
    char err[160];
};

static void *check_rows_thread(void *arg)
{
    gp_image_probe_job *job = arg;
    job->ok = png_check_rows(&job->b, job->err, sizeof job->err);
    return NULL;
}

/* Reads and checks the file up to a PNG's rows, which are then decoded
 * here or, if `background`, on a thread of their own. NULL on failure. */
static gp_image_probe_job *start(const char *path, gp_image_info *out, char *err, size_t errlen, bool background)
{
    gp_image_probe_job *job = gp_xcalloc(1, sizeof *job);
    bool ok = read_file(path, &job->b, err, errlen);
    if (ok) {
        job->hash = content_hash(&job->b);
        if (memo_find(job->hash, job->b.len, &job->info))
            ok = true;
        else if (is_png(&job->b))
            ok = job->rows_checked = png_structure(&job->b, &job->info, err, errlen);
        else if (is_jpeg(&job->b))
            ok = jpeg_structure(&job->b, &job->info, err, errlen);
        else
            ok = not_an_image(&job->b, err, errlen);
    }
    if (!ok) {
        free(job->b.data);
        free(job);
        return NULL;
    }
    job->ok = true;
    if (job->rows_checked && !(background && (job->running = pthread_create(&job->thread, NULL,
                                                                          check_rows_thread, job) == 0)))
        job->ok = png_check_rows(&job->b, job->err, sizeof job->err);
    if (out)
        *out = job->info;
    return job;
}

bool gp_image_probe_finish(gp_image_probe_job *job, char *err, size_t errlen)
{
    if (job->running)
        pthread_join(job->thread, NULL);
    bool ok = job->ok;
    if (ok && job->rows_checked)
        memo_add(job->hash, job->b.len, &job->info);
    if (!ok)
        fail(err, errlen, "%s", job->err);
    free(job->b.data);
    free(job);
    return ok;
}

gp_image_probe_job *gp_image_probe_start(const char *path, gp_image_info *out, char *err, size_t errlen)
{
    return start(path, out, err, errlen, true);
}

bool gp_image_probe(const char *path, gp_image_info *out, char *err, size_t errlen)
{
    gp_image_probe_job *job = start(path, out, err, errlen, false);
    return job && gp_image_probe_finish(job, err, errlen);
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
static bool png_read_8bit(const blob *b, gp_image_pixels *out, char *err, size_t errlen)
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
        return fail(err, errlen, PNG_BAD "%s%s%s", *src.message ? " (" : "", src.message, *src.message ? ")" : "");
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

static bool decode_png(const blob *b, gp_image_pixels *out, char *err, size_t errlen)
{
    *out = (gp_image_pixels){0};
    gp_image_info info = {0};
    if (is_jpeg(b))
        return fail(err, errlen, "only PNG images can be decoded to pixels; a JPEG is embedded as it is");
    if (!is_png(b))
        return not_an_image(b, err, errlen);
    return png_structure(b, &info, err, errlen) && png_read_8bit(b, out, err, errlen);
}

bool gp_image_decode_png(const char *path, gp_image_pixels *out, char *err, size_t errlen)
{
    *out = (gp_image_pixels){0};
    blob b;
    if (!read_file(path, &b, err, errlen))
        return false;
    bool ok = decode_png(&b, out, err, errlen);
    free(b.data);
    return ok;
}

bool gp_image_decode_png_data(const unsigned char *data, size_t len, gp_image_pixels *out, char *err, size_t errlen)
{
    blob b = {(unsigned char *)data, len};
    return decode_png(&b, out, err, errlen);
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
    if (!read_file(path, &b, NULL, 0))
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
