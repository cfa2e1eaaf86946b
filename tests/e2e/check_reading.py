#!/usr/bin/env python3
"""The reading order a screen reader gets: `pdfinfo -struct-text` output
against the content file and the display-list dump. Usage:
check_reading.py STRUCT.txt CONTENT.yaml DUMP.dl; exit 1 with one line per
failure.

- the film's title is the H1, before the first H2;
- one H2 per section, in the content's order (the back page's may follow);
- a section's pull quote is read after its section's text and before the
  next section's heading;
- no footer and no repeated "(continued)" heading is read;
- every paragraph of the sections' bodies, themes, questions and facts is read
  word for word: words at line ends apart, a hyphenated word whole.
Text is compared by its letters and digits only (the word check, word by
word): smart punctuation and markup do not count.
"""
import re
import sys
import unicodedata

import yaml

struct_path, content_path, dump_path = sys.argv[1:4]
fails = []


def letters(s):
    return "".join(c for c in s if c.isalnum())


def plain(rich):
    """Rich text without its markup: link targets and emphasis marks gone."""
    rich = re.sub(r"\]\([^)]*\)", "", rich)
    return rich.replace("*", "").replace("[", "").replace("\\", "")


# the struct text: element lines and quoted text lines, by indentation;
# the text of inline elements (a Span of another language, a Link) is its
# block's
INLINE = ("Span", "Link")
elements = []   # [tag, text] for every block element, in order
open_blocks = []  # (indent, index in elements) of the blocks enclosing the line
for line in open(struct_path, encoding="utf-8"):
    stripped = line.strip()
    if not stripped:
        continue
    indent = len(line) - len(line.lstrip())
    while open_blocks and open_blocks[-1][0] >= indent:
        open_blocks.pop()
    if stripped.startswith('"'):
        if open_blocks:
            elements[open_blocks[-1][1]][1] += stripped[1:-1]
    elif stripped.split()[0] not in INLINE:
        elements.append([stripped.split()[0], ""])
        open_blocks.append((indent, len(elements) - 1))


def logical(text):
    """poppler gives an element's text in drawing order: words in reading
    order, but a right-to-left word's glyphs drawn from its left, so its
    letters reversed; they are put back in order (a word of Latin letters
    or digits, drawn left to right, is left as it is)."""
    def word(w):
        rtl = any(unicodedata.bidirectional(c) in ("R", "AL") for c in w)
        return w[::-1] if rtl else w
    return re.sub(r"\S+", lambda m: word(m.group(0)), text)


for e in elements:
    e[1] = logical(e[1])
read = "".join(letters(t) for _, t in elements)

content = yaml.safe_load(open(content_path, encoding="utf-8"))
sections = content["sections"]
h1 = [t for tag, t in elements if tag == "H1"]
h2 = [t for tag, t in elements if tag == "H2"]
if [letters(t) for t in h1] != [letters(content["film"]["title"])]:
    fail_title = f"H1 {h1!r}, want the title {content['film']['title']!r}"
    fails.append(fail_title)
if len(h2) not in (len(sections), len(sections) + 1):
    fails.append(f"{len(h2)} H2 headings for {len(sections)} sections")
for s, heading in zip(sections, h2):
    if s.get("heading") and letters(s["heading"]) != letters(heading):
        fails.append(f"H2 {heading!r} where the section's heading {s['heading']!r} belongs")


def position(snippet, start=0):
    return read.find(snippet, start) if snippet else -1


def last_text(s):
    """The section's last paragraph of text (its body's, its last entry's)."""
    texts = []

    def collect(v, key=None):
        if key in ("quote", "heading", "type", "facilitator", "url", "notes", "value"):
            return
        if isinstance(v, str):
            texts.append(v)
        elif isinstance(v, list):
            for x in v:
                collect(x)
        elif isinstance(v, dict):
            for k, x in v.items():
                collect(x, k)

    collect(s)
    if not texts:
        return ""
    return letters(plain(texts[-1].strip().split("\n\n")[-1]))[:24]


cursor = 0
for i, s in enumerate(sections):
    head_at = position(letters(h2[i]) if i < len(h2) else "", cursor)
    next_at = position(letters(h2[i + 1]), head_at + 1) if i + 1 < len(h2) else len(read)
    if head_at < 0:
        fails.append(f"section {i + 1}: its heading is not read")
        continue
    if s.get("quote"):
        q = s["quote"]["text"] if isinstance(s["quote"], dict) else s["quote"]
        quote_at = position(letters(plain(q))[:24])
        body_at = position(last_text(s), head_at)
        if quote_at < 0:
            fails.append(f"section {i + 1}: its quote is not read")
        elif not (head_at < quote_at < next_at and body_at <= quote_at):
            fails.append(f"section {i + 1}: its quote is read at {quote_at}, not after its text ({body_at}) "
                         f"and before the next heading ({next_at})")
    cursor = head_at + 1

# word for word: each paragraph's words in the words read, in order
def words(s):
    """Letters, digits and hyphens: a hyphen the line break added would show."""
    return [w for w in ("".join(c for c in t if c.isalnum() or c == "-") for t in s.split()) if w.strip("-")]


read_words = " " + " ".join(words(" ".join(t for _, t in elements))) + " "
paragraphs = []
for s in sections:
    for field in (s.get("body"), *[t.get("body") for t in s.get("themes", []) if isinstance(t, dict)],
                  *[q for q in s.get("questions", []) if isinstance(q, str)],
                  *[f for f in s.get("facts", []) if isinstance(f, str)]):
        if isinstance(field, str):
            paragraphs += [p for p in field.split("\n\n") if p.strip()]
for p in paragraphs:
    want = " ".join(words(plain(p)))
    if want and " " + want + " " not in read_words:
        fails.append(f"paragraph not read word for word: {p[:60]!r}")
        break

# decoration: footers and repeated headings (text items with no element),
# each run of them on a page read as one text ("Club · Title · 3/10")
item = re.compile(r'^text .*? #[0-9a-f]{6} (\S+)(?: lang \S+)?( node \d+)? face \d+ "(.*)" @')
runs, current = [], None
for line in open(dump_path, encoding="utf-8"):
    m = item.match(line)
    role = m.group(1) if m and not m.group(2) and m.group(1) in ("footer", "heading") else None
    if role and current and current[0] == role:
        current[1] += m.group(3)
        continue
    if current:
        runs.append(current)
    current = [role, m.group(3)] if role else None
if current:
    runs.append(current)
for role, text in runs:
    if letters(text) in read:
        fails.append(f"{role} text is read: {text!r}")
if not any(role == "footer" for role, _ in runs) and len(sections) > 1:
    fails.append("no footer in the dump to check")

for f in fails:
    print(f)
sys.exit(1 if fails else 0)
