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

/* A poster that is one of the run's outputs would be replaced by a PDF. */
static bool poster_is_output(const gp_doc *doc, const gp_file_ids *outputs, gp_diags *d)
{
    gp_file_id id;
    const gp_file_id *out;
    if (!doc->film.poster || !outputs || !gp_file_id_of(doc->film.poster->path, &id) ||
        !(out = gp_file_ids_find(outputs, &id)))
        return false;
    return !gp_error(d, doc->film.poster_loc,
                     "the poster `%s` is the output `%s` of this run, which would replace it; "
                     "write the guide somewhere else (-o)",
                     doc->film.poster->path, out->path);
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

bool gp_job_run(const char *input, const char *output, const gp_job_opts *o, gp_diags *d)
{
    gp_arena arena = {0};
    gp_fontset fonts = {0};
    gp_dlist dl = {0};
    bool ok = false;
    double t[5] = {gp_seconds()}; /* started, loaded, laid out, written, closed */
    size_t npages = 0;
    gp_pdf_info info = {o->creator, o->source_date, o->helper_threads, 0};

    /* with helper threads, the poster's pixels are checked during layout */
    gp_doc *doc = o->helper_threads ? gp_doc_load_start(&arena, input, d) : gp_doc_load(&arena, input, d);
    t[1] = gp_seconds();
    if (!doc || poster_is_output(doc, o->outputs, d))
        goto cleanup;
    doc->facilitator_edition = o->facilitator;
    const gp_brand *brand = o->brand;
    const char *language = doc->language ? doc->language : brand->language;
    gp_hyph_cache_prefetch(o->hyphs, language); /* if not the brand's */
    gp_fontset_set_fallback(&fonts, brand->fallback, brand->nfallback, d);
    bool smart = doc->smart_punctuation >= 0 ? doc->smart_punctuation : brand->smart_punctuation;
    gp_textctx tc = {.a = &arena, .fonts = &fonts, .hyphs = o->hyphs, .d = d, .language = language,
                     .language_loc = doc->language ? doc->language_loc : brand->language_loc,
                     .greedy = o->greedy, .smart_punct = smart};
    if (!gp_layout_guide(&tc, doc, brand, o->booklet, &dl))
        goto cleanup;
    /* page by page, before imposition: the trim is each page's */
    size_t rejected = o->preflight ? gp_preflight(&dl, brand, d) : 0;
    if (o->booklet)
        gp_impose_booklet(&dl);
    if (brand->print.bleed_pt > 0 || brand->print.crop_marks)
        gp_impose_bleed(&dl, brand->print.bleed_pt, brand->print.crop_marks);
    dl.black_k = brand->print.black_k;
    if (brand->print.pdfx) {
        dl.pdfx_profile = GP_CMYK_PROFILE;
        dl.pdfx_profile_name = GP_CMYK_PROFILE_NAME;
    }
    t[2] = gp_seconds();
    if (o->dump_dlist)
        gp_dlist_dump(o->dump_dlist, &dl);

    if (!gp_doc_load_finish(doc, d) || !write_pdf(&dl, output, &info, o->check_only, d))
        goto cleanup;
    ok = rejected == 0;
    t[3] = gp_seconds();
    npages = dl.npages;

cleanup:
    if (doc)
        gp_doc_load_finish(doc, d); /* a layout error came first: still report the images' */
    gp_dlist_free(&dl);
    gp_fontset_close(&fonts);
    gp_arena_free(&arena);
    t[4] = gp_seconds();
    if (ok && o->timings)
        print_timings(input, t, npages, info.fonts_seconds);
    return ok;
}
