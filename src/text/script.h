/* Script itemization (UAX #24): the script each character of a paragraph
 * is shaped in. A run of Latin inside Cyrillic is shaped as Latin; digits,
 * punctuation and spaces (script Common) and combining marks (Inherited)
 * take their neighbours' script, or one of their Script_Extensions (the
 * Arabic comma in Persian, the danda in Bengali, the ideographic full stop
 * after kana); a closing bracket takes its opening bracket's. Han, kana,
 * Bopomofo and Hangul written together are one run (Japanese, Korean). */
#ifndef GP_SCRIPT_H
#define GP_SCRIPT_H

#include <hb.h>
#include <stddef.h>
#include <stdint.h>

/* The script of each of cps[0..n) into out; HB_SCRIPT_COMMON only for a
 * text with no character of any script. */
void gp_script_resolve(const uint32_t *cps, size_t n, hb_script_t *out);

/* The Script_Extensions of cp as ISO 15924 codes ("Arab Syrc"), for the
 * characters used by more than one script that this table knows (the
 * Arabic, Indic and CJK ones); NULL for the others. */
const char *gp_script_extensions(uint32_t cp);

#endif
