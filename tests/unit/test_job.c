/* A content file read ahead (gp_job_ahead_start): the job that takes it
 * over writes the same bytes as one that loads the file itself, reports
 * the same diagnostics, and the tree names the same images as
 * gp_doc_image_files. */
#include "job.h"
#include "harness.h"
#include "diag_checks.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

static char tmpdir[] = "/tmp/gp-test-job-XXXXXX";

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    *len = 0;
    if (f) {
        fseek(f, 0, SEEK_END);
        long n = ftell(f);
        fseek(f, 0, SEEK_SET);
        buf = malloc(n > 0 ? (size_t)n : 1);
        *len = n > 0 ? fread(buf, 1, (size_t)n, f) : 0;
        fclose(f);
    }
    return buf;
}

/* The guide built from path into out, read ahead or not; its diagnostics printed into text. */
static bool build(const char *path, const char *out, bool ahead, const gp_job_opts *o, char *text, size_t cap)
{
    gp_job_input in = {path, NULL, ahead ? gp_job_ahead_start(path) : NULL};
    CHECK(!ahead || in.ahead);
    gp_diags d = {0};
    bool ok = gp_job_run(&in, out, o, &d);
    FILE *f = fmemopen(text, cap, "w");
    gp_diags_print(&d, f);
    fclose(f);
    gp_diags_free(&d);
    gp_job_ahead_free(in.ahead);
    return ok;
}

static void add_path(void *ctx, const char *path, gp_loc at)
{
    char *list = ctx;
    snprintf(list + strlen(list), 1024 - strlen(list), "%s@%d:%d;", strrchr(path, '/') + 1, at.line, at.col);
}

static void test_same_guide(const gp_job_opts *o, gp_arena *a)
{
    const char *path = write_file_in(a, tmpdir, "guide.yaml",
                                     "film:\n  title: Ahead\n  director: Someone\n  year: 2020\n"
                                     "sections:\n  - type: themes\n    themes:\n      - title: Time\n"
                                     "        body: The \"office\" fills its days.\n");
    char with[4096], without[4096];
    const char *pdf_with = gp_arena_printf(a, "%s/with.pdf", tmpdir), *pdf_without = gp_arena_printf(a, "%s/without.pdf", tmpdir);
    CHECK(build(path, pdf_with, true, o, with, sizeof with));
    CHECK(build(path, pdf_without, false, o, without, sizeof without));
    CHECK(!strcmp(with, without));
    size_t n1, n2;
    char *b1 = read_all(pdf_with, &n1), *b2 = read_all(pdf_without, &n2);
    CHECK(n1 > 1000 && n1 == n2 && b1 && b2 && !memcmp(b1, b2, n1));
    free(b1);
    free(b2);
}

static void test_same_errors(const gp_job_opts *o, gp_arena *a)
{
    const char *path = write_file_in(a, tmpdir, "bad.yaml",
                                     "film:\n  title: Bad\n  colour: red\nsections:\n  - type: nosuch\n");
    char with[4096], without[4096];
    const char *out = gp_arena_printf(a, "%s/bad.pdf", tmpdir);
    CHECK(!build(path, out, true, o, with, sizeof with));
    CHECK(!build(path, out, false, o, without, sizeof without));
    CHECK(strstr(with, "bad.yaml:3:3: error:") != NULL);
    CHECK(strstr(with, "bad.yaml:5:") != NULL);
    CHECK(!strcmp(with, without));
}

static void test_tree_images(gp_arena *a)
{
    const char *path = write_file_in(a, tmpdir, "images.yaml",
                                     "film:\n  title: Pictures\n  poster: p.png\nsections:\n"
                                     "  - type: text\n    body: x\n    image: {file: one.jpg}\n"
                                     "  - type: text\n    body: y\n    image:\n      file: two.png\n");
    char from_file[1024] = "", from_tree[1024] = "";
    gp_doc_image_files(a, path, add_path, from_file);
    gp_job_ahead *ah = gp_job_ahead_start(path);
    gp_doc_tree_image_files(a, path, gp_job_ahead_tree(ah), add_path, from_tree);
    gp_job_ahead_free(ah); /* never taken over: its images' checks end here */
    CHECK(!strcmp(from_file, "p.png@3:11;one.jpg@7:19;two.png@11:13;"));
    CHECK(!strcmp(from_tree, from_file));
}

int main(void)
{
    char fonts[PATH_MAX];
    if (!realpath("fonts", fonts) || !mkdtemp(tmpdir)) {
        perror("fonts or temporary folder");
        return 1;
    }
    setenv("GUIDEPRESS_FONTS", fonts, 1);
    gp_arena a = {0};
    gp_diags d = {0};
    gp_brand *brand = gp_brand_default(&a, fonts, &d);
    CHECK(brand && d.errors == 0);
    gp_job_opts o = {.brand = brand, .creator = "test", .source_date = 0, .hyphs = gp_hyph_cache_new(),
                     .helper_threads = true};
    if (brand) {
        test_same_guide(&o, &a);
        test_same_errors(&o, &a);
    }
    test_tree_images(&a);
    gp_hyph_cache_free(o.hyphs);
    gp_diags_free(&d);
    gp_arena_free(&a);
    remove_tree(tmpdir);
    return harness_report();
}
