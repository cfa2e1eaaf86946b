#!/usr/bin/env bash
# Shaping ahead (src/text/ahead.c): a lone guide's words shaped on a side
# thread while the main thread lays out give the very same PDF as shaping
# them all on the main thread (GUIDEPRESS_NO_AHEAD=1), for every sample and
# the script fixtures (Latin, Persian, CJK, emoji, the world's scripts).
# Usage: ahead.sh GUIDEPRESS
. "$(dirname "$0")/harness.bash" "$1"

for f in content/*.yaml tests/fixtures/*.yaml; do
  name=$(basename "$f" .yaml)
  "$bin" -q -b content/brands/influence.yaml -o "$tmp/$name.pdf" "$f" 2>/dev/null
  GUIDEPRESS_NO_AHEAD=1 "$bin" -q -b content/brands/influence.yaml -o "$tmp/$name-alone.pdf" "$f" 2>/dev/null
  check test -s "$tmp/$name.pdf"
  check cmp -s "$tmp/$name.pdf" "$tmp/$name-alone.pdf"
done

summary ahead
