/* gp_work: every item done exactly once, whatever the number of helpers
 * (none: the caller does them all in gp_work_finish). */
#include "base/work.h"
#include "harness.h"

enum { ITEMS = 5000 };
static atomic_int done[ITEMS];

static void mark(void *ctx, size_t i)
{
    atomic_fetch_add(&done[i], 1);
    atomic_fetch_add((atomic_size_t *)ctx, 1);
}

int main(void)
{
    for (size_t helpers = 0; helpers <= 3; helpers++) {
        for (size_t i = 0; i < ITEMS; i++)
            atomic_store(&done[i], 0);
        atomic_size_t total = 0;
        gp_work w;
        gp_work_start(&w, mark, &total, ITEMS, helpers);
        CHECK(w.nthreads == helpers);
        gp_work_finish(&w);
        CHECK_EQ_INT(atomic_load(&total), ITEMS);
        size_t once = 0;
        for (size_t i = 0; i < ITEMS; i++)
            once += atomic_load(&done[i]) == 1;
        CHECK_EQ_INT(once, ITEMS);
    }
    return harness_report();
}
