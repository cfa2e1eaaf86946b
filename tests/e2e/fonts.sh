#!/usr/bin/env bash
# Font files a club may hand over, end to end: licence bits (OS/2 fsType)
# on copies of a bundled font patched here, checksums left stale (nothing
# in guidepress verifies them); a preview & print font prints with a
# warning and is embedded subset, a restricted one fails at its line with
# no output; truncated files and broken CFF tables fail at their line.
# OpenType/CFF fonts (EB Garamond, Noto Sans CJK) embed as CIDFontType0.
# Usage: fonts.sh GUIDEPRESS
. "$(dirname "$0")/harness.bash" "$1"
# patch SRC DST TABLE AT HEXBYTES [KEEP]: a copy of SRC whose table TABLE
# has HEXBYTES at byte AT, cut to KEEP bytes if given
patch() {
  python3 - "$@" <<'PY'
import struct, sys
src, dst, tag, at, data = sys.argv[1:6]
font = bytearray(open(src, "rb").read())
for i in range(struct.unpack(">H", font[4:6])[0]):
    t, _, off, _ = struct.unpack(">4sIII", font[12 + 16 * i:28 + 16 * i])
    if t == tag.encode():
        start = off + int(at)
        font[start:start + len(bytes.fromhex(data))] = bytes.fromhex(data)
        break
else:
    sys.exit("no table " + tag)
keep = int(sys.argv[6]) if len(sys.argv) > 6 else len(font)
open(dst, "wb").write(font[:keep])
PY
}
# run FONT: the guide with FONT as the body face; its stderr in $tmp/err, status in $status
run() {
  printf 'name: Club\nfonts:\n  body: %s\n' "$1" >"$tmp/brand.yaml"
  rm -f "$tmp/out.pdf"
  "$bin" -q -b "$tmp/brand.yaml" -o "$tmp/out.pdf" content/honeyland.yaml 2>"$tmp/err"
  status=$?
}
# refused FONT MESSAGE: exit 1, exactly this error at the brand's line, no PDF
refused() {
  run "$1"
  check test "$status" = 1
  check test ! -e "$tmp/out.pdf"
  if [ "$(cat "$tmp/err")" = "$tmp/brand.yaml:3:9: error: font \`$1\` $2" ]; then ok
  else bad "$1: stderr was: $(cat "$tmp/err")"; fi
}
lato=fonts/Lato-Regular.ttf
foundry="ask the foundry for a licence that allows embedding, or choose another font"

# --- preview & print: printed, with a warning; the font (not one of the defaults) embedded and subset ---
patch fonts/OpenSans-Regular.ttf "$tmp/preview.ttf" OS/2 8 0004
run "$tmp/preview.ttf"
check test "$status" = 0
check test "$(cat "$tmp/err")" = "$tmp/brand.yaml:3:9: warning: font \`$tmp/preview.ttf\` may be embedded for preview \
and print only (OS/2 fsType 0x0004): the guide can be viewed and printed, not edited; check that this is what its licence allows"
check qpdf --check "$tmp/out.pdf" >/dev/null
check test "$(pdffonts "$tmp/out.pdf" | awk '$1 ~ /^[A-Z]+\+OpenSans$/ && $(NF-4) == "yes" && $(NF-3) == "yes"' | wc -l)" -ge 1
check grep -q "Honeyland" <(pdftotext "$tmp/out.pdf" -)

# --- editable: printed, silently ---
patch $lato "$tmp/editable.ttf" OS/2 8 0008
run "$tmp/editable.ttf"
check test "$status" = 0
check test ! -s "$tmp/err"
check qpdf --check "$tmp/out.pdf" >/dev/null

# --- refused: restricted, no subsetting, bitmaps only ---
patch $lato "$tmp/restricted.ttf" OS/2 8 0002
refused "$tmp/restricted.ttf" "has a restricted licence that forbids embedding it (OS/2 fsType 0x0002); $foundry"
patch $lato "$tmp/whole.ttf" OS/2 8 0100
refused "$tmp/whole.ttf" "may only be embedded whole (OS/2 fsType 0x0100: no subsetting), but guidepress embeds only \
the glyphs a guide uses; $foundry"
patch $lato "$tmp/bitmap.ttf" OS/2 8 0208
refused "$tmp/bitmap.ttf" "may only be embedded as bitmaps (OS/2 fsType 0x0208), but guidepress embeds outlines; $foundry"

# --- broken files ---
patch $lato "$tmp/truncated.ttf" OS/2 8 0000 20000
refused "$tmp/truncated.ttf" "is truncated or damaged (its tables run past the end of the file); get the font file \
again from its source"
otf=/usr/share/fonts/opentype/ebgaramond/EBGaramond12-Regular.otf
patch $otf "$tmp/broken-cff.otf" "CFF " 0 09
refused "$tmp/broken-cff.otf" "has a damaged CFF table, so its outlines cannot be read; get the font file again from its source"

# --- OpenType/CFF: embedded as CIDFontType0 over the subset's CFF table, text exact, drawn by every renderer ---
garamond=tests/fixtures/brands/garamond.yaml
cff_guide() { # CONTENT NAME: the guide in the CFF brand, checked as a print shop and a reader would
  rm -f "$tmp/$2.pdf"
  "$bin" -q -b "$garamond" -o "$tmp/$2.pdf" "$1" 2>"$tmp/err"
  check test ! -s "$tmp/err"
  check qpdf --check "$tmp/$2.pdf" >/dev/null
  pdffonts "$tmp/$2.pdf" | tail -n +3 >"$tmp/$2.fonts"
  # every EB Garamond face and Noto Sans CJK: CID Type 0C, embedded, subset, with ToUnicode
  check test "$(awk '$1 ~ /^[A-Z]+\+(EBGaramond|NotoSansCJK)/ && $2 " " $3 " " $4 == "CID Type 0C" &&
    $(NF-4) == "yes" && $(NF-3) == "yes" && $(NF-2) == "yes"' "$tmp/$2.fonts" | wc -l)" -ge "$3"
  check test "$(awk '$1 ~ /EBGaramond|NotoSansCJK/ && $2 " " $3 == "CID TrueType"' "$tmp/$2.fonts" | wc -l)" = 0
  # MuPDF and Ghostscript draw it without a complaint
  mutool draw -q -o "$tmp/$2-%d.png" -r 30 "$tmp/$2.pdf" 2>&1 | grep -v "ICC support" >"$tmp/mutool.err"
  check test ! -s "$tmp/mutool.err"
  check test -s "$tmp/$2-1.png"
  check test -z "$(gs -q -dNOPAUSE -dBATCH -sDEVICE=nullpage "$tmp/$2.pdf" 2>&1)"
}
cff_guide tests/fixtures/glyphs-stress.yaml stress 3
# -raw: poppler's raw order sees a word break only in a gap over 0.15 em, whatever the text
# shows; EB Garamond's 0.2-em space in a tight justified line (the ligature paragraph) would
# shrink below that but for the word space's floor (text/para.c, MIN_WORD_SPACE)
pdftotext -raw "$tmp/stress.pdf" "$tmp/stress.txt"
if tests/e2e/check_exact_text.py tests/fixtures/glyphs-stress.yaml "$tmp/stress.txt"; then ok; else bad "CFF: text not exact"; fi
cff_guide content/jiro-dreams-of-sushi.yaml jiro 4
check grep -q "NotoSansCJKjp-Regular" "$tmp/jiro.fonts"
pdftotext "$tmp/jiro.pdf" "$tmp/jiro.txt"
check grep -q "「すきやばし次郎」" "$tmp/jiro.txt"
check grep -q "二郎は鮨の夢を見る" "$tmp/jiro.txt"

# --- a variable font at weights: embedded as static instances, named by weight ---
var=/usr/share/fonts/truetype/inter-vf/Inter-roman.var.ttf
printf 'name: Club\nfonts:\n  heading: {file: %s, weight: 800}\n  body: {file: %s, weight: 350}\n  quote: {file: %s, weight: Semi Bold Italic}\n' \
  "$var" "$var" "${var/roman/italic}" >"$tmp/var.yaml"
"$bin" -q -b "$tmp/var.yaml" -o "$tmp/var.pdf" content/honeyland.yaml 2>"$tmp/err"
check test ! -s "$tmp/err"
check qpdf --check "$tmp/var.pdf" >/dev/null
pdffonts "$tmp/var.pdf" | tail -n +3 | awk '{print $1}' | sed 's/^[A-Z]*+//' | sort >"$tmp/var.fonts"
check test "$(cat "$tmp/var.fonts" | paste -sd' ')" = "Inter-W350 Inter-W600 Inter-W800 NotoColorEmoji"  # (Honeyland has two emoji)
check test -z "$(mutool draw -q -o "$tmp/var-%d.png" -r 30 "$tmp/var.pdf" 2>&1 | grep -v 'ICC support')"
pdftotext -raw "$tmp/var.pdf" "$tmp/var.txt"
if tests/e2e/check_exact_text.py content/honeyland.yaml "$tmp/var.txt"; then ok; else bad "variable font: text not exact"; fi

# --- CFF2 (a variable CFF font) is refused at its line: a stand-in, EB Garamond with its table renamed ---
python3 - "$otf" "$tmp/cff2.otf" <<'PY'
import struct, sys
font = bytearray(open(sys.argv[1], "rb").read())
for i in range(struct.unpack(">H", font[4:6])[0]):
    at = 12 + 16 * i
    if font[at:at + 4] == b"CFF ":
        font[at:at + 4] = b"CFF2"
        off = struct.unpack(">I", font[at + 8:at + 12])[0]
        font[off:off + 5] = bytes([2, 0, 5, 0, 16])  # CFF2 header: version 2.0, a 16-byte Top DICT
open(sys.argv[2], "wb").write(font)
PY
refused "$tmp/cff2.otf" "is a variable font with CFF2 outlines, which cannot be embedded yet; use the family's static \
.otf fonts or its TrueType variable font"
summary fonts
