"""Hostile and awkward evidence files, generated cheaply (a 400 MP PNG is a few hundred KB)."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image


def huge_png(width: int, height: int) -> bytes:
    """A valid 1-bit PNG of width×height, all zero pixels, written chunk by chunk (never in memory
    as pixels): the compressed stream of zero rows is tiny."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    row = b"\x00" * (1 + (width + 7) // 8)
    comp = zlib.compressobj(9)
    parts = []
    block = row * 256
    for _ in range(height // 256):
        parts.append(comp.compress(block))
    parts.append(comp.compress(row * (height % 256)))
    parts.append(comp.flush())
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", b"".join(parts)) + chunk(b"IEND", b"")


def image_bytes(fmt: str, size=(64, 48), color=(200, 30, 30), **kw) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, fmt, **kw)
    return out.getvalue()


def truncated_jpeg() -> bytes:
    data = image_bytes("JPEG", (400, 300), quality=90)
    return data[: len(data) // 2]


def oriented_jpeg(orientation: int) -> bytes:
    """A 60×40 picture stored so that applying EXIF `orientation` shows it upright: upright, its
    top-left quarter is red and the rest white."""
    from merchant_console.sandbox.images import _STORE_AS
    img = Image.new("RGB", (60, 40), (255, 255, 255))
    img.paste((255, 0, 0), (0, 0, 30, 20))
    if orientation in _STORE_AS:
        img = img.transpose(_STORE_AS[orientation])
    ex = Image.Exif()
    ex[0x0112] = orientation
    out = io.BytesIO()
    img.save(out, "JPEG", quality=95, exif=ex.tobytes())
    return out.getvalue()


PSD = b"8BPS\x00\x01" + b"\x00" * 6 + b"\x00\x03\x00\x00\x00\x10\x00\x00\x00\x10\x00\x08\x00\x03" + b"\x00" * 64
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect/></svg>'
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def tiff() -> bytes:
    return image_bytes("TIFF", (32, 32))


def hostile_cases() -> dict[str, tuple[bytes, str]]:
    """name -> (bytes, the broken reason expected), every one labelled image/png by the server."""
    return {
        "png_90mp": (huge_png(9_500, 9_500), "too_large"),
        "png_400mp": (huge_png(20_000, 20_000), "too_large"),
        "truncated_jpeg": (truncated_jpeg(), "corrupt"),
        "psd": (PSD, "unsupported"),
        "tiff": (tiff(), "unsupported"),
        "pdf": (PDF, "unsupported"),
        "svg": (SVG, "unsupported"),
        "html": (HTML, "unsupported"),
        "zero_bytes": (b"", "empty"),
    }
