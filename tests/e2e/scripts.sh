#!/usr/bin/env bash
# End-to-end tests of the world's scripts: text in each script the README
# lists prints in a font made for it, found by fontconfig from the packages
# `make deps` installs (no missing-glyph warning, the font embedded), and a
# brand's `fallback:` list is tried before that search.
# Usage: scripts.sh GUIDEPRESS
. "$(dirname "$0")/harness.bash" "$1"

# script name | sample text | a font family (pdffonts) that must print it
scripts=(
  "Devanagari|हिन्दी सिनेमा|NotoSansDevanagari"
  "Bengali|বাংলা চলচ্চিত্র|NotoSansBengali"
  "Tamil|தமிழ் திரைப்படம்|NotoSansTamil"
  "Thai|ภาพยนตร์ไทย|NotoSansThai"
  "Khmer|ភាពយន្តខ្មែរ|NotoSansKhmer"
  "Lao|ຮູບເງົາລາວ|NotoSansLao"
  "Myanmar|မြန်မာရုပ်ရှင်|NotoSansMyanmar"
  "Ethiopic|የአማርኛ ፊልም|NotoSansEthiopic"
  "Georgian|ქართული კინო|NotoSansGeorgian"
  "Armenian|Հայկական կինո|NotoSansArmenian"
  "Greek|Ελληνικός κινηματογράφος|"
  "Cyrillic|Русское кино|"
  "Vietnamese|Điện ảnh Việt Nam|"
  "Japanese|日本の映画|NotoSerifCJKjp"
  "Korean|한국 영화|NotoSerifCJKkr"
  "Chinese|中国电影|NotoSerifCJKsc"
  "Arabic|السينما العربية|NotoNaskhArabic"
  "Hebrew|קולנוע ישראלי|NotoSerifHebrew"
  "Urdu|اردو فلمیں اور ڈرامے|NotoNaskhArabic"
)
for entry in "${scripts[@]}"; do
  IFS='|' read -r name text font <<<"$entry"
  cat >"$tmp/$name.yaml" <<YAML
film:
  title: "$text"
  director: D
sections:
  - type: text
    body: "In the original: $text."
YAML
  "$bin" -o "$tmp/$name.pdf" "$tmp/$name.yaml" 2>"$tmp/$name.err"
  check test -s "$tmp/$name.pdf"
  if grep -q "no font has a glyph" "$tmp/$name.err"; then bad "$name: $(head -2 "$tmp/$name.err")"; else ok; fi
  if [ -n "$font" ]; then
    if pdffonts "$tmp/$name.pdf" | grep -q "$font"; then ok
    else bad "$name: no $font font embedded: $(pdffonts "$tmp/$name.pdf" | tail -n +3 | awk '{print $1}' | tr '\n' ' ')"; fi
  fi
done

# The script table's faces (src/style/script_fonts.c): beside the sans
# heading face, the sans design (Noto Sans CJK, in its Japanese forms for a
# title with kana); Arabic in Naskh, not the display face Noto Kufi that
# fontconfig ranks first; a guide in Urdu in Nastaliq.
check grep -q NotoSansCJKjp <(pdffonts "$tmp/Japanese.pdf")
check grep -q NotoSansArabic <(pdffonts "$tmp/Arabic.pdf")
if { pdffonts "$tmp/Arabic.pdf"; pdffonts "$tmp/Urdu.pdf"; } | grep -q Kufi; then bad "Arabic printed in Noto Kufi"; else ok; fi
sed 's/^film:/language: ur\nfilm:/' "$tmp/Urdu.yaml" >"$tmp/ur.yaml"
"$bin" -o "$tmp/ur.pdf" "$tmp/ur.yaml" 2>"$tmp/ur.err"
check grep -q NotoNastaliqUrdu <(pdffonts "$tmp/ur.pdf")
check test ! -s "$tmp/ur.err"
# a whole guide in Urdu (the sample): Nastaliq, every word given back exactly
# (each cascading word one /ActualText span, drawn from its leftmost glyph to
# its rightmost, the face's line height given as a Latin one's) on the small
# pages too (glyphs.sh reads every sample at each brand's own size).
urdu=content/joyland.yaml
for brand in content/brands/*.yaml; do
  for paper in a5 half-letter; do
    pdf=$tmp/joyland-$(basename "$brand" .yaml)-$paper.pdf
    "$bin" -b "$brand" --paper $paper -o "$pdf" "$urdu" 2>"$tmp/joyland.err"
    check test ! -s "$tmp/joyland.err"
    check grep -q NotoNastaliqUrdu <(pdffonts "$pdf")
    if pdftotext "$pdf" "$tmp/joyland.txt" && tests/e2e/check_exact_text.py "$urdu" "$tmp/joyland.txt" >"$tmp/joyland.out"
    then ok; else bad "$urdu ($brand, $paper): $(head -3 "$tmp/joyland.out")"; fi
  done
done

# A brand's fallback list comes first: a brand naming DejaVu Sans prints
# Hebrew with it, not with the Noto font the search would find.
cat >"$tmp/dejavu.yaml" <<'YAML'
fonts:
  fallback: [DejaVu Sans]
YAML
"$bin" -b "$tmp/dejavu.yaml" -o "$tmp/brand.pdf" "$tmp/Hebrew.yaml" 2>"$tmp/brand.err"
check grep -q DejaVuSans <(pdffonts "$tmp/brand.pdf")
if pdffonts "$tmp/brand.pdf" | grep -q NotoSansHebrew; then bad "the brand's fallback was not tried first"; else ok; fi

# fontconfig's answers are kept for the process: in a batch, every guide
# still gets the fonts they found (the brand's fallback family, the font
# found for a script) and its own warning for a character no font has.
mkdir -p "$tmp/batch"
for i in 1 2 3; do
  printf 'film:\n  title: T%s\n  director: D\nsections:\n  - type: text\n    body: "קולנוע ישראלי हिन्दी सिनेमा \\u0378"\n' "$i" >"$tmp/batch/g$i.yaml"
done
"$bin" -j 1 -b "$tmp/dejavu.yaml" -o "$tmp/batch-out/" "$tmp/batch" 2>"$tmp/batch.err"
for i in 1 2 3; do
  check grep -q DejaVuSans <(pdffonts "$tmp/batch-out/g$i.pdf")
  check grep -q NotoSansDevanagari <(pdffonts "$tmp/batch-out/g$i.pdf")
  check test "$(grep -c "g$i.yaml.*U+0378" "$tmp/batch.err")" = 1
done

# A character no installed font has still gets its warning, once.
printf 'film:\n  title: T\n  director: D\nsections:\n  - type: text\n    body: "a \\U000F0001 \\uFDD1x \\u0378 \\u0378"\n' >"$tmp/none.yaml"
"$bin" -o "$tmp/none.pdf" "$tmp/none.yaml" 2>"$tmp/none.err"
check test "$(grep -c 'U+0378' "$tmp/none.err")" = 1

# Thai, written without spaces, breaks between dictionary words only: a
# paragraph of three words over and over, each line made of whole words.
words=$(for i in $(seq 40); do printf 'ภาพยนตร์เรื่องนี้'; done)
printf 'film:\n  title: T\n  director: D\nlanguage: th\nsections:\n  - type: text\n    body: "%s"\n' "$words" >"$tmp/thai.yaml"
"$bin" -q --dump-dlist "$tmp/thai.dl" -o "$tmp/thai.pdf" "$tmp/thai.yaml" 2>"$tmp/thai.err"
check test ! -s "$tmp/thai.err"   # Thai is not hyphenated: no warning that it has no patterns
lines=$(grep -o '"ภาพ[^"]*"\|"เรื่อง[^"]*"\|"นี้[^"]*"' "$tmp/thai.dl" | tr -d '"')
check test "$(printf '%s\n' "$lines" | wc -l)" -ge 3
check test "$(printf '%s' "$lines" | tr -d '\n')" = "$words"
while read -r line; do
  if [[ $line =~ ^(ภาพยนตร์|เรื่อง|นี้)+$ ]]; then ok; else bad "a Thai line breaks inside a word: $line"; fi
done <<<"$lines"

# Typography follows the language: French reviews between « » with narrow
# no-break spaces, the reading list's colon after one, smart quotes as « »;
# German „ “; Japanese 「」. No glyph missing for the spaces. (The display
# list, as pdftotext and mutool turn a narrow no-break space into a space.)
nnbsp=$'\u202f'
for lang in fr de ja; do
  cat >"$tmp/typo-$lang.yaml" <<YAML
film:
  title: Typo
  director: D
language: $lang
smart_punctuation: true
sections:
  - type: reviews
    reviews:
      - quote: Un film remarquable.
        source: Le Monde
  - type: reading
    items:
      - source: Cahiers
        title: Entretien
  - type: text
    body: Il a dit "bonjour" et 'merci'. Vraiment?
YAML
  "$bin" --dump-dlist "$tmp/typo-$lang.dl" -o "$tmp/typo-$lang.pdf" "$tmp/typo-$lang.yaml" 2>"$tmp/typo-$lang.err"
  check test -s "$tmp/typo-$lang.pdf"
  # the text items joined, in the order they were set
  grep '^text' "$tmp/typo-$lang.dl" | sed 's/^[^"]*"\(.*\)" @.*/\1/' | tr -d '\n' >"$tmp/typo-$lang.txt"
  if grep -q "no font has a glyph" "$tmp/typo-$lang.err"; then bad "$lang: $(cat "$tmp/typo-$lang.err")"; else ok; fi
done
for want in "«${nnbsp}Un film remarquable.${nnbsp}»" "Cahiers${nnbsp}: Entretien" \
            "Il a dit «${nnbsp}bonjour${nnbsp}» et “merci”. Vraiment${nnbsp}?"; do
  check grep -qF "$want" "$tmp/typo-fr.txt"
done
check grep -qF "„Un film remarquable.“" "$tmp/typo-de.txt"
check grep -qF "Il a dit „bonjour“ et ‚merci‘. Vraiment?" "$tmp/typo-de.txt"
check grep -qF "「Un film remarquable.」" "$tmp/typo-ja.txt"
check grep -qF "Cahiers：Entretien" "$tmp/typo-ja.txt"

summary scripts.sh
