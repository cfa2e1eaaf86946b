/* Fuzz target: the content loader (src/load/: yaml.c, schema.c, doc.c, rich.c).
 *
 * The bytes are a content file: gp_yaml_parse, then gp_doc_from_tree when a
 * root was parsed. The file is named <repo>/content/fuzz.yaml so relative
 * poster paths in seeds (images/...) resolve to the sample images.
 *
 * Invariants (abort on violation):
 *   - a NULL tree or document comes with at least one error, a document
 *     with none;
 *   - every diagnostic has a message (and all of them print);
 *   - a loaded document is complete: every section has a known type, every
 *     required field is set, lists are non-empty, every rich text has at
 *     least one paragraph and gp_rich_text works on it;
 *   - loading is linear in memory (yaml.h promises that files which "blow
 *     up" are refused): under a sanitizer, what the tree and the document
 *     hold after loading stays below 32 MiB + 1024 x the input size. */
#include "fuzz_util.h"

#include "load/doc.h"
#include "load/yaml.h"

static void check_rich(gp_arena *a, const gp_rich *r, bool required, const char *what)
{
    if (!r) {
        if (required)
            fuzz_fail("loaded document: %s is missing", what);
        return;
    }
    if (r->count == 0 || !r->paras)
        fuzz_fail("loaded document: %s has no paragraphs", what);
    for (size_t i = 0; i < r->count; i++)
        for (size_t j = 0; j < r->paras[i].count; j++)
            if (!r->paras[i].spans[j].text || !r->paras[i].spans[j].text[0])
                fuzz_fail("loaded document: %s: paragraph %zu span %zu is empty", what, i, j);
    if (!gp_rich_text(a, r))
        fuzz_fail("gp_rich_text returned NULL");
}

static void check_str(const char *s, bool required, const char *what)
{
    if (required && (!s || !*s))
        fuzz_fail("loaded document: %s is missing or empty", what);
}

static void check_doc(gp_arena *a, const gp_doc *doc)
{
    const gp_film *f = &doc->film;
    check_str(f->title, true, "film title");
    if (!f->ndirectors || !f->directors)
        fuzz_fail("loaded document: no director");
    for (size_t i = 0; i < f->ndirectors; i++)
        check_str(f->directors[i], true, "director");
    for (size_t i = 0; i < f->nalso_by; i++)
        check_str(f->also_by[i], true, "also_by");
    if (f->year && (f->year < 1850 || f->year > 2200))
        fuzz_fail("loaded document: year %d", f->year);
    if (doc->smart_punctuation < -1 || doc->smart_punctuation > 1)
        fuzz_fail("loaded document: smart_punctuation %d", doc->smart_punctuation);
    check_rich(a, f->logline, false, "logline");
    check_rich(a, f->intro, false, "intro");
    if (!doc->nsections)
        fuzz_fail("loaded document: no sections");
    for (size_t i = 0; i < doc->nsections; i++) {
        const gp_section *s = &doc->sections[i];
        if ((unsigned)s->type >= GP_SEC_COUNT)
            fuzz_fail("loaded document: section %zu has type %d", i, (int)s->type);
        if (s->heading)
            check_str(s->heading, true, "heading");
        check_rich(a, s->body, s->type == GP_SEC_TEXT, "section body");
        if (s->quote) {
            check_rich(a, s->quote->text, true, "quote text");
            if (s->quote->by)
                check_str(s->quote->by, true, "quote by");
        }
        bool list_required = s->type != GP_SEC_TEXT && s->type != GP_SEC_FACTS;
        if (list_required && (!s->nentries || !s->list.any))
            fuzz_fail("loaded document: section %zu (%s) has no entries", i, gp_section_type_name(s->type));
        if (s->type == GP_SEC_FACTS && !s->nentries && !s->nfigures)
            fuzz_fail("loaded document: facts section %zu is empty", i);
        if (s->notes_lines < GP_NOTES_FILL || s->notes_lines > 200)
            fuzz_fail("loaded document: notes_lines %d", s->notes_lines);
        for (size_t k = 0; k < s->nentries; k++) {
            switch (s->type) {
            case GP_SEC_THEMES:
                check_str(s->list.themes[k].title, true, "theme title");
                check_rich(a, s->list.themes[k].body, true, "theme body");
                break;
            case GP_SEC_REVIEWS:
                check_str(s->list.reviews[k].source, true, "review source");
                check_rich(a, s->list.reviews[k].quote, true, "review quote");
                break;
            case GP_SEC_READING:
                check_str(s->list.reading[k].source, true, "reading source");
                check_rich(a, s->list.reading[k].quote, false, "reading quote");
                break;
            case GP_SEC_QA:
                check_rich(a, s->list.exchanges[k].q, true, "qa question");
                check_rich(a, s->list.exchanges[k].a, true, "qa answer");
                break;
            case GP_SEC_ACTIONS:
                check_rich(a, s->list.actions[k].text, true, "action");
                break;
            case GP_SEC_QUESTIONS:
                check_rich(a, s->list.questions[k].text, true, "question");
                break;
            default: /* facts, watch */
                check_rich(a, s->list.watch[k].text, true, "entry");
                break;
            }
        }
        for (size_t k = 0; k < s->nfigures; k++) {
            check_str(s->figures[k].value, true, "figure value");
            check_str(s->figures[k].label, true, "figure label");
        }
    }
}

/* The heap in use, from the sanitizer runtime (absent without one). */
size_t __sanitizer_get_current_allocated_bytes(void) __attribute__((weak));

static size_t heap_in_use(void)
{
    return __sanitizer_get_current_allocated_bytes ? __sanitizer_get_current_allocated_bytes() : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[4096];
    if (!path[0])
        fuzz_path(path, sizeof path, "content/fuzz.yaml");
    char *text = fuzz_cstr(data, size);
    gp_arena arena = {0};
    gp_diags diags = {0};
    size_t heap_before = heap_in_use();
    gp_node *root = gp_yaml_parse(&arena, path, text, size, &diags);
    if (!root && !diags.errors)
        fuzz_fail("gp_yaml_parse returned NULL without an error");
    if (root && diags.errors)
        fuzz_fail("gp_yaml_parse returned a tree with %zu errors", diags.errors);
    if (root) {
        gp_doc *doc = gp_doc_from_tree(&arena, path, root, &diags);
        if (!doc && !diags.errors)
            fuzz_fail("gp_doc_from_tree returned NULL without an error");
        if (doc && diags.errors)
            fuzz_fail("gp_doc_from_tree returned a document with %zu errors", diags.errors);
        size_t heap_after = heap_in_use();
        size_t held = heap_after > heap_before ? heap_after - heap_before : 0;
        size_t budget = ((size_t)32 << 20) + 1024 * size;
        if (heap_before && held > budget)
            fuzz_fail("loading %zu bytes holds %zu MiB (budget %zu MiB): aliases expand without a size limit", size,
                      held >> 20, budget >> 20);
        if (doc)
            check_doc(&arena, doc);
    }
    fuzz_print_diags(&diags);
    gp_diags_free(&diags);
    gp_arena_free(&arena);
    free(text);
    return 0;
}
