"""Draw the app icon: a rounded blue square, a white ¥ inside a refund arrow (our own work).

    python packaging/make_icon.py     writes into resources/icons/:
                                      app-<size>.png (16 … 1024), app.ico (Windows), app.icns (macOS)

Drawn geometrically (no font), so the output is the same on every machine. The PNG/ICO/ICNS files
are committed; run this again only when the design changes.
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = [(s, s) for s in (16, 24, 32, 48, 64, 128, 256)]
BLUE_TOP, BLUE_BOTTOM, WHITE = (47, 111, 222), (20, 72, 168), (255, 255, 255, 255)
SCALE = 4  # draw 4× larger, then shrink: smooth edges without an anti-aliasing renderer


def draw(size: int = 1024) -> Image.Image:
    n = size * SCALE
    img = Image.new("RGBA", (n, n), (0, 0, 0, 0))
    # background: a vertical gradient clipped to a rounded square with a small margin (macOS-like grid)
    margin, radius = round(n * 0.06), round(n * 0.2)
    grad = Image.new("RGBA", (n, n))
    gd = ImageDraw.Draw(grad)
    for y in range(n):
        t = y / (n - 1)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(BLUE_TOP, BLUE_BOTTOM, strict=True))
        gd.line([(0, y), (n, y)], fill=colour)
    mask = Image.new("L", (n, n), 0)
    ImageDraw.Draw(mask).rounded_rectangle([margin, margin, n - margin, n - margin], radius=radius, fill=255)
    img.paste(grad, (0, 0), mask)

    d = ImageDraw.Draw(img)
    c = n / 2
    # refund arrow: an open ring whose head, at the upper right, turns back (anticlockwise) into the gap
    r, w = n * 0.30, round(n * 0.055)
    box = [c - r, c - r, c + r, c + r]
    start, end = -50, 235  # degrees, PIL measures clockwise from 3 o'clock
    d.arc(box, start=start, end=end, fill=WHITE, width=w)
    a = math.radians(start)
    bx, by = c + r * math.cos(a), c + r * math.sin(a)
    tx, ty = math.sin(a), -math.cos(a)  # anticlockwise tangent on screen (y grows downwards)
    nx, ny = math.cos(a), math.sin(a)
    head, half = n * 0.12, n * 0.09
    d.polygon([(bx + tx * head, by + ty * head),
               (bx + nx * half - tx * head * 0.05, by + ny * half - ty * head * 0.05),
               (bx - nx * half - tx * head * 0.05, by - ny * half - ty * head * 0.05)], fill=WHITE)
    # the yen sign: two arms meeting above the middle, a stem, two bars
    s = round(n * 0.045)
    top, join, bottom, arm = c - n * 0.15, c - n * 0.01, c + n * 0.17, n * 0.105
    d.line([(c - arm, top), (c, join)], fill=WHITE, width=s)
    d.line([(c + arm, top), (c, join)], fill=WHITE, width=s)
    d.line([(c, join - s * 0.3), (c, bottom)], fill=WHITE, width=s)
    for y in (c + n * 0.035, c + n * 0.10):
        d.line([(c - n * 0.09, y), (c + n * 0.09, y)], fill=WHITE, width=round(s * 0.85))
    d.ellipse([c - s / 2, join - s / 2, c + s / 2, join + s / 2], fill=WHITE)  # round the joint
    return img.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    ICONS.mkdir(parents=True, exist_ok=True)
    master = draw(1024)
    for size in SIZES:
        (master if size == 1024 else master.resize((size, size), Image.Resampling.LANCZOS)).save(
            ICONS / f"app-{size}.png", optimize=True)
    master.save(ICONS / "app.ico", sizes=ICO_SIZES)
    master.save(ICONS / "app.icns")
    print(f"wrote {len(SIZES)} PNGs, app.ico and app.icns to {ICONS}")


if __name__ == "__main__":
    main()
