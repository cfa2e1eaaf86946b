#!/usr/bin/env bash
# Tagged PDF (README "Accessibility: a tagged PDF"): on every sample, the
# structure checker over qpdf's JSON (check_tags.py) and the reading order
# from `pdfinfo -struct-text` (check_reading.py); both checkers shown to
# fail on untagged and misordered input. Usage: tags.sh GUIDEPRESS
. "$(dirname "$0")/harness.bash" "$1"
e2e=tests/e2e

json() { qpdf --json --json-stream-data=inline --decode-level=generalized "$1" "$2"; }

# sample: NAME BRAND CONTENT [OPTIONS...]
sample() {
  local name=$1 brand=$2 content=$3; shift 3
  if ! "$bin" -q -b "$brand" "$@" --dump-dlist "$tmp/$name.dl" -o "$tmp/$name.pdf" "$content"; then
    bad "$name: not written"; return
  fi
  json "$tmp/$name.pdf" "$tmp/$name.json"
  if $e2e/check_tags.py "$tmp/$name.json" >"$tmp/$name.tags"; then ok; else bad "$name: structure"; head -5 "$tmp/$name.tags"; fi
  pdfinfo -struct-text "$tmp/$name.pdf" >"$tmp/$name.st" 2>"$tmp/$name.st.err"
  check test ! -s "$tmp/$name.st.err"
  if [ "$name" = all-sections ]; then :  # (YAML that PyYAML cannot read: the structure checks suffice)
  elif [ "$name" = handout ]; then       # (the questions only: the title is its one H1)
    check test "$(grep -c '^ *H1' "$tmp/$name.st")" = 1
  elif $e2e/check_reading.py "$tmp/$name.st" "$content" "$tmp/$name.dl" >"$tmp/$name.order"; then ok
  else bad "$name: reading order"; head -5 "$tmp/$name.order"; fi
  check grep -q '^Tagged: *yes' <(pdfinfo "$tmp/$name.pdf")
}

for f in content/*.yaml; do sample "$(basename "$f" .yaml)" content/brands/influence.yaml "$f"; done
for b in riverside cinemateca; do sample "ltw-$b" "content/brands/$b.yaml" content/last-train-home.yaml; done
for f in content/season/films/*.yaml; do sample "season-$(basename "$f" .yaml)" content/brands/riverside.yaml "$f"; done
sample handout content/brands/influence.yaml content/last-train-home.yaml --edition handout

# a combined PDF (a season) is one document of every guide's elements
check "$bin" -q -b content/brands/riverside.yaml -o "$tmp/season.pdf" content/season/season.yaml
json "$tmp/season.pdf" "$tmp/season.json"
if $e2e/check_tags.py "$tmp/season.json" >"$tmp/season.tags"; then ok; else bad "season: structure"; head -5 "$tmp/season.tags"; fi
check test "$(pdfinfo -struct-text "$tmp/season.pdf" | grep -c '^ *H1')" = 3
sample ltw-a5 content/brands/influence.yaml content/last-train-home.yaml --paper a5
sample all-sections content/brands/influence.yaml tests/fixtures/all-sections.yaml --edition facilitator

# --- the checkers fail on untagged content ---
# a booklet is untagged: an imposed sheet has no reading order
check "$bin" -q -b content/brands/influence.yaml --booklet --paper a5 -o "$tmp/booklet.pdf" content/last-train-home.yaml
check grep -q '^Tagged: *no' <(pdfinfo "$tmp/booklet.pdf")
json "$tmp/booklet.pdf" "$tmp/booklet.json"
$e2e/check_tags.py "$tmp/booklet.json" >"$tmp/booklet.tags"
check test $? = 1
check grep -q "text outside tagged content or an artifact" "$tmp/booklet.tags"
check grep -q "catalog: no /StructTreeRoot" "$tmp/booklet.tags"
# the switch make bench measures tagging's cost with: every sample fails untagged
for f in content/*.yaml; do
  name=untagged-$(basename "$f" .yaml)
  GUIDEPRESS_UNTAGGED=1 "$bin" -q -b content/brands/influence.yaml -o "$tmp/$name.pdf" "$f"
  json "$tmp/$name.pdf" "$tmp/$name.json"
  if $e2e/check_tags.py "$tmp/$name.json" >"$tmp/$name.tags"; then bad "$name: passes the structure checker"; else ok; fi
  check grep -q "text outside tagged content or an artifact" "$tmp/$name.tags"
done
# one paragraph's marked content taken out of a tagged guide: its text is untagged
qpdf --qdf --object-streams=disable "$tmp/last-train-home.pdf" "$tmp/qdf.pdf"
python3 - "$tmp/qdf.pdf" "$tmp/broken.pdf" <<'PY'
import re, sys
d = open(sys.argv[1], "rb").read()
m = re.search(rb"/P <</MCID 3>> BDC", d)
d = d[:m.start()] + b" " * (m.end() - m.start()) + d[m.end():]
i = d.index(b"EMC", m.end())
d = d[:i] + b"   " + d[i + 3:]
open(sys.argv[2], "wb").write(d)
PY
json "$tmp/broken.pdf" "$tmp/broken.json"
$e2e/check_tags.py "$tmp/broken.json" >"$tmp/broken.tags"
check test $? = 1
check grep -q "text outside tagged content or an artifact" "$tmp/broken.tags"
check grep -q "MCID 3 is referenced but not drawn" "$tmp/broken.tags"
# PDF/UA-1: each Matterhorn condition check_tags.py checks, broken in one
# copy of a tagged guide, fails it with its checkpoint's number
# broken NAME PYTHON-REGEX REPLACEMENT MESSAGE: the first match replaced, in the QDF file
broken() {
  python3 - "$tmp/qdf.pdf" "$tmp/ua-$1.qdf" "$2" "$3" <<'PY'
import re, sys
d = open(sys.argv[1], "rb").read()
new, n = re.subn(sys.argv[3].encode(), sys.argv[4].encode(), d, count=1)
assert n == 1, "no match for " + sys.argv[3]
open(sys.argv[2], "wb").write(new)
PY
  fix-qdf "$tmp/ua-$1.qdf" >"$tmp/ua-$1.pdf"
  json "$tmp/ua-$1.pdf" "$tmp/ua-$1.json"
  $e2e/check_tags.py "$tmp/ua-$1.json" >"$tmp/ua-$1.tags"
  check test $? = 1
  if grep -qF "$4" "$tmp/ua-$1.tags"; then ok; else bad "ua-$1: no \"$4\" in: $(head -3 "$tmp/ua-$1.tags")"; fi
}
check grep 'pdfuaid:part>1<' <(python3 -c "
import base64, json; d = json.load(open('$tmp/last-train-home.json'))['qpdf'][1]
root = d['obj:' + d['trailer']['value']['/Root']]['value']
print(base64.b64decode(d['obj:' + root['/Metadata']]['stream']['data']).decode())") >/dev/null
broken uaid '<pdfuaid:part>1</pdfuaid:part>' '' '(06-002)'
broken title '<dc:title>.*?</dc:title>' '' '(06-003)'
broken suspects '/Marked true' '/Marked true /Suspects true' '(01-007)'
broken skip '/S /H2' '/S /H4' '(14-003)'
broken first '/S /H1' '/S /H2' '(14-002)'
broken lang '/Lang \(en-US\)' '/Lang (en_US)' '(11-001)'
broken type '/S /P\b' '/S /Para' '(02-001)'
broken remap '/Aside /Div' '/Aside /Div /P /Span' '(02-004)'
broken list '/S /L\b' '/S /Div' '(09-005)'
# letters numbered in order map as ranges (the ToUnicode maps are a third smaller)
check grep -q "beginbfrange" "$tmp/qdf.pdf"
broken unicode '<0*01> <[0-9A-F]+>' '' '(10-001)'
broken encoding '<00> <FF> 0' '<00> <FF> 1' 'a one-byte identity CMap'
broken embed '/FontFile2' '/FontFileX' '7.21.4.1)'
broken artifact '/P <</MCID 1>> BDC' '/P <</MCID 1>> BDC /Artifact BMC EMC' '(01-003)'
broken tagged '/Artifact BMC' '/Artifact BMC /P <</MCID 999>> BDC EMC' '(01-004)'

# reading order: a footer read, a sidebar read before its section
ltw=content/last-train-home.yaml
footer=$(awk '$1 == "text" && / footer face /' "$tmp/last-train-home.dl" | head -1 | sed -E 's/.* face [0-9]+ "(.*)" @.*/\1/')
check test -n "$footer"
awk -v f="$(grep -m1 ' footer face ' "$tmp/last-train-home.dl" | sed -E 's/.* face [0-9]+ "(.*)" @.*/\1/')" \
  '{print} /^Document/ {print "  P (block)"; print "    \"" f "Last Train Home · 2/10\""}' "$tmp/last-train-home.st" >"$tmp/footer.st"
$e2e/check_reading.py "$tmp/footer.st" "$ltw" "$tmp/last-train-home.dl" >"$tmp/footer.out"
check test $? = 1
check grep -q "footer text is read" "$tmp/footer.out"
python3 - "$tmp/last-train-home.st" "$tmp/early.st" <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
start = next(i for i, l in enumerate(lines) if l.strip() == "Div" or l.strip().startswith("Div"))
indent = len(lines[start]) - len(lines[start].lstrip())
end = next(i for i in range(start + 1, len(lines)) if len(lines[i]) - len(lines[i].lstrip()) <= indent)
aside = lines[start:end]
del lines[start:end]
sect = max(i for i in range(start) if lines[i].strip() == "Sect")
lines[sect + 1:sect + 1] = aside
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(lines))
PY
$e2e/check_reading.py "$tmp/early.st" "$ltw" "$tmp/last-train-home.dl" >"$tmp/early.out"
check test $? = 1
check grep -q "its quote is read at" "$tmp/early.out"

# words glued at a line end, a hyphen the break added: not read word for word
sed 's/million migrant/millionmigrant/' "$tmp/last-train-home.st" >"$tmp/glued.st"
check test "$(grep -c millionmigrant "$tmp/glued.st")" -gt 0
$e2e/check_reading.py "$tmp/glued.st" "$ltw" "$tmp/last-train-home.dl" >"$tmp/glued.out"
check grep -q "paragraph not read word for word" "$tmp/glued.out"
sed 's/extraordinary/extra-ordinary/' "$tmp/last-train-home.st" >"$tmp/hyphen.st"
check test "$(grep -c extra-ordinary "$tmp/hyphen.st")" -gt 0
$e2e/check_reading.py "$tmp/hyphen.st" "$ltw" "$tmp/last-train-home.dl" >"$tmp/hyphen.out"
check grep -q "paragraph not read word for word" "$tmp/hyphen.out"
# the break's hyphen is a soft hyphen in the text, the word's own a hyphen
check grep -q $'\u00ad" @' "$tmp/last-train-home.dl"

# --- what the tree says ---
# the poster and logo: alternative text from the content and brand, else made
check grep -q 'Figure in 1 alt "Poster of Last Train Home"' "$tmp/last-train-home.dl"
check grep -q 'Figure in 1 alt "Influence Film Club logo"' "$tmp/last-train-home.dl"
sed 's/^  poster: \(.*\)$/  poster: \1\n  poster_alt: Two figures on a crowded platform/' "$ltw" >"$tmp/alt.yaml"
cp -r content/images "$tmp/images"
printf 'name: Club\nlogo: %s\nlogo_alt: A lantern\n' "$repo/content/images/linterna-logo.png" >"$tmp/alt-brand.yaml"
check "$bin" -q -b "$tmp/alt-brand.yaml" --dump-dlist "$tmp/alt.dl" -o "$tmp/alt.pdf" "$tmp/alt.yaml"
check grep -q 'alt "Two figures on a crowded platform"' "$tmp/alt.dl"
# made alternative texts are in the guide's language: French, Persian, Hindi;
# English for one not listed (Swedish), German for one listed beyond the samples'
check grep -q 'Figure in 1 alt "Affiche de Honeyland"' "$tmp/season-honeyland.dl"
check grep -q 'Figure in 1 alt "Logo de Riverside Library Film Society"' "$tmp/season-honeyland.dl"
check grep -q 'Figure in 1 alt "نشان Influence Film Club"' "$tmp/a-separation.dl"
check grep -q 'Figure in 1 alt "Influence Film Club का लोगो"' "$tmp/the-lunchbox.dl"
for l in sv:Poster.of de:Plakat.zu; do
  sed "s/^language: .*/language: ${l%%:*}/" "$ltw" >"$tmp/lang.yaml"
  check "$bin" -q -b content/brands/influence.yaml --dump-dlist "$tmp/lang.dl" -o "$tmp/lang.pdf" "$tmp/lang.yaml" 2>"$tmp/lang.err"
  check grep -q "alt \"${l#*:} Last Train Home\"" "$tmp/lang.dl"
done
check grep -q 'alt "A lantern"' "$tmp/alt.dl"
json "$tmp/alt.pdf" "$tmp/alt.json"
check grep -q '"/Alt": "u:Two figures on a crowded platform"' "$tmp/alt.json"
# languages: the catalog's; the Chinese and Japanese of an English guide, the
# English (the brand's language) in a Persian guide, each a Span with its /Lang
check grep -q '"/Lang": "u:en-US"' "$tmp/last-train-home.json"
check grep -q '"/Lang": "u:ja"' "$tmp/jiro-dreams-of-sushi.json"
check grep -q '"/Lang": "u:zh"' "$tmp/jiro-dreams-of-sushi.json"
# (the kanji and the kana after them one Japanese run)
check grep -q ' title lang ja node [0-9]* face [0-9]* "二郎は' "$tmp/jiro-dreams-of-sushi.dl"
check grep -q '"/Lang": "u:fa"' "$tmp/a-separation.json"
check grep -q '"/Lang": "u:en-US"' "$tmp/a-separation.json"
# content gives a span its language (Pandoc's bracketed span): a Span with
# that /Lang in the tree; a tag that is not BCP 47 is a warning at its line
# and column saying what to write, and the words stay in the guide's language
sed 's/in cinéma vérité style/in [cinéma vérité]{lang=fr} style/; s/most important holiday/most important [Feiertag]{lang=de_AT}/' \
  "$ltw" >"$tmp/lang.yaml"
check "$bin" -q -b content/brands/influence.yaml --dump-dlist "$tmp/lang.dl" -o "$tmp/lang.pdf" "$tmp/lang.yaml" 2>"$tmp/lang.err"
check grep -q ' lang fr node [0-9]* face [0-9]* "cinéma vérité" @' "$tmp/lang.dl"
json "$tmp/lang.pdf" "$tmp/lang.json"
check python3 - "$tmp/lang.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))["qpdf"][1]
spans = [o["value"] for o in d.values() if isinstance(o.get("value"), dict) and o["value"].get("/S") == "/Span"]
assert any(s.get("/Lang") == "u:fr" for s in spans), "no Span with /Lang fr"
assert not any(s.get("/Lang", "").startswith("u:de") for s in spans), "a Span in a refused language"
PY
check grep -q "lang.yaml:27:285: warning: \`de_AT\` is not a BCP 47 language tag: write \`{lang=de-AT}\`" "$tmp/lang.err"
if $e2e/check_tags.py "$tmp/lang.json" >"$tmp/lang.tags"; then ok; else bad "lang: structure"; head -5 "$tmp/lang.tags"; fi
# the questions are a list of labelled items; a quote's Aside comes after its section's text
check grep -q 'Lbl (block)' "$tmp/last-train-home.st"
check grep -qx '          "1."' "$tmp/last-train-home.st"
check grep -q '^node [0-9]* LBody in' "$tmp/last-train-home.dl"
# the XMP names the title
check grep -q 'dc:title' <(qpdf --show-object="$(python3 -c "
import json; d = json.load(open('$tmp/last-train-home.json'))['qpdf'][1]
root = d['obj:' + d['trailer']['value']['/Root']]['value']; print(root['/Metadata'].split()[0])")" --filtered-stream-data "$tmp/last-train-home.pdf")
# reproducible: the same guide twice gives the same bytes
SOURCE_DATE_EPOCH=1767225600 "$bin" -q -b content/brands/influence.yaml -o "$tmp/r1.pdf" "$ltw"
SOURCE_DATE_EPOCH=1767225600 "$bin" -q -j 2 -b content/brands/influence.yaml -o "$tmp/r2.pdf" "$ltw"
check cmp -s "$tmp/r1.pdf" "$tmp/r2.pdf"
summary tags
