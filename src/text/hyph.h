/* Hyphenation with libhyphen: compiled-in patterns (hyph_compiled.h) or the system's pattern files. */
#ifndef GP_HYPH_H
#define GP_HYPH_H

#include "base/diag.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct gp_hyph gp_hyph;

/* Why a language has no patterns: none are installed, or its pattern file
 * is malformed (libhyphen would write out of bounds reading it). */
typedef struct gp_hyph_why {
    char file[512];            /* the malformed file, "" if none was found */
    int line;                  /* its line at fault, 0 for the file as a whole */
    char message[512];
} gp_hyph_why;

/* Patterns for a BCP 47 language ("en-US", "es"); NULL if none are installed
 * or they cannot be used (no hyphenation then, not an error), with why in
 * *why if it is not NULL. */
gp_hyph *gp_hyph_open(const char *language, gp_hyph_why *why);
void gp_hyph_close(gp_hyph *h);

/* Patterns shared by every guide of a run, loaded once per language on
 * first use (thread-safe). The dictionaries are read-only once loaded. */
typedef struct gp_hyph_cache gp_hyph_cache;
gp_hyph_cache *gp_hyph_cache_new(void);
void gp_hyph_cache_free(gp_hyph_cache *c);
/* The patterns for a language, or NULL if there are none; then, once per
 * cache and language, a warning in d (if not NULL) that hyphenation is off
 * and why: at the malformed pattern file's line, or at `language_loc` (the
 * `language:` that asked for them) naming the package to install. */
gp_hyph *gp_hyph_cache_get(gp_hyph_cache *c, const char *language, gp_loc language_loc, gp_diags *d);
/* Warns as gp_hyph_cache_get would if no patterns are installed for the
 * language, without loading any: called when a guide starts, so that a
 * guide none of whose paragraphs needed hyphens is still told. */
void gp_hyph_cache_expect(gp_hyph_cache *c, const char *language, gp_loc language_loc, gp_diags *d);
/* Starts loading a language's patterns from their file on another
 * thread, if no one has yet: reading a pattern file takes about as long as
 * laying out a guide, and a guide needs them only once layout is under
 * way. Compiled-in patterns are made when first needed (in a fraction of a
 * millisecond). */
void gp_hyph_cache_prefetch(gp_hyph_cache *c, const char *language);

/* Marks the allowed hyphenation points of a word: points[i] true means a
 * hyphen may go after cps[i]. Keeps at least 2 letters before the first and
 * 3 after the last point. Returns the number of points. */
size_t gp_hyph_word(gp_hyph *h, const uint32_t *cps, size_t n, bool *points);

#endif
