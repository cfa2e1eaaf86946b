/* The process's heap (glibc malloc).
 *
 * Freed memory is kept: a guide allocates and frees a few MiB in blocks of
 * up to a few hundred KiB (arena blocks, libharu's buffers, deflate
 * windows). glibc would map each large one afresh and hand freed memory
 * back at once: a guide took 2,000 page faults and spent 40% of its CPU
 * time in the kernel. Kept in the heap, freed memory is reused (by the next
 * guide of a batch too).
 *
 * And the first pages are made ahead, on the other core: a fresh page costs
 * the thread touching it a fault, 5-10 us each on the 2-core machine of
 * README "Speed and size", and a cold guide touched ~1,700 fresh heap pages
 * on its main thread (the word cache, hyphenation patterns, paragraphs,
 * libharu, the deflater). The heap is grown by HEAD once, its whole 2 MiB
 * ranges asked for as huge pages (one fault, cleared in a third of the
 * time), and a helper thread faults all of it in while the main thread
 * reads the brand and the content. HEAD is what Last Train Home's main
 * thread uses, less a margin: more would only add to the peak resident
 * memory of a smaller guide. Under a sanitizer or valgrind malloc is not
 * glibc's, the heap does not grow, and nothing is done. */
#include "heap.h"

#include "work.h"

#include <malloc.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

enum { HEAD = 4 << 20, HUGE_PAGE = 2 << 20, CHUNK = 256 << 10 };

typedef struct heap_range {
    char *from, *to;
} heap_range;

/* In chunks: each call holds the address space's lock, which a thread
 * mapping a file or a stack meanwhile waits for. */
static void *make_pages(void *arg)
{
    const heap_range *r = arg;
    for (char *p = r->from; p < r->to; p += CHUNK)
        madvise(p, (size_t)(r->to - p) < CHUNK ? (size_t)(r->to - p) : CHUNK, MADV_POPULATE_WRITE);
    return NULL;
}

static uintptr_t round_down(uintptr_t p, uintptr_t to)
{
    return p & ~(to - 1);
}

static void make_head_ahead(void)
{
    static heap_range r;
    long page = sysconf(_SC_PAGESIZE);
    r.from = (char *)round_down((uintptr_t)sbrk(0) + (uintptr_t)page - 1, (uintptr_t)page);
    void *volatile grow = malloc(HEAD); /* grows the heap; freed, it stays its top */
    free(grow);
    r.to = sbrk(0);
    if (r.to <= r.from)
        return;
    uintptr_t huge_from = round_down((uintptr_t)r.from + HUGE_PAGE - 1, HUGE_PAGE);
    uintptr_t huge_to = round_down((uintptr_t)r.to, HUGE_PAGE);
    if (huge_to > huge_from)
        madvise((void *)huge_from, huge_to - huge_from, MADV_HUGEPAGE);
    pthread_t t;
    if (gp_side_thread(&t, make_pages, &r) == 0)
        pthread_detach(t);
}

void gp_heap_prepare(void)
{
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    make_head_ahead();
}
