"""In a seeded realistic world, "similar image" fires on the sandbox's planted reuse (one screenshot
re-encoded or cropped for other buyers) and nowhere else: not between screenshots of the same app
screen with other orders, which dHash paired by the dozen."""

from __future__ import annotations

import json

import pytest

from merchant_console.store import risk

pytestmark = pytest.mark.slow


def test_similar_image_only_on_planted_reuse(sandbox_factory, synced):
    sb = sandbox_factory(refunds=16, seed=11, images="realistic")
    planted = {eid: json.loads(plan)[3] for eid, plan in sb.world._db.execute("SELECT id, plan FROM evidence_plans")}
    db, _cache, _proc = synced(sb)
    with db.read() as conn:
        ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM refunds")]
        sigs = risk.signals_for(conn, ids)
    similar = [s for ss in sigs.values() for s in ss if s.code == "similar_image"]
    reuse = {"reused", "near_reencode", "near_crop"}
    wrong = [(s.evidence_id, planted.get(s.evidence_id or ""), s.other_evidence_id,
              planted.get(s.other_evidence_id or "")) for s in similar
             if planted.get(s.evidence_id or "") not in reuse or planted.get(s.other_evidence_id or "") not in reuse]
    assert similar, "the planted near-copies are found"
    assert not wrong
    # near-copies (not byte-identical) of the pool are among them, named in the merchant's words
    near = [s for s in similar if planted[s.evidence_id or ""].startswith("near_")]
    assert near and "same picture" in near[0].explain("en")
