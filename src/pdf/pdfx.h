/* PDF/X-4 marks for a guide whose brand asks for them (print: pdfx). */
#ifndef GP_PDFX_H
#define GP_PDFX_H

#include "layout/dlist.h"

#include <hpdf.h>
#include <stdbool.h>
#include <stddef.h>

/* Adds the output intent with dl->pdfx_profile, the info entries and dates
 * (`date` in seconds since 1970; the XMP is xmp.c's). False with a message
 * in err if the profile cannot be read. */
bool gp_pdfx_mark(HPDF_Doc pdf, const gp_dlist *dl, long long date, char *err, size_t errlen);

#endif
