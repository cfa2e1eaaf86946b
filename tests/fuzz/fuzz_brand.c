/* Fuzz target: the brand loader (src/style/brand.c over src/load/).
 *
 * The bytes are a brand file: gp_yaml_parse, then gp_brand_from_tree with
 * the bundled fonts ($GUIDEPRESS_FONTS, else the GP_FUZZ_FONTS define). The
 * file is named <repo>/content/brands/fuzz.yaml so the seeds' logos
 * (../images/...) resolve. Fontconfig stays initialised across inputs
 * (gp_brand_cleanup calls FcFini, which is for process exit only).
 *
 * Invariants (abort on violation):
 *   - a NULL brand comes with at least one error, a brand with none;
 *   - a loaded brand is usable: a page 3in to 20in a side, a finite margin in
 *     [0.25in, 2in] that leaves room on the page, colours in [0, 1], every
 *     font face and fallback a path or a family, every label, the footer
 *     and the language set;
 *   - and it lays out: tests/fixtures/all-sections.yaml (loaded once) is
 *     laid out with it as src/job.c does, and the display list passes
 *     fuzz_check_dlist (set GP_FUZZ_BRAND_NO_LAYOUT=1 to skip this step). */
#include "fuzz_util.h"

#include "load/doc.h"
#include "load/yaml.h"
#include "style/brand.h"
#include "text/font.h"
#include "text/hyph.h"
#include "text/para.h"

static bool in01(double v)
{
    return v >= 0 && v <= 1;
}

static void check_file(const gp_font_file *f, const char *what)
{
    if (!f->path && !f->family)
        fuzz_fail("loaded brand: %s has neither a path nor a family", what);
    if (f->path && !*f->path)
        fuzz_fail("loaded brand: %s has an empty path", what);
    if (f->index < 0)
        fuzz_fail("loaded brand: %s has index %d", what, f->index);
}

static void check_brand(const gp_brand *b)
{
    /* a named size or one's own, 3in to 20in a side (README "Print production") */
    if (!(b->page_w_pt >= 216 - 1e-6 && b->page_w_pt <= 1440 + 1e-6 && b->page_h_pt >= 216 - 1e-6 &&
          b->page_h_pt <= 1440 + 1e-6))
        fuzz_fail("loaded brand: page %g x %g", b->page_w_pt, b->page_h_pt);
    if (!(b->margin_pt >= 18 && b->margin_pt <= 144))
        fuzz_fail("loaded brand: margin %g pt", b->margin_pt);
    const gp_rgb *colors[] = {&b->primary, &b->accent, &b->text, &b->panel};
    for (size_t i = 0; i < 4; i++)
        if (!in01(colors[i]->r) || !in01(colors[i]->g) || !in01(colors[i]->b))
            fuzz_fail("loaded brand: colour %zu is %g %g %g", i, colors[i]->r, colors[i]->g, colors[i]->b);
    for (int r = 0; r < GP_ROLE_COUNT; r++)
        for (int f = 0; f < GP_FACE_COUNT; f++)
            check_file(&b->fonts[r].faces[f], "a font face");
    if (b->nfallback && !b->fallback)
        fuzz_fail("loaded brand: %zu fallbacks, no array", b->nfallback);
    for (size_t i = 0; i < b->nfallback; i++)
        check_file(&b->fallback[i], "a fallback font");
    for (int i = 0; i < GP_LABEL_COUNT; i++)
        if (!b->labels[i] || !b->labels[i][0])
            fuzz_fail("loaded brand: label %d missing", i);
    if (!b->footer || !b->language)
        fuzz_fail("loaded brand: no footer or language");
    if (b->back_body && !b->back_body->count)
        fuzz_fail("loaded brand: back_body without paragraphs");
}

/* The fixed document the brand is tried on (loaded once, never freed). */
static const gp_doc *fixture(void)
{
    static gp_arena arena;
    static gp_diags diags;
    static const gp_doc *doc;
    static bool tried;
    if (!tried) {
        tried = true;
        char path[4096];
        doc = gp_doc_load(&arena, fuzz_path(path, sizeof path, "tests/fixtures/all-sections.yaml"), &diags);
        if (!doc) {
            gp_diags_print(&diags, stderr);
            fprintf(stderr, "fuzz_brand: cannot load the fixture %s\n", path);
            abort();
        }
    }
    return doc;
}

static void lay_out(gp_brand *brand)
{
    const gp_doc *doc = fixture();
    gp_arena arena = {0};
    gp_diags diags = {0};
    gp_fontset *fonts = calloc(1, sizeof *fonts);
    gp_dlist dl = {0};
    if (!fonts)
        abort();
    const char *language = doc->language ? doc->language : brand->language;
    static gp_hyph_cache *hyphs; /* patterns loaded once per language, as src/main.c shares them */
    if (!hyphs)
        hyphs = gp_hyph_cache_new();
    gp_fontset_set_fallback(fonts, brand->fallback, brand->nfallback, &diags);
    bool smart = doc->smart_punctuation >= 0 ? doc->smart_punctuation : brand->smart_punctuation;
    gp_textctx tc = {
        .a = &arena, .fonts = fonts, .hyphs = hyphs, .d = &diags, .language = language, .smart_punct = smart};
    /* false: a font the brand names could not be opened (e.g. a .ttc index
     * HarfBuzz reads differently) or the page limit; both are errors, not crashes */
    if (gp_layout_guide(&tc, doc, brand, false, &dl))
        fuzz_check_dlist(&dl);
    else if (!diags.errors)
        fuzz_fail("gp_layout_guide failed without an error");
    fuzz_print_diags(&diags);
    gp_dlist_free(&dl);
    gp_fontset_close(fonts);
    free(fonts);
    gp_diags_free(&diags);
    gp_arena_free(&arena);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[4096];
    static bool layout = true;
    if (!path[0]) {
        fuzz_path(path, sizeof path, "content/brands/fuzz.yaml");
        const char *no = getenv("GP_FUZZ_BRAND_NO_LAYOUT");
        layout = !(no && *no && strcmp(no, "0"));
    }
    char *text = fuzz_cstr(data, size);
    gp_arena arena = {0};
    gp_diags diags = {0};
    gp_node *root = gp_yaml_parse(&arena, path, text, size, &diags);
    if (!root && !diags.errors)
        fuzz_fail("gp_yaml_parse returned NULL without an error");
    if (root) {
        gp_brand *b = gp_brand_from_tree(&arena, path, root, fuzz_font_dir(), &diags);
        if (!b && !diags.errors)
            fuzz_fail("gp_brand_from_tree returned NULL without an error");
        if (b && diags.errors)
            fuzz_fail("gp_brand_from_tree returned a brand with %zu errors", diags.errors);
        if (b) {
            check_brand(b);
            if (layout)
                lay_out(b);
        }
    }
    fuzz_print_diags(&diags);
    gp_diags_free(&diags);
    gp_arena_free(&arena);
    free(text);
    return 0;
}
