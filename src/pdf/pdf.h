/* PDF output: the display list in, a PDF file out. The only stage that
 * calls libharu. */
#ifndef GP_PDF_H
#define GP_PDF_H

#include "layout/dlist.h"

typedef struct gp_pdf_info {
    const char *creator;
    long long source_date;    /* seconds since 1970 for the info dates, or -1 for none */
    bool helper_threads;      /* write pages and deflate on another thread too */
    double fonts_seconds;     /* out: time spent subsetting and loading fonts */
} gp_pdf_info;

/* Writes dl to `path`, an existing (temporary) file the caller renames into place.
 * Fonts are subset to the glyphs the display list prints. False with
 * an error in d if libharu or a font fails. */
bool gp_pdf_write(const gp_dlist *dl, const char *path, gp_pdf_info *info, gp_diags *d);

#endif
