#!/usr/bin/env bash
# Print production (README "Print production"): page sizes designed for their
# size, QR codes beside printed urls, booklet imposition, bleed and crop
# marks, pure-K text. Usage: print.sh GUIDEPRESS
. "$(dirname "$0")/harness.bash" "$1"
brand=content/brands/influence.yaml
ltw=content/last-train-home.yaml

# --- page sizes: --paper and the brand's size, the layout following it ---
size_of() { pdfinfo "$1" | awk '/^Page size/ {printf "%.0f x %.0f", $3, $5}'; }
for spec in "a5:420 x 595" "half-letter:396 x 612" "A5:420 x 595"; do
  paper=${spec%%:*} want=${spec#*:}
  rm -f "$tmp/p.pdf"
  check "$bin" -q -b "$brand" --paper "$paper" -o "$tmp/p.pdf" "$ltw"
  if [ "$(size_of "$tmp/p.pdf")" = "$want" ]; then ok; else bad "--paper $paper: $(size_of "$tmp/p.pdf"), want $want"; fi
done
printf 'name: Club\npage:\n  size: {width: 5.5in, height: 8in}\n' >"$tmp/custom.yaml"
check "$bin" -q -b "$tmp/custom.yaml" -o "$tmp/custom.pdf" "$ltw"
check test "$(size_of "$tmp/custom.pdf")" = "396 x 576"
"$bin" -q --paper a6 "$ltw" 2>"$tmp/err"; check test $? = 2
check grep -q "unknown paper size .a6.; use letter, a4, a5 or half-letter" "$tmp/err"
# the body's type, margin and sidebar follow the page: smaller on A5, never shrunk A4
body_size() { awk '$1 == "text" && $NF ~ /last-train-home.yaml/ {print $5}' "$1" | sort | uniq -c | sort -rn | awk 'NR == 1 {print $2}'; }
"$bin" -q -b "$brand" --dump-dlist "$tmp/letter.dl" -o "$tmp/letter.pdf" "$ltw"
"$bin" -q -b "$brand" --paper a5 --dump-dlist "$tmp/a5.dl" -o "$tmp/a5.pdf" "$ltw"
check test "$(body_size "$tmp/letter.dl")" = 10.50
if awk -v s="$(body_size "$tmp/a5.dl")" 'BEGIN {exit !(s >= 9.2 && s <= 9.8)}'; then ok; else bad "A5 body $(body_size "$tmp/a5.dl") pt, want about 9.5"; fi
left_margin() { awk '$1 == "text" {print $2}' "$1" | sort -n | head -1; }
if awk -v m="$(left_margin "$tmp/a5.dl")" 'BEGIN {exit !(m >= 39 && m <= 46)}'; then ok; else bad "A5 margin $(left_margin "$tmp/a5.dl")"; fi
# A5 text stays on its page: nothing past the right margin
check awk -v w=419.53 '$1 == "text" && $2 + $4 > w - 39 {bad = 1} END {exit bad}' "$tmp/a5.dl"

# --- QR codes: beside every printed url, each read back by zbarimg from a 150 dpi render ---
qr_check() { # CONTENT BRAND [--paper SIZE]
  local content=$1 brand=$2; shift 2
  local name=$(basename "$content" .yaml)-$(basename "$brand" .yaml)$*
  rm -f "$tmp/qr.dl" "$tmp"/qr-*.png
  "$bin" -q ${brand:+-b "$brand"} "$@" --dump-dlist "$tmp/qr.dl" -o "$tmp/qr.pdf" "$content" 2>"$tmp/qr.err"
  if [ $? = 0 ] && ! grep -q ': error: ' "$tmp/qr.err"; then ok; else bad "$name: $(head -3 "$tmp/qr.err")"; return; fi
  pdftoppm -png -r 150 "$tmp/qr.pdf" "$tmp/qr"
  : >"$tmp/decoded"
  for png in "$tmp"/qr-*.png; do
    page=$(basename "$png" .png); page=$((10#${page##*-}))
    zbarimg -q --raw "$png" 2>/dev/null | sed "s|^|$page |" >>"$tmp/decoded"
  done
  if tests/e2e/check_qr.py "$tmp/qr.dl" "$content" "${brand:--}" "$tmp/decoded" >"$tmp/qr.out"; then ok
  else bad "$name: $(cat "$tmp/qr.out")"; fi
  # each code one stencil mask of its modules, filled in pure black (DeviceGray 0)
  codes=$(grep -c '^qr ' "$tmp/qr.dl")
  fills=$(mutool trace "$tmp/qr.pdf" 2>/dev/null | grep -c '<fill_image_mask .*colorspace="DeviceGray" color="0"')
  if [ "$codes" = "$fills" ] && [ "$codes" -gt 0 ]; then ok; else bad "$name: $codes codes, $fills black mask fills"; fi
}
for b in content/brands/*.yaml; do qr_check tests/fixtures/print-urls.yaml "$b"; done
qr_check content/last-train-home.yaml "$brand"
qr_check content/jiro-dreams-of-sushi.yaml "$brand" --paper a5
qr_check tests/fixtures/print-urls.yaml content/brands/riverside.yaml --paper half-letter
# a code that was not read is a failure: a blurred render reads nothing
"$bin" -q -b "$brand" -o "$tmp/qr.pdf" "$ltw"
pdftoppm -png -r 40 -f 6 -l 6 "$tmp/qr.pdf" "$tmp/blur"
check test -z "$(zbarimg -q --raw "$tmp"/blur-*.png 2>/dev/null)"
: >"$tmp/none"
"$bin" -q -b "$brand" --dump-dlist "$tmp/qr.dl" -o "$tmp/qr.pdf" "$ltw"
check test "$(tests/e2e/check_qr.py "$tmp/qr.dl" "$ltw" "$brand" "$tmp/none" >/dev/null; echo $?)" = 1
# qr_codes: false: the urls are printed, no code
printf 'name: Club\nurl: https://club.example.org\nprint:\n  qr_codes: false\n' >"$tmp/noqr.yaml"
"$bin" -q -b "$tmp/noqr.yaml" --dump-dlist "$tmp/noqr.dl" -o "$tmp/noqr.pdf" tests/fixtures/print-urls.yaml 2>/dev/null
check test "$(grep -c '^qr ' "$tmp/noqr.dl")" = 0
check grep -qF "https://example.org/act" <(pdftotext "$tmp/noqr.pdf" -)
check grep -qF "https://club.example.org" <(pdftotext "$tmp/noqr.pdf" -)

# --- booklets: saddle-stitch order on guides of 3 to 17 pages, read back half-sheet by half-sheet ---
printf 'name: Club\nfooter: "PAGE {page} OF {pages}"\nback_page:\n  heading: BACKMARK\n' >"$tmp/bk-brand.yaml"
guide_of() { # PARAGRAPHS FILE: a guide whose text grows with PARAGRAPHS
  { printf 'film:\n  title: COVERMARK\n  director: D\nsections:\n  - type: text\n    body: |\n'
    for ((i = 0; i < $1; i++)); do printf '      Paragraph %d %s\n\n' $i "$(printf 'word %.0s' {1..45})"; done; } >"$2"
}
# what a half-sheet shows: its page number, 0 for a blank
label_of() { # PDF SIDE HALF
  local w=$(pdfinfo "$1" | awk '/^Page size/ {print $3 / 2}') text
  text=$(pdftotext -f "$2" -l "$2" -x $(awk -v w="$w" -v h="$3" 'BEGIN {print int(w * h + 0.5)}') -y 0 -W "${w%.*}" -H 2000 "$1" - | tr -s ' \n\f' ' ')
  case $text in
    *COVERMARK*) echo 1 ;;
    *BACKMARK*) echo back ;;
    *PAGE*) sed -E 's/.*PAGE ([0-9]+) OF.*/\1/' <<<"$text" ;;
    *[![:space:]]*) echo "?" ;;
    *) echo 0 ;;
  esac
}
seen=" " paragraphs=1
while [ "$paragraphs" -lt 200 ]; do
  guide_of $paragraphs "$tmp/bk.yaml"
  paragraphs=$((paragraphs + 1))
  "$bin" -q -b "$tmp/bk-brand.yaml" --paper a5 --booklet -o "$tmp/bkb.pdf" "$tmp/bk.yaml" || { bad "booklet guide failed"; break; }
  sides=$(pdfinfo "$tmp/bkb.pdf" | awk '/^Pages/ {print $2}')
  # fold the stack: sheet by sheet, front right then back left; back up, back right then front left
  order=
  for ((s = 0; s < sides / 2; s++)); do order="$order $(label_of "$tmp/bkb.pdf" $((2 * s + 1)) 1) $(label_of "$tmp/bkb.pdf" $((2 * s + 2)) 0)"; done
  for ((s = sides / 2 - 1; s >= 0; s--)); do order="$order $(label_of "$tmp/bkb.pdf" $((2 * s + 2)) 1) $(label_of "$tmp/bkb.pdf" $((2 * s + 1)) 0)"; done
  n=$(( $(wc -w <<<"${order// 0/}") ))   # the guide's own pages, the back page among them
  [ "$n" -gt 17 ] && break
  case $seen in *" $n "*) continue ;; esac
  seen="$seen$n "
  padded=$(( (n + 3) / 4 * 4 ))
  if [ "$sides" = $((padded / 2)) ] && [ "$(size_of "$tmp/bkb.pdf")" = "839 x 595" ]; then ok
  else bad "$n pages: $sides sides of $(size_of "$tmp/bkb.pdf"), want $((padded / 2)) of 839 x 595"; fi
  want=$(seq -s ' ' 1 $((n - 1)))$(for ((b = n; b < padded; b++)); do printf ' 0'; done)" back"
  if [ "$order" = " $want" ]; then ok; else bad "$n pages: the folded booklet reads$order, want $want"; fi
  # {pages} counts the booklet's pages, the blank ones before the back page too: the back page is the last
  totals=$(pdftotext "$tmp/bkb.pdf" - | grep -o 'PAGE [0-9]* OF [0-9]*' | awk '{print $4}' | sort -u | tr '\n' ' ')
  if [ "$totals" = "$padded " ]; then ok; else bad "$n pages: footers say OF $totals, want $padded"; fi
done
# every count from 3 to 17 met (a guide spread over more pages may come before a shorter one)
check test "$(tr ' ' '\n' <<<"$seen" | sort -n | xargs)" = "$(seq -s ' ' 3 17)"
# links work on the imposed sheets: on their text, the same targets as page by page
"$bin" -q -b content/brands/riverside.yaml -o "$tmp/links.pdf" tests/fixtures/print-urls.yaml 2>/dev/null
"$bin" -q -b content/brands/riverside.yaml --booklet -o "$tmp/links-booklet.pdf" tests/fixtures/print-urls.yaml 2>/dev/null
if tests/e2e/check_links.py "$tmp/links-booklet.pdf" "$tmp/links.pdf" >"$tmp/links.out"; then ok; else bad "$(cat "$tmp/links.out")"; fi
check test "$(size_of "$tmp/links-booklet.pdf")" = "1191 x 842"   # A4 pages on A3 sheets
# the QR codes still read on the sheets, each once
pdftoppm -png -r 150 "$tmp/links-booklet.pdf" "$tmp/bkq"
check test "$(for f in "$tmp"/bkq-*.png; do zbarimg -q --raw "$f" 2>/dev/null; done | sort | tr '\n' ' ')" = \
  "$("$bin" -q -b content/brands/riverside.yaml --dump-dlist "$tmp/x.dl" -o "$tmp/x.pdf" tests/fixtures/print-urls.yaml 2>/dev/null
     grep '^qr ' "$tmp/x.dl" | grep -o '"[^"]*"' | tr -d '"' | sort | tr '\n' ' ')"

# --- print shops: bleed, trim and crop marks; full-page colour into the bleed ---
printf 'name: Club\nurl: https://club.example.org\npage: {size: a5}\nprint: {bleed: 3mm, crop_marks: true}\n' >"$tmp/shop.yaml"
step_ok() { "$@" 2>"$tmp/step.err" && [ ! -s "$tmp/step.err" ] && ok || bad "$*: $(head -3 "$tmp/step.err")"; }
step_ok "$bin" -q -b "$tmp/shop.yaml" --dump-dlist "$tmp/shop.dl" -o "$tmp/shop.pdf" "$ltw"
box() { pdfinfo -box -f "$2" -l "$2" "$1" | awk -v k="$3" '$3 == k":" {printf "%.1f %.1f %.1f %.1f", $4, $5, $6, $7}'; }
pages=$(pdfinfo "$tmp/shop.pdf" | awk '/^Pages/ {print $2}')
for p in 1 "$pages"; do
  # crop marks need 15 pt outside the 3 mm (8.5 pt) bleed: trim at 23.5, bleed at 15
  check test "$(box "$tmp/shop.pdf" $p TrimBox)" = "23.5 23.5 443.0 618.8"
  check test "$(box "$tmp/shop.pdf" $p BleedBox)" = "15.0 15.0 451.5 627.3"
  check test "$(box "$tmp/shop.pdf" $p MediaBox)" = "0.0 0.0 466.5 642.3"
done
# the back page's band reaches into the bleed on three sides
check awk -v last="$pages" '$1 == "page" {p = $2} p == last && $1 == "rect" && $2 == "15.00" && $2 + $4 > 451.5 && $3 + $5 > 627.2 {found = 1} END {exit !found}' "$tmp/shop.dl"
# crop marks: eight hairlines a page, all outside the bleed
check test "$(awk '$1 == "page" && $2 == 1 {p = 1; next} $1 == "page" {p = 0} p && $1 == "rule" && ($2 < 15 || $2 > 451.5 || $3 < 15 || $3 > 627.3)' "$tmp/shop.dl" | wc -l)" = 8
# without print keys nothing changes: no trim box
check test -z "$(box "$tmp/a5.pdf" 1 TrimBox | grep -v '^0.0 0.0 419.5 595.3$')"
"$bin" -q -b "$tmp/shop.yaml" --booklet -o "$tmp/shop-booklet.pdf" "$ltw"
check test "$(box "$tmp/shop-booklet.pdf" 1 TrimBox)" = "23.5 23.5 862.6 618.8"   # the sheet is trimmed as a whole

# --- text in black or near-black is pure K: every text fill, read with mutool trace ---
text_fills() { mutool trace "$1" 2>/dev/null | grep '<fill_text' | sed -E 's/.*colorspace="([^"]*)" color="([^"]*)".*/\1 \2/' | sort -u; }
for b in content/brands/*.yaml; do
  "$bin" -q -b "$b" -o "$tmp/k.pdf" content/honeyland.yaml
  fills=$(text_fills "$tmp/k.pdf")
  if grep -qx "DeviceGray 0" <<<"$fills"; then ok; else bad "$b: no text in pure K: $fills"; fi
  # any other text fill is a colour, not a four-colour black or grey-black
  if awk '$1 == "DeviceRGB" {hi = $2; lo = $2; for (i = 3; i <= 4; i++) {if ($i > hi) hi = $i; if ($i < lo) lo = $i}
          if (hi <= 0.2 && hi - lo <= 0.08) bad = 1} $1 != "DeviceRGB" && $0 != "DeviceGray 0" {bad = 1} END {exit bad}' <<<"$fills"
  then ok; else bad "$b: text in rich black or an unexpected colour space: $fills"; fi
done
printf 'print: {black_text: rgb}\n' >"$tmp/rgb.yaml"
"$bin" -q -b "$tmp/rgb.yaml" -o "$tmp/rgb.pdf" content/honeyland.yaml
check test -z "$(text_fills "$tmp/rgb.pdf" | grep DeviceGray)"

# colours given in inks print as DeviceCMYK, text, panels and rules alike; the rules' neutral greys as grey
printf 'name: Club\ncolors:\n  primary: "cmyk(0, 60, 100, 0)"\n  accent: "cmyk(100, 40, 0, 30)"\n  panel: "cmyk(0, 0, 10, 5)"\n  text: "cmyk(0, 0, 0, 100)"\nprint: {black_text: rgb}\n' >"$tmp/inks.yaml"
"$bin" -q -b "$tmp/inks.yaml" -o "$tmp/inks.pdf" content/honeyland.yaml 2>/dev/null
paints() { mutool trace "$1" 2>/dev/null | grep -o '<\(fill_text\|fill_path\|stroke_path\)[^>]*colorspace="[^"]*" color="[^"]*"' |
  sed -E 's/<([a-z_]+).*colorspace="([^"]*)" color="([^"]*)"/\1 \2 \3/' | sort -u; }
paints "$tmp/inks.pdf" >"$tmp/inks.paints"
for want in "fill_text DeviceCMYK 0 .6 1 0" "fill_text DeviceCMYK 1 .4 0 .3" "fill_text DeviceCMYK 0 0 0 1" \
  "fill_text DeviceCMYK 0 0 0 .55" "fill_path DeviceCMYK 0 0 .1 .05" "stroke_path DeviceCMYK 0 .6 1 0" "stroke_path DeviceGray .6"; do
  if grep -qxF "$want" "$tmp/inks.paints"; then ok; else bad "no $want in: $(tr '\n' ';' <"$tmp/inks.paints")"; fi
done
check test -z "$(grep -v 'DeviceRGB 1 1 1$' "$tmp/inks.paints" | grep DeviceRGB)"   # nothing in RGB but white
# with black_text k (the default), the ink black text is pure K still
sed '/black_text/d' "$tmp/inks.yaml" >"$tmp/inks-k.yaml"
"$bin" -q -b "$tmp/inks-k.yaml" -o "$tmp/inks-k.pdf" content/honeyland.yaml 2>/dev/null
check grep -qxF "fill_text DeviceGray 0" <(paints "$tmp/inks-k.pdf")

# --- --preflight: what a print shop would reject, each at its line; nothing written ---
rm -f "$tmp/pre.pdf"
# the shipped samples pass, in every brand and size (their images are drawn at 300 ppi and more)
for b in content/brands/*.yaml; do
  for paper in "" a5 half-letter; do
    "$bin" --preflight -q -b "$b" ${paper:+--paper $paper} -o "$tmp/pre/" content/*.yaml 2>"$tmp/pre.err"
    if [ $? = 0 ] && [ ! -s "$tmp/pre.err" ]; then ok; else bad "$b ${paper:-}: $(head -3 "$tmp/pre.err")"; fi
  done
done
check test ! -e "$tmp/pre"
# and so does what `make print-samples` renders, run as its recipe says with --preflight for -o
make -n --no-print-directory BUILD=build print-samples 2>/dev/null | grep -F 'build/guidepress -q' >"$tmp/recipe"
check test "$(wc -l <"$tmp/recipe")" -ge 3
while read -r line; do
  args=$(sed -E 's|^.*build/guidepress -q||; s| -o [^ ]+| --preflight|' <<<"$line")
  if "$bin" -q $args 2>"$tmp/pre.err" && [ ! -s "$tmp/pre.err" ]; then ok; else bad "print-samples: guidepress$args: $(head -3 "$tmp/pre.err")"; fi
done <"$tmp/recipe"
# a 0.25in margin puts the footer within 3 mm of the bottom edge: once a page
printf 'name: Club\npage: {margin: 0.25in}\n' >"$tmp/tight.yaml"
"$bin" --preflight -b "$tmp/tight.yaml" content/honeyland.yaml 2>"$tmp/pre.err"; check test $? = 1
pages=$("$bin" -q -b "$tmp/tight.yaml" -o "$tmp/tight.pdf" content/honeyland.yaml && pdfinfo "$tmp/tight.pdf" | awk '/^Pages/ {print $2}')
check test "$(grep -c 'warning: text on page [0-9]* comes within 3 mm of the trim' "$tmp/pre.err")" = $((pages - 2))
# the same guide with a normal margin: no text warning
"$bin" --preflight content/honeyland.yaml 2>"$tmp/pre.err"
check test "$(grep -c 'comes within 3 mm' "$tmp/pre.err")" = 0

summary "print"
