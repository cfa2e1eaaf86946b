/* File input, file identities and atomic output. */
#ifndef GP_FSIO_H
#define GP_FSIO_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"

/* Why gp_read_whole failed, for a caller with messages of its own. */
typedef struct gp_read_failure {
    enum { GP_READ_CANNOT_OPEN, GP_READ_CANNOT_STAT, GP_READ_NOT_REGULAR, GP_READ_TOO_LARGE, GP_READ_SHORT } why;
    int error;     /* errno; for GP_READ_SHORT 0 if the file shrank while being read */
    unsigned mode; /* GP_READ_NOT_REGULAR: what it is (st_mode, for gp_file_kind) */
} gp_read_failure;

/* Reads a whole regular file (never a FIFO or device: those could hang) of at
 * most max_bytes. Returns a malloc'd buffer, NUL-terminated after its *len
 * bytes, or NULL and why. The program's one file reader. */
char *gp_read_whole(const char *path, size_t max_bytes, size_t *len, gp_read_failure *why);
/* The same, with a message naming path in err on failure. */
char *gp_read_file(const char *path, size_t max_bytes, size_t *len, char *err, size_t errlen);

/* Opens path for reading if it names a regular file (its size in *size);
 * else -1, and a reason in err. */
int gp_open_regular_file(const char *path, long long *size, char *err, size_t errlen);
/* What a file of st_mode `mode` is, for messages: "a folder", "a FIFO", "a symbolic link"... */
const char *gp_file_kind(unsigned mode);

/* Files by identity (device and inode): two paths name one file, whatever
 * links or `./` lead to it, iff their ids are equal. A set keeps a path per
 * file, and where an input file names it, to name them in messages: add,
 * then seal, then look up. */
typedef struct gp_file_id {
    unsigned long long dev, ino;
    const char *path;
    gp_loc named_at;    /* the YAML node that names the file; file NULL: the command line */
} gp_file_id;
typedef struct gp_file_ids {
    gp_file_id *ids;
    size_t n, cap;
} gp_file_ids;
/* The id of the file `path` leads to; false if there is none. */
bool gp_file_id_of(const char *path, gp_file_id *id);
/* Adds the file at path, if it exists (path and named_at.file must outlive the set). */
void gp_file_ids_add(gp_file_ids *s, const char *path, gp_loc named_at);
void gp_file_ids_seal(gp_file_ids *s);
/* The member that is the same file as id, or NULL. */
const gp_file_id *gp_file_ids_find(const gp_file_ids *s, const gp_file_id *id);
void gp_file_ids_free(gp_file_ids *s);

/* Called with each file an input names (a poster, a font) and where it names it. */
typedef void gp_named_file_fn(void *ctx, const char *path, gp_loc named_at);

/* The path that means standard output. */
#define GP_STDOUT_PATH "-"

/* A temporary file for what will become final_path: beside it (same folder,
 * so the rename is atomic), or in $TMPDIR for standard output. Created
 * empty, mode 0600, and remembered, so a signal removes it. malloc'd; NULL
 * with a reason in err, which never names the temporary file (the caller
 * names final_path). */
char *gp_temp_for(const char *final_path, char *err, size_t errlen);
/* Puts a complete temporary file in place: renamed onto final_path with the
 * mode of the file it replaces (a new file: 0666 less the umask), or copied
 * to standard output. Either way tmp is gone afterwards; false with a
 * reason in err, as above. */
bool gp_commit_file(const char *tmp, const char *final_path, char *err, size_t errlen);
/* Removes a temporary file that will not be committed. */
void gp_temp_discard(const char *tmp);

/* Call once, before starting threads. Remembers the umask (for new files'
 * modes: reading it means setting it, which threads could see); ignores
 * SIGPIPE and SIGXFSZ, so a closed pipe or a file-size limit makes writes
 * fail with an error instead of ending the process; and has SIGINT, SIGTERM,
 * SIGHUP (unless nohup ignores it), SIGQUIT, SIGALRM, SIGUSR1, SIGUSR2 and
 * SIGXCPU remove every temporary file, then end the process as the signal
 * would. */
void gp_fsio_init(void);

/* Whether s ends in suffix (and has more before it). */
bool gp_has_suffix(const char *s, const char *suffix);
/* The same, ignoring ASCII case: a file name's extension (".pdf", ".ttf"). */
bool gp_has_extension(const char *path, const char *ext);
/* Whether a folder's entry is one of its content files: *.yaml or *.yml, not hidden. */
bool gp_is_content_name(const char *name);

/* Directory of a path ("." if none), in arena memory. */
char *gp_dirname(gp_arena *a, const char *path);
/* Joins a directory and a relative path; an absolute path is returned as it is. Arena memory. */
char *gp_path_join(gp_arena *a, const char *dir, const char *rel);

#endif
