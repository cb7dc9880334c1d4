"""What reading text costs and how well it reads: seconds per 1080×2400 and 1080×20000 screenshot through
the real worker process (below normal priority), the worker's CPU share while it reads in the background,
and the share of order numbers read exactly from the sandbox's own screenshots (it drew them: target
>= 95 %). Prints figures with the load average beside them; asserts nothing about time.

    nice -n 10 .venv/bin/python -m pytest tests/benchmarks/test_text_reading_speed.py -m benchmark -s
    READ_SAMPLES=40 ... for a larger recognition sample (default 12)
"""

from __future__ import annotations

import os
import random
import time

import pytest

from merchant_console.evidence.text_worker import ReadingWorker
from merchant_console.sandbox.images import EvidenceFactory
from tests.benchmarks.similar_pairs import KINDS, _scene

pytestmark = [pytest.mark.benchmark, pytest.mark.timeout(3600)]


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process (Linux /proc; 0 elsewhere)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return 0.0


def test_reading_speed_cpu_and_order_number_recognition(tmp_path):
    rng = random.Random(16)
    factory = EvidenceFactory("realistic", 16)
    worker = ReadingWorker()
    try:
        worker.read(tmp_path / "none.png")   # starts the worker and loads nothing: the models load lazily
        phone = factory._screen("screenshot", _scene(rng), random.Random(1))
        phone = phone.resize((1080, 2400)) if phone.size != (1080, 2400) else phone
        (tmp_path / "phone.png").write_bytes(b"")
        phone.save(tmp_path / "phone.png")
        long_img = None
        for seed in range(200):
            r = random.Random(seed)
            if factory._size(random.Random(seed), True)[1] == 20000:
                long_img = factory._screen("screenshot", _scene(r), random.Random(seed), long=True)
                break
        assert long_img is not None and long_img.size == (1080, 20000)
        long_img.save(tmp_path / "long.png")
        warm = worker.read(tmp_path / "phone.png")   # first read loads the models
        pid = worker._proc.pid if worker._proc else 0
        cpu0, t0 = _cpu_seconds(pid), time.perf_counter()
        a = worker.read(tmp_path / "phone.png")
        b = worker.read(tmp_path / "long.png")
        wall = time.perf_counter() - t0
        cpu = _cpu_seconds(pid) - cpu0
        n = int(os.environ.get("READ_SAMPLES", "12"))
        found = 0
        misses = []
        for i in range(n):
            scene = _scene(rng)
            img = factory._screen(KINDS[i % len(KINDS)], scene, random.Random(rng.getrandbits(32)))
            path = tmp_path / f"s{i}.png"
            img.save(path)
            ans = worker.read(path)
            text = "".join(ln["text"] for ln in ans.get("lines") or []).replace(" ", "").upper()
            if scene.order_no in text:
                found += 1
            else:
                misses.append((KINDS[i % len(KINDS)], scene.order_no))
    finally:
        worker.close()
    cores = os.cpu_count() or 1
    print(f"\nreading text ({worker.engine}, worker at below-normal priority), load average {os.getloadavg()[0]:.1f} "
          f"on {cores} cores")
    print(f"  first read incl. loading the models: {warm.get('seconds')} s of reading (model load not counted)")
    print(f"  1080×2400 screenshot: {a.get('seconds')} s; 1080×20000 screenshot (tiles): {b.get('seconds')} s")
    print(f"  worker CPU while reading: {cpu:.1f} s CPU in {wall:.1f} s wall = {100 * cpu / wall / cores:.0f} % "
          f"of the machine ({100 * cpu / wall:.0f} % of one core)")
    print(f"  order numbers read exactly: {found}/{n} = {100 * found / n:.0f} % (target >= 95 %)")
    for m in misses:
        print("  missed:", m)
