/* The brand's `colors:`: `#rrggbb` or `cmyk(C, M, Y, K)`, and a warning
 * for a small-text colour that is hard to read. */
#include "brand_int.h"

#include "load/schema.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* "cmyk(0, 90, 80, 10)": four inks in percent (a % sign allowed). */
static bool parse_cmyk(const char *s, gp_rgb *out)
{
    double ink[4];
    if (strncmp(s, "cmyk(", 5))
        return false;
    s += 5;
    for (int i = 0; i < 4; i++) {
        while (*s == ' ')
            s++;
        /* digits and a decimal part only (strtod would also take hex and exponents) */
        size_t whole = strspn(s, "0123456789"), frac = s[whole] == '.' ? 1 + strspn(s + whole + 1, "0123456789") : 0;
        if (!whole || whole + frac > 16)
            return false;
        char digits[20];
        memcpy(digits, s, whole + frac);
        digits[whole + frac] = 0;
        ink[i] = strtod(digits, NULL);
        s += whole + frac;
        if (*s == '%')
            s++;
        while (*s == ' ')
            s++;
        if (!(ink[i] >= 0 && ink[i] <= 100) || *s++ != (i < 3 ? ',' : ')'))
            return false;
    }
    if (*s)
        return false;
    *out = gp_cmyk(ink[0] / 100, ink[1] / 100, ink[2] / 100, ink[3] / 100);
    return true;
}

static bool read_color(brand_ctx *c, const gp_node *n, const char *what, gp_rgb *out)
{
    const char *s;
    if (!gp_schema_string(n, what, c->d, &s))
        return false;
    if (!strncmp(s, "cmyk(", 5)) {
        if (parse_cmyk(s, out))
            return true;
        return gp_error(c->d, n->loc,
                        "%s must be four inks in percent, written `cmyk(C, M, Y, K)` (like \"cmyk(0, 90, 80, 10)\"), "
                        "each from 0 to 100, not `%s`",
                        what, s);
    }
    bool ok = strlen(s) == 7 && s[0] == '#';
    for (int i = 1; ok && i < 7; i++)
        ok = isxdigit((unsigned char)s[i]);
    if (!ok)
        return gp_error(c->d, n->loc,
                        "%s must be a colour written `#rrggbb` (like \"#c8102e\") or `cmyk(C, M, Y, K)`, not `%s`", what,
                        s);
    unsigned long v = strtoul(s + 1, NULL, 16);
    *out = (gp_rgb){.r = ((v >> 16) & 255) / 255.0, .g = ((v >> 8) & 255) / 255.0, .b = (v & 255) / 255.0};
    return true;
}

/* WCAG 2 relative luminance of an sRGB colour. */
static double linear(double v)
{
    return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

double gp_rgb_contrast(gp_rgb a, gp_rgb b)
{
    double la = 0.2126 * linear(a.r) + 0.7152 * linear(a.g) + 0.0722 * linear(a.b);
    double lb = 0.2126 * linear(b.r) + 0.7152 * linear(b.g) + 0.0722 * linear(b.b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

double gp_rgb_gray(gp_rgb c)
{
    return 0.3 * c.r + 0.59 * c.g + 0.11 * c.b; /* as a PDF consumer prints DeviceRGB in grey */
}

/* The brand colours that small text is set in (src/layout/layout.c's
 * styles), what they colour, and whether that text also sits on a panel. */
enum { SLOT_PRIMARY, SLOT_ACCENT, SLOT_TEXT, SLOT_PANEL }; /* read_colors' keys */
static const struct {
    int slot;
    const char *used_for;
    bool on_panel;
} small_text[] = {
    {SLOT_PRIMARY, "printed addresses, question numbers, bullets and links", true},
    {SLOT_ACCENT, "labels (\"Directed by\", \"Also by\"), the film's details, the pull quote, sources and Q&A "
                  "questions", false},
    {SLOT_TEXT, "body text", true},
};

/* WCAG AA for small text. It also keeps the text darker than 40% grey in
 * greyscale: no colour with 4.5:1 against white prints lighter than 52%
 * grey (tests/unit/test_brand.c checks this). */
static const double MIN_CONTRAST = 4.5;

/* Warns, at the line of the colour (or of the panel it fails on), about a
 * small-text colour that is hard to read, on screen or printed in grey. */
static void check_readable(brand_ctx *c, const gp_node *n, const char *const keys[], gp_rgb *const slots[])
{
    const gp_rgb white = {.r = 1, .g = 1, .b = 1};
    for (size_t i = 0; i < sizeof small_text / sizeof small_text[0]; i++) {
        gp_rgb fg = *slots[small_text[i].slot];
        const char *key = keys[small_text[i].slot];
        const gp_node *at = gp_node_get(n, key);
        double on_page = gp_rgb_contrast(fg, white);
        double on_panel = small_text[i].on_panel ? gp_rgb_contrast(fg, *slots[SLOT_PANEL]) : on_page;
        bool panel_worse = on_panel < on_page;
        double ratio = panel_worse ? on_panel : on_page;
        if (panel_worse && !at)
            at = gp_node_get(n, keys[SLOT_PANEL]);
        if (!at)
            continue; /* built-in colours on a built-in page */
        if (ratio < MIN_CONTRAST)
            gp_warn(c->d, at->loc,
                    "colour `%s` sets %s, but has a contrast of only %.1f:1 against the %s (it prints as %.0f%% "
                    "grey); small text needs at least 4.5:1 to be readable: choose a darker `%s`%s",
                    key, small_text[i].used_for, ratio, panel_worse ? "panel colour" : "page",
                    100 * (1 - gp_rgb_gray(fg)), key, panel_worse ? " or a lighter `panel`" : "");
    }
}

bool gp_brand_read_colors(brand_ctx *c, const gp_node *n, gp_brand *b)
{
    static const char *const known[] = {"primary", "accent", "text", "panel", NULL};
    gp_rgb *const slots[] = {&b->primary, &b->accent, &b->text, &b->panel};
    if (!gp_schema_is_map(n, "`colors`", c->d))
        return false;
    bool ok = gp_schema_known_keys(n, known, "`colors`", c->d);
    for (int i = 0; known[i]; i++) {
        gp_node *v = gp_node_get(n, known[i]);
        if (v)
            ok &= read_color(c, v, gp_arena_printf(c->a, "colour `%s`", known[i]), slots[i]);
    }
    if (ok)
        check_readable(c, n, known, slots);
    return ok;
}
