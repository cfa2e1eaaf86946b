/* Emoji sequences (UTS #51 §1.4), recognised without ICU, which guidepress
 * loads only when a date or a dictionary break needs it. */
#include "emoji.h"

#include <stdbool.h>

#include "emoji_table.h"

enum { ZWJ = 0x200D, TEXT_STYLE = 0xFE0E, EMOJI_STYLE = 0xFE0F, KEYCAP = 0x20E3 };

static bool default_emoji(uint32_t c)
{
    if (c < emoji_presentation[0].first) /* all of most texts: no search */
        return false;
    size_t lo = 0, hi = sizeof emoji_presentation / sizeof emoji_presentation[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c < emoji_presentation[mid].first)
            hi = mid;
        else if (c > emoji_presentation[mid].last)
            lo = mid + 1;
        else
            return true;
    }
    return false;
}

static bool regional_indicator(uint32_t c)
{
    return c >= 0x1F1E6 && c <= 0x1F1FF;
}

static bool skin_tone(uint32_t c)
{
    return c >= 0x1F3FB && c <= 0x1F3FF;
}

/* What may follow an emoji and belongs to it: a skin tone (which makes an
 * emoji of a character that is text by default: ✌🏽), a tag (the letters
 * of a subdivision flag and its end), the emoji selector. */
static bool modifies(uint32_t c)
{
    return skin_tone(c) || (c >= 0xE0020 && c <= 0xE007F) || c == EMOJI_STYLE;
}

/* One emoji of a sequence at cps[i]: its length, 0 if none. */
static inline size_t element(const uint32_t *cps, size_t n, size_t i)
{
    uint32_t c = cps[i], next = i + 1 < n ? cps[i + 1] : 0;
    size_t e = i + 1;
    if ((c >= '0' && c <= '9') || c == '#' || c == '*') { /* a keycap, or plain text */
        e += next == EMOJI_STYLE;
        return e < n && cps[e] == KEYCAP ? e + 1 - i : 0;
    }
    if (regional_indicator(c))
        e += regional_indicator(next);
    else if (next != EMOJI_STYLE && !skin_tone(next) && (!default_emoji(c) || next == TEXT_STYLE))
        return 0;
    while (e < n && modifies(cps[e]))
        e++;
    return e - i;
}

size_t gp_emoji_sequence(const uint32_t *cps, size_t n, size_t i)
{
    size_t e = i + element(cps, n, i);
    if (e == i)
        return 0;
    /* after a ZWJ, a pictograph that is text by default joins without its selector (👩‍⚕) */
    while (e + 1 < n && cps[e] == ZWJ && cps[e + 1] >= 0x2000 && cps[e + 1] != ZWJ) {
        size_t more = element(cps, n, e + 1);
        e += 1 + (more ? more : 1);
    }
    return e - i;
}
