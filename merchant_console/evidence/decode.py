"""Decoding untrusted evidence bytes with Pillow, safely.

Buyers' files are hostile until proven otherwise: the format is sniffed from the bytes (the
declared Content-Type is ignored), only PNG, JPEG, WebP and GIF (first frame) are opened, the pixel
count is checked from the header before anything is decoded, Pillow's decompression-bomb warning is
an error, the file is verified, then reopened and loaded, and EXIF orientation is applied. Anything
that fails becomes `Broken(reason)` with a short reason code the GUI turns into words.
"""

from __future__ import annotations

import io
import struct
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageFile

# Promote the warning to an error for the whole process, once: warnings.catch_warnings() is not
# thread-safe and decoding runs on worker threads. Our own pixel cap (below) is stricter anyway.
warnings.filterwarnings("error", category=Image.DecompressionBombWarning)
ImageFile.LOAD_TRUNCATED_IMAGES = False

ALLOWED_FORMATS = ("PNG", "JPEG", "WEBP", "GIF")
MAX_PIXELS = 50_000_000          # a 1080×20000 screenshot is 21.6 MP; 90 MP and up is refused
MAX_SIDE = 40_000
MAX_BYTES = 64 * 1024**2

# reason codes (the GUI translates them: 文件已损坏 / 图片过大 / 不支持的格式 / 空文件 / 未下载)
EMPTY = "empty"
CORRUPT = "corrupt"
TOO_LARGE = "too_large"
UNSUPPORTED = "unsupported"
MISSING = "missing"
REASONS = (EMPTY, CORRUPT, TOO_LARGE, UNSUPPORTED, MISSING)


# what a viewer does to show each EXIF orientation upright (as ImageOps.exif_transpose)
_UPRIGHT = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180,
            4: Image.Transpose.FLIP_TOP_BOTTOM, 5: Image.Transpose.TRANSPOSE,
            6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE, 8: Image.Transpose.ROTATE_90}


class Broken(Exception):
    """An evidence file that will not be shown; `reason` is one of REASONS, `detail` says more."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"8BPS", "PSD"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"%PDF", "PDF"),
    (b"BM", "BMP"),
    (b"\x00\x00\x01\x00", "ICO"),
)


def sniff(head: bytes) -> str | None:
    """The format the bytes really are (from their first bytes), or None when unknown."""
    for magic, fmt in _MAGIC:
        if head.startswith(magic):
            return fmt
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    text = head[:256].lstrip().lower()
    if text.startswith((b"<svg", b"<?xml")) or b"<svg" in text:
        return "SVG"
    if text.startswith((b"<!doctype html", b"<html")):
        return "HTML"
    return None


@dataclass(frozen=True)
class Probe:
    """What the header says, before any pixel is decoded."""

    format: str
    width: int   # as stored (before EXIF orientation)
    height: int
    frames: int


def _source(src: bytes | str | Path) -> bytes:
    if isinstance(src, bytes):
        data = src
    else:
        path = Path(src)
        try:
            size = path.stat().st_size
        except OSError as e:
            raise Broken(MISSING, str(e)) from None
        if size > MAX_BYTES:
            raise Broken(TOO_LARGE, f"{size} bytes")
        data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise Broken(TOO_LARGE, f"{len(data)} bytes")
    if not data:
        raise Broken(EMPTY, "zero bytes")
    return data


def probe(data: bytes) -> Probe:
    """Sniff and read the header; refuses unknown formats and oversized images without decoding."""
    fmt = sniff(data[:512])
    if fmt is None:
        raise Broken(UNSUPPORTED if len(data) >= 8 else CORRUPT, "not a recognised image format")
    if fmt not in ALLOWED_FORMATS:
        raise Broken(UNSUPPORTED, fmt)
    try:
        with Image.open(io.BytesIO(data), formats=[fmt]) as im:
            w, h = im.size
            frames = getattr(im, "n_frames", 1) if fmt == "GIF" else 1
    except Image.DecompressionBombError as e:
        raise Broken(TOO_LARGE, str(e)) from None
    except Image.DecompressionBombWarning as e:
        raise Broken(TOO_LARGE, str(e)) from None
    except (OSError, SyntaxError, ValueError, EOFError, struct.error, IndexError, TypeError) as e:
        raise Broken(CORRUPT, f"{type(e).__name__}: {e}") from None
    if w <= 0 or h <= 0:
        raise Broken(CORRUPT, "no pixels")
    if w * h > MAX_PIXELS or max(w, h) > MAX_SIDE:
        raise Broken(TOO_LARGE, f"{w}×{h}")
    return Probe(fmt, w, h, frames)


@dataclass
class Decoded:
    """A decoded, upright image (RGB or RGBA) with the EXIF facts read from the file."""

    image: Image.Image
    format: str
    stored_size: tuple[int, int]
    exif: dict[int, object]
    orientation: int


_PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"  # length 0, type, CRC: the last 12 bytes of every whole PNG


def decode(src: bytes | str | Path, *, max_side: int | None = None) -> Decoded:
    """Decode evidence safely; raises Broken. `max_side` lets JPEG decode at a reduced scale
    (draft mode) when only a smaller rendition is wanted."""
    data = _source(src)
    info = probe(data)
    if info.format == "PNG" and _PNG_END not in data[-4096:]:
        # Pillow's verify() stops at the IEND chunk's name: a file cut inside IEND (or before it, in
        # a way the decoder tolerates) would pass as whole
        raise Broken(CORRUPT, "truncated PNG (no complete IEND chunk)")
    try:
        # verify() checks the structure (CRCs, truncation) but leaves the image unusable: reopen
        with Image.open(io.BytesIO(data), formats=[info.format]) as im:
            im.verify()
        with Image.open(io.BytesIO(data), formats=[info.format]) as im:
            exif = _exif_of(im)
            tag = exif.get(0x0112, 1)
            orientation = tag if isinstance(tag, int) else 1
            if info.format == "GIF":
                im.seek(0)
            if info.format == "JPEG" and max_side:
                im.draft("RGB", _draft_box(info, max_side))
            im.load()
            img = im.convert("RGBA" if _has_alpha(im) else "RGB")
    except Broken:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
        raise Broken(TOO_LARGE, str(e)) from None
    except MemoryError:
        raise Broken(TOO_LARGE, "out of memory") from None
    except (OSError, SyntaxError, ValueError, EOFError, struct.error, IndexError, TypeError, KeyError) as e:
        raise Broken(CORRUPT, f"{type(e).__name__}: {e}") from None
    if orientation in _UPRIGHT:
        img = img.transpose(_UPRIGHT[orientation])
    return Decoded(img, info.format, (info.width, info.height), exif, orientation if 1 <= orientation <= 8 else 1)


def _draft_box(info: Probe, max_side: int) -> tuple[int, int]:
    scale = max_side / max(info.width, info.height)
    return (max(1, int(info.width * scale)), max(1, int(info.height * scale)))


def _has_alpha(im: Image.Image) -> bool:
    return im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info)


def _exif_of(im: Image.Image) -> dict[int, object]:
    try:
        ex = im.getexif()
        out: dict[int, object] = dict(ex)
        try:
            out.update(ex.get_ifd(0x8769))  # Exif sub-IFD: DateTimeOriginal lives there
        except (KeyError, ValueError, TypeError, OSError):
            pass
        return out
    except Exception:  # noqa: BLE001 - a damaged EXIF block must not hide an otherwise good image
        return {}


def exif_text(value: object) -> str | None:
    """An EXIF ASCII value as text. Apps write UTF-8 (美图秀秀) into ASCII fields; Pillow hands it
    back as Latin-1, so undo that when it round-trips."""
    if value is None:
        return None
    if isinstance(value, bytes):
        raw = value
    elif isinstance(value, str):
        try:
            raw = value.encode("latin-1")
        except UnicodeEncodeError:
            return value.strip("\x00 ").strip() or None
    else:
        return str(value)[:200]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    text = text.replace("\x00", "").strip()
    return text[:200] or None
