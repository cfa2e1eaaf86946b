/* Big-endian integers in file formats (PNG, JPEG, TrueType). */
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

#endif
