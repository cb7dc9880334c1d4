"""How long `merchant-console sandbox` takes to print its first line, beside the same with no images.

Run: pytest tests/benchmarks/test_sandbox_start.py -m benchmark -s   (prints figures; asserts nothing about time)

Evidence is drawn on first request, so start-up should not depend on images: 2000 refunds with
realistic (full-size) evidence against the baseline `--images none` (target: at most 1.5x), and
100 000 refunds (target: seconds; the world is then seeded on a thread while the server answers).
Also printed: the first page of the changes feed (it draws its refunds' evidence, within a budget)
and when the 100 000-refund world is whole.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import httpx
import pytest

from merchant_console.sandbox import SandboxConfig, World

TARGET_RATIO = 1.5


def _start(refunds: int, images: str) -> tuple[float, subprocess.Popen, dict]:
    """Start the CLI's sandbox; seconds until its first line, the process, what the line says."""
    windows = os.name == "nt"
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "merchant_console", "sandbox", "--refunds", str(refunds),
                             "--images", images, "--seed", "1"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            stdin=subprocess.DEVNULL, text=True, encoding="utf-8",
                            creationflags=subprocess.CREATE_NEW_PROCESS_GROUP if windows else 0)
    line = proc.stdout.readline()  # type: ignore[union-attr]
    seconds = time.perf_counter() - t
    return seconds, proc, json.loads(line)


def _stop(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.CTRL_BREAK_EVENT if os.name == "nt" else signal.SIGINT)
    try:
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()


@pytest.mark.benchmark
def test_sandbox_start_does_not_depend_on_images():
    runs: dict[str, list[float]] = {"none": [], "realistic": []}
    first_page = []
    for _ in range(3):  # alternate, keep the best of each: warm-up and noise hit both alike
        for images in ("none", "realistic"):
            seconds, proc, info = _start(2000, images)
            try:
                runs[images].append(seconds)
                assert info["url"].startswith("http://127.0.0.1:")
                if images == "realistic":
                    headers = {"Authorization": f"Bearer {info['tokens']['operator']}"}
                    t = time.perf_counter()
                    page = httpx.get(info["url"] + "/api/v1/refunds/changes", params={"limit": 200},
                                     headers=headers, timeout=120).json()
                    first_page.append((time.perf_counter() - t, len(page["items"]),
                                       sum(len(d["evidence"]) for d in page["items"])))
                    assert page["items"] and all(len(e["sha256"]) == 64 for d in page["items"]
                                                 for e in d["evidence"])
            finally:
                _stop(proc)
    base, ours = min(runs["none"]), min(runs["realistic"])
    print(f"\nsandbox --refunds 2000, time to first line: realistic {ours:.2f} s, baseline --images none "
          f"{base:.2f} s: {ours / base:.2f}x (target <= {TARGET_RATIO}x)")
    # the same in-process, without the interpreter's start-up and imports (~1.5 s of the above)
    worlds: dict[str, list[float]] = {"none": [], "realistic": []}
    for _ in range(3):
        for images in ("none", "realistic"):
            t = time.perf_counter()
            World(SandboxConfig(refunds=2000, seed=1, images=images, ticker=False)).close()
            worlds[images].append(time.perf_counter() - t)
    wb, wo = min(worlds["none"]), min(worlds["realistic"])
    print(f"  World(refunds=2000) in-process: realistic {wo:.2f} s, none {wb:.2f} s: {wo / wb:.2f}x")
    page_s, page_n, page_ev = min(first_page)
    print(f"  first changes page (limit 200, realistic): {page_n} refunds with {page_ev} evidence files drawn "
          f"in {page_s:.2f} s (a page ends early after ~1 s of drawing)")

    seconds, proc, info = _start(100_000, "realistic")
    try:
        t = time.perf_counter()
        # adding nothing waits for the whole world: the time the background seeding still needed
        r = httpx.post(info["url"] + "/sandbox/refunds", json={"count": 0}, timeout=600)
        assert r.status_code in (200, 201), r.text
        whole = seconds + time.perf_counter() - t
    finally:
        _stop(proc)
    print(f"sandbox --refunds 100000 (realistic): first line in {seconds:.2f} s; the whole world seeded "
          f"{whole:.1f} s after launch")
