"""Draws the sample posters and logos (run with Debian's python3-pil:
/usr/bin/python3 make_images.py, in this folder).
They are simple graphic stand-ins, made here so the samples carry no
third-party artwork. They are drawn at print resolution: 300 ppi at the
size the guides print them on Letter and A4 (a poster about 2.9 x 4.4 in,
a logo 0.83 in on the back page), so the samples pass --preflight."""
from PIL import Image, ImageDraw, ImageFont

S = 2.25           # the posters' scale over their 400-pixel-wide design
LOGO = 256         # the logos' side in pixels (250 needed)


def font(size, bold=True):
    name = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf" if bold else "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    return ImageFont.truetype(name, round(size))


def at(*v):
    return [x * S for x in v]


# Last Train Home: night, a crowd of lights, rails converging home.
w, h = round(400 * S), round(600 * S)
im = Image.new("RGB", (w, h))
d = ImageDraw.Draw(im)
for y in range(h):
    t = y / h
    d.line([(0, y), (w, y)], fill=(int(20 + 150 * t * t), int(24 + 40 * t), int(60 - 20 * t)))
for i in range(-6, 7):
    d.line([tuple(at(200, 300)), tuple(at(200 + i * 90, 600))], fill=(230, 190, 120), width=round(2 * S))
for k in range(12):
    y = 300 + (k * k) * 2.1
    half = (y - 300) * 0.9
    d.line([tuple(at(200 - half, y)), tuple(at(200 + half, y))], fill=(120, 80, 60), width=round(S))
d.ellipse(at(190, 290, 210, 310), fill=(255, 235, 170))
d.text(tuple(at(30, 40)), "LAST TRAIN", font=font(44 * S), fill=(255, 255, 255))
d.text(tuple(at(30, 92)), "HOME", font=font(44 * S), fill=(200, 16, 46))
d.text(tuple(at(30, 150)), "A film by Lixin Fan", font=font(18 * S, False), fill=(230, 230, 230))
im.save("last-train-home.png", optimize=True)

# Honeyland: hills and a hive, warm ochres.
im = Image.new("RGB", (round(400 * S), round(560 * S)), (236, 190, 90))
d = ImageDraw.Draw(im)
d.ellipse(at(-200, 330, 350, 800), fill=(160, 110, 50))
d.ellipse(at(120, 380, 700, 900), fill=(120, 80, 40))
for r in range(6):
    cx, cy = 280 + (r % 3) * 26 - 26, 170 + (r // 3) * 24
    d.regular_polygon((cx * S, cy * S, 14 * S), 6, fill=(250, 220, 120), outline=(90, 60, 20))
d.text(tuple(at(28, 40)), "HONEYLAND", font=font(40 * S), fill=(60, 35, 10))
im.convert("RGB").save("honeyland.jpg", quality=82, optimize=True)


# Logos: opaque on white (embedded as they are), but La Linterna's, whose
# corners are transparent (the PDF gets its alpha as a soft mask).
def logo(path, text, bg, fg, transparent=False):
    k = LOGO / 96
    im = Image.new("RGBA", (LOGO, LOGO), (255, 255, 255, 0 if transparent else 255))
    d = ImageDraw.Draw(im)
    d.rounded_rectangle([0, 0, LOGO, LOGO], radius=round(14 * k), fill=bg)
    d.text((14 * k, 22 * k), text, font=font(40 * k), fill=fg)
    (im if transparent else im.convert("RGB")).save(path, optimize=True)


logo("influence-logo.png", "IFC", (200, 16, 46, 255), (255, 255, 255, 255))
logo("riverside-logo.png", "RL", (11, 110, 105, 255), (255, 255, 255, 255))
logo("linterna-logo.png", "LL", (23, 48, 122, 255), (244, 196, 48, 255), transparent=True)
