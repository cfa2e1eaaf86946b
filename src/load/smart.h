/* Smart punctuation and the language's typography (README "Input
 * formats", `smart_punctuation`): straight quotes become the language's
 * quotation marks, "--" an en dash and "---" an em dash, and a no-break
 * space binds guillemets (and, in French, ; : ! ?) to their words. URLs
 * are left as written. Examples: tests/unit/smart-punct-spec.txt. */
#ifndef GP_SMART_H
#define GP_SMART_H

#include <stdbool.h>
#include <stdint.h>

/* A language's quotation marks, as UTF-8, with the spaces that go inside
 * them (French « guillemets » take narrow no-break spaces). */
typedef struct gp_quotes {
    const char *open, *close;          /* “ ” in English */
    const char *open_inner, *close_inner; /* ‘ ’: a quotation inside a quotation */
    const char *colon;                 /* a label's ": " */
    bool french_spacing;               /* a narrow no-break space before ; : ! ? and inside « » */
    bool alternate;                    /* written without spaces (Japanese): quotes open and close in
                                          turn, and a single quote is never an apostrophe */
} gp_quotes;

/* The marks of a BCP 47 language (fr, de, ru, ja, ...; English's for any other). */
const gp_quotes *gp_quotes_for(const char *language);

/* Smartening one paragraph, span after span: what came before decides
 * whether a quote opens or closes. */
typedef struct gp_smart {
    const gp_quotes *q;
    uint32_t prev;         /* the last character written, 0 at the paragraph's start */
    bool in_quote, in_inner;
} gp_smart;

void gp_smart_start(gp_smart *s, const char *language);
/* text with smart punctuation, as a new string (malloc; the caller frees). */
char *gp_smarten(gp_smart *s, const char *text);

#endif
