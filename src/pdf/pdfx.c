/* PDF/X-4 (ISO 15930-7), as far as guidepress claims it: the output intent
 * (a CMYK ICC profile, embedded), /GTS_PDFXVersion and /Trapped /False in
 * the info dictionary and the document dates; xmp.c's packet says the same
 * (pdfxid:GTS_PDFXVersion, pdf:Trapped, xmpMM ids, dates, title); and the
 * sRGB profile RGB colours and images are in (nothing is DeviceRGB). pdf.c
 * gives every page its TrimBox and its sRGB colour space. No PDF/X validator runs here:
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

/* An ICC profile as a stream of n components; NULL with a message in err. */
static HPDF_Dict icc_stream(HPDF_Doc pdf, const char *path, int n, char *err, size_t errlen)
{
    size_t len;
    char *icc = gp_read_file(path, MAX_PROFILE_BYTES, &len, err, errlen);
    if (!icc)
        return NULL;
    HPDF_Dict profile = gp_hpdf_new_stream(pdf);
    if (profile && (HPDF_Dict_AddNumber(profile, "N", n) != HPDF_OK || gp_hpdf_stream_write(profile, icc, len) != HPDF_OK))
        profile = NULL;
    free(icc);
    if (!profile)
        snprintf(err, errlen, "the PDF library could not embed the ICC profile %s", path);
    return profile;
}

HPDF_Dict gp_pdfx_srgb_profile(HPDF_Doc pdf, char *err, size_t errlen)
{
    return icc_stream(pdf, GP_SRGB_PROFILE, 3, err, errlen);
}

HPDF_Array gp_pdfx_rgb(HPDF_Doc pdf, HPDF_Dict profile)
{
    HPDF_Array space = gp_hpdf_new_array(pdf);
    if (space && (HPDF_Array_AddName(space, "ICCBased") != HPDF_OK || HPDF_Array_Add(space, profile) != HPDF_OK))
        return NULL;
    return space;
}

static bool output_intent(HPDF_Doc pdf, const gp_dlist *dl, char *err, size_t errlen)
{
    HPDF_Dict profile = icc_stream(pdf, dl->pdfx_profile, 4, err, errlen);
    if (!profile)
        return false;
    HPDF_Dict intent = gp_hpdf_new_direct_dict(pdf);
    HPDF_Array intents = gp_hpdf_new_array(pdf);
    HPDF_STATUS st = !intent || !intents;
    if (!st) {
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
