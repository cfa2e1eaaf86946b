/* Work shared by threads: items 0 to count - 1, each taken by whichever
 * thread is free next (the batch's guides, a document's pages, its streams
 * to deflate). */
#ifndef GP_WORK_H
#define GP_WORK_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

typedef struct gp_work {
    void (*run)(void *ctx, size_t i); /* does item i */
    void *ctx;
    size_t count;
    atomic_size_t next;
    pthread_t *threads;
    size_t nthreads;
} gp_work;

/* Starts up to `helpers` threads taking items (fewer if threads cannot be
 * made: this thread does the rest in gp_work_finish). w must stay where it
 * is until then. */
void gp_work_start(gp_work *w, void (*run)(void *ctx, size_t i), void *ctx, size_t count, size_t helpers);
/* Takes the items left on this thread, then waits for the helpers. */
void gp_work_finish(gp_work *w);

#endif
