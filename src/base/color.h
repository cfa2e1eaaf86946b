/* A colour, shared by the brand and the display list. */
#ifndef GP_COLOR_H
#define GP_COLOR_H

#include <stdbool.h>

/* r, g, b (0..1) are the colour on screen, and what contrast checks read; a
 * colour given as cmyk(...) also keeps its inks, and prints as them. */
typedef struct gp_rgb {
    double r, g, b;
    bool cmyk;        /* print as DeviceCMYK c, m, y, k (0..1) */
    double c, m, y, k;
} gp_rgb;

/* The same colour, ink for ink (or channel for channel). */
static inline bool gp_color_equal(gp_rgb a, gp_rgb b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b && a.cmyk == b.cmyk &&
           (!a.cmyk || (a.c == b.c && a.m == b.m && a.y == b.y && a.k == b.k));
}

/* A CMYK colour from its inks, with its naive RGB look (no profile). */
static inline gp_rgb gp_cmyk(double c, double m, double y, double k)
{
    return (gp_rgb){(1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k), true, c, m, y, k};
}

#endif
