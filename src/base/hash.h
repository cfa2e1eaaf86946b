/* FNV-1a (64-bit), the one hash of the program: string tables, caches, the PDF's ID. */
#ifndef GP_HASH_H
#define GP_HASH_H

#include <stddef.h>
#include <stdint.h>

#define GP_FNV1A_BASIS 0xcbf29ce484222325ULL

/* The hash h (GP_FNV1A_BASIS to start) continued over n bytes at data. */
static inline uint64_t gp_fnv1a(uint64_t h, const void *data, size_t n)
{
    for (const unsigned char *c = data, *end = c + n; c < end; c++)
        h = (h ^ *c) * 0x100000001b3ULL;
    return h;
}

/* Two hashes (two starting values) continued over the same bytes in one pass. */
static inline void gp_fnv1a_pair(uint64_t h[2], const void *data, size_t n)
{
    uint64_t a = h[0], b = h[1];
    for (const unsigned char *c = data, *end = c + n; c < end; c++)
        a = (a ^ *c) * 0x100000001b3ULL, b = (b ^ *c) * 0x100000001b3ULL;
    h[0] = a, h[1] = b;
}

#endif
