/* libdeflate, not zlib: at the same level its streams are a little smaller
 * (600 bytes of Last Train Home's 110 KB) for 40% fewer instructions
 * (README, "Speed and size"). */
#include "deflate.h"

#include "base/arena.h"

#include <libdeflate.h>
#include <pthread.h>
#include <stdlib.h>

#ifndef GP_DEFLATE_LEVEL
#define GP_DEFLATE_LEVEL 6
#endif

/* One compressor a thread, kept: making one clears its hash tables (34,000
 * instructions; a guide deflates about 30 streams). */
static pthread_key_t compressor_key;
static pthread_once_t compressor_key_made = PTHREAD_ONCE_INIT;

static void free_compressor(void *c)
{
    libdeflate_free_compressor(c);
}

static void make_compressor_key(void)
{
    if (pthread_key_create(&compressor_key, free_compressor) != 0) /* freed when its thread ends */
        gp_oom();
}

static struct libdeflate_compressor *thread_compressor(void)
{
    pthread_once(&compressor_key_made, make_compressor_key);
    struct libdeflate_compressor *c = pthread_getspecific(compressor_key);
    if (!c && (!(c = libdeflate_alloc_compressor(GP_DEFLATE_LEVEL)) || pthread_setspecific(compressor_key, c) != 0))
        gp_oom();
    return c;
}

unsigned char *gp_deflate(const void *in, size_t n, size_t *out_len)
{
    struct libdeflate_compressor *c = thread_compressor();
    size_t cap = libdeflate_zlib_compress_bound(c, n);
    unsigned char *out = gp_xmalloc(cap);
    *out_len = libdeflate_zlib_compress(c, in, n, out, cap);
    return out;
}
