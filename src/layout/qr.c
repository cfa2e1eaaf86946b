/* Printed urls with a QR code beside them (README "Print production"), so that
 * every link on paper can be scanned.
 *
 * The symbol is a display-list item of its own (GP_DL_QR: the modules, at
 * their size), which the PDF writer draws as one path with one fill of pure
 * black. Modules are 0.5 mm (the floor print shops give is 0.4 mm), which a
 * phone reads easily and a 150 dpi scan still resolves at three pixels; the
 * quiet zone is the 4 modules the standard asks, on a white ground even
 * on a shaded panel or the back page's band. */
#include "layout_int.h"

#include <math.h>
#include <pthread.h>
#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

enum { QUIET_ZONE = 4 };
static const double MODULE_PT = 0.5 * 72 / 25.4, URL_GAP = 8;

typedef struct qr_symbol {
    unsigned char *modules; /* side x side, nonzero = dark */
    int side;
} qr_symbol;

/* Symbols kept for the process: a guide may be laid out more than once
 * (the page-filling pass) and every guide of a batch prints the brand's
 * addresses, while libqrencode scores all eight masks of every symbol it
 * makes (0.6 M instructions each). */
typedef struct kept_symbol {
    char *url;
    int side;
    unsigned char *modules;
} kept_symbol;

static pthread_mutex_t kept_lock = PTHREAD_MUTEX_INITIALIZER;
static kept_symbol *kept;
static size_t nkept, capkept;

/* The kept symbol of `url`, made if it is new; NULL if too long for any QR version. Under kept_lock. */
static const kept_symbol *kept_symbol_of(const char *url)
{
    for (size_t i = 0; i < nkept; i++)
        if (!strcmp(kept[i].url, url))
            return &kept[i];
    QRcode *code = QRcode_encodeString8bit(url, 0, QR_ECLEVEL_M);
    if (!code)
        return NULL;
    size_t n = (size_t)code->width * (size_t)code->width;
    unsigned char *modules = gp_xmalloc(n);
    for (size_t i = 0; i < n; i++)
        modules[i] = code->data[i] & 1;
    GP_GROW(kept, nkept, capkept, 8);
    kept[nkept] = (kept_symbol){gp_xstrdup(url), code->width, modules};
    QRcode_free(code);
    return &kept[nkept++];
}

void gp_qr_cleanup(void)
{
    for (size_t i = 0; i < nkept; i++) {
        free(kept[i].url);
        free(kept[i].modules);
    }
    free(kept);
    kept = NULL;
    nkept = capkept = 0;
}

/* The symbol for `url` (arena memory); false if it is too long for any QR version. */
static bool qr_encode(layout *L, const char *url, qr_symbol *q)
{
    pthread_mutex_lock(&kept_lock);
    const kept_symbol *k = kept_symbol_of(url);
    if (k) {
        size_t n = (size_t)k->side * (size_t)k->side;
        q->side = k->side;
        q->modules = gp_arena_alloc(L->a, n);
        memcpy(q->modules, k->modules, n);
    }
    pthread_mutex_unlock(&kept_lock);
    return k != NULL;
}

static double qr_extent(const qr_symbol *q)
{
    return (q->side + 2 * QUIET_ZONE) * MODULE_PT;
}

/* The symbol at (x, y), its quiet zone included, on white (the address beside it is the link). */
static void emit_qr(layout *L, int page, const qr_symbol *q, double x, double y, const char *url, gp_box frame,
                    gp_loc loc)
{
    double s = qr_extent(q);
    gp_dl_item *ground = gp_dlist_add(L->dl, page, GP_DL_RECT);
    ground->box = (gp_box){x, y, s, s};
    ground->frame = frame;
    ground->color = (gp_rgb){.r = 1, .g = 1, .b = 1};
    ground->loc = loc;
    gp_dl_item *it = gp_dlist_add(L->dl, page, GP_DL_QR);
    it->box = (gp_box){x, y, s, s};
    it->frame = frame;
    it->url = url;
    it->modules = q->modules;
    it->side = q->side;
    it->loc = loc;
}

void flow_url(flow *f, const char *url, double indent, style_id s, gp_loc loc)
{
    layout *L = f->L;
    gp_span span = {url, GP_SPAN_VERBATIM, gp_url_linkable(url) ? url : NULL, NULL};
    gp_para p = {.spans = &span, .count = 1};
    qr_symbol q;
    if (!L->brand->print.qr_codes || !span.url || !qr_encode(L, url, &q)) {
        flow_para(f, &p, s, indent, loc);
        return;
    }
    double size = qr_extent(&q), quiet = QUIET_ZONE * MODULE_PT;
    flow_need(f, size);
    /* the symbol's dark edge on the text's indent (its quiet zone in the
     * hang, the panel's padding or the margin left of it), the address
     * beside it, centred on it */
    double x = f->x + indent - quiet, top = f->y;
    int page = f->page;
    flow text = *f;
    text.x = x + size - quiet + URL_GAP;
    text.w = f->x + f->w - text.x;
    flow measure = flow_dry(L, text.w);
    flow_para(&measure, &p, s, 0, loc);
    text.y = top + fmax(0, (size - measure.y) / 2);
    flow_para(&text, &p, s, 0, loc);
    if (!f->dry) /* the frame takes the quiet zone in */
        emit_qr(L, page, &q, x, top, url, (gp_box){x, f->top, f->x + f->w - x, L->bottom - f->top}, loc);
    text.x = f->x, text.w = f->w;
    if (text.page == page)
        text.y = fmax(text.y, top + size);
    *f = text;
}

void flow_rich_urls(flow *f, const gp_rich *r, double indent, style_id s)
{
    for (size_t i = 0; i < r->count; i++)
        for (size_t k = 0; k < r->paras[i].count; k++) {
            const gp_span *sp = &r->paras[i].spans[k];
            if (sp->url && gp_url_linkable(sp->url))
                flow_url(f, sp->url, indent, s, r->loc);
        }
}
