/* Reading inputs safely and writing outputs atomically.
 *
 * Inputs are opened with O_NONBLOCK and checked with fstat before a byte is
 * read, so a hostile path naming a FIFO or a device cannot hang or flood us.
 * Outputs go to a temporary file in the destination folder and are renamed
 * into place only once complete. A signal removes the temporary files in
 * flight: the one global table in guidepress, because a signal handler has
 * nothing else to reach them through. */
#include "fsio.h"

#include "arena.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <limits.h>
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

/* ---- temporary files removed on a signal ---- */

enum { TEMP_SLOTS = 256 };
static struct temp_slot {
    atomic_int state; /* 0 free, 1 being written, 2 registered */
    char path[PATH_MAX];
} temp_slots[TEMP_SLOTS];

void gp_temp_register(const char *path)
{
    if (strlen(path) >= PATH_MAX)
        return;
    for (int i = 0; i < TEMP_SLOTS; i++) {
        int free_state = 0;
        if (atomic_compare_exchange_strong(&temp_slots[i].state, &free_state, 1)) {
            strcpy(temp_slots[i].path, path);
            atomic_store(&temp_slots[i].state, 2);
            return;
        }
    }
}

void gp_temp_unregister(const char *path)
{
    for (int i = 0; i < TEMP_SLOTS; i++)
        if (atomic_load(&temp_slots[i].state) == 2 && !strcmp(temp_slots[i].path, path)) {
            atomic_store(&temp_slots[i].state, 0);
            return;
        }
}

static void remove_temps_and_die(int sig)
{
    for (int i = 0; i < TEMP_SLOTS; i++)
        if (atomic_load(&temp_slots[i].state) == 2)
            unlink(temp_slots[i].path); /* async-signal-safe */
    signal(sig, SIG_DFL);
    raise(sig);
}

void gp_fsio_cleanup_on_signals(void)
{
    struct sigaction sa = {0};
    sa.sa_handler = remove_temps_and_die;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

char *gp_temp_beside(const char *final_path, char *err, size_t errlen)
{
    size_t n = strlen(final_path);
    char *tmp = gp_xmalloc(n + 16);
    snprintf(tmp, n + 16, "%s.tmp-XXXXXX", final_path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        snprintf(err, errlen, "cannot write `%s`: %s", final_path, strerror(errno));
        free(tmp);
        return NULL;
    }
    gp_temp_register(tmp);
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
    gp_temp_unregister(tmp);
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
