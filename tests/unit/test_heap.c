/* gp_heap_prepare: the heap grown ahead, its pages made resident by
 * gp_heap_make_next, 64 KiB a call on the main thread (none on another),
 * keeping what is in them (the guide may have allocated there already);
 * under a sanitizer, whose malloc is not glibc's, the heap is left alone. */
#include "base/heap.h"
#include "harness.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
enum { GLIBC_MALLOC = 0 };
#else
enum { GLIBC_MALLOC = 1 };
#endif

static void *make_next(void *made)
{
    *(bool *)made = gp_heap_make_next();
    return NULL;
}

/* Pages of [from, to) in memory, by mincore (which touches none). */
static size_t resident_pages(char *from, char *to)
{
    static unsigned char vec[(8 << 20) / 4096];
    size_t page = (size_t)sysconf(_SC_PAGESIZE), n = (size_t)(to - from) / page, in = 0;
    if (n > sizeof vec || mincore(from, n * page, vec) != 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        in += vec[i] & 1;
    return in;
}

int main(void)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    char *before = (char *)(((uintptr_t)sbrk(0) + page - 1) & ~(uintptr_t)(page - 1));
    gp_heap_prepare();
    char *after = sbrk(0);
    if (!GLIBC_MALLOC) {
        CHECK(after <= before);
        CHECK(!gp_heap_make_next());
        return harness_report();
    }
    CHECK(after - before >= (4 << 20));
    size_t want = (size_t)(after - before) / page;
    CHECK(resident_pages(before, after) < want / 2); /* not made yet */
    /* by the main thread only: another's touches could race its writes */
    size_t resident = resident_pages(before, after);
    bool made = true;
    pthread_t t;
    CHECK(pthread_create(&t, NULL, make_next, &made) == 0 && pthread_join(t, NULL) == 0);
    CHECK(!made);
    CHECK_EQ_INT(resident_pages(before, after), resident);
    /* what the guide put there meanwhile (the heap's free top, written here as malloc's caller would) */
    char *text = before + ((size_t)(after - before) / 2 & ~(page - 1)); /* a page's first bytes */
    strcpy(text, "kept");
    size_t calls = 1;
    while (gp_heap_make_next())
        calls++;
    CHECK_EQ_INT(calls, (size_t)(after - before + (64 << 10) - 1) / (64 << 10));
    CHECK_EQ_INT(resident_pages(before, after), want);
    CHECK(!strcmp(text, "kept"));
    CHECK(!gp_heap_make_next());
    return harness_report();
}
