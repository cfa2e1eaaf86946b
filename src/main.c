/* guidepress command line (content-format.md §3): options, inputs, the
 * brand, one job per guide, diagnostics and the exit status
 * (0 all written, 1 some input failed, 2 bad command line). */
#include "base/arena.h"
#include "base/diag.h"
#include "base/fsio.h"
#include "job.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <malloc.h>
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef GP_VERSION
#define GP_VERSION "0.0.0"
#endif

static void usage(FILE *out)
{
    fputs("usage: guidepress [OPTIONS] INPUT...\n"
          "Turns a film's content file (YAML) into a print-ready PDF discussion guide.\n"
          "INPUT is a content file, or a folder of *.yaml content files.\n"
          "\n"
          "  -o, --output PATH   one input: the PDF to write; several inputs (or PATH ending in /):\n"
          "                      a folder, each guide written as <content file's base name>.pdf\n"
          "  -b, --brand FILE    brand file (default: the built-in brand)\n"
          "  -j, --jobs N        guides built in parallel (default: number of CPUs)\n"
          "      --paper SIZE    letter | a4, overrides the brand\n"
          "      --check         validate every input and brand, write nothing\n"
          "  -q, --quiet         no progress output\n"
          "  -h, --help          this help\n"
          "  -V, --version       version\n"
          "\n"
          "Examples:\n"
          "  guidepress -b content/brands/influence.yaml -o guide.pdf content/last-train-home.yaml\n"
          "  guidepress -b club.yaml -o out/ content/          # a whole season\n"
          "  guidepress --check content/                       # validate only\n",
          out);
}

typedef struct inputs {
    char **paths;
    size_t n, cap;
} inputs;

static void add_input(inputs *in, char *path)
{
    if (in->n == in->cap) {
        in->cap = in->cap ? in->cap * 2 : 16;
        in->paths = gp_xrealloc(in->paths, in->cap * sizeof *in->paths);
    }
    in->paths[in->n++] = path;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n > m && !strcmp(s + n - m, suffix);
}

/* A folder's *.yaml files, sorted; a file as it is. */
static bool collect(inputs *in, gp_arena *a, const char *arg, gp_diags *d)
{
    struct stat st;
    if (stat(arg, &st) != 0)
        return gp_error(d, (gp_loc){arg, 0, 0}, "cannot open: %s", strerror(errno));
    if (!S_ISDIR(st.st_mode)) {
        add_input(in, gp_arena_strdup(a, arg));
        return true;
    }
    DIR *dir = opendir(arg);
    if (!dir)
        return gp_error(d, (gp_loc){arg, 0, 0}, "cannot read folder: %s", strerror(errno));
    size_t first = in->n;
    struct dirent *e;
    while ((e = readdir(dir)))
        if (e->d_name[0] != '.' && (has_suffix(e->d_name, ".yaml") || has_suffix(e->d_name, ".yml")))
            add_input(in, gp_arena_printf(a, "%s%s%s", arg, has_suffix(arg, "/") ? "" : "/", e->d_name));
    closedir(dir);
    qsort(in->paths + first, in->n - first, sizeof *in->paths, cmp_str);
    if (in->n == first)
        gp_warn(d, (gp_loc){arg, 0, 0}, "the folder has no .yaml content files");
    return true;
}

static const char *base_name(gp_arena *a, const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *b = slash ? slash + 1 : path;
    const char *dot = strrchr(b, '.');
    return gp_arena_strndup(a, b, dot && dot != b ? (size_t)(dot - b) : strlen(b));
}

static bool is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* A batch: guides built by `jobs` threads, each guide independent. The
 * diagnostics of a guide are printed as soon as it is done, with the
 * progress line, under one lock so lines never interleave. */
typedef struct batch {
    const inputs *in;
    const char **outputs;
    const gp_job_opts *opts;
    atomic_size_t next;
    pthread_mutex_t lock;
    size_t done, written, failed;
    bool progress, tty;
} batch;

static void report(batch *b, size_t i, bool ok, gp_diags *d)
{
    pthread_mutex_lock(&b->lock);
    b->done++;
    ok ? b->written++ : b->failed++;
    if (b->tty && b->progress)
        fputs("\r\033[K", stderr);
    gp_diags_print(d, stderr);
    if (b->progress) {
        const char *name = strrchr(b->in->paths[i], '/');
        fprintf(stderr, "[%zu/%zu] %s%s", b->done, b->in->n, name ? name + 1 : b->in->paths[i],
                b->tty ? "" : ok ? "\n" : " failed\n");
    }
    pthread_mutex_unlock(&b->lock);
}

static void *worker(void *arg)
{
    batch *b = arg;
    for (size_t i; (i = atomic_fetch_add(&b->next, 1)) < b->in->n;) {
        gp_diags d = {0};
        bool ok = gp_job_run(b->in->paths[i], b->outputs[i], b->opts, &d);
        report(b, i, ok, &d);
        gp_diags_free(&d);
    }
    return NULL;
}

static void run_batch(batch *b, long jobs)
{
    size_t n = (size_t)jobs < b->in->n ? (size_t)jobs : b->in->n;
    pthread_t *threads = gp_xmalloc((n ? n : 1) * sizeof *threads);
    size_t started = 0;
    for (size_t t = 1; t < n; t++) /* this thread is worker 0 */
        if (pthread_create(&threads[started], NULL, worker, b) == 0)
            started++;
    worker(b);
    for (size_t t = 0; t < started; t++)
        pthread_join(threads[t], NULL);
    free(threads);
    if (b->tty && b->progress)
        fputs("\r\033[K", stderr);
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* A guide allocates and frees a few MiB in blocks of up to a few hundred
 * KiB (arena blocks, libharu's buffers, zlib's windows). glibc would map
 * each large one afresh and hand freed memory back at once: a guide took
 * 2,000 page faults and spent 40% of its CPU time in the kernel. Kept in
 * the heap, freed memory is reused (by the next guide of a batch too). */
static void keep_freed_memory(void)
{
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
}

int main(int argc, char **argv)
{
    keep_freed_memory();
    enum { OPT_PAPER = 256, OPT_CHECK, OPT_DUMP, OPT_GREEDY, OPT_TIMINGS };
    static const struct option longopts[] = {
        {"output", required_argument, 0, 'o'}, {"brand", required_argument, 0, 'b'},
        {"jobs", required_argument, 0, 'j'},   {"paper", required_argument, 0, OPT_PAPER},
        {"check", no_argument, 0, OPT_CHECK},  {"quiet", no_argument, 0, 'q'},
        {"help", no_argument, 0, 'h'},         {"version", no_argument, 0, 'V'},
        {"dump-dlist", required_argument, 0, OPT_DUMP}, {"greedy", no_argument, 0, OPT_GREEDY},
        {"timings", no_argument, 0, OPT_TIMINGS},
        {0, 0, 0, 0},
    };
    const char *output = NULL, *brand_path = NULL, *paper = NULL, *dump = NULL;
    bool check = false, quiet = false, greedy = false, timings = false;
    long jobs = sysconf(_SC_NPROCESSORS_ONLN);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int c;
    while ((c = getopt_long(argc, argv, "o:b:j:qhV", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': output = optarg; break;
        case 'b': brand_path = optarg; break;
        case 'j': {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*end || n < 1 || n > 1024) {
                fprintf(stderr, "guidepress: -j needs a number of jobs from 1 to 1024, not `%s`\n", optarg);
                return 2;
            }
            jobs = n;
            break;
        }
        case OPT_PAPER: paper = optarg; break;
        case OPT_CHECK: check = true; break;
        case OPT_DUMP: dump = optarg; break;
        case OPT_GREEDY: greedy = true; break;
        case OPT_TIMINGS: timings = true; break;
        case 'q': quiet = true; break;
        case 'h': usage(stdout); return 0;
        case 'V': printf("guidepress %s\n", GP_VERSION); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (optind >= argc) {
        fputs("guidepress: no input; give a content file or a folder (see --help)\n", stderr);
        return 2;
    }
    if (paper && strcasecmp(paper, "letter") && strcasecmp(paper, "a4")) {
        fprintf(stderr, "guidepress: unknown paper size `%s`; use letter or a4\n", paper);
        return 2;
    }

    gp_arena arena = {0};
    gp_diags diags = {0};
    inputs in = {0};
    int status = 0;
    for (int i = optind; i < argc; i++)
        collect(&in, &arena, argv[i], &diags);
    const char *font_dir = gp_brand_font_dir(&arena, argv[0]);
    gp_brand *brand = brand_path ? gp_brand_load(&arena, brand_path, font_dir, &diags)
                                 : gp_brand_default(&arena, font_dir, &diags);
    if (brand && paper)
        gp_brand_set_paper(brand, paper);
    if (brand && check) /* otherwise looked up when a guide first needs them */
        gp_brand_check_fallbacks(&arena, brand, &diags);
    bool folder_out = in.n > 1 || (output && (has_suffix(output, "/") || is_dir(output))) ||
                      (optind + 1 == argc && is_dir(argv[optind]));
    if (folder_out && output && !check && !is_dir(output) && mkdir(output, 0777) != 0) {
        fprintf(stderr, "guidepress: cannot create folder `%s`: %s\n", output, strerror(errno));
        return 2;
    }
    if (diags.errors || !brand) {
        gp_diags_print(&diags, stderr);
        gp_diags_free(&diags);
        gp_arena_free(&arena);
        free(in.paths);
        gp_brand_cleanup();
        return 1;
    }
    gp_diags_print(&diags, stderr);
    gp_diags_free(&diags);

    gp_fsio_cleanup_on_signals();
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    gp_job_opts opts = {.brand = brand,
                        .creator = "guidepress " GP_VERSION,
                        .source_date = sde && *sde ? atoll(sde) : -1,
                        .check_only = check,
                        .greedy = greedy,
                        .timings = timings,
                        .hyphs = gp_hyph_cache_new(),
                        .helper_threads = in.n == 1};
    if (!check) /* most guides are in the brand's language */
        gp_hyph_cache_prefetch(opts.hyphs, brand->language);
    FILE *dump_file = dump ? fopen(dump, "w") : NULL;
    opts.dump_dlist = dump_file;
    if (dump_file)
        jobs = 1; /* one display list after another, not interleaved */
    const char **outputs = gp_arena_alloc(&arena, (in.n ? in.n : 1) * sizeof *outputs);
    for (size_t i = 0; i < in.n; i++) {
        if (folder_out)
            outputs[i] = gp_arena_printf(&arena, "%s%s%s.pdf", output ? output : "",
                                         output && !has_suffix(output, "/") ? "/" : "", base_name(&arena, in.paths[i]));
        else
            outputs[i] = output ? output : gp_arena_printf(&arena, "%s.pdf", base_name(&arena, in.paths[i]));
    }
    batch b = {.in = &in, .outputs = outputs, .opts = &opts, .progress = !quiet && in.n > 1, .tty = isatty(2)};
    pthread_mutex_init(&b.lock, NULL);
    run_batch(&b, jobs);
    pthread_mutex_destroy(&b.lock);
    if (dump_file)
        fclose(dump_file);
    if (!quiet && in.n > 1)
        fprintf(stderr, "%zu %s, %zu failed, %.1f s\n", b.written, check ? "valid" : "written", b.failed,
                seconds_since(&t0));
    if (b.failed)
        status = 1;
    gp_hyph_cache_free(opts.hyphs);
    free(in.paths);
    gp_arena_free(&arena);
    gp_brand_cleanup();
    return status;
}
