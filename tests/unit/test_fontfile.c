/* gp_fontfile_probe on made-up sfnt files: a directory of more entries than
 * are read at once (the OS/2 table, or a table past the file's end, in a
 * later batch of entries), a directory cut short, and the file kinds that
 * are not fonts. */
#include "base/fontfile.h"
#include "harness.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

enum { DATA = 4096 }; /* bytes of table data after the directory */

static void be16(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 8), p[1] = (unsigned char)v;
}

static void be32(unsigned char *p, uint32_t v)
{
    be16(p, v >> 16), be16(p + 2, v & 0xFFFF);
}

/* A TrueType file of `ntables` tables named 'T000'..., each 16 bytes inside
 * the data, but table `os2` is an OS/2 table whose fsType is `fs_type` and
 * table `too_long` runs past the end of the file (-1: none). `cut` bytes are
 * left off the directory's end (and the data after it). */
static void write_font(const char *path, uint32_t ntables, int os2, uint32_t fs_type, int too_long, size_t cut)
{
    size_t dir = 12 + 16 * (size_t)ntables, size = dir + DATA;
    unsigned char *f = calloc(1, size);
    be32(f, 0x00010000);
    be16(f + 4, ntables);
    for (uint32_t i = 0; i < ntables; i++) {
        unsigned char *e = f + 12 + 16 * i;
        /* cut short, the data is gone: the tables lie in the file's first bytes */
        uint32_t offset = cut && (int)i != os2 ? 0 : (uint32_t)dir + 16 * (i % (DATA / 16));
        be32(e, (int)i == os2 ? 0x4F532F32 /* OS/2 */ : 0x54000000u | i);
        be32(e + 8, offset);
        be32(e + 12, (int)i == too_long ? DATA : cut ? 12 : 16);
        if ((int)i == os2)
            be16(f + offset + 8, fs_type);
    }
    FILE *out = fopen(path, "wb");
    CHECK(out && fwrite(f, 1, cut ? dir - cut : size, out) == (cut ? dir - cut : size));
    if (out)
        fclose(out);
    free(f);
}

static gp_font_verdict probe(const char *path)
{
    char msg[512];
    return gp_fontfile_probe(path, 0, msg, sizeof msg);
}

int main(void)
{
    char dir[] = "/tmp/test_fontfile.XXXXXX", path[sizeof dir + 16];
    CHECK(mkdtemp(dir) != NULL);
    snprintf(path, sizeof path, "%s/f.ttf", dir);

    write_font(path, 3, -1, 0, -1, 0);
    CHECK_EQ_INT(probe(path), GP_FONT_OK);
    /* a restricted licence, in the first entries and after a hundred */
    write_font(path, 3, 1, 0x0002, -1, 0);
    CHECK_EQ_INT(probe(path), GP_FONT_UNLICENSED);
    write_font(path, 150, 140, 0x0002, -1, 0);
    CHECK_EQ_INT(probe(path), GP_FONT_UNLICENSED);
    write_font(path, 150, 70, 0x0004, -1, 0);
    CHECK_EQ_INT(probe(path), GP_FONT_PREVIEW_ONLY);
    write_font(path, 150, 64, 0x0000, -1, 0);
    CHECK_EQ_INT(probe(path), GP_FONT_OK);
    /* a table past the end, or a directory cut short, in a later batch */
    write_font(path, 150, -1, 0, 129, 0);
    CHECK_EQ_INT(probe(path), GP_FONT_BROKEN);
    write_font(path, 150, -1, 0, -1, 0);
    CHECK_EQ_INT(probe(path), GP_FONT_OK);
    write_font(path, 150, -1, 0, -1, 8);
    CHECK_EQ_INT(probe(path), GP_FONT_BROKEN);
    write_font(path, 60, -1, 0, -1, 8);
    CHECK_EQ_INT(probe(path), GP_FONT_BROKEN);
    /* not fonts: a folder, a missing file, an empty file */
    CHECK_EQ_INT(probe(dir), GP_FONT_BROKEN);
    unlink(path);
    CHECK_EQ_INT(probe(path), GP_FONT_BROKEN);
    FILE *empty = fopen(path, "wb");
    if (empty)
        fclose(empty);
    CHECK_EQ_INT(probe(path), GP_FONT_BROKEN);
    unlink(path);
    rmdir(dir);
    return harness_report();
}
