#!/usr/bin/env bash
# --watch: started in the background on a starter, it renders again within
# 2 s of a save of the content (by rename, as editors save, or in place),
# the brand or the poster; a broken edit prints its error and keeps the
# last good PDF; SIGINT ends it with status 0 and no temporary file.
# Usage: watch.sh GUIDEPRESS
. "$(dirname "$0")/harness.bash" "$1"

dir=$tmp/guide
timeout 20 "$bin" init "$dir" >/dev/null
cd "$dir" || exit 1
timeout 120 "$bin" --watch -b club.yaml -o guide.pdf guide.yaml 2>"$tmp/watch.err" &
pid=$!
# sanitizer builds (make asan, make tsan) render several times slower: they wait longer
scale=1
case $bin in */asan/* | */tsan/*) scale=4 ;; esac
# waits (up to $2 tenths of a second, default 20) for guide.pdf to differ from the checksum $1
changed_from() {
  for _ in $(seq $((${2:-20} * scale))); do
    [ -s guide.pdf ] && [ "$(md5sum <guide.pdf)" != "$1" ] && return 0
    sleep 0.1
  done
  return 1
}
sum() { md5sum <guide.pdf; }
# waits (up to 5 s) for a line of the watcher's (printed once a render has ended)
said() {
  for _ in $(seq $((50 * scale))); do grep -q "$1" "$tmp/watch.err" && return 0; sleep 0.1; done
  return 1
}

check changed_from none               # the first render
first=$(sum)
check said "watching"

# a good edit, saved by rename (sed -i): a new PDF with the new text
sed -i 's/Your Film Club/Riverside Film Club/' club.yaml
check changed_from "$first"
check grep -q "Riverside Film Club" <(pdftotext guide.pdf -)
branded=$(sum)
sed -i 's/^  title: .*/  title: A Film Saved In Place/' guide.yaml
check changed_from "$branded"
check grep -q "A Film Saved In Place" <(pdftotext guide.pdf -)
good=$(sum)

# a broken edit (written in place): its error printed, the PDF kept
cp guide.yaml "$tmp/good.yaml"
printf 'film: [\n' >>guide.yaml
check said "the last good PDF is kept"
check grep -q "guide.yaml:[0-9]*:[0-9]*: error:" "$tmp/watch.err"
check test "$(sum)" = "$good"

# fixed again, then an image edit: another poster, another PDF
cp "$tmp/good.yaml" guide.yaml
sleep 1
check test "$(sum)" = "$good"         # the same content as the last good render
cp "$repo/content/images/last-train-home.png" poster.png
check changed_from "$good"
poster=$(sum)

# the output and unrelated files in the folder do not trigger a render
sleep 1   # (the line for the poster's render comes just after the PDF)
renders=$(grep -c "rendered again" "$tmp/watch.err")
echo "notes" >notes.txt
sleep 1
check test "$(grep -c "rendered again" "$tmp/watch.err")" = "$renders"
check test "$(sum)" = "$poster"

# Ctrl-C: status 0, no temporary file left
kill -INT $pid
wait $pid
check test $? = 0
check test -z "$(ls -A | grep -v -x -e guide.yaml -e club.yaml -e season.yaml -e poster.png -e README.md -e guide.pdf -e notes.txt)"
check qpdf --check guide.pdf >/dev/null

# SIGINT in the middle of renders: still status 0 and no temporary file
timeout 60 "$bin" --watch -b club.yaml -o guide.pdf guide.yaml 2>/dev/null &
pid=$!
for i in 1 2 3 4 5; do sed -i "s/^  year: .*/  year: 200$i/" guide.yaml; sleep 0.15; done
kill -INT $pid
wait $pid
check test $? = 0
check test -z "$(ls -A | grep -v -x -e guide.yaml -e club.yaml -e season.yaml -e poster.png -e README.md -e guide.pdf -e notes.txt)"

# every other file the guide reads: a section's image, the brand's font
# file, and the logo; each save renders again within a second (the
# render takes 0.1 s); a broken image prints its error and keeps the PDF
cp "$repo/content/images/honeyland.jpg" still.jpg
cp "$repo/fonts/Lato-Regular.ttf" head.ttf
cp "$repo/content/images/influence-logo.png" logo.png
printf '    image: {file: still.jpg, caption: A still}\n' >>guide.yaml
printf 'logo: logo.png\nfonts: {heading: head.ttf}\n' >>club.yaml
timeout 60 "$bin" --watch -b club.yaml -o guide.pdf guide.yaml 2>"$tmp/watch.err" &
pid=$!
check said "watching"
check grep -q Lato <(pdffonts guide.pdf)
before=$(sum)
cp "$repo/content/images/last-train-home.png" still.jpg.new && mv still.jpg.new still.jpg
check changed_from "$before" 10
check said "rendered again"
still=$(sum)
head -c 3000 "$repo/content/images/honeyland.jpg" >still.jpg     # cut short, in place
check said "the last good PDF is kept"
check grep -q "guide.yaml:[0-9]*:[0-9]*: error: .*still.jpg" "$tmp/watch.err"
check test "$(sum)" = "$still"
cp "$repo/content/images/honeyland.jpg" still.jpg
check changed_from "$still" 10
before=$(sum)
cp "$repo/fonts/OpenSans-Regular.ttf" head.ttf
check changed_from "$before" 10
check grep -q OpenSans <(pdffonts guide.pdf)
before=$(sum)
cp "$repo/content/images/riverside-logo.png" logo.png 2>/dev/null || cp "$repo/content/images/cinemateca-logo.png" logo.png
check changed_from "$before" 10
kill -INT $pid
wait $pid
check test $? = 0

# a season file: a save of a film it lists (in another folder) renders the combined PDF again
mkdir -p "$tmp/season/films" && cd "$tmp/season" || exit 1
cp "$dir/guide.yaml" films/a.yaml && cp "$dir/guide.yaml" films/b.yaml && cp "$dir/poster.png" "$dir/still.jpg" films/
printf 'films:\n  - {film: films/a.yaml, date: 2027-03-12}\n  - {film: films/b.yaml, date: 2027-04-09}\n' >season.yaml
timeout 60 "$bin" --watch -o guide.pdf season.yaml 2>"$tmp/watch.err" &
pid=$!
check changed_from none
before=$(sum)
sed -i 's/^  title: .*/  title: A Film Of The Season/' films/b.yaml
check changed_from "$before"
check grep -q "A Film Of The Season" <(pdftotext guide.pdf -)
before=$(sum)
cp "$repo/content/images/last-train-home.png" films/still.jpg   # an image a film names
check changed_from "$before" 10
kill -INT $pid
wait $pid
check test $? = 0

# -o - cannot be watched: a bad command line
cd "$repo" || exit 1
timeout 10 "$bin" --watch -o - content/honeyland.yaml >/dev/null 2>"$tmp/stdout.err"; check test $? = 2
check grep -q "name a file with -o" "$tmp/stdout.err"

summary watch
