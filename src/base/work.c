#include "work.h"

#include "arena.h"

#include <stdlib.h>

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

void gp_work_start(gp_work *w, void (*run)(void *ctx, size_t i), void *ctx, size_t count, size_t helpers)
{
    *w = (gp_work){.run = run, .ctx = ctx, .count = count};
    atomic_init(&w->next, 0);
    w->threads = helpers ? gp_xmalloc(helpers * sizeof *w->threads) : NULL;
    for (size_t t = 0; t < helpers; t++)
        if (pthread_create(&w->threads[w->nthreads], NULL, helper, w) == 0)
            w->nthreads++;
}

void gp_work_finish(gp_work *w)
{
    take_items(w);
    for (size_t t = 0; t < w->nthreads; t++)
        pthread_join(w->threads[t], NULL);
    free(w->threads);
    w->threads = NULL, w->nthreads = 0;
}
