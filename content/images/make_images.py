"""Draws the sample posters and logos (run with Debian's python3-pil).
They are simple graphic stand-ins, made here so the samples carry no
third-party artwork."""
from PIL import Image, ImageDraw, ImageFont
import math

def font(size, bold=True):
    name = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf" if bold else "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    return ImageFont.truetype(name, size)

# Last Train Home: night, a crowd of lights, rails converging home.
w, h = 400, 600
im = Image.new("RGB", (w, h))
d = ImageDraw.Draw(im)
for y in range(h):
    t = y / h
    d.line([(0, y), (w, y)], fill=(int(20 + 150 * t * t), int(24 + 40 * t), int(60 - 20 * t)))
for i in range(-6, 7):
    d.line([(w / 2, 300), (w / 2 + i * 90, h)], fill=(230, 190, 120), width=2)
for k in range(12):
    y = 300 + (k * k) * 2.1
    half = (y - 300) * 0.9
    d.line([(w / 2 - half, y), (w / 2 + half, y)], fill=(120, 80, 60), width=1)
d.ellipse([w / 2 - 10, 290, w / 2 + 10, 310], fill=(255, 235, 170))
d.text((30, 40), "LAST TRAIN", font=font(44), fill=(255, 255, 255))
d.text((30, 92), "HOME", font=font(44), fill=(200, 16, 46))
d.text((30, 150), "A film by Lixin Fan", font=font(18, False), fill=(230, 230, 230))
im.save("last-train-home.png", optimize=True)

# Honeyland: hills and a hive, warm ochres.
im = Image.new("RGB", (400, 560), (236, 190, 90))
d = ImageDraw.Draw(im)
d.ellipse([-200, 330, 350, 800], fill=(160, 110, 50))
d.ellipse([120, 380, 700, 900], fill=(120, 80, 40))
for r in range(6):
    cx, cy = 280, 170
    d.regular_polygon((cx + (r % 3) * 26 - 26, cy + (r // 3) * 24, 14), 6, fill=(250, 220, 120), outline=(90, 60, 20))
d.text((28, 40), "HONEYLAND", font=font(40), fill=(60, 35, 10))
im.convert("RGB").save("honeyland.jpg", quality=82, optimize=True)

# Logos.
def logo(path, text, bg, fg):
    im = Image.new("RGBA", (96, 96), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    d.rounded_rectangle([0, 0, 96, 96], radius=14, fill=bg)
    d.text((14, 22), text, font=font(40), fill=fg)
    im.save(path, optimize=True)

logo("influence-logo.png", "IFC", (200, 16, 46, 255), (255, 255, 255, 255))
logo("riverside-logo.png", "RL", (11, 110, 105, 255), (255, 255, 255, 255))
logo("linterna-logo.png", "LL", (23, 48, 122, 255), (244, 196, 48, 255))
