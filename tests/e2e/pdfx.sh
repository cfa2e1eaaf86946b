#!/usr/bin/env bash
# print: pdfx: true writes PDF/X-4 as far as guidepress claims it (no
# validator runs here): tests/e2e/check_pdfx.py reads the structure back
# with qpdf --json. Usage: pdfx.sh GUIDEPRESS
. "$(dirname "$0")/harness.bash" "$1"
profile=/usr/share/color/icc/ghostscript/default_cmyk.icc

printf 'name: Club & Co <Films>\nurl: https://club.example.org\nprint:\n  pdfx: true\n' >"$tmp/x.yaml"
printf 'name: Club\nprint:\n  pdfx: true\n  bleed: 3mm\n  crop_marks: true\n' >"$tmp/xb.yaml"
# a title in UTF-8 (the XMP says what the info dictionary says), with and without dates given
status 0 "$bin" -q -b "$tmp/x.yaml" -o "$tmp/x.pdf" content/jiro-dreams-of-sushi.yaml
check test -z "$(cat "$tmp/err")"     # no warning: pdfx is done
if tests/e2e/check_pdfx.py "$tmp/x.pdf" "$profile" >"$tmp/out"; then ok; else bad "$(cat "$tmp/out")"; fi
SOURCE_DATE_EPOCH=1767225600 "$bin" -q -b "$tmp/x.yaml" --paper a5 --booklet -o "$tmp/xk.pdf" content/honeyland.yaml
if tests/e2e/check_pdfx.py "$tmp/xk.pdf" "$profile" >"$tmp/out"; then ok; else bad "$(cat "$tmp/out")"; fi
"$bin" -q -b "$tmp/xb.yaml" -o "$tmp/xb.pdf" content/last-train-home.yaml
if tests/e2e/check_pdfx.py "$tmp/xb.pdf" "$profile" >"$tmp/out"; then ok; else bad "$(cat "$tmp/out")"; fi
check qpdf --check "$tmp/xb.pdf" >/dev/null
# RGB in sRGB, not DeviceRGB: a logo with alpha (decoded, its mask apart) and RGB brand
# colours, a CMYK one beside them (DeviceCMYK stays)
sed -e 's#\.\./images/#'"$repo"'/content/images/#' -e 's/accent: "#936d1f"/accent: "cmyk(0, 90, 80, 10)"/' \
  content/brands/cinemateca.yaml >"$tmp/xc.yaml"
printf 'print:\n  pdfx: true\n' >>"$tmp/xc.yaml"
"$bin" -q -b "$tmp/xc.yaml" -o "$tmp/xc.pdf" content/last-train-home.yaml
if tests/e2e/check_pdfx.py "$tmp/xc.pdf" "$profile" >"$tmp/out"; then ok; else bad "$(cat "$tmp/out")"; fi
qpdf --qdf --object-streams=disable "$tmp/xc.pdf" "$tmp/xc-qdf.pdf"
check grep -qa '^/sRGB cs ' "$tmp/xc-qdf.pdf"
check grep -qa '^0 0.9 0.8 0.1 k$' "$tmp/xc-qdf.pdf"
# the file is reproducible, and the XMP is the XML it says (readable, not deflated)
SOURCE_DATE_EPOCH=1767225600 "$bin" -q -b "$tmp/x.yaml" --paper a5 --booklet -o "$tmp/xk2.pdf" content/honeyland.yaml
check cmp -s "$tmp/xk.pdf" "$tmp/xk2.pdf"
check grep -qa "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" "$tmp/xk.pdf"
check grep -qa "<dc:creator><rdf:Seq><rdf:li>Club &amp; Co &lt;Films&gt;</rdf:li>" "$tmp/xk.pdf"
# and the check fails on a guide without pdfx
"$bin" -q -o "$tmp/plain.pdf" content/honeyland.yaml
tests/e2e/check_pdfx.py "$tmp/plain.pdf" "$profile" >"$tmp/out"
check test "$(grep -c 'TrimBox\|GTS_PDFX\|Trapped\|output intent' "$tmp/out")" -ge 4
check grep -q 'names /DeviceRGB' "$tmp/out"                           # its poster
check grep -q 'rg/RG operator in any content stream' "$tmp/out"
summary pdfx.sh
