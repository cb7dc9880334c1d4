"""Opening a prefetched 1080×20000 PNG in the viewer, and one zoom step, beside decoding the original.

Run: pytest tests/benchmarks/test_evidence_speed.py -m benchmark -s   (prints figures; asserts nothing about time)

- click → first paint: from `EvidenceViewer.showIndex` to the canvas's first paint with image
  content (the overview; target ≤ 100 ms), and to the first sharp paint (the preview strips);
- one zoom step: `zoomBy(1.25)` + repaint at fit-to-width (target ≤ 16 ms), median of 20;
- baseline, same run: `PIL.Image.open(...).load()` of the original PNG, which a viewer without
  prefetched renditions would have to do before its first paint.
"""

from __future__ import annotations

import statistics
import time

import pytest
from PIL import Image

from merchant_console.gui.evidence_viewer import EvidenceViewer
from tests.gui.test_evidence_viewer import Library, tall_png

pytestmark = pytest.mark.benchmark


def test_open_and_zoom_a_long_screenshot(qtbot, tmp_path):
    lib = Library(tmp_path)
    data = tall_png(1080, 20000)
    row = lib.add(data)
    lib.add(tall_png(1080, 2400, seed=3))
    original = lib.cache.path(row["sha256"], 1)

    t = time.perf_counter()
    with Image.open(original) as im:
        im.load()
    baseline_ms = (time.perf_counter() - t) * 1000

    v = EvidenceViewer(lib.access, lib.cache, lib.rows, 1)
    qtbot.addWidget(v)
    v.resize(1100, 900)
    v.show()
    qtbot.waitExposed(v)
    qtbot.waitUntil(lambda: v.canvas.levelShown() != "none")
    opens, sharp = [], []
    for _ in range(5):
        v.showIndex(1)
        qtbot.waitUntil(lambda: v.canvas.levelShown() != "none")
        t = time.perf_counter()
        v.showIndex(0)  # what a click on the thumbnail does
        qtbot.waitUntil(lambda: v.current() is not None and v.canvas.levelShown() != "none", timeout=5000)
        opens.append((time.perf_counter() - t) * 1000)
        qtbot.waitUntil(lambda: v.canvas.levelShown() == "preview", timeout=5000)
        sharp.append((time.perf_counter() - t) * 1000)
    qtbot.waitUntil(lambda: v.canvas.levelShown() == "preview")
    c = v.canvas
    steps = []
    for i in range(20):
        factor = 1.25 if i % 2 == 0 else 0.8
        t = time.perf_counter()
        c.zoomBy(factor)
        c.repaint()
        steps.append((time.perf_counter() - t) * 1000)
    print(f"\nclick → first paint (prefetched 1080×20000 PNG): median {statistics.median(opens):.1f} ms "
          f"(all {', '.join(f'{x:.0f}' for x in opens)}; target ≤ 100 ms)")
    print(f"click → sharp paint (visible preview strips decoded on a worker): median {statistics.median(sharp):.1f} ms")
    print(f"one zoom step repaint: median {statistics.median(steps):.2f} ms, max {max(steps):.2f} ms "
          f"(target ≤ 16 ms)")
    print(f"baseline, same run: Pillow open+load of the original: {baseline_ms:.0f} ms")
    lib.close()
