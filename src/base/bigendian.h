/* Big-endian integers in file formats (PNG, JPEG, TrueType, CFF). */
#ifndef GP_BIGENDIAN_H
#define GP_BIGENDIAN_H

#include <stdint.h>

static inline uint16_t gp_be16(const unsigned char *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t gp_be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* A signed one (a font's FWORD). */
static inline int16_t gp_be16s(const unsigned char *p)
{
    return (int16_t)gp_be16(p);
}

/* One of `size` bytes, 1 to 4 (CFF's offsets). */
static inline uint32_t gp_be_n(const unsigned char *p, unsigned size)
{
    uint32_t v = 0;
    for (unsigned i = 0; i < size; i++)
        v = v << 8 | p[i];
    return v;
}

#endif
