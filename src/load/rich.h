/* Rich text: paragraphs of styled spans, parsed from the inline markup
 * `*italic*`, `**bold**`, `[label](url)`, `[words]{lang=fr}` (a span in
 * another language, Pandoc's bracketed span) and backslash escapes. */
#ifndef GP_RICH_H
#define GP_RICH_H

#include "base/arena.h"
#include "base/diag.h"
#include "load/yaml.h"

#include <stdint.h>

/* GP_SPAN_VERBATIM: printed exactly as written (a URL), untouched by smart punctuation. */
enum { GP_SPAN_ITALIC = 1, GP_SPAN_BOLD = 2, GP_SPAN_VERBATIM = 4 };

typedef struct gp_span {
    const char *text;     /* UTF-8; whitespace already collapsed to single spaces */
    unsigned style;       /* GP_SPAN_* bits */
    const char *url;      /* link target, or NULL */
    const char *lang;     /* the span's BCP 47 language, if the content says; or NULL */
} gp_span;

typedef struct gp_para {
    gp_span *spans;
    size_t count;
    const gp_node *node;  /* the YAML scalar it was read from (gp_rich_parse_node), or NULL */
} gp_para;

typedef struct gp_rich {
    gp_para *paras;
    size_t count;
    gp_loc loc;
} gp_rich;

/* Parses markup. Never fails: unmatched `*` and `[` are kept as written.
 * A link whose target gp_url_linkable refuses keeps its label, unlinked,
 * and a language span whose tag is not BCP 47 its words, in no language of
 * their own, each with a warning in d at loc (d may be NULL). Arena memory. */
gp_rich *gp_rich_parse(gp_arena *a, const char *src, gp_loc loc, gp_diags *d);
/* The same on a YAML scalar: a warning points at its link inside the
 * value, where the scalar's style lets its position be known (gp_node_text_loc). */
gp_rich *gp_rich_parse_node(gp_arena *a, const gp_node *n, gp_diags *d);
/* Where the character cp of the paragraph is written: its first place in
 * the scalar the paragraph was read from, where the scalar's style lets it
 * be known (gp_node_text_loc), else `otherwise` (for a warning about it). */
gp_loc gp_para_char_loc(const gp_para *p, uint32_t cp, gp_loc otherwise);
/* Whether a link target may become a clickable link: an http, https or
 * mailto address (any case) without spaces or control characters. Other
 * schemes (javascript:, file:, data:, ...) and relative paths are printed only. */
bool gp_url_linkable(const char *url);
/* A rich text of one plain span (for labels and generated text). */
gp_rich *gp_rich_plain(gp_arena *a, const char *text, unsigned style, gp_loc loc);
/* The plain text of a rich text, paragraphs joined by "\n\n" (for tests and outlines). */
char *gp_rich_text(gp_arena *a, const gp_rich *r);

#endif
