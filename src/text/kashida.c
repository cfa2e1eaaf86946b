/* Kashida places, after the priorities of Arabic calligraphy as
 * Microsoft's Arabic justification documents them (simplified: the
 * reh/yeh pairs are left out, as a kashida before a final reh or yeh
 * reads as a misspelling more often than as a stretch). */
#include "kashida.h"

/* Joining types of the Arabic letters (ArabicShaping.txt, compared with
 * the file by tests/unit/test_kashida.c); what is not listed does not join. */
static const struct {
    uint32_t first, last;
    gp_joining type;
} joining[] = {
#define D GP_JOIN_DUAL
#define R GP_JOIN_RIGHT
    {0x0620, 0x0620, D}, {0x0622, 0x0625, R}, {0x0626, 0x0626, D}, {0x0627, 0x0627, R},
    {0x0628, 0x0628, D}, {0x0629, 0x0629, R}, {0x062A, 0x062E, D}, {0x062F, 0x0632, R},
    {0x0633, 0x063F, D}, {0x0640, 0x0640, GP_JOIN_CAUSING}, {0x0641, 0x0647, D}, {0x0648, 0x0648, R},
    {0x0649, 0x064A, D}, {0x066E, 0x066F, D}, {0x0671, 0x0673, R}, {0x0675, 0x0677, R},
    {0x0678, 0x0687, D}, {0x0688, 0x0699, R}, {0x069A, 0x06BF, D}, {0x06C0, 0x06C0, R},
    {0x06C1, 0x06C2, D}, {0x06C3, 0x06CB, R}, {0x06CC, 0x06CC, D}, {0x06CD, 0x06CD, R},
    {0x06CE, 0x06CE, D}, {0x06CF, 0x06CF, R}, {0x06D0, 0x06D1, D}, {0x06D2, 0x06D3, R},
    {0x06D5, 0x06D5, R}, {0x06EE, 0x06EF, R}, {0x06FA, 0x06FC, D}, {0x06FF, 0x06FF, D},
    {0x0750, 0x0758, D}, {0x0759, 0x075B, R}, {0x075C, 0x076A, D}, {0x076B, 0x076C, R},
    {0x076D, 0x0770, D}, {0x0771, 0x0771, R}, {0x0772, 0x0772, D}, {0x0773, 0x0774, R},
    {0x0775, 0x0777, D}, {0x0778, 0x0779, R}, {0x077A, 0x077F, D},
#undef D
#undef R
};

/* The visible format characters that stand before a number (the Arabic
 * number sign...): they join nothing. */
static bool prepended(uint32_t c)
{
    return (c >= 0x0600 && c <= 0x0605) || c == 0x06DD || c == 0x0890 || c == 0x0891 || c == 0x08E2;
}

gp_joining gp_joining_type(uint32_t c)
{
    if (c == 0x200D)
        return GP_JOIN_CAUSING;
    hb_unicode_general_category_t g = hb_unicode_general_category(hb_unicode_funcs_get_default(), c);
    if (g == HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK || g == HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK ||
        (g == HB_UNICODE_GENERAL_CATEGORY_FORMAT && c != 0x200C && !prepended(c)))
        return GP_JOIN_TRANSPARENT;
    for (size_t i = 0; i < sizeof joining / sizeof joining[0] && c >= joining[i].first; i++)
        if (c <= joining[i].last)
            return joining[i].type;
    return GP_JOIN_NONE;
}

static bool in(uint32_t c, const uint32_t *set, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (set[i] == c)
            return true;
    return false;
}

#define IN(c, ...) in(c, (const uint32_t[]){__VA_ARGS__}, sizeof((const uint32_t[]){__VA_ARGS__}) / sizeof(uint32_t))

/* How good a kashida is between letter a and the letter b joined to it
 * (final: b joins nothing after it): 1 best, 0 never. */
static int priority(uint32_t a, uint32_t b, bool final)
{
    if (IN(a, 0x0633, 0x0634, 0x0635, 0x0636, 0x069A, 0x069B, 0x069C, 0x069D, 0x069E, 0x06FA, 0x06FB))
        return 1; /* seen, sad */
    if (!final)
        return 6; /* any other join inside the word */
    if (IN(b, 0x0629, 0x0647, 0x06C1, 0x06D5, 0x06BE))
        return 2; /* teh marbuta, heh */
    if (IN(b, 0x0622, 0x0623, 0x0625, 0x0627, 0x0671, 0x0637, 0x0638, 0x0644, 0x0643, 0x06A9, 0x06AF, 0x062F,
           0x0630))
        return 3; /* alef, tah, lam, kaf, gaf, dal */
    if (IN(b, 0x0648, 0x0624, 0x0639, 0x063A, 0x0641, 0x0642, 0x06A4))
        return 5; /* waw, ain, feh, qaf */
    return 0;     /* reh, yeh, noon...: never before their final forms */
}

/* The next letter after cps[i], skipping marks; n if none. */
static size_t next_letter(const uint32_t *cps, size_t n, size_t i)
{
    for (i++; i < n && gp_joining_type(cps[i]) == GP_JOIN_TRANSPARENT; i++)
        ;
    return i;
}

size_t gp_kashida_place(const uint32_t *cps, size_t n, bool (*may_stretch)(const void *ctx, size_t i),
                        const void *ctx)
{
    size_t best = 0;
    int best_priority = 0;
    for (size_t a = 0; a < n; a = next_letter(cps, n, a)) {
        size_t b = next_letter(cps, n, a);
        if (b >= n || gp_joining_type(cps[a]) != GP_JOIN_DUAL)
            continue;
        gp_joining jb = gp_joining_type(cps[b]);
        if (jb != GP_JOIN_DUAL && jb != GP_JOIN_RIGHT)
            continue;
        size_t c = next_letter(cps, n, b);
        gp_joining jc = c < n ? gp_joining_type(cps[c]) : GP_JOIN_NONE;
        bool final = jb == GP_JOIN_RIGHT || (jc != GP_JOIN_DUAL && jc != GP_JOIN_RIGHT && jc != GP_JOIN_CAUSING);
        int p = priority(cps[a], cps[b], final);
        if (p && (!best_priority || p <= best_priority) && may_stretch(ctx, b))
            best = b, best_priority = p; /* the last of the best */
    }
    return best;
}

bool gp_kashida_glyph(gp_face *f, double size_pt, gp_glyph *out)
{
    hb_codepoint_t gid;
    if (!hb_font_get_nominal_glyph(f->hb_font, 0x0640, &gid) || gid > UINT16_MAX)
        return false;
    *out = (gp_glyph){(float)(hb_font_get_glyph_h_advance(f->hb_font, gid) * size_pt / f->upem), 0, (uint16_t)gid, 0, 0};
    return out->adv > 0;
}
