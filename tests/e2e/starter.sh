#!/usr/bin/env bash
# `guidepress init [DIR]`: the starter folder holds src/starter/'s files,
# renders without edits (and passes --check) with the command its README
# gives, shows every section type, and is never written over an existing
# file. Usage: starter.sh GUIDEPRESS
. "$(dirname "$0")/harness.bash" "$1"

# --- a new folder (and its parent) created, the files as in the repository ---
out=$(cd "$tmp" && timeout 20 "$bin" init club/first-guide 2>"$tmp/init.err"); check test $? = 0
check test ! -s "$tmp/init.err"
check grep -qF "guidepress -b club.yaml -o guide.pdf guide.yaml" <<<"$out"
dir=$tmp/club/first-guide
for f in guide.yaml club.yaml season.yaml poster.png README.md; do
  check cmp "src/starter/$f" "$dir/$f"
done

# --- the README's commands render it, silently (the guide first, then the
# facilitator's edition, the handout and the season); --check passes ---
check test "$(grep -o 'guidepress -b .*' "$dir/README.md" | head -1)" = "guidepress -b club.yaml -o guide.pdf guide.yaml"
check test "$(grep -c '^    guidepress -b ' "$dir/README.md")" = 4
while read -r cmd; do
  (cd "$dir" && timeout 60 "$bin" ${cmd#guidepress }) 2>"$tmp/render.err"; check test $? = 0
  check test ! -s "$tmp/render.err"
done < <(grep -o '^    guidepress -b .*' "$dir/README.md" | sed 's/^    //')
# the screening on the cover, the facilitator's notes in their edition only, the season's one PDF
check grep -qx 'Friday, March 12, 2027' <(pdftotext -f 1 -l 1 "$dir/guide.pdf" -)
check grep -qF 'Give everyone a turn' <(pdftotext "$dir/facilitator.pdf" -)
if pdftotext "$dir/guide.pdf" - | grep -qF 'Give everyone'; then bad "a facilitator's note in the members' guide"; else ok; fi
check grep -qF 'How does the film end' <(pdftotext "$dir/handout.pdf" -)
check grep -qx 'Title: *Your Season' <(pdfinfo "$dir/season.pdf")
check grep -q 'Community Room, Riverside Library' <(pdftotext -f 1 -l 1 "$dir/season.pdf" -)
check qpdf --check "$dir/guide.pdf" >/dev/null
(cd "$dir" && timeout 60 "$bin" --check -b club.yaml guide.yaml) 2>"$tmp/check.err"; check test $? = 0
check test ! -s "$tmp/check.err"
# every section type of src/load/doc.c is in the starter, each heading printed
types=$(grep -o '^  - type: [a-z]*' "$dir/guide.yaml" | awk '{print $3}' | sort | tr '\n' ' ')
check test "$types" = "actions facts qa questions reading reviews text themes watch "
pdftotext "$dir/guide.pdf" "$tmp/guide.txt"
while read -r heading; do
  check grep -qF "$heading" "$tmp/guide.txt"
done < <(grep -o '^    heading: .*' "$dir/guide.yaml" | sed 's/^    heading: //')
check grep -q "poster.png" <(grep '^  poster:' "$dir/guide.yaml")
check test "$(pdfimages -list "$dir/guide.pdf" | tail -n +3 | wc -l)" -ge 1

# --- never replaces a file: exit 1, a message, nothing written ---
mkdir "$tmp/busy"
echo "mine" >"$tmp/busy/club.yaml"
(cd "$tmp" && timeout 20 "$bin" init busy) >/dev/null 2>"$tmp/busy.err"; check test $? = 1
check grep -qF "busy/club.yaml\` already exists" "$tmp/busy.err"
check grep -q "nothing was written" "$tmp/busy.err"
check grep -qx mine "$tmp/busy/club.yaml"
check test "$(ls "$tmp/busy")" = club.yaml
# a second init over the first starter changes nothing either
before=$(cat "$dir"/guide.yaml | md5sum)
timeout 20 "$bin" init "$dir" >/dev/null 2>"$tmp/again.err"; check test $? = 1
check test "$(grep -c 'already exists' "$tmp/again.err")" = 5
check test "$(md5sum <"$dir/guide.yaml")" = "$before"

# --- DIR defaults to the current folder ---
mkdir "$tmp/here"
(cd "$tmp/here" && timeout 20 "$bin" init >/dev/null 2>&1); check test $? = 0
check test -s "$tmp/here/guide.yaml" -a -s "$tmp/here/poster.png"

# --- bad command lines: exit 2; a folder that cannot be made: exit 1 ---
timeout 20 "$bin" init a b >/dev/null 2>"$tmp/usage.err"; check test $? = 2
check grep -q "usage: guidepress init" "$tmp/usage.err"
timeout 20 "$bin" init --force >/dev/null 2>&1; check test $? = 2
touch "$tmp/afile"
timeout 20 "$bin" init "$tmp/afile/sub" >/dev/null 2>"$tmp/mk.err"; check test $? = 1
check grep -q "cannot create the folder" "$tmp/mk.err"

summary starter
