"""Perceptual "difference hash" (dHash) of an image, and the Hamming distance between two.

A 16×16 dHash (256 bits): the image is shrunk to 17×16 grey pixels and each bit says whether a pixel
is brighter than its right neighbour. Re-encoding, resizing and a crop of a few pixels change few
bits. Measured on the sandbox's seeded images (tests/evidence/test_dhash.py keeps it honest): a
re-encoded copy differs in 0–3 bits, a copy cropped by up to 1/60 in 2–16, unrelated images of
different layouts in 40+. Screenshots of the *same* app screen with other text can also come within
the threshold (a perceptual hash cannot read): the signal says "looks nearly identical" and links
both refunds so a person compares them side by side.
"""

from __future__ import annotations

from PIL import Image

HASH_SIZE = 16
BITS = HASH_SIZE * HASH_SIZE
# at most this many differing bits (of 256) counts as "near-identical"
NEAR_THRESHOLD = 18


def dhash(img: Image.Image) -> int:
    """The 256-bit dHash of an (upright) image as an int."""
    grey = img.convert("L")
    # shrink in two steps: a fast integer reduce, then a box filter to the hash grid
    factor = max(1, min(grey.width // (HASH_SIZE * 8), grey.height // (HASH_SIZE * 8)))
    if factor > 1:
        grey = grey.reduce(factor)
    small = grey.resize((HASH_SIZE + 1, HASH_SIZE), Image.Resampling.BOX)
    px = small.tobytes()
    w = HASH_SIZE + 1
    value = 0
    for row in range(HASH_SIZE):
        base = row * w
        for col in range(HASH_SIZE):
            value = (value << 1) | (px[base + col] > px[base + col + 1])
    return value


def to_hex(value: int) -> str:
    return f"{value:0{BITS // 4}x}"


def from_hex(text: str) -> int:
    return int(text, 16)


def distance(a: int, b: int) -> int:
    """Hamming distance: how many of the bits differ."""
    return (a ^ b).bit_count()
