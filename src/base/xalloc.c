/* The one out-of-memory policy (base/arena.h): allocations that never
 * return NULL. Apart from arena.c so that the fuzz builds, which replace
 * arena.c with tests/fuzz/arena_exact.c, keep these as they are. */
#include "arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void gp_oom(void)
{
    fputs("guidepress: out of memory\n", stderr);
    exit(1);
}

void *gp_xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        gp_oom();
    return p;
}

void *gp_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n && size ? n : 1, n && size ? size : 1);
    if (!p)
        gp_oom();
    return p;
}

char *gp_xstrdup(const char *s)
{
    char *p = strdup(s);
    if (!p)
        gp_oom();
    return p;
}

void *gp_xrealloc(void *p, size_t size)
{
    p = realloc(p, size ? size : 1);
    if (!p)
        gp_oom();
    return p;
}
