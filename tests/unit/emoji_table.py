#!/usr/bin/env python3
"""Prints src/text/emoji_table.h from Debian's unicode-data (tests/e2e/emoji.sh
checks that the committed table is what this prints)."""
DATA = "/usr/share/unicode/emoji/emoji-data.txt"
ranges = []
for line in open(DATA, encoding="utf-8"):
    line = line.split("#")[0].strip()
    if not line:
        continue
    cps, prop = [x.strip() for x in line.split(";")]
    if prop == "Emoji_Presentation":
        first, _, last = cps.partition("..")
        ranges.append([int(first, 16), int(last or first, 16)])
ranges.sort()
joined = []
for a, b in ranges:
    if joined and a <= joined[-1][1] + 1:
        joined[-1][1] = max(joined[-1][1], b)
    else:
        joined.append([a, b])
print("/* Emoji_Presentation=Yes (UTS #51): characters shown as emoji unless a")
print(" * text presentation selector (U+FE0E) follows them. Made from Debian's")
print(" * unicode-data, " + DATA + ", adjacent")
print(" * ranges joined, by: tests/unit/emoji_table.py > src/text/emoji_table.h */")
print("static const struct {\n    uint32_t first, last;\n} emoji_presentation[] = {")
line = "   "
for a, b in joined:
    item = " {0x%X, 0x%X}," % (a, b)
    if len(line) + len(item) > 110:
        print(line)
        line = "   "
    line += item
print(line)
print("};")
