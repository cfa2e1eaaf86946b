/* The structure tree of a tagged PDF, built with libharu's dictionary
 * objects (libharu 2.3.0 has no structure API).
 *
 * Every display-list node becomes a structure element; its children are,
 * in reading order, the nodes made in it (in the order layout made them:
 * a sidebar after its section's text, wherever it stands on the page) and
 * the marked content content.c gave it. An element with content of its
 * own (a paragraph with a link in it) puts its kids in the order they are
 * drawn, its children where their first content is. Content in another
 * language than the guide's is a Span with its /Lang. The ParentTree maps
 * each page's MCIDs (the page's /StructParents) and each link annotation
 * (its /StructParent, after the pages) back to its element. Elements with
 * no content at all are left out. */
#include "tags.h"

#include "base/arena.h"
#include "base/utf8.h"
#include "pdf/libharu_private.h"
#include "pdf/quirks.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { KID_CHILD, KID_MCID, KID_OBJR } kid_kind;


typedef struct annot {
    HPDF_Annotation annot;
    size_t page;
    int node;
} annot;

struct gp_tags {
    const gp_dlist *dl;
    annot *annots;
    size_t nannots, cap;
};

/* A position in the drawing order: (page, MCID); an annotation's after
 * its page's content; none: nothing drawn. */
typedef struct key {
    size_t page;
    long mcid;
} key;

static const key NO_KEY = {SIZE_MAX, LONG_MAX};

/* A kid of an element: a child node, page's MCID, or annotation. */
typedef struct kid {
    kid_kind kind;
    int id;       /* CHILD: the node; MCID: the MCID; OBJR: the annotation's index */
    size_t page;
    size_t order; /* where it was added: equal keys keep that order */
    key at;       /* where it is drawn (a child: where its content starts) */
} kid;

typedef struct kids {
    kid *k;
    size_t n, cap;
} kids;

static bool key_before(key a, key b)
{
    return a.page < b.page || (a.page == b.page && a.mcid < b.mcid);
}

gp_tags *gp_tags_start(const gp_dlist *dl)
{
    if (!dl->nnodes)
        return NULL;
    gp_tags *t = gp_xmalloc(sizeof *t);
    *t = (gp_tags){.dl = dl};
    return t;
}

/* The characters as UTF-8 (malloc'd). */
static char *utf8_of(const uint32_t *text, size_t n)
{
    char *s = gp_xmalloc(n * 4 + 1), *o = s;
    for (size_t i = 0; i < n; i++)
        o += gp_utf8_encode(text[i], o);
    *o = 0;
    return s;
}

void gp_tags_link(gp_tags *t, HPDF_Doc pdf, HPDF_Annotation a, size_t page, const gp_dl_item *link)
{
    if (!t || !a || !link->node)
        return;
    char *words = utf8_of(link->text, link->ntext);
    HPDF_Dict_Add(a, "Contents", gp_quirk_text_string(pdf, link->ntext ? words : link->url));
    free(words);
    HPDF_Dict_AddNumber(a, "StructParent", (HPDF_INT)(t->dl->npages + t->nannots));
    GP_GROW(t->annots, t->nannots, t->cap, 16);
    t->annots[t->nannots++] = (annot){a, page, link->node};
}

static void add_kid(kids *list, kid k)
{
    GP_GROW(list->k, list->n, list->cap, 4);
    k.order = list->n;
    list->k[list->n++] = k;
}

/* Content drawn for a node: a kid, and maybe where the node's content starts. */
static void add_content(kids *all, key *first, int node, kid k)
{
    add_kid(&all[node], k);
    if (key_before(k.at, first[node]))
        first[node] = k.at;
}

/* Every node's kids, in the order made, and where each node's content starts. */
static kids *collect_kids(const gp_tags *t, const gp_page_content *pc, key *first)
{
    const gp_dlist *dl = t->dl;
    kids *all = calloc(dl->nnodes, sizeof *all);
    if (!all)
        gp_oom();
    for (size_t n = 0; n < dl->nnodes; n++)
        first[n] = NO_KEY;
    for (size_t n = 2; n < dl->nnodes; n++)
        add_kid(&all[dl->nodes[n].parent], (kid){KID_CHILD, (int)n, 0, 0, NO_KEY});
    for (size_t p = 0; p < dl->npages; p++)
        for (size_t m = 0; m < pc[p].nmcids; m++)
            add_content(all, first, pc[p].mcid_nodes[m], (kid){KID_MCID, (int)m, p, 0, {p, (long)m}});
    for (size_t i = 0; i < t->nannots; i++) {
        size_t page = t->annots[i].page;
        add_content(all, first, t->annots[i].node, (kid){KID_OBJR, (int)i, page, 0, {page, LONG_MAX - 1}});
    }
    /* children are made after their parents: from the last node up, each
     * parent's content starts at its earliest child's, if not before */
    for (size_t n = dl->nnodes - 1; n > 1; n--) {
        int parent = dl->nodes[n].parent;
        if (key_before(first[n], first[parent]))
            first[parent] = first[n];
    }
    return all;
}

static int by_drawing_order(const void *a, const void *b)
{
    const kid *x = a, *y = b;
    if (key_before(x->at, y->at))
        return -1;
    if (key_before(y->at, x->at))
        return 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

static bool has_own_content(const kids *list)
{
    for (size_t i = 0; i < list->n; i++)
        if (list->k[i].kind != KID_CHILD)
            return true;
    return false;
}

typedef struct tree {
    gp_tags *t;
    HPDF_Doc pdf;
    HPDF_Page *pages;
    kids *kids;
    key *first;
    HPDF_Dict *elems;       /* by node; NULL: left out */
    HPDF_Dict **mcid_owner; /* by page and MCID: the element (or Span) it belongs to */
} tree;

static HPDF_Dict new_elem(tree *tr, const char *type, HPDF_Dict parent)
{
    HPDF_Dict e = gp_hpdf_new_dict(tr->pdf);
    HPDF_Dict_AddName(e, "Type", "StructElem");
    HPDF_Dict_AddName(e, "S", type);
    HPDF_Dict_Add(e, "P", parent);
    return e;
}

/* An MCID kid: the number if it is on the element's /Pg, else a marked-content reference. */
static void add_mcid(tree *tr, HPDF_Array k, size_t page, int mcid, size_t elem_page)
{
    if (page == elem_page) {
        HPDF_Array_AddNumber(k, mcid);
        return;
    }
    HPDF_Dict ref = gp_hpdf_new_direct_dict(tr->pdf);
    HPDF_Dict_AddName(ref, "Type", "MCR");
    HPDF_Dict_Add(ref, "Pg", tr->pages[page]);
    HPDF_Dict_AddNumber(ref, "MCID", mcid);
    HPDF_Array_Add(k, ref);
}

/* Content in another language than the guide's: a Span that says which. */
static HPDF_Dict language_span(tree *tr, HPDF_Dict elem, size_t page, int mcid, const char *lang)
{
    HPDF_Dict span = new_elem(tr, "Span", elem);
    HPDF_Dict_Add(span, "Pg", tr->pages[page]);
    HPDF_Dict_AddNumber(span, "K", mcid);
    HPDF_Dict_Add(span, "Lang", gp_quirk_text_string(tr->pdf, lang));
    return span;
}

static bool other_language(const char *lang, const char *guide)
{
    return lang && (!guide || strcmp(lang, guide));
}

static void write_kid(tree *tr, HPDF_Array k, HPDF_Dict elem, const kid *kd, size_t elem_page,
                      const gp_page_content *pc)
{
    switch (kd->kind) {
    case KID_CHILD:
        if (tr->elems[kd->id])
            HPDF_Array_Add(k, tr->elems[kd->id]);
        break;
    case KID_MCID: {
        const char *lang = pc[kd->page].mcid_langs[kd->id];
        if (other_language(lang, tr->t->dl->language)) {
            HPDF_Dict span = language_span(tr, elem, kd->page, kd->id, lang);
            HPDF_Array_Add(k, span);
            tr->mcid_owner[kd->page][kd->id] = span;
        } else {
            add_mcid(tr, k, kd->page, kd->id, elem_page);
            tr->mcid_owner[kd->page][kd->id] = elem;
        }
        break;
    }
    case KID_OBJR: {
        HPDF_Dict objr = gp_hpdf_new_direct_dict(tr->pdf);
        HPDF_Dict_AddName(objr, "Type", "OBJR");
        HPDF_Dict_Add(objr, "Pg", tr->pages[kd->page]);
        HPDF_Dict_Add(objr, "Obj", tr->t->annots[kd->id].annot);
        HPDF_Array_Add(k, objr);
        break;
    }
    }
}

/* Fills node n's element: its /Pg (its first content's page), /Alt and kids. */
static void fill_elem(tree *tr, size_t n, const gp_page_content *pc)
{
    HPDF_Dict e = tr->elems[n];
    kids *list = &tr->kids[n];
    if (has_own_content(list)) {
        for (size_t i = 0; i < list->n; i++)
            if (list->k[i].kind == KID_CHILD)
                list->k[i].at = tr->first[list->k[i].id];
        qsort(list->k, list->n, sizeof *list->k, by_drawing_order);
    }
    size_t elem_page = SIZE_MAX;
    for (size_t i = 0; i < list->n && elem_page == SIZE_MAX; i++)
        if (list->k[i].kind == KID_MCID)
            elem_page = list->k[i].page;
    if (elem_page != SIZE_MAX)
        HPDF_Dict_Add(e, "Pg", tr->pages[elem_page]);
    const gp_dl_node *node = &tr->t->dl->nodes[n];
    if (node->alt)
        HPDF_Dict_Add(e, "Alt", gp_quirk_text_string(tr->pdf, node->alt));
    HPDF_Array k = gp_hpdf_new_array(tr->pdf);
    for (size_t i = 0; i < list->n; i++)
        write_kid(tr, k, e, &list->k[i], elem_page, pc);
    HPDF_Dict_Add(e, "K", k);
}

/* /Nums: each page's MCIDs' elements, then each annotation's Link. */
static HPDF_Dict parent_tree(tree *tr, const gp_page_content *pc)
{
    const gp_dlist *dl = tr->t->dl;
    HPDF_Array nums = gp_hpdf_new_array(tr->pdf);
    for (size_t p = 0; p < dl->npages; p++) {
        HPDF_Array owners = gp_hpdf_new_array(tr->pdf);
        for (size_t m = 0; m < pc[p].nmcids; m++)
            HPDF_Array_Add(owners, tr->mcid_owner[p][m]);
        HPDF_Array_AddNumber(nums, (HPDF_INT)p);
        HPDF_Array_Add(nums, owners);
        HPDF_Dict_AddNumber(tr->pages[p], "StructParents", (HPDF_INT)p);
    }
    for (size_t i = 0; i < tr->t->nannots; i++) {
        HPDF_Array_AddNumber(nums, (HPDF_INT)(dl->npages + i));
        HPDF_Array_Add(nums, tr->elems[tr->t->annots[i].node]);
        HPDF_Dict_AddName(tr->pages[tr->t->annots[i].page], "Tabs", "S"); /* tab through links in structure order */
    }
    HPDF_Dict pt = gp_hpdf_new_dict(tr->pdf);
    HPDF_Dict_Add(pt, "Nums", nums);
    return pt;
}

static void mark_catalog(HPDF_Doc pdf, const gp_dlist *dl, HPDF_Dict root)
{
    HPDF_Dict catalog = gp_hpdf_catalog(pdf);
    HPDF_Dict_Add(catalog, "StructTreeRoot", root);
    HPDF_Dict mark = gp_hpdf_new_direct_dict(pdf);
    HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE);
    HPDF_Dict_Add(catalog, "MarkInfo", mark);
    if (dl->language)
        HPDF_Dict_Add(catalog, "Lang", gp_quirk_text_string(pdf, dl->language));
    HPDF_Dict prefs = gp_hpdf_new_direct_dict(pdf);
    HPDF_Dict_AddBoolean(prefs, "DisplayDocTitle", HPDF_TRUE);
    HPDF_Dict_Add(catalog, "ViewerPreferences", prefs);
}

void gp_tags_finish(gp_tags *t, HPDF_Doc pdf, HPDF_Page *pages, const gp_page_content *pc)
{
    if (!t)
        return;
    const gp_dlist *dl = t->dl;
    tree tr = {.t = t, .pdf = pdf, .pages = pages};
    tr.first = gp_xmalloc(dl->nnodes * sizeof *tr.first);
    tr.kids = collect_kids(t, pc, tr.first);
    tr.elems = calloc(dl->nnodes, sizeof *tr.elems);
    tr.mcid_owner = calloc(dl->npages ? dl->npages : 1, sizeof *tr.mcid_owner);
    if (!tr.elems || !tr.mcid_owner)
        gp_oom();
    for (size_t p = 0; p < dl->npages; p++)
        tr.mcid_owner[p] = gp_xmalloc((pc[p].nmcids ? pc[p].nmcids : 1) * sizeof **tr.mcid_owner);
    HPDF_Dict root = gp_hpdf_new_dict(pdf);
    HPDF_Dict_AddName(root, "Type", "StructTreeRoot");
    HPDF_Dict roles = gp_hpdf_new_direct_dict(pdf); /* Aside is PDF 2.0's: a Div to PDF 1.7 readers */
    HPDF_Dict_AddName(roles, "Aside", "Div");
    HPDF_Dict_Add(root, "RoleMap", roles);
    /* parents first (they are made first), each element's dictionary before its kids are written */
    for (size_t n = 1; n < dl->nnodes; n++)
        if (tr.first[n].page != SIZE_MAX)
            tr.elems[n] = new_elem(&tr, gp_dl_tag_name(dl->nodes[n].tag), n == 1 ? root : tr.elems[dl->nodes[n].parent]);
    for (size_t n = 1; n < dl->nnodes; n++)
        if (tr.elems[n])
            fill_elem(&tr, n, pc);
    if (tr.elems[1])
        HPDF_Dict_Add(root, "K", tr.elems[1]);
    HPDF_Dict_Add(root, "ParentTree", parent_tree(&tr, pc));
    HPDF_Dict_AddNumber(root, "ParentTreeNextKey", (HPDF_INT)(dl->npages + t->nannots));
    mark_catalog(pdf, dl, root);
    for (size_t n = 0; n < dl->nnodes; n++)
        free(tr.kids[n].k);
    for (size_t p = 0; p < dl->npages; p++)
        free(tr.mcid_owner[p]);
    free(tr.mcid_owner);
    free(tr.kids);
    free(tr.elems);
    free(tr.first);
}

void gp_tags_free(gp_tags *t)
{
    if (t)
        free(t->annots);
    free(t);
}
