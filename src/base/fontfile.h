/* Recognising font files before anything tries to load them. */
#ifndef GP_FONTFILE_H
#define GP_FONTFILE_H

#include <stdbool.h>
#include <stddef.h>

typedef enum gp_font_verdict {
    GP_FONT_OK,
    GP_FONT_PREVIEW_ONLY, /* usable; msg is a warning: its licence allows preview & print embedding only */
    GP_FONT_UNLICENSED,   /* its licence (OS/2 fsType) forbids embedding it the way guidepress does */
    GP_FONT_BROKEN,       /* missing, not a font, damaged, a web font, or CFF2 outlines */
} gp_font_verdict;

/* Whether path (face `index` of a .ttc collection) is a font guidepress can
 * embed: a regular file with TrueType or CFF outlines whose table directory
 * lies inside the file, a sound CFF table if it has one, and licence bits that
 * allow embedding a subset of its outlines. Any verdict but GP_FONT_OK says
 * why in msg. */
gp_font_verdict gp_fontfile_probe(const char *path, int index, char *msg, size_t msglen);

#endif
