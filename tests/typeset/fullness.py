#!/usr/bin/python3
"""Page fullness from display lists (guidepress --dump-dlist): for each guide,
the mean and the least filled share of the text area on its body pages
(the cover and the back page are left out), and its blank pages.

usage: fullness.py DLIST...

A page's fullness is how far down its text area its content reaches: the
text area runs from the highest to the lowest content of any body page of
the guide; the footer (the text on one baseline at the foot of every page)
is not content."""
import sys
from collections import Counter


def pages_of(path):
    pages, cur = [], None
    for line in open(path, encoding="utf-8"):
        f = line.split()
        if f[0] == "page":
            cur = []
            pages.append(cur)
        elif cur is not None and f[0] in ("text", "rect", "rule", "image", "qr"):
            x, y, w, h = map(float, f[1:5])
            top, bottom = (y - 0.8 * h, y + 0.25 * h) if f[0] == "text" else (min(y, y + h), max(y, y + h))
            cur.append((f[0], y, top, bottom))
    return pages


def fullness(path):
    body = pages_of(path)[1:-1]
    baselines = Counter(max((y for k, y, t, b in p if k == "text"), default=None) for p in body if p)
    footer = baselines.most_common(1)[0][0] if baselines else None
    content = [[(t, b) for k, y, t, b in p if not (k == "text" and footer is not None and abs(y - footer) < 0.01)]
               for p in body]
    tops = [t for p in content for t, b in p]
    bottoms = [b for p in content for t, b in p]
    if not tops:
        return None
    area_top, area_bottom = min(tops), max(bottoms)
    fill = [(max(b for t, b in p) - area_top) / (area_bottom - area_top) if p else 0 for p in content]
    return fill, sum(1 for p in content if not p)


def main():
    print("%-44s %5s %6s %6s %6s" % ("page fullness (body pages)", "pages", "mean", "min", "blank"))
    for path in sys.argv[1:]:
        r = fullness(path)
        name = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        if r is None:
            print("%-44s %5d" % (name, 0))
            continue
        fill, blank = r
        print("%-44s %5d %5.0f%% %5.0f%% %6d" % (name, len(fill) + 2, 100 * sum(fill) / len(fill), 100 * min(fill), blank))


main()
