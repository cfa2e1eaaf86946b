#!/usr/bin/env bash
# End-to-end tests of the command line: every sample in every brand renders
# to a valid PDF whose fonts are embedded and subset, whose text comes back
# with pdftotext, with labels in its language; every bad-input fixture
# fails with its exact message, exit status 1 and no output file; output is
# atomic. Usage: run.sh GUIDEPRESS
. "$(dirname "$0")/harness.bash" "$1"
set -o pipefail   # a failing command inside a checked pipeline fails the check
# A step the checks after it rely on: it must succeed, silently, and leave FILE.
step() { # FILE COMMAND...
  local file=$1; shift
  "$@" 2>"$tmp/step.err"
  local status=$?
  if [ $status = 0 ] && [ ! -s "$tmp/step.err" ] && [ -s "$file" ]; then ok
  else bad "$* (status $status, $file $([ -s "$file" ] && echo present || echo missing)): $(head -3 "$tmp/step.err")"; fi
}

# --- every sample, every brand ---
for brand in content/brands/*.yaml; do
  for content in content/*.yaml; do
    name=$(basename "$content" .yaml)-$(basename "$brand" .yaml)
    pdf=$tmp/$name.pdf
    if ! "$bin" -q -b "$brand" -o "$pdf" "$content" 2>"$tmp/$name.err"; then
      bad "$name: render failed: $(cat "$tmp/$name.err")"; continue
    fi
    ok
    check test ! -s "$tmp/$name.err"
    if qpdf --check "$pdf" >"$tmp/qpdf.out" 2>&1; then ok; else bad "$name: qpdf --check: $(tail -3 "$tmp/qpdf.out")"; fi
    # every font embedded, subset, with a ToUnicode map
    if pdffonts "$pdf" | tail -n +3 | awk '$(NF-4) != "yes" || $(NF-3) != "yes" || $(NF-2) != "yes" {bad=1} END {exit bad || NR == 0}'; then
      ok; else bad "$name: a font is not embedded+subset+unicode: $(pdffonts "$pdf")"; fi
    if pdftotext "$pdf" "$tmp/$name.txt" 2>"$tmp/pdftotext.err" && [ ! -s "$tmp/pdftotext.err" ]; then ok
    else bad "$name: pdftotext complained: $(head -3 "$tmp/pdftotext.err")"; fi
    if tests/e2e/check_text.py "$content" "$brand" "$tmp/$name.txt"; then ok; else bad "$name: text missing"; fi
    if tests/e2e/check_labels.py "$content" "$brand" "$tmp/$name.txt"; then ok; else bad "$name: the brand's labels in another language"; fi
  done
done

# --- the default brand, and CJK and accents coming back exactly ---
step "$tmp/default.pdf" "$bin" -q -o "$tmp/default.pdf" content/jiro-dreams-of-sushi.yaml
step "$tmp/default.txt" pdftotext "$tmp/default.pdf" "$tmp/default.txt"
for s in "二郎は鮨の夢を見る" "「すきやばし次郎」" "Montréal" "“" "’"; do
  if grep -qF "$s" "$tmp/default.txt"; then ok; else bad "default brand: '$s' not in the text"; fi
done
check grep -q "Pages: *[0-9]" <(pdfinfo "$tmp/default.pdf")

# --- the Last Train Home sample: size, links, outline ---
step "$tmp/ltw.pdf" "$bin" -q -b content/brands/influence.yaml -o "$tmp/ltw.pdf" content/last-train-home.yaml
size=$(stat -c %s "$tmp/ltw.pdf")
if [ "$size" -lt 153600 ]; then ok; else bad "last-train-home.pdf is $size bytes, over 150 KB"; fi
if qpdf --qdf --object-streams=disable "$tmp/ltw.pdf" "$tmp/ltw.qdf" 2>"$tmp/qpdf.err"; then
  if grep -q "worldjusticeproject.org/opportunity-fund/china-migrant-justice-project-0" "$tmp/ltw.qdf"; then ok; else bad "WJP link annotation missing"; fi
  flat=$(tr -d '\000' <"$tmp/ltw.qdf" | tr -s ' \n' ' ')
  links=$(grep -o "/Subtype /Link" <<<"$flat" | wc -l)
  borderless=$(grep -o "/Border \[ 0 0 0 \]" <<<"$flat" | wc -l)
  if [ "$links" -ge 2 ] && [ "$links" = "$borderless" ]; then ok; else bad "$links links, $borderless without a border"; fi
  if [ "$(grep -c "/Type /Outlines" "$tmp/ltw.qdf")" -ge 1 ]; then ok; else bad "no outline"; fi
else
  bad "qpdf --qdf failed, so the link, border and outline checks could not run: $(head -3 "$tmp/qpdf.err")"
fi
pdfinfo "$tmp/ltw.pdf" >"$tmp/info"
for k in "Title: *Last Train Home" "Author: *Influence Film Club" "Creator: *guidepress" "Subject: .*Last Train Home"; do
  if grep -q "$k" "$tmp/info"; then ok; else bad "document info lacks $k"; fi
done
check "$bin" -q -b content/brands/influence.yaml --paper a4 -o "$tmp/a4.pdf" content/last-train-home.yaml
if pdfinfo "$tmp/a4.pdf" | grep -q "595.* x 841.* pts"; then ok; else bad "--paper a4 not A4"; fi

# --- bad input: exact messages, exit 1, no output ---
for f in tests/errors/*.yaml; do
  case $f in *.brand.yaml) continue ;; esac
  expect=${f%.yaml}.err
  out=$tmp/err-out.pdf
  rm -f "$out"
  if [ -f "${f%.yaml}.brand.yaml" ]; then
    "$bin" -q -b "${f%.yaml}.brand.yaml" -o "$out" "$f" 2>"$tmp/stderr"
  elif [[ $(basename "$f") == brand-* ]]; then
    "$bin" -q -b "$f" -o "$out" content/honeyland.yaml 2>"$tmp/stderr"
  else
    "$bin" -q -o "$out" "$f" 2>"$tmp/stderr"
  fi
  status=$?
  if [ "$status" = 1 ]; then ok; else bad "$f: exit status $status, expected 1"; fi
  if [ ! -e "$out" ] && [ -z "$(ls "$tmp" | grep 'err-out.pdf.tmp')" ]; then ok; else bad "$f: an output file was written"; fi
  if diff -u "$expect" "$tmp/stderr" >"$tmp/diff"; then ok; else bad "$f: stderr differs:"; cat "$tmp/diff"; fi
done

# --- facing columns keep one rhythm: the pull quote on the body's baseline grid ---
for brand in content/brands/*.yaml; do
  for content in content/last-train-home.yaml content/jiro-dreams-of-sushi.yaml; do
    rm -f "$tmp/grid.dl"
    step "$tmp/grid.dl" "$bin" -q -b "$brand" --dump-dlist "$tmp/grid.dl" -o "$tmp/grid.pdf" "$content"
    if tests/e2e/check_grid.py "$tmp/grid.dl" "$content"; then ok; else bad "$content in $brand: quote off the grid"; fi
  done
done

# --- a font collection as a role: {file: x.ttc, index: 0} ---
printf 'fonts:\n  body: {file: /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc, index: 0}\n' >"$tmp/ttc.yaml"
check "$bin" -q -b "$tmp/ttc.yaml" -o "$tmp/ttc.pdf" content/honeyland.yaml
check grep -q "WenQuanYiZenHei" <(pdffonts "$tmp/ttc.pdf")

# --- smart punctuation: on by a content key, off by default ---
step "$tmp/smart.pdf" "$bin" -q -o "$tmp/smart.pdf" tests/fixtures/smart-punctuation.yaml
check grep -qF "She said “it’s fine” – or so – and left — quickly. (‘Tis the ’90s.)" <(pdftotext "$tmp/smart.pdf" -)
sed '/smart_punctuation/d' tests/fixtures/smart-punctuation.yaml >"$tmp/plain.yaml"
step "$tmp/plain.pdf" "$bin" -q -o "$tmp/plain.pdf" "$tmp/plain.yaml"
check grep -qF "She said \"it's fine\" -- or so -- and left --- quickly." <(pdftotext "$tmp/plain.pdf" -)

# --- only http, https and mailto targets become links; the others are printed, with a warning ---
cat >"$tmp/links.yaml" <<'YAML'
film:
  title: Last Train Home
  director: Lixin Fan
sections:
  - type: actions
    body: See [the film](https://en.wikipedia.org/wiki/Last_Train_Home_(film)) or [click](javascript:alert(1)).
    actions:
      - {text: Read the notes., url: "file:///home/me/notes.html"}
      - {text: Donate., url: "https://example.org/donate"}
  - type: reviews
    reviews: [{quote: Moving., source: A paper, url: "data:text/html,<script>alert(1)</script>"}]
YAML
printf 'name: Club\nurl: "javascript:alert(1)"\n' >"$tmp/links-brand.yaml"
"$bin" -q -b "$tmp/links-brand.yaml" --dump-dlist "$tmp/links.dl" -o "$tmp/links.pdf" "$tmp/links.yaml" 2>"$tmp/links.err"
check test $? = 0
check test "$(grep -c ': warning: .* is not an http, https or mailto address' "$tmp/links.err")" = 4
# (distinct targets: an inline link's address is printed too, with its QR code, and links again)
check test "$(grep '^link ' "$tmp/links.dl" | grep -o '"[^"]*"' | sort -u | tr '\n' ' ')" = \
  '"https://en.wikipedia.org/wiki/Last_Train_Home_(film)" "https://example.org/donate" '
check test "$(qpdf --qdf --object-streams=disable "$tmp/links.pdf" - | tr -d '\000' | grep -a -o '/URI ([^)]*' | sort -u | grep -c '/URI (https://')" = 2
check test "$(qpdf --qdf --object-streams=disable "$tmp/links.pdf" - | tr -d '\000' | grep -a -o '/URI ([^)]*' | sort -u | grep -c '/URI (')" = 2
check grep -qF "file:///home/me/notes.html" <(pdftotext "$tmp/links.pdf" -)

# --- limits: clear errors, never a hang ---
head -c $((17 * 1024 * 1024)) /dev/zero | tr '\0' 'a' >"$tmp/huge.yaml"
"$bin" -q -o "$tmp/huge.pdf" "$tmp/huge.yaml" 2>"$tmp/stderr"; check test $? = 1
check grep -q "huge.yaml: error: .* is larger than the limit of 16 MiB" "$tmp/stderr"
/usr/bin/python3 - "$tmp/pages.yaml" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("film:\n  title: Long\n  director: D\nsections:\n  - type: questions\n    notes: false\n    questions:\n")
    for i in range(60000):
        f.write("      - Is question %d one too many for a film club handout?\n" % i)
PY
timeout 60 "$bin" -q -o "$tmp/pages.pdf" "$tmp/pages.yaml" 2>"$tmp/stderr"; check test $? = 1
check grep -qE "pages.yaml:[0-9]+:[0-9]+: error: the guide runs past the limit of 2000 pages here" "$tmp/stderr"
if grep -q "pages.yaml:1:1:" "$tmp/stderr"; then bad "page limit reported at 1:1"; else ok; fi
check test ! -e "$tmp/pages.pdf"
mkfifo "$tmp/fifo.png"
for poster in "$tmp/fifo.png" /dev/zero /dev/null; do
  printf 'film:\n  title: T\n  director: D\n  poster: %s\nsections:\n  - type: text\n    body: x\n' "$poster" >"$tmp/hostile.yaml"
  timeout 10 "$bin" -q -o "$tmp/hostile.pdf" "$tmp/hostile.yaml" 2>"$tmp/stderr"; check test $? = 1
  check grep -q "poster .*: not a regular file" "$tmp/stderr"
done
printf 'fonts:\n  body: %s\n' "$tmp/fifo.png" >"$tmp/fifo-brand.yaml"
timeout 10 "$bin" -q -b "$tmp/fifo-brand.yaml" -o "$tmp/hostile.pdf" content/honeyland.yaml 2>"$tmp/stderr"; check test $? = 1
check grep -q "is not a regular file" "$tmp/stderr"
start=$(date +%s%N)
"$bin" -q -o "$tmp/bomb.pdf" tests/errors/alias-bomb.yaml 2>"$tmp/stderr"; status=$?
elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
check test $status = 1
check grep -q "alias-bomb.yaml:[0-9]*:[0-9]*: error:" "$tmp/stderr"
if [ $elapsed -lt 5000 ]; then ok; else bad "alias bomb took $elapsed ms"; fi   # a watchdog, not a benchmark
# 2.8 KB of aliases repeating one question section 200 times (79,000
# questions): refused as the file is read, by the alias limit, not after
# laying out 2,000 pages
"$bin" -q -o "$tmp/bomb.pdf" tests/fuzz/regressions/load/alias-amplified-rich 2>"$tmp/stderr"; check test $? = 1
check grep -q "alias-amplified-rich:2:11: error: the document is too large once its aliases are expanded" "$tmp/stderr"
if grep -q "2000 pages" "$tmp/stderr"; then bad "the alias bomb was laid out up to the page limit"; else ok; fi

# --- atomic output: a failed run never clobbers a good PDF ---
echo "GOOD" >"$tmp/keep.pdf"
"$bin" -q -o "$tmp/keep.pdf" tests/errors/unknown-key.yaml 2>"$tmp/stderr"; check test $? = 1
check grep -q "unknown-key.yaml:3:3: error:" "$tmp/stderr"
check grep -qx GOOD "$tmp/keep.pdf"
check test -z "$(ls "$tmp" | grep '\.tmp-')"

# --- every brand key visibly changes the guide (display lists differ) ---
base=$tmp/brand-base.yaml
cat >"$base" <<'YAML'
name: Base Club
tagline: Base tagline.
url: https://base.example.org
logo: LOGO
colors: {primary: "#aa0000", accent: "#007700", text: "#111111", panel: "#eeeeee"}
fonts: {heading: Lato, body: Noto Serif, quote: Noto Serif, fallback: [WenQuanYi Zen Hei]}
page: {size: letter, margin: 0.75in}
language: en-US
labels: {questions: Questions, notes: "Notes:", themes: Themes, also_by: "Also by:", directed_by: "Directed by"}
back_page: {heading: Base heading, body: Base body.}
footer: "{name} {page}"
YAML
logo=$(realpath content/images/influence-logo.png)
sed -i "s|LOGO|$logo|" "$base"
step "$tmp/base.dl" "$bin" -q -b "$base" -o "$tmp/base.pdf" --dump-dlist "$tmp/base.dl" content/jiro-dreams-of-sushi.yaml
variant() { # a sed expression that changes one key: the variant renders cleanly, and differs
  sed "$1" "$base" >"$tmp/variant.yaml"
  if cmp -s "$base" "$tmp/variant.yaml"; then bad "variant '$1' changed nothing in the brand"; return; fi
  rm -f "$tmp/variant.dl"
  # warnings allowed (a fallback without CJK glyphs says so), errors not
  "$bin" -q -b "$tmp/variant.yaml" -o "$tmp/variant.pdf" --dump-dlist "$tmp/variant.dl" content/jiro-dreams-of-sushi.yaml 2>"$tmp/variant.err"
  local status=$?
  if [ $status = 0 ] && [ -s "$tmp/variant.dl" ] && ! grep -q ': error: ' "$tmp/variant.err"; then ok
  else bad "variant '$1': status $status: $(head -3 "$tmp/variant.err")"; fi
  if [ -s "$tmp/base.dl" ] && [ -s "$tmp/variant.dl" ] && ! cmp -s "$tmp/base.dl" "$tmp/variant.dl"; then ok
  else bad "brand change '$1' did not change the guide"; fi
}
variant 's/^name: Base Club/name: Other Club/'
variant 's/^tagline: .*/tagline: Other./'
variant 's|^url: .*|url: https://other.example.org|'
variant "s|^logo: .*|logo: $(realpath content/images/riverside-logo.png)|"
variant 's/primary: "#aa0000"/primary: "#0000aa"/'
variant 's/accent: "#007700"/accent: "#0000aa"/'
variant 's/text: "#111111"/text: "#222222"/'
variant 's/panel: "#eeeeee"/panel: "#dddddd"/'
variant 's/heading: Lato,/heading: Open Sans,/'
variant 's/body: Noto Serif,/body: Open Sans,/'
variant 's/quote: Noto Serif,/quote: Lato,/'
variant 's/fallback: \[WenQuanYi Zen Hei\]/fallback: [DejaVu Sans]/'
variant 's/size: letter/size: a4/'
variant 's/margin: 0.75in/margin: 1in/'
variant 's/^language: en-US/language: xx/'
variant 's/questions: Questions/questions: Preguntas/'
variant 's/notes: "Notes:"/notes: "Apuntes:"/'
variant 's/themes: Themes/themes: Temas/'
variant 's/also_by: "Also by:"/also_by: "También:"/'
variant 's/directed_by: "Directed by"/directed_by: "Dirigida por"/'
variant 's/heading: Base heading/heading: Other heading/'
variant 's/body: Base body./body: Other body./'
variant 's/^footer: .*/footer: "{title} {page}\/{pages}"/'
# translated labels reach the page
step "$tmp/es.pdf" "$bin" -q -b content/brands/cinemateca.yaml -o "$tmp/es.pdf" tests/fixtures/all-sections.yaml
step "$tmp/es.txt" pdftotext "$tmp/es.pdf" "$tmp/es.txt"
/usr/bin/python3 - "$tmp/es.txt" <<'PY' && ok || bad "Spanish labels missing"
import sys, yaml
text = open(sys.argv[1], encoding="utf-8").read()
labels = yaml.safe_load(open("content/brands/cinemateca.yaml", encoding="utf-8"))["labels"]
missing = [v for k, v in labels.items() if k not in ("continued",) and v not in text]
if missing:
    print("missing labels:", missing)
    sys.exit(1)
PY

# --- a season in one command: a bad file in the middle is skipped ---
season=$tmp/season
mkdir -p "$season"
cp content/*.yaml "$season/"
cp -r content/images "$season/"
cp tests/errors/unknown-key.yaml "$season/middle-bad.yaml"
good=$(ls content/*.yaml | wc -l)
"$bin" -j 1 -o "$tmp/out1/" "$season" 2>"$tmp/batch.err"; check test $? = 1
"$bin" -j 4 -o "$tmp/out4/" "$season" 2>"$tmp/batch4.err"; check test $? = 1
check test "$(grep ': error: ' "$tmp/batch4.err" | grep -vc 'middle-bad.yaml:')" = 0
check grep -qE "^$good written, 1 failed, [0-9.]+ s$" "$tmp/batch4.err"
for f in "$season"/*.yaml; do
  b=$(basename "$f" .yaml)
  if [ "$b" = middle-bad ]; then
    check test ! -e "$tmp/out1/$b.pdf"
  else
    check cmp -s "$tmp/out1/$b.pdf" "$tmp/out4/$b.pdf"   # -j 1 and -j 4 agree byte for byte
  fi
done
check grep -q "middle-bad.yaml:3:3: error: unknown key .directer." "$tmp/batch.err"
check grep -qE "^\[[0-9]+/$((good + 1))\] honeyland.yaml$" "$tmp/batch.err"   # plain progress lines off a terminal
check grep -qE "^$good written, 1 failed, [0-9.]+ s$" "$tmp/batch.err"
"$bin" -q -o "$tmp/outq/" "$season" 2>"$tmp/quiet.err"
check grep -q "error:" "$tmp/quiet.err"
check test -z "$(grep -v 'error:' "$tmp/quiet.err")"                # -q: errors only
# reproducible: two runs, same bytes; SOURCE_DATE_EPOCH sets the dates
step "$tmp/r1.pdf" "$bin" -q -o "$tmp/r1.pdf" content/honeyland.yaml
step "$tmp/r2.pdf" "$bin" -q -o "$tmp/r2.pdf" content/honeyland.yaml
check cmp -s "$tmp/r1.pdf" "$tmp/r2.pdf"
step "$tmp/r3.pdf" env SOURCE_DATE_EPOCH=1767225600 "$bin" -q -o "$tmp/r3.pdf" content/honeyland.yaml
check grep -q "CreationDate: *Thu Jan  1 00:00:00 2026" <(TZ=UTC pdfinfo "$tmp/r3.pdf")
# a lone guide (written with helper threads) and the same guide in a batch: same bytes
step "$tmp/alone.pdf" env SOURCE_DATE_EPOCH=1 "$bin" -q -o "$tmp/alone.pdf" content/jiro-dreams-of-sushi.yaml
step "$tmp/together/jiro-dreams-of-sushi.pdf" env SOURCE_DATE_EPOCH=1 "$bin" -q -j 2 -o "$tmp/together/" content/
check cmp -s "$tmp/alone.pdf" "$tmp/together/jiro-dreams-of-sushi.pdf"
# --check reads everything, writes nothing, reports every file's errors
"$bin" --check -o "$tmp/checked/" "$season" 2>"$tmp/check.err"; check test $? = 1
check test ! -e "$tmp/checked"
check grep -q "middle-bad.yaml:2:3: error" "$tmp/check.err"

# --- a brand's installed fallback family is looked up when a guide first needs it ---
printf 'fonts: {fallback: [No Such Family]}\n' >"$tmp/lazy-brand.yaml"
step "$tmp/lazy1.pdf" "$bin" -q --brand "$tmp/lazy-brand.yaml" -o "$tmp/lazy1.pdf" content/honeyland.yaml
"$bin" -q --brand "$tmp/lazy-brand.yaml" -o "$tmp/lazy2.pdf" content/jiro-dreams-of-sushi.yaml 2>"$tmp/lazy.err"
check test $? = 1
check grep -q "lazy-brand.yaml:1:20: error: font family \`No Such Family\` is neither bundled" "$tmp/lazy.err"
check test ! -e "$tmp/lazy2.pdf"
"$bin" --check --brand "$tmp/lazy-brand.yaml" content/honeyland.yaml 2>"$tmp/lazy-check.err"; check test $? = 1
check grep -q "lazy-brand.yaml:1:20: error: font family" "$tmp/lazy-check.err"

# --- a batch killed part-way: finished guides intact, no temporary files ---
many=$tmp/many
mkdir -p "$many" "$tmp/tmpdir"
cp -r content/images "$many/"
for i in $(seq 1 400); do sed "s/^  title: .*/  title: Guide $i/" content/last-train-home.yaml >"$many/g$i.yaml"; done
for sig in INT TERM; do
  rm -rf "$tmp/killed"
  TMPDIR=$tmp/tmpdir "$bin" -q -j 2 -o "$tmp/killed/" "$many" &
  pid=$!
  # killed once the first guides are written, long before the last
  written=0
  for _ in $(seq 1 500); do
    written=$(ls "$tmp/killed" 2>/dev/null | grep -c '\.pdf$')
    [ "$written" -ge 2 ] && break
    sleep 0.01
  done
  if [ "$written" -ge 2 ]; then ok; else bad "kill -$sig: no guide written before the kill, nothing to check"; fi
  kill -$sig $pid
  wait $pid
  status=$?
  if [ $status -gt 128 ]; then ok; else bad "kill -$sig: exit status $status"; fi
  check test -z "$(ls -A "$tmp/tmpdir")"
  check test -z "$(ls -A "$tmp/killed" 2>/dev/null | grep -v '\.pdf$')"
  for f in "$tmp"/killed/*.pdf; do
    [ -e "$f" ] || continue
    if qpdf --check "$f" >/dev/null 2>&1; then ok; else bad "kill -$sig left a broken $f"; fi
  done
done

# --- command line ---
"$bin" >/dev/null 2>&1; check test $? = 2
"$bin" --bogus x >/dev/null 2>&1; check test $? = 2
"$bin" -j 0 content/honeyland.yaml >/dev/null 2>&1; check test $? = 2
"$bin" --paper legal content/honeyland.yaml >/dev/null 2>&1; check test $? = 2
"$bin" --help >"$tmp/help"; check test $? = 0
check grep -q "^usage: " "$tmp/help"
check grep -q "^guidepress [0-9]" <("$bin" --version)
"$bin" --check content/ >/dev/null 2>&1; check test $? = 0
check test ! -e honeyland.pdf

# --- make install / uninstall into a staging folder; the installed binary finds its fonts ---
stage=$tmp/stage
if make -s install PREFIX=/usr DESTDIR="$stage" >/dev/null 2>&1; then ok; else bad "make install failed"; fi
check test -x "$stage/usr/bin/guidepress"
check test -f "$stage/usr/share/man/man1/guidepress.1"
check test -f "$stage/usr/share/guidepress/fonts/NotoSerif-Regular.ttf"
(cd "$tmp" && "$stage/usr/bin/guidepress" -q -o installed.pdf "$OLDPWD/content/honeyland.yaml"); check test $? = 0
check test -s "$tmp/installed.pdf"
if make -s uninstall PREFIX=/usr DESTDIR="$stage" >/dev/null 2>&1; then ok; else bad "make uninstall failed"; fi
check test ! -e "$stage/usr/bin/guidepress"
check test ! -e "$stage/usr/share/guidepress"

summary "e2e"
