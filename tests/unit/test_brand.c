/* Tests for the brand (src/style/brand.c): the built-in brand with its
 * bundled fonts, and brand files written to a temporary folder: colours,
 * lengths in every unit, page sizes, labels, the footer's placeholders, the
 * logo, and every way to name a font (a bundled family, a file, a mapping of
 * faces with a face missing, an installed family found with fontconfig, a
 * .ttc face by index) with the errors for the ways that cannot work (an
 * unknown family, an OpenType/CFF file, a missing .ttc index). Licence bits
 * and damaged files are tested on copies of bundled fonts patched here; web
 * fonts on stand-ins. Every error is checked at its position, and a file
 * with several problems reports them all. Runs from the repository root;
 * fonts come from fonts/ there. */
#include "base/language.h"
#include "style/brand.h"

#include "base/fontfile.h"

#include "harness.h"
#include "diag_checks.h"

#include <dirent.h>
#include <fontconfig/fontconfig.h>
#include <limits.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#define NOTO_CJK  "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
#define INTER_VAR "/usr/share/fonts/truetype/inter-vf/Inter-roman.var.ttf"
#define WQY "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
#define OTF "/usr/share/fonts/opentype/ebgaramond/EBGaramond12-Regular.otf"

static char tmpdir[] = "/tmp/gp-test-brand-XXXXXX";
static char font_dir[PATH_MAX];
static char good_png[PATH_MAX], truncated_png[PATH_MAX];

/* ---- helpers ---- */

static const char *write_file(gp_arena *a, const char *name, const char *text)
{
    return write_file_in(a, tmpdir, name, text);
}

#define CHECK_DIAG(d, line, col, substr) CHECK_DIAG_SEV(d, GP_ERROR, line, col, substr)
#define CHECK_WARN(d, line, col, substr) CHECK_DIAG_SEV(d, GP_WARNING, line, col, substr)

static bool ends_with(const char *s, const char *tail)
{
    size_t ls = s ? strlen(s) : 0, lt = strlen(tail);
    if (s && ls >= lt && !strcmp(s + ls - lt, tail))
        return true;
    fprintf(stderr, "    \"%s\" does not end with \"%s\"\n", s ? s : "(null)", tail);
    return false;
}

static bool is_font(const gp_font_file *f)
{
    char err[512];
    if (f->path && gp_fontfile_probe(f->path, f->index, err, sizeof err) == GP_FONT_OK)
        return true;
    fprintf(stderr, "    not a usable font: %s\n", f->path ? err : "(no path)");
    return false;
}


/* ---- font files made for a test: bundled fonts, copied and patched ---- */

static unsigned char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    CHECK(f != NULL);
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    rewind(f);
    unsigned char *p = malloc(*len);
    CHECK(p && fread(p, 1, *len, f) == *len);
    fclose(f);
    return p;
}

static const char *write_bytes(gp_arena *a, const char *name, const unsigned char *p, size_t n)
{
    const char *path = gp_arena_printf(a, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    CHECK(f && fwrite(p, 1, n, f) == n);
    if (f)
        fclose(f);
    return path;
}

/* Where table `tag` starts in a single-font sfnt; 0 if it has none. */
static size_t table_start(const unsigned char *font, const char *tag)
{
    unsigned ntables = font[4] << 8 | font[5];
    for (unsigned i = 0; i < ntables; i++) {
        const unsigned char *e = font + 12 + 16 * i;
        if (!memcmp(e, tag, 4))
            return (size_t)e[8] << 24 | (size_t)e[9] << 16 | (size_t)e[10] << 8 | e[11];
    }
    return 0;
}

/* A copy of `src` named `name` in tmpdir, with the bytes at `at` bytes into
 * table `tag` overwritten by `patch` (checksums left as they were) and cut to
 * `keep` bytes if keep is not 0. */
static const char *patched_font(gp_arena *a, const char *src, const char *name, const char *tag, size_t at,
                                const unsigned char *patch, size_t n, size_t keep)
{
    size_t len = 0;
    unsigned char *font = read_all(src, &len);
    if (!font)
        return "";
    size_t start = table_start(font, tag);
    CHECK(start > 0 && start + at + n <= len);
    if (start > 0 && start + at + n <= len)
        memcpy(font + start + at, patch, n);
    const char *path = write_bytes(a, name, font, keep ? keep : len);
    free(font);
    return path;
}

/* Lato with its OS/2 fsType (at byte 8 of the table) set to fs_type. */
static const char *lato_with_fs_type(gp_arena *a, unsigned fs_type)
{
    unsigned char b[2] = {(unsigned char)(fs_type >> 8), (unsigned char)fs_type};
    return patched_font(a, gp_arena_printf(a, "%s/Lato-Regular.ttf", font_dir),
                        gp_arena_printf(a, "Lato-fsType-%04X.ttf", fs_type), "OS/2", 8, b, 2, 0);
}

/* Writes `text` as brand.yaml and loads it. */
static gp_brand *load(gp_arena *a, gp_diags *d, const char *name, const char *text)
{
    return gp_brand_load(a, write_file(a, name, text), font_dir, d);
}

/* Loads a brand that must fail with exactly n errors. */
static void load_bad(gp_arena *a, gp_diags *d, const char *name, const char *text, size_t n)
{
    gp_brand *b = load(a, d, name, text);
    CHECK(b == NULL);
    if (d->errors != n)
        fprintf(stderr, "  %s: %zu errors, want %zu\n", name, d->errors, n);
    CHECK_ERRORS(d, n);
}

static bool have(const char *path)
{
    if (access(path, R_OK) == 0)
        return true;
    printf("  (skipped: %s is not installed)\n", path);
    return false;
}

/* ---- the font folder ---- */

static void test_font_dir(void)
{
    gp_arena a = {0};
    CHECK(setenv("GUIDEPRESS_FONTS", font_dir, 1) == 0);
    CHECK(str_is(gp_brand_font_dir(&a, NULL), font_dir));
    CHECK(str_is(gp_brand_font_dir(&a, "/somewhere/else/guidepress"), font_dir));
    /* Without the variable: beside the executable (build/tests/ -> fonts/), or the installed folder. */
    CHECK(unsetenv("GUIDEPRESS_FONTS") == 0);
    const char *dir = gp_brand_font_dir(&a, NULL);
    CHECK(dir != NULL);
    char probe[PATH_MAX], real[PATH_MAX];
    snprintf(probe, sizeof probe, "%s/NotoSerif-Regular.ttf", dir ? dir : "");
    if (dir && access(probe, R_OK) == 0)
        CHECK(realpath(dir, real) && str_is(real, font_dir));
    else
        CHECK(dir && ends_with(dir, "/share/guidepress/fonts"));
    /* An empty variable counts as unset. */
    CHECK(setenv("GUIDEPRESS_FONTS", "", 1) == 0);
    CHECK(str_is(gp_brand_font_dir(&a, NULL), dir ? dir : ""));
    CHECK(setenv("GUIDEPRESS_FONTS", font_dir, 1) == 0);
    gp_arena_free(&a);
}

/* ---- the built-in brand ---- */

static void check_family(const gp_font_family *f, const char *base)
{
    static const char *const suffix[GP_FACE_COUNT] = {"-Regular.ttf", "-Italic.ttf", "-Bold.ttf",
                                                      "-BoldItalic.ttf"};
    for (int i = 0; i < GP_FACE_COUNT; i++) {
        char want[PATH_MAX + 64];
        snprintf(want, sizeof want, "%s/%s%s", font_dir, base, suffix[i]);
        CHECK(str_is(f->faces[i].path, want));
        CHECK_EQ_INT(f->faces[i].index, 0);
        CHECK(f->faces[i].family == NULL);
        CHECK(is_font(&f->faces[i]));
    }
}

static void test_default(void)
{
    gp_arena a = {0};
    gp_diags d = {0};
    gp_brand *b = gp_brand_default(&a, font_dir, &d);
    CHECK(b != NULL);
    CHECK_EQ_INT(d.count, 0);
    if (!b) {
        dump_diags(&d);
        gp_diags_free(&d);
        gp_arena_free(&a);
        return;
    }
    CHECK(b->path == NULL);
    check_family(&b->fonts[GP_ROLE_HEADING], "Lato");
    check_family(&b->fonts[GP_ROLE_BODY], "NotoSerif");
    check_family(&b->fonts[GP_ROLE_QUOTE], "NotoSerif");
    CHECK_NEAR(b->page_w_pt, 612, 1e-9);
    CHECK_NEAR(b->page_h_pt, 792, 1e-9);
    CHECK_NEAR(b->margin_pt, 54, 1e-9);
    CHECK(str_is(b->language, "en-US"));
    CHECK(b->footer && strstr(b->footer, "{page}") && strstr(b->footer, "{pages}"));
    CHECK(b->logo == NULL && b->back_body == NULL);
    for (int i = 0; i < GP_LABEL_COUNT; i++)
        CHECK(b->labels[i] && b->labels[i][0]);
    CHECK(str_is(b->labels[GP_LABEL_SUMMARY], "Film Summary"));
    CHECK(str_is(b->labels[GP_LABEL_QUESTIONS], "Further Discussions"));
    CHECK(str_is(b->labels[GP_LABEL_NOTES], "Notes:"));
    CHECK(str_is(b->labels[GP_LABEL_ALSO_BY], "You might know this director from:"));
    CHECK(str_is(b->labels[GP_LABEL_DIRECTED_BY], "Directed by"));
    CHECK(str_is(b->labels[GP_LABEL_CONTINUED], "continued"));
    /* unless the brand sets them, labels follow the guide's language */
    CHECK(str_is(gp_brand_label(b, GP_LABEL_NOTES, "fa-IR"), "\u06cc\u0627\u062f\u062f\u0627\u0634\u062a\u200c\u0647\u0627:"));
    CHECK(str_is(gp_brand_label(b, GP_LABEL_NOTES, "fr"), "Notes\u202f:"));
    CHECK(str_is(gp_brand_label(b, GP_LABEL_DIRECTED_BY, "ar"), "\u0625\u062e\u0631\u0627\u062c"));
    CHECK(str_is(gp_brand_label(b, GP_LABEL_NOTES, "en-GB"), "Notes:"));
    CHECK(str_is(gp_brand_label(b, GP_LABEL_NOTES, NULL), "Notes:"));
    CHECK(str_is(gp_brand_label(b, GP_LABEL_NOTES, "ja"), "メモ："));
    CHECK(str_is(gp_brand_label(b, GP_LABEL_SUMMARY, "ko-KR"), "줄거리"));
    /* Chinese in the characters its region or script writes */
    CHECK(str_is(gp_brand_label(b, GP_LABEL_DIRECTED_BY, "zh"), "导演"));
    CHECK(str_is(gp_brand_label(b, GP_LABEL_DIRECTED_BY, "zh-Hans-TW"), "导演"));
    CHECK(str_is(gp_brand_label(b, GP_LABEL_DIRECTED_BY, "zh-Hant-TW"), "導演"));
    CHECK(str_is(gp_brand_label(b, GP_LABEL_DIRECTED_BY, "zh-HK"), "導演"));
    CHECK(str_is(gp_brand_label(b, GP_LABEL_DIRECTED_BY, "zh_TW"), "導演"));
    CHECK(!gp_language_is_traditional_chinese("zh-CN"));
    CHECK(!gp_language_is_traditional_chinese("ja-Hant"));
    CHECK(!gp_language_is_traditional_chinese("zh-"));
    CHECK(!gp_language_is_traditional_chinese(NULL));
    /* and numbers its digits */
    char digits[32];
    CHECK(str_is(gp_language_digits("fa", "2/10.", digits, sizeof digits), "\u06f2/\u06f1\u06f0."));
    CHECK(str_is(gp_language_digits("ar-EG", "2011", digits, sizeof digits), "\u0662\u0660\u0661\u0661"));
    CHECK(str_is(gp_language_digits("hi", "2011", digits, sizeof digits), "2011"));
    const gp_rgb *cols[] = {&b->primary, &b->accent, &b->text, &b->panel};
    for (int i = 0; i < 4; i++)
        CHECK(cols[i]->r >= 0 && cols[i]->r <= 1 && cols[i]->g >= 0 && cols[i]->g <= 1 && cols[i]->b >= 0 &&
              cols[i]->b <= 1);
    /* The fallbacks are installed families, looked up later (other scripts: by script). */
    CHECK_EQ_INT(b->nfallback, 3);
    if (b->nfallback == 3) {
        CHECK(str_is(b->fallback[0].family, "WenQuanYi Zen Hei"));
        CHECK(str_is(b->fallback[1].family, "HanaMinB"));
        CHECK(str_is(b->fallback[2].family, "Symbola"));
        CHECK(b->fallback[0].path == NULL);
    }
    gp_diags_free(&d);

    /* Without the bundled fonts there is no brand. */
    CHECK(gp_brand_default(&a, tmpdir, &d) == NULL);
    CHECK_ERRORS(&d, 1);
    CHECK(d.count == 1 && strstr(d.items[0].message, "the bundled fonts are missing from") &&
          strstr(d.items[0].message, tmpdir));
    gp_diags_free(&d);
    gp_arena_free(&a);
}

static void test_resolve_fallback(void)
{
    gp_arena a = {0};
    gp_diags d = {0};
    if (have("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")) {
        gp_font_file f = {.family = "DejaVu Sans"};
        CHECK(gp_brand_resolve_fallback(&a, &f, &d));
        CHECK(ends_with(f.path, "/DejaVuSans.ttf"));
        CHECK(str_is(f.family, "DejaVu Sans"));
        CHECK(is_font(&f));
    }
    if (have(WQY)) {
        gp_font_file f = {.family = "WenQuanYi Zen Hei"};
        CHECK(gp_brand_resolve_fallback(&a, &f, &d));
        CHECK(ends_with(f.path, "/wqy-zenhei.ttc"));
        CHECK(is_font(&f));
    }
    CHECK_ERRORS(&d, 0);
    /* a built-in fallback that is not installed is skipped without a word */
    gp_font_file none = {.path = "untouched", .index = 7, .family = "No Such Family Anywhere"};
    CHECK(!gp_brand_resolve_fallback(&a, &none, &d));
    CHECK(str_is(none.path, "untouched") && none.index == 7);
    CHECK_EQ_INT(d.count, 0);
    gp_diags_free(&d);
    gp_arena_free(&a);
}

/* A code point no listed fallback has: the font made for its script
 * (fonts-noto-core, a package `make deps` installs), a TrueType one before
 * CFF; a CFF face where it alone has the glyph. */
static void test_font_for_char(void)
{
    gp_arena a = {0};
    static const struct {
        uint32_t cp;
        const char *file;
    } cases[] = {{0x0915, "/NotoSansDevanagari-Regular.ttf"}, {0x0E01, "/NotoSansThai-Regular.ttf"},
                 {0x05D0, "/NotoSansHebrew-Regular.ttf"},     {0x10D0, "/NotoSansGeorgian-Regular.ttf"},
                 {0x1200, "/NotoSansEthiopic-Regular.ttf"},   {0x0E81, "/NotoSansLao-Regular.ttf"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        gp_font_file f = {0};
        CHECK(gp_brand_font_for_char(&a, cases[i].cp, false, &f));
        CHECK(f.path && ends_with(f.path, cases[i].file));
        CHECK(f.path && is_font(&f));
    }
    /* bold for bold (a heading's Devanagari) */
    gp_font_file bold = {0};
    CHECK(gp_brand_font_for_char(&a, 0x0915, true, &bold));
    CHECK(bold.path && ends_with(bold.path, "/NotoSansDevanagari-Bold.ttf"));
    CHECK(gp_brand_font_for_char(&a, 0x10D0, true, &bold)); /* the Georgian font's Bold, not DejaVu's */
    CHECK(bold.path && ends_with(bold.path, "/NotoSansGeorgian-Bold.ttf"));
    CHECK(gp_brand_font_for_char(&a, 0x0627, true, &bold)); /* a Naskh or Kufi Bold, not Nastaliq's */
    CHECK(bold.path && ends_with(bold.path, "Arabic-Bold.ttf"));
    /* the Reiwa era sign: among DEB_PACKAGES' fonts only Noto CJK's CFF collections have it */
    gp_font_file cff = {0};
    CHECK(gp_brand_font_for_char(&a, 0x32FF, false, &cff));
    CHECK(cff.path && strstr(cff.path, "CJK") && ends_with(cff.path, ".ttc"));
    CHECK(cff.path && is_font(&cff));
    gp_font_file none = {.path = "untouched"};
    CHECK(!gp_brand_font_for_char(&a, 0x0378, false, &none)); /* unassigned */
    CHECK(str_is(none.path, "untouched"));
    gp_arena_free(&a);
}

static void test_set_paper(void)
{
    gp_brand b = {0};
    CHECK(gp_brand_set_paper(&b, "a4"));
    CHECK_NEAR(b.page_w_pt, 595.276, 0.01); /* 210 mm */
    CHECK_NEAR(b.page_h_pt, 841.89, 0.01);  /* 297 mm */
    CHECK_NEAR(b.page_w_pt, 210 * 72 / 25.4, 0.01);
    CHECK_NEAR(b.page_h_pt, 297 * 72 / 25.4, 0.01);
    CHECK(gp_brand_set_paper(&b, "letter"));
    CHECK_NEAR(b.page_w_pt, 612, 1e-9); /* 8.5 in */
    CHECK_NEAR(b.page_h_pt, 792, 1e-9); /* 11 in */
    CHECK(gp_brand_set_paper(&b, "A4"));
    CHECK_NEAR(b.page_w_pt, 595.276, 0.01);
    CHECK(gp_brand_set_paper(&b, "Letter"));
    CHECK_NEAR(b.page_w_pt, 612, 1e-9);
    CHECK(!gp_brand_set_paper(&b, "legal"));
    CHECK(!gp_brand_set_paper(&b, "a6"));
    CHECK(!gp_brand_set_paper(&b, ""));
    CHECK_NEAR(b.page_w_pt, 612, 1e-9); /* unchanged by a refusal */
    CHECK_NEAR(b.page_h_pt, 792, 1e-9);
}

/* The small sizes, and a margin that follows the size unless given. */
static void test_small_pages(void)
{
    gp_brand b = {0};
    CHECK(gp_brand_set_paper(&b, "a5"));
    CHECK_NEAR(b.page_w_pt, 148 * 72 / 25.4, 0.01);
    CHECK_NEAR(b.page_h_pt, 210 * 72 / 25.4, 0.01);
    CHECK(b.margin_pt > 40 && b.margin_pt < 45); /* about 15 mm, not A4's 0.75 in */
    CHECK(gp_brand_set_paper(&b, "Half-Letter"));
    CHECK_NEAR(b.page_w_pt, 396, 1e-9);
    CHECK_NEAR(b.page_h_pt, 612, 1e-9);
    CHECK_NEAR(b.margin_pt, 40, 1e-9);
    CHECK(gp_brand_set_paper(&b, "letter"));
    CHECK_NEAR(b.margin_pt, 54, 1e-9);
    b.margin_given = true, b.margin_pt = 30;
    CHECK(gp_brand_set_paper(&b, "a5"));
    CHECK(b.margin_pt > 23 && b.margin_pt < 23.3); /* the brand's own margin, scaled as the default is */
    CHECK(gp_brand_set_paper(&b, "letter"));
    CHECK_NEAR(b.margin_pt, 30, 1e-9); /* and back */

    gp_arena a = {0};
    gp_diags d = {0};
    gp_brand *c = load(&a, &d, "custom.yaml", "page:\n  size: {width: 148mm, height: 7in}\n  margin: 12mm\n");
    CHECK(c && fabs(c->page_w_pt - 148 * 72 / 25.4) < 1e-6 && c->page_h_pt == 504);
    CHECK(c && fabs(c->margin_pt - 12 * 72 / 25.4) < 1e-6);
    gp_diags_free(&d);
    load_bad(&a, &d, "custom-bad.yaml", "page:\n  size: {width: 2in, heigth: 5in}\n", 3);
    CHECK_DIAG(&d, 2, 22, "unknown key `heigth` in page `size`; did you mean `height`?");
    CHECK_DIAG(&d, 2, 9, "page `size` needs a `height`");
    CHECK_DIAG(&d, 2, 17, "page `width` must be between 3in and 20in");
    gp_diags_free(&d);
    gp_arena_free(&a);
}

/* print: the defaults, every key, and each bad value at its line. */
static void test_print_keys(void)
{
    gp_arena a = {0};
    gp_diags d = {0};
    gp_brand *b = load(&a, &d, "print0.yaml", "name: X\n");
    CHECK(b && b->print.qr_codes && b->print.black_k && !b->print.crop_marks && !b->print.pdfx &&
          b->print.bleed_pt == 0);
    gp_diags_free(&d);
    b = load(&a, &d, "print1.yaml",
             "print:\n  qr_codes: false\n  bleed: 3mm\n  crop_marks: true\n  black_text: rgb\n  pdfx: true\n");
    CHECK(b && !b->print.qr_codes && !b->print.black_k && b->print.crop_marks && b->print.pdfx);
    CHECK(b && fabs(b->print.bleed_pt - 3 * 72 / 25.4) < 1e-9);
    gp_diags_free(&d);
    load_bad(&a, &d, "print2.yaml",
             "print:\n  qr_codes: maybe\n  bleed: 2in\n  black_text: cmyk\n  pdf_x: true\n", 4);
    CHECK_DIAG(&d, 2, 13, "print `qr_codes` must be true or false");
    CHECK_DIAG(&d, 3, 10, "print `bleed` must be between 0mm and 0.5in");
    CHECK_DIAG(&d, 4, 15, "print `black_text` must be `k` or `rgb`, not `cmyk`");
    CHECK_DIAG(&d, 5, 3, "unknown key `pdf_x`");
    gp_diags_free(&d);
    gp_arena_free(&a);
}

/* ---- brand files ---- */

static void test_full_brand(void)
{
    gp_arena a = {0};
    gp_diags d = {0};
    const char *text = gp_arena_printf(&a,
                                       "name: Influence Film Club\n"
                                       "tagline: We are the conversation after the film.\n"
                                       "url: https://example.org\n"
                                       "logo: %s\n"
                                       "colors:\n"
                                       "  primary: \"#c8102e\"\n"
                                       "  accent: \"#1D1D1B\"\n"
                                       "  text: '#000000'\n"
                                       "  panel: \"#ffffff\"\n"
                                       "page:\n"
                                       "  size: a4\n"
                                       "  margin: 0.75in\n"
                                       "language: fr-FR\n"
                                       "labels:\n"
                                       "  questions: Questions à débattre\n"
                                       "  notes: \"Notes :\"\n"
                                       "  continued: suite\n"
                                       "back_page:\n"
                                       "  heading: We believe a good documentary is just the beginning...\n"
                                       "  body: |\n"
                                       "    *Rich* text.\n"
                                       "\n"
                                       "    Two paragraphs.\n"
                                       "footer: \"{name} · {title} · {page}/{pages}\"\n",
                                       good_png);
    const char *path = write_file(&a, "full.yaml", text);
    gp_brand *b = gp_brand_load(&a, path, font_dir, &d);
    CHECK(b != NULL);
    CHECK_EQ_INT(d.count, 0);
    if (!b) {
        dump_diags(&d);
        gp_diags_free(&d);
        gp_arena_free(&a);
        return;
    }
    CHECK(str_is(b->path, path));
    CHECK(str_is(b->name, "Influence Film Club"));
    CHECK(str_is(b->tagline, "We are the conversation after the film."));
    CHECK(str_is(b->url, "https://example.org"));
    CHECK(b->logo && str_is(b->logo->path, good_png));
    CHECK(b->logo && b->logo->info.width == 13 && b->logo->info.height == 11);
    /* #c8102e -> 200, 16, 46 */
    CHECK_NEAR(b->primary.r, 200 / 255.0, 1e-12);
    CHECK_NEAR(b->primary.g, 16 / 255.0, 1e-12);
    CHECK_NEAR(b->primary.b, 46 / 255.0, 1e-12);
    CHECK_NEAR(b->accent.r, 29 / 255.0, 1e-12); /* upper case hex */
    CHECK_NEAR(b->accent.b, 27 / 255.0, 1e-12);
    CHECK(b->text.r == 0 && b->text.g == 0 && b->text.b == 0);
    CHECK(b->panel.r == 1 && b->panel.g == 1 && b->panel.b == 1);
    CHECK_NEAR(b->page_w_pt, 595.276, 0.01);
    CHECK_NEAR(b->page_h_pt, 841.89, 0.01);
    CHECK_NEAR(b->margin_pt, 54, 1e-9); /* 0.75in == 54pt */
    CHECK(str_is(b->language, "fr-FR"));
    CHECK(str_is(b->labels[GP_LABEL_QUESTIONS], "Questions à débattre"));
    CHECK(str_is(b->labels[GP_LABEL_NOTES], "Notes :"));
    /* the brand's own in a guide in its language or one guidepress has no labels for; a
     * language guidepress has labels for takes them (no French "Notes :" in a Persian guide) */
    CHECK(str_is(gp_brand_label(b, GP_LABEL_NOTES, "fr-CA"), "Notes :"));
    CHECK(str_is(gp_brand_label(b, GP_LABEL_NOTES, "de"), "Notes :"));
    CHECK(str_is(gp_brand_label(b, GP_LABEL_NOTES, "fa"), "یادداشت‌ها:"));
    CHECK(str_is(gp_brand_label(b, GP_LABEL_NOTES, "ur-PK"), "نوٹس:"));
    CHECK(str_is(gp_brand_label(b, GP_LABEL_SUMMARY, "ur"), "فلم کا خلاصہ"));
    CHECK(str_is(b->labels[GP_LABEL_CONTINUED], "suite"));
    CHECK(str_is(b->labels[GP_LABEL_SUMMARY], "Film Summary")); /* not overridden */
    CHECK(str_is(b->back_heading, "We believe a good documentary is just the beginning..."));
    CHECK(b->back_body && b->back_body->count == 2);
    CHECK(b->back_body && b->back_body->paras[0].spans[0].style == GP_SPAN_ITALIC);
    CHECK(str_is(b->footer, "{name} · {title} · {page}/{pages}"));
    /* Fonts not named stay the defaults. */
    CHECK(ends_with(b->fonts[GP_ROLE_HEADING].faces[GP_FACE_REGULAR].path, "/Lato-Regular.ttf"));
    gp_diags_free(&d);

    /* An empty mapping is the default brand. */
    b = load(&a, &d, "empty-map.yaml", "{}\n");
    CHECK(b != NULL);
    CHECK_EQ_INT(d.count, 0);
    CHECK(b && b->name == NULL && b->page_w_pt == 612);
    gp_diags_free(&d);
    gp_arena_free(&a);
}

static double margin_of(gp_arena *a, const char *value)
{
    gp_diags d = {0};
    gp_brand *b = load(a, &d, "margin.yaml", gp_arena_printf(a, "page:\n  margin: %s\n", value));
    double m = b ? b->margin_pt : -1;
    if (!b) {
        fprintf(stderr, "  margin %s refused:\n", value);
        dump_diags(&d);
    }
    gp_diags_free(&d);
    return m;
}

static void test_lengths(void)
{
    gp_arena a = {0};
    gp_diags d = {0};
    CHECK_NEAR(margin_of(&a, "54pt"), 54, 1e-9);
    CHECK_NEAR(margin_of(&a, "0.75in"), 54, 1e-9);
    CHECK_NEAR(margin_of(&a, "1in"), 72, 1e-9);
    CHECK_NEAR(margin_of(&a, "20mm"), 20 * 72 / 25.4, 1e-9);
    CHECK_NEAR(margin_of(&a, "2cm"), 2 * 72 / 2.54, 1e-9);
    CHECK_NEAR(margin_of(&a, "20mm"), margin_of(&a, "2cm"), 1e-9);
    CHECK_NEAR(margin_of(&a, "0.5 in"), 36, 1e-9); /* a space before the unit */
    CHECK_NEAR(margin_of(&a, "\"36pt\""), 36, 1e-9);
    CHECK_NEAR(margin_of(&a, "18pt"), 18, 1e-9);   /* the limits themselves */
    CHECK_NEAR(margin_of(&a, "2in"), 144, 1e-9);

    /* Every bad length in one file, each at its value. */
    load_bad(&a, &d, "lengths.yaml",
             "page:\n"
             "  margin: 20\n"
             "  size: legal\n",
             2);
    CHECK_DIAG(&d, 2, 11, "page `margin` `20` needs a unit: pt, in, mm or cm");
    CHECK_DIAG(&d, 3, 9, "unknown page size `legal`; use `letter`, `a4`, `a5`, `half-letter` or {width: ..., height: ...}");
    gp_diags_free(&d);
    static const struct {
        const char *value, *msg;
    } bad[] = {
        {"\"20\"", "page `margin` `20` needs a unit"},
        {"0.75", "page `margin` `0.75` needs a unit"},
        {"20px", "page `margin` has an unknown unit `px`; use pt, in, mm or cm"},
        {"1inch", "unknown unit `inch`"},
        {"1IN", "unknown unit `IN`"},
        {"in", "page `margin` must be a length like `0.75in` or `20mm`, not `in`"},
        {"0.1in", "page `margin` must be between 0.25in and 2in"},
        {"3in", "page `margin` must be between 0.25in and 2in"},
        {"-1cm", "page `margin` must be between 0.25in and 2in"},
        {"infpt", "page `margin` must be a length like `0.75in` or `20mm`, not `infpt`"},
        {"[1in]", "page `margin` must be a string, not a list"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        load_bad(&a, &d, "margin-bad.yaml", gp_arena_printf(&a, "page:\n  margin: %s\n", bad[i].value), 1);
        CHECK_DIAG(&d, 2, 11, bad[i].msg);
        gp_diags_free(&d);
    }
    /* Page size by name, any case. */
    gp_brand *b = load(&a, &d, "letter.yaml", "page: {size: Letter}\n");
    CHECK(b && b->page_w_pt == 612 && b->page_h_pt == 792);
    b = load(&a, &d, "a4.yaml", "page: {size: A4}\n");
    CHECK(b && b->page_h_pt > 841 && b->page_h_pt < 842);
    CHECK_EQ_INT(d.count, 0);
    load_bad(&a, &d, "page-list.yaml", "page: [a4]\n", 1);
    CHECK_DIAG(&d, 1, 7, "`page` must be a mapping");
    gp_diags_free(&d);
    load_bad(&a, &d, "page-key.yaml", "page:\n  sise: a4\n", 1);
    CHECK_DIAG(&d, 2, 3, "unknown key `sise` in `page`; did you mean `size`?");
    gp_diags_free(&d);
    gp_arena_free(&a);
}

/* Regression: read_length/read_page (src/style/brand.c) once accepted a NaN margin:
 * strtod parses "nan" and the range check `m < 18 || m > 144` is false for
 * NaN, so `margin: nanpt` loads as a NaN margin that poisons every layout
 * computation. It should be refused like any margin out of range. */
static void test_bug_nan_margin(void)
{
    gp_arena a = {0};
    gp_diags d = {0};
    load_bad(&a, &d, "margin-nan.yaml", "page:\n  margin: nanpt\n", 1);
    CHECK_DIAG(&d, 2, 11, "page `margin` must be a length like `0.75in` or `20mm`, not `nanpt`");
    gp_diags_free(&d);
    load_bad(&a, &d, "margin-hex.yaml", "page:\n  margin: 0x20pt\n", 1);
    CHECK_DIAG(&d, 2, 11, "page `margin` has an unknown unit `x20pt`; use pt, in, mm or cm");
    gp_diags_free(&d);
    gp_arena_free(&a);
}

static void test_colors(void)
{
    gp_arena a = {0};
    gp_diags d = {0};
    load_bad(&a, &d, "colors.yaml",
             "colors:\n"
             "  primary: red\n"
             "  accent: \"#12345\"\n"
             "  panel: \"#gggggg\"\n"
             "  text: #c8102e\n"
             "  shade: \"#000000\"\n",
             5);
    CHECK_DIAG(&d, 2, 12,
               "colour `primary` must be a colour written `#rrggbb` (like \"#c8102e\") or `cmyk(C, M, Y, K)`, not `red`");
    CHECK_DIAG(&d, 3, 11, "colour `accent` must be a colour written `#rrggbb`");
    CHECK_DIAG(&d, 4, 10, "not `#gggggg`");
    /* Unquoted, `#` starts a YAML comment: the value is empty, and the message says what to type. */
    CHECK_DIAG(&d, 5, 9, "colour `text` is empty: a colour starts with #, which starts a comment in YAML; write it in "
                         "quotes: \"#c8102e\"");
    CHECK_DIAG(&d, 6, 3, "unknown key `shade` in `colors`");
    gp_diags_free(&d);
    /* cmyk(...): four inks in percent, kept as inks and shown as their naive RGB */
    gp_diags d2 = {0};
    gp_brand *b = load(&a, &d2, "cmyk.yaml",
                       "colors:\n  primary: \"cmyk(0, 60, 100, 0)\"\n  text: cmyk(0,0,0,100%)\n  accent: \"#1d1d1b\"\n");
    CHECK(b && b->primary.cmyk && b->text.cmyk && !b->accent.cmyk && gp_brand_prints_cmyk(b));
    CHECK(b && b->primary.c == 0 && fabs(b->primary.m - 0.6) < 1e-9 && b->primary.y == 1 && b->primary.k == 0);
    CHECK(b && b->primary.r == 1 && fabs(b->primary.g - 0.4) < 1e-9 && b->primary.b == 0 && b->text.r == 0);
    gp_diags_free(&d2);
    static const char *const bad_inks[] = {"cmyk(0, 60, 100)", "cmyk(0, 60, 100, 101)", "cmyk(-1, 0, 0, 0)",
                                           "cmyk(0, 0, 0, 0) x", "cmyk(a, 0, 0, 0)",
                                           "cmyk(0x10, 0, 0, 0)", "cmyk(1e1, 0, 0, 0)"};
    for (size_t i = 0; i < sizeof bad_inks / sizeof *bad_inks; i++) {
        gp_diags d3 = {0};
        load_bad(&a, &d3, "ink.yaml", gp_arena_printf(&a, "colors:\n  panel: \"%s\"\n", bad_inks[i]), 1);
        CHECK_DIAG(&d3, 2, 10, "colour `panel` must be four inks in percent, written `cmyk(C, M, Y, K)`");
        gp_diags_free(&d3);
    }
    load_bad(&a, &d, "colours.yaml", "colours:\n  primary: \"#000000\"\n", 1);
    CHECK_DIAG(&d, 1, 1, "unknown key `colours` in the brand file; did you mean `colors`?");
    gp_diags_free(&d);
    load_bad(&a, &d, "colors-list.yaml", "colors: [\"#000000\"]\n", 1);
    CHECK_DIAG(&d, 1, 9, "`colors` must be a mapping");
    gp_diags_free(&d);
    gp_arena_free(&a);
}

/* Readable colours: WCAG contrast of small-text colours against the page
 * and the panel, warned at the colour's line (or the panel's). */
static void test_readable_colors(void)
{
    gp_rgb black = {.r = 0}, white = {.r = 1, .g = 1, .b = 1}, grey = {.r = 0.5, .g = 0.5, .b = 0.5};
    CHECK_NEAR(gp_rgb_contrast(black, white), 21, 1e-9);
    CHECK_NEAR(gp_rgb_contrast(white, black), 21, 1e-9);
    CHECK_NEAR(gp_rgb_contrast(grey, white), 3.98, 0.01);
    CHECK_NEAR(gp_rgb_gray((gp_rgb){.r = 1, .g = 0, .b = 0}), 0.3, 1e-9);
    /* Why no separate 40%-grey rule: every colour that prints lighter than
     * 40% grey already fails 4.5:1 on white. */
    bool light_and_readable = false;
    for (int r = 0; r <= 255; r += 5)
        for (int g = 0; g <= 255; g += 5)
            for (int b = 0; b <= 255; b += 5) {
                gp_rgb c = {.r = r / 255.0, .g = g / 255.0, .b = b / 255.0};
                light_and_readable |= gp_rgb_gray(c) > 0.6 && gp_rgb_contrast(c, white) >= 4.5;
            }
    CHECK(!light_and_readable);

    gp_arena a = {0};
    gp_diags d = {0};
    CHECK(load(&a, &d, "pale.yaml",
               "colors:\n"
               "  primary: \"#f08080\"\n"
               "  accent: \"#767676\"\n"
               "  text: \"#333333\"\n"
               "  panel: \"#555555\"\n"));
    CHECK_EQ_INT(d.errors, 0);
    CHECK_EQ_INT(d.count, 2);
    CHECK_WARN(&d, 2, 12, "colour `primary` sets printed addresses, question numbers, bullets and links, "
                          "but has a contrast of only 2.6:1 against the page (it prints as 37% grey); small text "
                          "needs at least 4.5:1 to be readable: choose a darker `primary`");
    /* #767676 is the lightest grey with 4.5:1 on white: no warning */
    CHECK_WARN(&d, 4, 9, "colour `text` sets body text, but has a contrast of only 1.7:1 against the panel colour");
    gp_diags_free(&d);
    /* the built-in text colour on a dark panel: warned at the panel's line */
    CHECK(load(&a, &d, "dark-panel.yaml", "name: Club\ncolors:\n  panel: \"#202020\"\n"));
    CHECK_EQ_INT(d.count, 2);
    CHECK_WARN(&d, 3, 10, "colour `primary` sets printed addresses");
    CHECK_WARN(&d, 3, 10, "colour `text` sets body text, but has a contrast of only 1.0:1 against the panel colour");
    gp_diags_free(&d);
    /* readable colours, and the shipped brands: silent */
    CHECK(load(&a, &d, "ok.yaml", "colors: {primary: \"#9e1c29\", accent: \"#595959\", panel: \"#f3efe6\"}\n"));
    CHECK_EQ_INT(d.count, 0);
    gp_diags_free(&d);
    static const char *const shipped[] = {"content/brands/influence.yaml", "content/brands/riverside.yaml",
                                          "content/brands/cinemateca.yaml"};
    for (int i = 0; i < 3; i++) {
        CHECK(gp_brand_load(&a, shipped[i], font_dir, &d));
        CHECK_EQ_INT(d.count, 0);
        gp_diags_free(&d);
    }
    gp_arena_free(&a);
}

static void test_labels_footer(void)
{
    gp_arena a = {0};
    gp_diags d = {0};
    gp_brand *b = load(&a, &d, "labels.yaml",
                       "labels:\n"
                       "  also_by: \"Du même réalisateur :\"\n"
                       "  summary: Résumé\n"
                       "  themes: Thèmes\n"
                       "  questions: Questions\n"
                       "  notes: Notes\n"
                       "  facts: Faits\n"
                       "  actions: Agir\n"
                       "  reviews: Critiques\n"
                       "  reading: Lectures\n"
                       "  qa: Entretien\n"
                       "  watch: Où voir le film\n"
                       "  directed_by: Réalisé par\n"
                       "  continued: suite\n");
    CHECK(b != NULL);
    CHECK_EQ_INT(d.count, 0);
    if (b) {
        static const char *const want[GP_LABEL_COUNT] = {
            "Du même réalisateur :", "Résumé",    "Thèmes",    "Questions", "Notes",       "Faits", "Agir",
            "Critiques",             "Lectures",  "Entretien", "Où voir le film", "Réalisé par", "suite"};
        for (int i = 0; i < GP_LABEL_COUNT; i++)
            CHECK(str_is(b->labels[i], want[i]));
    }
    load_bad(&a, &d, "labels-bad.yaml", "labels:\n  question: Q\n  notes: \"\"\n  summary: [a]\n", 3);
    CHECK_DIAG(&d, 2, 3, "unknown key `question` in `labels`; did you mean `questions`?");
    CHECK_DIAG(&d, 3, 10, "label `notes` must not be empty");
    CHECK_DIAG(&d, 4, 12, "label `summary` must be a string, not a list");
    gp_diags_free(&d);

    /* Footers: placeholders only from the list. */
    static const char *const good[] = {"\"{name} · {title} · {page}/{pages}\"", "Page {page}", "plain text",
                                       "\"{pages}{page}{title}{name}\""};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        b = load(&a, &d, "footer.yaml", gp_arena_printf(&a, "footer: %s\n", good[i]));
        CHECK(b != NULL);
        CHECK_EQ_INT(d.count, 0);
        gp_diags_free(&d);
    }
    load_bad(&a, &d, "footer-bad.yaml", "footer: \"{date} and {page} and {Name}\"\n", 2);
    CHECK_DIAG(&d, 1, 9, "`footer` has an unknown placeholder `{date}`; use {name}, {title}, {page} or {pages}");
    CHECK_DIAG(&d, 1, 9, "unknown placeholder `{Name}`");
    gp_diags_free(&d);
    load_bad(&a, &d, "footer-open.yaml", "footer: \"{page} of {pages\"\n", 1);
    CHECK_DIAG(&d, 1, 9, "`footer` has a `{` without a closing `}`");
    gp_diags_free(&d);
    load_bad(&a, &d, "footer-empty.yaml", "footer: \"{}\"\n", 1);
    CHECK_DIAG(&d, 1, 9, "unknown placeholder `{}`");
    gp_diags_free(&d);
    gp_arena_free(&a);
}

/* `direction:`: ltr or rtl, nothing else; unset by default. */
static void test_direction(void)
{
    gp_arena a = {0};
    gp_diags d = {0};
    gp_brand *b = load(&a, &d, "rtl.yaml", "direction: rtl\n");
    CHECK(b && str_is(b->direction, "rtl"));
    b = load(&a, &d, "plain.yaml", "name: Plain\n");
    CHECK(b && b->direction == NULL);
    CHECK_EQ_INT(d.count, 0);
    load_bad(&a, &d, "dir-bad.yaml", "direction: RTL\n", 1);
    CHECK_DIAG(&d, 1, 12, "`direction` must be `ltr` or `rtl`, not `RTL`");
    gp_diags_free(&d);
    gp_arena_free(&a);
}

/* The content's setting wins over the brand's, one setting at a time; the
 * direction falls back to the language that wins. */
static void test_guide_settings(void)
{
    gp_arena a = {0};
    gp_diags d = {0};
    gp_brand *b = load(&a, &d, "fr.yaml", "language: fr\nsmart_punctuation: true\n");
    CHECK(b != NULL);
    if (!b)
        return;
    gp_doc doc = {.smart_punctuation = -1};
    gp_guide_settings s = gp_guide_settings_of(&doc, b);
    CHECK(str_is(s.language, "fr") && s.language_loc.line == 1 && s.smart_punctuation && !s.rtl);
    doc = (gp_doc){.language = "fa", .language_loc = {"guide.yaml", 3, 11}, .smart_punctuation = 0};
    s = gp_guide_settings_of(&doc, b);
    CHECK(str_is(s.language, "fa") && s.language_loc.line == 3 && !s.smart_punctuation && s.rtl);
    doc.direction = "ltr";
    CHECK(!gp_guide_settings_of(&doc, b).rtl);
    b->direction = "rtl"; /* the brand's direction beats the content's language, not its direction */
    CHECK(!gp_guide_settings_of(&doc, b).rtl);
    doc = (gp_doc){.smart_punctuation = -1};
    CHECK(gp_guide_settings_of(&doc, b).rtl);
    CHECK_EQ_INT(d.count, 0);
    gp_diags_free(&d);
    gp_arena_free(&a);
}

static void test_logo_and_misc(void)
{
    gp_arena a = {0};
    gp_diags d = {0};
    load_bad(&a, &d, "logo-bad.yaml", gp_arena_printf(&a, "logo: %s\n", truncated_png), 1);
    CHECK_DIAG(&d, 1, 7, "truncated or corrupt PNG image");
    CHECK(d.count == 1 && strstr(d.items[0].message, "logo `") && strstr(d.items[0].message, truncated_png));
    gp_diags_free(&d);
    load_bad(&a, &d, "logo-missing.yaml", "logo: no-such-logo.png\n", 1);
    CHECK_DIAG(&d, 1, 7, "logo `no-such-logo.png`: cannot open image: No such file or directory");
    gp_diags_free(&d);
    /* A relative logo is relative to the brand file. */
    char link[PATH_MAX];
    snprintf(link, sizeof link, "%s/logo.png", tmpdir);
    CHECK(symlink(good_png, link) == 0);
    gp_brand *b = load(&a, &d, "logo-rel.yaml", "logo: logo.png\n");
    CHECK(b && b->logo && str_is(b->logo->path, link));
    unlink(link);
    CHECK_EQ_INT(d.count, 0);

    load_bad(&a, &d, "strings.yaml", "name: [a]\ntagline: \"\"\nurl: {a: b}\nextra: 1\n", 4);
    CHECK_DIAG(&d, 1, 7, "`name` must be a string, not a list");
    CHECK_DIAG(&d, 2, 10, "`tagline` must not be empty");
    CHECK_DIAG(&d, 3, 6, "`url` must be a string, not a mapping");
    CHECK_DIAG(&d, 4, 1, "unknown key `extra` in the brand file; known keys: `name`");
    gp_diags_free(&d);
    load_bad(&a, &d, "list.yaml", "- name\n", 1);
    CHECK_DIAG(&d, 1, 1, "a brand file must be a mapping");
    gp_diags_free(&d);
    load_bad(&a, &d, "back.yaml", "back_page:\n  heading: H\n  body: \"\"\n  footer: x\n", 2);
    CHECK_DIAG(&d, 3, 9, "`body` must not be empty");
    CHECK_DIAG(&d, 4, 3, "unknown key `footer` in `back_page`");
    gp_diags_free(&d);
    /* A brand file that is not there. */
    const char *none = gp_arena_printf(&a, "%s/none.yaml", tmpdir);
    CHECK(gp_brand_load(&a, none, font_dir, &d) == NULL);
    CHECK_ERRORS(&d, 1);
    CHECK(d.count == 1 && d.items[0].loc.line == 0 && d.items[0].loc.file && !strcmp(d.items[0].loc.file, none));
    gp_diags_free(&d);
    gp_arena_free(&a);
}

/* ---- fonts ---- */

static void test_fonts_bundled_and_files(void)
{
    gp_arena a = {0};
    gp_diags d = {0};
    const char *lato_it = gp_arena_printf(&a, "%s/Lato-Italic.ttf", font_dir);
    gp_brand *b = load(&a, &d, "fonts1.yaml",
                       gp_arena_printf(&a,
                                       "fonts:\n"
                                       "  heading: Open Sans\n"
                                       "  quote: %s\n"
                                       "  body:\n"
                                       "    regular: %s/NotoSerif-Regular.ttf\n"
                                       "    italic: %s/NotoSerif-Italic.ttf\n",
                                       lato_it, font_dir, font_dir));
    CHECK(b != NULL);
    CHECK_ERRORS(&d, 0);
    if (b) {
        /* A bundled family: its four faces in fonts/. */
        check_family(&b->fonts[GP_ROLE_HEADING], "OpenSans");
        /* A single file: every face. */
        for (int f = 0; f < GP_FACE_COUNT; f++)
            CHECK(str_is(b->fonts[GP_ROLE_QUOTE].faces[f].path, lato_it));
        /* A mapping: the faces given, the regular for the rest, with a warning each. */
        const gp_font_family *body = &b->fonts[GP_ROLE_BODY];
        CHECK(ends_with(body->faces[GP_FACE_REGULAR].path, "/NotoSerif-Regular.ttf"));
        CHECK(ends_with(body->faces[GP_FACE_ITALIC].path, "/NotoSerif-Italic.ttf"));
        CHECK(str_is(body->faces[GP_FACE_BOLD].path, body->faces[GP_FACE_REGULAR].path));
        CHECK(str_is(body->faces[GP_FACE_BOLD_ITALIC].path, body->faces[GP_FACE_REGULAR].path));
    }
    CHECK_EQ_INT(d.count, 2);
    CHECK_WARN(&d, 5, 5, "font `body` has no `bold` face; the regular face is used instead");
    CHECK_WARN(&d, 5, 5, "font `body` has no `bold_italic` face; the regular face is used instead");
    gp_diags_free(&d);

    /* A relative font file is relative to the brand file. */
    char link[PATH_MAX];
    snprintf(link, sizeof link, "%s/Mine.ttf", tmpdir);
    CHECK(symlink(lato_it, link) == 0);
    b = load(&a, &d, "fonts-rel.yaml", "fonts:\n  body: Mine.ttf\n  heading: {regular: ./Mine.ttf, bold: Mine.ttf, "
                                       "italic: Mine.ttf, bold_italic: Mine.ttf}\n");
    CHECK(b && str_is(b->fonts[GP_ROLE_BODY].faces[GP_FACE_BOLD].path, link));
    CHECK(b && ends_with(b->fonts[GP_ROLE_HEADING].faces[GP_FACE_REGULAR].path, "/./Mine.ttf"));
    CHECK_EQ_INT(d.count, 0);
    unlink(link);
    gp_diags_free(&d);

    /* Problems with files and mappings, all in one run. */
    load_bad(&a, &d, "fonts-bad.yaml",
             "fonts:\n"
             "  heading: nowhere/NoSuchFont.ttf\n"
             "  body:\n"
             "    italic: x.ttf\n"
             "    bld: y.ttf\n"
             "  quote: [a, b]\n"
             "  title: Lato\n",
             5);
    CHECK_DIAG(&d, 2, 12, "font `");
    CHECK_DIAG(&d, 2, 12, "nowhere/NoSuchFont.ttf` cannot be opened (No such file or directory)");
    CHECK_DIAG(&d, 4, 5, "font `body` is missing the required key `regular`");
    CHECK_DIAG(&d, 5, 5, "unknown key `bld` in font `body`; did you mean `bold`?");
    CHECK_DIAG(&d, 6, 10, "font `quote` must be a family name, a file or a mapping of faces");
    CHECK_DIAG(&d, 7, 3, "unknown key `title` in `fonts`");
    gp_diags_free(&d);
    gp_arena_free(&a);
}

static void test_fonts_installed(void)
{
    gp_arena a = {0};
    gp_diags d = {0};
    if (have("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")) {
        gp_brand *b = load(&a, &d, "dejavu.yaml", "fonts:\n  body: DejaVu Sans\n");
        CHECK(b != NULL);
        CHECK_ERRORS(&d, 0);
        if (b) {
            const gp_font_family *f = &b->fonts[GP_ROLE_BODY];
            CHECK(ends_with(f->faces[GP_FACE_REGULAR].path, "/DejaVuSans.ttf"));
            CHECK(ends_with(f->faces[GP_FACE_BOLD].path, "/DejaVuSans-Bold.ttf"));
            for (int i = 0; i < GP_FACE_COUNT; i++)
                CHECK(is_font(&f->faces[i]));
        }
        gp_diags_free(&d);
    }
    load_bad(&a, &d, "unknown-family.yaml", "fonts:\n  heading: No Such Family Anywhere\n", 1);
    CHECK_DIAG(&d, 2, 12,
               "font family `No Such Family Anywhere` is neither bundled with guidepress nor installed (see fc-list)");
    gp_diags_free(&d);

    /* a variable font at a weight: a number or a named instance; 0 is no weight */
    gp_brand *var = load(&a, &d, "var.yaml",
                         "fonts:\n  body: {file: " INTER_VAR ", weight: 600}\n"
                         "  heading: {file: " INTER_VAR ", weight: extrabold}\n");
    CHECK(var != NULL);
    CHECK_ERRORS(&d, 0);
    if (var) {
        CHECK(var->fonts[GP_ROLE_BODY].faces[GP_FACE_BOLD].weight == 600);
        CHECK(var->fonts[GP_ROLE_HEADING].faces[GP_FACE_REGULAR].weight == 800);
        CHECK(var->fonts[GP_ROLE_QUOTE].faces[GP_FACE_REGULAR].weight == 0);
    }
    gp_diags_free(&d);
    /* a family at a weight it has as a static face: that face (Inter-SemiBold.otf) */
    gp_brand *fixed = load(&a, &d, "fixed.yaml", "fonts:\n  body: {family: Inter, weight: 600}\n");
    CHECK(fixed != NULL);
    CHECK_ERRORS(&d, 0);
    if (fixed) {
        CHECK(ends_with(fixed->fonts[GP_ROLE_BODY].faces[GP_FACE_REGULAR].path, "/Inter-SemiBold.otf"));
        CHECK(ends_with(fixed->fonts[GP_ROLE_BODY].faces[GP_FACE_ITALIC].path, "/Inter-SemiBoldItalic.otf"));
    }
    gp_diags_free(&d);
    load_bad(&a, &d, "var0.yaml", "fonts:\n  body: {file: " INTER_VAR ", weight: 0}\n", 1);
    CHECK_DIAG(&d, 2, 80, "`weight` must be a number from 1 to 1000");
    gp_diags_free(&d);

    /* OpenType/CFF: a file, a family (EB Garamond), a face of a collection (.ttc of CFF fonts) */
    CHECK(have(OTF) && have(NOTO_CJK));
    gp_brand *otf = load(&a, &d, "otf.yaml",
                         "fonts:\n  body: " OTF "\n  heading: EB Garamond\n"
                         "  quote: {file: " NOTO_CJK ", index: 2}\n");
    CHECK(otf != NULL);
    CHECK_ERRORS(&d, 0);
    if (otf) {
        CHECK(str_is(otf->fonts[GP_ROLE_BODY].faces[GP_FACE_REGULAR].path, OTF));
        CHECK(ends_with(otf->fonts[GP_ROLE_HEADING].faces[GP_FACE_REGULAR].path, ".otf"));
        CHECK(otf->fonts[GP_ROLE_QUOTE].faces[GP_FACE_REGULAR].index == 2);
    }
    gp_diags_free(&d);

    if (have(WQY)) {
        gp_brand *b = load(&a, &d, "ttc.yaml",
                           "fonts:\n"
                           "  body:\n"
                           "    regular: {file: " WQY ", index: 0}\n"
                           "    bold: {file: " WQY ", index: 2}\n"
                           "    italic: " WQY "\n"
                           "    bold_italic: {file: " WQY "}\n"
                           "  fallback: [WenQuanYi Zen Hei, {file: " WQY ", index: 1}]\n");
        CHECK(b != NULL);
        CHECK_ERRORS(&d, 0);
        if (b) {
            const gp_font_family *f = &b->fonts[GP_ROLE_BODY];
            CHECK(str_is(f->faces[GP_FACE_REGULAR].path, WQY) && f->faces[GP_FACE_REGULAR].index == 0);
            CHECK(str_is(f->faces[GP_FACE_BOLD].path, WQY) && f->faces[GP_FACE_BOLD].index == 2);
            CHECK(f->faces[GP_FACE_ITALIC].index == 0 && f->faces[GP_FACE_BOLD_ITALIC].index == 0);
            CHECK_EQ_INT(b->nfallback, 2);
            if (b->nfallback == 2) {
                CHECK(!b->fallback[0].path && str_is(b->fallback[0].family, "WenQuanYi Zen Hei"));
                CHECK(str_is(b->fallback[1].path, WQY) && b->fallback[1].index == 1);
            }
        }
        gp_diags_free(&d);
        load_bad(&a, &d, "ttc-bad.yaml",
                 "fonts:\n"
                 "  body: {regular: {file: " WQY ", index: 99}}\n"
                 "  heading:\n"
                 "    regular: {file: " WQY ", index: -1}\n"
                 "  quote:\n"
                 "    regular: {file: " WQY ", size: 3}\n",
                 3);
        CHECK_DIAG(&d, 2, 19, "holds 3 fonts; index 99 does not exist");
        CHECK_DIAG(&d, 4, 74, "`index` must be between 0 and 1000, not -1");
        CHECK_DIAG(&d, 6, 67, "unknown key `size` in a font; did you mean `file`?");
        gp_diags_free(&d);
        /* An index on a plain .ttf. */
        load_bad(&a, &d, "ttf-index.yaml",
                 gp_arena_printf(&a, "fonts:\n  body: {regular: {file: %s/Lato-Regular.ttf, index: 1}}\n", font_dir), 1);
        CHECK(d.count == 1 && strstr(d.items[0].message, "is not a font collection; only index 0 exists"));
        gp_diags_free(&d);
    }

    /* Fallbacks that cannot work. */
    load_bad(&a, &d, "fallback-bad.yaml", "fonts:\n  fallback: [No Such Family Anywhere, \"\", missing.ttf]\n", 2);
    CHECK_DIAG(&d, 2, 39, "a fallback font must not be empty");
    CHECK_DIAG(&d, 2, 43, "missing.ttf` cannot be opened");
    gp_diags_free(&d);
    /* An installed family is looked up when first needed (or by --check),
     * and reported where the brand names it. */
    {
        gp_brand *b = load(&a, &d, "fallback-lazy.yaml", "fonts:\n  fallback: [No Such Family Anywhere, Lato]\n");
        CHECK(b != NULL);
        CHECK_ERRORS(&d, 0);
        if (b) {
            CHECK_EQ_INT(b->nfallback, 2);
            CHECK(b->fallback[0].path == NULL && str_is(b->fallback[0].family, "No Such Family Anywhere"));
            CHECK(b->fallback[1].path && strstr(b->fallback[1].path, "Lato-Regular.ttf")); /* bundled: at once */
            CHECK(!gp_brand_check_fallbacks(&a, b, &d));
            CHECK_ERRORS(&d, 1);
            CHECK_DIAG(&d, 2, 14, "font family `No Such Family Anywhere` is neither bundled");
            gp_diags_free(&d);
            gp_font_file f = b->fallback[0];
            CHECK(!gp_brand_resolve_fallback(&a, &f, &d));
            CHECK_DIAG(&d, 2, 14, "font family `No Such Family Anywhere` is neither bundled");
        }
        gp_diags_free(&d);
    }
    /* Not a font at all. */
    load_bad(&a, &d, "not-font.yaml", gp_arena_printf(&a, "fonts:\n  body: %s\n", good_png), 1);
    CHECK_DIAG(&d, 2, 9, "is not a font file");
    gp_diags_free(&d);
    gp_arena_free(&a);
}

/* OS/2 fsType: restricted, no-subsetting and bitmap-only fonts are refused at
 * their line; preview & print is allowed with a warning; editable and
 * installable silently. The least restrictive usage bit wins. */
static void test_font_licences(void)
{
    gp_arena a = {0};
    gp_diags d = {0};
    static const struct {
        unsigned fs_type;
        const char *error; /* NULL: usable */
    } cases[] = {
        {0x0002, "has a restricted licence that forbids embedding it (OS/2 fsType 0x0002)"},
        {0x0003, "has a restricted licence"},
        {0x0100, "may only be embedded whole (OS/2 fsType 0x0100: no subsetting)"},
        {0x0108, "no subsetting"},
        {0x0204, "may only be embedded as bitmaps (OS/2 fsType 0x0204)"},
        {0x0000, NULL},
        {0x0008, NULL},
        {0x000A, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *font = lato_with_fs_type(&a, cases[i].fs_type);
        const char *brand = gp_arena_printf(&a, "fonts:\n  body: %s\n", font);
        if (cases[i].error) {
            load_bad(&a, &d, "licence-bad.yaml", brand, 1);
            CHECK_DIAG(&d, 2, 9, cases[i].error);
            CHECK_DIAG(&d, 2, 9, "ask the foundry for a licence that allows embedding, or choose another font");
            CHECK_DIAG(&d, 2, 9, font);
        } else {
            gp_brand *b = load(&a, &d, "licence-ok.yaml", brand);
            CHECK(b && str_is(b->fonts[GP_ROLE_BODY].faces[GP_FACE_REGULAR].path, font));
            CHECK_EQ_INT(d.count, 0);
        }
        gp_diags_free(&d);
    }
    /* Preview & print: a warning at its line, and the font is used. */
    for (unsigned fs_type = 0x0004; fs_type <= 0x0006; fs_type += 2) {
        const char *font = lato_with_fs_type(&a, fs_type);
        gp_brand *b = load(&a, &d, "licence-preview.yaml",
                           gp_arena_printf(&a, "fonts:\n  heading: Lato\n  quote:\n    regular: %s\n", font));
        CHECK(b && str_is(b->fonts[GP_ROLE_QUOTE].faces[GP_FACE_REGULAR].path, font));
        CHECK_ERRORS(&d, 0);
        CHECK_WARN(&d, 4, 14, "may be embedded for preview and print only");
        gp_diags_free(&d);
    }
    /* A restricted fallback is skipped with a warning; the guide goes on. */
    const char *restricted = lato_with_fs_type(&a, 0x0002);
    gp_brand *b = load(&a, &d, "licence-fallback.yaml",
                       gp_arena_printf(&a, "fonts:\n  fallback: [%s, Lato]\n", restricted));
    CHECK(b != NULL);
    CHECK_ERRORS(&d, 0);
    CHECK_WARN(&d, 2, 14, "fallback font `");
    CHECK_WARN(&d, 2, 14, "has a restricted licence that forbids embedding it (OS/2 fsType 0x0002); ask the foundry");
    CHECK_WARN(&d, 2, 14, "; it is skipped");
    if (b) {
        CHECK_EQ_INT(b->nfallback, 1);
        CHECK(b->nfallback == 1 && strstr(b->fallback[0].path, "/Lato-Regular.ttf"));
    }
    gp_diags_free(&d);
    /* ... and so is one fontconfig finds when it is first needed. Open Sans
     * is bundled, not installed: fontconfig knows only this copy. */
    const char *open_sans = patched_font(&a, gp_arena_printf(&a, "%s/OpenSans-Regular.ttf", font_dir),
                                         "OpenSans-Restricted.ttf", "OS/2", 8, (const unsigned char[]){0, 2}, 2, 0);
    CHECK(FcConfigAppFontAddFile(NULL, (const FcChar8 *)open_sans));
    gp_loc at = {"brand.yaml", 3, 5};
    gp_font_file f = {.family = "Open Sans", .loc = at};
    CHECK(!gp_brand_resolve_fallback(&a, &f, &d));
    CHECK(f.path == NULL);
    CHECK_ERRORS(&d, 0);
    CHECK_WARN(&d, 3, 5, "OpenSans-Restricted.ttf` has a restricted licence");
    CHECK_WARN(&d, 3, 5, "; it is skipped");
    gp_diags_free(&d);
    gp_arena_free(&a);
}

/* Files that are not fonts guidepress can read, each refused at its line
 * with what to do. */
static void test_font_formats(void)
{
    gp_arena a = {0};
    gp_diags d = {0};
    write_bytes(&a, "club.woff2", (const unsigned char *)"wOF2\0\1\0\0\0\0\0\0\0\0\0\0", 16);
    write_bytes(&a, "club.woff", (const unsigned char *)"wOFF\0\1\0\0\0\0\0\0\0\0\0\0", 16);
    const char *lato = gp_arena_printf(&a, "%s/Lato-Regular.ttf", font_dir);
    const unsigned char os2[2] = {0, 0}; /* Lato's own fsType */
    const char *truncated = patched_font(&a, lato, "truncated.ttf", "OS/2", 8, os2, 2, 4096);
    load_bad(&a, &d, "formats.yaml",
             gp_arena_printf(&a,
                             "fonts:\n"
                             "  heading: club.woff2\n"
                             "  body: {file: club.woff}\n"
                             "  quote: %s\n",
                             truncated),
             3);
    CHECK_DIAG(&d, 2, 12, "club.woff2` is a WOFF2 web font, which guidepress cannot read; convert it to .ttf or .otf "
                          "first, e.g. with `woff2_decompress` from Debian's woff2 package");
    CHECK_DIAG(&d, 3, 9, "club.woff` is a WOFF web font");
    CHECK_DIAG(&d, 3, 9, "`woff2sfnt` from Debian's woff-tools package");
    CHECK_DIAG(&d, 4, 10, "truncated.ttf` is truncated or damaged (its tables run past the end of the file)");
    gp_diags_free(&d);
    if (have(OTF)) {
        /* CFF header major version 9; a Name INDEX with offsets of 0 bytes. */
        const char *bad_major = patched_font(&a, OTF, "bad-major.otf", "CFF ", 0, (const unsigned char[]){9}, 1, 0);
        const char *bad_index =
            patched_font(&a, OTF, "bad-index.otf", "CFF ", 4, (const unsigned char[]){0, 1, 0}, 3, 0);
        load_bad(&a, &d, "cff.yaml", gp_arena_printf(&a, "fonts:\n  body: %s\n  heading: %s\n", bad_major, bad_index),
                 2);
        CHECK_DIAG(&d, 2, 9, "bad-major.otf` has a damaged CFF table, so its outlines cannot be read");
        CHECK_DIAG(&d, 3, 12, "bad-index.otf` has a damaged CFF table");
        gp_diags_free(&d);
    }
    gp_arena_free(&a);
}

int main(void)
{
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    if (!realpath("fonts", font_dir) || !realpath("tests/fixtures/images/good.png", good_png) ||
        !realpath("tests/fixtures/images/truncated.png", truncated_png)) {
        perror("fonts/ and tests/fixtures/images (run from the repository root)");
        return 1;
    }
    setenv("GUIDEPRESS_FONTS", font_dir, 1);
    test_font_dir();
    test_default();
    test_resolve_fallback();
    test_font_for_char();
    test_direction();
    test_guide_settings();
    test_set_paper();
    test_small_pages();
    test_print_keys();
    test_full_brand();
    test_lengths();
    test_colors();
    test_readable_colors();
    test_labels_footer();
    test_logo_and_misc();
    test_fonts_bundled_and_files();
    test_fonts_installed();
    test_bug_nan_margin();
    test_font_licences();
    test_font_formats();
    remove_tree(tmpdir);
    gp_brand_cleanup();
    return harness_report();
}
