#!/usr/bin/env bash
# End-to-end tests of Chinese, Japanese and Korean guides (tests/fixtures/
# *-ja.yaml, -ko, -zh-hans, -zh-hant): each renders silently in its
# language's design of Noto CJK, its text comes back from pdftotext
# exactly, and a line is one text run per font (kanji and kana, hangul and
# hanja together: src/text/script.c). A character only a CFF
# font has (the Reiwa era sign, Noto CJK's alone) is found by fontconfig.
# Usage: cjk.sh GUIDEPRESS
. "$(dirname "$0")/harness.bash" "$1"

# Two runs side by side on one line (same node, y, face and language, the
# second starting where the first ends) that could have been one.
split_runs() { # DLIST
  awk '$1 == "text" {
    face = ""; node = ""; lang = ""
    for (i = 1; i < NF; i++) { if ($i == "face") face = $(i + 1); if ($i == "node") node = $(i + 1); if ($i == "lang") lang = $(i + 1) }
    key = node " " $3 " " face " " lang
    if (key == last && ($2 - end) < 0.01 && ($2 - end) > -0.01) { print; n++ }
    last = key; end = $2 + $4
  } END { exit n > 0 }' "$1"
}

# fixture | the design of Noto CJK its body text is in | its notes' label
guides=(
  "tokyo-story-ja|NotoSerifCJKjp|メモ："
  "parasite-ko|NotoSerifCJKkr|메모:"
  "still-life-zh-hans|NotoSerifCJKsc|笔记："
  "yi-yi-zh-hant|NotoSerifCJKtc|筆記："
)
for entry in "${guides[@]}"; do
  IFS='|' read -r name design notes <<<"$entry"
  content=tests/fixtures/$name.yaml
  "$bin" -o "$tmp/$name.pdf" --dump-dlist "$tmp/$name.dl" "$content" 2>"$tmp/$name.err"
  check test -s "$tmp/$name.pdf"
  check test ! -s "$tmp/$name.err"
  if pdftotext "$tmp/$name.pdf" "$tmp/$name.txt" && tests/e2e/check_exact_text.py "$content" "$tmp/$name.txt" >"$tmp/$name.out"
  then ok; else bad "$name: $(head -3 "$tmp/$name.out")"; fi
  if pdffonts "$tmp/$name.pdf" | grep -q "$design"; then ok; else bad "$name: not in $design"; fi
  if split_runs "$tmp/$name.dl" >"$tmp/$name.split"; then ok; else bad "$name: runs split in a line: $(head -2 "$tmp/$name.split")"; fi
  # the labels are the guide's language's, also from a brand written in English
  brand=content/brands/influence.yaml
  "$bin" -q -b "$brand" -o "$tmp/$name-brand.pdf" "$content" && pdftotext "$tmp/$name-brand.pdf" "$tmp/$name-brand.txt"
  if tests/e2e/check_labels.py "$content" "$brand" "$tmp/$name-brand.txt"; then ok; else bad "$name: English labels"; fi
  for txt in "$tmp/$name.txt" "$tmp/$name-brand.txt"; do
    if grep -qF "$notes" "$txt"; then ok; else bad "$name: no label $notes in $(basename "$txt")"; fi
  done
done

# The Reiwa era sign: no missing glyph, a Noto CJK face embedded.
cat >"$tmp/reiwa.yaml" <<'YAML'
film:
  title: 令和
  director: D
language: ja
sections:
  - type: text
    body: "㋿元年。"
YAML
"$bin" -o "$tmp/reiwa.pdf" "$tmp/reiwa.yaml" 2>"$tmp/reiwa.err"
check test ! -s "$tmp/reiwa.err"
check grep -q CJK <(pdffonts "$tmp/reiwa.pdf")
if pdftotext "$tmp/reiwa.pdf" - | grep -q "㋿元年"; then ok; else bad "the Reiwa sign is not given back"; fi

summary "cjk"
