#!/usr/bin/env bash
# The pipeline's seams, read from the sources (README "How it works"): only
# src/pdf/ includes libharu; libharu's private structures (the fields of
# HPDF_Doc, HPDF_Dict, HPDF_Page and their streams, checked against 2.3.0)
# are used only in src/pdf/libharu_private.c; the display list's header
# includes nothing from load/ or style/. Usage: layering.sh GUIDEPRESS
. "$(dirname "$0")/harness.bash" "$1"

outside_pdf=$(grep -rlE '#include [<"]hpdf' src | grep -v '^src/pdf/' | tr '\n' ' ')
if [ -z "$outside_pdf" ]; then ok; else bad "libharu included outside src/pdf/: $outside_pdf"; fi
# hpdf.h itself includes hpdf_doc.h, so the fields are read for by name, on
# the names libharu's objects go by here
private=$(grep -rnE '\b(pdf|doc|page|dict|font|stream|img|image|obj)->(mmgr|xref|trailer|cur_encoder|attr|obj_class|write_fn|filter|stream|header|buf|buf_siz)\b' src |
  grep -v '^src/pdf/libharu_private\.c:')
if [ -z "$private" ]; then ok; else bad "libharu's private fields used outside src/pdf/libharu_private.c: $private"; fi
if ! grep -qE '#include "(load|style)/' src/layout/dlist.h; then ok; else bad "src/layout/dlist.h includes load/ or style/"; fi

summary "layering"
