/* Smart punctuation (load/smart.c): every case of
 * tests/unit/smart-punct-spec.txt, then what the spec cannot spell. */
#include "harness.h"
#include "load/smart.h"

#include <stdlib.h>

#define SPEC "tests/unit/smart-punct-spec.txt"

/* s with the spec's stand-ins for invisible spaces made real. */
static void unescape(const char *s, char *out, size_t cap)
{
    static const struct {
        const char *mark, *real;
    } marks[] = {{"⍽", "\xE2\x80\xAF"}, {"⎵", "\xC2\xA0"}, {"␣", " "}};
    size_t n = 0;
    while (*s && n + 4 < cap) {
        size_t k = 0;
        while (k < 3 && strncmp(s, marks[k].mark, strlen(marks[k].mark)))
            k++;
        if (k < 3) {
            n += (size_t)snprintf(out + n, cap - n, "%s", marks[k].real);
            s += strlen(marks[k].mark);
        } else
            out[n++] = *s++;
    }
    out[n] = 0;
}

typedef struct spec_case {
    char title[128], lang[32], in[8][512], out[1024];
    int nin, line;
} spec_case;

static int run_case(const spec_case *c)
{
    gp_smart s;
    gp_smart_start(&s, c->lang[0] ? c->lang : NULL);
    char got[2048] = "", want[1024];
    for (int i = 0; i < c->nin; i++) {
        char *part = gp_smarten(&s, c->in[i]);
        strncat(got, part, sizeof got - strlen(got) - 1);
        free(part);
    }
    unescape(c->out, want, sizeof want);
    bool ok = !strcmp(got, want);
    harness_result(ok, SPEC, c->line, c->title);
    if (!ok)
        fprintf(stderr, "    want %s\n    got  %s\n", want, got);
    return 1;
}

static int run_spec(void)
{
    FILE *f = fopen(SPEC, "r");
    CHECK(f != NULL);
    if (!f)
        return 0;
    char line[1024];
    spec_case c;
    int cases = 0, lineno = 0;
    bool open = false;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\n")] = 0;
        if (!strncmp(line, "### ", 4)) {
            memset(&c, 0, sizeof c);
            snprintf(c.title, sizeof c.title, "%.120s", line + 4);
            c.line = lineno;
            open = true;
        } else if (open && !strncmp(line, "lang: ", 6))
            snprintf(c.lang, sizeof c.lang, "%.30s", line + 6);
        else if (open && !strncmp(line, "in: ", 4) && c.nin < 8)
            unescape(line + 4, c.in[c.nin++], sizeof c.in[0]);
        else if (open && !strncmp(line, "out: ", 5)) {
            snprintf(c.out, sizeof c.out, "%s", line + 5);
            cases += run_case(&c);
            open = false;
        }
    }
    fclose(f);
    return cases;
}

/* The marks layout adds around quotations and after labels. */
static void test_quotes_for(void)
{
    CHECK(!strcmp(gp_quotes_for("fr-FR")->open, "«\xE2\x80\xAF"));
    CHECK(!strcmp(gp_quotes_for("FR")->close, "\xE2\x80\xAF»"));
    CHECK(!strcmp(gp_quotes_for("fr")->colon, "\xE2\x80\xAF: "));
    CHECK(!strcmp(gp_quotes_for("de_AT")->open, "„"));
    CHECK(!strcmp(gp_quotes_for("ja")->colon, "："));
    CHECK(!strcmp(gp_quotes_for("en-US")->open, "“"));
    CHECK(!strcmp(gp_quotes_for(NULL)->close, "”"));
    CHECK(!strcmp(gp_quotes_for("")->colon, ": "));
    CHECK(!strcmp(gp_quotes_for("french")->open, "“")); /* not a tag: English */
}

/* Hostile text: a long run of quotes and dashes, invalid UTF-8, empty spans. */
static void test_hostile(void)
{
    gp_smart s;
    gp_smart_start(&s, "fr");
    size_t n = 100000;
    char *in = malloc(n + 1);
    for (size_t i = 0; i < n; i++)
        in[i] = "\"'-:« "[i % 6];
    in[n] = 0;
    char *out = gp_smarten(&s, in);
    CHECK(out != NULL && strlen(out) > n);
    free(out);
    free(in);
    out = gp_smarten(&s, "\xff\"\xc3");
    CHECK(out != NULL && strstr(out, "\xff") != NULL);
    free(out);
    out = gp_smarten(&s, "");
    CHECK(out != NULL && !*out);
    free(out);
}

int main(void)
{
    int cases = run_spec();
    fprintf(stderr, "%d cases from %s\n", cases, SPEC);
    CHECK(cases >= 18);
    test_quotes_for();
    test_hostile();
    return harness_report();
}
