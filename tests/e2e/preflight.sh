#!/usr/bin/env bash
# --preflight (README "Print production"): what a print shop would reject, one
# warning at the line that caused it, nothing written, exit status 1 if
# anything is found. Posters are generated here at known pixel sizes.
# Usage: preflight.sh GUIDEPRESS
. "$(dirname "$0")/harness.bash" "$1"

# png.py FILE WIDTH HEIGHT TYPE: a PNG of TYPE grey or rgb.
cat >"$tmp/png.py" <<'EOF'
import struct, sys, zlib
path, w, h, kind = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
ctype, channels = {"grey": (0, 1), "rgb": (2, 3)}[kind]
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
row = b"\0" + bytes((i * 7) % 256 for i in range(w * channels))
with open(path, "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, ctype, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(row * h, 9)) + chunk(b"IEND", b""))
EOF
png() { python3 "$tmp/png.py" "$tmp/$1" "$2" "$3" "$4"; }
# guide NAME POSTER: $tmp/NAME.yaml with that poster.
guide() {
  printf 'film:\n  title: A Film\n  director: Someone\n  poster: %s\nsections:\n  - type: text\n    body: Words.\n' \
    "$2" >"$tmp/$1.yaml"
}
# at FILE KEY: FILE:LINE:COL of KEY's value, as a diagnostic names it.
at() { awk -v f="$1" -v k="$2:" '$1 == k { print f ":" NR ":" index($0, k) + length(k) + 1; exit }' "$1"; }
# preflight ARGS...: runs --preflight in the empty folder $tmp/cwd (paths
# must be absolute), stderr in $tmp/err, status in $status.
mkdir "$tmp/cwd"
preflight() { (cd "$tmp/cwd" && exec "$bin" --preflight "$@") 2>"$tmp/err"; status=$?; }
# passes ARGS...: --preflight finds nothing: status 0, not a word said.
passes() { preflight "$@"; check test "$status" = 0; check test ! -s "$tmp/err"; }

png low.png 40 60 rgb       # ~14 ppi on the cover
png high.png 1200 1800 rgb  # ~400 ppi
png grey.png 1200 1800 grey
guide low low.png
guide high high.png
guide grey grey.png

# --- resolution: a low one at its poster line, a sharp one not at all ---
preflight "$tmp/low.yaml"
check test "$status" = 1
where=$(at "$tmp/low.yaml" poster)
check grep -q "^$where: warning: the image \`low.png\` prints at [0-9]* ppi on page 1" "$tmp/err"
check test "$(wc -l <"$tmp/err")" = 1
passes "$tmp/high.yaml"

# --- text within 3 mm of the trim: the footer sits in the bottom margin's middle ---
printf 'name: Club\npage:\n  margin: 0.25in\nfooter: "{title} {page}"\n' >"$tmp/thin.yaml"
preflight -b "$tmp/thin.yaml" "$tmp/high.yaml"
check test "$status" = 1
check grep -q "^$(at "$tmp/thin.yaml" footer): warning: text on page 2 comes within 3 mm of the trimmed edge" "$tmp/err"
check test "$(wc -l <"$tmp/err")" = 1  # the footer of the one page between the cover and the back page
printf 'name: Club\npage:\n  margin: 0.5in\nfooter: "{title} {page}"\n' >"$tmp/wide.yaml"
passes -b "$tmp/wide.yaml" "$tmp/high.yaml"

# --- RGB images in a CMYK (PDF/X) brand; grey ones pass ---
printf 'name: Club\nprint:\n  pdfx: true\n' >"$tmp/cmyk.yaml"
preflight -b "$tmp/cmyk.yaml" "$tmp/high.yaml"
check test "$status" = 1
check grep -q "^$(at "$tmp/high.yaml" poster): warning: the image \`high.png\` is RGB and the brand prints CMYK" "$tmp/err"
preflight -b "$tmp/cmyk.yaml" "$tmp/grey.yaml"   # (the brand may be warned of, its grey image is not)
check test "$status" = 0
check test "$(grep -c 'grey.png' "$tmp/err")" = 0
preflight -b "$tmp/cmyk.yaml" "$repo/content/honeyland.yaml"   # a colour JPEG: three components
check grep -q "^$(at "$repo/content/honeyland.yaml" poster): warning: the image \`honeyland.jpg\` is RGB" "$tmp/err"
# a brand with a colour in inks prints CMYK too, pdfx or not; one all in RGB does not
printf 'name: Club\ncolors:\n  primary: "cmyk(0, 60, 100, 0)"\n' >"$tmp/inks.yaml"
preflight -b "$tmp/inks.yaml" "$tmp/high.yaml"
check test "$status" = 1
check grep -q "^$(at "$tmp/high.yaml" poster): warning: the image \`high.png\` is RGB and the brand prints CMYK" "$tmp/err"
printf 'name: Club\ncolors:\n  primary: "#c8102e"\n' >"$tmp/rgb-brand.yaml"
preflight -b "$tmp/rgb-brand.yaml" "$tmp/high.yaml"
check test "$(grep -c 'is RGB' "$tmp/err")" = 0

# --- nothing is written: not the folder, not the file, not in the current one ---
preflight -o "$tmp/out/" "$tmp/low.yaml" "$tmp/high.yaml"
check test "$status" = 1
check test ! -e "$tmp/out"
check grep -q "1 passed preflight, 1 failed" "$tmp/err"
preflight -o "$tmp/one.pdf" "$tmp/high.yaml"
check test "$status" = 0
check test ! -e "$tmp/one.pdf"
preflight "$tmp/low.yaml" "$tmp/high.yaml"
check test -z "$(ls -A "$tmp/cwd")"
"$bin" -q -o "$tmp/one.pdf" "$tmp/high.yaml"   # the same run without --preflight does write it
check test -s "$tmp/one.pdf"

# --- bad input and a bad command line keep their statuses ---
printf 'film:\n  title: [unclosed\n' >"$tmp/broken.yaml"
preflight -o "$tmp/broken.pdf" "$tmp/broken.yaml"
check test "$status" = 1
check grep -q "^$tmp/broken.yaml:[0-9]*:[0-9]*: error:" "$tmp/err"
check test ! -e "$tmp/broken.pdf"
preflight
check test "$status" = 2

# --- the shipped samples: every finding at a line that holds the image or the footer ---
for brand in "$repo"/content/brands/*.yaml; do
  preflight -q -b "$brand" "$repo/content/"
  check test "$status" = "$([ -s "$tmp/err" ] && echo 1 || echo 0)"
  check test "$(grep -vc ': warning: ' "$tmp/err")" = 0
  while IFS=: read -r file line col _; do
    key=$([[ $line =~ ^[1-9][0-9]*$ ]] && awk -v n="$line" 'NR == n {print $1}' "$file")
    case $key in poster: | logo: | footer:) ok ;; *) bad "$brand: a finding at $file:$line:$col, on \`$key\`" ;; esac
  done <"$tmp/err"
done

check test -z "$(ls -A "$tmp/cwd")"  # no run above wrote anything
summary preflight
