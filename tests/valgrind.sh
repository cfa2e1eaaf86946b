#!/usr/bin/env bash
# valgrind --leak-check=full on every sample and every bad-input fixture:
# no leaks, no invalid reads or writes. Usage: valgrind.sh GUIDEPRESS
set -u
bin=$(realpath "$1")
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
vg() { valgrind -q --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect \
         --error-exitcode=99 "$@" >/dev/null 2>"$tmp/vg.err"; }
for f in content/*.yaml tests/fixtures/all-sections.yaml; do
  vg "$bin" -q -b content/brands/influence.yaml -o "$tmp/out.pdf" "$f"
  if [ $? = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $f"; head -20 "$tmp/vg.err"; fi
done
for f in tests/errors/*.yaml; do
  case $f in
    *.brand.yaml) continue ;;
    */brand-*) vg "$bin" -q -b "$f" -o "$tmp/out.pdf" content/honeyland.yaml ;;
    *) vg "$bin" -q -o "$tmp/out.pdf" "$f" ;;
  esac
  if [ $? != 99 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $f"; head -20 "$tmp/vg.err"; fi
done
echo "valgrind: $pass passed, $fail failed"
[ "$fail" = 0 ]
