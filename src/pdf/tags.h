/* The tagged PDF's logical structure (PDF 1.7 §14.7-14.8): the structure
 * tree the display list's nodes describe, with the marked content
 * content.c wrote for them and the link annotations. */
#ifndef GP_PDF_TAGS_H
#define GP_PDF_TAGS_H

#include "layout/dlist.h"
#include "pdf/content.h"

#include <hpdf.h>

/* NULL for an untagged list (a booklet): nothing is recorded or written. */
typedef struct gp_tags gp_tags;
gp_tags *gp_tags_start(const gp_dlist *dl);
/* A link annotation made on page p for the display list's link item: its
 * /StructParent and /Contents (the linked words), and an OBJR in its Link. */
void gp_tags_link(gp_tags *t, HPDF_Doc pdf, HPDF_Annotation annot, size_t page, const gp_dl_item *link);
/* Writes the tree (StructTreeRoot, ParentTree, /StructParents, /Tabs), the
 * catalog's /MarkInfo, /Lang and /ViewerPreferences (the XMP is xmp.c's).
 * pc: every page's content, as content.c wrote it. */
void gp_tags_finish(gp_tags *t, HPDF_Doc pdf, HPDF_Page *pages, const gp_page_content *pc);
void gp_tags_free(gp_tags *t);

#endif
