#!/usr/bin/env bash
# The command line in hostile situations: no output ever replaces an input
# or anything but a regular file, no guide of a batch is lost, any -j works,
# a closed pipe or a signal leaves nothing behind, modes follow the umask,
# --check fails whatever a real run fails, and every message names the real
# file. Usage: cli.sh GUIDEPRESS
. "$(dirname "$0")/harness.bash" "$1"
said_part() { if grep -qF -- "$1" "$tmp/err"; then ok; else bad "stderr lacks: $1"; sed 's/^/  | /' "$tmp/err"; fi; }
no_temps() { # no temporary file left in a folder
  if [ -z "$(find "$1" -name '*.tmp-*' -o -name 'guidepress-*' | head -1)" ]; then ok; else bad "temporary file left in $1"; fi
}
guide() { # guide FILE [TITLE]: a tiny content file
  printf 'film:\n  title: %s\n  director: D\nsections:\n  - type: text\n    body: A short summary.\n' "${2:-T}" >"$1"
}
pdf_ok() { if qpdf --check "$1" >/dev/null 2>&1; then ok; else bad "$1: not a valid PDF"; fi; }
# unchanged FILE COPY: FILE is still COPY (put back if not, so later tests start clean)
unchanged() { if cmp -s "$1" "$2"; then ok; else bad "$1 was changed"; rm -f "$1"; cp "$2" "$1"; fi; }

cd "$tmp"
mkdir images
cp "$repo/content/images/honeyland.jpg" "$repo/content/images/influence-logo.png" images/
guide a.yaml A
guide b.yaml B
cp a.yaml a.orig

# --- 1. an output never replaces an input ---
status 2 "$bin" -q -o a.yaml a.yaml
said "guidepress: the output \`a.yaml\` is the input \`a.yaml\`, which it would replace; name another output with -o"
unchanged a.yaml a.orig
ln a.yaml hard.pdf                       # another name for the same file
status 2 "$bin" -q -o hard.pdf a.yaml
unchanged a.yaml a.orig
printf 'name: Club\nlogo: images/influence-logo.png\nfonts: {body: font.ttf}\n' >brand.yaml
cp "$repo/fonts/Lato-Regular.ttf" font.ttf
cp brand.yaml brand.orig; cp images/influence-logo.png logo.orig; cp font.ttf font.orig
status 2 "$bin" -q -b brand.yaml -o brand.yaml a.yaml
said_part "the output \`brand.yaml\` is the input \`brand.yaml\`"
unchanged brand.yaml brand.orig
status 2 "$bin" -q -b brand.yaml -o images/influence-logo.png a.yaml
unchanged images/influence-logo.png logo.orig
status 2 "$bin" -q -b brand.yaml -o font.ttf a.yaml
unchanged font.ttf font.orig
status 2 "$bin" -q --dump-dlist a.yaml -o x.pdf a.yaml
unchanged a.yaml a.orig
# a folder output whose <base>.pdf is an input (a content file named g.pdf)
mkdir pdfin && guide pdfin/g.pdf && cp pdfin/g.pdf g.orig
status 2 "$bin" -q -o pdfin/ pdfin/g.pdf
unchanged pdfin/g.pdf g.orig
# a poster, refused at the position that names it, before any guide is built
printf 'film:\n  title: P\n  director: D\n  poster: images/honeyland.jpg\nsections:\n  - type: text\n    body: x\n' >poster.yaml
cp images/honeyland.jpg poster.orig
status 2 "$bin" -q -o images/honeyland.jpg poster.yaml
said "poster.yaml:4:11: error: \`images/honeyland.jpg\` is also the output \`images/honeyland.jpg\` of this run, which would replace it; name another output with -o"
unchanged images/honeyland.jpg poster.orig
status 2 "$bin" -q --check -o images/honeyland.jpg poster.yaml
unchanged images/honeyland.jpg poster.orig
# a section's image too
printf 'film:\n  title: P\n  director: D\nsections:\n  - type: text\n    body: x\n    image: {file: images/honeyland.jpg}\n' >still.yaml
status 2 "$bin" -q -o images/honeyland.jpg still.yaml
said "still.yaml:7:19: error: \`images/honeyland.jpg\` is also the output \`images/honeyland.jpg\` of this run, which would replace it; name another output with -o"
unchanged images/honeyland.jpg poster.orig
# ... and the poster of ANOTHER guide of the batch: nothing is written, whichever guide
# would come first (b's poster is a's output; c's poster is c.pdf beside it, by a
# symbolic link and a ./ path)
mkdir -p lossout && cp images/honeyland.jpg lossout/a.pdf && cp lossout/a.pdf a-poster.orig
printf 'film:\n  title: B\n  director: D\n  poster: lossout/a.pdf\nsections:\n  - type: text\n    body: x\n' >b-poster.yaml
status 2 "$bin" -q -j 1 -o lossout/ a.yaml b-poster.yaml
said "b-poster.yaml:4:11: error: \`lossout/a.pdf\` is also the output \`lossout/a.pdf\` of this run, which would replace it; name another output with -o"
unchanged lossout/a.pdf a-poster.orig
check test ! -e lossout/b-poster.pdf
# an output that is a PDF already is no image a guide can read: the posters are
# not looked for then (no content file parsed twice); the guide naming it as
# its poster fails on it, the other is built again
mkdir -p pdfagain && "$bin" -q -o pdfagain/ a.yaml
printf 'film:\n  title: C\n  director: D\n  poster: pdfagain/a.pdf\nsections:\n  - type: text\n    body: x\n' >c-poster.yaml
status 1 "$bin" -q -j 1 -o pdfagain/ a.yaml c-poster.yaml
said "c-poster.yaml:4:11: error: poster \`pdfagain/a.pdf\`: not a PNG or JPEG image (it looks like PDF)"
pdf_ok pdfagain/a.pdf
check test ! -e pdfagain/c-poster.pdf
mkdir -p side && cp images/honeyland.jpg side/c.pdf && ln -s c.pdf side/link.jpg && guide side/a.yaml
printf 'film:\n  title: C\n  director: D\n  poster: ./link.jpg\nsections:\n  - type: text\n    body: x\n' >side/c.yaml
status 2 "$bin" -q -o side/ side/
said_part "side/c.yaml:4:11: error: \`side/./link.jpg\` is also the output \`side/c.pdf\` of this run"
unchanged side/c.pdf a-poster.orig
check test ! -e side/a.pdf

# --- 2. two inputs with one base name into one folder: reported, the summary true ---
mkdir d1 d2 && guide d1/x.yaml One && guide d2/x.yaml Two
status 1 "$bin" -o out2/ d1/x.yaml d2/x.yaml
said "d2/x.yaml: error: its guide \`out2/x.pdf\` would overwrite the guide of \`d1/x.yaml\` (one base name, one folder); rename one of them or build them into different folders"
check grep -qE "^1 written, 1 failed, [0-9.]+ s$" "$tmp/err"
check grep -q "One" <(pdftotext out2/x.pdf -)
mkdir same && guide same/x.yaml && guide same/x.yml
status 1 "$bin" -q -o out3/ same/
said_part "same/x.yml: error: its guide \`out3/x.pdf\` would overwrite the guide of \`same/x.yaml\`"

# --- 3. a missing input: named, every other guide still written ---
status 1 "$bin" -o out/ a.yaml missing.yaml b.yaml
said "missing.yaml: error: cannot open (No such file or directory); check the path"
check grep -qE "^2 written, 1 failed, [0-9.]+ s$" "$tmp/err"
check test -s out/a.pdf
check test -s out/b.pdf

# --- 4. any accepted -j works: 600 guides at -j 300 (the bound itself: tests/unit/test_fsio.c) ---
mkdir many
for i in $(seq 1 600); do guide many/g$i.yaml "G$i"; done
status 0 timeout 60 "$bin" -q -j 300 -o manyout/ many/
check test "$(ls manyout | grep -c '\.pdf$')" = 600
check test ! -s "$tmp/err"
no_temps manyout
# ... even with few file descriptors: jobs are kept within the limit
(ulimit -n 32; "$bin" -q -j 300 -o fdout/ many/ 2>"$tmp/err"; echo $? >st)
check test "$(cat st)" = 0
check test "$(ls fdout | grep -c '\.pdf$')" = 600
check test ! -s "$tmp/err"

# --- 5. a closed stderr pipe does not stop the batch; SIGQUIT cleans up ---
rm -rf piped && timeout 60 "$bin" -j 2 -o piped/ many/ 2>&1 | head -1 >/dev/null
check test "$(ls piped | grep -c '\.pdf$')" = 600
no_temps piped
mkdir big
for i in $(seq 1 100); do sed "s/^  title: .*/  title: Guide $i/" "$repo/content/last-train-home.yaml" >big/g$i.yaml; done
cp -r "$repo/content/images" big/
# with_signal SIG default|ignore CMD...: CMD with SIG's disposition set (a
# background job of a script starts with SIGQUIT and SIGINT ignored)
with_signal() {
  exec /usr/bin/python3 -c 'import os, signal, sys
signal.signal(getattr(signal, "SIG" + sys.argv[1]), signal.SIG_DFL if sys.argv[2] == "default" else signal.SIG_IGN)
os.execv(sys.argv[3], sys.argv[3:])' "$@"
}
wait_for() { # wait_for PATTERN FOLDER: until a file matching PATTERN appears (5 s at most)
  for _ in $(seq 1 500); do
    ls "$2" 2>/dev/null | grep -q "$1" && return
    sleep 0.01
  done
}
mkdir qtmp
TMPDIR=$tmp/qtmp with_signal QUIT default "$bin" -q -j 2 -o quit/ big/ 2>/dev/null &
pid=$!
wait_for '\.tmp-' quit   # quit while a guide is being written
kill -QUIT $pid
{ wait $pid; } 2>/dev/null   # no "Quit" notice from the shell
st=$?
if [ $st -gt 128 ]; then ok; else bad "kill -QUIT: exit status $st"; fi
no_temps quit
check test -z "$(ls -A qtmp)"
# under nohup (SIGHUP ignored when the run starts), SIGHUP stays ignored
with_signal HUP ignore "$bin" -q -j 2 -o nohup/ big/ 2>/dev/null &
pid=$!
wait_for '\.pdf$' nohup
kill -HUP $pid
wait $pid
check test $? = 0
check test "$(ls nohup | grep -c '\.pdf$')" = 100
# a file-size limit (SIGXFSZ): an error naming the output, nothing left behind
(ulimit -f 8; "$bin" -q -o limited.pdf "$repo/content/last-train-home.yaml" 2>"$tmp/err"; echo $? >st)
check test "$(cat st)" = 1
said "limited.pdf: error: cannot write the guide (File too large)"
check test ! -e limited.pdf
no_temps .

# --- 6. only regular files are replaced; -o - is standard output ---
echo keep >target.txt && ln -s target.txt link.pdf
status 2 "$bin" -q -o link.pdf a.yaml
said "guidepress: the output \`link.pdf\` is a symbolic link; guidepress replaces only regular files: remove it or name another path"
check test -L link.pdf
check grep -qx keep target.txt
mkfifo fifo.pdf
status 2 timeout 10 "$bin" -q -o fifo.pdf a.yaml
said_part "the output \`fifo.pdf\` is a FIFO"
mkdir folder.pdf
status 2 "$bin" -q -o folder.pdf a.yaml
said "guidepress: the output \`folder.pdf\` is a folder; guidepress replaces only regular files: remove it or name another path (a folder path ends in /)"
check test -z "$(ls -A folder.pdf)"
mkdir linked && ln -s ../target.txt linked/a.pdf   # inside an output folder too
status 2 "$bin" -q -o linked/ a.yaml
check grep -qx keep target.txt
status 0 "$bin" -q -o - a.yaml >stdout.pdf
pdf_ok stdout.pdf
check test ! -e ./-
status 2 "$bin" -q -o - a.yaml >>a.yaml   # standard output appending to the input
unchanged a.yaml a.orig
status 2 "$bin" -q -o - a.yaml b.yaml
said "guidepress: -o - writes one guide to standard output; give one content file"

# --- 7. modes: 0666 less the umask for a new file; a replaced file keeps its mode ---
(umask 077; "$bin" -q -o private.pdf a.yaml)
check test "$(stat -c %a private.pdf)" = 600
(umask 077; "$bin" -q -o privdir/ a.yaml b.yaml)
check test "$(stat -c %a privdir/b.pdf)" = 600
(umask 022; "$bin" -q -o public.pdf a.yaml)
check test "$(stat -c %a public.pdf)" = 644
echo old >kept.pdf && chmod 600 kept.pdf
(umask 022; "$bin" -q -o kept.pdf a.yaml)
check test "$(stat -c %a kept.pdf)" = 600
pdf_ok kept.pdf

# --- 8. SOURCE_DATE_EPOCH is validated ---
for v in abc 12x -5 " 1" 99999999999999999999 253402300800; do
  SOURCE_DATE_EPOCH=$v status 2 "$bin" -q -o sde.pdf a.yaml
  said "guidepress: SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, at most 253402300799 (the end of 9999), not \`$v\`; unset it to write no dates"
  check test ! -e sde.pdf
done
SOURCE_DATE_EPOCH=253402300799 status 0 "$bin" -q -o sde.pdf a.yaml
check grep -q "CreationDate: .*9999" <(TZ=UTC pdfinfo sde.pdf)

# --- 9. an empty folder; -o x.pdf with one film in a folder; several into x.pdf ---
mkdir empty
status 1 "$bin" -q empty
said "empty: error: the folder has no content files (*.yaml or *.yml); nothing to build from it"
mkdir one && guide one/film.yaml
status 0 "$bin" -q -o guide.pdf one/
check test -f guide.pdf
pdf_ok guide.pdf
# several into x.pdf: one combined PDF (README "A season in one command"; tests/e2e/season.sh checks it)
status 0 "$bin" -q -o combined.pdf a.yaml b.yaml
pdf_ok combined.pdf
mkdir two && guide two/a.yaml && guide two/b.yaml
status 0 "$bin" -q -o combined2.pdf two/
check test "$(pdfinfo combined2.pdf | awk '/^Pages:/ {print $2}')" -gt "$(pdfinfo guide.pdf | awk '/^Pages:/ {print $2}')"
status 2 "$bin" -q -o - a.yaml b.yaml
said "guidepress: -o - writes one guide to standard output; give one content file"

# --- 10. --check fails what a real run fails, and writes nothing ---
/usr/bin/python3 - pages.yaml <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("film:\n  title: Long\n  director: D\nsections:\n  - type: questions\n    notes: false\n    questions:\n")
    for i in range(60000):
        f.write("      - Is question %d one too many for a film club handout?\n" % i)
PY
status 1 timeout 60 "$bin" -q --check -o chk/ pages.yaml
said_part "error: the guide runs past the limit of 2000 pages here"
head -c 20000 "$repo/fonts/Lato-Regular.ttf" >truncated.ttf
printf 'fonts: {body: truncated.ttf}\n' >trunc-brand.yaml
status 1 "$bin" -q --check -b trunc-brand.yaml -o chk/ a.yaml
said_part 'trunc-brand.yaml:1:15: error: font `truncated.ttf` is truncated or damaged'
status 1 "$bin" -q --check -b trunc-brand.yaml -o chk.pdf a.yaml
check test ! -e chk
check test ! -e chk.pdf
no_temps .

# --- 11. every message names the real file ---
mkfifo input.yaml
status 1 timeout 10 "$bin" -q -o fifo-in.pdf input.yaml
said "input.yaml: error: \`input.yaml\` is not a regular file (it is a FIFO); name a file"
status 1 "$bin" -q -o no-such-folder/x.pdf a.yaml
said "no-such-folder/x.pdf: error: cannot write the guide here (No such file or directory); its folder must exist and be writable"
status 1 "$bin" -q -o /proc/guidepress-test.pdf a.yaml   # fails for root too
said_part "/proc/guidepress-test.pdf: error: cannot write the guide here"
if grep -q '\.tmp-' "$tmp/err"; then bad "a message names a temporary file"; else ok; fi
status 2 "$bin" -q --dump-dlist no-such-folder/x.dl -o dl.pdf a.yaml
said_part "cannot write \`no-such-folder/x.dl\`"
no_temps .
# the display lists' file is written as a PDF is, renamed into place: a
# hard link to the old one keeps the old text
echo old >old.dl && ln old.dl keep.dl
status 0 "$bin" -q --dump-dlist old.dl -o dl.pdf a.yaml
check grep -q "^document " old.dl
check grep -qx old keep.dl
no_temps .

# --- 12. --timings accounts for the run: a line per guide (its stages and
# its close), then one for the process whose parts add up to its total ---
guide t1.yaml T1
guide t2.yaml T2
status 0 "$bin" -q --timings -o timed/ t1.yaml t2.yaml
check test "$(grep -cE '^timings: t[12]\.yaml: load [0-9.]+ ms, layout [0-9.]+ ms, fonts [0-9.]+ ms, write [0-9.]+ ms, [0-9]+ pages, close [0-9.]+ ms$' "$tmp/err")" = 2
check python3 - "$tmp/err" <<'PY'
import re, sys
run = [l for l in open(sys.argv[1]) if l.startswith("timings: run: ")]
m = re.fullmatch(r"timings: run: start ([\d.]+) ms, setup ([\d.]+) ms, guides ([\d.]+) ms, "
                 r"finish ([\d.]+) ms, total ([\d.]+) ms\n", run[-1]) if len(run) == 1 else None
parts = [float(x) for x in m.groups()] if m else [0] * 5
sys.exit(0 if m and parts[0] > 0 and parts[2] > 0 and abs(sum(parts[:4]) - parts[4]) <= 0.03 else 1)
PY
# a combined PDF: each guide's load and layout, then the file's fonts, writing and close
status 0 "$bin" -q --timings -o timed.pdf t1.yaml t2.yaml
check test "$(grep -cE '^timings: t[12]\.yaml: load [0-9.]+ ms, layout [0-9.]+ ms, [0-9]+ pages$' "$tmp/err")" = 2
check grep -qE '^timings: timed\.pdf: fonts [0-9.]+ ms, write [0-9.]+ ms, [0-9]+ pages, close [0-9.]+ ms$' "$tmp/err"
check grep -qE '^timings: run: ' "$tmp/err"
status 0 "$bin" -q -o untimed.pdf a.yaml
if grep -q '^timings:' "$tmp/err"; then bad "timings printed without --timings"; else ok; fi

summary "cli"
