/* --watch: a loop of renders, each one a run of this program without
 * --watch (so every render is exactly a normal one: atomic output, a
 * broken input reported and the last good PDF kept), started again when
 * inotify reports a save of an input. Folders are watched, not files:
 * editors save by writing a new file and renaming it over the old one,
 * which a watch on the old file would miss. */
#include "watch.h"

#include "base/arena.h"
#include "base/diag.h"
#include "base/fsio.h"
#include "load/doc.h"
#include "load/season.h"
#include "style/brand.h"

#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

enum { QUIET_MS = 60 };

/* A file whose save means a new render: a name in a watched folder (any
 * *.yaml or *.yml for a folder given as an input). */
typedef struct watched {
    int wd;
    const char *name;
    bool any_yaml;
} watched;

typedef struct watcher {
    int fd;
    watched *files;
    size_t n, cap;
    gp_arena *a;            /* the current list's memory */
    const char *font_dir;   /* for loading the brand */
} watcher;

static volatile sig_atomic_t stop;

static void on_stop(int sig)
{
    (void)sig;
    stop = 1;
}

static void watch_path(watcher *w, const char *path, bool folder)
{
    const char *slash = strrchr(path, '/');
    const char *dir = folder ? path : gp_dirname(w->a, path);
    int wd = inotify_add_watch(w->fd, dir, IN_CLOSE_WRITE | IN_MOVED_TO);
    if (wd < 0)
        return;
    GP_GROW(w->files, w->n, w->cap, 16);
    w->files[w->n++] = (watched){wd, folder ? NULL : slash ? slash + 1 : path, folder};
}

static void watch_named(void *w, const char *path, gp_loc named_at)
{
    (void)named_at;
    watch_path(w, path, false);
}

/* A content file and the images it names, if it parses that far (errors
 * are the render's to report). */
static void watch_content(watcher *w, const char *path)
{
    watch_path(w, path, false);
    gp_doc_image_files(w->a, path, watch_named, w);
}

/* The brand file, and, if it loads, its logo and the font files it names
 * (the same files the run checks its outputs against). */
static void watch_brand(watcher *w, const char *path)
{
    watch_path(w, path, false);
    gp_diags quiet = {0};
    gp_brand *brand = gp_brand_load(w->a, path, w->font_dir, &quiet);
    gp_diags_free(&quiet);
    if (brand)
        gp_brand_files(brand, watch_named, w);
}

/* A season file, and the content files its good rows name (the render
 * reports the bad ones). */
static void watch_season(watcher *w, const char *path)
{
    watch_path(w, path, false);
    gp_diags quiet = {0};
    gp_season *season = gp_season_load(w->a, path, &quiet);
    gp_diags_free(&quiet);
    for (size_t i = 0; season && i < season->nfilms; i++)
        watch_content(w, season->films[i].path);
}

/* What the next render reads: the inputs (and every content file of a
 * folder input), the brand, and the files they name; afresh before each
 * render, since an edit may name another file. */
static void watch_inputs(watcher *w, char **inputs, int n, const char *brand_path)
{
    w->n = 0;
    for (int i = 0; i < n; i++) {
        struct stat st;
        DIR *dir = stat(inputs[i], &st) == 0 && S_ISDIR(st.st_mode) ? opendir(inputs[i]) : NULL;
        if (!dir) {
            gp_season_is_file(inputs[i]) ? watch_season(w, inputs[i]) : watch_content(w, inputs[i]);
            continue;
        }
        watch_path(w, inputs[i], true);
        for (struct dirent *e; (e = readdir(dir));)
            if (gp_is_content_name(e->d_name))
                gp_doc_image_files(w->a, gp_path_join(w->a, inputs[i], e->d_name), watch_named, w);
        closedir(dir);
    }
    if (brand_path)
        watch_brand(w, brand_path);
}

static bool is_watched(const watcher *w, const struct inotify_event *e)
{
    for (size_t i = 0; i < w->n; i++)
        if (w->files[i].wd == e->wd && e->len &&
            (w->files[i].any_yaml ? gp_is_content_name(e->name)
                                  : !strcmp(w->files[i].name, e->name)))
            return true;
    return false;
}

/* Reads the events waiting; true if one is a save of a watched file. */
static bool read_events(const watcher *w)
{
    char buf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
    bool saved = false;
    ssize_t n;
    while ((n = read(w->fd, buf, sizeof buf)) > 0)
        for (char *p = buf; p < buf + n; p += sizeof(struct inotify_event) + ((struct inotify_event *)p)->len)
            saved |= is_watched(w, (struct inotify_event *)p);
    return saved;
}

/* Waits for a save of a watched file, then for QUIET_MS without one (an
 * editor's save is several events); false once told to stop. */
static bool wait_for_save(const watcher *w)
{
    struct pollfd p = {w->fd, POLLIN, 0};
    bool saved = false;
    while (!stop) {
        int ready = poll(&p, 1, saved ? QUIET_MS : -1);
        if (ready == 0)
            return true;
        if (ready > 0)
            saved |= read_events(w);
    }
    return false;
}

/* One render: this program, without --watch; its exit status. Told to
 * stop meanwhile, it passes SIGINT on (the render removes its temporary
 * file) and waits. */
static int render(char **args)
{
    pid_t pid;
    if (posix_spawn(&pid, "/proc/self/exe", NULL, NULL, args, environ) != 0) {
        fprintf(stderr, "guidepress: --watch: cannot start a render (%s)\n", strerror(errno));
        return 1;
    }
    bool forwarded = false;
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        if (stop && !forwarded)
            forwarded = kill(pid, SIGINT) == 0;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

/* argv less --watch (or the prefix getopt_long took for it), among the
 * options before the inputs. */
static char **render_args(int argc, char **argv, int first_input)
{
    char **args = gp_xmalloc((size_t)(argc + 1) * sizeof *args);
    int n = 0;
    for (int i = 0; i < argc; i++) {
        size_t len = strlen(argv[i]);
        if (i >= first_input || i == 0 || len < 3 || strncmp(argv[i], "--watch", len))
            args[n++] = argv[i];
    }
    args[n] = NULL;
    return args;
}

int gp_watch_main(int argc, char **argv, int first_input, const char *brand_path, const char *output)
{
    if (output && !strcmp(output, GP_STDOUT_PATH)) {
        fputs("guidepress: --watch renders again on every save, which a PDF on standard output cannot "
              "follow; name a file with -o\n",
              stderr);
        return 2;
    }
    watcher w = {.fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)};
    if (w.fd < 0) {
        fprintf(stderr, "guidepress: --watch: cannot watch files (%s)\n", strerror(errno));
        return 1;
    }
    struct sigaction sa = {.sa_handler = on_stop}; /* no SA_RESTART: a wait ends at once */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    char **args = render_args(argc, argv, first_input);
    int status = 0;
    gp_arena dirs = {0};
    w.font_dir = gp_brand_font_dir(&dirs, argv[0]);
    for (bool first = true, again = true; again; first = false) {
        gp_arena a = {0};
        w.a = &a;
        watch_inputs(&w, argv + first_input, argc - first_input, brand_path);
        status = render(args);
        if (first && status == 2) /* a bad command line: nothing to watch */
            again = false;
        else {
            fputs(first    ? "guidepress: watching; a save renders again (Ctrl-C to stop)\n"
                  : status ? "guidepress: the render failed; the last good PDF is kept\n"
                           : "guidepress: rendered again\n",
                  stderr);
            status = 0;
            again = wait_for_save(&w);
        }
        gp_arena_free(&a);
    }
    close(w.fd);
    free(w.files);
    gp_arena_free(&dirs);
    gp_brand_cleanup();
    free(args);
    return status;
}
