#!/usr/bin/env bash
# What a process loads: ICU (and the C++ library it needs) is opened only
# when a guide prints a date (src/load/date.c) or has text that needs a
# dictionary to break (src/text/breaks.c); linked, it cost every process
# its dynamic linking (README, "After glyph runs").
# Usage: startup.sh GUIDEPRESS
. "$(dirname "$0")/harness.bash" "$1"

if readelf -d "$bin" | grep NEEDED | grep -q 'libicu\|libstdc'; then bad "guidepress links ICU or libstdc++"; else ok; fi

# loaded (LD_DEBUG=files names each file the dynamic loader opens): not for
# a guide without a date, and when one is printed
LD_DEBUG=files "$bin" -q -o "$tmp/plain.pdf" content/last-train-home.yaml 2>"$tmp/plain.ld"
check test -s "$tmp/plain.pdf"
if grep -q 'file=libicu' "$tmp/plain.ld"; then bad "ICU loaded for a guide without a date"; else ok; fi
LD_DEBUG=files "$bin" -q -o "$tmp/dated/" content/season/season.yaml 2>"$tmp/dated.ld"
check grep -q 'file=libicui18n' "$tmp/dated.ld"
check grep -qx 'vendredi 9 avril 2027' <(pdftotext -f 1 -l 1 "$tmp/dated/honeyland.pdf" -)

summary startup
