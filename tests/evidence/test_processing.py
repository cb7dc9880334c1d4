"""Through the sync path: prefetched evidence gets renditions, facts, hashes and risk signals."""

import io
import random

from PIL import Image

from merchant_console.evidence import dhash as dh
from merchant_console.evidence.decode import decode
from merchant_console.evidence.renditions import RenditionStore
from merchant_console.sandbox.images import EvidenceFactory, Lettering, Scene
from merchant_console.store import refunds, risk
from merchant_console.store.models import Evidence
from tests.evidence.conftest import add_evidence
from tests.evidence.hostile import hostile_cases, image_bytes


def _facts_by_evidence(db, refund_id):
    with db.read() as conn:
        ev = refunds.evidence_of(conn, refund_id)
        facts = risk.facts_of(conn, [e["sha256"] for e in ev])
    return {e["id"]: facts.get(e["sha256"]) for e in ev}


def test_hostile_files_through_sync_become_broken_with_reasons(sandbox_factory, synced):
    sb = sandbox_factory(refunds=6, seed=3, images="none")
    rid = sb.world.snapshot and next(iter(sorted(d["id"] for d in _docs(sb))))
    cases = hostile_cases()
    cases["jpeg_as_png"] = (image_bytes("JPEG", (50, 40)), None)  # wrong Content-Type, good bytes
    add_evidence(sb, rid, {k: v[0] for k, v in cases.items()}, "image/png")
    db, cache, proc = synced(sb)
    facts = _facts_by_evidence(db, rid)
    for name, (_, reason) in cases.items():
        f = facts[f"e_{name}"]
        assert f is not None, name
        assert f["broken"] == reason, name
    assert facts["e_jpeg_as_png"]["format"] == "JPEG"
    # nothing of the bombs was kept as a rendition, the good one has all levels
    store = RenditionStore(cache.root / "renditions")
    with db.read() as conn:
        ev = {e["id"]: e for e in refunds.evidence_of(conn, rid)}
    assert store.get(ev["e_png_400mp"]["sha256"]) is None
    r = store.get(ev["e_jpeg_as_png"]["sha256"])
    assert r is not None and (r.width, r.height) == (50, 40) and r.thumb.exists() and r.strip(0).exists()


def _docs(sb):
    import json
    return [json.loads(row[0]) for row in sb.world._db.execute("SELECT doc FROM refunds")]


def test_seeded_reuse_near_copies_and_editors_are_signalled(sandbox, synced):
    db, cache, proc = synced(sandbox)
    with db.read() as conn:
        ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM refunds")]
        sigs = risk.signals_for(conn, ids)
        n_ev = conn.exec_driver_sql("SELECT count(*) FROM evidence").scalar()
        processed = conn.exec_driver_sql("SELECT count(*) FROM evidence_facts").scalar()
        dup_shas = conn.exec_driver_sql(
            "SELECT sha256 FROM evidence WHERE bytes > 0 GROUP BY sha256 HAVING count(DISTINCT refund_id) > 1").all()
    assert processed > 0 and n_ev > 0
    codes = [s.code for ss in sigs.values() for s in ss]
    assert dup_shas and codes.count("same_image") >= 2
    # small test images (120-360 px) hold too little text for a signature: no similar-image signal
    # (tests/evidence/test_similar_world.py checks it on a realistic world)
    assert "similar_image" not in codes
    edited = [s for ss in sigs.values() for s in ss if s.code == "edited"]
    assert {s.detail["editor"] for s in edited} >= {"Photoshop", "美图秀秀", "Snapseed", "PicsArt"}
    # a reuse links both ways, so both refunds can be opened
    same = [s for ss in sigs.values() for s in ss if s.code == "same_image"]
    pairs = {(s.refund_id, s.other_refund_id) for s in same}
    assert all((b, a) in pairs for a, b in pairs)
    assert "card_used" in codes and "outside_window" in codes or "serial_refunder" in codes
    s = same[0]
    assert s.other_refund_id in s.explain("en") and "同一个文件" in s.explain("zh")


def test_zero_byte_files_are_not_a_reuse(sandbox_factory, synced):
    sb = sandbox_factory(refunds=4, seed=5, images="none")
    a, b = sorted(d["id"] for d in _docs(sb))[:2]
    add_evidence(sb, a, {"z1": b""})
    add_evidence(sb, b, {"z2": b""})
    db, _, _ = synced(sb)
    with db.read() as conn:
        sigs = risk.signals_for(conn, [a, b])
    assert not [s for ss in sigs.values() for s in ss if s.code == "same_image"]


def test_refund_level_signals_follow_the_row(sandbox, synced):
    db, _, _ = synced(sandbox)
    with db.read() as conn:
        row = conn.exec_driver_sql("SELECT id FROM refunds WHERE card_status='partially_used'").first()
        sigs = risk.signals_for(conn, [row[0]])[row[0]]
    used = [s for s in sigs if s.code == "card_used"]
    assert used and "partly used" in used[0].explain("en") and "部分使用" in used[0].explain("zh")


def test_flags_are_stored_and_listed(sandbox_factory, synced):
    sb = sandbox_factory(refunds=3, seed=2, images="small")
    db, _, _ = synced(sb)
    with db.read() as conn:
        e = conn.execute(Evidence.__table__.select()).mappings().first()
    with db.write() as conn:
        fid = risk.add_flag(conn, refund_id=e["refund_id"], evidence_id=e["id"], sha256=e["sha256"],
                            note="  looks edited ", staff_id="s_9", staff_name="小李", now_ms=1)
    with db.read() as conn:
        flags = risk.flags_for(conn, [e["refund_id"]])[e["refund_id"]]
    assert [(f.note, f.staff_name) for f in flags] == [("looks edited", "小李")]
    with db.write() as conn:
        risk.clear_flag(conn, fid, 2)
    with db.read() as conn:
        assert risk.flags_for(conn, [e["refund_id"]]) == {}


def test_dhash_threshold_on_seeded_copies():
    """Re-encoded and slightly cropped copies fall within the threshold; unlike images do not."""
    f = EvidenceFactory("small", 7, Lettering(None, probe=False))
    rng = random.Random(1)
    scene = Scene("KM1", "腾讯Q币 100元", "98.50", "2026-11-01 12:00", "小明", "卡密无效")
    pool = f._pool_images()
    for special in ("near_reencode", "near_crop"):
        for n in range(len(pool)):
            copy = f._from_pool(special, rng, n)
            d = dh.distance(dh.dhash(decode(copy.data).image), dh.dhash(decode(pool[n % len(pool)].data).image))
            assert d <= dh.NEAR_THRESHOLD, (special, n, d)
    # different layouts (order page, chat, top-up list, a photo) are far apart
    imgs = [decode(f.make(kind, scene, rng).data).image for kind in ("chat", "photo")]
    imgs += [decode(p.data).image for p in pool]
    hashes = [dh.dhash(i) for i in imgs]
    assert dh.distance(hashes[0], hashes[1]) > dh.NEAR_THRESHOLD
    assert dh.distance(hashes[2], hashes[3]) > dh.NEAR_THRESHOLD
    # a picture and its mirror image are not near-identical
    img = Image.open(io.BytesIO(pool[0].data)).convert("RGB")
    assert dh.distance(dh.dhash(img), dh.dhash(img.transpose(Image.Transpose.FLIP_LEFT_RIGHT))) > dh.NEAR_THRESHOLD
