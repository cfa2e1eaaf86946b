/* Total-fit line breaking (Knuth & Plass 1981) on plain numbers.
 *
 * A paragraph is a sequence of boxes (unbreakable material of fixed width),
 * glue (breakable space that can stretch and shrink) and penalties (possible
 * breaks with a cost). The caller measures text with whatever font it uses;
 * this module only sees widths in points and returns where lines end and how
 * much each line's glue has to stretch or shrink. It never fails: when no
 * acceptable set of breaks exists it falls back to looser passes and finally
 * to overfull lines. */
#ifndef GP_LINEBREAK_H
#define GP_LINEBREAK_H

#include <stdbool.h>
#include <stddef.h>

typedef enum { GP_LB_BOX, GP_LB_GLUE, GP_LB_PENALTY } gp_lb_kind;

typedef struct gp_lb_item {
    double width;   /* box/glue natural width; penalty: width added if broken here (e.g. a hyphen) */
    double stretch; /* glue; addition: a box's may be its letter-spacing stretch */
    double shrink;  /* glue; addition: a box's may be its letter-spacing shrink */
    double penalty; /* penalty only; >= GP_LB_INF never breaks, <= -GP_LB_INF forces a break */
    gp_lb_kind kind; /* after the doubles: 40 bytes an item, not 48 (a paragraph may have millions) */
    bool flagged;   /* penalty only: a hyphenation break (consecutive flagged breaks cost extra) */
} gp_lb_item;

#define GP_LB_INF 10000.0

typedef struct gp_lb_params {
    double line_width;           /* every line's width */
    double first_line_width;     /* if > 0, the first line's width (e.g. a hanging number or indent) */
    double tolerance;            /* max badness in the first pass, e.g. 200 */
    double looser_tolerance;     /* second pass tolerance before allowing overfull lines, e.g. 1000;
                                    the pass is skipped unless it exceeds `tolerance` */
    double line_penalty;         /* e.g. 10 */
    double flagged_demerits;     /* consecutive hyphenated lines, e.g. 3000 */
    double fitness_demerits;     /* adjacent lines of incompatible fitness class, e.g. 1000 */
    int max_consecutive_hyphens; /* e.g. 2: never more than this many hyphenated lines in a row;
                                    <= 0 means no limit. A forced flagged break is always taken. */
    bool ragged;                 /* ragged-right: lines are not stretched; choose breaks for an even rag */
    double ragged_stretch;       /* addition, ragged only: the virtual stretch per line used to rate
                                    the unused space; <= 0 means line width / 6 */
    bool first_pass_only;        /* addition: give up (0 lines) when no breaks meet `tolerance`; TeX's
                                    pretolerance pass, tried before a paragraph is hyphenated */
} gp_lb_params;

/* TeX-like defaults: tolerance 200, looser 1000, line penalty 10, flagged
 * 3000, fitness 1000, at most 2 hyphens in a row, justified. */
void gp_lb_params_default(gp_lb_params *p, double line_width);

typedef struct gp_lb_line {
    size_t start, end; /* items [start, end) are on the line; `end` is the break item index (or n) */
    double ratio;      /* adjustment ratio applied to the line's glue (0 for ragged lines, lines without
                          stretch and the last line when it has natural spacing); negative = shrink,
                          never below -1 */
    bool hyphenated;   /* broke at a flagged penalty */
    double overfull;   /* addition: points by which the line is still too wide with all its glue
                          shrunk; > 0 only when the emergency pass could not avoid it */
} gp_lb_line;

/* Breaks items[0..n) into lines. The caller does NOT append the paragraph
 * end: the function behaves as if `glue(0, +inf stretch)` and a forced break
 * followed the last item (the last line is set at its natural width).
 * Trailing glue and penalties are dropped first, as TeX's \unskip does: they
 * stay on the last line (its `end` is n) but add no width and offer no break.
 * Glue and non-forced penalties at the start of a line (right after a break)
 * are discarded as in TeX: `start` of the next line skips them.
 * Writes up to n+1 lines into `lines` (caller-allocated; n+1 entries is always
 * enough) and returns the number of lines (>= 1 when n > 0, 0 when n == 0).
 * Never fails: first pass at `tolerance`, then `looser_tolerance`, then an
 * emergency pass with unlimited tolerance that also accepts overfull lines,
 * each at a cost far above any ordinary line and growing with the excess.
 * Exits with a message if memory runs out (gp_oom). */
size_t gp_linebreak(const gp_lb_item *items, size_t n, const gp_lb_params *p, gp_lb_line *lines);

/* First-fit breaking, as browsers and most PDF libraries do it: each line
 * takes as much as fits at natural width. Same contract as gp_linebreak;
 * kept to show, in `make typeset-report`, what total fit gains over it. */
size_t gp_linebreak_greedy(const gp_lb_item *items, size_t n, const gp_lb_params *p, gp_lb_line *lines);

#endif
