/* The pipeline for one guide: load -> validate -> style -> text -> layout
 * -> pdf. Everything derived from the input lives in the job's arena; the
 * fonts and the display list are closed at the
 * single exit. Output goes to a temporary file beside the target and is
 * renamed into place only when complete. */
#include "job.h"

#include "base/clock.h"
#include "base/fsio.h"
#include "layout/impose.h"
#include "layout/layout.h"
#include "layout/preflight.h"
#include "load/doc.h"
#include "pdf/pdf.h"

#include <stdlib.h>
#include <string.h>

/* The PDF stage names the file it was given, which the user never sees (a
 * temporary file, or /dev/null for --check): name the output instead. */
static void name_output(gp_diags *d, size_t from, const char *written, const char *output)
{
    for (size_t i = from; i < d->count; i++)
        if (d->items[i].loc.file && !strcmp(d->items[i].loc.file, written)) {
            char *name = gp_xmalloc(strlen(output) + 1); /* a diagnostic owns its file name */
            free((char *)d->items[i].loc.file);
            d->items[i].loc.file = strcpy(name, output);
        }
}

/* Writes the PDF: to a temporary file put in place once complete, or, with
 * check_only, to /dev/null, so that every check the writer makes is made. */
static bool write_pdf(const gp_dlist *dl, const char *output, gp_pdf_info *info,
                      bool check_only, gp_diags *d)
{
    char err[512];
    char *tmp = check_only ? NULL : gp_temp_for(output, err, sizeof err);
    if (!check_only && !tmp)
        return gp_error(d, (gp_loc){output, 0, 0}, "%s", err);
    const char *target = check_only ? "/dev/null" : tmp;
    size_t first = d->count;
    bool ok = gp_pdf_write(dl, target, info, d);
    name_output(d, first, target, output);
    if (tmp && ok && !gp_commit_file(tmp, output, err, sizeof err))
        ok = gp_error(d, (gp_loc){output, 0, 0}, "%s", err);
    else if (tmp && !ok)
        gp_temp_discard(tmp);
    free(tmp);
    return ok;
}

/* --timings: each stage of the guide, and the closing of its fonts and
 * memory after the file is written (after "pages", where `make bench`
 * does not look for a stage). */
static void print_timings(const char *input, const double t[5], size_t npages, double fonts_seconds)
{
    fprintf(stderr, "timings: %s: load %.2f ms, layout %.2f ms, fonts %.2f ms, write %.2f ms, %zu pages, close %.2f ms\n",
            input, (t[1] - t[0]) * 1e3, (t[2] - t[1]) * 1e3, fonts_seconds * 1e3, (t[3] - t[2] - fonts_seconds) * 1e3,
            npages, (t[4] - t[3]) * 1e3);
}

struct gp_guide {
    gp_arena arena;
    gp_fontset fonts;
    gp_dlist dl;
    double t[5];           /* started, loaded, laid out, written, closed */
    size_t rejected;       /* preflight's findings */
};

/* The document, its season's row applied (NULL after an error). */
static gp_doc *load(gp_guide *g, const gp_job_input *in, const gp_job_opts *o, gp_diags *d)
{
    /* with helper threads, the poster's pixels are checked during layout */
    gp_doc *doc = o->helper_threads ? gp_doc_load_start(&g->arena, in->path, d) : gp_doc_load(&g->arena, in->path, d);
    if (doc && in->screening && !gp_screening_apply(&g->arena, doc, in->screening, d)) {
        gp_doc_load_finish(doc, d);
        return NULL;
    }
    return doc;
}

/* Load, layout and the passes over the display list; false after an error
 * (the images' checks finished either way). */
static bool lay_out(gp_guide *g, const gp_job_input *in, const gp_job_opts *o, gp_diags *d)
{
    g->t[0] = gp_seconds();
    gp_doc *doc = load(g, in, o, d);
    g->t[1] = gp_seconds();
    if (!doc)
        return false;
    bool ok = false;
    doc->edition = o->edition;
    const gp_brand *brand = o->brand;
    gp_guide_settings set = gp_guide_settings_of(doc, brand);
    gp_hyph_cache_prefetch(o->hyphs, set.language); /* if not the brand's */
    gp_fontset_set_fallback(&g->fonts, brand->fallback, brand->nfallback, d);
    gp_textctx tc = {.a = &g->arena, .fonts = &g->fonts, .hyphs = o->hyphs, .d = d, .language = set.language,
                     .language_loc = set.language_loc, .greedy = o->greedy, .smart_punct = set.smart_punctuation};
    if (!gp_layout_guide(&tc, doc, brand, o->booklet, &g->dl))
        goto finish;
    /* page by page, before imposition: the trim is each page's */
    g->rejected = o->preflight ? gp_preflight(&g->dl, brand, d) : 0;
    if (o->booklet)
        gp_impose_booklet(&g->dl); /* untagged: an imposed sheet has no reading order */
    if (getenv("GUIDEPRESS_UNTAGGED")) /* what tagging costs (make bench); such a PDF fails tests/e2e/tags.sh */
        g->dl.nnodes = 0;
    if (brand->print.bleed_pt > 0 || brand->print.crop_marks)
        gp_impose_bleed(&g->dl, brand->print.bleed_pt, brand->print.crop_marks);
    g->dl.black_k = brand->print.black_k;
    if (brand->print.pdfx) {
        g->dl.pdfx_profile = GP_CMYK_PROFILE;
        g->dl.pdfx_profile_name = GP_CMYK_PROFILE_NAME;
    }
    ok = true;
finish:
    /* a layout error came first: still report the images' */
    ok &= gp_doc_load_finish(doc, d);
    g->t[2] = gp_seconds();
    return ok;
}

void gp_guide_free(gp_guide *g)
{
    if (!g)
        return;
    gp_dlist_free(&g->dl);
    gp_fontset_close(&g->fonts);
    gp_arena_free(&g->arena);
    free(g);
}

static gp_guide *guide_new(void)
{
    gp_guide *g = gp_xmalloc(sizeof *g);
    memset(g, 0, sizeof *g);
    return g;
}

gp_guide *gp_job_lay_out(const gp_job_input *in, const gp_job_opts *o, gp_diags *d)
{
    gp_guide *g = guide_new();
    if (lay_out(g, in, o, d) && g->rejected == 0)
        return g;
    gp_guide_free(g);
    return NULL;
}

bool gp_job_run(const gp_job_input *in, const char *output, const gp_job_opts *o, gp_diags *d)
{
    gp_guide *g = guide_new();
    gp_pdf_info info = {o->creator, o->source_date, o->helper_threads, 0};
    bool ok = lay_out(g, in, o, d);
    if (ok && o->dump_dlist)
        gp_dlist_dump(o->dump_dlist, &g->dl);
    ok = ok && write_pdf(&g->dl, output, &info, o->check_only, d) && g->rejected == 0;
    g->t[3] = gp_seconds();
    size_t npages = g->dl.npages;
    double t[5];
    memcpy(t, g->t, sizeof t);
    gp_guide_free(g);
    t[4] = gp_seconds();
    if (ok && o->timings)
        print_timings(in->path, t, npages, info.fonts_seconds);
    return ok;
}

bool gp_job_write_combined(gp_guide *const *guides, size_t n, const char *output, const char *title,
                           const gp_job_opts *o, gp_diags *d)
{
    gp_dlist all = {0};
    for (size_t i = 0; i < n; i++)
        if (guides[i])
            gp_dlist_append(&all, &guides[i]->dl);
    all.title = title;
    all.author = o->brand->name;
    if (o->dump_dlist)
        gp_dlist_dump(o->dump_dlist, &all);
    gp_pdf_info info = {o->creator, o->source_date, true, 0};
    bool ok = all.npages ? write_pdf(&all, output, &info, o->check_only, d)
                         : gp_error(d, (gp_loc){output, 0, 0}, "no guide could be built, so nothing is written");
    gp_dlist_free(&all);
    return ok;
}
