"""Draws poster.png, the starter's placeholder poster: a frame of film
with its perforations, in the starter brand's blue. Plain python3 (zlib),
made here, so it carries no third-party artwork."""
import struct
import zlib

W, H = 400, 600
BLUE, PALE = (20, 80, 110), (214, 222, 228)


def colour(x, y):
    border = 24 <= x < W - 24 and 24 <= y < H - 24 and not (30 <= x < W - 30 and 30 <= y < H - 30)
    holes = (40 <= y < 56 or H - 56 <= y < H - 40) and 40 <= x < W - 40 and (x - 40) % 40 < 18
    picture = 100 <= x < W - 100 and 200 <= y < H - 200 and ((x - 100) // 20 + (y - 200) // 20) % 2 == 0
    return BLUE if border or holes or picture else PALE


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


rows = b"".join(b"\0" + bytes(c for x in range(W) for c in colour(x, y)) for y in range(H))
png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", W, H, 8, 2, 0, 0, 0))
       + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))
with open("poster.png", "wb") as f:
    f.write(png)
