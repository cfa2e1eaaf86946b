/* Chinese and Japanese punctuation (text/cjk.h). */
#include "cjk.h"

#include <math.h>

static bool is_one_of(uint32_t c, const uint32_t *marks, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (marks[i] == c)
            return true;
    return false;
}

gp_cjk_punct gp_cjk_punct_of(uint32_t c)
{
    static const uint32_t opening[] = {0x300C, 0x300E, 0xFF08, 0x3010, 0x3014, 0x3008, 0x300A,
                                       0xFF3B, 0xFF5B, 0x3016, 0x3018, 0x301D, 0x201C, 0x2018};
    static const uint32_t closing[] = {0x300D, 0x300F, 0xFF09, 0x3011, 0x3015, 0x3009, 0x300B, 0xFF3D, 0xFF5D,
                                       0x3017, 0x3019, 0x301F, 0x201D, 0x2019, 0x3001, 0x3002, 0xFF0C, 0xFF0E};
    if (c < GP_CJK_FIRST_MARK) /* (most text: Latin) */
        return GP_CJK_OTHER;
    return is_one_of(c, opening, sizeof opening / sizeof *opening)   ? GP_CJK_OPENING
           : is_one_of(c, closing, sizeof closing / sizeof *closing) ? GP_CJK_CLOSING
                                                                     : GP_CJK_OTHER;
}

bool gp_cjk_is_sinographic(uint32_t c)
{
    return (c >= 0x2E80 && c <= 0x2FDF) || (c >= 0x3000 && c <= 0x30FF) || (c >= 0x3190 && c <= 0x31FF) ||
           (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFF00 && c <= 0xFF60) || (c >= 0x20000 && c <= 0x3FFFF);
}

bool gp_cjk_is_shared_mark(uint32_t c)
{
    return c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019 || c == 0x2014 || c == 0x2026 || c == 0x00B7;
}

gp_cjk_punct gp_cjk_squeeze_at(const uint32_t *cps, size_t n, size_t i)
{
    gp_cjk_punct kind = gp_cjk_punct_of(cps[i]);
    bool squeeze = kind == GP_CJK_CLOSING   ? i + 1 < n && gp_cjk_punct_of(cps[i + 1]) != GP_CJK_OTHER
                   : kind == GP_CJK_OPENING ? i > 0 && gp_cjk_punct_of(cps[i - 1]) == GP_CJK_OPENING
                                            : false;
    return squeeze ? kind : GP_CJK_OTHER;
}

void gp_cjk_halve(const gp_face *f, gp_glyph *g, gp_cjk_punct kind)
{
    hb_glyph_extents_t ink;
    hb_position_t adv = hb_font_get_glyph_h_advance(f->hb_font, g->gid);
    if (kind == GP_CJK_OTHER || fabs(adv - f->upem) > f->upem / 50 ||
        !hb_font_get_glyph_extents(f->hb_font, g->gid, &ink))
        return;
    hb_position_t half = adv / 2, left = g->dx + ink.x_bearing, right = left + ink.width;
    if (kind == GP_CJK_CLOSING ? right > half : left < half)
        return;
    if (kind == GP_CJK_OPENING)
        g->dx = (int16_t)(g->dx - half);
    g->adv /= 2;
}
