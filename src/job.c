/* The pipeline for one guide: load -> validate -> style -> text -> layout
 * -> pdf. Everything derived from the input lives in the job's arena; the
 * fonts and the display list are closed at the
 * single exit. Output goes to a temporary file beside the target and is
 * renamed into place only when complete. */
#include "job.h"

#include "base/clock.h"
#include "base/fsio.h"
#include "layout/layout.h"
#include "load/doc.h"
#include "pdf/pdf.h"

#include <stdlib.h>
#include <unistd.h>

bool gp_job_run(const char *input, const char *output, const gp_job_opts *o, gp_diags *d)
{
    gp_arena arena = {0};
    gp_fontset fonts = {0};
    gp_dlist dl = {0};
    char *tmp = NULL;
    bool ok = false;
    double t_start = gp_seconds(), t_loaded = 0, t_laid = 0;
    gp_pdf_info info = {o->creator, o->source_date, o->helper_threads, 0};

    /* with helper threads, the poster's pixels are checked during layout */
    gp_doc *doc = o->helper_threads ? gp_doc_load_start(&arena, input, d) : gp_doc_load(&arena, input, d);
    t_loaded = gp_seconds();
    if (!doc || o->check_only) {
        ok = doc && gp_doc_load_finish(doc, d);
        goto cleanup;
    }
    const gp_brand *brand = o->brand;
    const char *language = doc->language ? doc->language : brand->language;
    gp_hyph_cache_prefetch(o->hyphs, language); /* if not the brand's */
    gp_fontset_set_fallback(&fonts, brand->fallback, brand->nfallback, d);
    bool smart = doc->smart_punctuation >= 0 ? doc->smart_punctuation : brand->smart_punctuation;
    gp_textctx tc = {.a = &arena, .fonts = &fonts, .hyphs = o->hyphs, .d = d, .language = language,
                     .language_loc = doc->language ? doc->language_loc : brand->language_loc,
                     .greedy = o->greedy, .smart_punct = smart};
    if (!gp_layout_guide(&tc, doc, brand, &dl))
        goto cleanup;
    t_laid = gp_seconds();
    if (o->dump_dlist)
        gp_dlist_dump(o->dump_dlist, &dl);

    if (!gp_doc_load_finish(doc, d))
        goto cleanup;
    char err[512];
    tmp = gp_temp_beside(output, err, sizeof err);
    if (!tmp) {
        gp_error(d, (gp_loc){output, 0, 0}, "%s", err);
        goto cleanup;
    }
    if (!gp_pdf_write(&dl, &fonts, tmp, &info, d))
        goto cleanup;
    if (!gp_commit_file(tmp, output, err, sizeof err)) {
        gp_error(d, (gp_loc){output, 0, 0}, "%s", err);
        goto cleanup;
    }
    free(tmp);
    tmp = NULL;
    ok = true;
    if (o->timings)
        fprintf(stderr, "timings: %s: load %.2f ms, layout %.2f ms, fonts %.2f ms, write %.2f ms, %zu pages\n", input,
                (t_loaded - t_start) * 1e3, (t_laid - t_loaded) * 1e3, info.fonts_seconds * 1e3,
                (gp_seconds() - t_laid - info.fonts_seconds) * 1e3, dl.npages);

cleanup:
    if (doc)
        gp_doc_load_finish(doc, d); /* a layout error came first: still report the images' */
    if (tmp) {
        unlink(tmp);
        gp_temp_forget(tmp);
        free(tmp);
    }
    gp_dlist_free(&dl);
    gp_fontset_close(&fonts);
    gp_arena_free(&arena);
    return ok;
}
