"""Thumbnails and screen-sized previews of evidence, stored by sha256 next to the originals.

For every good image, at prefetch time:

- `thumb.jpg`: fits 160×160; a tall screenshot shows its top (where the order or chat header is);
- `overview.jpg`: the whole image fitting 2048 px on its long side (zoomed-out views paint from it);
- `preview_<i>.jpg`: the image at most 1440 px wide (no upscaling), cut into strips 1024 px tall, so
  opening a 1080×20000 screenshot decodes only the strips on screen;
- `meta.json`, written last: sizes of each level. A folder without it is incomplete and ignored.

Originals are decoded only when the user zooms past the preview's resolution.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import threading
from dataclasses import asdict, dataclass
from pathlib import Path

from PIL import Image

THUMB_BOX = 160
THUMB_MAX_ASPECT = 2.0     # taller than 1:2 -> show the top of the image
OVERVIEW_SIDE = 2048
PREVIEW_MAX_WIDTH = 1440
STRIP_HEIGHT = 1024
JPEG_QUALITY = 88
FORMAT_VERSION = 1
_SHA_RE = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class Renditions:
    """Where the levels of one image live and how big each is (all upright)."""

    folder: Path
    width: int              # the original, upright
    height: int
    preview_width: int
    preview_height: int
    strip_height: int
    strips: int
    overview_width: int
    overview_height: int
    thumb_width: int
    thumb_height: int

    @property
    def thumb(self) -> Path:
        return self.folder / "thumb.jpg"

    @property
    def overview(self) -> Path:
        return self.folder / "overview.jpg"

    def strip(self, i: int) -> Path:
        return self.folder / f"preview_{i}.jpg"

    @property
    def preview_scale(self) -> float:
        """Preview pixels per original pixel (1.0 when the preview is full resolution)."""
        return self.preview_width / self.width

    @property
    def overview_scale(self) -> float:
        return self.overview_width / self.width


class RenditionStore:
    """The folder of renditions: `<root>/<sha[:2]>/<sha>/`."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def folder(self, sha256: str) -> Path:
        if not _SHA_RE.match(sha256 or ""):
            raise ValueError(f"not a sha256 digest: {str(sha256)[:80]!r}")
        return self.root / sha256[:2] / sha256

    def get(self, sha256: str) -> Renditions | None:
        """The renditions of an image, or None when they were never made (or are incomplete)."""
        try:
            folder = self.folder(sha256)
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if meta.get("version") != FORMAT_VERSION:
            return None
        meta.pop("version")
        try:
            return Renditions(folder=folder, **meta)
        except TypeError:
            return None

    def make(self, sha256: str, img: Image.Image) -> Renditions:
        """Write every level of an upright, decoded image; replaces what was there."""
        folder = self.folder(sha256)
        tmp = folder.with_name(folder.name + f".{os.getpid()}.{threading.get_ident()}.tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        rgb = _flatten(img)
        w, h = rgb.size
        # preview strips
        pw = min(w, PREVIEW_MAX_WIDTH)
        ph = max(1, round(h * pw / w))
        preview = rgb if pw == w else rgb.resize((pw, ph), Image.Resampling.LANCZOS, reducing_gap=3.0)
        strips = 0
        for top in range(0, ph, STRIP_HEIGHT):
            preview.crop((0, top, pw, min(ph, top + STRIP_HEIGHT))).save(
                tmp / f"preview_{strips}.jpg", "JPEG", quality=JPEG_QUALITY)
            strips += 1
        # overview (from the preview: cheaper, same result at this size)
        ov_scale = min(1.0, OVERVIEW_SIDE / max(pw, ph))
        ow, oh = max(1, round(pw * ov_scale)), max(1, round(ph * ov_scale))
        overview = preview if (ow, oh) == (pw, ph) else preview.resize((ow, oh), Image.Resampling.BOX)
        overview.save(tmp / "overview.jpg", "JPEG", quality=JPEG_QUALITY)
        # thumbnail: the top of a tall image, the whole of anything else
        src = overview
        if oh > ow * THUMB_MAX_ASPECT:
            src = overview.crop((0, 0, ow, int(ow * THUMB_MAX_ASPECT)))
        thumb = src.copy()
        thumb.thumbnail((THUMB_BOX, THUMB_BOX), Image.Resampling.LANCZOS)
        thumb.save(tmp / "thumb.jpg", "JPEG", quality=85)
        r = Renditions(folder=folder, width=w, height=h, preview_width=pw, preview_height=ph,
                       strip_height=STRIP_HEIGHT, strips=strips, overview_width=ow, overview_height=oh,
                       thumb_width=thumb.width, thumb_height=thumb.height)
        meta = {k: v for k, v in asdict(r).items() if k != "folder"}
        (tmp / "meta.json").write_text(json.dumps(dict(meta, version=FORMAT_VERSION)), encoding="utf-8")
        if folder.exists():
            shutil.rmtree(folder, ignore_errors=True)
        folder.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.replace(tmp, folder)
        except OSError:
            # another thread made the same renditions (same digest, same content) at the same time
            shutil.rmtree(tmp, ignore_errors=True)
            if self.get(sha256) is None:
                raise
        return r

    def forget(self, sha256: str) -> None:
        shutil.rmtree(self.folder(sha256), ignore_errors=True)

    def digests(self) -> list[str]:
        """The digests that have a folder here (complete or not; unfinished temporary folders aside)."""
        found: list[str] = []
        try:
            groups = [g for g in self.root.iterdir() if g.is_dir()]
        except OSError:
            return found
        for group in groups:
            try:
                found += [f.name for f in group.iterdir() if _SHA_RE.match(f.name) and f.name[:2] == group.name]
            except OSError:
                continue
        return found


def _flatten(img: Image.Image) -> Image.Image:
    """RGB on white: JPEG has no alpha, and a transparent screenshot should read as on paper."""
    if img.mode == "RGB":
        return img
    if img.mode in ("RGBA", "LA"):
        base = Image.new("RGB", img.size, (255, 255, 255))
        base.paste(img.convert("RGBA"), mask=img.convert("RGBA").getchannel("A"))
        return base
    return img.convert("RGB")
