"""A merchant's own evidence image, made ready for upload: upright, metadata stripped, under the limit.

Everything the platform would learn from the file beyond its pixels (EXIF with GPS, camera,
software, thumbnails, ICC, comments) is dropped by re-encoding fresh pixels as a plain JPEG.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image

from .decode import Broken, decode

MIN_SIDE = 320          # below this the evidence stops being legible; refuse rather than send mush
QUALITIES = (88, 80, 72, 64, 56)


@dataclass(frozen=True)
class PreparedImage:
    data: bytes
    content_type: str
    width: int
    height: int
    sha256: str


class CannotPrepare(ValueError):
    """The file cannot become an upload; `reason` is one of decode's reasons or 'cannot_fit'."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def prepare_upload(src: bytes | str | Path, max_bytes: int) -> PreparedImage:
    """Decode `src` safely and re-encode it as a JPEG of at most `max_bytes`, shrinking as needed."""
    try:
        decoded = decode(src)
    except Broken as e:
        raise CannotPrepare(e.reason, f"not a usable image ({e.reason})") from None
    img = decoded.image
    if img.mode != "RGB":  # flatten transparency onto white: screenshots with alpha stay readable
        background = Image.new("RGB", img.size, (255, 255, 255))
        background.paste(img, mask=img.getchannel("A") if img.mode == "RGBA" else None)
        img = background
    scale = 1.0
    while True:
        w, h = max(1, round(img.width * scale)), max(1, round(img.height * scale))
        candidate = img if scale == 1.0 else img.resize((w, h), Image.Resampling.LANCZOS)
        for quality in QUALITIES:
            buf = io.BytesIO()
            # a fresh save without exif=/icc_profile= carries no metadata at all
            candidate.save(buf, "JPEG", quality=quality, optimize=True, progressive=True)
            data = buf.getvalue()
            if len(data) <= max_bytes:
                return PreparedImage(data, "image/jpeg", w, h, hashlib.sha256(data).hexdigest())
        if min(w, h) * 0.8 < MIN_SIDE:
            raise CannotPrepare("cannot_fit", f"cannot shrink the image under {max_bytes} bytes and keep it legible")
        scale *= 0.8


def keep_for_upload(prepared: PreparedImage, folder: str | Path) -> dict[str, Any]:
    """Store the prepared bytes until the outbox uploads them; returns the outbox's attachment entry."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{prepared.sha256}.jpg"
    if not path.exists():
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(prepared.data)
        tmp.replace(path)
    return {"path": str(path), "sha256": prepared.sha256, "content_type": prepared.content_type,
            "bytes": len(prepared.data)}
