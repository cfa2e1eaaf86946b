/* Script itemization (text/script.c): UAX #24's resolution of Common and
 * Inherited characters, and the Script_Extensions table against Debian's
 * unicode-data ScriptExtensions.txt. */
#include "harness.h"

#include "base/utf8.h"
#include "text/script.h"

#include <stdbool.h>
#include <stdlib.h>

static const char *const EXTENSIONS_FILE = "/usr/share/unicode/ScriptExtensions.txt";

enum { MAXCP = 128 };

/* The scripts of a UTF-8 text's characters as runs of ISO 15924 codes: "Cyrl*3 Latn*2". */
static const char *runs_of(const char *text)
{
    static char out[16 * MAXCP];
    uint32_t cps[MAXCP] = {0};
    hb_script_t s[MAXCP];
    size_t n = 0, len = strlen(text);
    for (size_t i = 0; i < len && n < MAXCP;)
        i += gp_utf8_decode(text + i, len - i, &cps[n++]);
    gp_script_resolve(cps, n, s);
    char *o = out;
    *o = 0;
    for (size_t i = 0, k; i < n; i += k) {
        for (k = 1; i + k < n && s[i + k] == s[i];)
            k++;
        char tag[5] = {0};
        hb_tag_to_string(hb_script_to_iso15924_tag(s[i]), tag);
        o += sprintf(o, "%s%s*%zu", i ? " " : "", tag, k);
    }
    return out;
}

static void check_runs(const char *text, const char *want)
{
    const char *got = runs_of(text);
    CHECK(!strcmp(got, want));
    if (strcmp(got, want))
        fprintf(stderr, "    %s: got %s, want %s\n", text, got, want);
}

static void test_resolution(void)
{
    /* Latin inside Cyrillic: the hyphen and the space go with the text before them */
    check_runs("Дом-Haus дом", "Cyrl*4 Latn*5 Cyrl*3");
    /* digits and punctuation at the start take the first script's */
    check_runs("12. Ελλάδα", "Grek*10");
    /* a closing bracket takes its opening bracket's script, and so does what follows */
    check_runs("Москва (Moscow) город", "Cyrl*8 Latn*6 Cyrl*7");
    /* Script_Extensions: the Arabic comma and Arabic-Indic digits in Persian stay Arabic */
    check_runs("سلام، ۱۲ ٣", "Arab*10");
    /* ... and after Latin text, the Arabic comma goes with the Arabic that follows */
    check_runs("Tehran،تهران", "Latn*6 Arab*6");
    /* the danda after Bengali is Bengali, after Devanagari Devanagari */
    check_runs("বাংলা। हिन्दी।", "Beng*7 Deva*7");
    /* Japanese is one run: kanji, kana, the prolonged sound mark, iteration marks, the full stop */
    check_runs("ラーメン屋。", "Hani*6");
    check_runs("人々はこゝろ、ミスヾ「東京」へ。", "Hani*16");
    /* ... as far as the next script: Latin inside Japanese is its own run */
    check_runs("小津のTokyo物語", "Hani*3 Latn*5 Hani*2");
    /* Korean hangul with hanja is one Hangul run, spaces and all */
    check_runs("大韓民國 한국 영화", "Hang*10");
    /* Chinese stays Han, Bopomofo beside it too */
    check_runs("中国电影ㄓㄨ", "Hani*6");
    /* combining marks take their base's script */
    check_runs("e\u0301 \u0438\u0306", "Latn*3 Cyrl*2");
    /* no script at all */
    check_runs("12 + 3", "Zyyy*6");
}

/* The table agrees with the file on every code point it lists, and lists
 * every code point of the blocks it covers that the file lists. */
static void test_table(void)
{
    FILE *f = fopen(EXTENSIONS_FILE, "r");
    CHECK(f != NULL);
    if (!f)
        return;
    char line[1024];
    size_t compared = 0;
    while (fgets(line, sizeof line, f)) {
        char *hash = strchr(line, '#');
        if (hash)
            *hash = 0;
        char *semi = strchr(line, ';');
        if (!semi)
            continue;
        unsigned lo, hi;
        int n = sscanf(line, "%x..%x", &lo, &hi);
        if (n < 1)
            continue;
        if (n == 1)
            hi = lo;
        char *s = semi + 1, *e = s + strlen(s);
        while (*s == ' ')
            s++;
        while (e > s && (e[-1] == ' ' || e[-1] == '\n'))
            *--e = 0;
        bool covered = (lo >= 0x600 && hi <= 0x6FF) || (lo >= 0x964 && hi <= 0x965) ||
                       (lo >= 0x3000 && hi <= 0x30FF) || (lo >= 0xFF00 && hi <= 0xFFEF);
        for (unsigned c = lo; c <= hi; c++) {
            const char *ours = gp_script_extensions(c);
            if (covered || ours) {
                compared++;
                CHECK(ours && !strcmp(ours, s));
                if (!ours || strcmp(ours, s))
                    fprintf(stderr, "    U+%04X: ours %s, file %s\n", c, ours ? ours : "(none)", s);
            }
        }
    }
    fclose(f);
    CHECK(compared >= 80);
}

/* ASCII's scripts and brackets are known without HarfBuzz's tables (a
 * fast path): each character inside Cyrillic text resolves as HarfBuzz's
 * data says, and the other ASCII brackets pair like parentheses. */
static void test_ascii(void)
{
    hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
    for (uint32_t c = 1; c < 0x80; c++) {
        uint32_t cps[3] = {0x434, c, 0x43C}; /* д c м */
        hb_script_t s[3], want = hb_unicode_script(uf, c);
        gp_script_resolve(cps, 3, s);
        if (want == HB_SCRIPT_COMMON || want == HB_SCRIPT_INHERITED)
            want = HB_SCRIPT_CYRILLIC;
        CHECK(s[1] == want);
        if (s[1] != want)
            fprintf(stderr, "    U+%04X: got %c%c%c%c\n", c, HB_UNTAG(hb_script_to_iso15924_tag(s[1])));
    }
    check_runs("Москва [Moscow] город", "Cyrl*8 Latn*6 Cyrl*7");
    check_runs("Москва {Moscow} город", "Cyrl*8 Latn*6 Cyrl*7");
    check_runs("Москва <Moscow> город", "Cyrl*8 Latn*8 Cyrl*5"); /* not brackets in UAX #24 */
}

int main(void)
{
    test_resolution();
    test_ascii();
    test_table();
    return harness_report();
}
