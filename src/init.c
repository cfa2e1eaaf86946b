/* guidepress init [DIR]: a starter folder, ready to render. Writes the
 * files of src/starter/ (a commented content file with every section
 * type, a brand, a placeholder poster, a README with the command), and
 * never replaces a file: if any is there already, nothing is written. */
#include "init.h"

#include "base/arena.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* mkdir -p: each missing folder of path, in turn. */
static bool make_folders(const char *path)
{
    char *p = gp_xstrdup(path);
    bool ok = true;
    for (char *s = p; ok && (s = strchr(s + 1, '/'));) {
        *s = '\0';
        ok = mkdir(p, 0777) == 0 || errno == EEXIST;
        *s = '/';
    }
    ok = ok && (mkdir(p, 0777) == 0 || errno == EEXIST);
    free(p);
    return ok;
}

static char *path_in(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = gp_xmalloc(n);
    snprintf(p, n, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", name);
    return p;
}

/* Creates path with bytes; false if it exists or cannot be written (a
 * partial file is removed). O_EXCL: no file is ever replaced. */
static bool write_new(const char *path, const unsigned char *bytes, size_t len)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0666);
    if (fd < 0)
        return false;
    size_t done = 0;
    for (ssize_t w; done < len && (w = write(fd, bytes + done, len - done)) > 0;)
        done += (size_t)w;
    bool ok = done == len;
    int err = errno;
    if (close(fd) != 0 && ok) {
        ok = false;
        err = errno;
    }
    if (!ok) {
        unlink(path);
        errno = err;
    }
    return ok;
}

/* The starter's files already in dir, named on stderr; how many. */
static int report_existing(const char *dir)
{
    int found = 0;
    for (const gp_starter_file *f = gp_starter_files; f->name; f++) {
        char *path = path_in(dir, f->name);
        struct stat st;
        if (lstat(path, &st) == 0) {
            fprintf(stderr, "guidepress: init: `%s` already exists\n", path);
            found++;
        }
        free(path);
    }
    return found;
}

/* Writes every file, or (after a failure) removes the ones it wrote. */
static bool write_starter(const char *dir)
{
    const gp_starter_file *f = gp_starter_files;
    for (; f->name; f++) {
        char *path = path_in(dir, f->name);
        bool ok = write_new(path, f->bytes, f->len);
        if (!ok)
            fprintf(stderr, "guidepress: init: cannot write `%s` (%s)\n", path, strerror(errno));
        free(path);
        if (!ok)
            break;
    }
    if (!f->name)
        return true;
    while (f-- > gp_starter_files) {
        char *path = path_in(dir, f->name);
        unlink(path);
        free(path);
    }
    return false;
}

int gp_init_main(int argc, char **argv)
{
    if (argc > 2 || (argc == 2 && argv[1][0] == '-' && argv[1][1])) {
        fputs("usage: guidepress init [DIR]   (a starter folder; DIR defaults to the current one)\n", stderr);
        return 2;
    }
    const char *dir = argc == 2 && argv[1][0] ? argv[1] : ".";
    if (!make_folders(dir)) {
        fprintf(stderr, "guidepress: init: cannot create the folder `%s` (%s)\n", dir, strerror(errno));
        return 1;
    }
    if (report_existing(dir)) {
        fprintf(stderr, "guidepress: init never replaces a file, so nothing was written; give a new folder "
                        "(guidepress init my-guide) or move those files away\n");
        return 1;
    }
    if (!write_starter(dir))
        return 1;
    printf("A starter guide is in %s: edit guide.yaml and club.yaml, then render it with\n", dir);
    if (strcmp(dir, "."))
        printf("  cd %s && guidepress -b club.yaml -o guide.pdf guide.yaml\n", dir);
    else
        printf("  guidepress -b club.yaml -o guide.pdf guide.yaml\n");
    return 0;
}
