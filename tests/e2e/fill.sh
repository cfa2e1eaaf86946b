#!/usr/bin/env bash
# Pages that fill (README "Print production", "Pages that fill"): on every sample in every
# brand, on the brand's page, A5 and half-letter, no body page but the last
# ends under half full, the count is even, and a booklet of a guide with
# notes has no blank half-sheet (notes pages pad it). Measured on the
# display list by tests/typeset/fullness.py. Usage: fill.sh GUIDEPRESS
. "$(dirname "$0")/harness.bash" "$1"
fullness=tests/typeset/fullness.py

# the check fails where it should: an odd count, a short page before the last
printf 'document 420.00 595.00 pages 3\npage 1\ntext 40 60 100 10 frame 0 0 0 0\npage 2\ntext 40 60 100 10 frame 0 0 0 0\ntext 40 400 100 10 frame 0 0 0 0\npage 3\n' >"$tmp/odd.dl"
check test "$($fullness --check "$tmp/odd.dl")" = "fullness.py: odd.dl: 3 pages, not an even count"
body_page() { # N BOTTOM: a body page with text from y 60 to BOTTOM, and its footer
  printf 'page %d\ntext 40 60 100 10 frame 0 0 0 0\ntext 40 %d 100 10 frame 0 0 0 0\ntext 40 560 50 8 frame 0 0 0 0\n' "$1" "$2"
}
{ printf 'document 420.00 595.00 pages 6\npage 1\n'
  body_page 2 500; body_page 3 100; body_page 4 500; body_page 5 70; printf 'page 6\n'; } >"$tmp/short.dl"
check test "$($fullness --check "$tmp/short.dl")" = "fullness.py: short.dl: page 3 is 11% full"
printf 'document 840.00 595.00 pages 1\npage 1\ntext 40 60 100 10 frame 0 0 0 0\nrule 420 0 0 12 frame 0 0 0 0\n' >"$tmp/half.dl"
check test "$($fullness --check --booklet "$tmp/half.dl")" = "fullness.py: half.dl: side 1, right half blank"

lists=() booklets=()
for film in content/*.yaml; do
  name=$(basename "$film" .yaml)
  for brand in content/brands/*.yaml; do
    b=$(basename "$brand" .yaml)
    for paper in "" a5 half-letter; do
      out="$tmp/$name-$b${paper:+-$paper}"
      if "$bin" -q -b "$brand" ${paper:+--paper $paper} --dump-dlist "$out.dl" -o "$out.pdf" "$film" 2>"$tmp/err"; then ok
      else bad "$film with $brand ${paper:+on $paper}: $(head -3 "$tmp/err")"; fi
      lists+=("$out.dl")
    done
    grep -q '^ *notes: *\(true\|[1-9]\)' "$film" || continue
    "$bin" -q -b "$brand" --paper a5 --booklet --dump-dlist "$tmp/$name-$b-booklet.dl" -o "$tmp/bk.pdf" "$film"
    booklets+=("$tmp/$name-$b-booklet.dl")
  done
done
if $fullness --check "${lists[@]}" >"$tmp/out"; then ok; else bad "$(cat "$tmp/out")"; fi
check test "${#booklets[@]}" -ge 9
if $fullness --check --booklet "${booklets[@]}" >"$tmp/out"; then ok; else bad "$(cat "$tmp/out")"; fi

# without notes to flex, a guide still comes to an even count: blank pages before the back page
printf 'film:\n  title: T\n  director: D\nsections:\n  - type: text\n    body: |\n' >"$tmp/plain.yaml"
for ((i = 0; i < 60; i++)); do
  printf '      Paragraph %d %s\n\n' $i "$(printf 'word %.0s' {1..45})" >>"$tmp/plain.yaml"
  "$bin" -q -b content/brands/influence.yaml --paper a5 -o "$tmp/plain.pdf" "$tmp/plain.yaml"
  n=$(pdfinfo "$tmp/plain.pdf" | awk '/^Pages/ {print $2}')
  [ $((n % 2)) = 0 ] || { bad "$n pages with $((i + 1)) paragraphs"; break; }
done
check test "$n" -ge 10

summary fill.sh
