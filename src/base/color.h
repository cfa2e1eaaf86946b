/* A colour, shared by the brand and the display list. */
#ifndef GP_COLOR_H
#define GP_COLOR_H

typedef struct gp_rgb {
    double r, g, b; /* 0..1 */
} gp_rgb;

#endif
