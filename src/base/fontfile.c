/* The sfnt header check: 'true' or 0x00010000 is TrueType, 'OTTO' is CFF,
 * 'ttcf' is a collection whose offset table points at each face's header.
 * Then the face's table directory: every table inside the file, the CFF
 * table's header and first INDEXes sound, and the OS/2 table's fsType
 * licence bits (OpenType spec, OS/2 table). Checksums are not verified:
 * HarfBuzz and libharu do not need them to be right, and nor do viewers. */
#include "fontfile.h"

#include "bigendian.h"
#include "fsio.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define TAG(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))

/* fsType: the low bits are one usage permission, the high bits restrict it further. */
#define FS_USAGE_MASK 0x000E /* bit 0 is reserved */
#define FS_RESTRICTED 0x0002
#define FS_PREVIEW_PRINT 0x0004
#define FS_EDITABLE 0x0008
#define FS_NO_SUBSETTING 0x0100
#define FS_BITMAP_ONLY 0x0200

#define NOT_A_FONT  "`%s` is not a font file (OpenType .ttf or .otf, or a .ttc or .otc collection)"
#define ASK_FOUNDRY "ask the foundry for a licence that allows embedding, or choose another font"

static bool read_at(int fd, long off, unsigned char *buf, size_t n)
{
    return pread(fd, buf, n, off) == (ssize_t)n;
}

static bool is_sfnt(uint32_t tag)
{
    return tag == 0x00010000 || tag == TAG('t', 'r', 'u', 'e') || tag == TAG('O', 'T', 'T', 'O');
}

/* A table's place in the file; length 0 if the face has none. */
typedef struct table {
    uint32_t offset, length;
} table;

typedef struct face {
    int fd;
    uint32_t tag;   /* the face's sfnt version */
    table os2, cff; /* cff: 'CFF ' or 'CFF2' */
    uint32_t cff_tag;
} face;

/* The table directory at face_off, read a few entries at a time; false if
 * it or a table runs past the end of the file. */
static bool read_directory(face *f, uint32_t face_off, long long file_size)
{
    enum { ENTRY = 16, BATCH = 64 };
    unsigned char h[6], e[ENTRY * BATCH];
    if (!read_at(f->fd, face_off, h, sizeof h))
        return false;
    f->tag = gp_be32(h);
    uint32_t ntables = gp_be16(h + 4);
    for (uint32_t first = 0; first < ntables; first += BATCH) {
        uint32_t n = ntables - first < BATCH ? ntables - first : BATCH;
        if (!read_at(f->fd, face_off + 12L + (long)ENTRY * first, e, ENTRY * n))
            return false;
        for (uint32_t i = 0; i < n; i++) {
            const unsigned char *entry = e + ENTRY * i;
            uint32_t tag = gp_be32(entry);
            table t = {gp_be32(entry + 8), gp_be32(entry + 12)};
            if ((long long)t.offset + (long long)t.length > file_size)
                return false;
            if (tag == TAG('O', 'S', '/', '2'))
                f->os2 = t;
            else if (tag == TAG('C', 'F', 'F', ' ') || tag == TAG('C', 'F', 'F', '2'))
                f->cff = t, f->cff_tag = tag;
        }
    }
    return ntables > 0;
}

/* n bytes at pos inside table t. */
static bool read_in(const face *f, table t, uint32_t pos, unsigned char *buf, uint32_t n)
{
    return (uint64_t)pos + n <= t.length && read_at(f->fd, (long)t.offset + pos, buf, n);
}

/* Steps *pos over the CFF INDEX there: a count, an offset size, count + 1
 * offsets, and data up to the last offset, all inside the table. */
static bool skip_cff_index(const face *f, uint32_t *pos)
{
    unsigned char h[3], last[4];
    if (!read_in(f, f->cff, *pos, h, 2))
        return false;
    uint32_t count = gp_be16(h);
    if (count == 0) {
        *pos += 2;
        return true;
    }
    if (!read_in(f, f->cff, *pos, h, 3) || h[2] < 1 || h[2] > 4)
        return false;
    uint32_t size = h[2], offsets = *pos + 3;
    if (!read_in(f, f->cff, offsets + count * size, last, size))
        return false;
    uint32_t end = 0;
    for (uint32_t i = 0; i < size; i++)
        end = end << 8 | last[i];
    uint64_t data_end = (uint64_t)offsets + (count + 1) * size - 1 + end;
    if (end < 1 || data_end > f->cff.length)
        return false;
    *pos = (uint32_t)data_end;
    return true;
}

/* CFF: header, then the Name, Top DICT, String and Global Subr INDEXes.
 * CFF2: header and Top DICT inside the table. */
static bool cff_sound(const face *f)
{
    unsigned char h[5];
    if (f->cff_tag == TAG('C', 'F', 'F', '2'))
        return read_in(f, f->cff, 0, h, 5) && h[0] == 2 && (uint64_t)h[2] + gp_be16(h + 3) <= f->cff.length;
    if (!read_in(f, f->cff, 0, h, 4) || h[0] != 1 || h[2] < 4 || h[3] < 1 || h[3] > 4)
        return false;
    uint32_t pos = h[2];
    for (int i = 0; i < 4; i++)
        if (!skip_cff_index(f, &pos))
            return false;
    return true;
}

/* CFF outlines are embedded as they are (the subset's CFF table); CFF2,
 * the variable form, has no PDF embedding: the PDF stage would have to
 * instance it, which HarfBuzz 6's subsetter cannot. */
static gp_font_verdict check_outlines(const face *f, const char *path, char *msg, size_t msglen)
{
    if (f->tag != TAG('O', 'T', 'T', 'O'))
        return GP_FONT_OK;
    if (!f->cff.length || !cff_sound(f))
        snprintf(msg, msglen,
                 "`%s` has a damaged CFF table, so its outlines cannot be read; get the font file again from "
                 "its source",
                 path);
    else if (f->cff_tag == TAG('C', 'F', 'F', '2'))
        snprintf(msg, msglen,
                 "`%s` is a variable font with CFF2 outlines, which cannot be embedded yet; use the family's static "
                 ".otf fonts or its TrueType variable font",
                 path);
    else
        return GP_FONT_OK;
    return GP_FONT_BROKEN;
}

/* guidepress embeds a subset of the outlines: fine for installable and
 * editable fonts, and for preview & print ones with a warning (the guide is
 * a document to view and print). When several usage bits are set, the
 * least restrictive one applies. */
static gp_font_verdict check_licence(const face *f, const char *path, char *msg, size_t msglen)
{
    unsigned char b[2];
    if (f->os2.length < 10 || !read_in(f, f->os2, 8, b, 2))
        return GP_FONT_OK; /* no OS/2 table: no restriction stated */
    uint32_t fs_type = gp_be16(b), usage = fs_type & FS_USAGE_MASK;
    if (usage == FS_RESTRICTED)
        snprintf(msg, msglen, "`%s` has a restricted licence that forbids embedding it (OS/2 fsType 0x%04X); " ASK_FOUNDRY,
                 path, fs_type);
    else if (fs_type & FS_NO_SUBSETTING)
        snprintf(msg, msglen,
                 "`%s` may only be embedded whole (OS/2 fsType 0x%04X: no subsetting), but guidepress embeds only "
                 "the glyphs a guide uses; " ASK_FOUNDRY,
                 path, fs_type);
    else if (fs_type & FS_BITMAP_ONLY)
        snprintf(msg, msglen,
                 "`%s` may only be embedded as bitmaps (OS/2 fsType 0x%04X), but guidepress embeds outlines; " ASK_FOUNDRY,
                 path, fs_type);
    else if ((usage & FS_PREVIEW_PRINT) && !(usage & FS_EDITABLE)) {
        snprintf(msg, msglen,
                 "`%s` may be embedded for preview and print only (OS/2 fsType 0x%04X): the guide can be viewed "
                 "and printed, not edited; check that this is what its licence allows",
                 path, fs_type);
        return GP_FONT_PREVIEW_ONLY;
    } else
        return GP_FONT_OK;
    return GP_FONT_UNLICENSED;
}

/* The offset of face `index`: 0 for a single font, from the offset table for a collection. */
static gp_font_verdict find_face(int fd, const unsigned char *h, const char *path, int index, uint32_t *face_off,
                                 char *msg, size_t msglen)
{
    uint32_t tag = gp_be32(h);
    if (tag == TAG('w', 'O', 'F', 'F') || tag == TAG('w', 'O', 'F', '2')) {
        bool woff2 = tag == TAG('w', 'O', 'F', '2');
        snprintf(msg, msglen,
                 "`%s` is a %s web font, which guidepress cannot read; convert it to .ttf or .otf first, e.g. with "
                 "`%s` from Debian's %s package",
                 path, woff2 ? "WOFF2" : "WOFF", woff2 ? "woff2_decompress" : "woff2sfnt", woff2 ? "woff2" : "woff-tools");
        return GP_FONT_BROKEN;
    }
    *face_off = 0;
    if (tag == TAG('t', 't', 'c', 'f')) {
        uint32_t faces = gp_be32(h + 8);
        unsigned char off[4];
        if (index < 0 || (uint32_t)index >= faces) {
            snprintf(msg, msglen, "`%s` holds %u fonts; index %d does not exist", path, faces, index);
            return GP_FONT_BROKEN;
        }
        if (!read_at(fd, 12 + 4L * index, off, 4)) {
            snprintf(msg, msglen, "`%s` is a damaged font collection", path);
            return GP_FONT_BROKEN;
        }
        *face_off = gp_be32(off);
    } else if (index != 0 && is_sfnt(tag)) {
        snprintf(msg, msglen, "`%s` is not a font collection; only index 0 exists", path);
        return GP_FONT_BROKEN;
    }
    return GP_FONT_OK;
}

static gp_font_verdict probe_open(int fd, long long size, const char *path, int index, char *msg, size_t msglen)
{
    unsigned char h[12];
    uint32_t face_off;
    if (!read_at(fd, 0, h, sizeof h)) {
        snprintf(msg, msglen, NOT_A_FONT, path);
        return GP_FONT_BROKEN;
    }
    gp_font_verdict v = find_face(fd, h, path, index, &face_off, msg, msglen);
    if (v != GP_FONT_OK)
        return v;
    face f = {.fd = fd};
    bool directory_ok = read_directory(&f, face_off, size);
    if (!is_sfnt(f.tag)) {
        snprintf(msg, msglen, NOT_A_FONT, path);
        return GP_FONT_BROKEN;
    }
    if (!directory_ok) {
        snprintf(msg, msglen, "`%s` is truncated or damaged (its tables run past the end of the file); get the font "
                              "file again from its source", path);
        return GP_FONT_BROKEN;
    }
    v = check_outlines(&f, path, msg, msglen);
    return v != GP_FONT_OK ? v : check_licence(&f, path, msg, msglen);
}

gp_font_verdict gp_fontfile_probe(const char *path, int index, char *msg, size_t msglen)
{
    long long size = 0;
    int fd = gp_open_regular_file(path, &size, msg, msglen);
    if (fd < 0)
        return GP_FONT_BROKEN;
    gp_font_verdict v = probe_open(fd, size, path, index, msg, msglen);
    close(fd);
    return v;
}
