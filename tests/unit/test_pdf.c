/* The PDF stage's text placement: every glyph lands where the layout
 * measured it. gp_content_tj writes a TJ array whose adjustments add
 * kerning and word spacing to /W and Tc; this test replays the pen, glyph
 * by glyph. Also: /W against HarfBuzz's advances, and saving as PDF 1.5. */
#include "harness.h"
#include "base/utf8.h"
#include "pdf/content.h"
#include "pdf/pdf15.h"
#include "pdf/font_embed.h"
#include "pdf/image_embed.h"
#include "pdf/quirks.h"
#include "pdf/subset_face.h"
#include "text/font.h"

#include <hpdf_font.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* The value of one literal-string byte at p (after any escape); moves p on. */
static unsigned string_byte(const char **p)
{
    const char *s = *p;
    unsigned c = (unsigned char)*s++;
    if (c == '\\') {
        c = (unsigned char)*s++;
        c = c == 'n' ? '\n' : c == 'r' ? '\r' : c;
    }
    *p = s;
    return c;
}

/* A glyph as a replay drew it: which of the run's, from where to where
 * the pen took it (points), and the /ActualText span it is in (1, 2...;
 * 0: none). */
typedef struct drawn {
    size_t glyph;
    double from, to;
    int span;
} drawn;

/* Replays a glyph run's "[(..) adj (..)] TJ" arrays (with "dy Ts" and
 * /ActualText spans between them) with Tc `char_space`: returns the
 * largest distance between where a visible glyph is drawn and where
 * HarfBuzz and the layout put it (pen plus offset, both ways), in points
 * (a space shows nothing and may be off). Glyphs may be drawn in another
 * order than shaped (within a span): each drawn one is matched with the
 * undrawn glyph of its CID nearest its place. out[k] is the k-th drawn. */
static double replay(const char *tj, const gp_cid_font *f, double size, double char_space, const gp_glyph *g,
                     size_t n, const uint32_t *text, size_t ntext, bool rtl, size_t *glyphs, drawn *out)
{
    const char *p = tj;
    double pen = 0, worst = 0, rise = 0, fu = size / f->upem;
    double *want = calloc(n + 1, sizeof *want);
    bool *done = calloc(n + 1, sizeof *done);
    int span = 0, spans = 0;
    for (size_t k = 1; k <= n; k++)
        want[k] = want[k - 1] + g[k - 1].adv;
    size_t i = 0;
    bool in_array = false;
    while (*p) {
        if (*p == '[') {
            in_array = true, p++;
        } else if (*p == ']') {
            in_array = false, p++;
        } else if (*p == '<') { /* a span's text */
            while (*p && *p != '>')
                p++;
        } else if (!strncmp(p, "BDC", 3)) {
            span = ++spans, p += 3;
        } else if (!strncmp(p, "EMC", 3)) {
            span = 0, p += 3;
        } else if (*p == '(') {
            for (p++; *p != ')';) {
                unsigned cid = f->one_byte ? 0 : string_byte(&p) << 8;
                cid |= string_byte(&p);
                size_t best = n;
                double best_err = 0;
                for (size_t k = 0; k < n; k++) {
                    double err = fabs(pen - (want[k] + g[k].dx * fu)) + fabs(rise - g[k].dy * fu);
                    if (!done[k] && cid == gp_cid_of(f, g, k, n, text, ntext, rtl, NULL) &&
                        f->cids[cid].gid == g[k].gid && (best == n || err < best_err))
                        best = k, best_err = err;
                }
                if (best == n) {
                    worst = 1e9; /* not a glyph that was shaped */
                    goto out;
                }
                done[best] = true;
                if (best_err > worst && text[g[best].cluster] != ' ')
                    worst = best_err;
                double to = pen + f->cids[cid].width * size / 1000 + char_space;
                if (out)
                    out[i] = (drawn){best, pen, to, span};
                pen = to;
                i++;
            }
            p++;
        } else if (*p == '-' || *p == '.' || (*p >= '0' && *p <= '9')) {
            char *end;
            double v = strtod(p, &end);
            p = end;
            if (in_array)
                pen -= v * size / 1000;
            else if (!strncmp(p, " Ts", 3))
                rise = v;
        } else {
            p++;
        }
    }
out:
    free(want);
    free(done);
    *glyphs = i;
    return worst;
}

/* The CIDs of the one run's glyphs (item 0 of page 0), and whether each
 * maps to its own text: gp_content_tj's arguments. */
static const uint16_t *run_cids(const gp_cids *c)
{
    const bool *own;
    return gp_cids_run(c, 0, 0, &own);
}

static const bool *run_own(const gp_cids *c)
{
    const bool *own;
    gp_cids_run(c, 0, 0, &own);
    return own;
}
#define RUN(c) run_cids(c), run_own(c)

/* A display list with one run of `text` in the face of `path`, shaped as
 * the text stage shapes it (right to left: `rtl`). */
typedef struct one_run {
    gp_fontset fs;
    gp_diags d;
    gp_dlist dl;
    uint32_t text[128];
    gp_glyph glyphs[256];
    gp_dl_item *it;
} one_run;

static bool one_run_open(one_run *r, const char *path, int index, const char *text, double size, bool rtl)
{
    *r = (one_run){0};
    gp_font_file file = {.path = path, .index = index};
    gp_face *face = gp_fontset_open(&r->fs, &file, &r->d);
    if (!face)
        return false;
    size_t n = 0;
    for (const char *s = text; *s && n < 128;) {
        uint32_t cp;
        s += gp_utf8_decode(s, strlen(s), &cp);
        r->text[n++] = cp;
    }
    const gp_glyph *g;
    size_t ng = gp_face_shape_glyphs(face, r->text, n, size, rtl, (gp_features){0}, &g);
    if (ng > 256)
        return false;
    memcpy(r->glyphs, g, ng * sizeof *g);
    gp_dlist_add_font(&r->dl, path, index, face->hb_font, face->ascender, face->descender, face->cap_height);
    r->it = gp_dlist_add(&r->dl, 0, GP_DL_TEXT);
    *r->it = (gp_dl_item){.kind = GP_DL_TEXT, .box = {0, 0, 0, size}, .glyphs = r->glyphs, .nglyphs = ng,
                          .text = r->text, .ntext = n};
    return true;
}

static void one_run_close(one_run *r)
{
    gp_dlist_free(&r->dl);
    gp_fontset_close(&r->fs);
    gp_diags_free(&r->d);
}

static void test_placement(const char *font_path, double size)
{
    one_run r;
    /* kerning pairs, curly quotes, a ligature, a mark HarfBuzz positions (q̇) */
    CHECK(one_run_open(&r, font_path, 0, "AVAWAY Typography: ‘quotes’ — kerning, “Tŷ” café naïve q\xCC\x87 office Yo.",
                       size, false));
    double char_space = 0.017;
    gp_glyph *g = r.glyphs;
    size_t n = r.it->nglyphs;
    for (size_t i = 0; i < n; i++) {
        if (r.text[g[i].cluster] == ' ')
            g[i].adv += 1.37f; /* justified spaces */
        else if (i + 1 < n && g[i + 1].cluster != g[i].cluster && r.text[g[i + 1].cluster] != ' ')
            g[i].adv += (float)char_space; /* letter-spaced words: between clusters */
    }
    gp_cids cids;
    gp_cids_init(&cids, &r.dl);
    char *content = malloc(n * 96 + r.it->ntext * 8 + 17);
    double rise = 0;
    char *end = gp_content_tj(content, &cids.fonts[0], RUN(&cids), size, char_space, g, n, r.text, r.it->ntext, false, &rise, NULL);
    *end = 0;
    size_t glyphs = 0;
    double worst = replay(content, &cids.fonts[0], size, char_space, g, n, r.text, r.it->ntext, false, &glyphs, NULL);
    CHECK_EQ_INT(glyphs, n);
    if (worst > 0.01)
        fprintf(stderr, "  %s at %g pt: a glyph is %g pt from its place\n", font_path, size, worst);
    CHECK(worst <= 0.01);
    CHECK(end - content > 7 && content[0] == '[' && !memcmp(end - 4, "]TJ\n", 4));
    free(content);
    gp_cids_free(&cids);
    one_run_close(&r);
}

/* fi, fl and ffi print as ligatures: one glyph, one CID, whose text (its
 * ToUnicode) is all the characters; a break never falls inside one. */
static void test_ligatures(const char *font_path)
{
    one_run r;
    CHECK(one_run_open(&r, font_path, 0, "fi fl ffi", 12, false));
    CHECK_EQ_INT(r.it->nglyphs, 5); /* three ligatures and two spaces */
    gp_cids cids;
    gp_cids_init(&cids, &r.dl);
    const gp_cid_font *f = &cids.fonts[0];
    static const size_t lengths[] = {2, 1, 2, 1, 3};
    for (size_t i = 0; i < r.it->nglyphs && i < 5; i++) {
        uint16_t cid = gp_cid_of(f, r.glyphs, i, r.it->nglyphs, r.text, r.it->ntext, false, NULL);
        CHECK_EQ_INT(f->cids[cid].len, lengths[i]);
    }
    gp_cids_free(&cids);
    one_run_close(&r);
}

/* CIDs are numbered by their text, single characters first (so that
 * ToUnicode maps runs of letters as ranges), ligatures after them, and a
 * TrueType font of at most 256 shows them as one byte each. */
static void test_cid_order(void)
{
    one_run r;
    CHECK(one_run_open(&r, "fonts/NotoSerif-Regular.ttf", 0, "fi cab", 12, false));
    CHECK_EQ_INT(r.it->nglyphs, 5); /* the fi ligature, a space, c, a, b */
    gp_cids cids;
    gp_cids_init(&cids, &r.dl);
    const gp_cid_font *f = &cids.fonts[0];
    static const uint16_t want[] = {5, 1, 4, 2, 3};
    for (size_t i = 0; i < r.it->nglyphs && i < 5; i++)
        CHECK_EQ_INT(gp_cid_of(f, r.glyphs, i, r.it->nglyphs, r.text, r.it->ntext, false, NULL), want[i]);
    CHECK(f->one_byte);
    char out[256];
    double rise = 0;
    *gp_content_tj(out, f, RUN(&cids), 12, 0, r.glyphs, r.it->nglyphs, r.text, r.it->ntext, false, &rise, NULL) = 0;
    char shown[16];
    size_t k = 0;
    for (const char *p = out; *p && k < sizeof shown; p++) /* the strings' bytes, one a glyph */
        if (*p == '(')
            for (p++; *p != ')' && k < sizeof shown;)
                shown[k++] = (char)string_byte(&p);
    CHECK(k == 5 && !memcmp(shown, "\5\1\4\2\3", 5));
    gp_cids_free(&cids);
    one_run_close(&r);
}

/* The width a viewer gives a CID: its /W entry, else /DW. */
static double pdf_width(HPDF_Dict desc, uint32_t cid)
{
    HPDF_Array w = HPDF_Dict_GetItem(desc, "W", HPDF_OCLASS_ARRAY);
    for (HPDF_UINT i = 0; w && i + 1 < HPDF_Array_Items(w); i += 2) {
        HPDF_Number first = HPDF_Array_GetItem(w, i, HPDF_OCLASS_NUMBER);
        HPDF_Array widths = HPDF_Array_GetItem(w, i + 1, HPDF_OCLASS_ARRAY);
        if (first && widths && cid >= (uint32_t)first->value &&
            cid < (uint32_t)first->value + HPDF_Array_Items(widths))
            return ((HPDF_Real)HPDF_Array_GetItem(widths, cid - (uint32_t)first->value, HPDF_OCLASS_REAL))->value;
    }
    /* as poppler reads it: an integer, or else 1000 */
    HPDF_Number dw = HPDF_Dict_GetItem(desc, "DW", HPDF_OCLASS_NUMBER);
    return dw ? dw->value : 1000;
}

/* What viewers use (/W, by code) is each printed glyph's advance as
 * HarfBuzz gives it, the highest one included; CIDs are dense and each
 * (glyph, text) pair has one. */
static void test_widths(const char *font_path, int index, const char *text)
{
    one_run r;
    CHECK(one_run_open(&r, font_path, index, text, 1000, false));
    gp_hpdf_error err = {0};
    HPDF_Doc pdf = gp_quirk_new_doc(&err);
    gp_cids cids;
    gp_cids_init(&cids, &r.dl);
    const gp_cid_font *f = &cids.fonts[0];
    hb_subset_plan_t *plan = gp_font_plan(&r.dl.fonts[0], f);
    gp_font_number_codes(plan, &cids.fonts[0]);
    char msg[256];
    HPDF_Dict one_byte_cmap = NULL;
    HPDF_Font font = gp_font_embed(pdf, &r.dl.fonts[0], 0, f, plan, &one_byte_cmap, msg, sizeof msg);
    CHECK(font != NULL);
    HPDF_Array descendants = font ? HPDF_Dict_GetItem(font, "DescendantFonts", HPDF_OCLASS_ARRAY) : NULL;
    HPDF_Dict desc = descendants ? HPDF_Array_GetItem(descendants, 0, HPDF_OCLASS_DICT) : NULL;
    CHECK(desc != NULL);
    if (!desc)
        return;
    int wrong = 0;
    bool seen[0x10000] = {0};
    size_t distinct = 0;
    for (size_t i = 0; i < r.it->nglyphs; i++) {
        const gp_glyph *g = &r.glyphs[i];
        uint16_t cid = gp_cid_of(f, r.glyphs, i, r.it->nglyphs, r.text, r.it->ntext, false, NULL);
        CHECK(cid > 0 && cid < f->count && f->cids[cid].gid == g->gid);
        distinct += !seen[cid];
        seen[cid] = true;
        double in_pdf = pdf_width(desc, f->cids[cid].code),
               alone = hb_font_get_glyph_h_advance(r.dl.fonts[0].hb_font, g->gid) * 1000.0 / r.dl.fonts[0].upem;
        if (fabs(in_pdf - alone) > 0.001) {
            fprintf(stderr, "  %s: glyph %u is %g wide in /W, %g in the font\n", font_path, g->gid, in_pdf, alone);
            wrong++;
        }
    }
    CHECK(distinct > 5);
    CHECK_EQ_INT(distinct + 1, f->count); /* dense: every CID is printed */
    CHECK_EQ_INT(wrong, 0);
    HPDF_Free(pdf);
    gp_cids_free(&cids);
    one_run_close(&r);
}

/* A name-keyed CFF font's codes are its glyphs' IDs in the subset: the
 * glyph a viewer draws for each code (cff.h) is the one printed, as its
 * advance in the subset shows. */
static void test_cff_codes(const char *font_path, const char *text)
{
    one_run r;
    CHECK(one_run_open(&r, font_path, 0, text, 1000, false));
    gp_cids cids;
    gp_cids_init(&cids, &r.dl);
    gp_cid_font *f = &cids.fonts[0];
    CHECK(f->cff && !f->cff_cids);
    hb_subset_plan_t *plan = gp_font_plan(&r.dl.fonts[0], f);
    gp_font_number_codes(plan, f);
    hb_face_t *sub = hb_subset_plan_execute_or_fail(plan);
    hb_font_t *subfont = hb_font_create(sub);
    int wrong = 0;
    for (size_t c = 1; c < f->count; c++) {
        double in_subset = hb_font_get_glyph_h_advance(subfont, f->cids[c].code) * 1000.0 / r.dl.fonts[0].upem;
        wrong += f->cids[c].code == 0 || fabs(in_subset - f->cids[c].width) > 0.001;
    }
    CHECK(f->count > 5);
    CHECK_EQ_INT(wrong, 0);
    hb_font_destroy(subfont);
    hb_face_destroy(sub);
    hb_subset_plan_destroy(plan);
    gp_cids_free(&cids);
    one_run_close(&r);
}

/* A CFF font has one code per glyph: Noto Sans CJK draws 一 (U+4E00) and the
 * radical ⼀ (U+2F00) with one glyph, so the second shows the first's code
 * inside an /ActualText span of its own character; the CID-keyed font's
 * code is the glyph's CID. */
static void test_cff_shared_glyph(void)
{
    one_run r;
    CHECK(one_run_open(&r, "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 0, "一⼀一", 12, false));
    gp_cids cids;
    gp_cids_init(&cids, &r.dl);
    const gp_cid_font *f = &cids.fonts[0];
    CHECK(f->cff && f->cff_cids);
    CHECK_EQ_INT(f->count, 2);
    CHECK(f->count == 2 && f->cids[1].code == f->cff_cids[f->cids[1].gid]);
    char out[1024];
    double rise = 0;
    *gp_content_tj(out, f, RUN(&cids), 12, 0, r.glyphs, r.it->nglyphs, r.text, r.it->ntext, false, &rise, NULL) = 0;
    const char *span = strstr(out, "/Span<</ActualText<FEFF2F00>>>BDC");
    CHECK(span != NULL);
    CHECK(span && strstr(out, "ActualText") == span + 8 && !strstr(span + 9, "ActualText")); /* only this one */
    gp_cids_free(&cids);
    one_run_close(&r);
}

/* A variable font at a weight: shaped with the advances of the family's
 * static font of that weight (Inter's variable font at 600 and
 * Inter-SemiBold.otf), and embedded static (no fvar, no gvar). */
static void test_variable_weight(void)
{
    static const char *text = "AVAWAY Typography: 130 million, “quoted” — café office";
    gp_fontset fs = {0};
    gp_diags d = {0};
    gp_font_file var = {.path = "/usr/share/fonts/truetype/inter-vf/Inter-roman.var.ttf", .weight = 600},
                 fixed = {.path = "/usr/share/fonts/opentype/inter/Inter-SemiBold.otf"}, plain = {.path = var.path};
    gp_face *v = gp_fontset_open(&fs, &var, &d), *s = gp_fontset_open(&fs, &fixed, &d),
            *p = gp_fontset_open(&fs, &plain, &d);
    CHECK(v && s && p && v != p);
    if (!v || !s || !p)
        return;
    uint32_t cps[128];
    size_t n = 0;
    for (const char *c = text; *c;) {
        uint32_t cp;
        c += gp_utf8_decode(c, strlen(c), &cp);
        cps[n++] = cp;
    }
    double av[128], as[128], ap[128], drift = 0, from_default = 0;
    gp_face_shape(v, cps, n, 1000, av);
    gp_face_shape(s, cps, n, 1000, as);
    gp_face_shape(p, cps, n, 1000, ap);
    for (size_t i = 0; i < n; i++)
        drift = fmax(drift, fabs(av[i] - as[i])), from_default += fabs(av[i] - ap[i]);
    CHECK(drift <= 1.0);        /* within a unit in 1000 of the static font */
    CHECK(from_default > 50.0); /* and not the default (Regular) widths */
    CHECK(v->bold);
    gp_dlist dl = {0};
    gp_dlist_add_font(&dl, var.path, 0, v->hb_font, v->ascender, v->descender, v->cap_height);
    gp_cid_font cids = {.cids = &(gp_cid){0}, .count = 1};
    hb_subset_plan_t *plan = gp_font_plan(&dl.fonts[0], &cids);
    hb_face_t *sub = plan ? hb_subset_plan_execute_or_fail(plan) : NULL;
    CHECK(sub != NULL);
    hb_blob_t *head = hb_face_reference_table(sub, HB_TAG('h', 'e', 'a', 'd'));
    CHECK(hb_blob_get_length(head) > 0); /* a font, */
    hb_blob_destroy(head);
    hb_blob_t *fvar = hb_face_reference_table(sub, HB_TAG('f', 'v', 'a', 'r')),
              *gvar = hb_face_reference_table(sub, HB_TAG('g', 'v', 'a', 'r'));
    CHECK(hb_blob_get_length(fvar) == 0 && hb_blob_get_length(gvar) == 0); /* and a static one */
    hb_blob_destroy(fvar);
    hb_blob_destroy(gvar);
    hb_face_destroy(sub);
    hb_subset_plan_destroy(plan);
    gp_dlist_free(&dl);
    gp_fontset_close(&fs);
    gp_diags_free(&d);
}

/* A plan given glyphs (a ligature is printed) is made from a face whose
 * cmap holds the printed characters only (subset_face.h): it maps each of
 * them to its glyph and nothing else but the presentation forms of printed
 * glyphs (Ghostscript draws a ligature so), beyond the BMP too (format 12), and
 * the subset keeps the ligature's glyph and those characters. */
static void test_subset_face(const char *font_path, const char *text, size_t wide)
{
    one_run r;
    CHECK(one_run_open(&r, font_path, 0, text, 12, false));
    gp_cids cids;
    gp_cids_init(&cids, &r.dl);
    const gp_cid_font *f = &cids.fonts[0];
    hb_font_t *font = r.dl.fonts[0].hb_font;
    static const hb_tag_t drop[] = {HB_TAG('G', 'S', 'U', 'B')};
    hb_face_t *face = gp_subset_face(font, f, drop, 1);
    CHECK(face != NULL);
    hb_set_t *printed = hb_set_create(), *mapped = hb_set_create();
    size_t ligatures = 0;
    for (size_t c = 1; c < f->count; c++) {
        hb_codepoint_t g;
        if (f->cids[c].len == 1 && hb_font_get_nominal_glyph(font, f->cids[c].text[0], &g))
            hb_set_add(printed, f->cids[c].text[0]);
        ligatures += f->cids[c].len > 1;
    }
    size_t forms = 0; /* and the presentation forms (fi: U+FB01) of printed glyphs */
    for (hb_codepoint_t cp = 0xFB00; cp <= 0xFEFF; cp++) {
        hb_codepoint_t g;
        for (size_t c = 1; (cp < 0xFE00 || cp >= 0xFE70) && c < f->count; c++)
            if (hb_font_get_nominal_glyph(font, cp, &g) && g == f->cids[c].gid && !hb_set_has(printed, cp))
                hb_set_add(printed, cp), forms++;
    }
    CHECK(forms > 0);
    CHECK(ligatures > 0);
    if (face) {
        hb_face_collect_unicodes(face, mapped);
        CHECK(hb_set_is_equal(printed, mapped));
        hb_font_t *cmap = hb_font_create(face);
        size_t wrong = 0, beyond = 0;
        for (hb_codepoint_t cp = HB_SET_VALUE_INVALID; hb_set_next(mapped, &cp);) {
            hb_codepoint_t g = 0, want = 0;
            hb_font_get_nominal_glyph(font, cp, &want);
            wrong += !hb_font_get_nominal_glyph(cmap, cp, &g) || g != want;
            beyond += cp > 0xFFFF;
        }
        hb_font_destroy(cmap);
        CHECK_EQ_INT(wrong, 0);
        CHECK_EQ_INT(beyond, wide);
        hb_blob_t *gsub = hb_face_reference_table(face, HB_TAG('G', 'S', 'U', 'B'));
        CHECK_EQ_INT(hb_blob_get_length(gsub), 0); /* dropped */
        hb_blob_destroy(gsub);
    }
    hb_subset_plan_t *plan = gp_font_plan(&r.dl.fonts[0], f);
    hb_face_t *sub = plan ? hb_subset_plan_execute_or_fail(plan) : NULL;
    CHECK(sub != NULL);
    if (sub) {
        hb_set_t *kept = hb_set_create();
        hb_face_collect_unicodes(sub, kept);
        CHECK(hb_set_is_equal(printed, kept));
        size_t missing = 0;
        for (size_t c = 0; c < f->count; c++)
            missing += hb_map_get(hb_subset_plan_old_to_new_glyph_mapping(plan), f->cids[c].gid) == HB_MAP_VALUE_INVALID;
        CHECK_EQ_INT(missing, 0);
        hb_set_destroy(kept);
    }
    hb_face_destroy(sub);
    hb_subset_plan_destroy(plan);
    hb_face_destroy(face);
    hb_set_destroy(printed);
    hb_set_destroy(mapped);
    gp_cids_free(&cids);
    one_run_close(&r);
}

/* ---- saving as PDF 1.5 (pdf15.c) ---- */

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    *n = 0;
    if (f && fseek(f, 0, SEEK_END) == 0) {
        long len = ftell(f);
        rewind(f);
        buf = malloc(len > 0 ? (size_t)len + 1 : 1);
        *n = buf ? fread(buf, 1, (size_t)len, f) : 0;
        buf[*n] = 0;
    }
    if (f)
        fclose(f);
    return buf;
}

/* qpdf's uncompressed, renumbered form of a file without its first lines
 * (the version) and its cross-reference section: what remains is every
 * object, stream data included. */
static char *normalised(const char *pdf, const char *dir, size_t *n)
{
    char cmd[2048], out[512];
    snprintf(out, sizeof out, "%s/normal.qdf", dir);
    snprintf(cmd, sizeof cmd,
             "qpdf --qdf --object-streams=disable --decode-level=generalized --compress-streams=n "
             "--normalize-content=n '%s' '%s' 2>/dev/null && sed -i -e '1,2d' -e '/^xref$/,$d' '%s'",
             pdf, out, out);
    return system(cmd) == 0 ? slurp(out, n) : NULL;
}

/* gp_pdf15_save to path, then the document freed: true if it was saved
 * and libharu reported no error. (It writes only over an existing file,
 * as over the temporary one a guide is written to.) */
static bool save_and_free(HPDF_Doc pdf, const gp_hpdf_error *err, const char *path, bool threaded)
{
    FILE *f = fopen(path, "wb");
    if (f)
        fclose(f);
    char msg[256];
    bool ok = gp_pdf15_save(pdf, path, threaded, msg, sizeof msg) && err->code == 0;
    HPDF_Free(pdf);
    return ok;
}

/* Text strings (quirks.c, 9): printable ASCII as a literal, anything else
 * as UTF-16BE with its byte order mark, a character beyond the BMP as a
 * surrogate pair; in the info dictionary and in an outline entry. */
static void test_text_strings(void)
{
    char dir[] = "/tmp/gp-test-pdf-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    gp_hpdf_error err = {0};
    HPDF_Doc pdf = gp_quirk_new_doc(&err);
    HPDF_Page page = HPDF_AddPage(pdf);
    gp_quirk_set_info(pdf, HPDF_INFO_TITLE, "Caf\xc3\xa9 \xf0\x9f\x98\x80");
    gp_quirk_set_info(pdf, HPDF_INFO_AUTHOR, "Plain ASCII");
    HPDF_Outline o = HPDF_CreateOutline(pdf, NULL, "", NULL);
    HPDF_Dict_Add(o, "Title", gp_quirk_text_string(pdf, "\xce\xa9"));
    HPDF_Outline_SetDestination(o, HPDF_Page_CreateDestination(page));
    char path[600];
    snprintf(path, sizeof path, "%s/strings.pdf", dir);
    CHECK(HPDF_SaveToFile(pdf, path) == HPDF_OK && err.code == 0);
    HPDF_Free(pdf);
    size_t n = 0;
    char *pdf_bytes = slurp(path, &n);
    CHECK(pdf_bytes && memmem(pdf_bytes, n, "/Title <FEFF00430061006600E90020D83DDE00>", 41));
    CHECK(pdf_bytes && memmem(pdf_bytes, n, "/Author (Plain ASCII)", 21));
    CHECK(pdf_bytes && memmem(pdf_bytes, n, "/Title <FEFF03A9>", 17));
    free(pdf_bytes);
    remove(path);
    rmdir(dir);
}

/* A document of libharu's, with text in two fonts, an image with alpha, an
 * outline and info: gp_pdf15_save writes the same objects as libharu's own
 * save, as PDF 1.5 with object streams, smaller, and valid for qpdf. */
static void test_save(void)
{
    char dir[] = "/tmp/gp-test-pdf-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    gp_hpdf_error err = {0};
    HPDF_Doc pdf = gp_quirk_new_doc(&err);
    HPDF_Font helv = HPDF_GetFont(pdf, "Helvetica", "StandardEncoding");
    gp_image img = {.path = "content/images/linterna-logo.png", .info = {0}};
    char msg[256];
    CHECK(gp_image_probe(img.path, &img.info, msg, sizeof msg));
    CHECK(img.info.has_alpha);
    HPDF_Image image = gp_image_embed(pdf, &img, NULL, msg, sizeof msg);
    CHECK(image != NULL);
    for (int p = 0; p < 3; p++) {
        HPDF_Page page = HPDF_AddPage(pdf);
        HPDF_Page_BeginText(page);
        HPDF_Page_SetFontAndSize(page, helv, 12);
        for (int line = 0; line < 40; line++) {
            char text[80];
            snprintf(text, sizeof text, "Page %d, line %d: (parentheses) and endobj endstream", p, line);
            HPDF_Page_TextOut(page, 50, (HPDF_REAL)(780 - 18 * line), text);
        }
        HPDF_Page_EndText(page);
        if (image)
            HPDF_Page_DrawImage(page, image, 400, 700, 100, 50);
        HPDF_Outline o = HPDF_CreateOutline(pdf, NULL, "Chapter (one)", NULL);
        HPDF_Outline_SetDestination(o, HPDF_Page_CreateDestination(page));
    }
    gp_quirk_set_info(pdf, HPDF_INFO_TITLE, "A title with endobj in it");
    unsigned char id[16] = {1, 2, 3};
    gp_quirk_set_id(pdf, id);
    char raw[600], compact[600];
    snprintf(raw, sizeof raw, "%s/raw.pdf", dir);
    snprintf(compact, sizeof compact, "%s/compact.pdf", dir);
    CHECK(HPDF_SaveToFile(pdf, raw) == HPDF_OK);
    CHECK(save_and_free(pdf, &err, compact, true));

    size_t nraw, ncompact, n1 = 0, n2 = 0;
    char *a = slurp(raw, &nraw), *b = slurp(compact, &ncompact);
    CHECK(a && b && !strncmp(a, "%PDF-1.3", 8) && !strncmp(b, "%PDF-1.5", 8));
    CHECK(b && memmem(b, ncompact, "/Type /ObjStm", 13) && memmem(b, ncompact, "/Type /XRef", 11));
    CHECK(ncompact < nraw / 2);
    char cmd[700];
    snprintf(cmd, sizeof cmd, "qpdf --check '%s' >/dev/null 2>&1", compact);
    CHECK(system(cmd) == 0);
    char *na = normalised(raw, dir, &n1), *nb = normalised(compact, dir, &n2);
    CHECK(na && nb && n1 > 1000);
    CHECK(na && nb && n1 == n2 && !memcmp(na, nb, n1));

    /* anything but libharu's form is refused, whole or cut short or
     * damaged anywhere: never read out of bounds (ASan) */
    char *out, *alone;
    size_t nout, nalone;
    CHECK(gp_pdf15_rewrite(a, nraw, true, &out, &nout));
    CHECK(gp_pdf15_rewrite(a, nraw, false, &alone, &nalone)); /* one thread or two: the same bytes */
    CHECK(out && alone && nout == nalone && !memcmp(out, alone, nout));
    free(out), free(alone);
    CHECK(!gp_pdf15_rewrite("%PDF-1.3\n", 9, true, &out, &nout) && out == NULL);
    CHECK(!gp_pdf15_rewrite(b, ncompact, true, &out, &nout));
    size_t refused = 0;
    for (size_t cut = 0; a && cut < nraw; cut += 1 + cut / 50) {
        char *part = malloc(cut + 1);
        memcpy(part, a, cut);
        refused += !gp_pdf15_rewrite(part, cut, cut % 2, &out, &nout);
        free(out);
        free(part);
    }
    CHECK(refused > 100);
    uint32_t seed = 7;
    for (int k = 0; a && k < 3000; k++) {
        char *copy = malloc(nraw);
        memcpy(copy, a, nraw);
        seed = seed * 1103515245u + 12345u;
        size_t at = nraw - 1 - (seed >> 8) % (nraw < 4096 ? nraw : 4096); /* the tail: xref and trailer */
        if (k % 2)
            at = (seed >> 4) % nraw;
        copy[at] = (char)(seed >> 24);
        if (gp_pdf15_rewrite(copy, nraw, k % 2, &out, &nout))
            free(out);
        free(copy);
    }
    free(a), free(b), free(na), free(nb);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK(system(cmd) == 0);
}

/* A stream whose data ends in a carriage return (0x0D, as deflated data or
 * an image's pixels may): it is data, not part of the line end before
 * "endstream", so the file is still written as PDF 1.5, and qpdf reads
 * back every byte. */
static void test_save_stream_ending_in_cr(void)
{
    char dir[] = "/tmp/gp-test-pdf-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    gp_hpdf_error err = {0};
    HPDF_Doc pdf = gp_quirk_new_doc(&err);
    HPDF_Page page = HPDF_AddPage(pdf);
    HPDF_PageAttr attr = page->attr;
    static const char content[] = "0 0 1 rg 10 10 100 100 re f\r";
    CHECK(HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)content, sizeof content - 1) == HPDF_OK);
    unsigned contents = attr->contents->header.obj_id & 0xFFFFFF;
    char path[600];
    snprintf(path, sizeof path, "%s/cr.pdf", dir);
    CHECK(save_and_free(pdf, &err, path, false));
    size_t n;
    char *b = slurp(path, &n);
    CHECK(b && n > 8 && !strncmp(b, "%PDF-1.5", 8));
    char cmd[1400];
    snprintf(cmd, sizeof cmd, "qpdf --check '%s' >/dev/null 2>&1", path);
    CHECK(system(cmd) == 0);
    snprintf(cmd, sizeof cmd, "qpdf --show-object=%u --filtered-stream-data '%s' >'%s/data' 2>/dev/null", contents, path,
             dir);
    size_t ndata = 0;
    char data_path[620];
    snprintf(data_path, sizeof data_path, "%s/data", dir);
    CHECK(system(cmd) == 0);
    char *data = slurp(data_path, &ndata);
    CHECK(data && ndata == sizeof content - 1 && !memcmp(data, content, ndata));
    free(b), free(data);
    remove_tree(dir);
}

/* Marked content (a tagged list): consecutive items of one element and
 * language share an MCID; artifacts are /Artifact; text is marked inside
 * its text object and anything else outside one, so that the two nest;
 * a line that ends at a word space gives it back. Untagged: no marks. */
static char *page_marks(const gp_dlist *dl, gp_page_content **pc)
{
    gp_cids cids;
    gp_cids_init(&cids, dl);
    *pc = gp_content_finish(gp_content_start(dl, &cids, false));
    gp_cids_free(&cids);
    static char ops[1 << 16], marks[4096];
    uLongf n = sizeof ops;
    CHECK(*pc && uncompress((Bytef *)ops, &n, (*pc)[0].data, (uLong)(*pc)[0].len) == Z_OK);
    marks[0] = 0;
    for (char *line = ops, *end; line < ops + n; line = end + 1) { /* (strings hold NUL bytes) */
        end = memchr(line, '\n', (size_t)(ops + n - line));
        if (!end)
            end = ops + n;
        *end = 0;
        size_t k = (size_t)(end - line);
        bool mark = !strcmp(line, "BT") || !strcmp(line, "ET") || !strcmp(line, "EMC") ||
                    (k > 4 && (!strcmp(line + k - 4, " BDC") || !strcmp(line + k - 4, " BMC")));
        if (mark || (k > 2 && !strcmp(line + k - 2, "Tj")))
            snprintf(marks + strlen(marks), sizeof marks - strlen(marks), "%s%.40s", *marks ? "|" : "",
                     mark ? line : "Tj");
    }
    return marks;
}

static void check_marks(const char *got, const char *want)
{
    CHECK(!strcmp(got, want));
    if (strcmp(got, want))
        fprintf(stderr, "  marks: %s\n  want:  %s\n", got, want);
}

static void test_marked_content(void)
{
    one_run r;
    CHECK(one_run_open(&r, "fonts/Lato-Regular.ttf", 0, "Tagged text", 10, false));
    gp_dl_item text = *r.it;
    r.dl.pages[0].count = 0;
    int doc = gp_dlist_node(&r.dl, GP_DL_TAG_DOCUMENT, 0), para = gp_dlist_node(&r.dl, GP_DL_TAG_P, doc);
    struct {
        gp_dl_kind kind;
        int node;
        const char *lang;
        bool space;
    } items[] = {{GP_DL_TEXT, para, "en", true}, {GP_DL_TEXT, para, "en", false}, {GP_DL_RECT, 0, NULL, false},
                 {GP_DL_TEXT, para, "en", false}, {GP_DL_TEXT, para, "ja", false}, {GP_DL_TEXT, 0, "en", false}};
    for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
        gp_dl_item *it = gp_dlist_add(&r.dl, 0, items[i].kind);
        *it = items[i].kind == GP_DL_TEXT ? text : (gp_dl_item){.kind = GP_DL_RECT, .box = {0, 0, 10, 10}};
        it->box.y = 20 + 12.0 * (double)i;
        it->node = items[i].node, it->language = items[i].lang, it->space_after = items[i].space;
    }
    gp_page_content *pc;
    check_marks(page_marks(&r.dl, &pc), "BT|/P <</MCID 0>> BDC|Tj|EMC|ET|/Artifact BMC|EMC|BT|/P <</MCID 1>> BDC|"
                                        "EMC|/P <</MCID 2>> BDC|EMC|/Artifact BMC|EMC|ET");
    CHECK_EQ_INT(pc[0].nmcids, 3);
    CHECK(pc[0].nmcids == 3 && pc[0].mcid_nodes[2] == para && !strcmp(pc[0].mcid_langs[2], "ja"));
    gp_content_free(pc, r.dl.npages);
    r.dl.nnodes = 0; /* untagged (a booklet) */
    check_marks(page_marks(&r.dl, &pc), "BT|ET|BT|ET");
    CHECK_EQ_INT(pc[0].nmcids, 0);
    gp_content_free(pc, r.dl.npages);
    r.dl.nnodes = 3;
    one_run_close(&r);
}

/* In each /ActualText span the glyph starting leftmost is drawn first and
 * the one ending rightmost last: extractors (poppler) take a span's extent
 * from where its first glyph starts to where its last one ends, and
 * Nastaliq shapes a word's final ے first but draws it at the word's right
 * (poppler read لیے as a point 11 pt from the word before it, and the line
 * as two columns). Every glyph still lands at its place. */
static void test_span_extents(const char *font_path, const char *text, double size)
{
    one_run r;
    CHECK(one_run_open(&r, font_path, 0, text, size, true));
    gp_cids cids;
    gp_cids_init(&cids, &r.dl);
    size_t n = r.it->nglyphs, glyphs = 0;
    char *content = malloc(n * 96 + r.it->ntext * 8 + 17);
    double rise = 0;
    char *end = gp_content_tj(content, &cids.fonts[0], RUN(&cids), size, 0, r.glyphs, n, r.text, r.it->ntext, true, &rise, NULL);
    *end = 0;
    drawn *d = calloc(n, sizeof *d);
    CHECK(replay(content, &cids.fonts[0], size, 0, r.glyphs, n, r.text, r.it->ntext, true, &glyphs, d) <= 0.01);
    CHECK_EQ_INT(glyphs, n);
    int spans = 0;
    for (size_t k = 0; k < glyphs;) {
        size_t e = k + 1;
        while (e < glyphs && d[e].span == d[k].span)
            e++;
        if (d[k].span) {
            double lo = d[k].from, hi = d[k].to;
            for (size_t j = k; j < e; j++)
                lo = fmin(lo, d[j].from), hi = fmax(hi, d[j].to);
            if (fabs(d[k].from - lo) > 0.01 || fabs(d[e - 1].to - hi) > 0.01)
                fprintf(stderr, "  %s: span %d read from %.2f to %.2f pt, its glyphs from %.2f to %.2f\n", text,
                        d[k].span, d[k].from, d[e - 1].to, lo, hi);
            CHECK(fabs(d[k].from - lo) <= 0.01 && fabs(d[e - 1].to - hi) <= 0.01);
            spans++;
        }
        k = e;
    }
    CHECK(spans >= 5); /* each cascading word is one */
    free(d);
    free(content);
    gp_cids_free(&cids);
    one_run_close(&r);
}

int main(void)
{
    test_marked_content();
    test_save();
    test_text_strings();
    test_save_stream_ending_in_cr();
    test_cid_order();
    test_ligatures("fonts/NotoSerif-Regular.ttf");
    test_ligatures("fonts/Lato-Regular.ttf");
    test_ligatures("fonts/Lato-Bold.ttf");
    test_widths("fonts/NotoSerif-Regular.ttf", 0, "Typography “quoted” — café");
    test_widths("fonts/Lato-Bold.ttf", 0, "AVAWAY 130 million");
    test_widths("fonts/OpenSans-Italic.ttf", 0, "We’re all educated to be patriotic"); /* 2048 units an em */
    test_widths("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0, "二郎は鮨の夢を見る");
    /* CFF: codes are glyph IDs in the subset (name-keyed), or CIDs (CID-keyed) */
    test_widths("/usr/share/fonts/opentype/ebgaramond/EBGaramond12-Regular.otf", 0, "AVAWAY 130 million — café");
    test_widths("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2, "二郎は鮨の夢を見る office");
    test_cff_codes("/usr/share/fonts/opentype/ebgaramond/EBGaramond12-Regular.otf", "Typography “quoted” — café 130");
    test_cff_shared_glyph();
    test_variable_weight();
    test_subset_face("fonts/NotoSerif-Regular.ttf", "office fi café", 0);
    test_subset_face("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "fi \xF0\x9D\x8C\x80\xF0\x9D\x8C\x81 ab", 2);
    static const double sizes[] = {8, 10.5, 14.5, 26, 40};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        test_placement("fonts/NotoSerif-Regular.ttf", sizes[i]);
        test_placement("fonts/Lato-Bold.ttf", sizes[i]);
        test_placement("fonts/OpenSans-Italic.ttf", sizes[i]);
    }
    test_span_extents("/usr/share/fonts/truetype/noto/NotoNastaliqUrdu-Regular.ttf", "بیبا اپنی پہچان کے لیے روز لڑتی ہے", 10.89);
    return harness_report();
}
