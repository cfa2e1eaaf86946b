/* The alternative texts layout makes where the content and brand give
 * none (a tagged PDF's Figure /Alt): in the guide's language, as a screen
 * reader speaks the rest of the guide in it; English for a language not
 * listed. Each is the words before and after the film's title, the club's
 * name or the picture's file. */
#include "layout_int.h"

#include "base/arena.h"
#include "base/language.h"

typedef struct around {
    const char *before, *after;
} around;

static const struct {
    const char *language;
    around poster, logo; /* "Poster of <title>", "<name> logo" */
    const char *unnamed_logo;
    around picture;      /* "Picture (<file>)" */
} alt_words[] = {
    {"en", {"Poster of ", ""}, {"", " logo"}, "Logo", {"Picture (", ")"}},
    {"fr", {"Affiche de ", ""}, {"Logo de ", ""}, "Logo", {"Image (", ")"}},
    {"es", {"Cartel de ", ""}, {"Logotipo de ", ""}, "Logotipo", {"Imagen (", ")"}},
    {"pt", {"Cartaz de ", ""}, {"Logotipo de ", ""}, "Logotipo", {"Imagem (", ")"}},
    {"it", {"Locandina di ", ""}, {"Logo di ", ""}, "Logo", {"Immagine (", ")"}},
    {"de", {"Plakat zu ", ""}, {"Logo von ", ""}, "Logo", {"Bild (", ")"}},
    {"fa", {"پوستر ", ""}, {"نشان ", ""}, "نشان", {"تصویر (", ")"}},
    {"ar", {"ملصق ", ""}, {"شعار ", ""}, "شعار", {"صورة (", ")"}},
    {"ur", {"", " کا پوسٹر"}, {"", " کا لوگو"}, "لوگو", {"تصویر (", ")"}},
    {"hi", {"", " का पोस्टर"}, {"", " का लोगो"}, "लोगो", {"चित्र (", ")"}},
    {"zh", {"《", "》海报"}, {"", "标志"}, "标志", {"图片（", "）"}},
    {"ja", {"『", "』のポスター"}, {"", "のロゴ"}, "ロゴ", {"画像（", "）"}},
};

static size_t words_for(const char *language)
{
    for (size_t i = 1; i < sizeof alt_words / sizeof alt_words[0]; i++)
        if (gp_language_is(language, alt_words[i].language))
            return i;
    return 0;
}

static const char *put_around(layout *L, around a, const char *what)
{
    return gp_arena_printf(L->a, "%s%s%s", a.before, what, a.after);
}

const char *default_alt(layout *L, alt_kind kind, const char *what)
{
    size_t i = words_for(L->tc->language);
    switch (kind) {
    case ALT_POSTER:
        return put_around(L, alt_words[i].poster, what);
    case ALT_LOGO:
        return what ? put_around(L, alt_words[i].logo, what) : alt_words[i].unnamed_logo;
    case ALT_PICTURE:
        return put_around(L, alt_words[i].picture, what);
    }
    return what;
}
