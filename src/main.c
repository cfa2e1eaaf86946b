/* guidepress command line (README "Command line"): options, inputs, the
 * brand, one job per guide, diagnostics and the exit status
 * (0 all written, 1 some input failed, 2 bad command line). */
#include "base/arena.h"
#include "base/clock.h"
#include "base/diag.h"
#include "base/fsio.h"
#include "base/heap.h"
#include "base/work.h"
#include "init.h"
#include "job.h"
#include "watch.h"
#include "load/doc.h"
#include "layout/layout.h"
#include "load/season.h"
#include "text/font.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <time.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#ifndef GP_VERSION
#define GP_VERSION "0.0.0"
#endif

static void usage(FILE *out)
{
    fputs("usage: guidepress [OPTIONS] INPUT...\n"
          "       guidepress init [DIR]   a starter folder to edit (DIR: default the current one)\n"
          "Turns a film's content file (YAML) into a print-ready PDF discussion guide.\n"
          "INPUT is a content file, a folder of *.yaml (or *.yml) content files, or a season\n"
          "file (a line `films:` listing content files with their screenings: one guide each).\n"
          "\n"
          "  -o, --output PATH   one guide: the PDF to write (`-` for standard output); several\n"
          "                      (or PATH ending in /): a folder, each guide written as\n"
          "                      <content file's base name>.pdf; several and a PATH ending in\n"
          "                      .pdf: one combined PDF, each guide from an odd page, one\n"
          "                      bookmark per guide\n"
          "  -b, --brand FILE    brand file (default: the built-in brand)\n"
          "  -j, --jobs N        guides built in parallel (default: the CPUs it may use)\n"
          "      --paper SIZE    letter | a4 | a5 | half-letter, overrides the brand\n"
          "      --booklet       impose for saddle-stitching: two pages on each side of a sheet\n"
          "                      twice the page's width, in booklet order for duplex printing\n"
          "                      flipped on the short edge, padded to a multiple of 4 pages\n"
          "      --check         build every guide as a real run would, write nothing\n"
          "      --watch         render again on every save of an input, the brand or an image\n"
          "      --preflight     as --check, and warn of what a print shop would reject: images\n"
          "                      under 300 ppi as printed, text within 3 mm of the trim, RGB\n"
          "                      images in a CMYK brand (exit status 1 if any is found)\n"
          "      --edition NAME  participant (default: no facilitator notes) | facilitator (with\n"
          "                      them) | handout (the questions and notes only, on as few pages\n"
          "                      as they fit)\n"
          "  -q, --quiet         no progress output\n"
          "  -h, --help          this help\n"
          "  -V, --version       version\n"
          "\n"
          "An output never replaces an input of the run, nor anything but a regular file.\n"
          "SOURCE_DATE_EPOCH (seconds since 1970, up to the end of 9999) sets the PDF's\n"
          "dates. Exit status: 0 every guide written, 1 an input failed (every\n"
          "other guide is still written), 2 bad command line (nothing built).\n"
          "\n"
          "Examples:\n"
          "  guidepress -b content/brands/influence.yaml -o guide.pdf content/last-train-home.yaml\n"
          "  guidepress -b club.yaml -o out/ content/          # every film in a folder\n"
          "  guidepress -b club.yaml -o out/ season.yaml       # a season, with its screenings\n"
          "  guidepress -b club.yaml -o season.pdf season.yaml # the season in one PDF\n"
          "  guidepress --edition handout -o sheet.pdf film.yaml\n"
          "  guidepress --check content/                       # validate only\n"
          "  guidepress -o - content/honeyland.yaml | lp       # to standard output\n",
          out);
}

typedef struct inputs {
    gp_job_input *items;
    size_t n, cap;
    const char *season;   /* the first season file's `season:` name, or NULL */
    bool from_season;     /* a season file is among them */
} inputs;

static void add_input(inputs *in, const char *path, const gp_screening *screening)
{
    GP_GROW(in->items, in->n, in->cap, 16);
    in->items[in->n++] = (gp_job_input){path, screening, NULL};
}

static void free_inputs(inputs *in)
{
    for (size_t i = 0; i < in->n; i++)
        gp_job_ahead_free(in->items[i].ahead);
    free(in->items);
}

static int cmp_path(const void *a, const void *b)
{
    return strcmp(((const gp_job_input *)a)->path, ((const gp_job_input *)b)->path);
}

/* A season file's films, each with its row's screening; a bad row is an
 * error (one input that gives no guide). */
static void collect_season(inputs *in, gp_arena *a, const char *path, gp_diags *d)
{
    gp_season *season = gp_season_load(a, path, d); /* (NULL: the errors say why) */
    if (!season)
        return;
    in->from_season = true;
    if (!in->season)
        in->season = season->title;
    for (size_t i = 0; i < season->nfilms; i++)
        add_input(in, season->films[i].path, season->films[i].screening);
}

/* Files a folder holds beside its films, skipped with a note: a brand, a season. */
static bool skipped_in_folder(const char *path, gp_diags *d)
{
    if (gp_season_is_file(path))
        gp_warn(d, (gp_loc){path, 0, 0}, "skipped: this is a season file; give it as the input to build its "
                                         "films with their screenings");
    else if (gp_doc_is_brand_file(path)) /* a club keeps its brand beside its films */
        gp_warn(d, (gp_loc){path, 0, 0}, "skipped: this is a brand file, not a guide's content (give it with -b)");
    else
        return false;
    return true;
}

/* A folder's *.yaml and *.yml files, sorted; a season file's films; a file
 * as it is. False (an error naming the argument) if there is nothing to
 * build from it. */
static bool collect(inputs *in, gp_arena *a, const char *arg, gp_diags *d)
{
    struct stat st;
    if (stat(arg, &st) != 0)
        return gp_error(d, (gp_loc){arg, 0, 0}, "cannot open (%s); check the path", strerror(errno));
    if (!S_ISDIR(st.st_mode) && gp_season_is_file(arg)) {
        collect_season(in, a, arg, d);
        return true;
    }
    if (!S_ISDIR(st.st_mode)) {
        add_input(in, gp_arena_strdup(a, arg), NULL);
        return true;
    }
    DIR *dir = opendir(arg);
    if (!dir)
        return gp_error(d, (gp_loc){arg, 0, 0}, "cannot read the folder (%s)", strerror(errno));
    size_t first = in->n;
    struct dirent *e;
    while ((e = readdir(dir))) {
        if (!gp_is_content_name(e->d_name))
            continue;
        char *path = gp_arena_printf(a, "%s%s%s", arg, gp_has_suffix(arg, "/") ? "" : "/", e->d_name);
        if (!skipped_in_folder(path, d))
            add_input(in, path, NULL);
    }
    closedir(dir);
    if (in->n == first)
        return gp_error(d, (gp_loc){arg, 0, 0},
                        "the folder has no content files (*.yaml or *.yml); nothing to build from it");
    qsort(in->items + first, in->n - first, sizeof *in->items, cmp_path);
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

static const char *shown(const char *output)
{
    return strcmp(output, GP_STDOUT_PATH) ? output : "standard output";
}

/* SOURCE_DATE_EPOCH (reproducible-builds.org): whole seconds since 1970,
 * at most the end of 9999, as a PDF date has four digits for the year.
 * Unset or empty: no dates (-1). */
static bool parse_source_date(const char *s, long long *out)
{
    const long long end_of_9999 = 253402300799LL;
    long long v = 0;
    *out = -1;
    if (!s || !*s)
        return true;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9' || (v = v * 10 + (*p - '0')) > end_of_9999)
            return false;
    }
    *out = v;
    return true;
}

/* Where the guides go (README "Command line"): one file (or standard
 * output), or a folder receiving <base>.pdf each (the current one without
 * -o). A season file is taken as several guides, whatever its count: its
 * `-o x.pdf` is a season's PDF, titled and bookmarked, from the first film
 * on. Returns 0, or 2 after a message. */
static int plan_output(const char *output, const inputs *in, int nargs, bool folder_arg, bool *folder,
                       bool *combined)
{
    bool several = nargs > 1 || in->n > 1;
    bool one_file = output && (gp_has_extension(output, ".pdf") || !strcmp(output, GP_STDOUT_PATH));
    folder_arg |= in->from_season;
    *folder = !output || gp_has_suffix(output, "/") || (!one_file && (several || folder_arg || is_dir(output)));
    *combined = !*folder && (several || in->from_season) && gp_has_extension(output, ".pdf"); /* one PDF of every guide */
    if (*folder || *combined)
        return 0;
    if (several) {
        fputs("guidepress: -o - writes one guide to standard output; give one content file\n", stderr);
        return 2;
    }
    if (!strcmp(output, GP_STDOUT_PATH) && isatty(STDOUT_FILENO)) {
        fputs("guidepress: -o - would write a PDF to the terminal; redirect standard output to a file or a "
              "pipe\n",
              stderr);
        return 2;
    }
    return 0;
}

static const char **output_paths(gp_arena *a, const char *output, bool folder, const inputs *in)
{
    const char **outputs = gp_arena_alloc(a, (in->n ? in->n : 1) * sizeof *outputs);
    for (size_t i = 0; i < in->n; i++)
        outputs[i] = !folder ? output
                             : gp_arena_printf(a, "%s%s%s.pdf", output ? output : "",
                                               output && !gp_has_suffix(output, "/") ? "/" : "",
                                               base_name(a, in->items[i].path));
    return outputs;
}

static void add_named(void *set, const char *path, gp_loc named_at)
{
    gp_file_ids_add(set, path, named_at);
}

/* Every file the run reads that an output could replace: the content
 * files, the brand, its logo and its font files, and, if an output exists
 * already and is not a PDF (else none can be an image the run reads), every
 * image the content files name. Paths and positions in arena memory. */
static void add_run_inputs(gp_file_ids *s, gp_arena *a, const inputs *in, const gp_brand *brand, bool images)
{
    const gp_loc command_line = {0};
    for (size_t i = 0; i < in->n; i++) {
        const gp_job_input *it = &in->items[i];
        gp_file_ids_add(s, it->path, command_line);
        if (images && it->ahead)
            gp_doc_tree_image_files(a, it->path, gp_job_ahead_tree(it->ahead), add_named, s);
        else if (images)
            gp_doc_image_files(a, it->path, add_named, s);
    }
    gp_brand_files(brand, add_named, s);
}

/* An output may replace only a regular file, and never an input of the
 * run (one that an input file names is reported at the name's position).
 * Returns 0, or 2 after a message. */
static int check_output(const char *output, const gp_file_ids *run_inputs, gp_diags *d)
{
    bool to_stdout = !strcmp(output, GP_STDOUT_PATH);
    struct stat st;
    if (!to_stdout && lstat(output, &st) == 0 && !S_ISREG(st.st_mode)) {
        fprintf(stderr, "guidepress: the output `%s` is %s; guidepress replaces only regular files: remove it or "
                        "name another path%s\n",
                output, gp_file_kind(st.st_mode), S_ISDIR(st.st_mode) ? " (a folder path ends in /)" : "");
        return 2;
    }
    gp_file_id id;
    const gp_file_id *same;
    if (!gp_file_id_of(to_stdout ? "/dev/stdout" : output, &id) || !(same = gp_file_ids_find(run_inputs, &id)))
        return 0;
    if (same->named_at.file)
        gp_error(d, same->named_at, "`%s` is also the output `%s` of this run, which would replace it; "
                 "name another output with -o",
                 same->path, shown(output));
    else
        fprintf(stderr, "guidepress: the output `%s` is the input `%s`, which it would replace; name another "
                        "output with -o\n",
                shown(output), same->path);
    return 2;
}

/* Every output, before anything is written: 0, or 2 after the messages. */
static int check_outputs(const char **outputs, size_t n, const char *dump, const gp_file_ids *run_inputs, gp_diags *d)
{
    int status = 0;
    for (size_t i = 0; i < n; i++)
        status |= check_output(outputs[i], run_inputs, d);
    return dump ? status | check_output(dump, run_inputs, d) : status;
}

/* Whether the file at path exists and is not a PDF: a guide reads only PNG
 * and JPEG images (a PDF named as one is refused before anything is
 * written), so only such an output can be an image of the run. */
static bool exists_not_pdf(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return false;
    char head[5];
    FILE *f = S_ISREG(st.st_mode) ? fopen(path, "rb") : NULL; /* (a FIFO would wait for a writer) */
    bool pdf = f && fread(head, 1, sizeof head, f) == sizeof head && !memcmp(head, "%PDF-", sizeof head);
    if (f)
        fclose(f);
    return !pdf;
}

/* Whether an output could be an image the run reads (else the content files
 * need not be parsed for their images: a batch built again over its
 * outputs parsed every one of them twice). */
static bool any_may_be_image(const char **paths, size_t n, const char *dump)
{
    struct stat st;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(paths[i], GP_STDOUT_PATH) ? fstat(STDOUT_FILENO, &st) == 0 : exists_not_pdf(paths[i]))
            return true;
    return dump && exists_not_pdf(dump);
}

typedef struct indexed {
    const char *key;
    size_t i;
} indexed;

static int cmp_indexed(const void *pa, const void *pb)
{
    const indexed *a = pa, *b = pb;
    int c = strcmp(a->key, b->key);
    return c ? c : (a->i > b->i) - (a->i < b->i);
}

/* Inputs whose guide would be written over an earlier input's (one base
 * name into one folder: d1/x.yaml and d2/x.yaml, x.yaml and x.yml): for
 * each, the earlier input, else NULL. */
static const char **find_collisions(gp_arena *a, const inputs *in, const char **outputs)
{
    const char **earlier = gp_arena_alloc(a, (in->n ? in->n : 1) * sizeof *earlier);
    indexed *by_output = gp_xmalloc((in->n ? in->n : 1) * sizeof *by_output);
    for (size_t i = 0; i < in->n; i++)
        by_output[i] = (indexed){outputs[i], i};
    qsort(by_output, in->n, sizeof *by_output, cmp_indexed);
    for (size_t k = 1, first = 0; k < in->n; k++) {
        if (strcmp(by_output[k].key, by_output[first].key))
            first = k;
        else
            earlier[by_output[k].i] = in->items[by_output[first].i].path;
    }
    free(by_output);
    return earlier;
}

/* A batch: guides built by `jobs` threads, each guide independent. The
 * diagnostics of a guide are printed as soon as it is done, with the
 * progress line, under one lock so lines never interleave. (A closed
 * stderr makes these writes fail, quietly: SIGPIPE is ignored.) */
typedef struct batch {
    const inputs *in;
    const char **outputs;
    const char **collides;  /* per input: the earlier input its guide would overwrite, or NULL */
    const gp_job_opts *opts;
    gp_guide **guides;      /* a combined PDF: per input, the guide laid out (NULL: it failed) */
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
        const char *name = strrchr(b->in->items[i].path, '/');
        fprintf(stderr, "[%zu/%zu] %s%s", b->done, b->in->n, name ? name + 1 : b->in->items[i].path,
                b->tty ? "" : ok ? "\n" : " failed\n");
    }
    pthread_mutex_unlock(&b->lock);
}

static bool build(const batch *b, size_t i, gp_diags *d)
{
    if (b->collides[i])
        return gp_error(d, (gp_loc){b->in->items[i].path, 0, 0},
                        "its guide `%s` would overwrite the guide of `%s` (one base name, one folder); "
                        "rename one of them or build them into different folders",
                        b->outputs[i], b->collides[i]);
    if (b->guides) /* a combined PDF: written once every guide is laid out */
        return (b->guides[i] = gp_job_lay_out(&b->in->items[i], b->opts, d)) != NULL;
    return gp_job_run(&b->in->items[i], b->outputs[i], b->opts, d);
}

static void build_one(void *arg, size_t i)
{
    batch *b = arg;
    gp_diags d = {0};
    bool ok = build(b, i, &d);
    report(b, i, ok, &d);
    gp_diags_free(&d);
}

static void run_batch(batch *b, long jobs)
{
    size_t n = (size_t)jobs < b->in->n ? (size_t)jobs : b->in->n;
    gp_work w;
    gp_work_start(&w, build_one, b, b->in->n, n ? n - 1 : 0, false); /* this thread is the last worker */
    gp_work_finish(&w);
    if (b->tty && b->progress)
        fputs("\r\033[K", stderr);
}

static gp_guide **guide_slots(size_t n)
{
    gp_guide **slots = gp_xmalloc((n ? n : 1) * sizeof *slots);
    memset(slots, 0, (n ? n : 1) * sizeof *slots);
    return slots;
}

/* The combined PDF of the guides laid out. One that failed is left out, as
 * every other guide is still written (README "Command line"), and said so. */
static bool write_combined(batch *b, const char *output, const char *title, size_t failed)
{
    gp_diags d = {0};
    bool ok = gp_job_write_combined(b->guides, b->in->n, output, title, b->opts, &d);
    if (ok && failed)
        gp_warn(&d, (gp_loc){output, 0, 0}, "written without the %zu guide%s that failed (see above)", failed,
                failed == 1 ? "" : "s");
    gp_diags_print(&d, stderr);
    gp_diags_free(&d);
    free(b->guides);
    return ok;
}

/* The run's clock, for its summary and for --timings, which with the
 * guides' own lines accounts for the process from start to exit. What
 * came before main (the kernel starting the process, the dynamic loader
 * mapping and linking the libraries) is the CPU time the process has used
 * on entering it, as nothing else runs before main. After the last line
 * only the kernel's teardown of the process remains (README.md, "Speed and
 * size"). */
typedef struct run_clock {
    double before_main, entered, batch_start, batch_end;
} run_clock;

static run_clock run_clock_start(void)
{
    struct timespec cpu;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu);
    return (run_clock){.before_main = (double)cpu.tv_sec + (double)cpu.tv_nsec / 1e9, .entered = gp_seconds()};
}

static void print_run_timings(const run_clock *c)
{
    double end = gp_seconds();
    fprintf(stderr, "timings: run: start %.2f ms, setup %.2f ms, guides %.2f ms, finish %.2f ms, total %.2f ms\n",
            c->before_main * 1e3, (c->batch_start - c->entered) * 1e3, (c->batch_end - c->batch_start) * 1e3,
            (end - c->batch_end) * 1e3, (c->before_main + end - c->entered) * 1e3);
}

/* A guide in flight holds a few files open at once (its content file, its
 * temporary file, a font or an image being read): more jobs than the
 * descriptor limit allows would fail guides with "Too many open files".
 * The soft limit is raised to the hard one, and jobs are kept within it. */
static long jobs_within_file_limit(long jobs)
{
    enum { RESERVED = 32, PER_JOB = 4 };
    struct rlimit r;
    if (getrlimit(RLIMIT_NOFILE, &r) != 0)
        return jobs;
    if (r.rlim_cur < r.rlim_max) {
        rlim_t soft = r.rlim_cur;
        r.rlim_cur = r.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &r) != 0)
            r.rlim_cur = soft;
    }
    if (r.rlim_cur == RLIM_INFINITY)
        return jobs;
    rlim_t fit = r.rlim_cur > RESERVED + PER_JOB ? (r.rlim_cur - RESERVED) / PER_JOB : 1;
    return (rlim_t)jobs <= fit ? jobs : (long)fit;
}

typedef struct cli {
    const char *output, *brand_path, *paper, *dump;
    bool check, preflight, quiet, greedy, timings, watch, booklet;
    gp_edition edition;
    long jobs;
    long long source_date;
} cli;

static bool parse_edition(const char *name, gp_edition *out)
{
    static const char *const names[] = {[GP_EDITION_PARTICIPANT] = "participant",
                                        [GP_EDITION_FACILITATOR] = "facilitator", [GP_EDITION_HANDOUT] = "handout"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (!strcmp(name, names[i])) {
            *out = (gp_edition)i;
            return true;
        }
    return false;
}

/* Options into c; -1 to go on, else the exit status. */
static int parse_options(int argc, char **argv, cli *c)
{
    enum { OPT_PAPER = 256, OPT_CHECK, OPT_DUMP, OPT_GREEDY, OPT_TIMINGS, OPT_WATCH, OPT_BOOKLET, OPT_PREFLIGHT, OPT_EDITION };
    static const struct option longopts[] = {
        {"output", required_argument, 0, 'o'}, {"brand", required_argument, 0, 'b'},
        {"jobs", required_argument, 0, 'j'},   {"paper", required_argument, 0, OPT_PAPER},
        {"check", no_argument, 0, OPT_CHECK},  {"quiet", no_argument, 0, 'q'},
        {"help", no_argument, 0, 'h'},         {"version", no_argument, 0, 'V'},
        {"dump-dlist", required_argument, 0, OPT_DUMP}, {"greedy", no_argument, 0, OPT_GREEDY},
        {"timings", no_argument, 0, OPT_TIMINGS}, {"watch", no_argument, 0, OPT_WATCH},
        {"booklet", no_argument, 0, OPT_BOOKLET},
        {"preflight", no_argument, 0, OPT_PREFLIGHT},
        {"edition", required_argument, 0, OPT_EDITION},
        {0, 0, 0, 0},
    };
    int opt;
    while ((opt = getopt_long(argc, argv, "o:b:j:qhV", longopts, NULL)) != -1) {
        switch (opt) {
        case 'o': c->output = optarg; break;
        case 'b': c->brand_path = optarg; break;
        case 'j': {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*end || n < 1 || n > 1024) {
                fprintf(stderr, "guidepress: -j needs a number of jobs from 1 to 1024, not `%s`\n", optarg);
                return 2;
            }
            c->jobs = n;
            break;
        }
        case OPT_PAPER: c->paper = optarg; break;
        case OPT_CHECK: c->check = true; break;
        case OPT_PREFLIGHT: c->check = c->preflight = true; break;
        case OPT_DUMP: c->dump = optarg; break;
        case OPT_GREEDY: c->greedy = true; break;
        case OPT_TIMINGS: c->timings = true; break;
        case OPT_WATCH: c->watch = true; break;
        case OPT_BOOKLET: c->booklet = true; break;
        case OPT_EDITION:
            if (!parse_edition(optarg, &c->edition)) {
                fprintf(stderr, "guidepress: unknown edition `%s`; use participant, facilitator or handout\n", optarg);
                return 2;
            }
            break;
        case 'q': c->quiet = true; break;
        case 'h': usage(stdout); return 0;
        case 'V': printf("guidepress %s\n", GP_VERSION); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (optind >= argc) {
        fputs("guidepress: no input; give a content file or a folder (see --help)\n", stderr);
        return 2;
    }
    gp_brand scratch = {0};
    if (c->paper && !gp_brand_set_paper(&scratch, c->paper)) {
        fprintf(stderr, "guidepress: unknown paper size `%s`; use letter, a4, a5 or half-letter\n", c->paper);
        return 2;
    }
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (!parse_source_date(sde, &c->source_date)) {
        fprintf(stderr, "guidepress: SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, at most "
                        "253402300799 (the end of 9999), not `%s`; unset it to write no dates\n",
                sde);
        return 2;
    }
    return -1;
}

/* The display lists' file (--dump-dlist), written as a PDF is: to a
 * temporary file put in place by dump_close. NULL after a message. */
static FILE *dump_open(const char *path, char **tmp)
{
    char err[512];
    FILE *f = (*tmp = gp_temp_for(path, err, sizeof err)) ? fopen(*tmp, "w") : NULL;
    if (!f) {
        fprintf(stderr, "guidepress: cannot write `%s` (%s)\n", path, *tmp ? strerror(errno) : err);
        if (*tmp)
            gp_temp_discard(*tmp);
        free(*tmp);
        *tmp = NULL;
    }
    return f;
}

/* Closes the dump file and puts it in place (commit), or removes it. False after a message. */
static bool dump_close(FILE *f, char *tmp, const char *path, bool commit)
{
    char err[512];
    bool failed = ferror(f);
    failed |= fclose(f) != 0;
    bool ok = !commit || !failed;
    if (!ok)
        fprintf(stderr, "guidepress: cannot write `%s` (%s)\n", path, strerror(errno));
    if (!commit || failed)
        gp_temp_discard(tmp);
    else if (!(ok = gp_commit_file(tmp, path, err, sizeof err)))
        fprintf(stderr, "guidepress: %s\n", err);
    free(tmp);
    return ok;
}

/* Everything up front that can refuse the command line, before a guide is
 * built or anything written: 0 to go on, else the exit status. Then
 * creates the output folder and opens the dump file. */
static int prepare(const cli *c, const inputs *in, const char **outputs, bool folder, const gp_brand *brand,
                   gp_arena *a, gp_diags *d, FILE **dump_file, char **dump_tmp)
{
    gp_file_ids run_inputs = {0};
    add_run_inputs(&run_inputs, a, in, brand, any_may_be_image(outputs, in->n, c->dump));
    gp_file_ids_seal(&run_inputs);
    int status = check_outputs(outputs, in->n, c->dump, &run_inputs, d);
    gp_file_ids_free(&run_inputs);
    if (status)
        return status;
    if (c->dump && !(*dump_file = dump_open(c->dump, dump_tmp)))
        return 2;
    const char *dir = folder && c->output ? c->output : NULL;
    if (dir && !c->check && in->n && !is_dir(dir) && mkdir(dir, 0777) != 0) {
        fprintf(stderr, "guidepress: cannot create the folder `%s` (%s)\n", dir, strerror(errno));
        return 2;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "init")) /* guidepress init [DIR] */
        return gp_init_main(argc - 1, argv + 1);
    run_clock clock = run_clock_start();
    cli c = {.jobs = (long)gp_cores()};
    int status = parse_options(argc, argv, &c);
    if (status >= 0)
        return status;
    if (c.watch)
        return gp_watch_main(argc, argv, optind, c.brand_path, c.output);
    gp_fsio_init(); /* first: the threads started from here on inherit its blocked signals */
    gp_heap_prepare();

    gp_arena arena = {0};
    gp_diags diags = {0};
    inputs in = {0};
    for (int i = optind; i < argc; i++)
        collect(&in, &arena, argv[i], &diags);
    size_t input_errors = diags.errors; /* one per input that gives no guide; the others are still built */
    bool folder, combined;
    status = plan_output(c.output, &in, argc - optind, optind + 1 == argc && is_dir(argv[optind]), &folder,
                         &combined);
    if (!status && in.n == 1) /* read while the brand is */
        in.items[0].ahead = gp_job_ahead_start(in.items[0].path);
    const char *font_dir = gp_brand_font_dir(&arena, argv[0]);
    gp_brand *brand = status ? NULL
                    : c.brand_path ? gp_brand_load(&arena, c.brand_path, font_dir, &diags)
                                   : gp_brand_default(&arena, font_dir, &diags);
    if (brand && c.paper)
        gp_brand_set_paper(brand, c.paper);
    if (brand && c.check) /* otherwise looked up when a guide first needs them */
        gp_brand_check_fallbacks(&arena, brand, &diags);
    bool brand_ok = brand && diags.errors == input_errors;
    const char **outputs = output_paths(&arena, c.output, folder, &in);
    FILE *dump_file = NULL;
    char *dump_tmp = NULL;
    if (!status && brand_ok)
        status = prepare(&c, &in, outputs, folder, brand, &arena, &diags, &dump_file, &dump_tmp);
    gp_diags_print(&diags, stderr);
    if (status || !brand_ok) {
        if (dump_file)
            dump_close(dump_file, dump_tmp, c.dump, false);
        gp_diags_free(&diags);
        free_inputs(&in); /* first: a content file read ahead is still reading its path from the arena */
        gp_arena_free(&arena);
        gp_brand_cleanup();
        gp_fonts_cleanup();
        gp_qr_cleanup();
        return status ? status : 1;
    }
    gp_diags_free(&diags);

    gp_job_opts opts = {.brand = brand,
                        .creator = "guidepress " GP_VERSION,
                        .source_date = c.source_date,
                        .check_only = c.check,
                        .preflight = c.preflight,
                        .greedy = c.greedy,
                        .timings = c.timings,
                        .booklet = c.booklet,
                        .edition = c.edition,
                        .hyphs = gp_hyph_cache_new(),
                        .helper_threads = in.n == 1,
                        .dump_dlist = dump_file};
    gp_hyph_cache_prefetch(opts.hyphs, brand->language); /* most guides are in the brand's language */
    long jobs = dump_file ? 1 : jobs_within_file_limit(c.jobs); /* dump: display lists one after another */
    batch b = {.in = &in,
               .outputs = outputs,
               .collides = combined ? gp_arena_alloc(&arena, (in.n ? in.n : 1) * sizeof *b.collides)
                                    : find_collisions(&arena, &in, outputs),
               .opts = &opts,
               .guides = combined ? guide_slots(in.n) : NULL,
               .progress = !c.quiet && in.n > 1,
               .tty = isatty(2)};
    pthread_mutex_init(&b.lock, NULL);
    clock.batch_start = gp_seconds();
    run_batch(&b, jobs);
    pthread_mutex_destroy(&b.lock);
    size_t failed = b.failed + input_errors;
    /* none laid out: nothing to write, each one's errors said why */
    if (combined && b.written && !write_combined(&b, c.output, in.season, failed))
        b.written = 0, failed++;
    else if (combined && !b.written)
        free(b.guides);
    clock.batch_end = gp_seconds(); /* (a combined file's writing is the guides' too) */
    if (dump_file && !dump_close(dump_file, dump_tmp, c.dump, true))
        failed++;
    if (!c.quiet && in.n + input_errors > 1)
        fprintf(stderr, "%zu %s, %zu failed, %.1f s\n", b.written,
                c.preflight ? "passed preflight" : c.check ? "valid" : "written", failed,
                gp_seconds() - clock.entered);
    gp_hyph_cache_free(opts.hyphs);
    free_inputs(&in);
    gp_arena_free(&arena);
    gp_brand_cleanup();
    gp_fonts_cleanup();
    gp_qr_cleanup();
    if (c.timings)
        print_run_timings(&clock);
    return failed ? 1 : 0;
}
