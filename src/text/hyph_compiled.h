/* Hyphenation patterns compiled into the program at build time.
 *
 * libhyphen turns a pattern file into a state machine each time it loads
 * one, which takes longer than laying out a whole guide. As TeX dumps its
 * patterns into a format file, src/text/hyph_compile.c runs that load once
 * at build time and writes the machine out as plain arrays (no pointers, so
 * nothing to relocate at start-up); hyph.c turns them back into libhyphen's
 * structures when a guide first needs the language. */
#ifndef GP_HYPH_COMPILED_H
#define GP_HYPH_COMPILED_H

#include <hyphen.h>
#include <stddef.h>
#include <stdint.h>

/* Offsets into gp_compiled_patterns.strings; -1 for none. */
typedef struct {
    int32_t match, repl;
    signed char replindex, replcut;
    int32_t fallback_state;
    int32_t num_trans, first_trans; /* into gp_compiled_patterns.trans */
} gp_compiled_state;

/* One level of libhyphen's dictionary (the compound level, then the word level). */
typedef struct {
    char lhmin, rhmin, clhmin, crhmin;
    int32_t nohyphen, nohyphenl;
    int utf8;
    int32_t num_states, first_state; /* into gp_compiled_patterns.states */
} gp_compiled_level;

typedef struct {
    const char *name; /* as in the file name: "en_US" for hyph_en_US.dic */
    const char *cset;
    size_t level_count;
    const gp_compiled_level *levels;
    const gp_compiled_state *states;
    HyphenTrans *trans; /* libhyphen's own layout, used in place */
    char *strings;      /* NUL-terminated strings, used in place */
} gp_compiled_patterns;

extern const gp_compiled_patterns gp_builtin_patterns[];
extern const size_t gp_builtin_pattern_count;

/* libhyphen's dictionary for compiled patterns (the states are rebuilt
 * around transitions and strings used in place), and its release. */
HyphenDict *gp_hyph_dict_from_compiled(const gp_compiled_patterns *p);
void gp_hyph_dict_free_compiled(HyphenDict *d);

#endif
