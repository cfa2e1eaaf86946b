/* The process's heap (glibc malloc).
 *
 * Freed memory is kept: a guide allocates and frees a few MiB in blocks of
 * up to a few hundred KiB (arena blocks, libharu's buffers, deflate
 * windows). glibc would map each large one afresh and hand freed memory
 * back at once: a guide took 2,000 page faults and spent 40% of its CPU
 * time in the kernel. Kept in the heap, freed memory is reused (by the next
 * guide of a batch too).
 *
 * And the first pages are made while the main thread would wait: a fresh
 * page costs the thread touching it a fault, 5-10 us each on the 2-core
 * machine of README "Speed and size", and a cold guide touched ~1,700 fresh
 * heap pages on its main thread (the word cache, hyphenation patterns,
 * paragraphs, libharu, the deflater). The heap is grown by HEAD once, its
 * whole 2 MiB ranges asked for as huge pages (one fault, cleared in a third
 * of the time), and the main thread faults them in while it waits for the
 * content read ahead on the other core (src/job.c), by touching each page:
 * a fault takes only its region's lock, where madvise(MADV_POPULATE_WRITE)
 * held the address space's, which the content thread's mapping of its own
 * malloc arena then waited for. A helper thread did it before, at the
 * start, and made the main thread wait instead, mapping the font files
 * (perf sched timehist: 1.3 ms of a cold guide). HEAD is what Last Train
 * Home's main thread uses, less a margin: more would only add to the peak
 * resident memory of a smaller guide. Under a sanitizer or valgrind malloc
 * is not glibc's, the heap does not grow, and nothing is done. */
#include "heap.h"

#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

enum { HEAD = 4 << 20, HUGE_PAGE = 2 << 20, CHUNK = 64 << 10 };

/* The pages not made yet. */
static char *unmade, *unmade_end;
static size_t page_size;

static uintptr_t round_down(uintptr_t p, uintptr_t to)
{
    return p & ~(to - 1);
}

static void grow_head(void)
{
    long page = sysconf(_SC_PAGESIZE);
    char *from = (char *)round_down((uintptr_t)sbrk(0) + (uintptr_t)page - 1, (uintptr_t)page);
    void *volatile grow = malloc(HEAD); /* grows the heap; freed, it stays its top */
    free(grow);
    char *end = sbrk(0);
    if (end <= from)
        return;
    uintptr_t huge_from = round_down((uintptr_t)from + HUGE_PAGE - 1, HUGE_PAGE);
    uintptr_t huge_to = round_down((uintptr_t)end, HUGE_PAGE);
    if (huge_to > huge_from)
        madvise((void *)huge_from, huge_to - huge_from, MADV_HUGEPAGE);
    unmade = from, unmade_end = end, page_size = (size_t)page;
}

void gp_heap_prepare(void)
{
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    grow_head();
}

bool gp_heap_make_next(void)
{
    if (unmade >= unmade_end || gettid() != getpid()) /* (another thread's writes could race its own) */
        return false;
    char *end = (size_t)(unmade_end - unmade) < CHUNK ? unmade_end : unmade + CHUNK;
    for (; unmade < end; unmade += page_size) /* a write, of what is there: the page may be in use already */
        __atomic_fetch_add(unmade, 0, __ATOMIC_RELAXED);
    return unmade < unmade_end;
}
