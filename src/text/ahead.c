/* Shaping ahead (see ahead.h). HarfBuzz is a quarter of a cold guide's
 * instructions, and the thread laying out is the one the guide waits for:
 * a side thread shapes the words of the paragraphs still to come and
 * leaves them in a shared table (text/word_cache.h), where the layout
 * thread finds them instead of shaping them itself. (Started as a plain
 * thread, Linux put it on the layout thread's core, where the two took
 * turns and the guide was no faster: README "Speed and size".)
 *
 * Only the words' glyphs are shared, keyed as the word cache keys them
 * (face, code points, direction, script, features): shaping is a function
 * of those alone, so a word found there is exactly what the layout thread
 * would have shaped. The helper guesses (the body style's faces, the
 * text's own scripts); a wrong guess only shapes a word no one asks for.
 * It reads of the faces only what never changes once they are open, and
 * shapes with its own buffer and plans (gp_shaper). */
#include "ahead.h"

#include "base/arena.h"
#include "base/utf8.h"
#include "base/work.h"
#include "text/script.h"
#include "text/word_cache.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

struct gp_ahead {
    pthread_t thread;
    atomic_bool stop;
    gp_shared_shapes *table;
    gp_shaper shaper;
    const gp_ahead_para *paras;
    size_t n;
    gp_text_style *styles; /* a copy: layout may change its own as it fits type */
    const char *language;
    bool smart_punct;
    uint32_t *cps;
    uint32_t *span_of;
    hb_script_t *scripts;
    size_t cap;
};

static bool is_space(uint32_t c)
{
    return c == ' ' || c == '\t';
}

/* Appends text's code points (span `span`) to a->cps[*n...]. */
static void add_text(gp_ahead *a, const char *text, uint32_t span, size_t *n)
{
    size_t len = strlen(text);
    if (*n + len > a->cap) { /* at most a code point a byte */
        a->cap = *n + len;
        a->cps = gp_xrealloc(a->cps, a->cap * sizeof *a->cps);
        a->span_of = gp_xrealloc(a->span_of, a->cap * sizeof *a->span_of);
        a->scripts = gp_xrealloc(a->scripts, a->cap * sizeof *a->scripts);
    }
    for (size_t i = 0; i < len;) {
        i += gp_utf8_decode(text + i, len - i, &a->cps[*n]);
        a->span_of[(*n)++] = span;
    }
}

/* Whether face f has a glyph for each of cps[0, n), by HarfBuzz's cmap
 * (gp_face_has's cache is the layout thread's). */
static bool has_all(const gp_face *f, const uint32_t *cps, size_t n)
{
    hb_codepoint_t g;
    for (size_t i = 0; i < n; i++)
        if (!hb_font_get_nominal_glyph(f->hb_font, cps[i], &g))
            return false;
    return true;
}

/* Shapes a word if the guess that it is set as it reads is a fair one: a
 * left-to-right script the span's face has every letter of. */
static void shape_word(gp_ahead *a, const gp_para *p, const gp_text_style *st, size_t from, size_t to)
{
    hb_script_t script = a->scripts[from];
    if (script == HB_SCRIPT_COMMON || script == HB_SCRIPT_INHERITED || script == HB_SCRIPT_UNKNOWN ||
        hb_script_get_horizontal_direction(script) != HB_DIRECTION_LTR)
        return;
    const gp_face *f = gp_style_face(st, p->spans[a->span_of[from]].style);
    if (has_all(f, a->cps + from, to - from))
        gp_shared_shape(a->table, &a->shaper, f, a->cps + from, to - from, false, script, st->features);
}

/* The paragraph's text as the layout thread reads it (smart punctuation
 * too), cut into words where layout cuts them: spaces, a change of span
 * style or of script. */
static void shape_para(gp_ahead *a, const gp_para *p, const gp_text_style *st)
{
    enum { MAX_BYTES = 64 << 10 }; /* a longer paragraph (a stress test, not a guide's) is the layout
                                      thread's alone: the helper's copy of it would add to the peak memory */
    size_t bytes = 0;
    for (size_t s = 0; s < p->count; s++)
        bytes += strlen(p->spans[s].text);
    if (bytes > MAX_BYTES)
        return;
    const char **texts = gp_para_texts(p, a->language, a->smart_punct);
    size_t n = 0;
    for (size_t s = 0; s < p->count; s++)
        add_text(a, texts[s], (uint32_t)s, &n);
    gp_para_texts_free(p, texts);
    gp_script_resolve(a->cps, n, a->scripts);
    for (size_t s = 0; s < n && !atomic_load(&a->stop);) {
        size_t e = s + 1;
        if (!is_space(a->cps[s])) {
            while (e < n && !is_space(a->cps[e]) && a->scripts[e] == a->scripts[s] &&
                   p->spans[a->span_of[e]].style == p->spans[a->span_of[s]].style)
                e++;
            if (e - s <= GP_SHAPE_MAX_CPS)
                shape_word(a, p, st, s, e);
        }
        s = e;
    }
}

static void *run(void *arg)
{
    gp_ahead *a = arg;
    for (size_t i = 0; i < a->n && !atomic_load(&a->stop); i++)
        shape_para(a, a->paras[i].p, &a->styles[a->paras[i].style]);
    return NULL;
}

gp_ahead *gp_ahead_start(gp_textctx *tc, const gp_ahead_para *paras, size_t n, const gp_text_style *styles,
                         size_t nstyles)
{
    if (!n || !tc->shape_ahead || gp_cores() < 2 || !gp_thread_shapes_new() ||
        getenv("GUIDEPRESS_NO_AHEAD"))
        return NULL;
    gp_ahead *a = gp_xcalloc(1, sizeof *a);
    *a = (gp_ahead){.table = gp_shared_shapes_new(), .paras = paras, .n = n, .language = tc->language,
                    .smart_punct = tc->smart_punct, .styles = gp_xmalloc(nstyles * sizeof *styles)};
    memcpy(a->styles, styles, nstyles * sizeof *styles);
    atomic_init(&a->stop, false);
    if (gp_side_thread(&a->thread, run, a) != 0) { /* then the layout thread shapes it all, as without */
        gp_shared_shapes_free(a->table);
        free(a->styles);
        free(a);
        return NULL;
    }
    tc->ahead = a->table;
    return a;
}

void gp_ahead_stop(gp_textctx *tc, gp_ahead *a)
{
    if (!a)
        return;
    atomic_store(&a->stop, true);
    pthread_join(a->thread, NULL);
    tc->ahead = NULL;
    gp_shared_shapes_free(a->table);
    gp_shaper_free(&a->shaper);
    free(a->cps);
    free(a->span_of);
    free(a->scripts);
    free(a->styles);
    free(a);
}
