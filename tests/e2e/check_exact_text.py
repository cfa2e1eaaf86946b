#!/usr/bin/python3
"""Checks that pdftotext gives back every string of a content file exactly,
in logical order: each string (its markup removed) must be in the PDF's text
as it is, character for character, but for the line breaks (a break at a
space, or a hyphen added where a word was broken), runs of white space, the
invisible format characters (never drawn) and what smart punctuation makes
of straight quotes and dashes. Usage: check_exact_text.py CONTENT PDF_TEXT.
Prints each string that does not come back and exits 1 if there are any."""
import re
import sys
import unicodedata

import yaml

SKIP = ("type", "poster", "logo", "fonts", "colors", "page", "language", "footer", "notes", "url", "brand")


def strings(node, key=None):
    if isinstance(node, dict):
        for k, v in node.items():
            if k not in SKIP:
                yield from strings(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from strings(v, key)
    elif isinstance(node, str):
        yield node


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


CJK = "[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]"


def flowing(raw):
    """The text without what a page break puts into a paragraph (the footer,
    a heading repeated as "... (continued)"), CJK lines joined without a space."""
    pages = []
    for page in raw.split("\f"):
        lines = [l for l in page.split("\n") if not re.search(r"\b\d+ \w+ \d+$", l) and not l.endswith("(continued)")]
        pages.append("\n".join(lines))
    return re.sub("(?<=%s)\n(?=%s)" % (CJK, CJK), "", "\n".join(pages))


def main():
    doc = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
    raw = flowing(open(sys.argv[2], encoding="utf-8").read())
    # a line that ends in a hyphen: one the break added (a soft hyphen), or the word's own
    raw = re.sub("\u00ad\n", "", raw)
    texts = [normal(re.sub(r"-\n", "", raw)), normal(re.sub(r"-\n", "-", raw))]
    # a rich-text field loses its markup; a plain one (a link's title) prints it
    missing = []
    for s in strings(doc):
        forms = [normal(plain(s)), normal(s)]
        if not any(f in t for f in forms for t in texts):
            missing.append(forms[0])
    for s in missing:
        # the longest start of it that is there, to show where it differs
        n = max(k for k in range(len(s) + 1) if any(s[:k] in t for t in texts))
        print("not given back exactly: ...%s[HERE]%s..." % (s[max(0, n - 60):n], s[n:n + 40]))
    sys.exit(1 if missing else 0)


main()
