/* A monotonic clock for stage timings. */
#ifndef GP_CLOCK_H
#define GP_CLOCK_H

#include <time.h>

static inline double gp_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

#endif
