/* Work shared by threads: items 0 to count - 1, each taken by whichever
 * thread is free next (the batch's guides, a document's pages, its streams
 * to deflate). */
#ifndef GP_WORK_H
#define GP_WORK_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
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
 * made: this thread does the rest in gp_work_finish), as side threads
 * (below) if `aside`, else wherever the kernel puts them (a batch's
 * workers, as many as asked for, may outnumber the cores). w must stay
 * where it is until then. */
void gp_work_start(gp_work *w, void (*run)(void *ctx, size_t i), void *ctx, size_t count, size_t helpers,
                   bool aside);
/* Takes the items left on this thread, then waits for the helpers. */
void gp_work_finish(gp_work *w);

/* The cores this process may run on (its affinity: taskset and cgroup
 * cpusets count, where sysconf counts the machine's); at least 1. */
size_t gp_cores(void);

/* pthread_create for a lone guide's side work (its content read ahead, an
 * image's rows checked, its words shaped ahead, its pages' streams): started
 * by the main thread, the thread keeps off the core the main thread is on
 * (started by a side thread, it keeps to that one's cores). Linux put each
 * new thread on its parent's core, where it preempted the main thread
 * while the other core idled (perf sched timehist of a cold guide: 1.2 ms
 * at its start; README "Side threads"). */
int gp_side_thread(pthread_t *t, void *(*fn)(void *), void *arg);

#endif
