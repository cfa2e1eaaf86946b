/* libhyphen (Hunspell's hyphenator, TeX patterns) on UTF-8 words.
 *
 * A language tag maps to the patterns named <lang>_<REGION>, then (for
 * English) en_US, then <lang>: compiled in at build time (hyph_compiled.h),
 * else hyph_<name>.dic in $GUIDEPRESS_HYPHEN_DIR or /usr/share/hyphen. libhyphen works on bytes and
 * returns odd numbers after the bytes where a break is allowed; those map
 * back to code points here. A pattern file is checked before libhyphen
 * reads it (read_pattern_file), as libhyphen trusts it. */
#include "hyph.h"

#include "base/arena.h"
#include "base/fsio.h"
#include "base/hash.h"
#include "base/language.h"
#include "base/utf8.h"
#include "base/work.h"
#include "text/hyph_compiled.h"

#include <ctype.h>
#include <errno.h>
#include <hyphen.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wctype.h>

#ifndef GP_HYPHEN_DIR
#define GP_HYPHEN_DIR "/usr/share/hyphen"
#endif

typedef enum { GP_ENC_UTF8, GP_ENC_LATIN1, GP_ENC_LATIN9 } gp_hyph_encoding;

struct gp_hyph {
    HyphenDict *dict;
    bool compiled; /* built from gp_builtin_patterns, freed here, not by libhyphen */
    gp_hyph_encoding encoding;
};

/* The encodings a pattern file may be in (its first line), as libhyphen names them. */
static bool encoding_named(const char *name, size_t len, gp_hyph_encoding *out)
{
    static const struct {
        const char *name;
        gp_hyph_encoding encoding;
    } names[] = {{"UTF-8", GP_ENC_UTF8}, {"ISO8859-1", GP_ENC_LATIN1}, {"ISO8859-15", GP_ENC_LATIN9}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strlen(names[i].name) == len && !strncmp(name, names[i].name, len)) {
            *out = names[i].encoding;
            return true;
        }
    return false;
}

HyphenDict *gp_hyph_dict_from_compiled(const gp_compiled_patterns *p)
{
    HyphenDict *next = NULL;
    for (size_t i = p->level_count; i-- > 0;) {
        const gp_compiled_level *l = &p->levels[i];
        HyphenDict *d = gp_xmalloc(sizeof *d);
        *d = (HyphenDict){.lhmin = l->lhmin, .rhmin = l->rhmin, .clhmin = l->clhmin, .crhmin = l->crhmin,
                          .nohyphen = l->nohyphen < 0 ? NULL : p->strings + l->nohyphen,
                          .nohyphenl = l->nohyphenl, .num_states = l->num_states, .utf8 = l->utf8,
                          .states = gp_xmalloc((size_t)l->num_states * sizeof *d->states), .nextlevel = next};
        snprintf(d->cset, sizeof d->cset, "%s", p->cset);
        for (int32_t k = 0; k < l->num_states; k++) {
            const gp_compiled_state *s = &p->states[l->first_state + k];
            d->states[k] = (HyphenState){.match = s->match < 0 ? NULL : p->strings + s->match,
                                         .repl = s->repl < 0 ? NULL : p->strings + s->repl,
                                         .replindex = s->replindex, .replcut = s->replcut,
                                         .fallback_state = s->fallback_state, .num_trans = s->num_trans,
                                         .trans = p->trans + s->first_trans};
        }
        next = d;
    }
    return next;
}

void gp_hyph_dict_free_compiled(HyphenDict *d)
{
    while (d) {
        HyphenDict *next = d->nextlevel;
        free(d->states);
        free(d);
        d = next;
    }
}

static gp_hyph *wrap(HyphenDict *dict, bool compiled)
{
    gp_hyph *h = gp_xmalloc(sizeof *h);
    *h = (gp_hyph){dict, compiled, GP_ENC_UTF8};
    encoding_named(dict->cset, strlen(dict->cset), &h->encoding); /* checked before loading */
    return h;
}

static const char *pattern_dir(void)
{
    const char *dir = getenv("GUIDEPRESS_HYPHEN_DIR");
    return dir && *dir ? dir : GP_HYPHEN_DIR;
}

/* Where the patterns named "lang_REGION" or "lang" are: compiled in
 * (*compiled), else a readable file (path). */
static bool find_named(const char *name, const gp_compiled_patterns **compiled, char *path, size_t size)
{
    *compiled = NULL;
    for (size_t i = 0; i < gp_builtin_pattern_count; i++)
        if (!strcmp(gp_builtin_patterns[i].name, name)) {
            *compiled = &gp_builtin_patterns[i];
            return true;
        }
    snprintf(path, size, "%s/hyph_%s.dic", pattern_dir(), name);
    return access(path, R_OK) == 0;
}

/* A BCP 47 tag's language ("pt") and region ("BR", "" if none). */
static void parse_tag(const char *language, char lang[16], char region[16])
{
    memset(lang, 0, 16);
    memset(region, 0, 16);
    size_t i = 0;
    for (; language[i] && language[i] != '-' && language[i] != '_' && i < 15; i++)
        lang[i] = (char)tolower((unsigned char)language[i]);
    if (language[i] == '-' || language[i] == '_') {
        const char *r = language + i + 1;
        for (size_t j = 0; r[j] && r[j] != '-' && j < 15; j++)
            region[j] = (char)toupper((unsigned char)r[j]);
    }
}

/* The regional patterns tried for a bare language, as some Debian packages
 * install only those: hyphen-es has hyph_es_ES.dic, hyphen-no hyph_nb_NO.dic,
 * hyphen-hi (and the other Indian languages') hyph_hi_IN.dic. */
static void region_only(const char *lang, char *name, size_t size)
{
    static const char *const names[][2] = {
        {"nb", "nb_NO"}, {"nn", "nn_NO"}, {"no", "nb_NO"}, {"pt", "pt_PT"}, {"as", "as_IN"}, {"bn", "bn_IN"},
        {"gu", "gu_IN"}, {"hi", "hi_IN"}, {"kn", "kn_IN"}, {"ml", "ml_IN"}, {"mr", "mr_IN"}, {"or", "or_IN"},
        {"pa", "pa_IN"}, {"ta", "ta_IN"}, {"te", "te_IN"}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcmp(lang, names[i][0])) {
            snprintf(name, size, "%s", names[i][1]);
            return;
        }
    char upper[16] = {0};
    for (size_t i = 0; lang[i] && i < sizeof upper - 1; i++)
        upper[i] = (char)toupper((unsigned char)lang[i]);
    snprintf(name, size, "%s_%s", lang, upper);
}

/* The patterns for a language tag: the region's, then (for English) the
 * American ones, then the language's, then a regional one (es_ES). */
static bool find(const char *language, const gp_compiled_patterns **compiled, char *path, size_t size)
{
    char lang[16], region[16];
    parse_tag(language, lang, region);
    const char *regions[3] = {region, strcmp(lang, "en") ? "" : "US", ""};
    for (int c = 0; c < 3; c++) {
        if (c < 2 && !regions[c][0])
            continue;
        char name[40];
        snprintf(name, sizeof name, regions[c][0] ? "%s_%s" : "%s", lang, regions[c]);
        if (find_named(name, compiled, path, size))
            return true;
    }
    char name[40];
    region_only(lang, name, sizeof name);
    return find_named(name, compiled, path, size);
}

/* The Debian package with a language's patterns, or NULL if it has none. */
static const char *debian_package(const char *language, char *buf, size_t size)
{
    static const char *const own[] = {"af", "as", "be", "bg", "bn", "ca", "cs", "da", "de", "el", "es", "fr", "gl",
                                      "gu", "hi", "hr", "hu", "id", "is", "it", "kn", "lt", "lv", "ml", "mn", "mr",
                                      "nl", "or", "pa", "pl", "ro", "ru", "sk", "sl", "sr", "sv", "ta", "te", "th",
                                      "uk", "zu"};
    static const char *const british[] = {"GB", "AU", "NZ", "IE", "ZA", "IN"};
    char lang[16], region[16];
    parse_tag(language, lang, region);
    if (!strcmp(lang, "en")) {
        for (size_t i = 0; i < sizeof british / sizeof british[0]; i++)
            if (!strcmp(region, british[i]))
                return "hyphen-en-gb";
        return "hyphen-en-us";
    }
    if (!strcmp(lang, "pt"))
        return strcmp(region, "BR") ? "hyphen-pt-pt" : "hyphen-pt-br";
    if (!strcmp(lang, "nb") || !strcmp(lang, "nn") || !strcmp(lang, "no"))
        return "hyphen-no";
    for (size_t i = 0; i < sizeof own / sizeof own[0]; i++)
        if (!strcmp(lang, own[i])) {
            snprintf(buf, size, "hyphen-%s", lang);
            return buf;
        }
    return NULL;
}

static bool fail(gp_hyph_why *why, const char *path, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static bool fail(gp_hyph_why *why, const char *path, int line, const char *fmt, ...)
{
    snprintf(why->file, sizeof why->file, "%s", path);
    why->line = line;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why->message, sizeof why->message, fmt, ap);
    va_end(ap);
    return false;
}

/* A keyword line's number (LEFTHYPHENMIN 2): digits, then nothing but space. */
static bool is_small_number(const char *s)
{
    s += strspn(s, " \t");
    size_t digits = strspn(s, "0123456789");
    return digits >= 1 && digits <= 2 && s[digits + strspn(s + digits, " \t\r\n")] == 0;
}

/* NOHYPHEN's list as libhyphen reads it: the value less its last byte
 * (taken for the newline), split at commas after its first byte. An empty
 * item (or list) makes it write before its buffers. */
static bool is_nohyphen_list(const char *s)
{
    s += strspn(s, " \t");
    size_t len = strlen(s);
    if (len < 2)
        return false;
    len--;
    for (size_t i = 1; i < len; i++)
        if (s[i] == ',' && (s[i - 1] == ',' || i + 1 == len))
            return false;
    return true;
}

/* The code points of a pattern's letters (digits left out). */
static int pattern_letters(const char *s, size_t len)
{
    int n = 0;
    for (size_t i = 0; i < len; i++)
        n += !isdigit((unsigned char)s[i]) && ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* What is wrong with a pattern line, or NULL. Letters and digits up to
 * the first space; a digit never before a leading `.` (its match would
 * start before the word). A non-standard pattern (`s1sz/sz=sz,1,3`) needs
 * a replacement with `=`, a position and length inside the pattern's
 * letters and its digits between letters: libhyphen indexes its arrays
 * with them unchecked. */
static const char *pattern_problem(const char *line)
{
    size_t len = strcspn(line, " \t\r\n/");
    size_t lead = strspn(line, "0123456789");
    if (lead > 0 && lead < len && line[lead] == '.')
        return "a digit before the word-start dot";
    if (line[len] != '/')
        return NULL;
    if (len == 0 || lead > 0 || isdigit((unsigned char)line[len - 1]))
        return "a non-standard pattern with a digit before its first or after its last letter";
    const char *repl = line + len + 1;
    if (!memchr(repl, '=', strcspn(repl, ",\r\n")))
        return "a non-standard pattern whose replacement has no `=`";
    const char *comma = strchr(repl, ',');
    if (!comma)
        return NULL;
    char *end;
    long index = strtol(comma + 1, &end, 10);
    long cut = *end == ',' ? strtol(end + 1, &end, 10) : 0;
    int letters = pattern_letters(line, len) - (line[0] == '.');
    if (index < 1 || cut < 1 || index - 1 + cut > letters || end[strspn(end, " \t\r\n")])
        return "a non-standard pattern whose position or length lies outside its letters";
    return NULL;
}

/* A pattern file's text as it is handed to libhyphen, line by line. */
typedef struct pattern_text {
    char *text;
    size_t len, cap;
    struct pattern_line {
        size_t at, len;
        int level;     /* patterns after NEXTLEVEL are a second dictionary */
        bool pattern;  /* else a keyword line or the encoding, always kept */
    } *lines;
    size_t count, lines_cap;
} pattern_text;

static void keep_line(pattern_text *t, const char *line, size_t len, int level, bool pattern)
{
    GP_RESERVE(t->text, t->len, len + 1, t->cap);
    GP_GROW(t->lines, t->count, t->lines_cap, 256);
    t->lines[t->count++] = (struct pattern_line){t->len, len, level, pattern};
    memcpy(t->text + t->len, line, len);
    t->len += len;
}

/* The letters of a pattern line, as libhyphen files the pattern: up to a
 * space or the `/` of a non-standard pattern, digits left out. */
static size_t pattern_key(const char *line, char key[MAX_CHARS])
{
    size_t n = 0;
    for (const char *c = line; (unsigned char)*c > ' ' && *c != '/' && n < MAX_CHARS - 1; c++)
        if (!isdigit((unsigned char)*c))
            key[n++] = *c;
    return n;
}

static bool same_key(const pattern_text *t, const struct pattern_line *a, const struct pattern_line *b)
{
    char ka[MAX_CHARS], kb[MAX_CHARS];
    size_t na = pattern_key(t->text + a->at, ka), nb = pattern_key(t->text + b->at, kb);
    return a->level == b->level && na == nb && !memcmp(ka, kb, na);
}

/* Drops every pattern that a later one of the same letters replaces.
 * libhyphen 2.8 keeps the last of them too, but leaks the earlier ones'
 * copies (hnj_hyphen_load_line): hyph_fr.dic repeats 16 patterns, the
 * German files hundreds. Linear: a table of each key's last line. */
static void drop_replaced_patterns(pattern_text *t)
{
    size_t cap = 16;
    while (cap < 2 * t->count)
        cap *= 2;
    size_t *last = gp_xmalloc(cap * sizeof *last); /* line index + 1, 0 for an empty slot */
    memset(last, 0, cap * sizeof *last);
    bool *replaced = gp_xmalloc(t->count + 1);
    memset(replaced, 0, t->count + 1);
    for (size_t i = 0; i < t->count; i++) {
        if (!t->lines[i].pattern)
            continue;
        char key[MAX_CHARS];
        size_t n = pattern_key(t->text + t->lines[i].at, key);
        size_t slot = gp_fnv1a(GP_FNV1A_BASIS + (uint64_t)t->lines[i].level, key, n) & (cap - 1);
        while (last[slot] && !same_key(t, &t->lines[last[slot] - 1], &t->lines[i]))
            slot = (slot + 1) & (cap - 1);
        if (last[slot])
            replaced[last[slot] - 1] = true;
        last[slot] = i + 1;
    }
    size_t out = 0;
    for (size_t i = 0; i < t->count; i++)
        if (!replaced[i]) {
            memmove(t->text + out, t->text + t->lines[i].at, t->lines[i].len);
            out += t->lines[i].len;
        }
    t->len = out;
    free(last);
    free(replaced);
}

/* Reads a pattern file for libhyphen, checked against what libhyphen 2.8
 * reads without checking (hnj_hyphen_load_file, hnj_hyphen_load_line): the
 * first line names an encoding gp_hyph_word can write words in, no line but
 * a comment is longer than its 100-byte buffer, keywords have well-formed
 * values and patterns are well-formed (see pattern_problem). The text
 * given back (t, to free) is what libhyphen then reads: no comments, and
 * no pattern that a later one replaces (drop_replaced_patterns). */
static bool read_pattern_file(const char *path, pattern_text *t, gp_hyph_why *why)
{
    enum { MAX_FILE = 16 << 20, MAX_LINE = MAX_CHARS - 2 };
    size_t size;
    gp_read_failure failed;
    char *data = gp_read_whole(path, MAX_FILE, &size, &failed);
    if (!data && failed.why == GP_READ_TOO_LARGE)
        return fail(why, path, 0, "larger than the limit of %d MiB for a pattern file", MAX_FILE >> 20);
    if (!data && (failed.why == GP_READ_NOT_REGULAR || failed.error == ENOENT))
        return fail(why, path, 0, "not a regular file");
    if (!data)
        return fail(why, path, 0, "cannot be read");
    if (size == 0) {
        free(data);
        return fail(why, path, 0, "the hyphenation pattern file is empty");
    }
    FILE *f = fmemopen(data, size, "r");
    if (!f)
        gp_oom();
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    bool ok = true;
    int level = 0;
    for (int n = 1; ok && (len = getline(&line, &cap, f)) >= 0; n++) {
        const char *bad = NULL;
        size_t text = strcspn(line, "\r\n");
        bool pattern = false;
        if (memchr(line, 0, (size_t)len))
            bad = "a NUL byte";
        else if (n == 1)
            bad = encoding_named(line, text, &(gp_hyph_encoding){0}) ? NULL
                  : "no encoding guidepress reads (UTF-8, ISO8859-1, ISO8859-15) on its first line";
        else if (line[0] == '%')
            continue;
        else if ((size_t)len - (line[len - 1] == '\n') > MAX_LINE) /* a '\r' counts */
            bad = "a line longer than the 98 bytes libhyphen reads";
        else if (!strncmp(line, "NEXTLEVEL", 9))
            level++;
        else if (!strncmp(line, "COMPOUNDLEFTHYPHENMIN", 21) || !strncmp(line, "COMPOUNDRIGHTHYPHENMIN", 22) ||
                 !strncmp(line, "LEFTHYPHENMIN", 13) || !strncmp(line, "RIGHTHYPHENMIN", 14))
            bad = is_small_number(line + strcspn(line, " \t0123456789")) ? NULL
                                                                           : "a hyphen minimum that is not a number";
        else if (!strncmp(line, "NOHYPHEN", 8))
            bad = is_nohyphen_list(line + 8) ? NULL : "a NOHYPHEN list with an empty item";
        else
            pattern = !(bad = pattern_problem(line));
        if (bad)
            ok = fail(why, path, n, "the hyphenation pattern file has %s", bad);
        else
            keep_line(t, line, (size_t)len, level, pattern);
    }
    free(line);
    fclose(f);
    free(data);
    if (ok)
        drop_replaced_patterns(t);
    return ok;
}

/* libhyphen's dictionary from a pattern file, or NULL with the reason in why. */
static HyphenDict *load_pattern_file(const char *path, gp_hyph_why *why)
{
    pattern_text t = {0};
    HyphenDict *dict = NULL;
    FILE *f = read_pattern_file(path, &t, why) ? fmemopen(t.text, t.len, "r") : NULL;
    if (f) {
        dict = hnj_hyphen_load_file(f);
        fclose(f);
    }
    if (!dict && !why->message[0])
        fail(why, path, 0, "cannot be read");
    free(t.text);
    free(t.lines);
    return dict;
}

/* Why there are no patterns for a language, and what to install. */
static void not_installed(const char *language, gp_hyph_why *why)
{
    char buf[32];
    const char *package = debian_package(language, buf, sizeof buf);
    const char *env = getenv("GUIDEPRESS_HYPHEN_DIR");
    int n = snprintf(why->message, sizeof why->message,
                     "no hyphenation patterns for `%s` in %s%s, so the guide is not hyphenated; ", language,
                     pattern_dir(), env && *env ? " (GUIDEPRESS_HYPHEN_DIR)" : "");
    size_t used = n > 0 && (size_t)n < sizeof why->message ? (size_t)n : sizeof why->message - 1;
    if (package && env && *env)
        snprintf(why->message + used, sizeof why->message - used,
                 "add its pattern file there, or install the Debian package %s and unset GUIDEPRESS_HYPHEN_DIR",
                 package);
    else if (package)
        snprintf(why->message + used, sizeof why->message - used, "install the Debian package %s", package);
    else
        snprintf(why->message + used, sizeof why->message - used,
                 "Debian has no patterns for it: add a hyph_*.dic pattern file to that folder");
}

gp_hyph *gp_hyph_open(const char *language, gp_hyph_why *why)
{
    gp_hyph_why ignored;
    why = why ? why : &ignored;
    *why = (gp_hyph_why){.line = 0};
    const gp_compiled_patterns *compiled;
    char path[256];
    if (!language)
        return NULL;
    if (!find(language, &compiled, path, sizeof path)) {
        not_installed(language, why);
        return NULL;
    }
    if (compiled)
        return wrap(gp_hyph_dict_from_compiled(compiled), true);
    HyphenDict *dict = load_pattern_file(path, why);
    return dict ? wrap(dict, false) : NULL;
}

void gp_hyph_close(gp_hyph *h)
{
    if (!h)
        return;
    if (h->compiled)
        gp_hyph_dict_free_compiled(h->dict);
    else
        hnj_hyphen_free(h->dict);
    free(h);
}

/* A lowercase code point in the patterns' encoding, appended to word[*len];
 * false if the encoding has no byte for it. ISO 8859-15 differs from
 * 8859-1 in eight places (the euro sign, Œ, Š, Ž, Ÿ...). */
static bool encode(const gp_hyph *h, uint32_t cp, char *word, size_t *len)
{
    static const uint16_t latin9[][2] = {{0xA4, 0x20AC}, {0xA6, 0x160}, {0xA8, 0x161}, {0xB4, 0x17D},
                                         {0xB8, 0x17E},  {0xBC, 0x152}, {0xBD, 0x153}, {0xBE, 0x178}};
    if (h->encoding == GP_ENC_UTF8) {
        *len += gp_utf8_encode(cp, word + *len);
        return true;
    }
    for (size_t i = 0; h->encoding == GP_ENC_LATIN9 && i < sizeof latin9 / sizeof latin9[0]; i++) {
        if (cp == latin9[i][1])
            cp = latin9[i][0];
        else if (cp == latin9[i][0])
            return false;
    }
    if (cp > 0xFF)
        return false;
    word[(*len)++] = (char)cp;
    return true;
}

size_t gp_hyph_word(gp_hyph *h, const uint32_t *cps, size_t n, bool *points)
{
    enum { MAX_WORD = 60 };
    memset(points, 0, n * sizeof *points);
    if (!h || n < 5 || n > MAX_WORD)
        return 0;
    char word[MAX_WORD * 4 + 1];
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        if (!encode(h, (uint32_t)towlower((wint_t)cps[i]), word, &len))
            return 0;
    word[len] = 0;
    /* odd after a code point where a hyphen may go: libhyphen maps its
     * byte positions back to characters for UTF-8 patterns */
    char hyphens[MAX_WORD * 4 + 5];
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    size_t count = 0;
    if (hnj_hyphen_hyphenate2(h->dict, word, (int)len, hyphens, NULL, &rep, &pos, &cut) == 0) {
        /* leaving 2 letters before and 3 after; not where the word changes (non-standard hyphenation) */
        for (size_t i = 1; i + 3 < n; i++)
            if ((hyphens[i] & 1) && !(rep && rep[i])) {
                points[i] = true;
                count++;
            }
    }
    if (rep) {
        for (size_t b = 0; b < len; b++)
            free(rep[b]);
        free(rep);
    }
    free(pos);
    free(cut);
    return count;
}

/* One language's patterns: found or added under the cache's lock (held
 * briefly), loaded under the entry's own lock (held while loading, so
 * that whoever needs them waits for the one load). */
typedef struct cached {
    char *language;
    pthread_mutex_t lock;
    bool loaded;
    gp_hyph *hyph;
    gp_hyph_why why;           /* if hyph is NULL */
    bool reported;             /* `why` has been told, once per run */
    bool prefetching;
    pthread_t prefetch;
} cached;

struct gp_hyph_cache {
    pthread_mutex_t lock;
    cached **items;
    size_t count;
};

gp_hyph_cache *gp_hyph_cache_new(void)
{
    gp_hyph_cache *c = gp_xmalloc(sizeof *c);
    *c = (gp_hyph_cache){.items = NULL};
    pthread_mutex_init(&c->lock, NULL);
    return c;
}

void gp_hyph_cache_free(gp_hyph_cache *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->count; i++) {
        cached *e = c->items[i];
        if (e->prefetching)
            pthread_join(e->prefetch, NULL);
        gp_hyph_close(e->hyph);
        pthread_mutex_destroy(&e->lock);
        free(e->language);
        free(e);
    }
    free(c->items);
    pthread_mutex_destroy(&c->lock);
    free(c);
}

/* The entry for a language, added if new; call with the cache locked. */
static cached *entry(gp_hyph_cache *c, const char *language)
{
    for (size_t i = 0; i < c->count; i++)
        if (!strcmp(c->items[i]->language, language))
            return c->items[i];
    cached *e = gp_xmalloc(sizeof *e);
    *e = (cached){.language = gp_xmalloc(strlen(language) + 1)};
    strcpy(e->language, language);
    pthread_mutex_init(&e->lock, NULL);
    c->items = gp_xrealloc(c->items, (c->count + 1) * sizeof *c->items);
    c->items[c->count++] = e;
    return e;
}

static gp_hyph *load(cached *e)
{
    pthread_mutex_lock(&e->lock);
    if (!e->loaded) {
        e->hyph = gp_hyph_open(e->language, &e->why);
        e->loaded = true;
    }
    pthread_mutex_unlock(&e->lock);
    return e->hyph;
}

/* Tells why a language has no patterns, the first time it is asked for. */
/* Languages whose writing breaks lines without hyphens: Arabic and Hebrew
 * script, scripts with dictionary breaks (text/breaks.c), CJK. Missing
 * patterns are no loss for them: no warning (a broken file still has one). */
static bool written_without_hyphens(const char *language)
{
    static const char *const none[] = {"ar", "fa", "ur", "ps", "ckb", "he", "yi", "dv", "th",
                                       "lo", "km", "my", "zh", "ja", "ko", NULL};
    return gp_language_in(language, none);
}

static void report(cached *e, const gp_hyph_why *why, gp_loc language_loc, gp_diags *d)
{
    if (!d || (!why->file[0] && written_without_hyphens(e->language)))
        return;
    pthread_mutex_lock(&e->lock);
    bool first = !e->reported;
    e->reported = true;
    pthread_mutex_unlock(&e->lock);
    if (!first)
        return;
    if (why->file[0])
        gp_warn(d, (gp_loc){why->file, why->line, why->line ? 1 : 0},
                "%s; `%s` is not hyphenated (fix the file, or remove it)", why->message, e->language);
    else
        gp_warn(d, language_loc, "%s", why->message);
}

gp_hyph *gp_hyph_cache_get(gp_hyph_cache *c, const char *language, gp_loc language_loc, gp_diags *d)
{
    if (!language)
        return NULL;
    pthread_mutex_lock(&c->lock);
    cached *e = entry(c, language);
    pthread_mutex_unlock(&c->lock);
    gp_hyph *h = load(e);
    if (!h)
        report(e, &e->why, language_loc, d);
    return h;
}

void gp_hyph_cache_expect(gp_hyph_cache *c, const char *language, gp_loc language_loc, gp_diags *d)
{
    const gp_compiled_patterns *compiled;
    char path[256];
    if (!language || find(language, &compiled, path, sizeof path))
        return;
    gp_hyph_why why = {.line = 0};
    not_installed(language, &why);
    pthread_mutex_lock(&c->lock);
    cached *e = entry(c, language);
    pthread_mutex_unlock(&c->lock);
    report(e, &why, language_loc, d);
}

static void *prefetch_main(void *arg)
{
    load(arg);
    return NULL;
}

void gp_hyph_cache_prefetch(gp_hyph_cache *c, const char *language)
{
    const gp_compiled_patterns *compiled;
    char path[256];
    /* compiled-in patterns are quicker to set up when first needed than a
     * thread is to start (and a thread would compete with the guide) */
    if (!language || !find(language, &compiled, path, sizeof path) || compiled)
        return;
    pthread_mutex_lock(&c->lock);
    cached *e = entry(c, language);
    if (!e->prefetching) /* at most one thread per language and run */
        e->prefetching = gp_side_thread(&e->prefetch, prefetch_main, e) == 0;
    pthread_mutex_unlock(&c->lock);
}
