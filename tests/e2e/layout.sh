#!/usr/bin/env bash
# Layout under hostile content: headings, labels, footers and titles of any
# length finish quickly, repeat in at most two lines on continuation pages,
# never set type below the readable minimum, and drop nothing; the page
# limit is reported where the content passes it. Usage: layout.sh GUIDEPRESS
. "$(dirname "$0")/harness.bash" "$1"

python3 - "$tmp" <<'PY'
import sys
t = sys.argv[1]
def body(n): return "".join(f"      Paragraph {i} " + "word " * 80 + "\n\n" for i in range(n))
def content(name, title="T", heading=None, n=40):
    h = f'    heading: "{heading}"\n' if heading else ""
    open(f"{t}/{name}.yaml", "w").write(
        f"film:\n  title: {title}\n  director: D\nsections:\n  - type: text\n{h}    body: |\n" + body(n))
content("long-heading", heading="Heading " * 750)
content("plain")
content("long-title", title="Title " * 500, n=2)
open(f"{t}/long-label.brand.yaml", "w").write('labels:\n  continued: "' + "cont " * 760 + '"\n')
open(f"{t}/long-footer.brand.yaml", "w").write('name: Club\nfooter: "{title} ' + "foot " * 400 + '"\n')
open(f"{t}/long-back.brand.yaml", "w").write('name: Club\nback_page:\n  heading: "' + "Back " * 2000 + '"\n')
# 2,100 pages of questions: past the limit
open(f"{t}/too-long.yaml", "w").write("film:\n  title: T\n  director: D\nsections:\n  - type: text\n    body: hi\n"
    "  - type: questions\n    notes: false\n    questions:\n" + "".join(f"      - Question {i} " + "word " * 300 + "\n" for i in range(9000)))
PY

# render NAME [BRAND]: under a watchdog; the dump in $tmp/NAME.dl, the text in $tmp/NAME.txt
render() {
  local name=$1 brand=${2:-}
  if timeout 20 "$bin" -q ${brand:+-b "$tmp/$brand.brand.yaml"} --dump-dlist "$tmp/$name.dl" -o "$tmp/$name.pdf" \
       "$tmp/${3:-$name}.yaml" 2>"$tmp/$name.err" && [ ! -s "$tmp/$name.err" ]; then ok
  else bad "$name: did not render in 20 s: $(head -c 300 "$tmp/$name.err")"; return 1; fi
  pdftotext "$tmp/$name.pdf" "$tmp/$name.txt" || bad "$name: pdftotext failed"
}
all_paragraphs() { # every paragraph of the body comes out
  local got; got=$(grep -c '^Paragraph [0-9]* word' "$tmp/$1.txt")
  if [ "$got" = 40 ]; then ok; else bad "$1: $got of 40 paragraphs printed"; fi
}
# The smallest type size in a dump (text items: x y width size ...)
smallest() { awk '$1 == "text" {if (min == "" || $5 < min) min = $5} END {print min}' "$tmp/$1.dl"; }

# a 6,000-character heading: once in full, then shortened to two lines on continuation pages
if render long-heading; then
  all_paragraphs long-heading
  full=$(grep -c 'Heading Heading' "$tmp/long-heading.txt")
  cont=$(grep -c '… (continued)$' "$tmp/long-heading.txt")
  if [ "$cont" -ge 2 ]; then ok; else bad "long-heading: $cont shortened repeats"; fi
  # each repeat is at most two lines: the full heading (~125 lines) once plus two a repeat
  if [ "$full" -le $((130 + 2 * cont)) ]; then ok; else bad "long-heading: $full heading lines for $cont repeats"; fi
fi
# a 3,800-character `continued` label: the repeat still takes at most two lines
if render long-label long-label plain; then
  all_paragraphs long-label
  # from each repeat's first line to the line that closes it with "…)": two lines at most
  if awk '/Film Summary [(]cont/ {open = 1; lines = 0; n++} open {lines++; if (/…[)]$/) {open = 0; if (lines > 2) bad = 1}}
          END {exit bad || open || n < 2}' "$tmp/long-label.txt"
  then ok; else bad "long-label: a repeated heading runs past two lines"; fi
fi
# a footer too long for one line wraps to two and is shortened, never shrunk below 6 pt
if render long-footer long-footer plain; then
  all_paragraphs long-footer
  if awk -v m="$(smallest long-footer)" 'BEGIN {exit !(m >= 6)}'; then ok; else bad "long-footer: type at $(smallest long-footer) pt"; fi
  if grep -q 'foot foot…$' "$tmp/long-footer.txt"; then ok; else bad "long-footer: not shortened with an ellipsis"; fi
fi
# a 3,000-character title wraps on the cover, all of it printed, never below 6 pt
if render long-title; then
  words=$(head -c 100000 "$tmp/long-title.txt" | grep -o Title | wc -l)
  if [ "$words" -ge 500 ]; then ok; else bad "long-title: $words of 500 title words on the cover"; fi
  if awk -v m="$(smallest long-title)" 'BEGIN {exit !(m >= 6)}'; then ok; else bad "long-title: type at $(smallest long-title) pt"; fi
fi
# a 10,000-character back page heading flows on; nothing lost
if render long-back long-back plain; then
  words=$(grep -o Back "$tmp/long-back.txt" | wc -l)
  if [ "$words" = 2000 ]; then ok; else bad "long-back: $words of 2000 words of the back page heading"; fi
fi
# past the page limit: an error where it happens (the questions section's entry), quickly.
# Not under ThreadSanitizer: 2,000 pages laid out on one thread take it past any
# watchdog on a loaded machine, and the plain and ASan runs check it.
if [ -z "${TSAN_OPTIONS:-}" ]; then
  timeout 60 "$bin" -q -o "$tmp/too-long.pdf" "$tmp/too-long.yaml" 2>"$tmp/too-long.err"
  st=$?
  if [ "$st" = 1 ] && [ ! -e "$tmp/too-long.pdf" ]; then ok; else bad "too-long: exit $st, expected 1 and no file"; fi
  if grep -qE "^$tmp/too-long.yaml:[0-9]+:[0-9]+: error: the guide runs past the limit of 2000 pages here" "$tmp/too-long.err" &&
     ! grep -q ':1:1: error' "$tmp/too-long.err"; then ok; else bad "too-long: $(head -c 300 "$tmp/too-long.err")"; fi
fi
# a cover title's word too long for the column beside the poster (Honeyland on A5) is set
# smaller, not broken; a title of words that fit keeps its size (the Lunchbox's, on Letter)
"$bin" -q -b content/brands/influence.yaml --paper a5 -o "$tmp/cover-a5.pdf" content/honeyland.yaml
check grep -qx 'Honeyland' <(pdftotext -f 1 -l 1 "$tmp/cover-a5.pdf" -)
"$bin" -q -b content/brands/influence.yaml --dump-dlist "$tmp/cover.dl" -o "$tmp/cover.pdf" content/last-train-home.yaml
check test "$(awk '/^page 2/ {exit} / title node / {print $5; exit}' "$tmp/cover.dl")" = 40.00

summary "layout"
