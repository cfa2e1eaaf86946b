/* The layout driver: styles from the brand, then cover, sections, back
 * page, and finally the footers (which need the page count).
 *
 * Type sizes and spacing are fixed here, in one table, so that every brand
 * gets the same typographic care: a 10.5/14.5 pt body, headings in the
 * brand's heading face and primary colour, the quote in its quote face. */
#include "layout_int.h"

#include <math.h>
#include <string.h>

typedef struct style_spec {
    gp_font_role role;
    double size, leading;
    int color;           /* 0 text, 1 primary, 2 accent, 3 muted, 4 white (also for links) */
    unsigned flip;
    bool justify;
} style_spec;

static const style_spec specs[ST_COUNT] = {
    [ST_BODY] = {GP_ROLE_BODY, 10.5, 14.5, 0, 0, true},
    [ST_RAGGED] = {GP_ROLE_BODY, 10.5, 14.5, 0, 0, false},
    [ST_PANEL] = {GP_ROLE_BODY, 10, 13.8, 0, 0, false},
    [ST_H1] = {GP_ROLE_HEADING, 20, 25, 1, GP_SPAN_BOLD, false},
    [ST_H2] = {GP_ROLE_HEADING, 12, 14.5, 2, GP_SPAN_BOLD, false},
    [ST_QUOTE] = {GP_ROLE_QUOTE, 13, 14.5, 2, GP_SPAN_ITALIC, false},
    [ST_QUOTE_MARK] = {GP_ROLE_HEADING, 26, 29, 1, GP_SPAN_BOLD, false},
    [ST_QUOTE_BY] = {GP_ROLE_HEADING, 9.5, 13, 2, GP_SPAN_BOLD, false},
    [ST_REVIEW] = {GP_ROLE_QUOTE, 12.5, 17, 0, GP_SPAN_ITALIC, false},
    [ST_SOURCE] = {GP_ROLE_HEADING, 9.5, 13, 2, GP_SPAN_BOLD, false},
    [ST_SMALL] = {GP_ROLE_HEADING, 8.5, 11.5, 1, 0, false},
    [ST_NUMBER] = {GP_ROLE_HEADING, 11, 14.5, 1, GP_SPAN_BOLD, false},
    [ST_FIGURE] = {GP_ROLE_HEADING, 26, 30, 1, GP_SPAN_BOLD, false},
    [ST_FIGURE_LABEL] = {GP_ROLE_HEADING, 9, 12, 0, 0, false},
    [ST_QA_Q] = {GP_ROLE_HEADING, 10.5, 14.5, 2, GP_SPAN_BOLD, false},
    [ST_FOOTER] = {GP_ROLE_HEADING, 8, 10, 3, 0, false},
    [ST_COVER_BRAND] = {GP_ROLE_HEADING, 13, 17, 1, GP_SPAN_BOLD, false},
    [ST_COVER_TITLE] = {GP_ROLE_HEADING, 40, 45, 1, GP_SPAN_BOLD, false},
    [ST_COVER_SUB] = {GP_ROLE_HEADING, 15, 20, 2, 0, false},
    [ST_COVER_LOGLINE] = {GP_ROLE_QUOTE, 15, 21, 0, GP_SPAN_ITALIC, false},
    [ST_BACK_HEADING] = {GP_ROLE_HEADING, 24, 30, 1, GP_SPAN_BOLD, false},
    [ST_BAND_NAME] = {GP_ROLE_HEADING, 13, 17, 4, GP_SPAN_BOLD, false},
    [ST_BAND_TAGLINE] = {GP_ROLE_HEADING, 15, 20, 4, 0, false},
    [ST_BAND_URL] = {GP_ROLE_HEADING, 8.5, 11.5, 4, 0, false},
};

static gp_rgb mix(gp_rgb a, gp_rgb b, double t)
{
    return (gp_rgb){a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t};
}

static bool make_styles(layout *L)
{
    const gp_brand *b = L->brand;
    gp_face *faces[GP_ROLE_COUNT][GP_FACE_COUNT];
    for (int r = 0; r < GP_ROLE_COUNT; r++)
        for (int f = 0; f < GP_FACE_COUNT; f++)
            if (!(faces[r][f] = gp_fontset_open(L->tc->fonts, &b->fonts[r].faces[f], L->tc->d)))
                return false;
    gp_rgb white = {1, 1, 1};
    gp_rgb colors[5] = {b->text, b->primary, b->accent, mix(b->text, white, 0.45), white};
    for (int s = 0; s < ST_COUNT; s++) {
        const style_spec *sp = &specs[s];
        gp_text_style *st = &L->st[s];
        memcpy(st->faces, faces[sp->role], sizeof st->faces);
        st->size_pt = sp->size;
        st->leading_pt = sp->leading;
        st->color = colors[sp->color];
        st->link_color = sp->color == 4 ? white : b->primary;
        st->style_flip = sp->flip;
        st->justify = sp->justify;
        st->hyphenate = sp->role == GP_ROLE_BODY;
    }
    return true;
}

/* The footer template with its placeholders filled in. */
static const char *footer_text(layout *L, int page, int pages)
{
    const char *t = L->brand->footer;
    const char *out = "";
    while (*t) {
        const char *open = strchr(t, '{');
        if (!open)
            return gp_arena_printf(L->a, "%s%s", out, t);
        const char *close = strchr(open, '}');
        if (!close)
            return gp_arena_printf(L->a, "%s%s", out, t);
        out = gp_arena_printf(L->a, "%s%.*s", out, (int)(open - t), t);
        size_t n = (size_t)(close - open - 1);
        const char *v = "";
        if (!strncmp(open + 1, "name", n) && n == 4)
            v = L->brand->name ? L->brand->name : "";
        else if (!strncmp(open + 1, "title", n) && n == 5)
            v = L->doc->film.title;
        else if (!strncmp(open + 1, "pages", n) && n == 5)
            v = gp_arena_printf(L->a, "%d", pages);
        else if (!strncmp(open + 1, "page", n) && n == 4)
            v = gp_arena_printf(L->a, "%d", page);
        out = gp_arena_printf(L->a, "%s%s", out, v);
        t = close + 1;
    }
    return out;
}

/* Footers on every page but the cover and the back page. */
static void footers(layout *L, bool has_back)
{
    int pages = (int)L->dl->npages, last = has_back ? pages - 1 : pages;
    const gp_text_style *st = &L->st[ST_FOOTER];
    double y = L->dl->page_h - L->brand->margin_pt / 2;
    for (int p = 1; p < last; p++) {
        const char *text = footer_text(L, p + 1, pages);
        /* drop separators left dangling by an empty placeholder ({name} with no name) */
        while (!strncmp(text, " \xC2\xB7 ", 4))
            text += 4;
        gp_text_style fitted = *st;
        gp_line ln = gp_text_line(L->tc, text, &fitted, 0, (gp_loc){L->brand->path, 0, 0});
        if (ln.width > L->width) { /* shrink, never clip: a footer is one line */
            fitted.size_pt *= L->width / ln.width * 0.999;
            ln = gp_text_line(L->tc, text, &fitted, 0, (gp_loc){L->brand->path, 0, 0});
        }
        double x = L->left + fmax(0, (L->width - fmin(ln.width, L->width)) / 2);
        emit_line(L, p, &ln, x, y, fitted.size_pt, (gp_box){L->left, y - st->size_pt, L->width, st->leading_pt},
                  (gp_loc){L->brand->path, 0, 0});
    }
}

bool gp_layout_guide(gp_textctx *tc, const gp_doc *doc, const gp_brand *brand, gp_dlist *dl)
{
    layout L = {.tc = tc, .a = tc->a, .doc = doc, .brand = brand, .dl = dl};
    dl->page_w = brand->page_w_pt;
    dl->page_h = brand->page_h_pt;
    dl->title = doc->film.title;
    dl->subject = gp_arena_printf(tc->a, "A discussion guide for %s", doc->film.title);
    dl->author = brand->name;
    double m = brand->margin_pt;
    L.left = m;
    L.right = brand->page_w_pt - m;
    L.width = L.right - L.left;
    L.top = m;
    L.bottom = brand->page_h_pt - m - 12; /* room for the footer */
    if (!make_styles(&L))
        return false;
    L.y = L.top;
    layout_cover(&L);
    flow f = flow_start(&L, L.left, L.width);
    for (size_t i = 0; i < doc->nsections; i++) {
        if (i)
            flow_space(&f, 26);
        layout_section(&L, &f, &doc->sections[i]);
        L.page = f.page > L.page ? f.page : L.page;
    }
    L.page = f.page;
    L.y = f.y;
    if (dl->npages > GP_MAX_PAGES)
        return gp_error(tc->d, (gp_loc){doc->path, 1, 1}, "the guide would have %zu pages; the limit is %d",
                        dl->npages, GP_MAX_PAGES);
    bool has_back = layout_has_back(&L);
    if (has_back)
        layout_back(&L);
    footers(&L, has_back);
    return true;
}
