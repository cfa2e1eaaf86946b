#!/usr/bin/python3
"""Checks a guide's QR codes (README "Print production") against its display list.

usage: check_qr.py DLIST CONTENT BRAND DECODED

DECODED holds one line per code zbarimg read, "PAGE URL". Checked: every
code decodes, on its page, to what the display list says it encodes; the
codes are exactly the printed web and mail addresses (urls of actions,
reviews and reading, links inline in panels and watch items, the brand's
url); modules are at least 0.4 mm; no text enters a code or its quiet zone.
Exit 1 with a message on the first failure."""
import re
import sys
from collections import Counter

import yaml

LINKABLE = re.compile(r"^(https?:|mailto:)\S+$", re.I)
INLINE = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def fail(msg):
    print("check_qr:", msg)
    sys.exit(1)


def display_list(path):
    qrs, texts, page = [], [], 0
    for line in open(path, encoding="utf-8"):
        f = line.split()
        if f[0] == "page":
            page = int(f[1])
        elif f[0] in ("qr", "text"):
            x, y, w, h = map(float, f[1:5])
            if f[0] == "qr":
                side = int(f[f.index("side") + 1])
                url = re.search(r'side \d+ "([^"]*)"', line).group(1)
                qrs.append((page, x, y, w, side, url))
            else:
                texts.append((page, x, y - 0.8 * h, w, h * 1.05, line.strip()))
    return qrs, texts


def strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for v in node.values():
            yield from strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from strings(v)


def expected(content, brand):
    want = []
    for s in content.get("sections", []):
        for key in ("actions", "reviews", "items"):
            for e in s.get(key, []) if s["type"] in ("actions", "reviews", "reading") else []:
                if isinstance(e, dict) and e.get("url"):
                    want.append(e["url"])
        if s["type"] in ("actions", "facts", "watch"):
            for text in strings({k: v for k, v in s.items() if k != "heading"}):
                want += INLINE.findall(text)
    if brand.get("url"):
        want.append(brand["url"])
    return Counter(u for u in want if LINKABLE.match(u))


def main():
    dl, content, brand, decoded = sys.argv[1:5]
    qrs, texts = display_list(dl)
    brand_yaml = yaml.safe_load(open(brand, encoding="utf-8")) if brand != "-" else {}
    want = expected(yaml.safe_load(open(content, encoding="utf-8")), brand_yaml or {})
    got = Counter(q[5] for q in qrs)
    if got != want:
        fail("codes for %s, printed urls %s" % (sorted(got.elements()), sorted(want.elements())))
    read = Counter(tuple(l.split(None, 1)) for l in open(decoded, encoding="utf-8").read().splitlines() if l)
    placed = Counter((str(q[0]), q[5]) for q in qrs)
    if read != placed:
        fail("zbarimg read %s, the display list has %s" % (sorted(read.elements()), sorted(placed.elements())))
    for page, x, y, w, side, url in qrs:
        if w / (side + 8) < 0.4 * 72 / 25.4 - 1e-9:
            fail("%s: modules of %.2f pt, under 0.4 mm" % (url, w / (side + 8)))
        for tp, tx, ty, tw, th, line in texts:
            if tp == page and tx < x + w and tx + tw > x and ty < y + w and ty + th > y:
                fail("text in the code for %s (quiet zone included): %s" % (url, line))
    print("check_qr: %d codes, all read back" % len(qrs))


main()
