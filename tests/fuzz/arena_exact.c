/* An ASan-friendly stand-in for src/base/arena.c, linked into the fuzz
 * builds in its place (run.sh ARENA=exact, the default).
 *
 * src/base/arena.c carves allocations out of 64 KB blocks, so a write past
 * the end of one arena allocation lands in the next one and no sanitizer
 * sees it. Here every gp_arena_alloc is its own malloc of exactly the size
 * asked (16-byte aligned, zeroed), with ASan's redzones around it, and the
 * arena keeps a list of them to free. Same interface and semantics
 * (src/base/arena.h); only slower and hungrier, which fuzzing can afford. */
#include "base/arena.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct gp_arena_block {
    gp_arena_block *next;
    void *mem;
};

void *gp_arena_alloc(gp_arena *a, size_t size)
{
    gp_arena_block *b = gp_xmalloc(sizeof *b);
    if (posix_memalign(&b->mem, 16, size ? size : 1) != 0)
        gp_oom();
    memset(b->mem, 0, size);
    b->next = a->head;
    a->head = b;
    return b->mem;
}

char *gp_arena_strndup(gp_arena *a, const char *s, size_t n)
{
    char *p = gp_arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *gp_arena_strdup(gp_arena *a, const char *s)
{
    return gp_arena_strndup(a, s, strlen(s));
}

char *gp_arena_printf(gp_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *p = gp_arena_alloc(a, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void gp_arena_free(gp_arena *a)
{
    gp_arena_block *b = a->head;
    while (b) {
        gp_arena_block *next = b->next;
        free(b->mem);
        free(b);
        b = next;
    }
    a->head = NULL;
}
