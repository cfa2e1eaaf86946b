/* The sfnt header check: 'true' or 0x00010000 is TrueType, 'OTTO' is CFF,
 * 'ttcf' is a collection whose offset table points at each face's header. */
#include "fontfile.h"

#include "bigendian.h"
#include "fsio.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static bool read_at(int fd, long off, unsigned char *buf, size_t n)
{
    return pread(fd, buf, n, off) == (ssize_t)n;
}

static bool check_face_tag(uint32_t tag, const char *path, char *err, size_t errlen)
{
    if (tag == 0x00010000 || tag == 0x74727565 /* 'true' */)
        return true;
    if (tag == 0x4F54544F /* 'OTTO' */)
        snprintf(err, errlen,
                 "`%s` is an OpenType font with CFF outlines, which cannot be embedded; use a TrueType (.ttf) font",
                 path);
    else
        snprintf(err, errlen, "`%s` is not a TrueType font", path);
    return false;
}

bool gp_fontfile_check(const char *path, int index, char *err, size_t errlen)
{
    if (!gp_is_regular_file(path, err, errlen))
        return false;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    unsigned char h[12];
    bool ok = fd >= 0 && read_at(fd, 0, h, sizeof h);
    if (!ok) {
        snprintf(err, errlen, "`%s` is not a TrueType font", path);
    } else if (gp_be32(h) == 0x74746366 /* 'ttcf' */) {
        uint32_t faces = gp_be32(h + 8);
        unsigned char off[4], tag[4];
        if (index < 0 || (uint32_t)index >= faces) {
            snprintf(err, errlen, "`%s` holds %u fonts; index %d does not exist", path, faces, index);
            ok = false;
        } else if (!read_at(fd, 12 + 4L * index, off, 4) || !read_at(fd, (long)gp_be32(off), tag, 4)) {
            snprintf(err, errlen, "`%s` is a damaged font collection", path);
            ok = false;
        } else {
            ok = check_face_tag(gp_be32(tag), path, err, errlen);
        }
    } else if (index != 0) {
        snprintf(err, errlen, "`%s` is not a font collection; only index 0 exists", path);
        ok = false;
    } else {
        ok = check_face_tag(gp_be32(h), path, err, errlen);
    }
    if (fd >= 0)
        close(fd);
    return ok;
}
