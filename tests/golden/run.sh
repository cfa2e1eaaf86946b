#!/usr/bin/env bash
# Golden display lists: every sample in every brand is dumped with
# --dump-dlist (src/layout/dlist.c: one line per text run, rule, rectangle,
# image and link, positions to 1/100 pt) and compared with
# tests/golden/<sample>-<brand>.dl, so that any change of layout (a line
# break, a word space, a page break) shows as a diff to be reviewed.
# Usage: run.sh [--update] GUIDEPRESS     (--update rewrites the files:
# review them with git diff before committing). Paths in the dumps are the
# relative ones given here; the fonts are the bundled ones and, for CJK,
# those of DEB_PACKAGES (fonts-wqy-zenhei), so the dumps are the
# same on every machine that `make deps` set up.
set -u
update=
if [ "${1:-}" = --update ]; then update=1; shift; fi
[ $# = 1 ] || { echo "usage: $0 [--update] GUIDEPRESS" >&2; exit 2; }
bin=$(realpath "$1")
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
expected=()
for brand in content/brands/*.yaml; do
  for content in content/*.yaml; do
    name=$(basename "$content" .yaml)-$(basename "$brand" .yaml)
    golden=tests/golden/$name.dl
    expected+=("$golden")
    SOURCE_DATE_EPOCH=1767225600 "$bin" -q -b "$brand" --dump-dlist "$tmp/$name.dl" -o "$tmp/$name.pdf" "$content" \
      2>"$tmp/$name.err"
    status=$?
    if [ $status != 0 ] || [ ! -s "$tmp/$name.dl" ]; then
      fail=$((fail + 1)); echo "FAIL: $name: exit status $status, no dump: $(head -3 "$tmp/$name.err")"; continue
    fi
    if [ -n "$update" ]; then
      cmp -s "$tmp/$name.dl" "$golden" || { cp "$tmp/$name.dl" "$golden"; echo "updated $golden"; }
      pass=$((pass + 1))
    elif [ ! -f "$golden" ]; then
      fail=$((fail + 1)); echo "FAIL: $name: $golden is missing (make golden-update writes it)"
    elif diff -u "$golden" "$tmp/$name.dl" >"$tmp/diff"; then
      pass=$((pass + 1))
    else
      fail=$((fail + 1))
      echo "FAIL: $name: the display list differs from $golden ($(grep -c '^[-+][^-+]' "$tmp/diff") lines); first lines:"
      head -20 "$tmp/diff"
    fi
  done
done
# a golden file without its sample is stale
for f in tests/golden/*.dl; do
  [ -e "$f" ] || continue
  case " ${expected[*]} " in *" $f "*) ;; *) fail=$((fail + 1)); echo "FAIL: $f: no sample or brand makes it (remove it)" ;; esac
done
[ -n "$update" ] && [ $fail = 0 ] && echo "golden: review the change with git diff tests/golden/"
echo "golden: $pass passed, $fail failed"
[ $fail = 0 ] && [ $pass -gt 0 ]
