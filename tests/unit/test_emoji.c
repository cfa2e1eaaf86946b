/* Emoji sequences (text/emoji.c): every fully-qualified emoji of Unicode's
 * emoji-test.txt (Debian's unicode-data) is one sequence, whole; text
 * characters and text-style sequences are none. */
#include "harness.h"
#include "text/emoji.h"

#include <stdlib.h>

static const char *const TEST_FILE = "/usr/share/unicode/emoji/emoji-test.txt";

/* The code points before `;` of a line of emoji-test.txt; how many. */
static size_t code_points(const char *line, uint32_t *cps, size_t cap)
{
    size_t n = 0;
    for (char *end; n < cap && *line != ';';) {
        unsigned long c = strtoul(line, &end, 16);
        if (end == line)
            break;
        cps[n++] = (uint32_t)c;
        line = end;
        while (*line == ' ')
            line++;
    }
    return n;
}

static size_t sequence(const uint32_t *cps, size_t n)
{
    return gp_emoji_sequence(cps, n, 0);
}

int main(void)
{
    FILE *f = fopen(TEST_FILE, "r");
    CHECK(f != NULL);
    char line[512];
    size_t cases = 0;
    while (f && fgets(line, sizeof line, f)) {
        if (!strstr(line, "; fully-qualified"))
            continue;
        uint32_t cps[16];
        size_t n = code_points(line, cps, 16);
        cases++;
        if (sequence(cps, n) != n) {
            CHECK_EQ_INT(sequence(cps, n), n);
            fprintf(stderr, "    %s", line);
        }
        /* followed by text, it ends where it did */
        cps[n] = 'a';
        if (sequence(cps, n + 1) != n)
            CHECK_EQ_INT(sequence(cps, n + 1), n);
    }
    if (f)
        fclose(f);
    CHECK(cases > 3000);
    /* text: letters, digits without a keycap, © and ✈ as text, a plane asked for as text */
    static const uint32_t a[] = {'a'}, one[] = {'1', 0xFE0F}, copyright[] = {0xA9}, plane[] = {0x2708},
                          plane_text[] = {0x2708, 0xFE0E}, popcorn_text[] = {0x1F37F, 0xFE0E};
    CHECK_EQ_INT(sequence(a, 1), 0);
    CHECK_EQ_INT(sequence(one, 2), 0);
    CHECK_EQ_INT(sequence(copyright, 1), 0);
    CHECK_EQ_INT(sequence(plane, 1), 0);
    CHECK_EQ_INT(sequence(plane_text, 2), 0);
    CHECK_EQ_INT(sequence(popcorn_text, 2), 0);
    /* two flags are two sequences; a ZWJ at the end joins nothing */
    static const uint32_t flags[] = {0x1F1EB, 0x1F1F7, 0x1F1E9, 0x1F1EA}, zwj_end[] = {0x1F469, 0x200D};
    CHECK_EQ_INT(sequence(flags, 4), 2);
    CHECK_EQ_INT(sequence(zwj_end, 2), 1);
    /* after a ZWJ, a pictograph that is text by default still joins (not fully qualified) */
    static const uint32_t health_worker[] = {0x1F469, 0x200D, 0x2695};
    CHECK_EQ_INT(sequence(health_worker, 3), 3);
    return harness_report();
}
