/* Variable fonts: the weight (the `wght` axis) a brand asks a font for. */
#ifndef GP_VARFONT_H
#define GP_VARFONT_H

#include <stdbool.h>
#include <stddef.h>

/* The `wght` coordinate in face `index` of path for a weight: `name` (a
 * named instance, "Semi Bold"; NULL for a number) or `weight` (1 to 1000),
 * which must lie in the axis's range. False with msg saying what the font
 * offers if it has no such weight (or is not variable). */
bool gp_varfont_weight(const char *path, int index, const char *name, double weight, double *out, char *msg,
                       size_t msglen);
/* Whether face `index` of path has a `wght` axis. */
bool gp_varfont_has_weight(const char *path, int index);
/* The `wght` coordinate of named instance k of a face, 0 if it has none
 * (fontconfig lists a variable font's named instances as faces). */
double gp_varfont_instance_weight(const char *path, int index, unsigned k);

#endif
