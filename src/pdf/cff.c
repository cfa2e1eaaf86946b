/* CFF: see cff.h. The Compact Font Format specification (Adobe TN 5176):
 * a header, then the Name and Top DICT INDEXes; the Top DICT's ROS
 * operator (12 30) marks a CID-keyed font, whose charset (operator 15)
 * gives each glyph's CID. Anything out of bounds reads as "not CID-keyed":
 * fontfile.c has checked the INDEXes already. */
#include "cff.h"

#include "base/arena.h"
#include "base/bigendian.h"

#include <stdlib.h>

typedef struct span {
    const uint8_t *p;
    uint32_t n;
} span;

/* The first item of the INDEX at pos; *next is just past the INDEX. */
static span first_item(span t, uint32_t pos, uint32_t *next)
{
    span none = {NULL, 0};
    if (pos + 3 > t.n)
        return none;
    uint32_t count = gp_be16(t.p + pos), size = t.p[pos + 2];
    if (count == 0 || size < 1 || size > 4 || pos + 3 + (count + 1) * size > t.n)
        return none;
    const uint8_t *offs = t.p + pos + 3;
    uint32_t data = pos + 2 + (count + 1) * size, start = gp_be_n(offs, size), end = gp_be_n(offs + size, size),
             last = gp_be_n(offs + count * size, size);
    if (start < 1 || end < start || data + last > t.n)
        return none;
    *next = data + last;
    return (span){t.p + data + start, end - start};
}

/* Walks a DICT: operands are numbers (only integers matter here, reals
 * are skipped), each operator ends a group. The charset offset if the
 * DICT has ROS, else 0. */
static uint32_t cid_charset(span d)
{
    long last = 0;
    bool ros = false;
    uint32_t charset = 0;
    for (uint32_t i = 0; i < d.n;) {
        uint8_t b = d.p[i];
        if (b == 28 && i + 2 < d.n)
            last = (int16_t)gp_be16(d.p + i + 1), i += 3;
        else if (b == 29 && i + 4 < d.n)
            last = (int32_t)gp_be32(d.p + i + 1), i += 5;
        else if (b == 30) { /* a real: nibbles up to an 0xF */
            for (i++; i < d.n && (d.p[i] & 0x0F) != 0x0F && (d.p[i] & 0xF0) != 0xF0; i++)
                ;
            i++;
        } else if (b >= 32 && b <= 246)
            last = b - 139, i++;
        else if (b >= 247 && b <= 250 && i + 1 < d.n)
            last = (b - 247) * 256 + d.p[i + 1] + 108, i += 2;
        else if (b >= 251 && b <= 254 && i + 1 < d.n)
            last = -(b - 251) * 256 - d.p[i + 1] - 108, i += 2;
        else if (b == 12 && i + 1 < d.n)
            ros |= d.p[i + 1] == 30, i += 2;
        else {
            if (b == 15)
                charset = last > 0 ? (uint32_t)last : 0;
            i++;
        }
    }
    return ros ? charset : 0;
}

/* The charset's CIDs for glyphs 1..nglyphs-1 (formats 0, 1 and 2). */
static bool read_charset(span t, uint32_t pos, uint16_t *cid, uint32_t nglyphs)
{
    if (pos >= t.n)
        return false;
    uint8_t format = t.p[pos++];
    for (uint32_t g = 1; g < nglyphs;) {
        if (format == 0) {
            if (pos + 2 > t.n)
                return false;
            cid[g++] = (uint16_t)gp_be16(t.p + pos), pos += 2;
            continue;
        }
        uint32_t size = format == 1 ? 3 : 4;
        if ((format != 1 && format != 2) || pos + size > t.n)
            return false;
        uint32_t first = gp_be16(t.p + pos), left = format == 1 ? t.p[pos + 2] : gp_be16(t.p + pos + 2);
        for (uint32_t k = 0; k <= left && g < nglyphs; k++)
            cid[g++] = (uint16_t)(first + k);
        pos += size;
    }
    return true;
}

uint16_t *gp_cff_cids(hb_face_t *face, uint32_t nglyphs)
{
    hb_blob_t *blob = hb_face_reference_table(face, HB_TAG('C', 'F', 'F', ' '));
    unsigned len;
    span t = {(const uint8_t *)hb_blob_get_data(blob, &len), 0};
    t.n = len;
    uint16_t *cid = NULL;
    uint32_t next = 0;
    span top = t.n > 4 ? first_item(t, t.p[2], &next) : (span){NULL, 0}; /* Name INDEX */
    top = top.p ? first_item(t, next, &next) : top;                      /* Top DICT INDEX */
    uint32_t charset = top.p ? cid_charset(top) : 0;
    if (charset && nglyphs) {
        cid = gp_xmalloc(nglyphs * sizeof *cid);
        cid[0] = 0;
        if (!read_charset(t, charset, cid, nglyphs)) {
            free(cid);
            cid = NULL;
        }
    }
    hb_blob_destroy(blob);
    return cid;
}

bool gp_face_is_cff(hb_face_t *face)
{
    hb_blob_t *blob = hb_face_reference_table(face, HB_TAG('C', 'F', 'F', ' '));
    bool cff = hb_blob_get_length(blob) > 0;
    hb_blob_destroy(blob);
    return cff;
}
