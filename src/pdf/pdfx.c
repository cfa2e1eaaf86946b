/* PDF/X-4 (ISO 15930-7), as far as guidepress claims it: the output intent
 * (a CMYK ICC profile, embedded), /GTS_PDFXVersion and /Trapped /False in
 * the info dictionary, the document dates, and XMP metadata saying the same
 * (pdfxid:GTS_PDFXVersion, pdf:Trapped, xmpMM ids, dates, title), and the
 * sRGB profile RGB colours and images are in (nothing is DeviceRGB). pdf.c
 * gives every page its TrimBox and its sRGB colour space. No PDF/X validator runs here:
 * tests/e2e/pdfx.sh checks this structure with qpdf --json. */
#include "pdfx.h"

#include "base/fsio.h"
#include "pdf/libharu_private.h"
#include "pdf/quirks.h"

#include <hpdf_version.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

/* s with &, <, > and " escaped, for XML text and attributes. */
static char *xml_escaped(const char *s)
{
    size_t n = 1;
    for (const char *p = s; *p; p++)
        n += strchr("&<>\"", *p) ? 6 : 1;
    char *out = malloc(n), *o = out;
    if (!out)
        gp_oom();
    for (const char *p = s; *p; p++) {
        const char *e = *p == '&' ? "&amp;" : *p == '<' ? "&lt;" : *p == '>' ? "&gt;" : *p == '"' ? "&quot;" : NULL;
        if (e)
            o += sprintf(o, "%s", e);
        else
            *o++ = *p;
    }
    *o = 0;
    return out;
}

static void put_escaped(FILE *out, const char *fmt, const char *s)
{
    char *e = xml_escaped(s);
    fprintf(out, fmt, e);
    free(e);
}

/* The XMP packet: what the info dictionary says, in its own words. */
static char *xmp_packet(const gp_dlist *dl, const char *creator, long long date, const unsigned char id[16])
{
    char when[32], uuid[40];
    time_t t = (time_t)date;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    snprintf(uuid, sizeof uuid, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", id[0], id[1],
             id[2], id[3], id[4], id[5], id[6], id[7], id[8], id[9], id[10], id[11], id[12], id[13], id[14], id[15]);
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    if (!out)
        gp_oom();
    fputs("<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
          "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
          "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
          "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
          " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
          " xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\" xmlns:pdfxid=\"http://www.npes.org/pdfx/ns/id/\">\n"
          "<dc:format>application/pdf</dc:format>\n",
          out);
    if (dl->title)
        put_escaped(out, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:title>\n",
                    dl->title);
    if (dl->author)
        put_escaped(out, "<dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>\n", dl->author);
    if (creator)
        put_escaped(out, "<xmp:CreatorTool>%s</xmp:CreatorTool>\n", creator);
    fprintf(out,
            "<xmp:CreateDate>%s</xmp:CreateDate>\n<xmp:ModifyDate>%s</xmp:ModifyDate>\n"
            "<xmp:MetadataDate>%s</xmp:MetadataDate>\n"
            "<pdf:Producer>Haru Free PDF Library %s</pdf:Producer>\n<pdf:Trapped>False</pdf:Trapped>\n"
            "<xmpMM:DocumentID>uuid:%s</xmpMM:DocumentID>\n<xmpMM:InstanceID>uuid:%s</xmpMM:InstanceID>\n"
            "<xmpMM:VersionID>1</xmpMM:VersionID>\n<xmpMM:RenditionClass>default</xmpMM:RenditionClass>\n"
            "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>\n"
            "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>\n",
            when, when, when, HPDF_VERSION_TEXT, uuid, uuid);
    fclose(out);
    return buf;
}

bool gp_pdfx_mark(HPDF_Doc pdf, const gp_dlist *dl, const char *creator, long long date, const unsigned char id[16],
                  char *err, size_t errlen)
{
    if (date < 0)
        date = (long long)time(NULL);
    gp_quirk_set_dates(pdf, date);
    if (!output_intent(pdf, dl, err, errlen))
        return false;
    HPDF_Dict info = gp_hpdf_info(pdf);
    HPDF_Dict metadata = gp_hpdf_new_stream(pdf);
    char *xmp = xmp_packet(dl, creator, date, id);
    HPDF_STATUS st = !info || !metadata;
    if (!st) {
        st |= add_string(pdf, info, "GTS_PDFXVersion", "PDF/X-4");
        st |= HPDF_Dict_AddName(info, "Trapped", "False");
        st |= HPDF_Dict_AddName(metadata, "Type", "Metadata");
        st |= HPDF_Dict_AddName(metadata, "Subtype", "XML");
        st |= gp_hpdf_stream_write_str(metadata, xmp);
        st |= HPDF_Dict_Add(gp_hpdf_catalog(pdf), "Metadata", metadata);
    }
    free(xmp);
    if (st)
        snprintf(err, errlen, "the PDF library could not add the PDF/X metadata");
    return !st;
}
