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

/* Under PDF/X, RGB colours and images are in sRGB, an ICC-based colour
 * space (the profile from libgs-common, embedded once): a press converts
 * them to its CMYK as the output intent says, where DeviceRGB would be
 * refused. */
#define GP_SRGB_PROFILE "/usr/share/color/icc/ghostscript/srgb.icc"

/* The embedded sRGB profile (an ICC stream, /N 3), for gp_pdfx_rgb; NULL
 * with a message in err if it cannot be read. */
HPDF_Dict gp_pdfx_srgb_profile(HPDF_Doc pdf, char *err, size_t errlen);
/* The colour space [/ICCBased profile] (a new direct array). */
HPDF_Array gp_pdfx_rgb(HPDF_Doc pdf, HPDF_Dict profile);

#endif
