/* Script itemization: a character's script from HarfBuzz's Unicode data,
 * Common and Inherited resolved as UAX #24 (section 5.1) suggests. */
#include "script.h"

#include <stdbool.h>
#include <string.h>

/* Script_Extensions of the characters shared by several scripts that the
 * guides' languages use, from Unicode 15's ScriptExtensions.txt
 * (tests/unit/test_script.c compares them with the file unicode-data
 * installs). Sorted by code point. */
static const struct {
    uint32_t first, last;
    const char *scripts;
} extensions[] = {
    {0x060C, 0x060C, "Arab Nkoo Rohg Syrc Thaa Yezi"},
    {0x061B, 0x061B, "Arab Nkoo Rohg Syrc Thaa Yezi"},
    {0x061C, 0x061C, "Arab Syrc Thaa"},
    {0x061F, 0x061F, "Adlm Arab Nkoo Rohg Syrc Thaa Yezi"},
    {0x0640, 0x0640, "Adlm Arab Mand Mani Ougr Phlp Rohg Sogd Syrc"},
    {0x064B, 0x0655, "Arab Syrc"},
    {0x0660, 0x0669, "Arab Thaa Yezi"},
    {0x0670, 0x0670, "Arab Syrc"},
    {0x06D4, 0x06D4, "Arab Rohg"},
    {0x0964, 0x0964, "Beng Deva Dogr Gong Gonm Gran Gujr Guru Knda Mahj Mlym Nand Orya Sind Sinh Sylo Takr Taml "
                     "Telu Tirh"},
    {0x0965, 0x0965, "Beng Deva Dogr Gong Gonm Gran Gujr Guru Knda Limb Mahj Mlym Nand Orya Sind Sinh Sylo Takr "
                     "Taml Telu Tirh"},
    {0x3001, 0x3002, "Bopo Hang Hani Hira Kana Yiii"},
    {0x3003, 0x3003, "Bopo Hang Hani Hira Kana"},
    {0x3006, 0x3006, "Hani"},
    {0x3008, 0x3011, "Bopo Hang Hani Hira Kana Yiii"},
    {0x3013, 0x3013, "Bopo Hang Hani Hira Kana"},
    {0x3014, 0x301B, "Bopo Hang Hani Hira Kana Yiii"},
    {0x301C, 0x301F, "Bopo Hang Hani Hira Kana"},
    {0x302A, 0x302D, "Bopo Hani"},
    {0x3030, 0x3030, "Bopo Hang Hani Hira Kana"},
    {0x3031, 0x3035, "Hira Kana"},
    {0x3037, 0x3037, "Bopo Hang Hani Hira Kana"},
    {0x303C, 0x303D, "Hani Hira Kana"},
    {0x303E, 0x303F, "Hani"},
    {0x3099, 0x309C, "Hira Kana"},
    {0x30A0, 0x30A0, "Hira Kana"},
    {0x30FB, 0x30FB, "Bopo Hang Hani Hira Kana Yiii"},
    {0x30FC, 0x30FC, "Hira Kana"},
    {0xFF61, 0xFF65, "Bopo Hang Hani Hira Kana Yiii"},
    {0xFF70, 0xFF70, "Hira Kana"},
    {0xFF9E, 0xFF9F, "Hira Kana"},
};

const char *gp_script_extensions(uint32_t cp)
{
    if (cp < extensions[0].first) /* Latin, Greek, Cyrillic...: no search */
        return NULL;
    size_t lo = 0, hi = sizeof extensions / sizeof extensions[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cp < extensions[mid].first)
            hi = mid;
        else if (cp > extensions[mid].last)
            lo = mid + 1;
        else
            return extensions[mid].scripts;
    }
    return NULL;
}

static bool is_real(hb_script_t s)
{
    return s != HB_SCRIPT_COMMON && s != HB_SCRIPT_INHERITED && s != HB_SCRIPT_UNKNOWN;
}

/* Whether `script` is one of a Script_Extensions list. */
static bool extends_to(const char *scripts, hb_script_t script)
{
    char tag[5] = {0};
    hb_tag_to_string(hb_script_to_iso15924_tag(script), tag);
    for (const char *s = scripts; *s; s += s[4] ? 5 : 4)
        if (!memcmp(s, tag, 4))
            return true;
    return false;
}

static hb_script_t first_extension(const char *scripts)
{
    return hb_script_from_string(scripts, 4);
}

/* hb_unicode_script, without its lookup for ASCII (most of the characters
 * of most guides): its letters are Latin, the rest Common. */
static hb_script_t script_of(hb_unicode_funcs_t *uf, uint32_t c)
{
    if (c < 0x80)
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z' ? HB_SCRIPT_LATIN : HB_SCRIPT_COMMON;
    return hb_unicode_script(uf, c);
}

/* Whether c may be a paired bracket: ASCII has only these three pairs. */
static bool may_be_bracket(uint32_t c)
{
    return c >= 0x80 || c == '(' || c == ')' || c == '[' || c == ']' || c == '{' || c == '}';
}

/* The first real script at or after cps[from], or COMMON. */
static hb_script_t next_real(hb_unicode_funcs_t *uf, const uint32_t *cps, size_t from, size_t n)
{
    for (size_t i = from; i < n; i++) {
        hb_script_t s = script_of(uf, cps[i]);
        if (is_real(s) && !gp_script_extensions(cps[i]))
            return s;
    }
    return HB_SCRIPT_COMMON;
}

static bool is_cjk(hb_script_t s)
{
    return s == HB_SCRIPT_HAN || s == HB_SCRIPT_HIRAGANA || s == HB_SCRIPT_KATAKANA || s == HB_SCRIPT_BOPOMOFO ||
           s == HB_SCRIPT_HANGUL;
}

/* UAX #24 keeps Han, kana, Bopomofo and Hangul apart, but Japanese writes
 * kanji and kana in one text (ISO 15924's Jpan), Korean hangul with hanja
 * (Kore), Taiwan Bopomofo with Han (Hanb): each stretch of them becomes
 * one run, shaped as Hangul if it has hangul (HarfBuzz's Hangul shaper
 * composes jamo and leaves the rest alone), else as Han (kana's shaping
 * and Noto CJK's lookups for `kana` are Han's). One run per font, so one
 * TJ, not one at every kanji-kana change. */
static void join_cjk(hb_script_t *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        if (!is_cjk(s[i])) {
            i++;
            continue;
        }
        size_t e = i;
        bool hangul = false;
        for (; e < n && is_cjk(s[e]); e++)
            hangul |= s[e] == HB_SCRIPT_HANGUL;
        for (; i < e; i++)
            s[i] = hangul ? HB_SCRIPT_HANGUL : HB_SCRIPT_HAN;
    }
}

enum { MAX_BRACKETS = 32 }; /* deeper nesting takes the surrounding script, as unpaired brackets do */

void gp_script_resolve(const uint32_t *cps, size_t n, hb_script_t *out)
{
    hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
    hb_script_t current = next_real(uf, cps, 0, n);
    struct {
        uint32_t closing;
        hb_script_t script;
    } open[MAX_BRACKETS];
    size_t depth = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = cps[i];
        hb_script_t s = script_of(uf, c);
        const char *ext = gp_script_extensions(c);
        if (ext) {
            if (!extends_to(ext, current)) {
                hb_script_t next = next_real(uf, cps, i + 1, n);
                current = extends_to(ext, next) ? next : first_extension(ext);
            }
            s = current;
        } else if (s == HB_SCRIPT_INHERITED) {
            s = i ? out[i - 1] : current;
        } else if ((s == HB_SCRIPT_COMMON || s == HB_SCRIPT_UNKNOWN) && !may_be_bracket(c)) {
            s = current;
        } else if (s == HB_SCRIPT_COMMON || s == HB_SCRIPT_UNKNOWN) {
            hb_codepoint_t mirror = hb_unicode_mirroring(uf, c);
            hb_unicode_general_category_t g = hb_unicode_general_category(uf, c);
            s = current;
            if (g == HB_UNICODE_GENERAL_CATEGORY_OPEN_PUNCTUATION && mirror != c && depth < MAX_BRACKETS) {
                open[depth].closing = mirror;
                open[depth++].script = current;
            } else if (g == HB_UNICODE_GENERAL_CATEGORY_CLOSE_PUNCTUATION) {
                size_t d = depth;
                while (d > 0 && open[d - 1].closing != c)
                    d--;
                if (d > 0) { /* its opening bracket's, and the text after it goes on in that script */
                    depth = d - 1;
                    s = current = open[depth].script;
                }
            }
        } else {
            current = s;
        }
        out[i] = s;
    }
    join_cjk(out, n);
}
