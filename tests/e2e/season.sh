#!/usr/bin/env bash
# A club's season (issue #16): the YAML traps a volunteer falls into, each
# with a message that says why and what to type; a brand file left among the
# films skipped with a note; screenings dated in the guide's language on the
# cover and the back page; the editions; a review's url printed.
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
printf 'film:\n\ttitle: T\n  director: D\nsections:\n  - {type: text, body: x}\n' >tab.yaml
status 1 "$bin" -q --check tab.yaml
said "tab.yaml:2:1: error: a tab indents this line, and YAML indents with spaces only: replace the tab with spaces"

# --- 5. screenings: the date in the guide's language on the cover and the back page ---
status 0 "$bin" -q -b "$repo/content/brands/riverside.yaml" -o season/ "$repo/content/season/"
pages=$(pdfinfo season/honeyland.pdf | awk '/^Pages:/ {print $2}')
check grep -qx 'vendredi 9 avril 2027' <(pdftotext -f 1 -l 1 season/honeyland.pdf -)
check grep -qx 'vendredi 9 avril 2027' <(pdftotext -f "$pages" -l "$pages" season/honeyland.pdf -)
check grep -qF 'https://example.org/rsvp/honeyland' <(pdftotext -f 1 -l 1 season/honeyland.pdf -)
check grep -qx 'vendredi 14 mai 2027' <(pdftotext -f 1 -l 1 season/jiro-dreams-of-sushi.pdf -)
# in English, by the guide's language; a date that does not exist is refused at its place
sed -e "s/^language: fr/language: en-GB/" -e "/poster:/d" "$repo/content/season/honeyland.yaml" >club/en.yaml
status 0 "$bin" -q -o en.pdf club/en.yaml
check grep -qx 'Friday, 9 April 2027' <(pdftotext -f 1 -l 1 en.pdf -)
sed 's/date: 2027-04-09/date: 2027-04-31/' "$repo/content/season/honeyland.yaml" >club/bad-date.yaml
status 1 "$bin" -q -o bad-date.pdf club/bad-date.yaml
said "club/bad-date.yaml:14:9: error: \`date\` must be a date written YYYY-MM-DD (like 2027-03-12), not \`2027-04-31\`"
check test ! -e bad-date.pdf

# --- 6. editions: the facilitator's notes only in the facilitator edition ---
ltw="$repo/content/season/last-train-home.yaml"
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
status 2 "$bin" -q --edition guests -o x.pdf "$ltw"
said "guidepress: unknown edition \`guests\`; use participant or facilitator"

# --- 7. printed links: a review's url is printed, so it is not lost on paper ---
printf 'film: {title: T, director: D}\nsections:\n  - type: reviews\n    reviews:\n      - {quote: Superb., source: The Paper, url: "https://paper.example/review-42"}\n' >review.yaml
status 0 "$bin" -q -o review.pdf review.yaml
check grep -qF 'https://paper.example/review-42' <(pdftotext review.pdf -)

summary "season"
