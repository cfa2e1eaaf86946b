#!/usr/bin/env bash
# End-to-end checks of how posters are drawn. Every kind of PNG (16-bit,
# interlaced, grey, alpha, palette and grey with tRNS, gAMA, iCCP) is
# generated here with known samples, rendered as a poster, and the image
# pdfimages extracts must be 8 bits per component with the source's colours
# and, as a soft mask, its alpha. Usage: image.sh GUIDEPRESS
. "$(dirname "$0")/harness.bash" "$1"

# A guide whose poster is $2, in $tmp/$1.yaml.
guide() {
  printf 'film:\n  title: A Film\n  director: Someone\n  poster: %s\nsections:\n  - type: text\n    body: x\n' \
    "$2" >"$tmp/$1.yaml"
}

# kit.py make CASE FILE: writes the PNG of CASE; kit.py check CASE COLOR [ALPHA]:
# compares PNGs pdfimages extracted with what CASE holds, at 8 bits.
cat >"$tmp/kit.py" <<'EOF'
import struct, sys, zlib

W, H = 11, 7
ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2))
CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}

def rgb8(x, y):
    return ((x * 23 + 5) % 256, (y * 37 + 11) % 256, ((x + y) * 19 + 200) % 256)

def alpha8(x, y):
    return (0, 255, 128, 37)[(x + 2 * y) % 4]

def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)

# A tiny but well-formed iCCP chunk (its profile is not a real one: it must be ignored either way).
ICCP = chunk(b"iCCP", b"fake\0\0" + zlib.compress(bytes(132)))
GAMA = chunk(b"gAMA", struct.pack(">I", 100000))
# case: (colour type, depth, interlace, chunks before IDAT)
CASES = {
    "rgb16": (2, 16, 0, b""), "rgb16i": (2, 16, 1, b""), "grey16": (0, 16, 0, b""), "grey16i": (0, 16, 1, b""),
    "rgba16": (6, 16, 0, b""), "rgba16i": (6, 16, 1, b""), "ga16": (4, 16, 0, b""), "ga16i": (4, 16, 1, b""),
    "rgb8": (2, 8, 0, b""), "rgba8": (6, 8, 0, b""), "ga8i": (4, 8, 1, b""), "grey8-gama": (0, 8, 1, GAMA),
    "rgb16-iccp": (2, 16, 0, ICCP), "rgb16-gama": (2, 16, 0, GAMA),
    "palette-trns": (3, 8, 0, None), "grey-trns": (0, 8, 0, chunk(b"tRNS", struct.pack(">H", 74))),
}
PALETTE = [rgb8(i, 0) for i in range(11)]   # palette index x: the colour of row 0, alpha alpha8(x, 0)

def expected(case, x, y):
    """(colour samples, alpha) at 8 bits, as the PDF must hold them."""
    ctype = CASES[case][0]
    c = rgb8(x, y)
    if ctype == 3:
        return PALETTE[x], alpha8(x, 0)
    if ctype in (0, 4):
        c = (c[0],)
    if case == "grey-trns":
        return c, 0 if c[0] == 74 else 255
    return c, alpha8(x, y) if ctype in (4, 6) else 255

def samples(case, x, y):
    ctype, depth = CASES[case][:2]
    if ctype == 3:
        return (x,)
    c, a = expected(case, x, y)
    px = c + ((a,) if ctype in (4, 6) else ())
    # 16-bit: a low byte that rounds back to the same 8-bit value
    return tuple(v * 257 + (x * 13 + y) % 100 - 50 if 0 < v < 255 else v * 257 for v in px) if depth == 16 else px

def make(case, path):
    ctype, depth, interlace, extra = CASES[case]
    if ctype == 3:
        extra = chunk(b"PLTE", bytes(v for c in PALETTE for v in c)) + chunk(b"tRNS", bytes(alpha8(x, 0) for x in range(11)))
    def row(xs, y):
        fmt = (">%dH" if depth == 16 else ">%dB") % CHANNELS[ctype]
        return b"\0" + b"".join(struct.pack(fmt, *samples(case, x, y)) for x in xs)
    if interlace:
        raw = b"".join(row(range(x0, W, dx), y) for x0, y0, dx, dy in ADAM7 if range(x0, W, dx) for y in range(y0, H, dy))
    else:
        raw = b"".join(row(range(W), y) for y in range(H))
    open(path, "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", W, H, depth, ctype, 0, 0, interlace))
                           + extra + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))

def read(path):
    """An 8-bit PNG as pdfimages writes it: (width, height, channels, rows of pixel tuples)."""
    d = open(path, "rb").read()
    pos, idat = 8, b""
    while pos < len(d):
        n, = struct.unpack(">I", d[pos:pos + 4])
        t, body = d[pos + 4:pos + 8], d[pos + 8:pos + 8 + n]
        if t == b"IHDR":
            w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif t == b"IDAT":
            idat += body
        pos += 12 + n
    if depth != 8 or interlace or ctype not in (0, 2):
        sys.exit("%s: depth %d, colour type %d, interlace %d: not what pdfimages writes" % (path, depth, ctype, interlace))
    ch = CHANNELS[ctype]
    stride, raw, prev, rows = w * ch, zlib.decompress(idat), bytearray(w * ch), []
    for y in range(h):
        f, cur = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a, b, c = cur[i - ch] if i >= ch else 0, prev[i], prev[i - ch] if i >= ch else 0
            p = a + b - c
            pred = (0, a, b, (a + b) // 2, a if abs(p - a) <= abs(p - b) and abs(p - a) <= abs(p - c)
                    else b if abs(p - b) <= abs(p - c) else c)[f]
            cur[i] = (cur[i] + pred) & 255
        rows.append([tuple(cur[x * ch:(x + 1) * ch]) for x in range(w)])
        prev = cur
    return w, h, ch, rows

def check(case, color, alpha=None):
    w, h, ch, rows = read(color)
    arows = read(alpha)[3] if alpha else None
    errors = []
    if (w, h) != (W, H):
        sys.exit("%s: %dx%d, want %dx%d" % (case, w, h, W, H))
    for y in range(H):
        for x in range(W):
            c, a = expected(case, x, y)
            got_a = arows[y][x][0] if arows else 255
            # pdfimages writes grey as grey; a palette or RGB as RGB
            if rows[y][x] != c or got_a != a:
                errors.append("(%d,%d): %s alpha %d, want %s alpha %d" % (x, y, rows[y][x], got_a, c, a))
    if errors:
        sys.exit("%s: %d pixels differ, e.g. %s" % (case, len(errors), "; ".join(errors[:3])))

if __name__ == "__main__":
    {"make": make, "check": check}[sys.argv[1]](*sys.argv[2:])
EOF

# --- PNG posters: 8 bits per component, colours and alpha as in the file ---
for case in $(python3 -c "import sys; sys.path.insert(0, '$tmp'); import kit; print(' '.join(kit.CASES))"); do
  python3 "$tmp/kit.py" make "$case" "$tmp/$case.png"
  guide "$case" "$case.png"
  if ! "$bin" -q -o "$tmp/$case.pdf" "$tmp/$case.yaml" 2>"$tmp/$case.err"; then
    bad "$case: render failed: $(cat "$tmp/$case.err")"; continue
  fi
  # the poster, and its soft mask exactly when the PNG has transparency
  list=$(pdfimages -list "$tmp/$case.pdf" | tail -n +3)
  want_rows=1
  case $case in rgba*|ga*|*trns) want_rows=2 ;; esac
  if [ "$(wc -l <<<"$list")" = "$want_rows" ] && awk '$8 != 8 {bad=1} END {exit bad}' <<<"$list"; then ok
  else bad "$case: want $want_rows image(s) of 8 bits per component: $list"; fi
  rm -f "$tmp/x"-*.png
  pdfimages -png "$tmp/$case.pdf" "$tmp/x"
  if python3 "$tmp/kit.py" check "$case" $(ls "$tmp/x"-*.png); then ok; else bad "$case: pixels differ"; fi
done

# --- JPEG posters turned by their Exif orientation ---
cat >"$tmp/turn.py" <<'EOF'
import sys
sys.path.insert(0, "tests/fixtures/images")
import make

# where quadrants.jpg's red, green, blue and yellow quadrants are drawn, by orientation
WANT = {1: "TL TR BL BR", 2: "TR TL BR BL", 3: "BR BL TR TL", 4: "BL BR TL TR",
        5: "TL BL TR BR", 6: "TR BR TL BL", 7: "BR TR BL TL", 8: "BL TL BR TR"}
COLOURS = {"red": (255, 0, 0), "green": (0, 255, 0), "blue": (0, 0, 255), "yellow": (255, 255, 0)}

def write(orientation, out):
    jpeg = open("tests/fixtures/images/quadrants.jpg", "rb").read()
    open(out, "wb").write(make.with_exif(jpeg, make.exif_app1(int(orientation))))

def check(orientation, ppm):
    o = int(orientation)
    fields = open(ppm, "rb").read().split(maxsplit=4)
    assert fields[0] == b"P6" and fields[3] == b"255", ppm
    w, h, px = int(fields[1]), int(fields[2]), fields[4]
    found = {name: [] for name in COLOURS}
    for i in range(w * h):
        p = px[3 * i:3 * i + 3]
        for name, c in COLOURS.items():
            if all(abs(p[k] - c[k]) < 60 for k in range(3)):
                found[name].append((i % w, i // w))
    if not all(found.values()):
        sys.exit("orientation %d: colours not on the page: %s" % (o, [n for n in found if not found[n]]))
    every = [p for pts in found.values() for p in pts]
    x0, x1 = min(p[0] for p in every), max(p[0] for p in every)
    y0, y1 = min(p[1] for p in every), max(p[1] for p in every)
    got = []
    for name in COLOURS:
        mx = sum(p[0] for p in found[name]) / len(found[name])
        my = sum(p[1] for p in found[name]) / len(found[name])
        got.append(("T" if my < (y0 + y1) / 2 else "B") + ("L" if mx < (x0 + x1) / 2 else "R"))
    wide = x1 - x0 > y1 - y0    # 48x32 upright for 1-4, on its side for 5-8
    if " ".join(got) != WANT[o] or wide != (o <= 4):
        sys.exit("orientation %d: red green blue yellow at %s, want %s; poster %dx%d px"
                 % (o, " ".join(got), WANT[o], x1 - x0 + 1, y1 - y0 + 1))

if __name__ == "__main__":
    {"write": write, "check": check}[sys.argv[1]](*sys.argv[2:])
EOF
for o in 1 2 3 4 5 6 7 8; do
  python3 "$tmp/turn.py" write "$o" "$tmp/exif-$o.jpg"
  guide "exif-$o" "exif-$o.jpg"
  if ! "$bin" -q -o "$tmp/exif-$o.pdf" "$tmp/exif-$o.yaml" 2>"$tmp/exif-$o.err"; then
    bad "exif $o: render failed: $(cat "$tmp/exif-$o.err")"; continue
  fi
  pdftoppm -r 40 -f 1 -l 1 -singlefile "$tmp/exif-$o.pdf" "$tmp/exif-$o"
  if python3 "$tmp/turn.py" check "$o" "$tmp/exif-$o.ppm"; then ok; else bad "exif $o: drawn turned wrongly"; fi
done

# --- CMYK JPEGs: only Adobe's (an APP14 marker) are stored inverted ---
# Both fixtures are cyan on the left, yellow on the right (make.py, make_cmyk);
# cmyk-plain.jpg drawn inverted would be red and blue on black.
cat >"$tmp/cmyk.py" <<'EOF'
import sys
fields = open(sys.argv[1], "rb").read().split(maxsplit=4)
w, h, px = int(fields[1]), int(fields[2]), fields[4]
def xs(want):
    return [i % w for i in range(w * h) if want(px[3 * i], px[3 * i + 1], px[3 * i + 2])]
cyan = xs(lambda r, g, b: r < 80 and g > 120 and b > 180)
yellow = xs(lambda r, g, b: r > 200 and g > 200 and b < 80)
dark = xs(lambda r, g, b: r + g + b < 150)
if len(cyan) < 20 or len(yellow) < 20 or max(cyan) > min(yellow) or dark:
    sys.exit("%s: %d cyan, %d yellow, %d dark pixels; want cyan left of yellow, none dark"
             % (sys.argv[1], len(cyan), len(yellow), len(dark)))
EOF
for kind in adobe plain; do
  guide "cmyk-$kind" "$repo/tests/fixtures/images/cmyk-$kind.jpg"
  if ! "$bin" -q -o "$tmp/cmyk-$kind.pdf" "$tmp/cmyk-$kind.yaml" 2>"$tmp/cmyk.err"; then
    bad "cmyk-$kind: render failed: $(cat "$tmp/cmyk.err")"; continue
  fi
  pdftoppm -r 30 -f 1 -l 1 -singlefile "$tmp/cmyk-$kind.pdf" "$tmp/cmyk-$kind"
  if python3 "$tmp/cmyk.py" "$tmp/cmyk-$kind.ppm"; then ok; else bad "cmyk-$kind.jpg: drawn in the wrong colours"; fi
done

summary "image e2e"
