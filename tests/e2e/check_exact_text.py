#!/usr/bin/python3
"""Checks that pdftotext gives back every string of a content file exactly,
in logical order: each string (its markup removed) must be in the PDF's text
as it is, character for character, but for the line breaks (a break at a
space, or a hyphen added where a word was broken), runs of white space, the
invisible format characters (never drawn) and what smart punctuation makes
of straight quotes and dashes. Usage: check_exact_text.py CONTENT PDF_TEXT.

A string with right-to-left letters is compared by its words and numbers:
its words (letters with their marks) must come back in their logical order,
every letter and mark exactly, one after the other; its numbers must come
back too. Its punctuation and spaces are not compared: pdftotext (poppler
22) rebuilds a line's logical order from its visual one by turning round
each stretch of right-to-left letters, taking the neutral characters
(spaces, punctuation) beside a number or a left-to-right word into the
left-to-right stretch and keeping numbers side by side in visual order
("2011 · ۱۲۳" comes back "۱۲۳ · 2011") whatever the page shows.
Prints each string that does not come back and exits 1 if there are any."""
import re
import sys
import unicodedata

import yaml

from check_text import NOT_TEXT, strings


def plain(markup):
    markup = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markup)
    escaped = re.findall(r"\\([*\[\]\\_`])", markup)
    markup = re.sub(r"\\[*\[\]\\_`]", "\0", markup)
    markup = re.sub(r"(?<![\w*])[*_]+|[*_]+(?![\w*])", "", markup)
    for c in escaped:
        markup = markup.replace("\0", c, 1)
    return markup


def normal(text):
    """Quotes and dashes as smart punctuation may print them, no format characters, single spaces."""
    text = text.replace("---", "\u2014").replace("--", "\u2013")
    text = re.sub("[\u201c\u201d\u201e\"]", '"', text)
    text = re.sub("[\u2018\u2019\u201a']", "'", text)
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return re.sub(r"\s+", " ", text).strip()


# scripts written without spaces between words: CJK, Thai, Lao, Myanmar, Khmer
CJK = "[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]"


def flowing(raw):
    """The text without what a page break puts into a paragraph (the footer,
    a heading repeated as "... (continued)"), CJK (or Thai...) lines joined without a space."""
    pages = []
    for page in raw.split("\f"):
        lines = [l for l in page.split("\n") if not re.search(r"\b\d+ \w+ \d+$", l) and not l.endswith("(continued)")]
        pages.append("\n".join(lines))
    return re.sub("(?<=%s)\n(?=%s)" % (CJK, CJK), "", "\n".join(pages))


def is_rtl(text):
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


def tokens(text):
    """Words (letters and marks of one direction: a word ends where the
    script's direction changes, as spaces move there) and numbers, in order:
    ("w", word) or ("n", digits)."""
    out, cur, kind = [], "", None
    for c in text:
        cat = unicodedata.category(c)
        rtl = unicodedata.bidirectional(c) in ("R", "AL")
        k = ("wr" if rtl else "wl") if cat[0] == "L" else kind if cat[0] == "M" and kind else "n" if cat == "Nd" else None
        if k != kind and cur:
            out.append((kind, cur))
            cur = ""
        kind = k
        if k:
            cur += c
    if cur:
        out.append((kind, cur))
    return out


def words_back(s, texts):
    """Whether s's words come back in order, one after the other, and its numbers at all."""
    want = tokens(s)
    words = "\x01".join(w for k, w in want if k[0] == "w")
    for t in texts:
        have = tokens(t)
        numbers = {w for k, w in have if k == "n"}
        if ("\x01" + words + "\x01") in ("\x01" + "\x01".join(w for k, w in have if k[0] == "w") + "\x01") and all(
                w in numbers for k, w in want if k == "n"):
            return True
    return False


def main():
    doc = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
    raw = flowing(open(sys.argv[2], encoding="utf-8").read())
    # a line that ends in a hyphen: one the break added (a soft hyphen), or the word's own
    raw = re.sub("\u00ad\n", "", raw)
    texts = [normal(re.sub(r"-\n", "", raw)), normal(re.sub(r"-\n", "-", raw))]
    # a rich-text field loses its markup; a plain one (a link's title) prints it
    missing = []
    for s in strings(doc, skip=NOT_TEXT + ("brand",), urls=False, years=False):
        # a paragraph break between CJK lines comes back as a line break, which flowing() joins
        s = re.sub("(?<=%s)\n+(?=%s)" % (CJK, CJK), "", s)
        forms = [normal(plain(s)), normal(s)]
        if is_rtl(s):
            if not any(words_back(f, texts) for f in forms):
                missing.append(forms[0])
        elif not any(f in t for f in forms for t in texts):
            missing.append(forms[0])
    for s in missing:
        # the longest start of it that is there, to show where it differs
        n = max(k for k in range(len(s) + 1) if any(s[:k] in t for t in texts)) if not is_rtl(s) else 0
        print("not given back exactly: ...%s[HERE]%s..." % (s[max(0, n - 60):n], s[n:n + 40]))
    sys.exit(1 if missing else 0)


if __name__ == "__main__":
    main()
