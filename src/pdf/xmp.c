/* The XMP packet (ISO 16684-1), one for every claim: a tagged guide's
 * title and language (PDF/UA: dc:title, pdfuaid:part) and PDF/X-4's
 * version, dates and ids share it, as a file has one /Metadata. */
#include "xmp.h"

#include "base/arena.h"
#include "pdf/libharu_private.h"

#include <hpdf_version.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Writes s with &, <, > and " escaped (XML text and attributes), in fmt's %s. */
static void put_escaped(FILE *out, const char *fmt, const char *s)
{
    char *e = gp_xmalloc(strlen(s) * 6 + 1), *o = e;
    for (; *s; s++) {
        const char *r = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;" : *s == '"' ? "&quot;" : NULL;
        if (r)
            o += sprintf(o, "%s", r);
        else
            *o++ = *s;
    }
    *o = 0;
    fprintf(out, fmt, e);
    free(e);
}

static void put_dates(FILE *out, long long date)
{
    char when[32];
    time_t t = (time_t)date;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    fprintf(out, "<xmp:CreateDate>%s</xmp:CreateDate>\n<xmp:ModifyDate>%s</xmp:ModifyDate>\n"
                 "<xmp:MetadataDate>%s</xmp:MetadataDate>\n", when, when, when);
}

static void put_pdfx(FILE *out, const unsigned char id[16])
{
    char uuid[40];
    snprintf(uuid, sizeof uuid, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", id[0], id[1],
             id[2], id[3], id[4], id[5], id[6], id[7], id[8], id[9], id[10], id[11], id[12], id[13], id[14], id[15]);
    fprintf(out,
            "<pdf:Trapped>False</pdf:Trapped>\n"
            "<xmpMM:DocumentID>uuid:%s</xmpMM:DocumentID>\n<xmpMM:InstanceID>uuid:%s</xmpMM:InstanceID>\n"
            "<xmpMM:VersionID>1</xmpMM:VersionID>\n<xmpMM:RenditionClass>default</xmpMM:RenditionClass>\n"
            "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>\n",
            uuid, uuid);
}

static char *packet(const gp_dlist *dl, const gp_xmp *x)
{
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
          " xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\" xmlns:pdfxid=\"http://www.npes.org/pdfx/ns/id/\"\n"
          " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
          "<dc:format>application/pdf</dc:format>\n",
          out);
    if (dl->title)
        put_escaped(out, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:title>\n",
                    dl->title);
    if (dl->author)
        put_escaped(out, "<dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>\n", dl->author);
    if (dl->subject)
        put_escaped(out, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:description>\n",
                    dl->subject);
    if (dl->language)
        put_escaped(out, "<dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:language>\n", dl->language);
    if (x->creator_tool)
        put_escaped(out, "<xmp:CreatorTool>%s</xmp:CreatorTool>\n", x->creator_tool);
    if (x->date >= 0)
        put_dates(out, x->date);
    fprintf(out, "<pdf:Producer>Haru Free PDF Library %s</pdf:Producer>\n", HPDF_VERSION_TEXT);
    if (x->pdfx)
        put_pdfx(out, x->id);
    if (x->pdfua)
        fputs("<pdfuaid:part>1</pdfuaid:part>\n", out);
    fputs("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>\n", out);
    fclose(out);
    return buf;
}

bool gp_xmp_add(HPDF_Doc pdf, const gp_dlist *dl, const gp_xmp *x)
{
    HPDF_Dict m = gp_hpdf_new_stream(pdf);
    if (!m)
        return false;
    char *xmp = packet(dl, x);
    HPDF_STATUS st = HPDF_Dict_AddName(m, "Type", "Metadata");
    st |= HPDF_Dict_AddName(m, "Subtype", "XML");
    st |= gp_hpdf_stream_write_str(m, xmp);
    st |= HPDF_Dict_Add(gp_hpdf_catalog(pdf), "Metadata", m);
    free(xmp);
    return !st;
}
