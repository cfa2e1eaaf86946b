/* gp_heap_prepare: the heap grown ahead and its pages made resident by the
 * helper thread (not by this one touching them); under a sanitizer, whose
 * malloc is not glibc's, the heap is left alone. */
#include "base/heap.h"
#include "harness.h"

#include <stdint.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
enum { GLIBC_MALLOC = 0 };
#else
enum { GLIBC_MALLOC = 1 };
#endif

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
        return harness_report();
    }
    CHECK(after - before >= (4 << 20));
    size_t want = (size_t)(after - before) / page, got = 0;
    for (int tries = 0; tries < 200 && (got = resident_pages(before, after)) < want; tries++)
        nanosleep(&(struct timespec){0, 10 * 1000 * 1000}, NULL);
    CHECK_EQ_INT(got, want);
    return harness_report();
}
