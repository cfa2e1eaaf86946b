/* PDF/X-4 (ISO 15930-7), as far as guidepress claims it: the output intent
 * (a CMYK ICC profile, embedded), /GTS_PDFXVersion and /Trapped /False in
 * the info dictionary and the document dates; xmp.c's packet says the same
 * (pdfxid:GTS_PDFXVersion, pdf:Trapped, xmpMM ids, dates, title). pdf.c
 * gives every page its TrimBox. No PDF/X validator runs here:
 * tests/e2e/pdfx.sh checks this structure with qpdf --json. */
#include "pdfx.h"

#include "base/fsio.h"
#include "pdf/libharu_private.h"
#include "pdf/quirks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_PROFILE_BYTES = 4 << 20 };

static HPDF_STATUS add_string(HPDF_Doc pdf, HPDF_Dict dict, const char *key, const char *value)
{
    return HPDF_Dict_Add(dict, key, gp_hpdf_new_string(pdf, value));
}

static bool output_intent(HPDF_Doc pdf, const gp_dlist *dl, char *err, size_t errlen)
{
    size_t len;
    char *icc = gp_read_file(dl->pdfx_profile, MAX_PROFILE_BYTES, &len, err, errlen);
    if (!icc)
        return false;
    HPDF_Dict profile = gp_hpdf_new_stream(pdf);
    HPDF_Dict intent = gp_hpdf_new_direct_dict(pdf);
    HPDF_Array intents = gp_hpdf_new_array(pdf);
    HPDF_STATUS st = !profile || !intent || !intents;
    if (!st) {
        st |= HPDF_Dict_AddNumber(profile, "N", 4);
        st |= gp_hpdf_stream_write(profile, icc, len);
        st |= HPDF_Dict_AddName(intent, "Type", "OutputIntent");
        st |= HPDF_Dict_AddName(intent, "S", "GTS_PDFX");
        st |= add_string(pdf, intent, "OutputConditionIdentifier", "Custom");
        st |= add_string(pdf, intent, "OutputCondition", dl->pdfx_profile_name);
        st |= add_string(pdf, intent, "Info", dl->pdfx_profile_name);
        st |= add_string(pdf, intent, "RegistryName", "http://www.color.org");
        st |= HPDF_Dict_Add(intent, "DestOutputProfile", profile);
        st |= HPDF_Array_Add(intents, intent);
        st |= HPDF_Dict_Add(gp_hpdf_catalog(pdf), "OutputIntents", intents);
    }
    free(icc);
    if (st)
        snprintf(err, errlen, "the PDF library could not add the PDF/X output intent");
    return !st;
}

bool gp_pdfx_mark(HPDF_Doc pdf, const gp_dlist *dl, long long date, char *err, size_t errlen)
{
    gp_quirk_set_dates(pdf, date);
    if (!output_intent(pdf, dl, err, errlen))
        return false;
    HPDF_Dict info = gp_hpdf_info(pdf);
    HPDF_STATUS st = !info;
    if (!st) {
        st |= add_string(pdf, info, "GTS_PDFXVersion", "PDF/X-4");
        st |= HPDF_Dict_AddName(info, "Trapped", "False");
    }
    if (st)
        snprintf(err, errlen, "the PDF library could not add the PDF/X metadata");
    return !st;
}
