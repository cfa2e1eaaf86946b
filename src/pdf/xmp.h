/* The document's one XMP metadata packet: what the info dictionary says,
 * and the standards the file claims (PDF/X-4's ids, PDF/UA-1's part). */
#ifndef GP_PDF_XMP_H
#define GP_PDF_XMP_H

#include "layout/dlist.h"

#include <hpdf.h>
#include <stdbool.h>

typedef struct gp_xmp {
    const char *creator_tool;  /* the Info /Creator, or NULL */
    long long date;            /* the Info dates, in seconds since 1970; -1: none */
    const unsigned char *id;   /* the document's ID (16 bytes) */
    bool pdfx;                 /* PDF/X-4: its version, trapping, xmpMM ids */
    bool pdfua;                /* PDF/UA-1: pdfuaid:part */
} gp_xmp;

/* The packet as the catalog's /Metadata (title, creator, subject and
 * language from dl). False if libharu failed. */
bool gp_xmp_add(HPDF_Doc pdf, const gp_dlist *dl, const gp_xmp *x);

#endif
