#include "work.h"

#include "arena.h"

#include <sched.h>
#include <stdlib.h>
#include <unistd.h>

static void take_items(gp_work *w)
{
    for (size_t i; (i = atomic_fetch_add(&w->next, 1)) < w->count;)
        w->run(w->ctx, i);
}

static void *helper(void *w)
{
    take_items(w);
    return NULL;
}

void gp_work_start(gp_work *w, void (*run)(void *ctx, size_t i), void *ctx, size_t count, size_t helpers,
                   bool aside)
{
    *w = (gp_work){.run = run, .ctx = ctx, .count = count};
    atomic_init(&w->next, 0);
    w->threads = helpers ? gp_xmalloc(helpers * sizeof *w->threads) : NULL;
    for (size_t t = 0; t < helpers; t++)
        if ((aside ? gp_side_thread(&w->threads[w->nthreads], helper, w)
                   : pthread_create(&w->threads[w->nthreads], NULL, helper, w)) == 0)
            w->nthreads++;
}

size_t gp_cores(void)
{
    cpu_set_t cores;
    if (sched_getaffinity(0, sizeof cores, &cores) != 0)
        return 1;
    int n = CPU_COUNT(&cores);
    return n > 1 ? (size_t)n : 1;
}

int gp_side_thread(pthread_t *t, void *(*fn)(void *), void *arg)
{
    pthread_attr_t attr;
    if (pthread_attr_init(&attr) != 0)
        return pthread_create(t, NULL, fn, arg);
    cpu_set_t cores;
    int here = gettid() == getpid() ? sched_getcpu() : -1;
    if (here >= 0 && here < CPU_SETSIZE && sched_getaffinity(0, sizeof cores, &cores) == 0 &&
        CPU_ISSET(here, &cores) && CPU_COUNT(&cores) >= 2) {
        CPU_CLR(here, &cores);
        pthread_attr_setaffinity_np(&attr, sizeof cores, &cores); /* (if refused, anywhere) */
    }
    int made = pthread_create(t, &attr, fn, arg);
    pthread_attr_destroy(&attr);
    return made;
}

void gp_work_finish(gp_work *w)
{
    take_items(w);
    for (size_t t = 0; t < w->nthreads; t++)
        pthread_join(w->threads[t], NULL);
    free(w->threads);
    w->threads = NULL, w->nthreads = 0;
}
