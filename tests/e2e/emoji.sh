#!/usr/bin/env bash
# Emoji: colour glyphs from Noto Color Emoji printed as images (RGBA with a
# soft mask, one per glyph in the PDF) over their invisible text, which
# copies back exactly and is tagged; `emoji: mono` prints them as outlines
# from Symbola. Usage: emoji.sh GUIDEPRESS
. "$(dirname "$0")/harness.bash" "$1"
e2e=tests/e2e
content=tests/fixtures/emoji.yaml
sequences=(🍿 👩‍🚀 🇫🇷 🏴󠁧󠁢󠁳󠁣󠁴󠁿 👍🏽 1️⃣ ❤️)

# the table of emoji presentation is Debian's unicode-data's
check diff <(tests/unit/emoji_table.py) src/text/emoji_table.h

# --- colour: each emoji an image at its place, the text exact ---
status 0 "$bin" -q --dump-dlist "$tmp/c.dl" -o "$tmp/c.pdf" "$content"
check test ! -s "$tmp/err"
check qpdf --check "$tmp/c.pdf" >/dev/null
# one invisible text item and one image per emoji (the popcorn twice); the plane is text
check test "$(grep -c '^text .* invisible ' "$tmp/c.dl")" = 8
check test "$(grep -c '^image .*NotoColorEmoji.ttf#' "$tmp/c.dl")" = 8
check grep -q '^text .*"✈"' "$tmp/c.dl"
check test "$(grep '^text .*"✈"' "$tmp/c.dl" | grep -c invisible)" = 0
# in the PDF: 7 images, each RGB with a soft mask, the popcorn's drawn twice
pdfimages -list "$tmp/c.pdf" | tail -n +3 >"$tmp/c.images"
check test "$(awk '$3 == "image" && $6 == "rgb"' "$tmp/c.images" | wc -l)" = 8
check test "$(awk '$3 == "smask"' "$tmp/c.images" | wc -l)" = 8
check test "$(awk '$3 == "image" {print $11}' "$tmp/c.images" | sort -u | wc -l)" = 7
pdftotext "$tmp/c.pdf" "$tmp/c.txt"
for s in "${sequences[@]}"; do
  if grep -qF -- " $s" "$tmp/c.txt"; then ok; else bad "colour: $s not given back exactly"; fi
done
check grep -qF "✈, as text" "$tmp/c.txt"
# the emoji face embedded (with empty outlines), drawn without a complaint by MuPDF and Ghostscript
check test "$(pdffonts "$tmp/c.pdf" | awk '$1 ~ /\+NotoColorEmoji$/ && $(NF-4) == "yes"' | wc -l)" = 1
check test -z "$(mutool draw -q -o "$tmp/c-%d.png" -r 30 "$tmp/c.pdf" 2>&1 | grep -v 'ICC support')"
check test -z "$(gs -q -dNOPAUSE -dBATCH -sDEVICE=nullpage "$tmp/c.pdf" 2>&1)"
# colour where the display list puts each image, none where it puts the words
page=$(awk '/^page /{p=$2} /^image .*NotoColorEmoji/{print p; exit}' "$tmp/c.dl")
pdftoppm -r 72 -f "$page" -l "$page" "$tmp/c.pdf" "$tmp/page"
python3 - "$tmp"/page-*.ppm "$tmp/c.dl" "$page" <<'PY' >"$tmp/pixels" || bad "colour: $(cat "$tmp/pixels")"
import sys
data = open(sys.argv[1], "rb").read()
parts = data.split(maxsplit=4)           # P6 width height max pixels
w, h, px = int(parts[1]), int(parts[2]), parts[4]
def colourful(x0, y0, x1, y1):           # the share of saturated pixels in a box (points = pixels at 72 dpi)
    n = hit = 0
    for y in range(int(y0), int(y1)):
        for x in range(int(x0), int(x1)):
            r, g, b = px[3 * (y * w + x):3 * (y * w + x) + 3]
            n += 1
            hit += max(r, g, b) - min(r, g, b) > 60
    return hit / max(n, 1)
page = None
for line in open(sys.argv[2], encoding="utf-8"):
    f = line.split()
    if f[0] == "page":
        page = f[1]
    elif page == sys.argv[3] and f[0] == "image" and "NotoColorEmoji" in line:
        x, y, bw, bh = map(float, f[1:5])
        if colourful(x, y, x + bw, y + bh) < 0.1:
            sys.exit("no colour at the image of %s" % line.strip())
    elif page == sys.argv[3] and f[0] == "text" and " body" in line and "invisible" not in line:  # (black words)
        x, y, bw, size = map(float, f[1:5])
        if colourful(x, y - size, x + bw, y) > 0.02:
            sys.exit("colour in the text at %s" % line.strip())
PY
[ -s "$tmp/pixels" ] || ok
# tagged: the structure is sound, the images artifacts
qpdf --json --json-stream-data=inline --decode-level=generalized "$tmp/c.pdf" "$tmp/c.json"
if $e2e/check_tags.py "$tmp/c.json" >"$tmp/c.tags"; then ok; else bad "colour: structure"; head -5 "$tmp/c.tags"; fi

# --- mono: outlines from Symbola, no image ---
printf 'name: Club\nemoji: mono\n' >"$tmp/mono.yaml"
status 0 "$bin" -q -b "$tmp/mono.yaml" --dump-dlist "$tmp/m.dl" -o "$tmp/m.pdf" "$content"
check test ! -s "$tmp/err"
check test "$(grep -c 'invisible\|^image ' "$tmp/m.dl")" = 0
check test "$(pdfimages -list "$tmp/m.pdf" | tail -n +3 | wc -l)" = 0
pdffonts "$tmp/m.pdf" >"$tmp/m.fonts"
check test "$(awk '$1 ~ /\+Symbola$/ && $(NF-4) == "yes"' "$tmp/m.fonts" | wc -l)" = 1
check test "$(grep -c NotoColorEmoji "$tmp/m.fonts")" = 0
pdftotext "$tmp/m.pdf" "$tmp/m.txt"
check grep -qF "popcorn 🍿 and" "$tmp/m.txt"
check grep -qF "up 👍🏽," "$tmp/m.txt"

# --- a bad value, at its line ---
printf 'name: Club\nemoji: sepia\n' >"$tmp/bad.yaml"
status 1 "$bin" -q -b "$tmp/bad.yaml" -o "$tmp/bad.pdf" "$content"
said "$tmp/bad.yaml:2:8: error: \`emoji\` must be \`color\` or \`mono\`, not \`sepia\`"
summary emoji
