"""Draws journey-map.png, the season sample's section image: the train
journey of Last Train Home, from Guangzhou (a dot on the coast, lower
right) to the Zhangs' village in Sichuan (a dot upper left), as a dashed
line over a plain land and sea. Plain python3 (zlib), made here, so the
samples carry no third-party artwork; the caption names the places."""
import math
import struct
import zlib

W, H = 600, 340
SEA, LAND, RIVER, ROUTE, CITY = (196, 218, 230), (236, 230, 214), (150, 190, 214), (200, 16, 46), (40, 40, 40)
START, END = (470, 270), (150, 110)


def coast(x):
    return 400 - (x - 200) * 0.42 + 10 * math.sin(x / 25)


def near_segment(p, a, b):
    ax, ay = b[0] - a[0], b[1] - a[1]
    t = max(0.0, min(1.0, ((p[0] - a[0]) * ax + (p[1] - a[1]) * ay) / (ax * ax + ay * ay)))
    dx, dy = p[0] - a[0] - t * ax, p[1] - a[1] - t * ay
    return math.hypot(dx, dy), t


def colour(x, y):
    if math.hypot(x - START[0], y - START[1]) < 9 or math.hypot(x - END[0], y - END[1]) < 9:
        return CITY
    dist, t = near_segment((x, y), START, END)
    if dist < 2.5 and int(t * 24) % 2 == 0:
        return ROUTE
    if abs(y - (150 + 30 * math.sin(x / 45) + x * 0.15)) < 2 and x < 520:
        return RIVER
    return SEA if y > coast(x) else LAND


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


rows = b"".join(b"\0" + bytes(c for x in range(W) for c in colour(x, y)) for y in range(H))
png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", W, H, 8, 2, 0, 0, 0))
       + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))
with open("journey-map.png", "wb") as f:
    f.write(png)
