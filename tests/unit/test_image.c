/* Tests for gp_image_probe and gp_image_decode_rgb, run from the repository
 * root against tests/fixtures/images/ (made by make.py there): each fixture's
 * verdict, size and message; non-regular files (a directory, a FIFO that must
 * not block, a device); the 64 MiB cap; every prefix and every single-byte
 * corruption of good files (no crash, no leak, truncation always caught); and
 * decoded pixel values of interlaced, 16-bit, alpha, grey and palette PNGs. */
#include "base/image.h"
#include "base/image_int.h"

#include "harness.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define DIR "tests/fixtures/images/"

static void expect_ok(const char *name, gp_image_kind kind, int w, int h, bool interlaced, bool alpha)
{
    char path[256], err[256] = "";
    snprintf(path, sizeof path, DIR "%s", name);
    gp_image_info info;
    memset(&info, 0xAB, sizeof info);
    bool ok = gp_image_probe(path, &info, err, sizeof err);
    if (!ok)
        fprintf(stderr, "  %s: unexpected failure: %s\n", name, err);
    CHECK(ok);
    if (!ok)
        return;
    CHECK(info.kind == kind);
    CHECK_EQ_INT(info.width, w);
    CHECK_EQ_INT(info.height, h);
    CHECK(info.interlaced == interlaced);
    CHECK(info.has_alpha == alpha);
}

static void expect_fail_path(const char *path, const char *want)
{
    char err[256] = "";
    gp_image_info info = {0};
    bool ok = gp_image_probe(path, &info, err, sizeof err);
    CHECK(!ok);
    bool has = strstr(err, want) != NULL;
    if (ok || !has)
        fprintf(stderr, "  %s: got %s \"%s\", want failure containing \"%s\"\n", path, ok ? "success" : "failure",
                err, want);
    CHECK(has);
    size_t n = strlen(err);
    CHECK(n > 0 && err[n - 1] != '.' && err[n - 1] != '\n');
}

static void expect_fail(const char *name, const char *want)
{
    char path[256];
    snprintf(path, sizeof path, DIR "%s", name);
    expect_fail_path(path, want);
}

static void test_fixtures(void)
{
    expect_ok("good.png", GP_IMAGE_PNG, 13, 11, false, false);
    expect_ok("alpha.png", GP_IMAGE_PNG, 4, 2, false, true);
    expect_ok("interlaced.png", GP_IMAGE_PNG, 13, 11, true, false);
    expect_ok("interlaced-alpha16.png", GP_IMAGE_PNG, 9, 7, true, true);
    expect_ok("gray16-gamma.png", GP_IMAGE_PNG, 9, 7, true, false);
    expect_ok("gamma8.png", GP_IMAGE_PNG, 13, 11, true, false);
    expect_ok("gray2.png", GP_IMAGE_PNG, 6, 1, false, false);
    expect_ok("palette.png", GP_IMAGE_PNG, 3, 1, false, true);        /* tRNS counts as alpha */
    expect_ok("good.jpg", GP_IMAGE_JPEG, 40, 30, false, false);
    expect_ok("progressive.jpg", GP_IMAGE_JPEG, 40, 30, false, false);
    expect_ok("gray.jpg", GP_IMAGE_JPEG, 40, 30, false, false);
    expect_ok("cmyk.jpg", GP_IMAGE_JPEG, 40, 30, false, false);
    expect_ok("trailer.jpg", GP_IMAGE_JPEG, 40, 30, false, false);  /* data after EOI is tolerated */

    expect_fail("truncated.png", "truncated or corrupt PNG image");
    expect_fail("noiend.png", "truncated or corrupt PNG image");
    expect_fail("corrupt-crc.png", "truncated or corrupt PNG image");
    expect_fail("bad-crc.png", "truncated or corrupt PNG image");
    expect_fail("corrupt-data.png", "truncated or corrupt PNG image");
    expect_fail("huge.png", "image is 100000x100000 pixels; the limit is 12000x12000");
    expect_fail("manypixels.png", "image is 11000x11000 pixels (121 million); the limit is 100 million pixels");
    expect_fail("zero.png", "image has no pixels (0x5)");
    expect_fail("random.png", "not a PNG or JPEG image");
    expect_fail("empty.png", "image file is empty");
    expect_fail("text.png", "not a PNG or JPEG image");
    expect_fail("truncated.jpg", "truncated or corrupt JPEG image");
    expect_fail("noeoi.jpg", "truncated or corrupt JPEG image");
    expect_fail("12bit.jpg", "JPEG image has 12-bit samples; only 8-bit JPEG is supported");
    expect_fail("zero.jpg", "image has no pixels (40x0)");
    expect_fail("huge.jpg", "image is 60000x50000 pixels; the limit is 12000x12000");
    expect_fail("arith.jpg", "unsupported kind of JPEG");
    expect_fail("make.py", "not a PNG or JPEG image");
    expect_fail("no-such-file.png", "cannot open image: No such file or directory");
}

/* The colour components as stored, which --preflight reads (a palette is RGB). */
static void test_colors(void)
{
    static const struct {
        const char *name;
        int colors;
    } cases[] = {{"good.png", 3}, {"alpha.png", 3}, {"gray2.png", 1}, {"gray16-gamma.png", 1}, {"palette.png", 3},
                 {"good.jpg", 3}, {"gray.jpg", 1},  {"cmyk.jpg", 4}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        gp_image_info info = {0};
        char path[256];
        snprintf(path, sizeof path, DIR "%s", cases[i].name);
        CHECK(gp_image_probe(path, &info, NULL, 0));
        if (info.colors != cases[i].colors)
            fprintf(stderr, "  %s: %d colours, want %d\n", cases[i].name, info.colors, cases[i].colors);
        CHECK_EQ_INT(info.colors, cases[i].colors);
    }
}

/* Exif orientation: read from the first APP1 segment in either byte order,
 * the size turned a quarter for 5 to 8; hostile Exif data is ignored (1). */
static void expect_orientation(const char *name, int orientation, int w, int h)
{
    char path[256], err[256] = "";
    snprintf(path, sizeof path, DIR "%s", name);
    gp_image_info info = {0};
    bool ok = gp_image_probe(path, &info, err, sizeof err);
    if (!ok || info.orientation != orientation)
        fprintf(stderr, "  %s: %s, orientation %d, want %d\n", name, ok ? "ok" : err, info.orientation, orientation);
    CHECK(ok);
    CHECK_EQ_INT(info.orientation, orientation);
    CHECK_EQ_INT(info.width, w);
    CHECK_EQ_INT(info.height, h);
}

static void test_exif(void)
{
    expect_orientation("good.jpg", 1, 40, 30);
    expect_orientation("good.png", 1, 13, 11);
    expect_orientation("exif-1.jpg", 1, 40, 30);
    expect_orientation("exif-3.jpg", 3, 40, 30);
    expect_orientation("exif-6.jpg", 6, 30, 40);
    expect_orientation("exif-8.jpg", 8, 30, 40);
    expect_orientation("exif-6-be.jpg", 6, 30, 40);
    expect_orientation("exif-bad-count.jpg", 6, 30, 40);   /* the tag comes before the count runs out */
    expect_orientation("exif-bad-offset.jpg", 1, 40, 30);
    expect_orientation("exif-bad-cut.jpg", 1, 40, 30);
    expect_orientation("exif-bad-value.jpg", 1, 40, 30);
    expect_orientation("exif-bad-type.jpg", 1, 40, 30);
}

/* A huge claim is refused from the header alone: no decode, no big allocation. */
static void test_huge_is_instant(void)
{
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int i = 0; i < 100; i++)
        expect_fail("huge.png", "the limit is 12000x12000");
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    CHECK(s < 1.0);
}

static void test_not_regular(const char *tmp)
{
    expect_fail_path(DIR, "not a regular file");
    expect_fail_path("/dev/null", "not a regular file");

    char fifo[512];
    snprintf(fifo, sizeof fifo, "%s/fifo.png", tmp);
    CHECK(mkfifo(fifo, 0600) == 0);
    /* If probing the FIFO blocked, SIGALRM would end the test run. */
    alarm(10);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    expect_fail_path(fifo, "not a regular file");
    int w = -1, h = -1;
    char err[128] = "";
    CHECK(gp_image_decode_rgb(fifo, &w, &h, err, sizeof err) == NULL);
    CHECK(strstr(err, "not a regular file") != NULL);
    CHECK(w == 0 && h == 0);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    alarm(0);
    double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    CHECK(s < 1.0);
    unlink(fifo);
}

static void test_size_cap(const char *tmp)
{
    char big[512];
    snprintf(big, sizeof big, "%s/big.png", tmp);
    int fd = open(big, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    CHECK(fd >= 0);
    if (fd < 0)
        return;
    /* Sparse: costs no disk. */
    CHECK(write(fd, "\x89PNG\r\n\x1a\n", 8) == 8);
    CHECK(ftruncate(fd, GP_IMAGE_MAX_FILE_BYTES + 1) == 0);
    close(fd);
    expect_fail_path(big, "image file is larger than 64 MiB");
    unlink(big);
}

static void test_errbuf(void)
{
    /* A short buffer gets a truncated, terminated message; none at all is fine too. */
    char err[8];
    memset(err, 'x', sizeof err);
    CHECK(!gp_image_probe(DIR "text.png", NULL, err, sizeof err));
    CHECK(memchr(err, '\0', sizeof err) != NULL);
    CHECK(strncmp(err, "not a P", 7) == 0);
    CHECK(!gp_image_probe(DIR "truncated.png", NULL, NULL, 0));
    CHECK(gp_image_probe(DIR "good.png", NULL, NULL, 0));
    CHECK(!gp_image_probe(NULL, NULL, NULL, 0));
    CHECK(!gp_image_probe("", NULL, NULL, 0));
}

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    unsigned char *buf = malloc(64 * 1024);
    *len = buf ? fread(buf, 1, 64 * 1024, f) : 0;
    fclose(f);
    return buf;
}

static void spill(const char *path, const unsigned char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (!f)
        return;
    CHECK(fwrite(data, 1, len, f) == len);
    fclose(f);
}

/* Every proper prefix of a good file is refused as truncated (or empty), and
 * flipping any single byte never crashes, hangs or leaks. */
static void test_mutations(const char *tmp, const char *name, const char *want)
{
    char src[256], dst[512];
    snprintf(src, sizeof src, DIR "%s", name);
    snprintf(dst, sizeof dst, "%s/mutant", tmp);
    size_t len = 0;
    unsigned char *data = slurp(src, &len);
    CHECK(data != NULL && len > 0);
    if (!data)
        return;
    int prefix_bad = 0;
    for (size_t cut = 0; cut < len; cut++) {
        spill(dst, data, cut);
        char err[256] = "";
        if (gp_image_probe(dst, NULL, err, sizeof err) ||
            (cut > 0 && cut >= 4 && !strstr(err, want))) {
            if (prefix_bad++ < 3)
                fprintf(stderr, "  %s cut to %zu bytes: \"%s\"\n", name, cut, err);
        }
        int w, h;
        unsigned char *px = gp_image_decode_rgb(dst, &w, &h, NULL, 0);
        CHECK(px == NULL);
        free(px);
    }
    CHECK(prefix_bad == 0);
    for (size_t i = 0; i < len; i++) {
        for (int bit = 0; bit < 8; bit += 3) {
            data[i] ^= (unsigned char)(1u << bit);
            spill(dst, data, len);
            data[i] ^= (unsigned char)(1u << bit);
            gp_image_info info;
            char err[256] = "";
            if (gp_image_probe(dst, &info, err, sizeof err)) {
                CHECK(info.width > 0 && info.height > 0);
            } else {
                CHECK(err[0] != '\0');
            }
            int w = 0, h = 0;
            unsigned char *px = gp_image_decode_rgb(dst, &w, &h, NULL, 0);
            if (px)
                CHECK(w > 0 && h > 0);
            free(px);
        }
    }
    unlink(dst);
    free(data);
}

/* The one-pass PNG check (image_png_certainly_valid) takes the plain PNGs
 * and leaves interlaced and palette ones to libpng; over every single-bit
 * change of those it takes, it never passes a file libpng refuses. */
static void test_certain_check(void)
{
    static const char *const plain[] = {"good.png", "alpha.png", "gray2.png"};
    static const char *const left[] = {"interlaced.png", "palette.png"};
    for (size_t i = 0; i < sizeof left / sizeof left[0]; i++) {
        char path[256];
        snprintf(path, sizeof path, DIR "%s", left[i]);
        blob b = {0};
        b.data = slurp(path, &b.len);
        CHECK(b.data && !image_png_certainly_valid(&b));
        free(b.data);
    }
    size_t refused = 0;
    for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++) {
        char path[256];
        snprintf(path, sizeof path, DIR "%s", plain[i]);
        blob b = {0};
        b.data = slurp(path, &b.len);
        CHECK(b.data && image_png_certainly_valid(&b));
        for (size_t at = 0; b.data && at < b.len; at++)
            for (int bit = 0; bit < 8; bit++) {
                b.data[at] ^= (unsigned char)(1u << bit);
                gp_image_info info;
                char err[256] = "";
                if (image_png_structure(&b, &info, err, sizeof err)) {
                    bool libpng = image_png_libpng_check_rows(&b, err, sizeof err);
                    refused += !libpng;
                    if (!libpng && image_png_certainly_valid(&b)) {
                        fprintf(stderr, "  %s, byte %zu bit %d: passed, but libpng says \"%s\"\n", plain[i], at,
                                bit, err);
                        CHECK(false);
                    }
                }
                b.data[at] ^= (unsigned char)(1u << bit);
            }
        free(b.data);
    }
    CHECK(refused > 0);
}

static int pattern(int x, int y, int c)
{
    return c == 0 ? (x * 19) % 256 : c == 1 ? (y * 23) % 256 : ((x + y) * 7) % 256;
}

static unsigned char *decode(const char *name, int want_w, int want_h)
{
    char path[256], err[256] = "";
    snprintf(path, sizeof path, DIR "%s", name);
    int w = -1, h = -1;
    unsigned char *px = gp_image_decode_rgb(path, &w, &h, err, sizeof err);
    if (!px)
        fprintf(stderr, "  decode %s: %s\n", name, err);
    CHECK(px != NULL);
    CHECK(w == want_w && h == want_h);
    if (px && (w != want_w || h != want_h)) {
        free(px);
        return NULL;
    }
    return px;
}

/* make.py's pattern16(): 16-bit RGBA of interlaced-alpha16.png. */
static void pattern16(int x, int y, long v[4])
{
    static const long alpha[4] = {65535, 0, 32768, 12345};
    v[0] = (x * 7919L + y * 10477L) % 65536;
    v[1] = ((long)x * y * 2749) % 65536;
    v[2] = 65535 - v[0];
    v[3] = alpha[(x + y) % 4];
}

static bool rgb_is(const unsigned char *p, int r, int g, int b)
{
    return p[0] == r && p[1] == g && p[2] == b;
}

static void test_decode(void)
{
    unsigned char *px = decode("interlaced.png", 13, 11);
    if (px) {
        int bad = 0;
        for (int y = 0; y < 11; y++)
            for (int x = 0; x < 13; x++)
                for (int c = 0; c < 3; c++)
                    bad += px[(y * 13 + x) * 3 + c] != pattern(x, y, c);
        CHECK(bad == 0);
        CHECK(rgb_is(px + (10 * 13 + 12) * 3, 228, 230, 154));   /* bottom right, spelled out */
        free(px);
    }
    px = decode("good.png", 13, 11);
    if (px) {
        int bad = 0;
        for (int i = 0; i < 13 * 11 * 3; i++)
            bad += px[i] != pattern(i / 3 % 13, i / 3 / 13, i % 3);
        CHECK(bad == 0);
        free(px);
    }
    /* Over white: transparent pixels become white whatever their colour. */
    px = decode("alpha.png", 4, 2);
    if (px) {
        CHECK(rgb_is(px + 0, 255, 0, 0));
        CHECK(rgb_is(px + 3, 0, 255, 0));
        CHECK(rgb_is(px + 6, 0, 0, 255));
        CHECK(rgb_is(px + 9, 10, 20, 30));
        CHECK(rgb_is(px + 12, 255, 255, 255));
        CHECK(rgb_is(px + 15, 255, 255, 255));
        CHECK(rgb_is(px + 18, 0, 0, 255));
        CHECK(rgb_is(px + 21, 127, 127, 127));                  /* black at alpha 128 */
        free(px);
    }
    /* 16-bit, interlaced, every pixel different: scaled to 8 bits and put
     * over white: (c*a + 65535*(65535-a)) / 65535 / 257, within rounding. */
    px = decode("interlaced-alpha16.png", 9, 7);
    if (px) {
        int bad = 0;
        for (int y = 0; y < 7; y++)
            for (int x = 0; x < 9; x++) {
                long v[4];
                pattern16(x, y, v);
                for (int c = 0; c < 3; c++) {
                    double want = ((double)v[c] * (double)v[3] / 65535.0 + (double)(65535 - v[3])) / 257.0;
                    double got = px[(y * 9 + x) * 3 + c];
                    if (got - want > 1.0 || want - got > 1.0) {
                        if (bad++ < 3)
                            fprintf(stderr, "  interlaced-alpha16.png (%d,%d)[%d]: %g, want %g\n", x, y, c, got,
                                    want);
                    }
                }
            }
        CHECK(bad == 0);
        CHECK(rgb_is(px + 0, 0, 0, 255));                        /* (0,0): opaque (0, 0, 65535) */
        CHECK(rgb_is(px + 3, 255, 255, 255));                    /* (1,0): transparent */
        CHECK(rgb_is(px + (2 * 9 + 3) * 3, 255, 255, 255));      /* (3,2): transparent */
        CHECK(rgb_is(px + (1 * 9 + 3) * 3, 133, 32, 122));       /* (3,1): opaque (34234, 8247, 31301) */
        free(px);
    }
    /* gAMA is ignored, as libharu ignores it: samples come out as stored. */
    px = decode("gray16-gamma.png", 9, 7);
    if (px) {
        int bad = 0;
        for (int y = 0; y < 7; y++)
            for (int x = 0; x < 9; x++) {
                long v = (x * 7000L + y * 3001L) % 65536;
                int want = (int)((v * 255 + 32767) / 65535);
                bad += !rgb_is(px + (y * 9 + x) * 3, want, want, want);
            }
        CHECK(bad == 0);
        free(px);
    }
    px = decode("gamma8.png", 13, 11);
    if (px) {
        int bad = 0;
        for (int i = 0; i < 13 * 11 * 3; i++)
            bad += px[i] != pattern(i / 3 % 13, i / 3 / 13, i % 3);
        CHECK(bad == 0);
        free(px);
    }
    px = decode("gray2.png", 6, 1);
    if (px) {
        static const int want[6] = {0, 85, 170, 255, 255, 0};
        for (int i = 0; i < 6; i++)
            CHECK(rgb_is(px + 3 * i, want[i], want[i], want[i]));
        free(px);
    }
    px = decode("palette.png", 3, 1);
    if (px) {
        CHECK(rgb_is(px + 0, 255, 0, 0));
        CHECK(rgb_is(px + 3, 255, 255, 255));
        CHECK(rgb_is(px + 6, 0, 0, 255));
        free(px);
    }

    /* Failures: NULL, zero size, a message. */
    static const char *const bad[][2] = {
        {"truncated.png", "truncated or corrupt PNG image"},
        {"corrupt-data.png", "truncated or corrupt PNG image"},
        {"huge.png", "the limit is 12000x12000"},
        {"good.jpg", "only PNG images"},
        {"text.png", "not a PNG or JPEG image"},
        {"empty.png", "image file is empty"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char path[256], err[256] = "";
        snprintf(path, sizeof path, DIR "%s", bad[i][0]);
        int w = -1, h = -1;
        px = gp_image_decode_rgb(path, &w, &h, err, sizeof err);
        CHECK(px == NULL);
        free(px);
        CHECK(w == 0 && h == 0);
        if (!strstr(err, bad[i][1]))
            fprintf(stderr, "  decode %s: \"%s\", want \"%s\"\n", bad[i][0], err, bad[i][1]);
        CHECK(strstr(err, bad[i][1]) != NULL);
    }
}

/* The probe in two halves: the header's facts at once, the verdict on a
 * PNG's rows when finished; every fixture gets the same verdict and message
 * as from gp_image_probe. */
static void test_probe_in_background(void)
{
    static const char *const names[] = {"good.png", "alpha.png", "interlaced-alpha16.png", "corrupt-data.png",
                                        "truncated.png", "bad-crc.png", "random.png", "good.jpg",
                                        "truncated.jpg", "huge.png", "no-such-file.png"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char path[256], err1[256] = "", err2[256] = "";
        snprintf(path, sizeof path, DIR "%s", names[i]);
        gp_image_info info1 = {0}, info2 = {0};
        bool whole = gp_image_probe(path, &info1, err1, sizeof err1);
        gp_image_probe_job *job = gp_image_probe_start(path, &info2, err2, sizeof err2);
        bool halves = job && gp_image_probe_finish(job, err2, sizeof err2);
        CHECK(whole == halves);
        CHECK(strcmp(err1, err2) == 0);
        if (strcmp(err1, err2))
            fprintf(stderr, "    %s: '%s' vs '%s'\n", names[i], err1, err2);
        CHECK(!job || (info1.width == info2.width && info1.height == info2.height));
    }
    /* the pixels' damage is found only on finishing */
    char err[256] = "";
    gp_image_info info = {0};
    gp_image_probe_job *job = gp_image_probe_start(DIR "corrupt-data.png", &info, err, sizeof err);
    CHECK(job != NULL && info.width > 0);
    CHECK(job && !gp_image_probe_finish(job, err, sizeof err));
    CHECK(strstr(err, "truncated or corrupt PNG image") != NULL);
}

int main(void)
{
    char tmp[] = "/tmp/gp-test-image-XXXXXX";
    if (!mkdtemp(tmp)) {
        perror("mkdtemp");
        return 1;
    }
    test_fixtures();
    test_colors();
    test_exif();
    test_probe_in_background();
    test_huge_is_instant();
    test_not_regular(tmp);
    test_size_cap(tmp);
    test_errbuf();
    test_mutations(tmp, "good.png", "truncated or corrupt PNG image");
    test_mutations(tmp, "interlaced-alpha16.png", "truncated or corrupt PNG image");
    test_mutations(tmp, "good.jpg", "truncated or corrupt JPEG image");
    test_mutations(tmp, "progressive.jpg", "truncated or corrupt JPEG image");
    test_mutations(tmp, "exif-6.jpg", "truncated or corrupt JPEG image");
    test_decode();
    test_certain_check();
    rmdir(tmp);
    return harness_report();
}
