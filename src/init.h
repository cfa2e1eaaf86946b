/* `guidepress init [DIR]`: writes a starter folder (README "Starting a guide"). */
#ifndef GP_INIT_H
#define GP_INIT_H

#include <stddef.h>

/* A file of the starter (src/starter/), compiled in by the Makefile. */
typedef struct gp_starter_file {
    const char *name;
    const unsigned char *bytes;
    size_t len;
} gp_starter_file;
extern const gp_starter_file gp_starter_files[]; /* ends with a {NULL} entry */

/* Runs `init` with its arguments (argv[0] is "init"); returns the exit status. */
int gp_init_main(int argc, char **argv);

#endif
