"""Near-copies of a sandbox screenshot are "similar"; the same screen with another order number or
amount is not (dHash called both near-identical). The full labelled set is a benchmark
(tests/benchmarks/test_similarity_benchmark.py)."""

from __future__ import annotations

import random

from PIL import Image

from merchant_console.evidence import dhash as dh
from merchant_console.evidence import similarity as sm
from merchant_console.sandbox.images import EvidenceFactory, Scene
from tests.benchmarks.similar_pairs import _border, _crop, _jpeg, _resize, _status_bar


def _screen(f: EvidenceFactory, scene: Scene) -> Image.Image:
    return f._screen("screenshot", scene, random.Random(5))


def test_copies_are_similar_and_other_orders_are_not():
    f = EvidenceFactory("realistic", 3)
    scene = Scene("KM20261121093012345", "腾讯Q币 100元", "98.50", "2026-11-21 09:30", "路人甲", "卡密无效")
    base = _screen(f, scene)
    rng = random.Random(2)
    a = sm.signature(base)
    assert a is not None
    copies = {
        "jpeg q55, resized 60 %": _jpeg(_resize(base, random.Random(0)), 55),
        "cropped, new status bar": _jpeg(_status_bar(f, _crop(base, rng), rng), 80),
        "in a border": _jpeg(_border(base, rng), 70),
    }
    for how, img in copies.items():
        b = sm.signature(img)
        assert b is not None
        assert sm.compare(a, b).copy, how
    other_no = _screen(f, Scene("KM20261121093012346", *list(vars(scene).values())[1:]))
    other_paid = _screen(f, Scene(scene.order_no, scene.product, "99.50", scene.when, scene.nickname, scene.reason))
    for how, img in {"other order number": other_no, "other amount": other_paid}.items():
        # the old hash cannot tell them apart
        assert dh.distance(dh.dhash(base), dh.dhash(img)) <= dh.NEAR_THRESHOLD, how
        b = sm.signature(_jpeg(img, 90))
        assert b is not None
        assert not sm.compare(a, b).copy, how


def test_signature_round_trips_and_small_images_have_none():
    f = EvidenceFactory("realistic", 3)
    img = _screen(f, Scene("KM1", "京东E卡 200元", "196.00", "2026-11-02 08:30", "小明", "卡密已被使用"))
    sig = sm.signature(img)
    assert sig is not None
    back = sm.Signature.from_bytes(sig.to_bytes())
    assert back.width == sig.width and (back.keys == sig.keys).all() and len(back.strips) == len(sig.strips)
    assert sm.compare(sig, back).copy
    assert sm.signature(img.resize((300, 660))) is None


def test_a_crop_that_cuts_every_left_aligned_line_is_still_found():
    """Cropped into the text on the left (a fifth of the width): every left-aligned line is cut, so the
    lines' hashes differ; the ends the crop left whole still find the copy (the index and compare)."""
    f = EvidenceFactory("realistic", 4)
    scene = Scene("KM20261121093012345", "腾讯Q币 100元", "98.50", "2026-11-21 09:30", "路人甲", "卡密无效")
    base = _screen(f, scene)
    w, h = base.size
    cropped = _jpeg(base.crop((int(0.16 * w), int(0.06 * h), w - int(0.03 * w), h - int(0.05 * h))), 70)
    a, b = sm.signature(base), sm.signature(cropped)
    assert a is not None and b is not None
    index = sm.SimilarIndex()
    index.add("base", a.keys)
    assert index.candidates("crop", b.keys) == ["base"]
    assert sm.compare(a, b).copy
