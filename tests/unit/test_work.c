/* gp_work: every item done exactly once, whatever the number of helpers
 * (none: the caller does them all in gp_work_finish), side threads or not.
 * A side thread keeps off the core its starter, the main thread, was on,
 * and one it starts keeps to its cores; with one core, it runs there. */
#include "base/work.h"
#include "harness.h"

#include <sched.h>

enum { ITEMS = 5000 };
static atomic_int done[ITEMS];

static void mark(void *ctx, size_t i)
{
    atomic_fetch_add(&done[i], 1);
    atomic_fetch_add((atomic_size_t *)ctx, 1);
}

static void test_items(bool aside)
{
    for (size_t helpers = 0; helpers <= 3; helpers++) {
        for (size_t i = 0; i < ITEMS; i++)
            atomic_store(&done[i], 0);
        atomic_size_t total = 0;
        gp_work w;
        gp_work_start(&w, mark, &total, ITEMS, helpers, aside);
        CHECK(w.nthreads == helpers);
        gp_work_finish(&w);
        CHECK_EQ_INT(atomic_load(&total), ITEMS);
        size_t once = 0;
        for (size_t i = 0; i < ITEMS; i++)
            once += atomic_load(&done[i]) == 1;
        CHECK_EQ_INT(once, ITEMS);
    }
}

typedef struct cores {
    cpu_set_t mine, its_own; /* a side thread's, and that of the side thread it starts */
    bool started;            /* whether it could start that one (checked by the main thread: the
                                harness's counts are one thread's) */
} cores;

static void *nested(void *arg)
{
    sched_getaffinity(0, sizeof(cpu_set_t), arg);
    return NULL;
}

static void *side(void *arg)
{
    cores *c = arg;
    sched_getaffinity(0, sizeof c->mine, &c->mine);
    pthread_t t;
    c->started = gp_side_thread(&t, nested, &c->its_own) == 0;
    if (c->started)
        pthread_join(t, NULL);
    return NULL;
}

/* The cores of a side thread started here, and of the one it starts. */
static cores side_cores(void)
{
    cores c = {.started = false};
    pthread_t t;
    bool made = gp_side_thread(&t, side, &c) == 0;
    if (made)
        pthread_join(t, NULL);
    CHECK(made && c.started);
    return c;
}

/* Run on two cores chosen here: its side thread on one of them only, the
 * one the main thread was not on when it started it (which of the two the
 * main thread is on the kernel may change at any moment). */
static void test_side_cores(void)
{
    cpu_set_t all, two;
    CHECK(sched_getaffinity(0, sizeof all, &all) == 0);
    if (CPU_COUNT(&all) < 2) {
        fprintf(stderr, "  (one core: side threads go anywhere)\n");
        return;
    }
    CPU_ZERO(&two);
    for (int c = 0, n = 0; c < CPU_SETSIZE && n < 2; c++)
        if (CPU_ISSET(c, &all))
            CPU_SET(c, &two), n++;
    CHECK(sched_setaffinity(0, sizeof two, &two) == 0);
    cores c = side_cores();
    CHECK_EQ_INT(CPU_COUNT(&c.mine), 1);
    cpu_set_t within;
    CPU_AND(&within, &c.mine, &two);
    CHECK(CPU_EQUAL(&within, &c.mine));
    CHECK(CPU_EQUAL(&c.mine, &c.its_own));
    sched_setaffinity(0, sizeof all, &all);
}

/* Allowed one core only, a side thread still starts, on that core (the
 * main thread's cores less its own would be none: pthread_create refuses). */
static void test_side_one_core(void)
{
    cpu_set_t all, one;
    CHECK(sched_getaffinity(0, sizeof all, &all) == 0);
    CPU_ZERO(&one);
    for (int c = 0; c < CPU_SETSIZE && !CPU_COUNT(&one); c++)
        if (CPU_ISSET(c, &all))
            CPU_SET(c, &one);
    CHECK(sched_setaffinity(0, sizeof one, &one) == 0);
    CHECK_EQ_INT(gp_cores(), 1); /* (sysconf would say the machine's) */
    cores c = side_cores();
    CHECK(CPU_EQUAL(&c.mine, &one));
    sched_setaffinity(0, sizeof all, &all);
    CHECK_EQ_INT(gp_cores(), CPU_COUNT(&all));
}

int main(void)
{
    test_items(false);
    test_items(true);
    test_side_cores();
    test_side_one_core();
    return harness_report();
}
