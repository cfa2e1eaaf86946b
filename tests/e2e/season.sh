#!/usr/bin/env bash
# A club's season (issue #16): the YAML traps a volunteer falls into, each
# with a message that says why and what to type; a brand file left among the
# films skipped with a note; screenings dated in the guide's language on the
# cover and the back page; season files (a bad row at its line, the others
# built); combined PDFs (odd starts, one bookmark per guide, links, shared
# images, a failing guide left out); the editions, the handout's page count;
# a review's url printed; pictures inside sections; --help and the man page.
# Usage: season.sh GUIDEPRESS
. "$(dirname "$0")/harness.bash" "$1"
cd "$tmp"
mkdir club
cp -r "$repo/content/images" club/
cp "$repo/content/honeyland.yaml" "$repo/content/last-train-home.yaml" club/
cp "$repo/content/brands/influence.yaml" club/club.yaml
sed -i 's|: \([a-z-]*\.\(png\|jpg\|ttf\)\)$|: '"$repo"'/content/brands/\1|' club/club.yaml

# --- 1. a brand in the content folder is skipped with a note; the films are written ---
status 0 "$bin" -q -o out/ club/
said "club/club.yaml: warning: skipped: this is a brand file, not a guide's content (give it with -b)"
check test -s out/honeyland.pdf
check test -s out/last-train-home.pdf
check test ! -e out/club.pdf
# given by name as content, it is an error that says to use -b
status 1 "$bin" -q --check club/club.yaml
said "club/club.yaml:3:1: error: this is a brand file (it has \`colors\`), not a guide's content: give it with \`-b club/club.yaml\`"

# ... and a content or season file given as the brand: one error saying so, not one per key
status 1 "$bin" -q --check -b club/honeyland.yaml club/last-train-home.yaml
said "club/honeyland.yaml:4:1: error: this is a guide's content (it has \`film\`), not a brand: give it as an input, and the club's brand (\`name:\`, \`colors:\`...) with -b: \`guidepress -b club.yaml club/honeyland.yaml\`"
check test "$(grep -c 'error:' "$tmp/err")" = 1
printf 'season: S\nfilms:\n  - {film: honeyland.yaml}\n' >club/season.yaml
status 1 "$bin" -q --check -b club/season.yaml club/honeyland.yaml
said "club/season.yaml:2:1: error: this is a season file (it has \`films\`), not a brand: give it as an input, and the club's brand (\`name:\`, \`colors:\`...) with -b: \`guidepress -b club.yaml club/season.yaml\`"
check test "$(grep -c 'error:' "$tmp/err")" = 1
rm club/season.yaml

# --- 2. `primary: #14506e` in a brand ---
printf 'name: Club\ncolors:\n  primary: #14506e\n' >hash-brand.yaml
status 1 "$bin" -q --check -b hash-brand.yaml club/honeyland.yaml
said "hash-brand.yaml:3:12: error: colour \`primary\` is empty: a colour starts with #, which starts a comment in YAML; write it in quotes: \"#14506e\""

# --- 3. a Markdown file given as content ---
printf '# Honeyland\n\nA film about bees.\n' >honeyland.md
status 1 "$bin" -q -o md.pdf honeyland.md
said "honeyland.md: error: this is a Markdown file, not a guide's YAML content: a content file is a .yaml file that starts with \`film:\` (see the samples in content/)"
check test ! -e md.pdf

# --- 4. `#` and `: ` in unquoted text, a tab ---
printf 'film:\n  title: Rocks #1 in France\n  director: D\nsections:\n  - {type: text, body: x}\n' >hash.yaml
status 0 "$bin" -q -o hash.pdf hash.yaml
said "hash.yaml:2:16: warning: \`title\` stops before \`#\`, which starts a comment in YAML, so \`#1 in France\` is not printed; to print it, put the whole text in quotes (\"...\")"
printf 'film:\n  title: Rocks: the film\n  director: D\nsections:\n  - {type: text, body: x}\n' >colon.yaml
status 1 "$bin" -q --check colon.yaml
said "colon.yaml:2:15: error: a \`: \` inside text needs quotes (YAML reads it as a new key): put the whole text in quotes (\"...\"), or write the colon without a space after it"
# a quote inside quoted text, and a line indented unlike the lines above
printf "film:\n  title: 'L'Atalante'\n  director: Jean Vigo\nsections:\n  - {type: text, body: x}\n" >squote.yaml
status 1 "$bin" -q --check squote.yaml
said "squote.yaml:2:13: error: an apostrophe inside text in single quotes ends the text: write it twice (like 'L''Atalante'), or put the text in double quotes (like \"L'Atalante\")"
printf 'film:\n  title: "Le "grand" film"\n  director: D\nsections:\n  - {type: text, body: x}\n' >dquote.yaml
status 1 "$bin" -q --check dquote.yaml
said "dquote.yaml:2:15: error: a \`\"\` inside text in double quotes ends the text: write it \\\" (like \"Le \\\"grand\\\" film\"), or put the text in single quotes, or use « » or “ ”"
printf 'film:\n  title: T\n  director: D\nsections:\n  - type: text\n   body: x\n' >under.yaml
status 1 "$bin" -q --check under.yaml
said "under.yaml:6:4: error: this line is indented unlike the lines above it, so YAML cannot tell what it belongs to: line it up with the key beside which it goes (every key of a mapping is indented alike, a list item's keys as the first one after its \`- \`)"
printf 'film:\n  title: T\n  director: D\nsections:\n  - type: questions\n    questions: Que pensez-vous du film ?\n' >one-question.yaml
status 1 "$bin" -q --check one-question.yaml
said "one-question.yaml:6:16: error: \`questions\` must be a list (\`- item\` lines), not a scalar: put \`Que pensez-vous du film ?\` on a line of its own below, starting with \`- \`, and each other item likewise"
# ... and in a list's item, which YAML reads as a mapping (French puts a space before the colon)
printf 'film:\n  title: T\n  director: D\n  also_by: [x]\nsections:\n  - type: questions\n    questions:\n      - Que voit-on : la ville ou Cléo ?\n  - type: facts\n    facts:\n      - Un fait : 3 millions\n  - type: actions\n    actions:\n      - txet: a typo stays a typo\n' >colon-items.yaml
status 1 "$bin" -q --check colon-items.yaml
said "colon-items.yaml:8:9: error: a \`: \` inside text needs quotes (YAML reads \`Que voit-on\` as a key and the rest as its value): put the whole text in quotes (\"...\"), or write the colon without a space after it"
said "colon-items.yaml:11:9: error: a \`: \` inside text needs quotes (YAML reads \`Un fait\` as a key and the rest as its value): put the whole text in quotes (\"...\"), or write the colon without a space after it"
said "colon-items.yaml:14:9: error: unknown key \`txet\` in an item of \`actions\`; did you mean \`text\`?"
check test "$(grep -c 'error:' "$tmp/err")" = 4
printf 'film:\n\ttitle: T\n  director: D\nsections:\n  - {type: text, body: x}\n' >tab.yaml
status 1 "$bin" -q --check tab.yaml
said "tab.yaml:2:1: error: a tab indents this line, and YAML indents with spaces only: replace the tab with spaces"

# --- 5. screenings: the date in the guide's language on the cover and the back page ---
status 0 "$bin" -q -b "$repo/content/brands/riverside.yaml" -o season/ "$repo/content/season/season.yaml"
pages=$(pdfinfo season/honeyland.pdf | awk '/^Pages:/ {print $2}')
check grep -qx 'vendredi 9 avril 2027' <(pdftotext -f 1 -l 1 season/honeyland.pdf -)
check grep -qx 'vendredi 9 avril 2027' <(pdftotext -f "$pages" -l "$pages" season/honeyland.pdf -)
check grep -qF 'https://example.org/rsvp/honeyland' <(pdftotext -f 1 -l 1 season/honeyland.pdf -)
check grep -qx 'vendredi 14 mai 2027' <(pdftotext -f 1 -l 1 season/jiro-dreams-of-sushi.pdf -)
# in English, by the guide's language; a date that does not exist is refused at its place
screening='screening:\n  date: 2027-04-09\n  time: "19:30"\n  venue: Community Room\n'
{ sed -e "s/^language: fr/language: en-GB/" -e "/poster:/d" "$repo/content/season/films/honeyland.yaml"; printf "$screening"; } >club/en.yaml
status 0 "$bin" -q -o en.pdf club/en.yaml
check grep -qx 'Friday, 9 April 2027' <(pdftotext -f 1 -l 1 en.pdf -)
sed 's/date: 2027-04-09/date: 2027-04-31/' club/en.yaml >club/bad-date.yaml
status 1 "$bin" -q -o bad-date.pdf club/bad-date.yaml
said "club/bad-date.yaml:$(grep -n 'date:' club/bad-date.yaml | cut -d: -f1):9: error: \`date\` \`2027-04-31\` does not exist: April 2027 has 30 days"
check test ! -e bad-date.pdf

# --- 5b. a season file: one guide per row, the row's screening over the film's own ---
mkdir -p sfile/films
cp "$repo"/content/season/films/*.yaml sfile/films/
cp -r "$repo/content/images" .
cat >sfile/season.yaml <<'YAML'
season: Autumn 2027
films:
  - {film: films/honeyland.yaml, date: 2027-10-01, venue: Hall B}
  - {film: films/missing.yaml, date: 2027-10-08}
  - {film: films/jiro-dreams-of-sushi.yaml, date: 2027-10-15, tiem: "19:30"}
  - {film: films/last-train-home.yaml, date: 2027-13-01}
  - film: films/last-train-home.yaml
    date: 2027-10-22
YAML
status 1 "$bin" -q -o sout/ sfile/season.yaml
said "sfile/season.yaml:4:12: error: the film's content file \`films/missing.yaml\` cannot be opened (No such file or directory); check the path (relative to the season file)"
check grep -q '^sfile/season.yaml:5:.*unknown key `tiem`' "$tmp/err"
said "sfile/season.yaml:6:46: error: \`date\` \`2027-13-01\` has no month 13: it is written YYYY-MM-DD, the month from 01 to 12"
check test "$(grep -c ': error: ' "$tmp/err")" = 3
check test -s sout/honeyland.pdf
check test -s sout/last-train-home.pdf
check test ! -e sout/jiro-dreams-of-sushi.pdf
check grep -qx 'vendredi 1 octobre 2027' <(pdftotext -f 1 -l 1 sout/honeyland.pdf -)
check grep -qF 'Hall B' <(pdftotext -f 1 -l 1 sout/honeyland.pdf -)
check grep -qx 'vendredi 22 octobre 2027' <(pdftotext -f 1 -l 1 sout/last-train-home.pdf -)
# a row missing its comma, a row of just a path: what to write
printf 'films:\n  - {film: films/honeyland.yaml date: 2027-10-01}\n  - films/honeyland.yaml\n' >sfile/typos.yaml
status 1 "$bin" -q -o typos/ sfile/typos.yaml
said "sfile/typos.yaml:2:37: error: inside \`{...}\`, items are separated by commas, and text with \`: \` or a comma in it needs quotes: add the comma missing before this point, or put the text in quotes (\"...\")"
printf 'films:\n  - films/honeyland.yaml\n' >sfile/typos.yaml
status 1 "$bin" -q -o typos/ sfile/typos.yaml
said "sfile/typos.yaml:2:5: error: a season's row names its film and its screening: write \`- {film: films/honeyland.yaml, date: YYYY-MM-DD}\`"
# a row without a date, for a film without a screening, is refused at the row
printf 'films:\n  - {film: films/honeyland.yaml, venue: Hall B}\n' >sfile/nodate.yaml
status 1 "$bin" -q -o nodate/ sfile/nodate.yaml
said "sfile/nodate.yaml:2:5: error: this row gives no \`date\`, and \`sfile/films/honeyland.yaml\` has no screening to take it from: add \`date: YYYY-MM-DD\` to the row"
# the row's keys go over the content's own screening, key by key
printf "$screening" >>sfile/films/honeyland.yaml
printf 'films:\n  - {film: films/honeyland.yaml, venue: Hall B}\n' >sfile/venue.yaml
status 0 "$bin" -q -o venue.pdf sfile/venue.yaml
check grep -qx 'vendredi 9 avril 2027' <(pdftotext -f 1 -l 1 venue.pdf -)
check grep -qF '19:30 · Hall B' <(pdftotext -f 1 -l 1 venue.pdf -)
# in a folder, a season file is skipped with a note (its films are given by it, not twice)
cp sfile/venue.yaml sfile/films/season.yaml
status 0 "$bin" -q -o fout/ sfile/films/
said "sfile/films/season.yaml: warning: skipped: this is a season file; give it as the input to build its films with their screenings"
check test "$(ls fout | paste -sd" ")" = "honeyland.pdf jiro-dreams-of-sushi.pdf last-train-home.pdf"

# --- 5c. a combined PDF: every guide, each from an odd page, one bookmark each ---
status 0 "$bin" -q -b "$repo/content/brands/riverside.yaml" -o all.pdf "$repo/content/season/season.yaml"
check qpdf --check all.pdf
outline() { qpdf --json=2 --json-key=outlines "$1" | python3 -c '
import json, sys
for o in json.load(sys.stdin)["outlines"]:
    print(o["destpageposfrom1"], o["title"], len(o["kids"]))'; }
outline all.pdf >outline.txt
check test "$(cut -d' ' -f2- outline.txt | sed 's/ [0-9]*$//' | paste -sd'|')" = "Last Train Home|Honeyland|Jiro Dreams of Sushi"
# each guide starts on an odd page, right after the last one (a blank page between if need be)
total=0 k=0
for f in last-train-home honeyland jiro-dreams-of-sushi; do
  k=$((k + 1))
  n=$(pdfinfo "season/$f.pdf" | awk '/^Pages:/ {print $2}')
  start=$(sed -n "${k}p" outline.txt | cut -d' ' -f1)
  check test $((start % 2)) = 1
  check test "$start" = $((total + 1 + total % 2))
  total=$((total + total % 2 + n))
done
check test "$(pdfinfo all.pdf | awk '/^Pages:/ {print $2}')" = "$total"
check grep -qx 'Title: *Printemps 2027' <(pdfinfo all.pdf)
# each guide's sections are bookmarks under its own
check test "$(awk '{print $NF}' outline.txt | paste -sd' ')" = "2 2 2"
# the links still work: on their words, and the same as the three guides' own
qpdf --empty --pages season/last-train-home.pdf season/honeyland.pdf season/jiro-dreams-of-sushi.pdf -- three.pdf
check python3 "$repo/tests/e2e/check_links.py" all.pdf three.pdf
# a poster or logo shared by guides is embedded once
images() { pdfimages -list "$1" | tail -n +3 | awk '{print $11}' | sort -u | wc -l; }
mkdir twice && cp "$repo/content/honeyland.yaml" twice/a.yaml && cp "$repo/content/honeyland.yaml" twice/b.yaml
sed -i 's|poster: images/|poster: ../images/|' twice/*.yaml
status 0 "$bin" -q -b "$repo/content/brands/riverside.yaml" -o twice.pdf twice/
status 0 "$bin" -q -b "$repo/content/brands/riverside.yaml" -o once.pdf twice/a.yaml
check test "$(images once.pdf)" -ge 2
check test "$(images twice.pdf)" = "$(images once.pdf)"
# a failing guide is left out, said so, and the others are written (exit 1)
status 1 "$bin" -q -o part.pdf sfile/season.yaml
said "part.pdf: warning: written without the 3 guides that failed (see above)"
check test "$(outline part.pdf | wc -l)" = 2
# nothing to combine: nothing written
printf 'films:\n  - {film: films/missing.yaml}\n  - {film: films/missing2.yaml}\n' >sfile/none.yaml
status 1 "$bin" -q -o none.pdf sfile/none.yaml
check test ! -e none.pdf

# --booklet: each guide its own booklet, on sheets of its own (folded and
# stapled apart): its sides are those of its booklet alone, it starts on the
# front of a fresh sheet (an odd side), with its cover on that side's right
# half, and its bookmark points there
films=("$repo/content/last-train-home.yaml" "$repo/content/season/films/honeyland.yaml" "$repo/content/jiro-dreams-of-sushi.yaml")
status 0 "$bin" -q --booklet -o booklets.pdf "${films[@]}"
outline booklets.pdf >booklets.txt
check test "$(wc -l <booklets.txt)" = 3
read -r sheet_w sheet_h < <(pdfinfo booklets.pdf | awk '/^Page size:/ {print int($3), int($5)}')
side=1 k=0
for f in "${films[@]}"; do
  k=$((k + 1))
  status 0 "$bin" -q --booklet -o alone.pdf "$f"
  sides=$(pdfinfo alone.pdf | awk '/^Pages:/ {print $2}')
  check test "$(sed -n "${k}p" booklets.txt | cut -d' ' -f1)" = "$side"
  check test $((side % 2)) = 1
  title=$(sed -n "${k}p" booklets.txt | cut -d' ' -f2- | sed 's/ [0-9]*$//')
  check grep -qF "${title%% (*}" <(pdftotext -f "$side" -l "$side" -x $((sheet_w / 2)) -y 0 -W $((sheet_w / 2)) -H "$sheet_h" booklets.pdf -)
  # the same sheets as the guide's booklet printed alone
  check test "$(pdftotext -f "$side" -l $((side + sides - 1)) booklets.pdf - | md5sum)" = "$(pdftotext alone.pdf - | md5sum)"
  side=$((side + sides))
done
check test "$(pdfinfo booklets.pdf | awk '/^Pages:/ {print $2}')" = $((side - 1))

# --- 6. editions: the facilitator's notes only in the facilitator edition ---
ltw="$repo/content/season/films/last-train-home.yaml"
status 0 "$bin" -q -o participant.pdf "$ltw"
status 0 "$bin" -q --edition participant -o participant2.pdf "$ltw"
status 0 "$bin" -q --edition facilitator -o facilitator.pdf "$ltw"
check test -s participant.pdf
check test -s facilitator.pdf
for note in "Rappelez la scène de la gare de Canton" "Laissez d’abord parler ceux qui ont quitté"; do
  check grep -qF "$note" <(pdftotext facilitator.pdf - | tr '\n' ' ')
  if pdftotext participant.pdf - | grep -qF "${note%% *}"; then bad "participant PDF holds a facilitator note: $note"; else ok; fi
  if pdftotext participant2.pdf - | grep -qF "${note%% *}"; then bad "participant PDF holds a facilitator note: $note"; else ok; fi
done
# the question itself is in both
check grep -qF "Qu’est-ce que les parents ont gagné" <(pdftotext participant.pdf -)
# the handout: the questions and their notes, on as few pages as they fit
status 0 "$bin" -q --edition handout -o handout.pdf "$ltw"
check test "$(pdfinfo handout.pdf | awk '/^Pages:/ {print $2}')" = 1
check grep -qF "Qu’est-ce que les parents ont gagné" <(pdftotext handout.pdf -)
check grep -qF "Notes :" <(pdftotext handout.pdf -)
for text in "Un couple d’ouvriers" "Rappelez" "Laissez"; do  # the summary, the facilitator's notes
  if pdftotext handout.pdf - | grep -qF "$text"; then bad "the handout holds \`$text\`"; else ok; fi
done
main="$repo/content/last-train-home.yaml"  # 10 pages: summary, themes, panels, reviews...
status 0 "$bin" -q --edition handout -o handout-main.pdf "$main"
check test "$(pdfinfo handout-main.pdf | awk '/^Pages:/ {print $2}')" = 1
for text in "Film Summary" "Hukou System" "registered in a national system"; do
  if pdftotext handout-main.pdf - | grep -qF "$text"; then bad "the handout holds \`$text\`"; else ok; fi
done
check grep -qF "What did you think about the decision for the mother" <(pdftotext handout-main.pdf -)
# two sets of questions: only the last one's notes fill the page, so one page holds both
{ printf 'film: {title: T, director: D}\nsections:\n'
  printf '  - {type: text, body: A summary.}\n'
  printf '  - {type: questions, heading: Before, questions: [One?, Two?]}\n'
  printf '  - {type: questions, heading: After, questions: [Three?, Four?]}\n'; } >two-sets.yaml
status 0 "$bin" -q --edition handout -o two-sets.pdf two-sets.yaml
check test "$(pdfinfo two-sets.pdf | awk '/^Pages:/ {print $2}')" = 1
check test "$(pdftotext two-sets.pdf - | grep -c 'Notes:')" = 2
status 0 "$bin" -q -o two-sets-guide.pdf two-sets.yaml
check test "$(pdfinfo two-sets-guide.pdf | awk '/^Pages:/ {print $2}')" -ge 3
printf 'film: {title: T, director: D}\nsections:\n  - {type: text, body: A summary.}\n' >no-questions.yaml
status 0 "$bin" -q --edition handout -o no-questions.pdf no-questions.yaml
said "no-questions.yaml: warning: the guide has no \`questions\` section, so its handout holds only the film's title; add one"
status 2 "$bin" -q --edition guests -o x.pdf "$ltw"
said "guidepress: unknown edition \`guests\`; use participant, facilitator or handout"

# --- 7. printed links: a review's url is printed, so it is not lost on paper ---
printf 'film: {title: T, director: D}\nsections:\n  - type: reviews\n    reviews:\n      - {quote: Superb., source: The Paper, url: "https://paper.example/review-42"}\n' >review.yaml
status 0 "$bin" -q -o review.pdf review.yaml
check grep -qF 'https://paper.example/review-42' <(pdftotext review.pdf -)

# --- 8. pictures inside sections: in the column, scaled to fit it and the page, captioned ---
python3 - <<'PY'
import struct, zlib
def png(path, w, h):
    chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
    rows = b"".join(b"\0" + bytes([(x * 7 + y) % 256 for x in range(w)]) for y in range(h))
    open(path, "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
                           + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
png("wide.png", 1200, 400)   # wider than any column
png("tall.png", 100, 3000)   # taller than any page
PY
cat >pics.yaml <<'YAML'
film: {title: Pictures, director: D}
sections:
  - type: text
    body: A summary, set under its picture.
    image: {file: wide.png, caption: "The *river*, from the bridge.", alt: A river seen from a bridge}
  - type: facts
    facts: [A fact.]
    image: {file: tall.png, caption: A tall picture in a panel.}
  - type: themes
    quote: {text: A quote beside it.}
    themes: [{title: T, body: Text.}]
    image: {file: tall.png}
  - type: questions
    questions: [Why?]
    image: {file: wide.png}
YAML
status 0 "$bin" -q -o pics.pdf --dump-dlist pics.dl pics.yaml
check grep -qF 'The river, from the bridge.' <(pdftotext pics.pdf -)
check grep -qF 'alt "A river seen from a bridge"' pics.dl
# every picture inside its frame, its frame inside the page's text area (Letter, 0.75in margins), none clipped
check python3 - pics.dl <<'PY'
import re, sys
doc = open(sys.argv[1]).read()
w, h = map(float, re.search(r"^document (\S+) (\S+)", doc, re.M).groups())
images = [list(map(float, m.groups())) for m in
          re.finditer(r"^image (\S+) (\S+) (\S+) (\S+) frame (\S+) (\S+) (\S+) (\S+)", doc, re.M)]
assert len(images) == 4, images
eps = 0.01
for x, y, bw, bh, fx, fy, fw, fh in images:
    assert fx - eps <= x and x + bw <= fx + fw + eps and fy - eps <= y and y + bh <= fy + fh + eps, (x, y, bw, bh)
    assert 54 - eps <= x and x + bw <= w - 54 + eps and 54 - eps <= y and y + bh <= h - 54 - 12 + eps, (x, y, bw, bh)
wide, panel, beside, last = images
assert abs(wide[2] - (w - 108)) < 0.5, "the wide picture takes the column's width"
assert panel[3] <= (h - 108 - 12) * 2 / 3 + eps and panel[0] >= 54 + 16 - eps, "the tall one: two thirds of a page at most, inside the panel"
assert beside[2] < w - 108 - 100, "beside a pull quote: the main column's width"
PY
# the handout has no pictures
status 0 "$bin" -q --edition handout -o pics-handout.pdf pics.yaml
check test "$(pdfimages -list pics-handout.pdf | tail -n +3 | wc -l)" = 0
check test "$(pdfimages -list pics.pdf | tail -n +3 | wc -l)" -ge 2
# bad pictures: at the file's place, with what to do
printf 'film: {title: T, director: D}\nsections:\n  - type: text\n    body: x\n    image: {file: nowhere.png}\n' >nopic.yaml
status 1 "$bin" -q -o nopic.pdf nopic.yaml
said "nopic.yaml:5:19: error: image \`nowhere.png\`: cannot open image: No such file or directory"
echo 'not a picture' >fake.png
printf 'film: {title: T, director: D}\nsections:\n  - type: text\n    body: x\n    image:\n      file: fake.png\n      captoin: C\n' >badpic.yaml
status 1 "$bin" -q -o badpic.pdf badpic.yaml
said "badpic.yaml:6:13: error: image \`fake.png\`: not a PNG or JPEG image"
check grep -q '^badpic.yaml:7:7: error: unknown key `captoin` in `image`; did you mean `caption`?' "$tmp/err"
printf 'film: {title: T, director: D}\nsections:\n  - type: text\n    body: x\n    image: {caption: C}\n' >nofile.yaml
status 1 "$bin" -q -o nofile.pdf nofile.yaml
check grep -q '^nofile.yaml:5:12: error: .*`file`' "$tmp/err"
check test ! -e nopic.pdf -a ! -e badpic.pdf -a ! -e nofile.pdf

# --- 9. --help and the man page say all of it ---
"$bin" --help >help.txt
for text in "--edition NAME" "handout (the questions and notes only" "or a season" "one combined PDF" "season.pdf season.yaml"; do
  check grep -qF -- "$text" help.txt
done
# (the roff source: no man-db needed)
for text in '.SH SEASON FILES' '.BR \-\-edition " " \fIparticipant\fR|\fIfacilitator\fR|\fIhandout\fR' 'one combined PDF of every guide'; do
  check grep -qF -- "$text" <(tr '\n' ' ' <"$repo/guidepress.1" | sed 's/  */ /g'; echo)
done

summary "season"
