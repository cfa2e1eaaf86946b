/* Base direction (see bidi.h). */
#include "bidi.h"

#include <fribidi.h>

/* FRIBIDI_PAR_ON if s[0..n) has no strong character. */
static FriBidiParType direction_of(const uint32_t *s, size_t n)
{
    enum { CHUNK = 64 }; /* the first strong character is almost always among the first few */
    FriBidiCharType types[CHUNK];
    for (size_t at = 0; at < n; at += CHUNK) {
        FriBidiStrIndex len = (FriBidiStrIndex)(n - at < CHUNK ? n - at : CHUNK);
        fribidi_get_bidi_types((const FriBidiChar *)s + at, len, types);
        FriBidiParType dir = fribidi_get_par_direction(types, len);
        if (dir != FRIBIDI_PAR_ON)
            return dir;
    }
    return FRIBIDI_PAR_ON;
}

bool gp_line_is_rtl(const gp_line *ln, bool neutral_rtl)
{
    for (size_t r = 0; r < ln->nruns; r++) {
        FriBidiParType dir = direction_of(ln->runs[r].text, ln->runs[r].ntext);
        if (dir != FRIBIDI_PAR_ON)
            return dir == FRIBIDI_PAR_RTL;
    }
    return neutral_rtl;
}
