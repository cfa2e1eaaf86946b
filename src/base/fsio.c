/* Reading inputs safely and writing outputs atomically.
 *
 * Inputs are opened with O_NONBLOCK and checked with fstat before a byte is
 * read, so a hostile path naming a FIFO or a device cannot hang or flood us.
 * Outputs go to a temporary file in the destination folder and are renamed
 * into place only once complete. A signal removes the temporary files in
 * flight: the one global table in guidepress, because a signal has nothing
 * else to reach them through. */
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
#include <sys/stat.h>
#include <unistd.h>

static int open_regular(const char *path, struct stat *st, char *err, size_t errlen)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errlen, "`%s` cannot be opened (%s)", path, strerror(errno));
        return -1;
    }
    if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode)) {
        snprintf(err, errlen, "`%s` is not a regular file", path);
        close(fd);
        return -1;
    }
    return fd;
}

bool gp_is_regular_file(const char *path, char *err, size_t errlen)
{
    struct stat st;
    int fd = open_regular(path, &st, err, errlen);
    if (fd < 0)
        return false;
    close(fd);
    return true;
}

char *gp_read_file(const char *path, size_t max_bytes, size_t *len, char *err, size_t errlen)
{
    struct stat st;
    int fd = open_regular(path, &st, err, errlen);
    if (fd < 0)
        return NULL;
    if ((unsigned long long)st.st_size > max_bytes) {
        snprintf(err, errlen, "`%s` is larger than the limit of %zu MiB", path, max_bytes >> 20);
        close(fd);
        return NULL;
    }
    size_t size = (size_t)st.st_size, got = 0;
    char *buf = gp_xmalloc(size + 1);
    while (got < size) {
        ssize_t n = read(fd, buf + got, size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    close(fd);
    if (got != size) {
        snprintf(err, errlen, "cannot read `%s`", path);
        free(buf);
        return NULL;
    }
    buf[size] = 0;
    *len = size;
    return buf;
}

/* ---- temporary files removed on a signal ----
 *
 * Signals are blocked in every thread and taken by one thread with
 * sigwait(), so cleanup can use a mutex: files are created and registered
 * under it, and once a signal closes the table no new one can appear. */

enum { TEMP_SLOTS = 256 };
static pthread_mutex_t temp_lock = PTHREAD_MUTEX_INITIALIZER;
static bool temps_closed;
static char temp_paths[TEMP_SLOTS][PATH_MAX];

int gp_temp_create(char *template)
{
    int fd = -1;
    pthread_mutex_lock(&temp_lock);
    for (int i = 0; i < TEMP_SLOTS && !temps_closed && strlen(template) < PATH_MAX; i++)
        if (!temp_paths[i][0]) {
            fd = mkstemp(template);
            if (fd >= 0)
                strcpy(temp_paths[i], template);
            break;
        }
    pthread_mutex_unlock(&temp_lock);
    return fd;
}

void gp_temp_forget(const char *path)
{
    pthread_mutex_lock(&temp_lock);
    for (int i = 0; i < TEMP_SLOTS; i++)
        if (!strcmp(temp_paths[i], path)) {
            temp_paths[i][0] = 0;
            break;
        }
    pthread_mutex_unlock(&temp_lock);
}

static void *cleanup_thread(void *arg)
{
    sigset_t *set = arg;
    int sig;
    if (sigwait(set, &sig) != 0)
        return NULL;
    pthread_mutex_lock(&temp_lock);
    temps_closed = true;
    for (int i = 0; i < TEMP_SLOTS; i++)
        if (temp_paths[i][0])
            unlink(temp_paths[i]);
    /* die of the signal, as if it had not been caught */
    signal(sig, SIG_DFL);
    pthread_sigmask(SIG_UNBLOCK, set, NULL);
    raise(sig);
    return NULL;
}

void gp_fsio_cleanup_on_signals(void)
{
    static sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &set, NULL); /* inherited by every thread started after this */
    pthread_t t;
    if (pthread_create(&t, NULL, cleanup_thread, &set) == 0)
        pthread_detach(t);
    else
        pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

char *gp_temp_beside(const char *final_path, char *err, size_t errlen)
{
    size_t n = strlen(final_path);
    char *tmp = gp_xmalloc(n + 16);
    snprintf(tmp, n + 16, "%s.tmp-XXXXXX", final_path);
    int fd = gp_temp_create(tmp);
    if (fd < 0) {
        snprintf(err, errlen, "cannot write `%s`: %s", final_path, strerror(errno));
        free(tmp);
        return NULL;
    }
    close(fd);
    return tmp;
}

bool gp_commit_file(const char *tmp, const char *final_path, char *err, size_t errlen)
{
    chmod(tmp, 0644);
    bool ok = rename(tmp, final_path) == 0;
    if (!ok) {
        snprintf(err, errlen, "cannot write `%s`: %s", final_path, strerror(errno));
        unlink(tmp);
    }
    gp_temp_forget(tmp);
    return ok;
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
