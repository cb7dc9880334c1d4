"""Precision and recall of "similar image": today's dHash (within 18 of 256 bits) beside the block
signatures of evidence/similarity.py, on labelled pairs made from the sandbox's own screenshots
(tests/benchmarks/similar_pairs.py: near-copies re-encoded, resized, cropped, with a new status bar or a
border; same-layout screenshots with another order number, amount or time). Targets: precision >= 0.98,
recall >= 0.95. Prints figures, asserts nothing about time.

    nice -n 10 .venv/bin/python -m pytest tests/benchmarks/test_similarity_benchmark.py -m benchmark -s

SIMILAR_BASES (default 80: 480 pairs, 240 near-copies and 240 same-layout other content, so one miss moves
recall by 0.004 and 0.95 means at most 12 missed) and SIMILAR_SEED (default 17; the method was tuned on
seed 16's 30 bases, so the default set is one it was not tuned on).
"""

from __future__ import annotations

import os
import time

import pytest

from merchant_console.evidence import dhash as dh
from merchant_console.evidence import similarity as sm
from tests.benchmarks.similar_pairs import pairs

pytestmark = [pytest.mark.benchmark, pytest.mark.timeout(3600)]


def _pr(results: list[tuple[bool, bool]]) -> tuple[float, float, int, int]:
    tp = sum(1 for label, said in results if label and said)
    fp = sum(1 for label, said in results if not label and said)
    fn = sum(1 for label, said in results if label and not said)
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0), fp, fn


def test_similar_image_precision_and_recall():
    bases = int(os.environ.get("SIMILAR_BASES", "80"))
    seed = int(os.environ.get("SIMILAR_SEED", "17"))
    old: list[tuple[bool, bool]] = []
    new: list[tuple[bool, bool]] = []
    found_by_index = 0
    sig_s: list[float] = []
    cmp_s: list[float] = []
    missed = []
    for p in pairs(bases, seed):
        t = time.perf_counter()
        sa, sb = sm.signature(p.a), sm.signature(p.b)
        sig_s.append((time.perf_counter() - t) / 2)
        assert sa is not None and sb is not None
        index = sm.SimilarIndex()
        index.add("a", sa.keys)
        candidate = "a" in index.candidates("b", sb.keys)
        t = time.perf_counter()
        verdict = sm.compare(sa, sb)
        cmp_s.append(time.perf_counter() - t)
        said = candidate and verdict.copy
        found_by_index += candidate and p.label
        new.append((p.label, said))
        old.append((p.label, dh.distance(dh.dhash(p.a), dh.dhash(p.b)) <= dh.NEAR_THRESHOLD))
        if said != p.label:
            missed.append((p.label, p.how, candidate, verdict))
    n_pos = sum(1 for label, _ in new if label)
    po, ro, fpo, fno = _pr(old)
    pn, rn, fpn, fnn = _pr(new)
    print(f"\n{len(new)} labelled pairs from {bases} sandbox screenshots, seed {seed} ({n_pos} near-copies, "
          f"{len(new) - n_pos} same-layout other content), load average {os.getloadavg()[0]:.1f}")
    print(f"  dHash <= {dh.NEAR_THRESHOLD} bits (baseline): precision {po:.3f}  recall {ro:.3f}  "
          f"(false alarms {fpo}, missed {fno})")
    print(f"  block signatures:           precision {pn:.3f}  recall {rn:.3f}  "
          f"(false alarms {fpn}, missed {fnn}; index found {found_by_index}/{n_pos} copies)")
    print(f"  cost: {sum(sig_s) / len(sig_s):.3f} s per signature (one image), {sum(cmp_s) / len(cmp_s):.3f} s "
          f"per compare (one pair; mean, max {max(cmp_s):.3f} s)")
    for m in missed:
        print("  wrong:", m)
