/* File input and atomic output. */
#ifndef GP_FSIO_H
#define GP_FSIO_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

/* Reads a whole regular file (never a FIFO or device: those could hang) of at
 * most max_bytes. Returns a malloc'd, NUL-terminated buffer, or NULL with a
 * message in err. */
char *gp_read_file(const char *path, size_t max_bytes, size_t *len, char *err, size_t errlen);

/* True if path names a regular file; else a reason in err. */
bool gp_is_regular_file(const char *path, char *err, size_t errlen);

/* A temporary path beside `final_path` (same folder, so rename is atomic),
 * created empty with mode 0600 -> made 0644 on commit. malloc'd. */
char *gp_temp_beside(const char *final_path, char *err, size_t errlen);
/* Renames tmp onto final_path; on failure removes tmp. */
bool gp_commit_file(const char *tmp, const char *final_path, char *err, size_t errlen);

/* Temporary files that an interrupted run must not leave behind: created
 * with gp_temp_create (mkstemp, and remembered) and forgotten once renamed
 * or removed. After gp_fsio_cleanup_on_signals() (call it before starting
 * threads), SIGINT, SIGTERM and SIGHUP remove every remembered file, then
 * end the process as the signal would. */
int gp_temp_create(char *template);
void gp_temp_forget(const char *path);
void gp_fsio_cleanup_on_signals(void);

/* Directory of a path ("." if none), in arena memory. */
char *gp_dirname(gp_arena *a, const char *path);
/* Joins a directory and a relative path; an absolute path is returned as it is. Arena memory. */
char *gp_path_join(gp_arena *a, const char *dir, const char *rel);

#endif
