/* Recognising font files before anything tries to load them. */
#ifndef GP_FONTFILE_H
#define GP_FONTFILE_H

#include <stdbool.h>
#include <stddef.h>

/* True if path is a regular file holding TrueType outlines (a .ttf, or face
 * `index` of a .ttc collection). Otherwise a reason in err: missing file,
 * OpenType/CFF outlines (src/pdf/font_embed.c embeds only TrueType
 * outlines, as FontFile2), not a font, index out of range. */
bool gp_fontfile_check(const char *path, int index, char *err, size_t errlen);

#endif
