#!/usr/bin/env bash
# Shaping ahead (src/text/ahead.c): a cold guide's words shaped on a second
# thread while the first lays out give the very same PDF as shaping them
# all on the first (GUIDEPRESS_NO_AHEAD=1), for every sample.
# Usage: ahead.sh GUIDEPRESS
. "$(dirname "$0")/harness.bash" "$1"

for f in content/*.yaml; do
  name=$(basename "$f" .yaml)
  "$bin" -q -b content/brands/influence.yaml -o "$tmp/$name.pdf" "$f"
  GUIDEPRESS_NO_AHEAD=1 "$bin" -q -b content/brands/influence.yaml -o "$tmp/$name-alone.pdf" "$f"
  check cmp -s "$tmp/$name.pdf" "$tmp/$name-alone.pdf"
done

summary ahead
