/* The pipeline for one guide: load -> validate -> style -> text -> layout
 * -> pdf. Everything derived from the input lives in the job's arena; the
 * fonts and the display list are closed at the
 * single exit. Output goes to a temporary file beside the target and is
 * renamed into place only when complete. */
#include "job.h"

#include "base/clock.h"
#include "base/fsio.h"
#include "base/heap.h"
#include "base/work.h"
#include "layout/impose.h"
#include "layout/layout.h"
#include "layout/preflight.h"
#include "load/doc.h"
#include "pdf/pdf.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

struct gp_job_ahead {
    const char *path;
    pthread_t thread;
    bool running;
    atomic_bool read;  /* the thread's work is done */
    gp_arena arena; /* the tree's and the document's, until a job takes it */
    gp_diags diags;
    gp_node *tree;
    gp_doc *doc;
};

/* As the job would load it with helper threads (gp_doc_load_start). */
static void *read_ahead(void *arg)
{
    gp_job_ahead *ah = arg;
    ah->tree = gp_doc_parse(&ah->arena, ah->path, &ah->diags);
    ah->doc = gp_doc_start(&ah->arena, ah->path, ah->tree, &ah->diags);
    atomic_store(&ah->read, true);
    return NULL;
}

/* Past this size a file is left to its job: what parsing it frees stays in
 * the thread's own malloc arena, where the layout cannot reuse it, and the
 * peak would grow by it (10 MB for tests/e2e/text.sh's 2 MiB word). */
enum { AHEAD_MAX = 1 << 20 };

gp_job_ahead *gp_job_ahead_start(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0 || st.st_size > AHEAD_MAX)
        return NULL;
    gp_job_ahead *ah = gp_xcalloc(1, sizeof *ah);
    ah->path = path;
    atomic_init(&ah->read, false);
    ah->running = gp_side_thread(&ah->thread, read_ahead, ah) == 0;
    if (!ah->running)
        read_ahead(ah);
    return ah;
}

/* The content read; meanwhile this thread makes its heap's first pages (base/heap.h). */
static void ahead_wait(gp_job_ahead *ah)
{
    if (ah->running) {
        while (!atomic_load(&ah->read) && gp_heap_make_next())
            ;
        pthread_join(ah->thread, NULL);
    }
    ah->running = false;
}

const gp_node *gp_job_ahead_tree(gp_job_ahead *ah)
{
    ahead_wait(ah);
    return ah->tree;
}

void gp_job_ahead_free(gp_job_ahead *ah)
{
    if (!ah)
        return;
    ahead_wait(ah);
    if (ah->doc) /* no job took it: its images' checks still end here */
        gp_doc_load_finish(ah->doc, &ah->diags);
    gp_diags_free(&ah->diags);
    gp_arena_free(&ah->arena);
    free(ah);
}

/* The document read ahead, its memory now the guide's, its diagnostics d's. */
static gp_doc *take_ahead(gp_guide *g, gp_job_ahead *ah, gp_diags *d)
{
    ahead_wait(ah);
    g->arena = ah->arena;
    ah->arena = (gp_arena){0};
    gp_diags_append(d, &ah->diags);
    gp_doc *doc = ah->doc;
    ah->doc = NULL;
    ah->tree = NULL;
    return doc;
}

/* The document, its season's row applied (NULL after an error). */
static gp_doc *load(gp_guide *g, const gp_job_input *in, const gp_job_opts *o, gp_diags *d)
{
    /* with helper threads, the poster's pixels are checked during layout */
    gp_doc *doc = in->ahead            ? take_ahead(g, in->ahead, d)
                  : o->helper_threads ? gp_doc_load_start(&g->arena, in->path, d)
                                      : gp_doc_load(&g->arena, in->path, d);
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
    gp_fontset_set_emoji(&g->fonts, &brand->emoji);
    g->fonts.language = set.language;
    gp_textctx tc = {.a = &g->arena, .fonts = &g->fonts, .hyphs = o->hyphs, .d = d, .language = set.language,
                     .language_loc = set.language_loc, .greedy = o->greedy, .smart_punct = set.smart_punctuation,
                     .shape_ahead = o->helper_threads};
    /* GUIDEPRESS_PAGES_AS_THEY_FALL: what the page-count pass costs (make bench) */
    int multiple = o->booklet ? 4 : getenv("GUIDEPRESS_PAGES_AS_THEY_FALL") ? 1 : 2;
    if (!gp_layout_guide(&tc, doc, brand, multiple, &g->dl))
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
    if (lay_out(g, in, o, d) && g->rejected == 0) {
        if (o->timings) /* its fonts, writing and close are the combined file's */
            fprintf(stderr, "timings: %s: load %.2f ms, layout %.2f ms, %zu pages\n", in->path,
                    (g->t[1] - g->t[0]) * 1e3, (g->t[2] - g->t[1]) * 1e3, g->dl.npages);
        return g;
    }
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

bool gp_job_write_combined(gp_guide **guides, size_t n, const char *output, const char *title,
                           const gp_job_opts *o, gp_diags *d)
{
    double start = gp_seconds();
    gp_dlist all = {0};
    for (size_t i = 0; i < n; i++)
        if (guides[i])
            gp_dlist_append(&all, &guides[i]->dl);
    all.title = title;
    all.author = o->brand->name;
    if (o->dump_dlist)
        gp_dlist_dump(o->dump_dlist, &all);
    gp_pdf_info info = {o->creator, o->source_date, true, 0};
    bool ok = write_pdf(&all, output, &info, o->check_only, d);
    double written = gp_seconds();
    size_t npages = all.npages;
    gp_dlist_free(&all);
    for (size_t i = 0; i < n; i++)
        gp_guide_free(guides[i]);
    if (ok && o->timings)
        fprintf(stderr, "timings: %s: fonts %.2f ms, write %.2f ms, %zu pages, close %.2f ms\n", output,
                info.fonts_seconds * 1e3, (written - start - info.fonts_seconds) * 1e3, npages,
                (gp_seconds() - written) * 1e3);
    return ok;
}
