import hashlib

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from merchant_console.core.policy import DecisionDraft
from merchant_console.core.refund import parse_refund
from merchant_console.store import audit, outbox, refunds, state
from merchant_console.store.engine import Database
from merchant_console.store.evidence_cache import EvidenceCache, EvidenceRejected
from merchant_console.store.models import Base
from tests.factories import T0, refund_doc


def test_models_and_migrations_do_not_drift(db):
    with db.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={
            "include_name": lambda name, type_, parent: not (name or "").startswith("refunds_fts")})
        assert compare_metadata(ctx, Base.metadata) == []


def test_pragmas(db):
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_failed_transaction_rolls_back(db):
    with pytest.raises(RuntimeError):
        with db.write() as conn:
            refunds.upsert_refunds(conn, [parse_refund(refund_doc(1))])
            raise RuntimeError("boom")
    with db.read() as conn:
        assert refunds.versions(conn) == {}


def test_higher_version_wins(db):
    v2 = parse_refund(refund_doc(1, version=2, status="rejected"))
    v1 = parse_refund(refund_doc(1, version=1))
    with db.write() as conn:
        refunds.upsert_refunds(conn, [v2])
        refunds.upsert_refunds(conn, [v1])
    with db.read() as conn:
        r = refunds.get_refund(conn, "r_20261121000001")
        assert (r["version"], r["status"]) == (2, "rejected")
        assert refunds.evidence_of(conn, r["id"])[0]["sha256"] == f"{1:064x}"


def test_search_finds_chinese_substrings_and_short_terms(db):
    rows = [parse_refund(refund_doc(1)),
            parse_refund(refund_doc(2, product={"sku": "JD-200", "name": "京东E卡 200元", "category": "gift_card",
                                                "face_value_fen": 20000}, paid_fen=19800, requested_fen=19800,
                                    buyer={"id": "b_2", "nickname": "小熊软糖", "refunds_90d": 0, "orders_90d": 1},
                                    reason="误充错号码"))]
    with db.write() as conn:
        refunds.upsert_refunds(conn, rows)
    with db.read() as conn:
        assert refunds.search_ids(conn, "京东E卡") == ["r_20261121000002"]
        assert refunds.search_ids(conn, "Q币") == ["r_20261121000001"]       # 2 chars: refunds_search
        assert refunds.search_ids(conn, "卡密无效") == ["r_20261121000001"]
        assert refunds.search_ids(conn, "软糖") == ["r_20261121000002"]
        assert refunds.search_ids(conn, "093015002") == ["r_20261121000002"]
        assert refunds.search_ids(conn, '"; DROP TABLE refunds; --') == []
        assert refunds.search_ids(conn, "%") == []          # LIKE wildcards are literal
        assert refunds.search_ids(conn, "9_") == []          # "_" would match any character unescaped
        assert len(refunds.search_ids(conn, "r_")) == 2
    # the index follows updates
    with db.write() as conn:
        refunds.upsert_refunds(conn, [parse_refund(refund_doc(2, version=5, reason="卡密已被使用"))])
    with db.read() as conn:
        assert refunds.search_ids(conn, "误充错") == []
        assert refunds.search_ids(conn, "已被使用") == ["r_20261121000002"]


def test_decision_outbox_and_audit_are_one_transaction(db):
    with db.write() as conn:
        refunds.upsert_refunds(conn, [parse_refund(refund_doc(1))])
    refund = None
    with db.write() as conn:
        refund = refunds.get_refund(conn, "r_20261121000001")
        did = outbox.record_decision(conn, refund, DecisionDraft("approve"), staff_id="s_7", staff_name="小王",
                                     now_ms=T0)
    with db.read() as conn:
        [item] = outbox.due_items(conn, T0)
        assert item["decision_id"] == did and item["if_match"] == 1 and len(item["idempotency_key"]) == 36
        assert audit.verify(conn).entries == 1
    with pytest.raises(outbox.DecisionNotAllowed):
        with db.write() as conn:
            outbox.record_decision(conn, refund, DecisionDraft("reject", None, "other", "理由"), staff_id="s_7",
                                   staff_name="小王", now_ms=T0)
    with db.read() as conn:
        assert outbox.pending_count(conn) == 1 and audit.verify(conn).entries == 1


def test_audit_tampering_is_named(db):
    with db.write() as conn:
        for i in range(5):
            audit.append(conn, kind="decision", actor="s_7", payload={"n": i, "text": "同意"}, at_ms=T0 + i)
    with db.read() as conn:
        assert audit.verify(conn).ok
    with db.write() as conn:
        conn.exec_driver_sql("UPDATE audit_log SET payload = replace(payload, '同意', '拒绝') WHERE seq = 3")
    with db.read() as conn:
        rep = audit.verify(conn)
    assert not rep.ok and rep.first_bad_seq == 3
    with db.write() as conn:
        conn.exec_driver_sql("DELETE FROM audit_log WHERE seq = 2")
    with db.read() as conn:
        assert audit.verify(conn).first_bad_seq == 2


def test_quarantine_keeps_raw_and_reason(db):
    with db.write() as conn:
        state.quarantine(conn, "r_x", {"id": "r_x", "paid_fen": "lots"}, "paid_fen: must be an integer", T0)
        state.quarantine(conn, "r_x", {"id": "r_x", "paid_fen": 1.5}, "paid_fen: must be an integer", T0)
    with db.read() as conn:
        [q] = state.quarantined(conn)
        assert '"paid_fen": 1.5' in q["raw"] and "integer" in q["error"]
    with db.write() as conn:  # a good version clears it
        refunds.upsert_refunds(conn, [parse_refund(refund_doc(1, id="r_x"))])
    with db.read() as conn:
        assert state.quarantine_count(conn) == 0


def test_evidence_cache_checks_digest_and_evicts_lru(db, tmp_path):
    cache = EvidenceCache(tmp_path / "ev", db, max_total_bytes=250, max_file_bytes=120)
    blobs = [bytes([i]) * 100 for i in range(3)]
    shas = [hashlib.sha256(b).hexdigest() for b in blobs]
    with pytest.raises(EvidenceRejected, match="does not match"):
        cache.put(shas[0], blobs[1], T0)
    with pytest.raises(EvidenceRejected, match="limit"):
        cache.put(hashlib.sha256(b"x" * 200).hexdigest(), b"x" * 200, T0)
    cache.put(shas[0], blobs[0], T0)
    cache.put(shas[1], blobs[1], T0 + 1)
    assert cache.get(shas[0], T0 + 2) == blobs[0]      # 0 is now more recent than 1
    cache.put(shas[2], blobs[2], T0 + 3)               # 300 > 250: the least recent (1) goes
    assert cache.get(shas[1], T0 + 4) is None
    assert cache.get(shas[0], T0 + 4) == blobs[0] and cache.get(shas[2], T0 + 4) == blobs[2]
    assert cache.total_bytes() == 200
    # a file damaged on disk is not served
    (tmp_path / "ev" / shas[0][:2] / shas[0]).write_bytes(b"tampered")
    assert cache.get(shas[0], T0 + 5) is None
    with pytest.raises(EvidenceRejected):
        cache.put("../../etc/passwd", b"", T0)


def test_short_and_long_searches_find_exactly_the_substring_matches(sandbox_factory, tmp_path):
    """The trigram index and the search-text table (0005) find what a plain substring scan finds."""
    from merchant_console.platform.client import PlatformClient
    from merchant_console.store.queue import QueueFilter, queue_rowids
    from merchant_console.sync.engine import SyncEngine

    sb = sandbox_factory(refunds=300, seed=21, images="none")
    db = Database(tmp_path / "s.db")
    with PlatformClient(sb.url, sb.tokens["viewer"]) as client:
        SyncEngine(db, client).pull()
    with db.write() as conn:   # a nickname that is exactly two characters, and ASCII case
        refunds.upsert_refunds(conn, [parse_refund(refund_doc(9001, id="r_short", buyer={
            "id": "b_x", "nickname": "小王", "refunds_90d": 0, "orders_90d": 1}, reason="Card code INVALID"))])
    cols = ("id", "order_no", "product_name", "buyer_nickname", "buyer_id", "reason")
    with db.read() as conn:
        rows = [dict(r) for r in conn.exec_driver_sql(f"SELECT rowid, {', '.join(cols)} FROM refunds").mappings()]
        for term in ("Q币", "小王", "王", "京东", "卡", "币", "r_", "10", "invalid", "IN", "KM2026", "腾讯Q币", '"',
                     "%", "没有"):
            expected = {r["rowid"] for r in rows
                        if any(term.lower() in (r[c] or "").lower() for c in cols)}
            got = set(queue_rowids(conn, QueueFilter(queue="all", search=term), now=0))
            assert got == expected, term
        assert refunds.search_ids(conn, "小王") == ["r_short"]
    db.close()


def test_a_keychain_that_refuses_is_said_once_and_asked_again_at_each_entry(db, isolated, caplog):
    import keyring.errors

    asked = []

    def refuse(*_a):
        asked.append(1)
        raise keyring.errors.KeyringError("locked")

    isolated.get_password = refuse       # a locked keychain: every call refused
    with caplog.at_level("WARNING", logger="merchant_console.store.audit"):
        for i in range(4):
            with db.write() as conn:
                audit.append(conn, kind="decision", actor="s_7", payload={"n": i}, at_ms=T0 + i)
    warnings = [r for r in caplog.records if "keychain" in r.getMessage()]
    assert len(warnings) == 1 and len(asked) == 4      # once in the log; asked again each time
    del isolated.get_password                          # unlocked: the chain is keyed from the next entry
    with db.write() as conn:
        audit.append(conn, kind="decision", actor="s_7", payload={"n": 4}, at_ms=T0 + 4)
    with db.read() as conn:
        report = audit.verify(conn)
    assert report.ok and report.keyed
