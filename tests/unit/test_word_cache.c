/* Tests for the store of shaped words (src/text/word_cache.c), run from the
 * repository root with Noto Serif and Lato from fonts/:
 *   - a word shaped twice is kept once and given back as HarfBuzz shaped it;
 *     each part of the key (face, features, direction, script) keeps a word
 *     of its own ("fi" with and without ligatures: one glyph, two glyphs);
 *   - a word longer than GP_SHAPE_MAX_CPS is shaped, exactly, and not kept,
 *     whether it has more glyphs than a kept word may or fewer;
 *   - a store at its limit starts afresh: it never holds more than its
 *     limit allows, and what it gives is still HarfBuzz's;
 *   - the faces' generation ending (gp_fonts_cleanup) empties the store. */
#include "base/diag.h"
#include "text/font.h"
#include "text/word_cache.h"

#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static gp_fontset fonts;
static gp_diags diags;
static gp_face *noto, *lato;
static const gp_features no_features = {NULL, 0};

static gp_face *open_face(const char *path)
{
    gp_font_file f = {.path = path};
    gp_face *face = gp_fontset_open(&fonts, &f, &diags);
    if (!face)
        fprintf(stderr, "  cannot open %s\n", path);
    CHECK(face != NULL);
    return face;
}

/* The code points of an ASCII word. */
static size_t word(const char *s, uint32_t *cps)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i++)
        cps[i] = (unsigned char)s[i];
    return n;
}

/* Whether g[0, n) is what HarfBuzz gives for the word now, in f's units. */
static bool as_harfbuzz_shapes(gp_face *f, const char *s, bool rtl, hb_script_t script, gp_features features,
                               const gp_glyph *g, size_t n)
{
    uint32_t cps[64];
    gp_glyph kept[64];
    if (n > 64)
        return false;
    memcpy(kept, g, n * sizeof *g); /* g may be the face's own buffer, which shaping overwrites */
    const gp_glyph *now;
    size_t want = gp_face_shape_script(f, cps, word(s, cps), f->upem, rtl, script, features, &now);
    return want == n && !memcmp(now, kept, n * sizeof *kept);
}

/* The word s from c, checked against HarfBuzz; its number of glyphs. */
static size_t shaped(struct gp_shape_cache *c, gp_face *f, const char *s, bool rtl, hb_script_t script,
                     gp_features features)
{
    uint32_t cps[64];
    size_t n;
    const gp_glyph *g = gp_shaped_word(&c, NULL, f, cps, word(s, cps), rtl, script, features, &n);
    CHECK(as_harfbuzz_shapes(f, s, rtl, script, features, g, n));
    return n;
}

static void test_hit_and_miss(void)
{
    struct gp_shape_cache *c = gp_shape_cache_new(1 << 20);
    gp_font_feature liga_off[1] = {{HB_TAG('l', 'i', 'g', 'a'), 0}};
    gp_features no_liga = {liga_off, 1};
    CHECK_EQ_INT(gp_shape_cache_count(c), 0);
    CHECK_EQ_INT(shaped(c, noto, "film", false, HB_SCRIPT_LATIN, no_features), 3); /* the fi ligature */
    CHECK_EQ_INT(gp_shape_cache_count(c), 1);
    CHECK_EQ_INT(shaped(c, noto, "film", false, HB_SCRIPT_LATIN, no_features), 3);
    CHECK_EQ_INT(gp_shape_cache_count(c), 1); /* a hit */
    CHECK_EQ_INT(shaped(c, noto, "film", false, HB_SCRIPT_LATIN, no_liga), 4);
    CHECK_EQ_INT(gp_shape_cache_count(c), 2);
    shaped(c, lato, "film", false, HB_SCRIPT_LATIN, no_features);
    CHECK_EQ_INT(gp_shape_cache_count(c), 3);
    shaped(c, noto, "film", true, HB_SCRIPT_LATIN, no_features);
    CHECK_EQ_INT(gp_shape_cache_count(c), 4);
    shaped(c, noto, "film", false, HB_SCRIPT_COMMON, no_features);
    CHECK_EQ_INT(gp_shape_cache_count(c), 5);
    shaped(c, noto, "films", false, HB_SCRIPT_LATIN, no_features);
    CHECK_EQ_INT(gp_shape_cache_count(c), 6);
    /* each still found as it was kept */
    CHECK_EQ_INT(shaped(c, noto, "film", false, HB_SCRIPT_LATIN, no_liga), 4);
    CHECK_EQ_INT(shaped(c, noto, "film", false, HB_SCRIPT_LATIN, no_features), 3);
    CHECK_EQ_INT(gp_shape_cache_count(c), 6);
    gp_shape_cache_free(c);
}

static void test_long_word(void)
{
    struct gp_shape_cache *c = gp_shape_cache_new(1 << 20);
    const char *longest = "incomprehensibl", *longer = "incomprehensibilities";
    CHECK_EQ_INT(strlen(longest), GP_SHAPE_MAX_CPS);
    shaped(c, noto, longest, false, HB_SCRIPT_LATIN, no_features);
    CHECK_EQ_INT(gp_shape_cache_count(c), 1);
    CHECK(strlen(longer) > GP_SHAPE_MAX_CPS);
    CHECK_EQ_INT(shaped(c, noto, longer, false, HB_SCRIPT_LATIN, no_features), strlen(longer));
    /* fewer glyphs than letters (two ffi ligatures), too long all the same */
    CHECK_EQ_INT(shaped(c, noto, "difficultofficers", false, HB_SCRIPT_LATIN, no_features), 13);
    CHECK_EQ_INT(gp_shape_cache_count(c), 1); /* neither kept */
    gp_shape_cache_free(c);
}

/* 300 different words through a store of 2 KiB: it starts afresh, holds no
 * more than 2 KiB of entries (each word's key alone is over 24 bytes,
 * its four glyphs 64), and every word is still HarfBuzz's. */
static void test_limit(void)
{
    struct gp_shape_cache *c = gp_shape_cache_new(2048);
    size_t most = 0, fresh = 0, before = 0;
    for (int i = 0; i < 300; i++) {
        char w[5] = {'a' + i % 26, 'a' + i / 26 % 26, 'o', 'n', 0};
        shaped(c, noto, w, false, HB_SCRIPT_LATIN, no_features);
        size_t count = gp_shape_cache_count(c);
        fresh += count < before;
        most = count > most ? count : most;
        before = count;
    }
    CHECK(fresh > 0);
    CHECK(most >= 10 && most <= 2048 / (24 + 4 * 16));
    /* the first word was dropped: kept again */
    before = gp_shape_cache_count(c);
    shaped(c, noto, "aaon", false, HB_SCRIPT_LATIN, no_features);
    CHECK_EQ_INT(gp_shape_cache_count(c), before + 1);
    gp_shape_cache_free(c);
}

/* Last: it ends the faces' generation. */
static void test_generation(void)
{
    struct gp_shape_cache *c = gp_shape_cache_new(1 << 20);
    shaped(c, noto, "film", false, HB_SCRIPT_LATIN, no_features);
    shaped(c, noto, "guide", false, HB_SCRIPT_LATIN, no_features);
    CHECK_EQ_INT(gp_shape_cache_count(c), 2);
    gp_fonts_cleanup(); /* the font set keeps its own faces open */
    shaped(c, noto, "film", false, HB_SCRIPT_LATIN, no_features);
    CHECK_EQ_INT(gp_shape_cache_count(c), 1);
    gp_shape_cache_free(c);
}

int main(void)
{
    noto = open_face("fonts/NotoSerif-Regular.ttf");
    lato = open_face("fonts/Lato-Regular.ttf");
    if (noto && lato) {
        test_hit_and_miss();
        test_long_word();
        test_limit();
        test_generation();
    }
    gp_fontset_close(&fonts);
    gp_diags_free(&diags);
    gp_fonts_cleanup();
    return harness_report();
}
