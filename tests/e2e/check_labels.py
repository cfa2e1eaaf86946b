#!/usr/bin/python3
"""Checks that a guide in a language guidepress has labels for (Persian,
Arabic, Urdu, French, Hindi, Japanese, Korean, Chinese: src/style/brand.c) prints none of its brand's
labels when the brand is written in another language (its `language:`):
no "Notes:" of an English club in an Urdu guide. Usage: check_labels.py
CONTENT BRAND PDF_TEXT. Prints each brand label found and exits 1 if any."""
import sys

import yaml

LABELLED = ("fa", "ar", "ur", "fr", "hi", "ja", "ko", "zh")


def primary(tag):
    return (tag or "en").replace("_", "-").split("-")[0].lower()


def main():
    content, brand, pdf_text = sys.argv[1], sys.argv[2], sys.argv[3]
    guide = yaml.safe_load(open(content, encoding="utf-8"))
    b = yaml.safe_load(open(brand, encoding="utf-8")) if brand != "-" else {}
    language = primary(guide.get("language") or b.get("language") or "en-US")
    if language not in LABELLED or language == primary(b.get("language") or "en-US"):
        return 0
    text = " ".join(open(pdf_text, encoding="utf-8").read().split())
    found = [v for v in (b.get("labels") or {}).values() if " ".join(str(v).split()) in text]
    for v in found:
        print(f"{content} with {brand}: the brand's label {v!r} in a guide in {language}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
