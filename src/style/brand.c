/* Brand file -> gp_brand (README "Input formats").
 *
 * Starts from the built-in brand and applies each key of the file, checking
 * it as it goes: colours are `#rrggbb` (brand_colors.c), lengths carry a
 * unit, page sizes are named, fonts resolve to TrueType files (a path, a
 * bundled family in fonts/, or an installed family found with fontconfig:
 * brand_fonts.c, font_lookup.c) and images are probed. Every problem is
 * reported with its position; NULL if any. */
#include "brand_int.h"

#include "base/fsio.h"
#include "base/image.h"
#include "load/schema.h"
#include "style/font_lookup.h"

#include "base/language.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static const char *const label_keys[GP_LABEL_COUNT + 1] = {
    "also_by", "summary", "themes", "questions", "notes", "facts", "actions",
    "reviews", "reading", "qa",      "watch",  "directed_by", "continued", NULL};

static const char *const default_labels[GP_LABEL_COUNT] = {
    "You might know this director from:",
    "Film Summary",
    "Film Themes",
    "Further Discussions",
    "Notes:",
    "Film Facts",
    "Ways to Influence",
    "Praise for the Film",
    "Further Reading",
    "A Conversation with the Filmmaker",
    "Where to Watch",
    "Directed by",
    "continued",
};

/* The labels in other languages, in label_keys' order; French puts a
 * narrow no-break space before a colon. */
static const struct {
    const char *language;
    const char *labels[GP_LABEL_COUNT];
} language_labels[] = {
    {"fa",
     {"از همین کارگردان:", "خلاصهٔ فیلم", "مضمون‌های فیلم", "پرسش‌هایی برای گفت‌وگو", "یادداشت‌ها:",
      "دانستنی‌های فیلم", "چه می‌توانید بکنید", "ستایش منتقدان", "برای مطالعهٔ بیشتر", "گفت‌وگو با فیلم‌ساز",
      "کجا ببینیم", "کارگردان:", "ادامه"}},
    {"ar",
     {"من أفلام المخرج أيضًا:", "ملخص الفيلم", "موضوعات الفيلم", "أسئلة للنقاش", "ملاحظات:", "حقائق عن الفيلم",
      "ماذا يمكنك أن تفعل", "قالوا عن الفيلم", "قراءات إضافية", "حوار مع صانع الفيلم", "أين تشاهد الفيلم", "إخراج",
      "تابع"}},
    {"fr",
     {"Du même réalisateur\u202f:", "Résumé du film", "Thèmes du film", "Questions pour la discussion",
      "Notes\u202f:", "Le film en bref", "Pour agir", "La critique en parle", "Pour aller plus loin",
      "Entretien avec le cinéaste", "Où voir le film", "Réalisé par", "suite"}},
    {"ur",
     {"اس ہدایت کار کی دوسری فلمیں:", "فلم کا خلاصہ", "فلم کے موضوعات", "گفتگو کے لیے سوالات", "نوٹس:",
      "فلم کے بارے میں", "آپ کیا کر سکتے ہیں", "ناقدین کی رائے", "مزید مطالعہ", "فلم ساز سے گفتگو",
      "فلم کہاں دیکھیں", "ہدایت کار:", "جاری"}},
    {"hi",
     {"इस निर्देशक की अन्य फ़िल्में:", "फ़िल्म का सार", "फ़िल्म के विषय", "चर्चा के लिए प्रश्न", "टिप्पणियाँ:",
      "फ़िल्म के बारे में", "आप क्या कर सकते हैं", "समीक्षकों की राय", "आगे पढ़ें", "फ़िल्मकार से बातचीत",
      "कहाँ देखें", "निर्देशक:", "जारी"}},
    {"ja",
     {"この監督の作品：", "あらすじ", "作品のテーマ", "話し合うための問い", "メモ：", "作品データ",
      "わたしたちにできること", "作品評", "さらに読む", "監督との対話", "視聴方法", "監督", "続き"}},
    {"ko",
     {"이 감독의 다른 작품:", "줄거리", "영화의 주제", "토론을 위한 질문", "메모:", "영화 정보",
      "우리가 할 수 있는 일", "평단의 찬사", "더 읽을거리", "감독과의 대화", "볼 수 있는 곳", "감독", "계속"}},
    /* Traditional before Simplified: both are `zh` */
    {"zh-Hant",
     {"這位導演的其他作品：", "影片簡介", "影片主題", "討論問題", "筆記：", "影片資料", "你可以做什麼",
      "媒體評價", "延伸閱讀", "導演訪談", "觀看管道", "導演", "續"}},
    {"zh",
     {"这位导演的其他作品：", "影片简介", "影片主题", "讨论问题", "笔记：", "影片资料", "你可以做什么",
      "媒体评价", "延伸阅读", "导演访谈", "观看渠道", "导演", "续"}},
};

/* A guide in `language` takes the labels of entry `key`: its primary
 * language, and Traditional Chinese only the `zh-Hant` entry. */
static bool labels_are_for(const char *language, const char *key)
{
    if (!strcmp(key, "zh-Hant"))
        return gp_language_is_traditional_chinese(language);
    return gp_language_is(language, key);
}

/* The primary language subtags of two BCP 47 tags are the same. */
static bool same_language(const char *a, const char *b)
{
    size_t n = strcspn(a, "-_");
    return n == strcspn(b, "-_") && !strncasecmp(a, b, n);
}

/* A brand's labels are written in its `language`: in a guide in another
 * language guidepress has labels for, that language's win (an English
 * club's "Notes:" is نوٹس: in its Urdu guide); else the brand's stand (a
 * Spanish club's on its English guides, as English is the labels' default). */
const char *gp_brand_label(const gp_brand *b, int key, const char *language)
{
    if (key < 0 || key >= GP_LABEL_COUNT)
        return "";
    bool brands_own = b->labels_given >> key & 1;
    if (!brands_own || !language || !same_language(language, b->language))
        for (size_t i = 0; i < sizeof language_labels / sizeof language_labels[0]; i++)
            if (labels_are_for(language, language_labels[i].language))
                return language_labels[i].labels[key];
    return b->labels[key];
}

static bool read_length(brand_ctx *c, const gp_node *n, const char *what, double *out)
{
    const char *s;
    if (n->kind == GP_NODE_SCALAR && !n->quoted && n->len && strspn(n->str, "0123456789.") == n->len)
        return gp_error(c->d, n->loc, "%s `%s` needs a unit: pt, in, mm or cm (like `0.75in`)", what, n->str);
    if (!gp_schema_string(n, what, c->d, &s))
        return false;
    /* the number: plain decimal digits only (strtod would also take "nan", "inf" and hex) */
    size_t digits = strspn(s, "+-.0123456789");
    char number[32] = {0}, *num_end = number;
    double v = 0;
    if (digits && digits < sizeof number) {
        memcpy(number, s, digits);
        v = strtod(number, &num_end);
    }
    const char *end = *num_end ? s : s + digits;
    while (*end == ' ')
        end++;
    static const struct {
        const char *unit;
        double pt;
    } units[] = {{"pt", 1}, {"in", 72}, {"mm", 72 / 25.4}, {"cm", 72 / 2.54}};
    if (end == s)
        return gp_error(c->d, n->loc, "%s must be a length like `0.75in` or `20mm`, not `%s`", what, s);
    if (!*end)
        return gp_error(c->d, n->loc, "%s `%s` needs a unit: pt, in, mm or cm (like `0.75in`)", what, s);
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (!strcmp(end, units[i].unit)) {
            *out = v * units[i].pt;
            return true;
        }
    return gp_error(c->d, n->loc, "%s has an unknown unit `%s`; use pt, in, mm or cm", what, end);
}

/* The default margin follows the page: 0.75in from A4 up, 40pt on a
 * half-letter page (a small page is not a shrunken big one), in between
 * in proportion to the width. */
static double margin_for(double w_pt)
{
    double t = fmin(1, fmax(0, (w_pt - 396) / (595.276 - 396)));
    return 40 + 14 * t;
}

/* A margin the brand gave is for the brand's own page: on another (--paper)
 * it scales as the default does, so A5 from a Letter brand gets A5 margins. */
void gp_brand_set_page_size(gp_brand *b, double w_pt, double h_pt)
{
    b->margin_pt = b->margin_given ? b->margin_pt * margin_for(w_pt) / margin_for(b->page_w_pt) : margin_for(w_pt);
    b->page_w_pt = w_pt, b->page_h_pt = h_pt;
}

bool gp_brand_prints_cmyk(const gp_brand *b)
{
    return b->print.pdfx || b->primary.cmyk || b->accent.cmyk || b->text.cmyk || b->panel.cmyk;
}

bool gp_brand_set_paper(gp_brand *b, const char *name)
{
    static const struct {
        const char *name;
        double w, h;
    } sizes[] = {{"letter", 612, 792}, {"a4", 595.276, 841.89}, {"a5", 419.528, 595.276}, {"half-letter", 396, 612}};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
        if (!strcasecmp(name, sizes[i].name)) {
            gp_brand_set_page_size(b, sizes[i].w, sizes[i].h);
            return true;
        }
    return false;
}

/* A page of one's own: {width: 148mm, height: 210mm}, from 3in to 20in a side. */
static bool read_custom_size(brand_ctx *c, const gp_node *n, gp_brand *b)
{
    static const char *const known[] = {"width", "height", NULL};
    bool ok = gp_schema_known_keys(n, known, "page `size`", c->d);
    double side[2] = {0, 0};
    for (int i = 0; i < 2; i++) {
        gp_node *v = gp_node_get(n, known[i]);
        if (!v)
            ok = gp_error(c->d, n->loc, "page `size` needs a `%s` (like `%s`)", known[i], i ? "210mm" : "148mm");
        else if (!read_length(c, v, gp_arena_printf(c->a, "page `%s`", known[i]), &side[i]))
            ok = false;
        else if (!(side[i] >= 216 && side[i] <= 1440)) /* NaN too */
            ok = gp_error(c->d, v->loc, "page `%s` must be between 3in and 20in", known[i]);
    }
    if (ok)
        gp_brand_set_page_size(b, side[0], side[1]);
    return ok;
}

static bool read_size(brand_ctx *c, const gp_node *v, gp_brand *b)
{
    const char *size;
    if (v->kind == GP_NODE_MAP)
        return read_custom_size(c, v, b);
    if (!gp_schema_string(v, "page `size`", c->d, &size))
        return false;
    if (!gp_brand_set_paper(b, size))
        return gp_error(c->d, v->loc,
                        "unknown page size `%s`; use `letter`, `a4`, `a5`, `half-letter` or {width: ..., height: ...}",
                        size);
    return true;
}

static bool read_page(brand_ctx *c, const gp_node *n, gp_brand *b)
{
    static const char *const known[] = {"size", "margin", NULL};
    if (!gp_schema_is_map(n, "`page`", c->d))
        return false;
    bool ok = gp_schema_known_keys(n, known, "`page`", c->d);
    gp_node *v;
    if ((v = gp_node_get(n, "size")))
        ok &= read_size(c, v, b);
    if ((v = gp_node_get(n, "margin"))) {
        double m = 0;
        if (!read_length(c, v, "page `margin`", &m))
            ok = false;
        else if (!(m >= 18 && m <= 144)) /* NaN too */
            ok = gp_error(c->d, v->loc, "page `margin` must be between 0.25in and 2in");
        else
            b->margin_pt = m, b->margin_given = true;
    }
    return ok;
}

static bool read_flag(brand_ctx *c, const gp_node *n, const char *key, bool *out)
{
    gp_node *v = gp_node_get(n, key);
    if (v && !gp_schema_is_bool(v, out))
        return gp_error(c->d, v->loc, "print `%s` must be true or false", key);
    return true;
}

static bool read_print(brand_ctx *c, const gp_node *n, gp_brand *b)
{
    static const char *const known[] = {"qr_codes", "bleed", "crop_marks", "black_text", "pdfx", NULL};
    if (!gp_schema_is_map(n, "`print`", c->d))
        return false;
    bool ok = gp_schema_known_keys(n, known, "`print`", c->d);
    gp_print *p = &b->print;
    ok &= read_flag(c, n, "qr_codes", &p->qr_codes);
    ok &= read_flag(c, n, "crop_marks", &p->crop_marks);
    ok &= read_flag(c, n, "pdfx", &p->pdfx);
    if (p->pdfx && access(GP_CMYK_PROFILE, R_OK) != 0)
        ok = gp_error(c->d, gp_node_get(n, "pdfx")->loc,
                      "print `pdfx` needs the CMYK output profile %s (Debian package libgs-common, with "
                      "ghostscript): install it, or leave `pdfx` out",
                      GP_CMYK_PROFILE);
    gp_node *v;
    if ((v = gp_node_get(n, "bleed"))) {
        double bleed = 0;
        if (!read_length(c, v, "print `bleed`", &bleed))
            ok = false;
        else if (!(bleed >= 0 && bleed <= 36))
            ok = gp_error(c->d, v->loc, "print `bleed` must be between 0mm and 0.5in (3mm is usual)");
        else
            p->bleed_pt = bleed;
    }
    const char *black;
    if ((v = gp_node_get(n, "black_text")) && gp_schema_string(v, "print `black_text`", c->d, &black)) {
        if (strcmp(black, "k") && strcmp(black, "rgb"))
            ok = gp_error(c->d, v->loc, "print `black_text` must be `k` or `rgb`, not `%s`", black);
        p->black_k = !strcmp(black, "k");
    } else if (v)
        ok = false;
    return ok;
}

static bool read_labels(brand_ctx *c, const gp_node *n, gp_brand *b)
{
    if (!gp_schema_is_map(n, "`labels`", c->d))
        return false;
    bool ok = gp_schema_known_keys(n, label_keys, "`labels`", c->d);
    for (int i = 0; i < GP_LABEL_COUNT; i++) {
        gp_node *v = gp_node_get(n, label_keys[i]);
        if (v) {
            ok &= gp_schema_string(v, gp_arena_printf(c->a, "label `%s`", label_keys[i]), c->d, &b->labels[i]);
            b->labels_given |= 1u << i;
        }
    }
    return ok;
}

static bool read_back_page(brand_ctx *c, const gp_node *n, gp_brand *b)
{
    static const char *const known[] = {"heading", "body", NULL};
    if (!gp_schema_is_map(n, "`back_page`", c->d))
        return false;
    bool ok = gp_schema_known_keys(n, known, "`back_page`", c->d);
    gp_node *v;
    if ((v = gp_node_get(n, "heading")))
        ok &= gp_schema_string(v, "`heading`", c->d, &b->back_heading);
    if ((v = gp_node_get(n, "body")))
        ok &= gp_schema_rich(c->a, v, "`body`", c->d, &b->back_body);
    return ok;
}

static bool read_footer(brand_ctx *c, const gp_node *n, gp_brand *b)
{
    if (!gp_schema_string(n, "`footer`", c->d, &b->footer))
        return false;
    static const char *const known[] = {"name", "title", "page", "pages", NULL};
    bool ok = true;
    for (const char *p = strchr(b->footer, '{'); p; p = strchr(p + 1, '{')) {
        const char *close = strchr(p, '}');
        if (!close)
            return gp_error(c->d, n->loc, "`footer` has a `{` without a closing `}`");
        char name[32] = {0};
        size_t len = (size_t)(close - p - 1);
        memcpy(name, p + 1, len < sizeof name - 1 ? len : sizeof name - 1);
        bool found = false;
        for (int i = 0; known[i]; i++)
            found |= !strcmp(name, known[i]);
        if (!found)
            ok = gp_error(c->d, n->loc, "`footer` has an unknown placeholder `{%s}`; use {name}, {title}, {page} or {pages}",
                          name);
    }
    return ok;
}

static bool read_image(brand_ctx *c, const gp_node *n, const gp_image **out)
{
    const char *rel;
    if (!gp_schema_string(n, "`logo`", c->d, &rel))
        return false;
    gp_image *img = GP_NEW(c->a, gp_image);
    img->path = gp_path_join(c->a, c->dir, rel);
    char err[512];
    if (!gp_image_probe(img->path, &img->info, err, sizeof err))
        return gp_error(c->d, n->loc, "logo `%s`: %s", rel, err);
    *out = img;
    return true;
}

static bool read_string_key(brand_ctx *c, const gp_node *root, const char *key, const char **out)
{
    gp_node *v = gp_node_get(root, key);
    return !v || gp_schema_string(v, gp_arena_printf(c->a, "`%s`", key), c->d, out);
}

gp_guide_settings gp_guide_settings_of(const gp_doc *doc, const gp_brand *b)
{
    gp_guide_settings s = {doc->language ? doc->language : b->language,
                           doc->language ? doc->language_loc : b->language_loc,
                           doc->smart_punctuation >= 0 ? doc->smart_punctuation : b->smart_punctuation, false};
    const char *dir = doc->direction ? doc->direction : b->direction;
    s.rtl = dir ? !strcmp(dir, "rtl") : gp_language_is_rtl(s.language);
    return s;
}

/* The colour emoji face: Debian's file where it is installed, else the
 * family, found with fontconfig when an emoji is met (its start-up alone
 * cost a guide with two emoji 25 M instructions, half its total). */
static gp_font_file color_emoji(gp_loc loc)
{
    if (access(GP_EMOJI_COLOR_FILE, R_OK) == 0)
        return (gp_font_file){.path = GP_EMOJI_COLOR_FILE, .loc = loc};
    return (gp_font_file){.family = GP_EMOJI_COLOR, .loc = loc};
}

gp_brand *gp_brand_default(gp_arena *a, const char *font_dir, gp_diags *d)
{
    gp_brand *b = GP_NEW(a, gp_brand);
    b->primary = (gp_rgb){.r = 0.62, .g = 0.11, .b = 0.16};
    b->accent = (gp_rgb){.r = 0.14, .g = 0.19, .b = 0.25};
    b->text = (gp_rgb){.r = 0.11, .g = 0.11, .b = 0.11};
    b->panel = (gp_rgb){.r = 0.953, .g = 0.937, .b = 0.902};
    gp_brand_set_paper(b, "letter");
    b->print = (gp_print){.qr_codes = true, .black_k = true};
    b->language = "en-US";
    b->footer = "{title} · {page}/{pages}";
    for (int i = 0; i < GP_LABEL_COUNT; i++)
        b->labels[i] = default_labels[i];
    static const char *const families[GP_ROLE_COUNT] = {"Lato", "Noto Serif", "Noto Serif"};
    for (int r = 0; r < GP_ROLE_COUNT; r++)
        if (!gp_lookup_bundled_family(a, font_dir, families[r], &b->fonts[r])) {
            gp_error(d, (gp_loc){0}, "the bundled fonts are missing from %s (set GUIDEPRESS_FONTS)", font_dir);
            return NULL;
        }
    /* CJK the bundled faces lack: installed TrueType fonts, looked up only
     * when a guide needs them (fontconfig is slow to start); HanaMinB for
     * CJK Extension B, Symbola for emoji and mathematical letters. Every
     * other script is found by gp_brand_font_for_char. */
    static gp_font_file fallbacks[] = {{.family = "WenQuanYi Zen Hei"}, {.family = "HanaMinB"}, {.family = "Symbola"}};
    b->fallback = fallbacks;
    b->nfallback = sizeof fallbacks / sizeof fallbacks[0];
    b->emoji = color_emoji((gp_loc){0});
    return b;
}

gp_brand *gp_brand_load(gp_arena *a, const char *path, const char *font_dir, gp_diags *d)
{
    gp_node *root = gp_yaml_load(a, path, d);
    return root ? gp_brand_from_tree(a, path, root, font_dir, d) : NULL;
}

/* A content or season file given with -b: one error saying which it is
 * (not one per key a brand does not have). */
static bool is_brand_not_input(const gp_node *root, const char *path, gp_diags *d)
{
    const gp_node *k = NULL;
    for (size_t i = 0; i < root->count && !k; i++)
        if (!strcmp(root->keys[i]->str, "film") || !strcmp(root->keys[i]->str, "films") ||
            !strcmp(root->keys[i]->str, "sections"))
            k = root->keys[i];
    if (!k)
        return true;
    return gp_error(d, k->loc, "this is %s (it has `%s`), not a brand: give it as an input, and the club's brand "
                    "(`name:`, `colors:`...) with -b: `guidepress -b club.yaml %s`",
                    strcmp(k->str, "films") ? "a guide's content" : "a season file", k->str, path);
}

/* `emoji: color | mono`: the face emoji are set in (a missing one reported at the line). */
static void read_emoji(const gp_node *v, gp_brand *b, gp_diags *d)
{
    static const char *const choices[] = {"color", "mono", NULL};
    int i = gp_schema_choice(v, "`emoji`", choices, d);
    if (i >= 0)
        b->emoji = i ? (gp_font_file){.family = GP_EMOJI_MONO, .loc = v->loc} : color_emoji(v->loc);
}

gp_brand *gp_brand_from_tree(gp_arena *a, const char *path, gp_node *root, const char *font_dir, gp_diags *d)
{
    size_t errors_before = d->errors;
    gp_brand *b = gp_brand_default(a, font_dir, d);
    if (!b)
        return NULL;
    b->path = root->loc.file;
    b->footer_loc = (gp_loc){b->path, 0, 0};
    brand_ctx c = {a, d, gp_dirname(a, path), font_dir, false};
    if (!gp_schema_is_map(root, "a brand file", d) || !is_brand_not_input(root, path, d))
        return NULL;
    static const char *const known[] = {"name",     "tagline", "url",       "logo",   "logo_alt", "colors",
                                        "fonts",    "page",    "language",  "labels", "back_page",
                                        "footer",   "smart_punctuation", "direction", "print",
                                        "features", "emoji",   NULL};
    gp_schema_known_keys(root, known, "the brand file", d);
    read_string_key(&c, root, "name", &b->name);
    read_string_key(&c, root, "tagline", &b->tagline);
    read_string_key(&c, root, "logo_alt", &b->logo_alt);
    gp_node *v;
    if ((v = gp_node_get(root, "url")))
        gp_schema_url(v, "`url`", d, &b->url);
    if (read_string_key(&c, root, "language", &b->language) && (v = gp_node_get(root, "language")))
        b->language_loc = v->loc;
    if ((v = gp_node_get(root, "direction")))
        b->direction = gp_schema_direction(v, d);
    if ((v = gp_node_get(root, "emoji")))
        read_emoji(v, b, d);
    if ((v = gp_node_get(root, "smart_punctuation")) && !gp_schema_is_bool(v, &b->smart_punctuation))
        gp_error(d, v->loc, "`smart_punctuation` must be true or false");
    if ((v = gp_node_get(root, "logo")) && read_image(&c, v, &b->logo))
        b->logo_loc = v->loc;
    if ((v = gp_node_get(root, "colors")))
        gp_brand_read_colors(&c, v, b);
    if ((v = gp_node_get(root, "fonts")))
        gp_brand_read_fonts(&c, v, b);
    if ((v = gp_node_get(root, "features")))
        gp_brand_read_features(&c, v, b);
    if ((v = gp_node_get(root, "page")))
        read_page(&c, v, b);
    if ((v = gp_node_get(root, "print")))
        read_print(&c, v, b);
    if ((v = gp_node_get(root, "labels")))
        read_labels(&c, v, b);
    if ((v = gp_node_get(root, "back_page")))
        read_back_page(&c, v, b);
    if ((v = gp_node_get(root, "footer")) && read_footer(&c, v, b))
        b->footer_loc = v->loc;
    return d->errors > errors_before ? NULL : b;
}
