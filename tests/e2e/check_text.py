#!/usr/bin/python3
"""Checks that every word a content file (and its brand) holds is in the
text pdftotext gets back from the PDF. Usage: check_text.py CONTENT BRAND PDF_TEXT.
Prints the missing words and exits 1 if there are any."""
import re
import sys
import unicodedata

import yaml


NOT_TEXT = ("type", "poster", "logo", "fonts", "colors", "page", "language", "footer", "notes", "url")


def strings(node, key=None, skip=NOT_TEXT, urls=True, years=True):
    """Every string in the YAML but under the keys in skip (paths, types...);
    with urls, a `url` string all the same (printed, not as markup); with
    years, a `year` written as a number (also used by check_exact_text.py)."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k in skip:
                if urls and k == "url" and isinstance(v, str):
                    yield v
                continue
            yield from strings(v, k, skip, urls, years)
    elif isinstance(node, list):
        for v in node:
            yield from strings(v, key, skip, urls, years)
    elif isinstance(node, str):
        yield node
    elif years and isinstance(node, int) and not isinstance(node, bool) and key == "year":
        yield str(node)


def plain(markup):
    markup = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markup)
    markup = re.sub(r"\\([*\[\]\\])", r"\1", markup)
    return markup.replace("*", " ")


def words(text):
    text = unicodedata.normalize("NFC", text)
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")  # ZWNJ, bidi marks: never drawn
    # numbers may be printed in the language's digits (۲۰۱۱ in a Persian guide)
    text = "".join(str(unicodedata.digit(c)) if unicodedata.category(c) == "Nd" else c for c in text)
    out = []
    for w in re.split(r"\s+", text):
        w = w.strip("\"'“”‘’()[],.;:!?…—–-،؛؟«»")
        if w:
            out.append(w.lower().replace("-", "").replace("\u00ad", ""))
    return out


def main():
    content, brand, pdf_text = sys.argv[1], sys.argv[2], sys.argv[3]
    docs = [yaml.safe_load(open(content, encoding="utf-8"))]
    if brand != "-":
        b = yaml.safe_load(open(brand, encoding="utf-8"))
        docs.append({k: v for k, v in b.items() if k in ("name", "tagline", "back_page", "url")})
    text = open(pdf_text, encoding="utf-8").read()
    # a line broken at a hyphen: join the halves (one the break added is a soft hyphen)
    text = re.sub(r"[-\u00ad]\n", "", text)
    text = re.sub(r"/\n", "/", text)  # a url broken after a slash
    have = set(words(text))
    joined = " ".join(words(text))
    missing = []
    for d in docs:
        for s in strings(d):
            for w in words(plain(s)):
                if w not in have and w not in joined:
                    missing.append(w)
    if missing:
        print("missing from the PDF text:", " ".join(sorted(set(missing))[:40]))
        sys.exit(1)


if __name__ == "__main__":
    main()
