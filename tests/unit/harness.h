/* A tiny unit-test harness: CHECK macros that report file:line and the
 * failing expression, count results, and harness_report() for main().
 *
 * Each test file includes this once and has its own main(). The counters
 * live in a function-local static so the header defines no globals. */
#ifndef GP_TEST_HARNESS_H
#define GP_TEST_HARNESS_H

#include <dirent.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* [0] passed, [1] failed. */
static inline int *harness_counts(void)
{
    static int counts[2];
    return counts;
}

static inline void harness_result(int ok, const char *file, int line, const char *what)
{
    harness_counts()[ok ? 0 : 1]++;
    if (!ok)
        fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
}

#define CHECK(cond) harness_result((cond) ? 1 : 0, __FILE__, __LINE__, #cond)

#define CHECK_EQ_INT(a, b)                                                                    \
    do {                                                                                      \
        long long harness_a_ = (long long)(a), harness_b_ = (long long)(b);                   \
        harness_result(harness_a_ == harness_b_, __FILE__, __LINE__, #a " == " #b);           \
        if (harness_a_ != harness_b_)                                                         \
            fprintf(stderr, "    %lld != %lld\n", harness_a_, harness_b_);                   \
    } while (0)

#define CHECK_NEAR(a, b, eps)                                                                 \
    do {                                                                                      \
        double harness_a_ = (double)(a), harness_b_ = (double)(b);                            \
        int harness_ok_ = fabs(harness_a_ - harness_b_) <= (double)(eps);                     \
        harness_result(harness_ok_, __FILE__, __LINE__, #a " ~= " #b " within " #eps);        \
        if (!harness_ok_)                                                                     \
            fprintf(stderr, "    %.17g vs %.17g\n", harness_a_, harness_b_);                  \
    } while (0)

/* Removes the files of a flat folder, then the folder. */
static inline void remove_tree(const char *dir)
{
    DIR *dp = opendir(dir);
    if (dp) {
        struct dirent *e;
        while ((e = readdir(dp))) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            char p[PATH_MAX + 256];
            snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
            remove(p);
        }
        closedir(dp);
    }
    if (remove(dir) != 0)
        perror(dir);
}

/* Prints "N passed, M failed"; nonzero if anything failed, for main's return. */
static inline int harness_report(void)
{
    int *c = harness_counts();
    printf("%d passed, %d failed\n", c[0], c[1]);
    return c[1] != 0;
}

#endif
