/* The content model: one film's guide, as loaded and validated.
 *
 * Every field keeps the position of the YAML node it came from, so later
 * stages can point at the content that produced a problem. All memory is in
 * the arena passed to gp_doc_load. */
#ifndef GP_DOC_H
#define GP_DOC_H

#include "base/fsio.h"
#include "base/image.h"
#include "load/date.h"
#include "load/rich.h"
#include "load/yaml.h"

typedef enum {
#define GP_SECTION(id, ...) GP_SEC_##id,
#include "load/section_types.def"
#undef GP_SECTION
    GP_SEC_COUNT
} gp_section_type;

/* The type's name in YAML. */
const char *gp_section_type_name(gp_section_type t);

/* Notes only the person leading the discussion sees (the facilitator edition). */
typedef struct gp_notes {
    gp_rich **items;
    size_t count;
} gp_notes;

/* The items of a section's list, one struct per kind (section_types.def
 * names each type's). Each starts with its position. A url is printed; it
 * is a link only if gp_url_linkable says so. */
typedef struct gp_item {        /* questions written as text, facts, watch */
    gp_loc loc;
    gp_rich *text;
} gp_item;

typedef struct gp_question {
    gp_loc loc;
    gp_rich *text;
    gp_notes facilitator;       /* written {q:, facilitator:} */
} gp_question;

typedef struct gp_theme {
    gp_loc loc;
    const char *title;
    gp_rich *body;
} gp_theme;

typedef struct gp_action {
    gp_loc loc;
    gp_rich *text;
    const char *url;
} gp_action;

typedef struct gp_review {
    gp_loc loc;
    gp_rich *quote;
    const char *source, *url;
} gp_review;

typedef struct gp_reading {
    gp_loc loc;
    const char *source, *title, *url;
    gp_rich *quote;
} gp_reading;

typedef struct gp_exchange {    /* qa */
    gp_loc loc;
    gp_rich *q, *a;
    const char *asked_by;
} gp_exchange;

typedef struct gp_figure {      /* facts: `figures` */
    gp_loc loc;
    const char *value, *label;
} gp_figure;

typedef struct gp_quote {
    gp_rich *text;
    const char *by;
    gp_loc loc;
} gp_quote;

/* A still or a map in a section's column (`image: {file, caption, alt}`: README "Pictures in sections"). */
typedef struct gp_section_image {
    const gp_image *image;      /* checked */
    gp_rich *caption;           /* or NULL */
    const char *alt;            /* the alternative text, or NULL */
    gp_loc loc;
} gp_section_image;

enum { GP_NOTES_FILL = -1 };

typedef struct gp_section {
    gp_section_type type;
    gp_loc loc;
    const char *heading;        /* NULL: the brand's label for the type */
    gp_rich *body;              /* text: body; themes: lead; actions: body; qa: intro */
    union {                     /* the list (`list_key` in section_types.def), by type */
        void *any;
        gp_theme *themes;
        gp_question *questions;
        gp_item *facts, *watch;
        gp_action *actions;
        gp_review *reviews;
        gp_reading *reading;
        gp_exchange *exchanges;
    } list;
    size_t nentries;
    gp_figure *figures;         /* facts only */
    size_t nfigures;
    int notes_lines;            /* questions: GP_NOTES_FILL, 0 (none) or a count */
    gp_quote *quote;            /* the pull quote, or NULL */
    gp_notes facilitator;       /* any section */
    gp_section_image *image;    /* any section, or NULL */
} gp_section;

typedef struct gp_film {
    const char *title;
    const char **directors;
    size_t ndirectors;
    int year;                   /* 0 when absent */
    const char *runtime, *country, *language;
    const gp_image *poster;     /* checked, or NULL */
    gp_loc poster_loc;
    const char *poster_alt;     /* the poster's alternative text, or NULL */
    gp_rich *logline, *intro;
    const char **also_by;
    size_t nalso_by;
} gp_film;

/* Which sheet is printed from the content (`--edition`: README "Editions"). */
typedef enum {
    GP_EDITION_PARTICIPANT, /* the guide, without the facilitator's notes */
    GP_EDITION_FACILITATOR, /* the guide with them */
    GP_EDITION_HANDOUT,     /* the questions and their notes areas only, on as few pages as they fit */
} gp_edition;

/* When and where the film is shown (README "Screenings, and the traps a volunteer falls into"). */
typedef struct gp_screening {
    gp_loc loc;
    gp_date date;
    const char *time, *venue, *host, *rsvp; /* each NULL when absent */
} gp_screening;

typedef struct gp_doc {
    const char *path;
    gp_film film;
    const char *language;       /* NULL: the brand's */
    gp_loc language_loc;
    int smart_punctuation;      /* -1: the brand's; 0 off; 1 on */
    const char *direction;      /* "ltr" | "rtl" (`direction:`), NULL: the brand's, else the language's */
    gp_screening *screening;    /* or NULL */
    gp_edition edition;         /* set by the caller (--edition) */
    gp_section *sections;
    size_t nsections;
    struct gp_pending_image *pending; /* images still being checked (gp_doc_load_start) */
} gp_doc;

/* Loads and validates a content file. Returns NULL if it has errors (all of
 * them appended to d). Files it refers to (the poster) are checked too. */
gp_doc *gp_doc_load(gp_arena *a, const char *path, gp_diags *d);
/* gp_doc_load, except that decoding images' pixel data (the costly part of
 * checking them) goes on on other threads while the caller lays out:
 * gp_doc_load_finish must follow a document returned, before its images
 * are used, and reports what that found (false if any image failed). */
gp_doc *gp_doc_load_start(gp_arena *a, const char *path, gp_diags *d);
bool gp_doc_load_finish(gp_doc *doc, gp_diags *d);
/* gp_doc_load_start in its two steps: the file parsed (NULL after an
 * error), then the tree, if any, taken as a document. */
gp_node *gp_doc_parse(gp_arena *a, const char *path, gp_diags *d);
gp_doc *gp_doc_start(gp_arena *a, const char *path, gp_node *root, gp_diags *d);
/* The images a content file names (its poster, its sections' images),
 * each resolved against the file's folder (arena memory) and given to fn
 * with the position of its name (whose file is `path`), without loading
 * the rest: for checking a run's outputs before anything is written, and
 * for --watch. None if the file does not parse (loading it reports that). */
void gp_doc_image_files(gp_arena *a, const char *path, gp_named_file_fn *fn, void *ctx);
/* The same from the file's tree (gp_doc_parse; none if NULL). */
void gp_doc_tree_image_files(gp_arena *a, const char *path, const gp_node *root, gp_named_file_fn *fn, void *ctx);
/* Whether the file is a brand rather than a guide's content (a folder's
 * files are checked so a brand left among them is skipped, not an error). */
bool gp_doc_is_brand_file(const char *path);
/* The screening keys of mapping n (date, time, venue, host, rsvp) into s,
 * whose loc becomes n's; `date` is then required, or optional (a season's
 * row: year 0 when absent). Other keys are the caller's to check. */
bool gp_screening_read(gp_arena *a, const gp_node *n, bool date_required, gp_diags *d, gp_screening *s);
/* A season's row for this film (README "A season in one command"): its keys over the
 * content's own screening, key by key. False, with an error at the row, if
 * neither gives a date. */
bool gp_screening_apply(gp_arena *a, gp_doc *doc, const gp_screening *row, gp_diags *d);
/* gp_doc_load on a parsed tree (for tests and fuzzing); `path` locates relative files. */
gp_doc *gp_doc_from_tree(gp_arena *a, const char *path, gp_node *root, gp_diags *d);

#endif
