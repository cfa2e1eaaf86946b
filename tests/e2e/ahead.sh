#!/usr/bin/env bash
# Shaping ahead (src/text/ahead.c): a cold guide's words shaped on a second
# thread while the first lays out give the very same PDF as shaping them
# all on the first, for every sample (GUIDEPRESS_AHEAD forces the helper on
# and off whatever the machine's load).
# Usage: ahead.sh GUIDEPRESS
. "$(dirname "$0")/harness.bash" "$1"

for f in content/*.yaml; do
  name=$(basename "$f" .yaml)
  GUIDEPRESS_AHEAD=1 "$bin" -q -b content/brands/influence.yaml -o "$tmp/$name.pdf" "$f"
  GUIDEPRESS_AHEAD=0 "$bin" -q -b content/brands/influence.yaml -o "$tmp/$name-alone.pdf" "$f"
  check cmp -s "$tmp/$name.pdf" "$tmp/$name-alone.pdf"
done

summary ahead
