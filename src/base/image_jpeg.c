/* JPEG: the marker segments walked by hand, through the entropy-coded data
 * of each scan, up to the EOI marker, which catches truncation; the frame
 * header gives the size and rules out 12-bit, lossless and arithmetic-coded
 * files; the Exif orientation and Adobe's APP14 marker are read on the way.
 * libharu copies JPEG bytes into the PDF without looking, so a truncated
 * JPEG would become a broken page. */
#include "image_int.h"

#include "bigendian.h"

#include <stdint.h>
#include <string.h>

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
bool image_jpeg_structure(const blob *b, gp_image_info *info, char *err, size_t errlen)
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
            return image_fail(err, errlen, JPEG_BAD);
        unsigned m = d[pos++];
        if (m == 0xD9) {                                   /* EOI */
            if (!have_sos)
                return image_fail(err, errlen, JPEG_BAD " (no image data)");
            break;
        }
        if (m == 0x00 || m == 0x01 || (m >= 0xD0 && m <= 0xD7))
            continue;                                      /* stray stuffing, TEM, RSTn: no length */
        if (m == 0xD8)
            return image_fail(err, errlen, JPEG_BAD);
        if (n - pos < 2)
            return image_fail(err, errlen, JPEG_BAD);
        size_t len = gp_be16(d + pos);
        if (len < 2)
            return image_fail(err, errlen, JPEG_BAD);
        if (len > n - pos)
            return image_fail(err, errlen, JPEG_BAD);
        const unsigned char *seg = d + pos + 2;
        size_t slen = len - 2;
        pos += len;

        if (m == 0xC0 || m == 0xC1 || m == 0xC2) {         /* SOF0/1/2: baseline, extended, progressive */
            if (have_sof || slen < 6)
                return image_fail(err, errlen, JPEG_BAD);
            int precision = seg[0];
            long h = (long)gp_be16(seg + 1), w = (long)gp_be16(seg + 3);
            components = seg[5];
            if (slen != 6 + 3 * (size_t)components || components == 0)
                return image_fail(err, errlen, JPEG_BAD);
            if (precision != 8) {
                if (precision == 12 || precision == 16)
                    return image_fail(err, errlen, "JPEG image has %d-bit samples; only 8-bit JPEG is supported",
                                precision);
                return image_fail(err, errlen, JPEG_BAD);
            }
            if (components != 1 && components != 3 && components != 4)
                return image_fail(err, errlen,
                            "JPEG image has %d colour components; only 1 (grey), 3 (colour) or 4 (CMYK) are supported",
                            components);
            for (int i = 0; i < components; i++) {
                unsigned hs = seg[6 + 3 * i + 1] >> 4, vs = seg[6 + 3 * i + 1] & 15, tq = seg[6 + 3 * i + 2];
                if (hs < 1 || hs > 4 || vs < 1 || vs > 4 || tq > 3)
                    return image_fail(err, errlen, JPEG_BAD);
            }
            if (!image_check_size(w, h, err, errlen))
                return false;
            info->kind = GP_IMAGE_JPEG;
            info->width = (int)w;
            info->height = (int)h;
            info->interlaced = false;
            info->has_alpha = false;
            info->colors = components;
            have_sof = true;
        } else if ((m >= 0xC3 && m <= 0xCF) && m != 0xC4 && m != 0xC8 && m != 0xCC) {
            return image_fail(err, errlen,
                        "unsupported kind of JPEG (lossless, hierarchical or arithmetic-coded); "
                        "save it as a baseline or progressive JPEG");
        } else if (m == 0xE1 && !have_exif && slen >= 6 && !memcmp(seg, "Exif\0\0", 6)) {
            orientation = exif_orientation(seg, slen);     /* the first Exif segment counts */
            have_exif = true;
        } else if (m == 0xEE && slen >= 12 && !memcmp(seg, "Adobe", 5)) {
            adobe = true;
        } else if (m == 0xDA) {                            /* SOS, then entropy-coded data */
            if (!have_sof || slen < 1)
                return image_fail(err, errlen, JPEG_BAD);
            size_t ns = seg[0];
            if (ns < 1 || (int)ns > components || slen != 1 + 2 * ns + 3)
                return image_fail(err, errlen, JPEG_BAD);
            for (;;) {
                while (pos < n && d[pos] != 0xFF)
                    pos++;
                if (n - pos < 2)
                    return image_fail(err, errlen, JPEG_BAD);
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
