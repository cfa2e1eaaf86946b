/* Arena allocator: 64 KB blocks, larger requests get a block of their own. */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { BLOCK_SIZE = 64 * 1024, ALIGN = 16 };

struct gp_arena_block {
    gp_arena_block *next;
    size_t used, size;
    _Alignas(16) unsigned char data[];
};

void *gp_arena_alloc(gp_arena *a, size_t size)
{
    size = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    gp_arena_block *b = a->head;
    if (!b || b->size - b->used < size) {
        size_t cap = size > BLOCK_SIZE / 4 ? size : BLOCK_SIZE;
        b = gp_xmalloc(sizeof *b + cap);
        b->size = cap;
        b->used = 0;
        if (cap == size && a->head) {
            /* A big block goes behind the current one, which keeps its free room. */
            b->next = a->head->next;
            a->head->next = b;
        } else {
            b->next = a->head;
            a->head = b;
        }
    }
    void *p = b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
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
        free(b);
        b = next;
    }
    a->head = NULL;
}
