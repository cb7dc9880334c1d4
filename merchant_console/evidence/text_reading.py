"""Reading the text in an evidence image, offline: rapidocr 3 (PP-OCR models inside the wheel) on onnxruntime.

Runs inside the reading worker process (evidence/text_worker.py), never in the console's own process:
the models take ~150 MB and both cores while they run. A long screenshot (1080×20000) is read in tiles
a little taller than a phone screen, overlapping so no line is cut in two; a line seen in two tiles is
kept from the tile where it sits whole.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
from PIL import Image

log = logging.getLogger(__name__)

TILE_HEIGHT_FACTOR = 2.2   # tile height × width: a phone screen is about 2.2 widths tall
TILE_OVERLAP = 0.12        # of the tile height


@dataclass(frozen=True)
class Line:
    """One line of text and where it sits (upright image pixels: left, top, right, bottom)."""

    text: str
    box: tuple[int, int, int, int]
    score: float

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "box": list(self.box), "score": round(self.score, 3)}


def engine_name() -> str:
    from importlib.metadata import version
    try:
        return f"rapidocr {version('rapidocr')}"
    except Exception:  # noqa: BLE001 - a frozen app may not carry the distribution's metadata
        return "rapidocr"


class TextReader:
    """Wraps one rapidocr engine (made on first use: loading the models takes a few seconds)."""

    def __init__(self, threads: int = 1) -> None:
        self.threads = threads
        self._engine: Any = None

    def _ocr(self) -> Any:
        if self._engine is None:
            logging.getLogger("RapidOCR").setLevel(logging.WARNING)
            from rapidocr import RapidOCR  # the models load here
            params = {"Global.log_level": "warning",
                      "EngineConfig.onnxruntime.intra_op_num_threads": self.threads,
                      "EngineConfig.onnxruntime.inter_op_num_threads": 1}
            try:
                self._engine = RapidOCR(params=params)
            except Exception:  # noqa: BLE001 - a version that names its settings otherwise still reads
                self._engine = RapidOCR()
        return self._engine

    def read(self, img: Image.Image) -> list[Line]:
        """The lines of text in an upright image, top to bottom."""
        rgb = img.convert("RGB")
        w, h = rgb.size
        tile_h = max(64, int(w * TILE_HEIGHT_FACTOR))
        if h <= tile_h * 1.25:
            return self._read_tile(rgb, 0)
        overlap = int(tile_h * TILE_OVERLAP)
        out: list[Line] = []
        top = 0
        while top < h:
            bottom = min(h, top + tile_h)
            lines = self._read_tile(rgb.crop((0, top, w, bottom)), top)
            own_top = top + (overlap // 2 if top > 0 else 0)
            own_bottom = bottom - overlap // 2 if bottom < h else h
            out += [ln for ln in lines if own_top <= (ln.box[1] + ln.box[3]) / 2 < own_bottom]
            if bottom >= h:
                break
            top = bottom - overlap
        return out

    def _read_tile(self, tile: Image.Image, dy: int) -> list[Line]:
        arr = np.ascontiguousarray(np.asarray(tile)[:, :, ::-1])  # rapidocr takes OpenCV's BGR
        result = self._ocr()(arr)
        txts = getattr(result, "txts", None) or ()
        boxes: Any = getattr(result, "boxes", None)
        scores = getattr(result, "scores", None) or ()
        lines = []
        for i, text in enumerate(txts):
            pts = np.asarray(boxes[i], dtype=np.float64)
            box = (int(pts[:, 0].min()), int(pts[:, 1].min()) + dy, int(pts[:, 0].max()), int(pts[:, 1].max()) + dy)
            lines.append(Line(str(text), box, float(scores[i]) if i < len(scores) else 0.0))
        lines.sort(key=lambda ln: (ln.box[1], ln.box[0]))
        return lines


def lower_priority() -> None:
    """Run this process below normal priority, so the console and the rest of the machine come first."""
    try:
        if os.name == "nt":
            import ctypes
            below_normal = 0x00004000
            kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
            kernel32.SetPriorityClass(kernel32.GetCurrentProcess(), below_normal)
        else:
            os.nice(10)
    except Exception as e:  # noqa: BLE001 - reading at normal priority is still reading
        log.warning("could not lower the reading worker's priority: %r", e)


def timed_read(reader: TextReader, img: Image.Image) -> tuple[list[Line], float]:
    t = time.perf_counter()
    lines = reader.read(img)
    return lines, time.perf_counter() - t
