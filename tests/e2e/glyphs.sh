#!/usr/bin/env bash
# End-to-end tests of glyph runs: pdftotext gives back exactly the text of
# every sample (with every brand) and of tests/fixtures/glyphs-stress.yaml
# (ligatures at hyphenation points, combining marks, U+2000B, mathematical
# letters, an emoji ZWJ sequence), non-BMP characters print with the
# fallback fonts that have them, and a character no font has is warned
# once at its position. Usage: glyphs.sh GUIDEPRESS
. "$(dirname "$0")/harness.bash" "$1"

exact() { # CONTENT PDF: the text comes back exactly
  if pdftotext "$2" "$tmp/exact.txt" && tests/e2e/check_exact_text.py "$1" "$tmp/exact.txt" >"$tmp/exact.out"; then ok
  else bad "$1 ($2): $(head -3 "$tmp/exact.out")"; fi
}

for content in content/*.yaml; do
  for brand in - content/brands/*.yaml; do
    pdf=$tmp/$(basename "$content" .yaml)-$(basename "$brand" .yaml).pdf
    if [ "$brand" = - ]; then args=(); else args=(-b "$brand"); fi
    if ! "$bin" -q "${args[@]}" -o "$pdf" "$content" 2>"$tmp/err"; then bad "$content $brand: $(head -3 "$tmp/err")"
    else exact "$content" "$pdf"; fi
  done
done

stress=tests/fixtures/glyphs-stress.yaml
step() { if "$@" 2>"$tmp/step.err"; then ok; else bad "$*: $(head -3 "$tmp/step.err")"; fi; }
step "$bin" -q -o "$tmp/stress.pdf" --dump-dlist "$tmp/stress.dl" "$stress"
check test ! -s "$tmp/step.err" # every character has a font: no warning
exact "$stress" "$tmp/stress.pdf"
# a line breaks inside a ligature (of-fice: the ffi shaped again as f, then fi); the
# hyphen a break adds is a soft hyphen (U+00AD) in the text, as tagged PDF has it
if grep -o 'face 4 "[^"]*"' "$tmp/stress.dl" | awk 'prev ~ /f(-|\xC2\xAD)"$/ && $0 ~ /^face 4 "f/ {found = 1} {prev = $0} END {exit !found}'; then ok
else bad "$stress: no line of the display list breaks inside a ligature (a line ending in f- before one starting with f)"; fi
# CJK Extension B comes from the script table's Noto CJK (src/style/script_fonts.c),
# the emoji from the default fallbacks
pdffonts "$tmp/stress.pdf" >"$tmp/fonts"
check grep -q "+NotoSerifCJK" "$tmp/fonts"
check grep -q "+Symbola " "$tmp/fonts"
# the same guide, byte for byte, twice
step "$bin" -q -o "$tmp/again.pdf" "$stress"
check cmp -s "$tmp/stress.pdf" "$tmp/again.pdf"

# a character no font has: printed as .notdef, its text kept, one warning at
# the character's own line:col (its first), in a quoted scalar and in a `|`
# block's third line, after accented letters (columns count characters)
printf 'film:\n  title: Missing\n  director: D\nsections:\n  - type: text\n    body: "a \xf0\xaf\xbf\xbd b \xf0\xaf\xbf\xbd c"\n  - type: text\n    body: |\n      First line.\n\n      Second, \xc3\xa9t\xc3\xa9 \xf3\xb0\x80\x81 here.\n' >"$tmp/missing.yaml"
step "$bin" -q -o "$tmp/missing.pdf" "$tmp/missing.yaml"
check test "$(grep -c 'U+2FFFD' "$tmp/step.err")" = 1
check grep -q "^$tmp/missing.yaml:6:14: warning: no font has a glyph for U+2FFFD" "$tmp/step.err"
check grep -q "^$tmp/missing.yaml:11:19: warning: no font has a glyph for U+F0001" "$tmp/step.err"

# --- brand `features:` per role ---
# Body ligatures as mutool traces them: a glyph standing for several
# characters is followed by <g> elements without a glyph of their own.
body_ligatures() { mutool trace "$1" 2>/dev/null | awk '/<span/ {body = /NotoSerif-Regular/} body && /<g / && !/glyph=/ {n++} END {print n + 0}'; }
printf 'film:\n  title: T\n  director: D\nsections:\n  - type: text\n    body: "fine office"\n' >"$tmp/liga.yaml"
printf 'features:\n  body: [-liga]\n' >"$tmp/noliga.brand.yaml"
step "$bin" -q -o "$tmp/liga.pdf" "$tmp/liga.yaml"
check test "$(body_ligatures "$tmp/liga.pdf")" = 3 # fi, ffi
step "$bin" -q -b "$tmp/noliga.brand.yaml" -o "$tmp/noliga.pdf" "$tmp/liga.yaml"
check test "$(body_ligatures "$tmp/noliga.pdf")" = 0
exact "$tmp/liga.yaml" "$tmp/noliga.pdf"

# --- tabular figures in the facts panel's call-out numbers (26 pt) ---
# Inter's default figures are proportional; with tnum every digit has one advance.
figure_advances() { mutool trace "$1" 2>/dev/null | awk '/<span/ {fig = /trm="26 /} fig && /<g unicode="[0-9]"/' |
  sed -E 's/.*adv="([^"]*)".*/\1/' | sort -u | wc -l; }
printf 'fonts: {heading: /usr/share/fonts/truetype/inter-vf/Inter.var.ttf}\n' >"$tmp/inter.brand.yaml"
step "$bin" -q -b "$tmp/inter.brand.yaml" -o "$tmp/inter.pdf" content/last-train-home.yaml
check test "$(figure_advances "$tmp/inter.pdf")" = 1
printf 'fonts: {heading: /usr/share/fonts/truetype/inter-vf/Inter.var.ttf}\nfeatures: {heading: [-tnum]}\n' >"$tmp/pnum.brand.yaml"
step "$bin" -q -b "$tmp/pnum.brand.yaml" -o "$tmp/pnum.pdf" content/last-train-home.yaml
check test "$(figure_advances "$tmp/pnum.pdf")" -gt 1 # the brand's own features come after tnum, and win

summary "glyphs e2e"
