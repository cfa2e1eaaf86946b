#!/usr/bin/env bash
# Print production (content-format.md §4): page sizes designed for their
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

summary "print"
