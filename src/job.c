/* The pipeline for one guide: load -> validate -> style -> text -> layout
 * -> pdf. Everything derived from the input lives in the job's arena; the
 * fonts, the hyphenation patterns and the display list are closed at the
 * single exit. Output goes to a temporary file beside the target and is
 * renamed into place only when complete. */
#include "job.h"

#include "base/fsio.h"
#include "layout/layout.h"
#include "load/doc.h"
#include "pdf/pdf.h"

#include <stdlib.h>
#include <unistd.h>

static bool open_fallbacks(gp_fontset *fs, const gp_brand *b, gp_diags *d)
{
    fs->fallback = gp_xmalloc((b->nfallback ? b->nfallback : 1) * sizeof *fs->fallback);
    for (size_t i = 0; i < b->nfallback; i++) {
        gp_face *f = gp_fontset_open(fs, &b->fallback[i], d);
        if (!f)
            return false;
        fs->fallback[fs->nfallback++] = f;
    }
    return true;
}

bool gp_job_run(const char *input, const char *output, const gp_job_opts *o, gp_diags *d)
{
    gp_arena arena = {0};
    gp_fontset fonts = {0};
    gp_hyph *hyph = NULL;
    gp_dlist dl = {0};
    char *tmp = NULL;
    bool ok = false;

    gp_doc *doc = gp_doc_load(&arena, input, d);
    if (!doc || o->check_only) {
        ok = doc != NULL;
        goto cleanup;
    }
    const gp_brand *brand = o->brand;
    const char *language = doc->language ? doc->language : brand->language;
    hyph = gp_hyph_open(language);
    if (!open_fallbacks(&fonts, brand, d))
        goto cleanup;
    gp_textctx tc = {&arena, &fonts, hyph, d, language, o->greedy};
    if (!gp_layout_guide(&tc, doc, brand, &dl))
        goto cleanup;
    if (o->dump_dlist)
        gp_dlist_dump(o->dump_dlist, &dl);

    char err[512];
    tmp = gp_temp_beside(output, err, sizeof err);
    if (!tmp) {
        gp_error(d, (gp_loc){output, 0, 0}, "%s", err);
        goto cleanup;
    }
    gp_pdf_info info = {o->creator, o->source_date};
    if (!gp_pdf_write(&dl, &fonts, tmp, &info, d))
        goto cleanup;
    if (!gp_commit_file(tmp, output, err, sizeof err)) {
        gp_error(d, (gp_loc){output, 0, 0}, "%s", err);
        goto cleanup;
    }
    free(tmp);
    tmp = NULL;
    ok = true;

cleanup:
    if (tmp) {
        unlink(tmp);
        free(tmp);
    }
    gp_dlist_free(&dl);
    gp_hyph_close(hyph);
    gp_fontset_close(&fonts);
    gp_arena_free(&arena);
    return ok;
}
