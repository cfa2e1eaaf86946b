/* Reading inputs safely and writing outputs atomically.
 *
 * Inputs are opened with O_NONBLOCK and checked with fstat before a byte is
 * read, so a hostile path naming a FIFO or a device cannot hang or flood us.
 * Outputs go to a temporary file in the destination folder and are renamed
 * into place only once complete. A signal removes the temporary files in
 * flight, kept in a list global to the process because a signal handler
 * has nothing else to reach them through. */
#include "fsio.h"

#include "arena.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

const char *gp_file_kind(unsigned mode)
{
    return S_ISDIR(mode) ? "a folder" : S_ISLNK(mode) ? "a symbolic link" : S_ISFIFO(mode) ? "a FIFO"
         : S_ISCHR(mode) || S_ISBLK(mode) ? "a device" : S_ISSOCK(mode) ? "a socket" : "a regular file";
}

/* Opens path for reading if it is a regular file; else -1, and why. */
static int open_regular(const char *path, struct stat *st, gp_read_failure *why)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        *why = (gp_read_failure){GP_READ_CANNOT_OPEN, errno, 0};
        return -1;
    }
    if (fstat(fd, st) != 0) {
        *why = (gp_read_failure){GP_READ_CANNOT_STAT, errno, 0};
        close(fd);
        return -1;
    }
    if (!S_ISREG(st->st_mode)) {
        *why = (gp_read_failure){GP_READ_NOT_REGULAR, 0, st->st_mode};
        close(fd);
        return -1;
    }
    return fd;
}

char *gp_read_whole(const char *path, size_t max_bytes, size_t *len, gp_read_failure *why)
{
    struct stat st;
    int fd = open_regular(path, &st, why);
    if (fd < 0)
        return NULL;
    if ((unsigned long long)st.st_size > max_bytes) {
        *why = (gp_read_failure){GP_READ_TOO_LARGE, 0, 0};
        close(fd);
        return NULL;
    }
    size_t size = (size_t)st.st_size, got = 0;
    char *buf = gp_xmalloc(size + 1);
    ssize_t n = 0;
    while (got < size) {
        n = read(fd, buf + got, size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    int error = n < 0 ? errno : 0;
    close(fd);
    if (got != size) {
        *why = (gp_read_failure){GP_READ_SHORT, error, 0};
        free(buf);
        return NULL;
    }
    buf[size] = 0;
    *len = size;
    return buf;
}

/* The message for a failure of gp_read_whole(path, max_bytes). */
static void describe(const char *path, size_t max_bytes, const gp_read_failure *why, char *err, size_t errlen)
{
    switch (why->why) {
    case GP_READ_CANNOT_OPEN:
        snprintf(err, errlen, "`%s` cannot be opened (%s)", path, strerror(why->error));
        break;
    case GP_READ_CANNOT_STAT:
        snprintf(err, errlen, "`%s` cannot be read (%s)", path, strerror(why->error));
        break;
    case GP_READ_NOT_REGULAR:
        snprintf(err, errlen, "`%s` is not a regular file (it is %s); name a file", path, gp_file_kind(why->mode));
        break;
    case GP_READ_TOO_LARGE:
        snprintf(err, errlen, "`%s` is larger than the limit of %zu MiB", path, max_bytes >> 20);
        break;
    case GP_READ_SHORT:
        snprintf(err, errlen, "cannot read `%s` (%s)", path,
                 why->error ? strerror(why->error) : "it shrank while being read");
        break;
    }
}

int gp_open_regular_file(const char *path, long long *size, char *err, size_t errlen)
{
    struct stat st;
    gp_read_failure why;
    int fd = open_regular(path, &st, &why);
    if (fd < 0)
        describe(path, 0, &why, err, errlen);
    else
        *size = (long long)st.st_size;
    return fd;
}

char *gp_read_file(const char *path, size_t max_bytes, size_t *len, char *err, size_t errlen)
{
    gp_read_failure why;
    char *text = gp_read_whole(path, max_bytes, len, &why);
    if (!text)
        describe(path, max_bytes, &why, err, errlen);
    return text;
}

/* ---- files by identity ---- */

bool gp_file_id_of(const char *path, gp_file_id *id)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return false;
    *id = (gp_file_id){(unsigned long long)st.st_dev, (unsigned long long)st.st_ino, path, {0}};
    return true;
}

void gp_file_ids_add(gp_file_ids *s, const char *path, gp_loc named_at)
{
    gp_file_id id;
    if (!gp_file_id_of(path, &id))
        return;
    id.named_at = named_at;
    GP_GROW(s->ids, s->n, s->cap, 16);
    s->ids[s->n++] = id;
}

static int cmp_id(const void *pa, const void *pb)
{
    const gp_file_id *a = pa, *b = pb;
    if (a->dev != b->dev)
        return a->dev < b->dev ? -1 : 1;
    return a->ino < b->ino ? -1 : a->ino > b->ino;
}

void gp_file_ids_seal(gp_file_ids *s)
{
    if (s->n)
        qsort(s->ids, s->n, sizeof *s->ids, cmp_id);
}

const gp_file_id *gp_file_ids_find(const gp_file_ids *s, const gp_file_id *id)
{
    return s->n ? bsearch(id, s->ids, s->n, sizeof *s->ids, cmp_id) : NULL;
}

void gp_file_ids_free(gp_file_ids *s)
{
    free(s->ids);
    *s = (gp_file_ids){0};
}

/* ---- temporary files removed on a signal ----
 *
 * Signals are blocked in every thread and taken by one thread with
 * sigwait(), so cleanup can use a mutex: files are created and registered
 * under it, and once a signal closes the list no new one can appear. The
 * list grows as needed: any number of guides may be in flight. */

static pthread_mutex_t temp_lock = PTHREAD_MUTEX_INITIALIZER;
static bool temps_closed;
static char **temps;
static size_t ntemps, temps_cap;
static mode_t process_umask = 022; /* until gp_fsio_init reads it */

static int temp_create(char *template)
{
    int fd = -1, error = ECANCELED; /* the process is ending on a signal */
    pthread_mutex_lock(&temp_lock);
    if (!temps_closed) {
        GP_GROW(temps, ntemps, temps_cap, 64);
        fd = mkstemp(template);
        error = errno;
        if (fd >= 0) {
            temps[ntemps] = gp_xmalloc(strlen(template) + 1);
            strcpy(temps[ntemps++], template);
        }
    }
    pthread_mutex_unlock(&temp_lock);
    errno = error;
    return fd;
}

static void temp_forget(const char *path)
{
    pthread_mutex_lock(&temp_lock);
    for (size_t i = 0; i < ntemps; i++)
        if (!strcmp(temps[i], path)) {
            free(temps[i]);
            temps[i] = temps[--ntemps];
            break;
        }
    pthread_mutex_unlock(&temp_lock);
}

static const int cleanup_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGALRM, SIGUSR1, SIGUSR2, SIGXCPU};

static void *cleanup_thread(void *arg)
{
    sigset_t *set = arg;
    int sig;
    if (sigwait(set, &sig) != 0)
        return NULL;
    pthread_mutex_lock(&temp_lock);
    temps_closed = true;
    for (size_t i = 0; i < ntemps; i++)
        unlink(temps[i]);
    /* die of the signal, as if it had not been caught */
    signal(sig, SIG_DFL);
    pthread_sigmask(SIG_UNBLOCK, set, NULL);
    raise(sig);
    return NULL;
}

void gp_fsio_init(void)
{
    process_umask = umask(0);
    umask(process_umask);
    signal(SIGPIPE, SIG_IGN);
    signal(SIGXFSZ, SIG_IGN);
    static sigset_t set;
    sigemptyset(&set);
    for (size_t i = 0; i < sizeof cleanup_signals / sizeof *cleanup_signals; i++)
        sigaddset(&set, cleanup_signals[i]);
    /* nohup ignores SIGHUP on purpose: it stays ignored. (A shell without job
     * control ignores SIGINT and SIGQUIT in background jobs only because it
     * has no other way to keep Ctrl-C from them; a batch sent one of those
     * explicitly still stops, cleanly.) */
    struct sigaction hup;
    if (sigaction(SIGHUP, NULL, &hup) == 0 && hup.sa_handler == SIG_IGN)
        sigdelset(&set, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &set, NULL); /* inherited by every thread started after this */
    pthread_t t;
    if (pthread_create(&t, NULL, cleanup_thread, &set) == 0)
        pthread_detach(t);
    else
        pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

char *gp_temp_for(const char *final_path, char *err, size_t errlen)
{
    bool to_stdout = !strcmp(final_path, GP_STDOUT_PATH);
    const char *tmpdir = getenv("TMPDIR");
    const char *dir = tmpdir && *tmpdir ? tmpdir : "/tmp";
    size_t n = strlen(to_stdout ? dir : final_path) + 24;
    char *tmp = gp_xmalloc(n);
    if (to_stdout)
        snprintf(tmp, n, "%s/guidepress-XXXXXX", dir);
    else
        snprintf(tmp, n, "%s.tmp-XXXXXX", final_path);
    int fd = temp_create(tmp);
    if (fd < 0) {
        if (to_stdout)
            snprintf(err, errlen, "cannot create a temporary file in `%s` (%s); set TMPDIR to a writable folder",
                     dir, strerror(errno));
        else
            snprintf(err, errlen, "cannot write the guide here (%s); its folder must exist and be writable",
                     strerror(errno));
        free(tmp);
        return NULL;
    }
    close(fd);
    return tmp;
}

void gp_temp_discard(const char *tmp)
{
    unlink(tmp);
    temp_forget(tmp);
}

static bool write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        p += w;
        n -= (size_t)w;
    }
    return true;
}

static bool copy_to_stdout(const char *tmp, char *err, size_t errlen)
{
    int fd = open(tmp, O_RDONLY | O_CLOEXEC);
    bool ok = fd >= 0;
    char buf[1 << 16];
    for (ssize_t n; ok && (n = read(fd, buf, sizeof buf)) != 0;)
        ok = n > 0 ? write_all(STDOUT_FILENO, buf, (size_t)n) : errno == EINTR;
    if (!ok)
        snprintf(err, errlen, "cannot write the guide to standard output (%s)", strerror(errno));
    if (fd >= 0)
        close(fd);
    return ok;
}

/* An existing file keeps its permissions; a new one gets what the umask allows. */
static mode_t mode_for(const char *final_path)
{
    struct stat st;
    if (lstat(final_path, &st) == 0 && S_ISREG(st.st_mode))
        return st.st_mode & 0777;
    return 0666 & ~process_umask;
}

bool gp_commit_file(const char *tmp, const char *final_path, char *err, size_t errlen)
{
    bool ok;
    if (!strcmp(final_path, GP_STDOUT_PATH)) {
        ok = copy_to_stdout(tmp, err, errlen);
        unlink(tmp);
    } else {
        ok = chmod(tmp, mode_for(final_path)) == 0 && rename(tmp, final_path) == 0;
        if (!ok) {
            snprintf(err, errlen, "cannot write the guide (%s)", strerror(errno));
            unlink(tmp);
        }
    }
    temp_forget(tmp);
    return ok;
}

bool gp_has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n > m && !strcmp(s + n - m, suffix);
}

bool gp_has_extension(const char *path, const char *ext)
{
    size_t n = strlen(path), m = strlen(ext);
    return n > m && !strcasecmp(path + n - m, ext);
}

bool gp_is_content_name(const char *name)
{
    return name[0] != '.' && (gp_has_suffix(name, ".yaml") || gp_has_suffix(name, ".yml"));
}

char *gp_dirname(gp_arena *a, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return gp_arena_strdup(a, ".");
    return gp_arena_strndup(a, path, slash == path ? 1 : (size_t)(slash - path));
}

char *gp_path_join(gp_arena *a, const char *dir, const char *rel)
{
    if (rel[0] == '/' || !dir[0] || !strcmp(dir, "."))
        return gp_arena_strdup(a, rel);
    return gp_arena_printf(a, "%s/%s", dir, rel);
}
