/* A shaped glyph: what HarfBuzz chose to show for some characters, and
 * where. Shared by the text stage, which shapes, and the display list,
 * which carries glyph runs to the PDF stage. 16 bytes: a paragraph may
 * have millions. */
#ifndef GP_GLYPH_H
#define GP_GLYPH_H

#include <stdint.h>

typedef struct gp_glyph {
    float adv;         /* how far the pen moves after it, points */
    uint32_t cluster;  /* the first character it stands for: an index in its run's text */
    uint16_t gid;      /* glyph ID in its face (TrueType has at most 65535) */
    int16_t dx, dy;    /* where it is drawn from the pen, in its face's units (y up), as HarfBuzz gives it */
} gp_glyph;

#endif
