#!/usr/bin/python3
"""Facing columns keep one rhythm: every line of a pull quote stands on the
baseline grid of the body column beside it (the body's first baseline plus
whole multiples of its leading, the most common distance between its lines).
Usage: check_grid.py DLIST_DUMP CONTENT_FILE. Exits 1 with the lines that do not."""
import re
import sys

dump, content = sys.argv[1], sys.argv[2]
quote_lines = set()
lines = open(content, encoding="utf-8").read().split("\n")
for i, line in enumerate(lines):
    if line.strip() == "quote:" and i + 1 < len(lines) and lines[i + 1].strip().startswith("text:"):
        quote_lines.add(i + 2)  # 1-based line of the quote's text
item = re.compile(r'^text (\S+) (\S+) (\S+) (\S+) frame (\S+) (\S+) (\S+) (\S+) .*?"(.*)" @(.+):(\d+):(\d+)$')
page, body, quote = 0, {}, {}
for row in open(dump, encoding="utf-8"):
    if row.startswith("page "):
        page = int(row.split()[1])
        continue
    m = item.match(row.strip())
    if not m:
        continue
    x, y, fx, fw, text, line = float(m[1]), float(m[2]), float(m[5]), float(m[7]), m[9], int(m[11])
    if text == "\u201c":  # the opening mark: a decoration, centred in its two lines
        continue
    if line in quote_lines:
        quote.setdefault(page, []).append(y)
    else:
        body.setdefault(page, []).append((fx, fw, y))
bad = []
for p, ys in quote.items():
    # the body column beside the quote: frames narrower than the page's text
    beside = sorted(set(round(y, 2) for fx, fw, y in body.get(p, []) if fw < 400))
    if len(beside) < 2:
        continue
    steps = [round(b - a, 2) for a, b in zip(beside, beside[1:])]
    grid = max(set(steps), key=steps.count)
    for y in ys:
        k = (y - beside[0]) / grid
        if abs(k - round(k)) * grid > 0.01:
            bad.append((p, y))
if not quote:
    print("no pull quote found")
    sys.exit(1)
if bad:
    print("quote lines off the body's baselines:", bad[:10])
    sys.exit(1)
