/* Runs a fuzz target's LLVMFuzzerTestOneInput on files, without libFuzzer
 * (the idea of stb's fuzz_main): corpora and regression inputs become
 * ordinary tests under ASan/UBSan, built with gcc or clang.
 *
 *   replay [-v] PATH...    PATH: a file, or a folder (read recursively,
 *                          in name order; hidden entries skipped)
 *
 * Prints `fuzz-replay: N passed, M failed`; exit status 0 only if every
 * input ran (M counts inputs that could not be read). A crash, a sanitizer
 * report or a broken invariant ends the process at once; the input that
 * did it is named on stderr first (sanitizer death callback and a signal
 * handler), so the failing file is always known. With -v every input is
 * named before it runs. LLVMFuzzerInitialize is called if the target has
 * one. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));
void __sanitizer_set_death_callback(void (*callback)(void)) __attribute__((weak));

/* UBSan ends a process with _exit by default, past every handler here; made
 * to abort instead, its reports are followed by the input's name too
 * (UBSAN_OPTIONS still overrides this). */
const char *__ubsan_default_options(void);
const char *__ubsan_default_options(void)
{
    return "print_stacktrace=1:abort_on_error=1";
}

static const char *current;
static size_t passed, failed;
static int verbose;

static void name_current(void)
{
    if (!current)
        return;
    static const char pre[] = "fuzz-replay: failing input: ";
    ssize_t r = write(2, pre, sizeof pre - 1);
    r = write(2, current, strlen(current));
    r = write(2, "\n", 1);
    (void)r;
}

static void on_signal(int sig)
{
    name_current();
    signal(sig, SIG_DFL);
    raise(sig);
}

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return -1;
    }
    size_t cap = 4096, n = 0;
    unsigned char *buf = malloc(cap);
    for (;;) {
        if (!buf)
            abort();
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        cap *= 2;
        buf = realloc(buf, cap);
    }
    int err = ferror(f);
    fclose(f);
    if (err) {
        fprintf(stderr, "%s: read error\n", path);
        free(buf);
        return -1;
    }
    /* an exact-size copy, so ASan sees reads past the input's end */
    unsigned char *data = malloc(n ? n : 1);
    if (!data)
        abort();
    memcpy(data, buf, n);
    free(buf);
    current = path;
    if (verbose)
        fprintf(stderr, "fuzz-replay: %s (%zu bytes)\n", path, n);
    LLVMFuzzerTestOneInput(data, n);
    current = NULL;
    free(data);
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void run_path(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        perror(path);
        failed++;
        return;
    }
    if (!S_ISDIR(st.st_mode)) {
        if (run_file(path) == 0)
            passed++;
        else
            failed++;
        return;
    }
    DIR *d = opendir(path);
    if (!d) {
        perror(path);
        failed++;
        return;
    }
    char **names = NULL;
    size_t count = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        if (count == cap) {
            cap = cap ? cap * 2 : 64;
            names = realloc(names, cap * sizeof *names);
            if (!names)
                abort();
        }
        if (asprintf(&names[count++], "%s/%s", path, e->d_name) < 0)
            abort();
    }
    closedir(d);
    if (count)
        qsort(names, count, sizeof *names, by_name);
    for (size_t i = 0; i < count; i++) {
        run_path(names[i]);
        free(names[i]);
    }
    free(names);
}

int main(int argc, char **argv)
{
    int first = 1;
    if (argc > 1 && !strcmp(argv[1], "-v"))
        verbose = 1, first = 2;
    if (first >= argc) {
        fprintf(stderr, "usage: %s [-v] FILE_OR_DIR...\n", argv[0]);
        return 2;
    }
    /* A sanitizer reports faults itself (with a stack) and then calls the
     * death callback; its SIGSEGV handler must stay. Without one, name the
     * input from a signal handler. An abort() (a broken invariant) is not a
     * sanitizer matter either way. */
    signal(SIGABRT, on_signal);
    if (__sanitizer_set_death_callback) {
        __sanitizer_set_death_callback(name_current);
    } else {
        signal(SIGSEGV, on_signal);
        signal(SIGBUS, on_signal);
        signal(SIGFPE, on_signal);
        signal(SIGILL, on_signal);
    }
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    for (int i = first; i < argc; i++)
        run_path(argv[i]);
    printf("fuzz-replay: %zu passed, %zu failed\n", passed, failed);
    return failed ? 1 : 0;
}
