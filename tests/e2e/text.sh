#!/usr/bin/env bash
# End-to-end tests of the text stage on hostile text: a huge paragraph and
# a huge word in bounded time and memory, URLs that smart punctuation leaves
# alone, format characters never drawn, soft hyphens drawn only where a line
# breaks, malformed and missing hyphenation patterns (a warning, a guide).
# Inputs are generated here. Usage: text.sh GUIDEPRESS
. "$(dirname "$0")/harness.bash" "$1"

# --- huge text: linear time, bounded memory (README: about 70 bytes a character) ---
# 2 MiB of different words in one paragraph, and 2 MiB without a space. Before
# the fix: 300 MB and 510 MB (every unique word cached, every feasible break
# kept, every character of the long word a break); now under 200 MB.
/usr/bin/python3 - "$tmp" <<'PY'
import random, sys
random.seed(10)
words, size = [], 0
while size < 2 << 20:
    w = "".join(random.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(random.randint(4, 10)))
    words.append(w)
    size += len(w) + 1
head = "film:\n  title: Big\n  director: D\nsections:\n  - type: text\n    body: \""
open(sys.argv[1] + "/words.yaml", "w").write(head + " ".join(words) + "\"\n")
open(sys.argv[1] + "/word.yaml", "w").write(head + "abcdefghij" * ((2 << 20) // 10) + "\"\n")
PY
# (not under ThreadSanitizer: these runs are single-threaded and take minutes
# there; the plain and the ASan runs check them)
[ -n "${TSAN_OPTIONS:-}" ] && huge= || huge="words word"
for f in $huge; do
  timeout 20 /usr/bin/time -f %M -o "$tmp/$f.rss" "$bin" -q -o "$tmp/$f.pdf" "$tmp/$f.yaml" 2>"$tmp/$f.err"
  status=$?
  if [ $status = 0 ] && [ -s "$tmp/$f.pdf" ]; then ok; else bad "$f.yaml: exit status $status: $(head -3 "$tmp/$f.err")"; fi
  rss=$(tail -1 "$tmp/$f.rss")
  # AddressSanitizer's shadow memory and quarantine more than double a run's
  # peak: the sanitized build gets a bound to match
  # (glyph runs: each character's glyph, 16 bytes, in the paragraph and in its line)
  bound=280000; [ -n "${ASAN_OPTIONS:-}" ] && bound=720000
  if [ "${rss:-999999999}" -lt $bound ]; then ok; else bad "$f.yaml: peak memory $rss KB, over $bound KB"; fi
done

# --- smart punctuation leaves URLs and link targets as written ---
cat >"$tmp/urls.yaml" <<'YAML'
film:
  title: Links
  director: D
smart_punctuation: true
sections:
  - type: text
    body: |
      See https://example.org/a--b/it's---here and "www.example.org/x--y". Read [https://example.org/c--d'e](https://example.org/c--d'e) or [the "page"](https://example.org/f--g'h) -- and (https://en.wikipedia.org/wiki/X_(film)) now.
  - type: actions
    actions:
      - text: Sign the "petition" -- today
        url: https://example.org/sign--up/'now'
  - type: reading
    items:
      - source: The "Guardian"
        url: https://example.org/read---it
YAML
"$bin" -q --dump-dlist "$tmp/urls.dl" -o "$tmp/urls.pdf" "$tmp/urls.yaml"
check test -s "$tmp/urls.pdf"
for s in '"See https://example.org/a--b/it'"'"'s---here and “www.example.org/x--y”. Read "' \
         '"https://example.org/c--d'"'"'e" @' '"the “page”" @' '" – and (https://en.wikipedia.org/wiki/X_(film)) now." @' \
         '"Sign the “petition” – today" @' '"https://example.org/sign--up/'"'"'now'"'"'" @' \
         '"The “Guardian”" @' '"https://example.org/read---it" @'; do
  if grep '^text' "$tmp/urls.dl" | grep -qF "$s"; then ok; else bad "smart URLs: no text $s"; fi
done
for u in "https://example.org/c--d'e" "https://example.org/f--g'h" "https://example.org/sign--up/'now'" \
         "https://example.org/read---it"; do
  if grep -qF "\"$u\" @" <(grep '^link' "$tmp/urls.dl"); then ok; else bad "smart URLs: no link to $u"; fi
done

# --- format characters are never drawn; a soft hyphen only where a line breaks ---
/usr/bin/python3 - "$tmp/invisible.yaml" <<'PY'
import sys
marks = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff", "\u202a", "\u202b", "\u202c",
         "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u061c", "\u180e", "\u034f", "\ufe0f",
         "\U000e0041", "\u00ad"]
# an embedding, override or isolate ends within its pair: left open it would
# (by the bidirectional algorithm) turn the rest of the paragraph round
close = {m: "\u202c" for m in "\u202a\u202b\u202d\u202e"}
close.update({m: "\u2069" for m in "\u2066\u2067\u2068"})
pairs = " ".join("[a%sb%s]" % (m, close.get(m, "")) for m in marks)
shy = "Co\u00adop\u00ader\u00ada\u00adtion mid-line, and " + "\u00ad".join(["syllable"] * 12) + " after."
body = "%s\\n\\n%s" % (pairs, shy)
open(sys.argv[1], "w").write('film:\n  title: Invisible\n  director: D\nsections:\n  - type: text\n    body: "%s"\n'
                             % body)
PY
"$bin" -q --dump-dlist "$tmp/invisible.dl" -o "$tmp/invisible.pdf" "$tmp/invisible.yaml" 2>"$tmp/invisible.err"
check test ! -s "$tmp/invisible.err"   # no "no font has a glyph for U+200B"
pdftotext "$tmp/invisible.pdf" "$tmp/invisible.txt"
/usr/bin/python3 - "$tmp/invisible.dl" "$tmp/invisible.txt" <<'PY' && ok || bad "format characters drawn, or soft hyphens wrong"
import re, sys, unicodedata
dl = open(sys.argv[1], encoding="utf-8").read()
txt = open(sys.argv[2], encoding="utf-8").read()
texts = [m.group(1) for m in re.finditer(r'^text .*? face \d+ "(.*)" @', dl, re.M)]
problems = []
# the hyphen a line break adds is a soft hyphen in the text (PDF 1.7 14.8.2.5): one at a line's end is drawn
at_line_ends = re.compile("\u00ad(\n|$)")
for name, s, by_run in (("display list", "".join(texts), "\n".join(texts)), ("pdftotext", txt, txt)):
    drawn = sorted({"U+%04X" % ord(c) for c in at_line_ends.sub(r"\1", by_run) if unicodedata.category(c) == "Cf"
                    or 0xFE00 <= ord(c) <= 0xFE0F or ord(c) == 0x34F})
    if drawn:
        problems.append("%s has %s" % (name, " ".join(drawn)))
    if s.count("[ab]") != 22:
        problems.append("%s has %d of 22 [ab]" % (name, s.count("[ab]")))
    if "Cooperation mid-line" not in s:
        problems.append("%s lacks 'Cooperation mid-line'" % name)
ends = [t for t in texts if t.endswith("syllable\u00ad")]   # broken at a soft hyphen
if len(ends) != 1:
    problems.append("%d lines end at a soft hyphen, expected 1: %s" % (len(ends), texts))
if any(t.endswith(("-", "\u00ad")) and not t.endswith("syllable\u00ad") for t in texts):
    problems.append("a hyphen elsewhere: %s" % texts)
if "".join(texts).replace("syllable\u00ad", "syllable").count("syllable") != 12:
    problems.append("syllables lost: %s" % texts)
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
PY

# --- hyphenation patterns: malformed files and missing languages are warnings ---
/usr/bin/python3 - "$tmp/fr.yaml" <<'PY'
import random, sys
random.seed(3)   # long words: the paragraph needs hyphens, so the patterns are loaded
words = " ".join("".join(random.choice("abcdefghilmnoprstu") for _ in range(random.randint(9, 16)))
                 for _ in range(200))
open(sys.argv[1], "w").write('film:\n  title: T\n  director: D\nlanguage: fr\nsections:\n  - type: text\n'
                             '    body: "%s"\n' % words)
PY
# file content | line | what the warning says
while IFS='|' read -r content line says; do
  dir=$tmp/hyph-$line-$pass
  mkdir -p "$dir"
  printf "$content" >"$dir/hyph_fr.dic"
  GUIDEPRESS_HYPHEN_DIR=$dir timeout 20 "$bin" -q -o "$tmp/fr.pdf" "$tmp/fr.yaml" 2>"$tmp/fr.err"
  status=$?
  if [ $status = 0 ] && [ -s "$tmp/fr.pdf" ]; then ok; else bad "pattern file '$content': exit status $status"; fi
  expect="$dir/hyph_fr.dic:$line:1: warning: the hyphenation pattern file has $says; \`fr\` is not hyphenated (fix the file, or remove it)"
  if [ "$(cat "$tmp/fr.err")" = "$expect" ]; then ok; else bad "pattern file '$content': stderr '$(cat "$tmp/fr.err")'"; fi
done <<'CASES'
UTF-8\nNOHYPHEN|2|a NOHYPHEN list with an empty item
UTF-8\n1ba\nNOHYPHEN a,,b\n|3|a NOHYPHEN list with an empty item
UTF-8\n1.ab\n|2|a digit before the word-start dot
UTF-8\na1b/x=y,100,5\n|2|a non-standard pattern whose position or length lies outside its letters
UTF-8\nab1/a=b,1,1\n|2|a non-standard pattern with a digit before its first or after its last letter
KOI8-R\n1ba\n|1|no encoding guidepress reads (UTF-8, ISO8859-1, ISO8859-15) on its first line
CASES
# a well-formed file hyphenates, silently
mkdir -p "$tmp/hyph-good"
cp /usr/share/hyphen/hyph_en_US.dic "$tmp/hyph-good/hyph_fr.dic"
GUIDEPRESS_HYPHEN_DIR=$tmp/hyph-good "$bin" -q --dump-dlist "$tmp/fr.dl" -o "$tmp/fr.pdf" "$tmp/fr.yaml" 2>"$tmp/fr.err"
check test ! -s "$tmp/fr.err"
check grep -q -- $'\u00ad" @' "$tmp/fr.dl"   # a break's hyphen: a soft hyphen in the text
# no patterns at all: once per run, at the language: line, naming the package
mkdir -p "$tmp/hyph-none" "$tmp/out"
cp "$tmp/fr.yaml" "$tmp/fr2.yaml"
GUIDEPRESS_HYPHEN_DIR=$tmp/hyph-none "$bin" -q -o "$tmp/out/" "$tmp/fr.yaml" "$tmp/fr2.yaml" 2>"$tmp/fr.err"
check test -s "$tmp/out/fr.pdf"
check test -s "$tmp/out/fr2.pdf"
check test "$(wc -l <"$tmp/fr.err")" = 1
check grep -qE "^$tmp/fr2?\.yaml:4:11: warning: no hyphenation patterns for \`fr\` in $tmp/hyph-none \(GUIDEPRESS_HYPHEN_DIR\), so the guide is not hyphenated; add its pattern file there, or install the Debian package hyphen-fr and unset GUIDEPRESS_HYPHEN_DIR\$" "$tmp/fr.err"
# the brand's language: at the brand's line
sed '/^language:/d' "$tmp/fr.yaml" >"$tmp/nolang.yaml"
printf 'name: Club\nlanguage: pt-BR\n' >"$tmp/brand.yaml"
GUIDEPRESS_HYPHEN_DIR=$tmp/hyph-none "$bin" -q -b "$tmp/brand.yaml" -o "$tmp/pt.pdf" "$tmp/nolang.yaml" 2>"$tmp/pt.err"
check grep -qx "$tmp/brand.yaml:2:11: warning: no hyphenation patterns for \`pt-BR\` in $tmp/hyph-none (GUIDEPRESS_HYPHEN_DIR), so the guide is not hyphenated; add its pattern file there, or install the Debian package hyphen-pt-br and unset GUIDEPRESS_HYPHEN_DIR" "$tmp/pt.err"

summary "text e2e"
