#!/usr/bin/python3
"""Page fullness from display lists (guidepress --dump-dlist): for each guide,
the mean and the least filled share of the text area on its body pages
(the cover, the back page and blank pages are left out), and its blank pages.

usage: fullness.py DLIST...
       fullness.py --check [--booklet] DLIST...

--check: exit 1, naming each, when a guide has an odd number of pages, a
body page under half full, its last one too, or a blank page (the notes
move and flex, the spacing and the pages' depth flex: on the samples a
better break always exists, and no blank page is needed); with --booklet
the lists are imposed sheets, and a half-sheet left blank fails (a guide
with notes pads to the multiple of 4 with notes pages).

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
            cur.append((f[0], x, y, top, bottom))
    return pages


def fullness(path):
    body = pages_of(path)[1:-1]
    baselines = Counter(max((y for k, x, y, t, b in p if k == "text"), default=None) for p in body if p)
    footer = baselines.most_common(1)[0][0] if baselines else None
    content = [[(t, b) for k, x, y, t, b in p if not (k == "text" and footer is not None and abs(y - footer) < 0.01)]
               for p in body]
    tops = [t for p in content for t, b in p]
    bottoms = [b for p in content for t, b in p]
    if not tops:
        return None
    area_top, area_bottom = min(tops), max(bottoms)
    fill = [(max(b for t, b in p) - area_top) / (area_bottom - area_top) for p in content if p]
    return fill, sum(1 for p in content if not p)


def check(paths, booklet):
    bad = []
    for path in paths:
        name = path.rsplit("/", 1)[-1]
        if booklet:
            bad += ["%s: side %d, %s half blank" % (name, side, half) for side, half in blank_halves(path)]
            continue
        npages = len(pages_of(path))
        if npages % 2:
            bad.append("%s: %d pages, not an even count" % (name, npages))
        body = pages_of(path)[1:-1]
        bad += ["%s: page %d is blank" % (name, i + 2) for i, p in enumerate(body) if not p]
        r = fullness(path)
        if r:
            filled = [i for i, p in enumerate(body) if p]
            bad += ["%s: page %d is %.0f%% full" % (name, i + 2, 100 * f) for i, f in zip(filled, r[0]) if f < 0.5]
    for b in bad:
        print("fullness.py: " + b)
    return 1 if bad else 0


def blank_halves(path):
    """The halves of each imposed side with nothing on them but the fold mark."""
    width = float(open(path, encoding="utf-8").readline().split()[1])
    blank = []
    for side, items in enumerate(pages_of(path), 1):
        for half, name in ((0, "left"), (1, "right")):
            x0, x1 = half * width / 2, (half + 1) * width / 2
            if not any(k != "rule" and x0 <= x < x1 for k, x, y, t, b in items):
                blank.append((side, name))
    return blank


def main():
    args = sys.argv[1:]
    if args[:1] == ["--check"]:
        booklet = args[1:2] == ["--booklet"]
        sys.exit(check(args[2 if booklet else 1:], booklet))
    print("%-44s %5s %6s %6s %6s" % ("page fullness (body pages)", "pages", "mean", "min", "blank"))
    for path in args:
        r = fullness(path)
        name = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        if r is None:
            print("%-44s %5d" % (name, 0))
            continue
        fill, blank = r
        print("%-44s %5d %5.0f%% %5.0f%% %6d" % (name, len(fill) + blank + 2, 100 * sum(fill) / len(fill), 100 * min(fill), blank))


main()
