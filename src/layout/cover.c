/* The cover and the branded back page.
 *
 * Cover: the brand (logo, name), "You might know this director from:",
 * the title large, director, the year/runtime/country/language line, the
 * poster scaled to fit beside the text, the logline and the intro.
 * Back page: the brand's logo, heading and body, with its name, tagline and
 * url on a band of the primary colour. A screening's date, time, venue,
 * host and RSVP address go under the cover's title and on the back page. Both use flows, so even an
 * over-long intro continues on a page of its own instead of being cut. */
#include "layout_int.h"

#include "base/utf8.h"

#include <math.h>
#include <string.h>

/* An image placed to fit max_w x max_h, a Figure in f's element with the
 * alternative text given: its height (0 if none). */
static double image(flow *f, const gp_image *img, const char *alt, double x, double y, double max_w, double max_h,
                    bool right_align, gp_loc loc)
{
    gp_dl_item *it = place_image(f, img, alt, x, y, max_w, max_h, right_align, loc);
    return it ? it->box.h : 0;
}

static const char *join(layout *L, const char *const *items, size_t n, const char *sep, const char *last_sep)
{
    const char *s = "";
    for (size_t i = 0; i < n; i++)
        s = gp_arena_printf(L->a, "%s%s%s", s, i == 0 ? "" : i + 1 == n ? last_sep : sep, items[i]);
    return s;
}

static const char *meta_line(layout *L, const gp_film *film)
{
    const char *parts[4];
    size_t n = 0;
    if (film->year)
        parts[n++] = layout_number(L, film->year);
    if (film->runtime)
        parts[n++] = film->runtime;
    if (film->country)
        parts[n++] = film->country;
    if (film->language)
        parts[n++] = film->language;
    return n ? join(L, parts, n, " \xC2\xB7 ", " \xC2\xB7 ") : NULL;
}

/* When and where: the date in words in the guide's language, then time,
 * venue and host, and the RSVP address printed so it can be typed. */
static void screening_block(layout *L, flow *f, const gp_screening *s)
{
    const char *parts[3];
    size_t n = 0;
    if (s->time)
        parts[n++] = s->time;
    if (s->venue)
        parts[n++] = s->venue;
    if (s->host)
        parts[n++] = s->host;
    flow_text(f, gp_date_long(L->a, s->date, L->tc->language), ST_COVER_SUB, GP_SPAN_BOLD, s->loc);
    if (n)
        flow_text(f, join(L, parts, n, " \xC2\xB7 ", " \xC2\xB7 "), ST_SOURCE, 0, s->loc);
    if (s->rsvp) {
        gp_span span = {s->rsvp, GP_SPAN_VERBATIM, gp_url_linkable(s->rsvp) ? s->rsvp : NULL, NULL};
        gp_para p = {.spans = &span, .count = 1};
        flow_para(f, &p, ST_SMALL, 0, s->loc);
    }
}

/* The logo's alternative text: the brand's, else made from its name. */
static const char *logo_alt(layout *L)
{
    const gp_brand *b = L->brand;
    return b->logo_alt ? b->logo_alt : default_alt(L, ALT_LOGO, b->name);
}

static void brand_header(layout *L, flow *f)
{
    const gp_brand *b = L->brand;
    flow start = *f;
    if (b->logo)
        f->y += image(f, b->logo, logo_alt(L), f->x, f->y, 160, 40, false, b->logo_loc);
    if (b->name) {
        if (f->y > start.y)
            f->y += 6;
        flow_text(f, b->name, ST_COVER_BRAND, 0, (gp_loc){b->path, 0, 0}); /* (a long one flows on) */
    }
    if (f->page > start.page || f->y > start.y) {
        gp_dl_item *it = gp_dlist_add(L->dl, f->page, GP_DL_RULE);
        it->box = (gp_box){f->x, f->y + 8, f->w, 0};
        it->frame = (gp_box){f->x, f->top, f->w, L->bottom - f->top};
        it->line_width = 1.5;
        it->color = b->primary;
        f->y += 30;
    }
}

typedef struct words_fit {
    layout *L;
    const char *text;
    double w;
    gp_loc loc;
} words_fit;

/* Whether every word of the text (between spaces) fits on a line of the
 * width, but for words of scripts that break between letters. */
static bool words_fit_line(const gp_text_style *st, const void *ctx)
{
    const words_fit *c = ctx;
    const char *s = c->text;
    while (*s) {
        size_t n = strcspn(s, " ");
        bool breakable = false;
        for (size_t i = 0; i < n && !breakable;) {
            uint32_t cp;
            i += gp_utf8_decode(s + i, n - i, &cp);
            breakable = breaks_between_letters(cp);
        }
        char *word = gp_arena_printf(c->L->a, "%.*s", (int)n, s);
        if (n && !breakable && gp_text_line(c->L->tc, word, st, 0, c->loc).width > c->w)
            return false;
        s += n + (s[n] == ' ');
    }
    return true;
}

/* The film's title, on as many lines as it takes but no word broken: a
 * word too long for the column (a long title beside the poster on A5) is
 * set smaller by the layout's one rule (broken only if even that fails). */
static void cover_title(flow *text, const char *title, gp_loc loc)
{
    layout *L = text->L;
    gp_text_style saved = L->st[ST_COVER_TITLE];
    fit_type_size(&L->st[ST_COVER_TITLE], words_fit_line, &(words_fit){L, title, text->w, loc});
    flow_text(text, title, ST_COVER_TITLE, 0, loc);
    L->st[ST_COVER_TITLE] = saved;
}

void layout_cover(layout *L)
{
    const gp_film *film = &L->doc->film;
    gp_loc loc = {L->doc->path, 1, 1};
    layout_page(L, 0);
    flow f = flow_start(L, L->left, L->width);
    brand_header(L, &f);
    if (film->nalso_by) {
        flow_text(&f, gp_brand_label(L->brand, GP_LABEL_ALSO_BY, L->tc->language), ST_SOURCE, 0, loc);
        for (size_t i = 0; i < film->nalso_by; i++)
            flow_text(&f, film->also_by[i], ST_RAGGED, GP_SPAN_ITALIC, loc);
        flow_space(&f, 28);
    }
    /* the poster beside the title block, as tall as the page allows: on a
     * page of its own with the title if a long also_by list left too little */
    if (film->poster)
        flow_need(&f, (L->bottom - L->top) / 2);
    flow text = f;
    double col = L->width * 0.42;
    if (film->poster)
        text.w = L->width - col - 24;
    cover_title(&text, film->title, loc);
    if (film->poster) /* beside the title, read after it */
        image(&f, film->poster,
              film->poster_alt ? film->poster_alt : default_alt(L, ALT_POSTER, film->title),
              L->left + text.w + 24, f.y, col, L->bottom - f.y, true, film->poster_loc);
    flow_space(&text, 8);
    const char *dirs = join(L, film->directors, film->ndirectors, ", ", " & ");
    const char *directed_by = gp_brand_label(L->brand, GP_LABEL_DIRECTED_BY, L->tc->language);
    flow_text(&text, gp_arena_printf(L->a, "%s %s", directed_by, dirs), ST_COVER_SUB, 0,
              loc);
    const char *meta = meta_line(L, film);
    if (meta)
        flow_text(&text, meta, ST_SOURCE, 0, loc);
    if (L->doc->screening) {
        flow_space(&text, 14);
        screening_block(L, &text, L->doc->screening);
    }
    if (film->logline) {
        flow_space(&text, 22);
        flow_rich(&text, film->logline, ST_COVER_LOGLINE, 0, 6);
    }
    if (film->intro) {
        flow_space(&text, 16);
        flow_rich(&text, film->intro, ST_BODY, 0, 6);
    }
    /* the body starts on the next page, or below an intro that ran on to it */
    L->page = text.page > 0 ? text.page : 1;
    L->y = text.page > 0 ? text.y + 26 : L->top;
    layout_page(L, L->page);
}

void layout_handout_head(layout *L)
{
    const gp_brand *b = L->brand;
    layout_page(L, 0);
    flow f = flow_start(L, L->left, L->width);
    if (b->name)
        flow_text(&f, b->name, ST_COVER_BRAND, 0, (gp_loc){b->path, 0, 0});
    flow_text(&f, L->doc->film.title, ST_HANDOUT_TITLE, 0, (gp_loc){L->doc->path, 1, 1});
    if (L->doc->screening) {
        flow_space(&f, 4);
        screening_block(L, &f, L->doc->screening);
    }
    L->page = f.page;
    L->y = f.y + 24;
}

static void band_text(flow *f, const gp_brand *b, gp_loc loc)
{
    if (b->name)
        flow_text(f, b->name, ST_BAND_NAME, 0, loc);
    if (b->tagline)
        flow_text(f, b->tagline, ST_BAND_TAGLINE, 0, loc);
    if (b->url)
        flow_url(f, b->url, 0, ST_BAND_URL, loc);
}

static void band_rect(layout *L, int page, double top)
{
    gp_dl_item *band = gp_dlist_add_background(L->dl, page, GP_DL_RECT);
    band->box = (gp_box){0, top, L->dl->page_w, L->dl->page_h - top};
    band->frame = (gp_box){0, 0, L->dl->page_w, L->dl->page_h};
    band->color = L->brand->primary;
}

bool layout_has_back(const layout *L)
{
    const gp_brand *b = L->brand;
    return b->back_heading || b->back_body || b->name || b->tagline || b->url || b->logo || L->doc->screening;
}

int layout_back(layout *L)
{
    const gp_brand *b = L->brand;
    gp_loc loc = {b->path, 0, 0};
    if (L->y > L->top + 0.5) {
        layout_page(L, L->page + 1);
        L->y = L->top;
    }
    flow f = flow_start(L, L->left, L->width);
    f.parent = flow_element(&f, GP_DL_TAG_SECT);
    int first_page = f.page;
    if (b->logo)
        f.y += image(&f, b->logo, logo_alt(L), f.x, f.y, 200, 60, false, b->logo_loc) + 24;
    if (b->back_heading) {
        flow_text(&f, b->back_heading, ST_BACK_HEADING, 0, loc);
        flow_space(&f, 14);
    }
    if (b->back_body)
        flow_rich(&f, b->back_body, ST_BACK_BODY, 0, 8);
    if (L->doc->screening) {
        flow_space(&f, 18);
        screening_block(L, &f, L->doc->screening);
    }
    /* the band: name, tagline and url in white on the primary colour, as tall as they need */
    flow measure = flow_dry(L, f.w);
    band_text(&measure, b, loc);
    double band_h = measure.y + 48;
    flow_need(&f, band_h + 30);
    double band_top = fmax(f.y + 30, L->dl->page_h - band_h);
    flow in = f;
    in.y = band_top + 24;
    double text_bottom = L->bottom;
    L->bottom = L->dl->page_h; /* the band is the one place text may enter the margin */
    band_text(&in, b, loc);
    L->bottom = text_bottom;
    /* text too long for one page's band (an absurd name) takes the band on with it */
    for (int p = f.page; p <= in.page; p++)
        band_rect(L, p, p == f.page ? band_top : 0);
    L->page = in.page;
    L->y = in.y;
    return first_page;
}
