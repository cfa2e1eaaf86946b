#!/usr/bin/env bash
# Font files a club may hand over, end to end: licence bits (OS/2 fsType)
# on copies of a bundled font patched here, checksums left stale (nothing
# in guidepress verifies them); a preview & print font prints with a
# warning and is embedded subset, a restricted one fails at its line with
# no output; truncated files and broken CFF tables fail at their line.
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
summary fonts
