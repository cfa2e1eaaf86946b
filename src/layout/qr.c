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
#include <qrencode.h>
#include <string.h>

enum { QUIET_ZONE = 4 };
static const double MODULE_PT = 0.5 * 72 / 25.4, URL_GAP = 8;

typedef struct qr_symbol {
    unsigned char *modules; /* side x side, nonzero = dark */
    int side;
} qr_symbol;

/* The symbol for `url` (arena memory); false if it is too long for any QR version. */
static bool qr_encode(layout *L, const char *url, qr_symbol *q)
{
    QRcode *code = QRcode_encodeString8bit(url, 0, QR_ECLEVEL_M);
    if (!code)
        return false;
    size_t n = (size_t)code->width * (size_t)code->width;
    q->side = code->width;
    q->modules = gp_arena_alloc(L->a, n);
    for (size_t i = 0; i < n; i++)
        q->modules[i] = code->data[i] & 1;
    QRcode_free(code);
    return true;
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
    gp_para p = {&span, 1};
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
