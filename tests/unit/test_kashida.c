/* Kashida justification (text/kashida.c, text/para.c): the joining table
 * against Debian's unicode-data ArabicShaping.txt, where a word takes its
 * kashida, and narrow justified Arabic set with tatweel strokes at allowed
 * joins only, the text unchanged. */
#include "harness.h"

#include "base/utf8.h"
#include "text/kashida.h"
#include "text/para.h"

#include <stdbool.h>
#include <stdlib.h>

static const char *const SHAPING_FILE = "/usr/share/unicode/ArabicShaping.txt";
static const char *const NASKH = "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf";

enum { MAXCP = 4096 };

static gp_joining file_type(char t)
{
    return t == 'D' ? GP_JOIN_DUAL : t == 'R' ? GP_JOIN_RIGHT : t == 'C' ? GP_JOIN_CAUSING : GP_JOIN_NONE;
}

/* Every letter of the Arabic blocks the table covers joins as the file says. */
static void test_table(void)
{
    FILE *f = fopen(SHAPING_FILE, "r");
    CHECK(f != NULL);
    if (!f)
        return;
    char line[512];
    size_t compared = 0;
    while (fgets(line, sizeof line, f)) {
        unsigned cp;
        char name[256], type;
        if (line[0] == '#' || sscanf(line, "%x; %255[^;]; %c", &cp, name, &type) != 3 || type == 'T')
            continue;
        if (!((cp >= 0x620 && cp <= 0x6FF) || (cp >= 0x750 && cp <= 0x77F)))
            continue;
        compared++;
        CHECK_EQ_INT(gp_joining_type(cp), file_type(type));
        if (gp_joining_type(cp) != file_type(type))
            fprintf(stderr, "    U+%04X\n", cp);
    }
    fclose(f);
    CHECK(compared > 150);
    CHECK_EQ_INT(gp_joining_type(0x064E), GP_JOIN_TRANSPARENT); /* fatha */
    CHECK_EQ_INT(gp_joining_type(0x200C), GP_JOIN_NONE);        /* ZWNJ */
    CHECK_EQ_INT(gp_joining_type('a'), GP_JOIN_NONE);
}

static bool anywhere(const void *ctx, size_t i)
{
    (void)ctx, (void)i;
    return true;
}

static bool nowhere(const void *ctx, size_t i)
{
    (void)ctx, (void)i;
    return false;
}

static size_t place(const char *word, bool (*may)(const void *, size_t))
{
    uint32_t cps[64];
    size_t n = 0, len = strlen(word);
    for (size_t i = 0; i < len && n < 64;)
        i += gp_utf8_decode(word + i, len - i, &cps[n++]);
    return gp_kashida_place(cps, n, may, NULL);
}

static void test_places(void)
{
    CHECK_EQ_INT(place("مسلم", anywhere), 2);   /* after the seen: م س | ل م */
    CHECK_EQ_INT(place("مسجد", anywhere), 2);   /* after the seen, not before the final dal */
    CHECK_EQ_INT(place("كتابة", anywhere), 4);  /* before the final teh marbuta */
    CHECK_EQ_INT(place("كتاب", anywhere), 2);   /* before the alef: the beh after it joins nothing */
    CHECK_EQ_INT(place("دار", anywhere), 0);    /* no letter joins the next */
    CHECK_EQ_INT(place("بر", anywhere), 0);     /* never before a final reh */
    CHECK_EQ_INT(place("سلام", nowhere), 0);    /* the glyphs allow none (a ligature) */
    CHECK_EQ_INT(place("سَلم", anywhere), 2);   /* after the seen and its fatha */
    CHECK_EQ_INT(place("film", anywhere), 0);
}

/* ---- a narrow justified paragraph ---- */

static gp_arena arena;
static gp_fontset fonts;
static gp_diags diags;

static const char *const arabic =
    "يحكي الفيلم قصة عائلة تعيش في مدينة صغيرة على ساحل البحر، حيث يعمل الأب صيادا منذ سنوات طويلة. "
    "عندما تصل شركة كبيرة لتبني ميناء جديدا، يجد الجميع أنفسهم أمام خيار صعب بين الماضي والمستقبل. "
    "تتابع الكاميرا الأطفال في المدرسة والنساء في السوق والرجال في القوارب، وتسمع أصواتهم دون تعليق.";

/* The next letter after the run's character i in logical order, skipping marks. */
static uint32_t letter_after(const gp_run *r, size_t i)
{
    for (i++; i < r->ntext && gp_joining_type(r->text[i]) == GP_JOIN_TRANSPARENT; i++)
        ;
    return i < r->ntext ? r->text[i] : 0;
}

/* Arabic justified 150 points wide at size_pt: without kashida, the word
 * spaces of its lines of two or three words stretch to 40 points, or a
 * line holds one word. */
static void test_paragraph(double size_pt)
{
    gp_font_file file = {.path = NASKH};
    gp_face *naskh = gp_fontset_open(&fonts, &file, &diags);
    CHECK(naskh != NULL);
    if (!naskh)
        return;
    gp_glyph tatweel;
    CHECK(gp_kashida_glyph(naskh, size_pt, &tatweel));
    gp_text_style st = {.size_pt = size_pt, .leading_pt = 1.6 * size_pt, .justify = true};
    for (int f = 0; f < GP_FACE_COUNT; f++)
        st.faces[f] = naskh;
    gp_textctx tc = {.a = &arena, .fonts = &fonts, .d = &diags, .language = "ar", .rtl = true};
    gp_span span = {arabic, 0, NULL, NULL};
    gp_para p = {.spans = &span, .count = 1};
    const double width = 150;
    gp_lines ls = gp_para_set(&tc, &p, &st, width, 0, (gp_loc){"test_kashida", 1, 1});
    CHECK(ls.count > 4);
    uint32_t text[MAXCP], src[MAXCP];
    size_t n = 0, nsrc = 0, tatweels = 0, one_word = 0;
    double widest_space = 0;
    for (size_t i = 0, len = strlen(arabic); i < len;)
        i += gp_utf8_decode(arabic + i, len - i, &src[nsrc++]);
    for (size_t l = 0; l < ls.count; l++) {
        const gp_line *ln = &ls.lines[l];
        size_t spaces = 0;
        for (size_t r = 0; r < ln->nruns; r++) {
            const gp_run *run = &ln->runs[r];
            for (size_t i = 0; i < run->ntext; i++) {
                spaces += run->text[i] == ' ';
                if (n < MAXCP)
                    text[n++] = run->text[i];
            }
            for (size_t g = 0; g < run->nglyphs; g++) {
                if (l + 1 < ls.count && run->text[run->glyphs[g].cluster] == ' ' && run->glyphs[g].adv > widest_space)
                    widest_space = run->glyphs[g].adv;
                if (run->glyphs[g].gid != tatweel.gid)
                    continue;
                tatweels++;
                /* at a join: after a dual-joining letter, before one that joins it */
                uint32_t before = run->text[run->glyphs[g].cluster], after = letter_after(run, run->glyphs[g].cluster);
                CHECK_EQ_INT(gp_joining_type(before), GP_JOIN_DUAL);
                CHECK(gp_joining_type(after) == GP_JOIN_DUAL || gp_joining_type(after) == GP_JOIN_RIGHT);
            }
        }
        if (l + 1 < ls.count) {
            one_word += spaces == 0;
            CHECK_NEAR(ln->width, width, 0.05); /* justified */
        }
        if (l + 1 < ls.count && n < MAXCP)
            text[n++] = ' ';
    }
    CHECK(tatweels > 0);
    CHECK_EQ_INT(one_word, 0);
    CHECK(widest_space < 0.5 * size_pt);
    if (widest_space >= 0.5 * size_pt)
        fprintf(stderr, "    at %g pt, a word space %.1f pt wide\n", size_pt, widest_space);
    /* the text as written: no tatweel in it */
    CHECK_EQ_INT(n, nsrc);
    CHECK(n == nsrc && !memcmp(text, src, n * sizeof *text));
}

int main(void)
{
    test_table();
    test_places();
    test_paragraph(12);
    test_paragraph(14);
    gp_fontset_close(&fonts);
    gp_diags_free(&diags);
    gp_arena_free(&arena);
    gp_fonts_cleanup();
    return harness_report();
}
