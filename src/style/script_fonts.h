/* Fonts made for a script, for the characters a brand's fonts lack: a
 * small table tried before fontconfig's search by character (which costs
 * its start-up, 30 M instructions, and ranks a display face first for
 * some scripts: Noto Kufi for Arabic). */
#ifndef GP_SCRIPT_FONTS_H
#define GP_SCRIPT_FONTS_H

#include "base/arena.h"
#include "style/brand.h"

#include <hb.h>
#include <stdbool.h>
#include <stdint.h>

/* The font the table names for text of `script` in `language` (Urdu's
 * Arabic letters in Nastaliq, others in Naskh; Chinese, Japanese and
 * Korean in their Noto CJK), beside a serif or sans face, regular or bold:
 * Debian's file where its package puts it, else the family as fontconfig
 * finds it. False if the table has no font for the script or it is not
 * installed. */
bool gp_script_font(gp_arena *a, hb_script_t script, const char *language, bool bold, bool sans, gp_font_file *out);

/* A family Debian installs at a known path (the built-in fallbacks: WenQuanYi
 * Zen Hei, HanaMinB, Symbola), found without fontconfig if its file is
 * there and names that family; false otherwise (then fontconfig looks). */
bool gp_known_family(const char *family, gp_font_file *out);

#endif
