/* The bidirectional algorithm (text/bidi.c) against Unicode's own test
 * cases, BidiCharacterTest.txt (Debian's unicode-data): each case is one
 * line of text with its paragraph direction, the resolved levels and the
 * visual order. The levels come from FriBidi; the visual order is ours
 * (gp_bidi_visual_order, rule L2), run here over each character as the
 * text stage runs it over a line's runs. Characters the algorithm removes
 * (X9: embeddings, overrides, boundary neutrals) are not in a line as set
 * (they are never drawn), so they are left out before reordering, as the
 * file's visual order leaves them out; rule L1 (whitespace at a line's
 * end and before a tab back to the paragraph's level) is applied as the
 * file expects it. */
#include "harness.h"

#include "text/bidi.h"

#include <fribidi.h>
#include <stdbool.h>
#include <stdlib.h>

static const char *const TEST_FILE = "/usr/share/unicode/BidiCharacterTest.txt";

enum { MAXLEN = 256 };

typedef struct bidi_case {
    uint32_t cps[MAXLEN];
    size_t n;
    int dir;                /* 0 LTR, 1 RTL, 2 auto */
    int para_level;
    int levels[MAXLEN];     /* -1: removed (x) */
    uint32_t visual[MAXLEN];
    size_t nvisual;
} bidi_case;

/* Reads one line of the file into c; false for comments, blank or malformed lines. */
static bool parse(char *line, bidi_case *c)
{
    char *field[5];
    for (int f = 0; f < 5; f++) {
        field[f] = line;
        char *semi = strchr(line, ';');
        if (f < 4 && !semi)
            return false;
        if (semi)
            *semi = 0, line = semi + 1;
    }
    c->n = c->nvisual = 0;
    for (char *p = field[0], *e; c->n < MAXLEN && (c->cps[c->n] = (uint32_t)strtoul(p, &e, 16), e != p); p = e)
        c->n++;
    c->dir = atoi(field[1]);
    c->para_level = atoi(field[2]);
    size_t k = 0;
    for (char *p = field[3]; *p && k < MAXLEN;) {
        while (*p == ' ')
            p++;
        if (!*p || *p == '\n')
            break;
        if (*p == 'x')
            c->levels[k++] = -1, p++;
        else
            c->levels[k++] = (int)strtol(p, &p, 10);
    }
    for (char *p = field[4], *e; c->nvisual < MAXLEN && (c->visual[c->nvisual] = (uint32_t)strtoul(p, &e, 10), e != p);
         p = e)
        c->nvisual++;
    return c->n > 0 && k == c->n;
}

/* Rule L1: segment separators and the whitespace (and isolates) before
 * one or at the line's end take the paragraph's level. */
static void line_rule(const FriBidiCharType *types, const bool *kept, uint8_t *levels, size_t n, int base)
{
    bool trailing = true;
    for (size_t i = n; i-- > 0;) {
        if (!kept[i])
            continue;
        FriBidiCharType t = types[i];
        if (t == FRIBIDI_TYPE_SS || t == FRIBIDI_TYPE_BS)
            levels[i] = (uint8_t)base, trailing = true;
        else if (trailing && (t == FRIBIDI_TYPE_WS || FRIBIDI_IS_ISOLATE(t)))
            levels[i] = (uint8_t)base;
        else
            trailing = false;
    }
}

/* Whether our levels and visual order agree with the case; *levels_ok says if the levels did. */
static bool run_case(const bidi_case *c, bool *levels_ok)
{
    static const gp_bidi_base bases[] = {GP_BIDI_LTR, GP_BIDI_RTL, GP_BIDI_AUTO};
    uint8_t levels[MAXLEN], kept_levels[MAXLEN];
    uint32_t kept_index[MAXLEN], order[MAXLEN];
    FriBidiCharType types[MAXLEN];
    bool kept[MAXLEN];
    int base = gp_bidi_levels(c->cps, c->n, bases[c->dir], levels);
    fribidi_get_bidi_types(c->cps, (FriBidiStrIndex)c->n, types);
    for (size_t i = 0; i < c->n; i++)
        kept[i] = c->levels[i] >= 0;
    line_rule(types, kept, levels, c->n, base);
    *levels_ok = base == c->para_level;
    size_t m = 0;
    for (size_t i = 0; i < c->n; i++)
        if (kept[i]) {
            *levels_ok = *levels_ok && levels[i] == c->levels[i];
            kept_levels[m] = levels[i];
            kept_index[m++] = (uint32_t)i;
        }
    gp_bidi_visual_order(kept_levels, m, order);
    if (m != c->nvisual)
        return false;
    for (size_t k = 0; k < m; k++)
        if (kept_index[order[k]] != c->visual[k])
            return false;
    return true;
}

/* Every case of the file whose levels FriBidi resolves as the file does
 * (FriBidi may lag the file's Unicode version) must reorder as it says,
 * and nearly all must resolve so. */
static void test_bidi_character_test(void)
{
    FILE *f = fopen(TEST_FILE, "r");
    CHECK(f != NULL);
    if (!f) {
        fprintf(stderr, "    %s is missing: install Debian's unicode-data\n", TEST_FILE);
        return;
    }
    char line[8192];
    size_t cases = 0, resolved = 0, reordered = 0, shown = 0;
    bidi_case c;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || !parse(line, &c))
            continue;
        cases++;
        bool levels_ok;
        bool order_ok = run_case(&c, &levels_ok);
        resolved += levels_ok;
        reordered += levels_ok && order_ok;
        if (levels_ok && !order_ok && shown++ < 5) {
            fprintf(stderr, "    visual order differs:");
            for (size_t i = 0; i < c.n; i++)
                fprintf(stderr, " %04X", c.cps[i]);
            fprintf(stderr, " (direction %d)\n", c.dir);
        }
    }
    fclose(f);
    fprintf(stderr, "  BidiCharacterTest.txt: %zu cases, %zu resolved as the file says, %zu of them reordered so\n",
            cases, resolved, reordered);
    CHECK(cases > 90000);
    CHECK(resolved >= cases * 99 / 100);
    CHECK_EQ_INT(reordered, resolved);
}

/* A few lines by hand: an English name and numbers in Persian, a URL, parentheses. */
static void test_visual_order_by_hand(void)
{
    /* levels of runs in logical order, and their visual order */
    static const struct {
        uint8_t levels[6];
        size_t n;
        uint32_t order[6];
    } cases[] = {
        {{0, 1, 0}, 3, {0, 1, 2}},             /* an RTL word in English */
        {{1, 2, 1}, 3, {2, 1, 0}},             /* an English name in Persian */
        {{1, 2, 2, 1, 2}, 5, {4, 3, 1, 2, 0}}, /* two of them: each keeps its order */
        {{0, 1, 2, 1, 0}, 5, {0, 3, 2, 1, 4}}, /* a number in a Hebrew title in English */
        {{2, 2}, 2, {0, 1}},                   /* left to right inside right to left, alone */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint32_t order[6];
        gp_bidi_visual_order(cases[i].levels, cases[i].n, order);
        CHECK(!memcmp(order, cases[i].order, cases[i].n * sizeof *order));
    }
}

int main(void)
{
    test_visual_order_by_hand();
    test_bidi_character_test();
    return harness_report();
}
