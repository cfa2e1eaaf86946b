/* Arena: bump allocation in a chain of blocks, freed all at once.
 *
 * What is derived from one guide's input (the document model, the brand,
 * set lines, the display list) lives in that guide's arena, freed with one
 * gp_arena_free; what holds outside resources (the font set's HarfBuzz
 * objects, libharu's document) has its own close. Out of memory, here or
 * in gp_xmalloc and gp_xrealloc, ends the process with a message, as cmark
 * does: a CLI has nothing better to do. */
#ifndef GP_ARENA_H
#define GP_ARENA_H

#include <stddef.h>

typedef struct gp_arena_block gp_arena_block;
typedef struct gp_arena {
    gp_arena_block *head;
} gp_arena;

void *gp_arena_alloc(gp_arena *a, size_t size);          /* zeroed, max-aligned */
char *gp_arena_strdup(gp_arena *a, const char *s);
char *gp_arena_strndup(gp_arena *a, const char *s, size_t n);
char *gp_arena_printf(gp_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void gp_arena_free(gp_arena *a);                          /* accepts an empty arena */

/* The one out-of-memory policy outside the arena: malloc, calloc, realloc
 * and strdup that never return NULL (gp_oom reports and exits 1). */
void *gp_xmalloc(size_t size);
void *gp_xcalloc(size_t n, size_t size);
void *gp_xrealloc(void *p, size_t size);
char *gp_xstrdup(const char *s);
void gp_oom(void) __attribute__((noreturn));

/* Makes room at items[n] in a growing array of `cap` items (doubled, from
 * `first`), the one shape of the program's growing arrays (GP_RESERVE for
 * room for several). */
#define GP_GROW(items, n, cap, first)                                 \
    do {                                                              \
        if ((n) == (cap)) {                                           \
            (cap) = (cap) ? (cap) * 2 : (first);                      \
            (items) = gp_xrealloc((items), (cap) * sizeof *(items)); \
        }                                                             \
    } while (0)

/* Makes room for `more` items at items[n]: `cap` becomes twice what is needed. */
#define GP_RESERVE(items, n, more, cap)                               \
    do {                                                              \
        if ((n) + (more) > (cap)) {                                   \
            (cap) = ((n) + (more)) * 2;                               \
            (items) = gp_xrealloc((items), (cap) * sizeof *(items)); \
        }                                                             \
    } while (0)

#define GP_NEW(arena, type) ((type *)gp_arena_alloc((arena), sizeof(type)))
#define GP_NEW_N(arena, type, n) ((type *)gp_arena_alloc((arena), sizeof(type) * (n)))

#endif
