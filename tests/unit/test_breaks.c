/* Line break opportunities (text/breaks.c): a dictionary inside Thai, Lao,
 * Khmer and Myanmar, spaces only in Korean, kinsoku in Japanese, UAX #14
 * elsewhere. Each case is written with `|` where a line may break. */
#include "base/utf8.h"
#include "harness.h"
#include "text/breaks.h"

#include <linebreak.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* s with `|` after each code point a line may break after (not the last). */
static char *marked(const char *s, const char *language)
{
    size_t len = strlen(s), n = 0;
    uint32_t *cps = calloc(len + 1, sizeof *cps);
    char *brks = calloc(len + 1, 1), *out = malloc(2 * len + 1), *o = out;
    for (size_t i = 0; i < len;)
        i += gp_utf8_decode(s + i, len - i, &cps[n++]);
    gp_find_breaks(cps, n, language, brks);
    for (size_t i = 0, k = 0; i < len; k++) {
        uint32_t c;
        size_t step = gp_utf8_decode(s + i, len - i, &c);
        memcpy(o, s + i, step), o += step, i += step;
        if (k + 1 < n && brks[k] == LINEBREAK_ALLOWBREAK)
            *o++ = '|';
    }
    *o = 0;
    free(cps);
    free(brks);
    return out;
}

static void expect(const char *language, const char *want)
{
    char *plain = malloc(strlen(want) + 1), *p = plain;
    for (const char *w = want; *w; w++)
        if (*w != '|')
            *p++ = *w;
    *p = 0;
    char *got = marked(plain, language);
    harness_result(!strcmp(got, want), __FILE__, __LINE__, want);
    if (strcmp(got, want))
        fprintf(stderr, "    got %s\n", got);
    free(got);
    free(plain);
}

/* gp_is_conditional_starter agrees with LineBreak.txt's class CJ. */
static void test_conditional_starters(void)
{
    FILE *f = fopen("/usr/share/unicode/LineBreak.txt", "r");
    CHECK(f != NULL);
    char line[256];
    bool listed[0x20000] = {0};
    size_t n = 0;
    while (f && fgets(line, sizeof line, f)) {
        unsigned lo, hi;
        char cls[8];
        int k = sscanf(line, "%x..%x;%7[A-Z0-9]", &lo, &hi, cls);
        if (k == 1 && sscanf(line, "%x;%7[A-Z0-9]", &lo, cls) == 2)
            hi = lo, k = 3;
        if (k == 3 && !strcmp(cls, "CJ"))
            for (unsigned c = lo; c <= hi && c < 0x20000; c++)
                listed[c] = true, n++;
    }
    if (f)
        fclose(f);
    CHECK(n >= 50);
    size_t wrong = 0;
    for (uint32_t c = 0; c < 0x20000; c++)
        wrong += listed[c] != gp_is_conditional_starter(c);
    CHECK_EQ_INT(wrong, 0);
}

int main(void)
{
    test_conditional_starters();
    /* Thai: between the dictionary's words only, never inside a word or
     * before a combining vowel or tone mark */
    expect("th", "ภาพยนตร์|เรื่อง|นี้");
    expect("th", "ผู้|กำกับ|ติดตาม|ครอบครัว");
    expect("en", "film |ภาพยนตร์|ไทย");
    expect("lo", "ພາສາ|ລາວ");
    expect("km", "ខ្ញុំ|ចូលចិត្ត|មើល|ភាពយន្ត");
    expect("my", "မြန်မာ|ရုပ်ရှင်");
    /* flags: no break inside one nor between two (Debian's libunibreak 1.1
     * aborts on regional indicators: they are given to it as letters) */
    expect("en", "from |🇫🇷🇩🇪 |and |🇯🇵");
    /* Korean: at spaces, not between syllables */
    expect("ko", "한국 |영화를 |봤다");
    /* Japanese: between characters, but not after 「 nor before 」 or 。 (kinsoku) */
    expect("ja", "「映|画」|で|す。|日|本");
    /* ... nor before small kana or the prolonged sound mark (UAX #14's CJ, strict) */
    expect("ja", "ラー|メ|ン|ちょっ|と|ジャ|ズ");
    expect("ja", "ラー |ー|メ|ン"); /* (a space still breaks before one) */
    expect("en", "a |well-|made |film");
    /* a run longer than the dictionary's chunk of 4096 code points: words
     * on both sides of the cut still break */
    enum { WORDS = 1000 };
    const char *word = "ภาพยนตร์|"; /* 8 code points */
    char *many = malloc(WORDS * strlen(word) + 1);
    many[0] = 0;
    for (int i = 0; i < WORDS; i++)
        strcat(many, word);
    many[strlen(many) - 1] = 0;
    expect("th", many);
    free(many);
    return harness_report();
}
