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
 * Interlaced PNGs are decoded to plain RGB (gp_image_decode_rgb) for the PDF
 * stage to embed as raw pixels, with samples as stored (gamma chunks ignored,
 * as libharu ignores them) and transparency put over white; 16-bit PNGs are
 * read at 16 bits and scaled here, since libpng 1.6's simplified API garbles
 * Adam7 16-bit images it scales to 8 bits itself (pnggroup/libpng#853). */
#include "image.h"

#include "arena.h"

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

/* What the PNG chunk walk learns beyond gp_image_info. */
typedef struct png_facts {
    int bit_depth;
} png_facts;

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

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static unsigned be16(const unsigned char *p)
{
    return (unsigned)p[0] << 8 | p[1];
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
static bool png_structure(const blob *b, gp_image_info *info, png_facts *facts, char *err, size_t errlen)
{
    const unsigned char *d = b->data;
    size_t n = b->len;
    if (n < 8 || memcmp(d, "\x89PNG\r\n\x1a\n", 8) != 0)
        return fail(err, errlen, PNG_BAD " (damaged signature)");
    if (n < 8 + 8 + 13 + 4)
        return fail(err, errlen, PNG_BAD);
    if (be32(d + 8) != 13 || memcmp(d + 12, "IHDR", 4) != 0)
        return fail(err, errlen, PNG_BAD " (no IHDR header)");
    uint32_t w = be32(d + 16), h = be32(d + 20);
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
        uint32_t len = be32(d + pos);
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
    facts->bit_depth = depth;
    return true;
}

/* Decodes the whole PNG with libpng's simplified API into a malloc'd buffer
 * of the given format, returned in *pixels (pixels may be NULL to only
 * validate: the buffer is then freed here). libpng's errors come back as a
 * failed call with image.message, never as a longjmp into our code. */
static bool png_decode(const blob *b, png_uint_32 format, void **pixels, char *err, size_t errlen)
{
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&img, b->data, b->len)) {
        png_image_free(&img);
        return fail(err, errlen, PNG_BAD " (%s)", img.message);
    }
    img.format = format;
    /* Row stride counts components (bytes or 16-bit values). The structure
     * walk already bounded the size to 100 M pixels. */
    size_t stride = (size_t)img.width * PNG_IMAGE_SAMPLE_CHANNELS(format);
    void *buf = malloc(stride * PNG_IMAGE_SAMPLE_COMPONENT_SIZE(format) * img.height);
    if (!buf) {
        png_image_free(&img);
        return fail(err, errlen, "out of memory decoding image");
    }
    if (!png_image_finish_read(&img, NULL, buf, (png_int_32)stride, NULL)) {
        png_image_free(&img);
        free(buf);
        return fail(err, errlen, PNG_BAD " (%s)", img.message);
    }
    png_image_free(&img);
    if (pixels)
        *pixels = buf;
    else
        free(buf);
    return true;
}

/* ----------------------------------------------------------------- JPEG */

/* Walks the marker segments from SOI to EOI. Each scan's entropy-coded data
 * is stepped over (0xFF00 stuffing and RSTn markers stay inside it), so the
 * EOI found is the real one and not, say, one of an Exif thumbnail. Stray
 * bytes between segments are skipped, as libjpeg does. */
static bool jpeg_structure(const blob *b, gp_image_info *info, char *err, size_t errlen)
{
    const unsigned char *d = b->data;
    size_t n = b->len;
    size_t pos = 2;
    bool have_sof = false, have_sos = false;
    int components = 0;

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
        size_t len = be16(d + pos);
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
            long h = (long)be16(seg + 1), w = (long)be16(seg + 3);
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
            have_sof = true;
        } else if ((m >= 0xC3 && m <= 0xCF) && m != 0xC4 && m != 0xC8 && m != 0xCC) {
            return fail(err, errlen,
                        "unsupported kind of JPEG (lossless, hierarchical or arithmetic-coded); "
                        "save it as a baseline or progressive JPEG");
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
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < b->len; i++)
        h = (h ^ b->data[i]) * 0x100000001b3ULL;
    return h;
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
    gp_image_probe_job *job = calloc(1, sizeof *job);
    if (!job)
        gp_oom();
    bool ok = read_file(path, &job->b, err, errlen);
    if (ok) {
        job->hash = content_hash(&job->b);
        if (memo_find(job->hash, job->b.len, &job->info))
            ok = true;
        else if (is_png(&job->b))
            ok = job->rows_checked = png_structure(&job->b, &job->info, &(png_facts){0}, err, errlen);
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

/* Drops the gAMA, sRGB, iCCP and cHRM chunks from a PNG that has passed
 * png_structure, so that libpng's simplified API passes the samples through
 * as they are: without gAMA it takes 8-bit data to be sRGB, as it outputs,
 * and 16-bit data to be linear, as its 16-bit output is. That is what
 * libharu does with a non-interlaced PNG (it ignores gamma), so an
 * interlaced image looks like its non-interlaced twin. */
static bool strip_colour_chunks(blob *b)
{
    unsigned char *d = malloc(b->len);
    if (!d)
        return false;
    memcpy(d, b->data, 8);
    size_t in = 8, out = 8;
    for (;;) {
        size_t size = 12 + (size_t)be32(b->data + in);
        const unsigned char *type = b->data + in + 4;
        if (memcmp(type, "gAMA", 4) && memcmp(type, "sRGB", 4) && memcmp(type, "iCCP", 4) &&
            memcmp(type, "cHRM", 4)) {
            memcpy(d + out, b->data + in, size);
            out += size;
        }
        in += size;
        if (!memcmp(type, "IEND", 4))
            break;
    }
    free(b->data);
    b->data = d;
    b->len = out;
    return true;
}

unsigned char *gp_image_decode_rgb(const char *path, int *width, int *height, char *err, size_t errlen)
{
    if (width)
        *width = 0;
    if (height)
        *height = 0;
    blob b;
    if (!read_file(path, &b, err, errlen))
        return NULL;
    gp_image_info info = {0};
    png_facts facts = {0};
    void *px = NULL;
    bool ok;
    if (is_jpeg(&b))
        ok = fail(err, errlen, "only PNG images can be decoded to pixels; a JPEG is embedded as it is");
    else if (!is_png(&b))
        ok = not_an_image(&b, err, errlen);
    else if (!png_structure(&b, &info, &facts, err, errlen))
        ok = false;
    else if (!strip_colour_chunks(&b))
        ok = fail(err, errlen, "out of memory decoding image");
    else
        /* 16-bit input is read as 16-bit and scaled here: libpng 1.6's own
         * 16-to-8 path garbles Adam7 images (pnggroup/libpng#853). Its
         * 16-bit output has premultiplied alpha; its 8-bit output does not. */
        ok = png_decode(&b, facts.bit_depth == 16 ? PNG_FORMAT_LINEAR_RGB_ALPHA : PNG_FORMAT_RGBA, &px, err,
                        errlen);
    free(b.data);
    if (!ok)
        return NULL;

    /* Composite over white in the encoded values, in place (4 samples in,
     * 3 bytes out, never ahead of the reading), as a PDF viewer does with an
     * image and its soft mask. */
    size_t count = (size_t)info.width * (size_t)info.height;
    unsigned char *rgb = px;
    if (facts.bit_depth == 16) {
        const png_uint_16 *s16 = px;
        for (size_t i = 0; i < count; i++) {
            uint32_t v[4] = {s16[4 * i], s16[4 * i + 1], s16[4 * i + 2], s16[4 * i + 3]};
            for (int c = 0; c < 3; c++) {
                uint32_t over = v[c] + (65535u - v[3]);     /* premultiplied: c*a + white*(1-a) */
                rgb[3 * i + c] = (unsigned char)((over * 255u + 32767u) / 65535u);
            }
        }
    } else {
        for (size_t i = 0; i < count; i++) {
            const unsigned char *s8 = rgb + 4 * i;
            unsigned a = s8[3];
            unsigned v[3] = {s8[0], s8[1], s8[2]};
            for (int c = 0; c < 3; c++)
                rgb[3 * i + c] = (unsigned char)((v[c] * a + 255u * (255u - a) + 127u) / 255u);
        }
    }
    unsigned char *shrunk = realloc(rgb, count * 3);
    if (shrunk)
        rgb = shrunk;         /* if shrinking failed, the larger block holds the same bytes */
    if (width)
        *width = info.width;
    if (height)
        *height = info.height;
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
        size_t clen = be32(d + pos);
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
