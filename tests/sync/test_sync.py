"""The sync engine against the real sandbox platform on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from merchant_console.core.clock import ServerClock, local_now_ms, parse_rfc3339
from merchant_console.core.countdown import countdown_for, describe
from merchant_console.core.policy import DecisionDraft
from merchant_console.store import audit, outbox, refunds, state
from merchant_console.store.changes import SYNC, Changes
from merchant_console.sync.engine import RECONCILE_AFTER_MS, SyncError, SyncListener


def local_versions(engine):
    with engine.db.read() as conn:
        return refunds.versions(conn)


def awaiting(engine, *, fast=None):
    with engine.db.read() as conn:
        q = "SELECT id FROM refunds WHERE status='awaiting_merchant'"
        if fast is not None:
            q += f" AND fast_refund={1 if fast else 0}"
        return [r[0] for r in conn.exec_driver_sql(q + " ORDER BY id")]


def decide(engine, refund_id, draft):
    with engine.db.write() as conn:
        refund = refunds.get_refund(conn, refund_id)
        return outbox.record_decision(conn, refund, draft, staff_id=engine.staff_id, staff_name=engine.staff_name,
                                      now_ms=engine.clock.now_ms())


def decision_state(engine, decision_id):
    with engine.db.read() as conn:
        return next(d for d in outbox.all_decisions(conn) if d["id"] == decision_id)


def sandbox_post(sb, path, body=None):
    r = httpx.post(sb.url + path, json=body or {})
    assert r.status_code < 300, r.text
    return r.json() if r.content else None


def test_full_sync_of_1200_refunds_equals_the_sandbox(sandbox_factory, console):
    sb = sandbox_factory(refunds=1200, seed=3)   # three pages of 500
    engine = console(sb, cache=False)
    report = engine.sync_once(prefetch=False)
    assert report.refunds >= 1200 and report.pages >= 3 and report.quarantined == 0
    assert local_versions(engine) == sb.world.snapshot()
    with engine.db.read() as conn:
        st = state.load_state(conn)
        assert st["last_full_sync_at"] is not None and st["cursor"]
        assert st["policy"]["response_hours"] == 24


def test_incremental_sync_pulls_only_changes(sandbox, console):
    engine = console(sandbox)
    engine.sync_once(prefetch=False)
    new_ids = sandbox_post(sandbox, "/sandbox/refunds", {"count": 5})
    victim = awaiting(engine)[0]
    sandbox_post(sandbox, f"/sandbox/refunds/{victim}/cancel")
    report = engine.pull()
    assert 6 <= report.refunds <= 10  # the five new, the cancelled, and whatever timers touched
    assert local_versions(engine) == sandbox.world.snapshot()
    with engine.db.read() as conn:
        assert refunds.get_refund(conn, victim)["status"] == "cancelled"
    assert new_ids is not None


def test_fast_refund_auto_approval_and_urge_escalation_by_clock(sandbox, console):
    engine = console(sandbox)
    engine.sync_once(prefetch=False)
    fast = sandbox.world.add_refunds(1, fast_refund=True)[0]
    slow = sandbox.world.add_refunds(1, fast_refund=False)[0]
    engine.pull()
    sandbox_post(sandbox, "/sandbox/clock/advance", {"seconds": 31 * 60})
    engine.pull()
    with engine.db.read() as conn:
        r = refunds.get_refund(conn, fast)
        assert r["status"] == "refunding" and r["decision_by_kind"] == "platform_auto"
        assert r["decision_amount_fen"] == r["requested_fen"]
    sandbox_post(sandbox, "/sandbox/clock/advance", {"seconds": 24 * 3600})
    sandbox_post(sandbox, f"/sandbox/refunds/{slow}/urge")
    engine.pull()
    with engine.db.read() as conn:
        r = refunds.get_refund(conn, slow)
        assert r["urged_at"] is not None and r["escalates_at"] == r["urged_at"] + 12 * 3_600_000
    sandbox_post(sandbox, "/sandbox/clock/advance", {"seconds": 12 * 3600 + 1})
    engine.pull()
    with engine.db.read() as conn:
        assert refunds.get_refund(conn, slow)["status"] == "platform_review"


def test_decision_round_trip(sandbox, console):
    engine = console(sandbox)
    engine.sync_once(prefetch=False)
    rid = awaiting(engine, fast=False)[0]
    with engine.db.read() as conn:
        paid = refunds.get_refund(conn, rid)["paid_fen"]
    draft = DecisionDraft("partial", paid // 2, "partial_used_value", "卡内已使用部分面值,按剩余价值退款")
    did = decide(engine, rid, draft)
    report = engine.push()
    assert report.pushed == {"done": 1}
    d = decision_state(engine, did)
    assert d["state"] == "done"
    platform = sandbox.world.refund(rid)
    assert platform["status"] == "refunding" and platform["decision"]["amount_fen"] == paid // 2
    assert platform["decision"]["by"]["kind"] == "staff"
    with engine.db.read() as conn:
        local = refunds.get_refund(conn, rid)
        assert local["version"] == platform["version"] and local["decision_action"] == "partial"
        assert audit.verify(conn).entries == 2  # the decision, and its completion


def test_decision_that_loses_the_race_to_auto_approval_is_superseded(sandbox, console):
    engine = console(sandbox)
    engine.sync_once(prefetch=False)
    rid = sandbox.world.add_refunds(1, fast_refund=True)[0]
    engine.pull()
    did = decide(engine, rid, DecisionDraft("reject", None, "card_already_used", "卡密已激活使用,无法退款"))
    sandbox.world.advance(31 * 60)  # the platform auto-approves before our upload arrives
    assert engine.push().pushed == {"superseded": 1}
    d = decision_state(engine, did)
    assert d["state"] == "superseded"
    assert d["platform_decision"]["decision"]["by"]["kind"] == "platform_auto"
    assert "auto-approved" in d["message"]
    with engine.db.read() as conn:
        assert refunds.get_refund(conn, rid)["decision_by_kind"] == "platform_auto"  # shown with what happened
    assert sandbox.world.decisions_applied(rid) == 0


def test_invalid_decision_is_rejected_with_field_errors(sandbox, console):
    engine = console(sandbox)
    engine.sync_once(prefetch=False)
    rid = awaiting(engine, fast=False)[0]
    # bypass local validation to see the platform's verdict come back as field errors
    did = decide(engine, rid, DecisionDraft("reject", None, "card_already_used", "x" * 500))
    assert engine.push().pushed == {"rejected": 1}
    d = decision_state(engine, did)
    assert d["state"] == "rejected" and "reason_text" in (d["field_errors"] or {})


def test_faults_converge_and_every_decision_applies_exactly_once(sandbox_factory, console):
    sb = sandbox_factory(refunds=300, seed=5)
    engine = console(sb, max_attempts=60)
    engine.sync_once(prefetch=False)
    targets = awaiting(engine, fast=False)[:12]
    ids = [decide(engine, rid, DecisionDraft("approve")) for rid in targets]
    sb.world.set_faults(error_rate=0.3, drop_after_commit_rate=0.3, rate_limit_rate=0.1, retry_after_s=0)
    for round_no in range(40):
        # a maintenance window in the middle (503 with the platform's announcement)
        sb.world.set_faults(error_rate=0.3, drop_after_commit_rate=0.3, rate_limit_rate=0.1, retry_after_s=0,
                            maintenance=round_no in (2, 3))
        engine.push()
        try:
            engine.pull()
        except SyncError:  # pull gave up for this round (maintenance): the next round goes on
            pass
        with engine.db.read() as conn:
            if outbox.pending_count(conn) == 0:
                break
        with engine.db.write() as conn:  # retries are scheduled in the future; bring them forward
            conn.exec_driver_sql("UPDATE outbox SET next_attempt_at = 0 WHERE state = 'pending'")
    sb.world.set_faults()
    engine.pull()
    assert {decision_state(engine, i)["state"] for i in ids} == {"done"}
    assert [sb.world.decisions_applied(rid) for rid in targets] == [1] * len(targets)
    assert local_versions(engine) == sb.world.snapshot()
    with engine.db.read() as conn:
        keys = conn.exec_driver_sql("SELECT count(DISTINCT idempotency_key), count(*) FROM outbox").one()
        assert keys[0] == keys[1] == len(targets)


def test_a_sync_once_sends_what_waits_out_a_backoff_from_an_earlier_run(sandbox, console):
    """`sync --once` (or a console starting) is asked to send now: an item a previous run backed off for
    minutes goes in this round when the platform answers, not left pending until its backoff runs out."""
    engine = console(sandbox)
    engine.sync_once(prefetch=False)
    rid = awaiting(engine, fast=False)[0]
    did = decide(engine, rid, DecisionDraft("approve"))
    sandbox.world.set_faults(drop_after_commit_rate=1.0)
    assert engine.push().pushed == {"retry": 1}        # applied on the platform, the answer lost: backed off
    sandbox.world.set_faults()
    later = engine.clock.now_ms() + 10 * 60_000          # as if the backoff had grown over many failures
    with engine.db.write() as conn:
        conn.exec_driver_sql("UPDATE outbox SET next_attempt_at = ? WHERE decision_id = ?", (later, did))
    assert engine.push().pushed == {}                   # a running sync keeps its pace between rounds
    engine.sync_once(prefetch=False)
    assert decision_state(engine, did)["state"] == "done"
    assert sandbox.world.decisions_applied(rid) == 1


def test_maintenance_is_retryable_and_announced(sandbox, console):
    engine = console(sandbox, max_attempts=2)
    engine.sync_once(prefetch=False)
    sandbox.world.set_faults(maintenance=True, retry_after_s=0)
    from merchant_console.sync.engine import SyncError
    with pytest.raises(SyncError) as e:
        engine.pull()
    assert "维护" in str(e.value)
    assert engine.client.announcement and "维护" in engine.client.announcement
    sandbox.world.set_faults()
    engine.pull()
    assert engine.client.announcement is None


def test_expired_cursor_resyncs_and_keeps_local_decisions(sandbox, console):
    engine = console(sandbox)
    engine.sync_once(prefetch=False)
    rid = awaiting(engine, fast=False)[0]
    did = decide(engine, rid, DecisionDraft("approve"))
    sandbox.world.expire_cursors()
    report = engine.pull()
    assert report.full_resync and report.refunds >= 120
    assert decision_state(engine, did)["state"] == "queued"
    assert engine.push().pushed == {"done": 1}
    assert local_versions(engine) == sandbox.world.snapshot()


def test_old_item_is_reconciled_before_any_resend(sandbox, console):
    skew = [0]
    engine = console(sandbox, clock=ServerClock(local=lambda: local_now_ms() + skew[0]))
    engine.sync_once(prefetch=False)
    rid = awaiting(engine, fast=False)[0]
    did = decide(engine, rid, DecisionDraft("approve"))
    sandbox.world.set_faults(drop_after_commit_rate=1.0)
    assert engine.push().pushed == {"retry": 1}       # applied on the platform, answer lost
    sandbox.world.set_faults()
    skew[0] = RECONCILE_AFTER_MS + 3_600_000          # a day later (the offset is re-measured each call)
    engine.client.clock.offset_ms -= skew[0]
    with engine.db.write() as conn:
        conn.exec_driver_sql("UPDATE outbox SET next_attempt_at = 0")
    assert engine.push().pushed == {"done": 1}
    assert decision_state(engine, did)["state"] == "done"
    assert sandbox.world.decisions_applied(rid) == 1


def test_skewed_local_clocks_show_the_same_countdowns(sandbox, console):
    hours3 = 3 * 3_600_000
    engines = [console(sandbox, name=f"c{skew}", clock=ServerClock(local=lambda s=skew: local_now_ms() + s))
               for skew in (-hours3, 0, hours3)]
    texts = []
    for engine in engines:
        engine.sync_once(prefetch=False)
        with engine.db.read() as conn:
            rows = [dict(r) for r in conn.exec_driver_sql(
                "SELECT * FROM refunds WHERE next_deadline_at IS NOT NULL ORDER BY id LIMIT 20").mappings()]
        now = engine.clock.now_ms()
        # compare at minute resolution: the three clocks are read a few ms apart
        texts.append([describe(countdown_for(r, now - now % 60_000)) for r in rows])
    assert texts[0] == texts[1] == texts[2] and texts[0]
    assert abs(engines[0].clock.now_ms() - engines[2].clock.now_ms()) < 2_000


def test_evidence_is_prefetched_and_checked(sandbox, console):
    engine = console(sandbox)
    report = engine.sync_once()
    assert report.evidence_fetched > 0
    scope = "r.status IN ('awaiting_merchant', 'appealed', 'platform_review')"
    with engine.db.read() as conn:
        missing = conn.exec_driver_sql(
            "SELECT count(*) FROM evidence e JOIN refunds r ON r.id = e.refund_id "
            "LEFT JOIN evidence_blobs b ON b.sha256 = e.sha256 "
            f"WHERE {scope} AND b.sha256 IS NULL AND e.fetch_error IS NULL").scalar()
        blobs = conn.exec_driver_sql("SELECT count(*) FROM evidence_blobs").scalar()
        # decided and closed refunds' evidence waits until it is opened (unless an open refund shares it)
        elsewhere = conn.exec_driver_sql(
            "SELECT count(*) FROM evidence_blobs b WHERE NOT EXISTS (SELECT 1 FROM evidence e "
            f"JOIN refunds r ON r.id = e.refund_id WHERE e.sha256 = b.sha256 AND {scope})").scalar()
    assert missing == 0 and blobs == report.evidence_fetched and elsewhere == 0
    again = engine.prefetch()
    assert again.evidence_fetched == 0  # nothing fetched twice


@pytest.mark.parametrize("patch", [
    {"paid_fen": "98.50"},                     # money as text
    {"paid_fen": 98.5},                        # money as float
    {"requested_fen": 10**9},                  # more than was paid
    {"due_at": "tomorrow"},                    # not a timestamp
    {"status": "teleported"},                  # unknown status
    {"product": None},                         # nested object missing
    {"evidence": [{"id": "e_x", "sha256": "../../etc/passwd", "bytes": 1, "content_type": "image/png",
                   "kind": "screenshot"}]},    # hostile digest
    {"timeline": "提交"},                       # wrong shape
])
def test_malformed_records_are_quarantined_and_the_rest_syncs(sandbox, console, patch):
    engine = console(sandbox, cache=False)
    engine.sync_once(prefetch=False)
    victim, other = awaiting(engine, fast=False)[:2]
    good_before = local_versions(engine)[victim]
    original = sandbox.world.refund(victim)
    sandbox_post(sandbox, f"/sandbox/refunds/{victim}/corrupt", {"patch": patch})
    sandbox.world.cancel(other)  # a well-formed change in the same page
    report = engine.pull()
    assert report.quarantined == 1
    with engine.db.read() as conn:
        [q] = state.quarantined(conn)
        assert q["refund_id"] == victim and q["error"]
        assert refunds.get_refund(conn, victim)["version"] == good_before   # the last good state stays
        assert refunds.get_refund(conn, other)["status"] == "cancelled"     # the rest synced
    # the platform repairs the record (a newer version): it syncs and leaves quarantine
    sandbox.world.corrupt(victim, {k: original[k] for k in patch})
    assert engine.pull().quarantined == 0
    with engine.db.read() as conn:
        assert state.quarantine_count(conn) == 0
        assert refunds.get_refund(conn, victim)["version"] > good_before


def test_statement_goes_through_the_outbox(sandbox, console):
    """An appeal statement travels like a decision: its own key, If-Match, exactly once."""
    engine = console(sandbox)
    engine.sync_once(prefetch=False)
    made = sandbox.world.add_refunds(6, status="appealed")
    # some seeded appeals already carry the merchant's statement; answer one that does not
    rid = next(r for r in made if sandbox.world.refund(r)["appeal"]["statement"] is None)
    engine.pull()
    with engine.db.write() as conn:
        refund = refunds.get_refund(conn, rid)
        conn.execute(outbox.OutboxItem.__table__.insert().values(
            kind="statement", refund_id=rid, idempotency_key="stmt-1", if_match=refund["version"],
            body={"text": "买家提供的截图显示卡密已于交付后激活,已附充值记录", "evidence_ids": []}, state="pending",
            attempts=0, next_attempt_at=0, created_at=engine.clock.now_ms()))
    pushed = engine.push().pushed
    with engine.db.read() as conn:
        errors = [r.last_error for r in conn.exec_driver_sql("SELECT last_error FROM outbox")]
    assert pushed == {"done": 1}, errors
    assert sandbox.world.refund(rid)["appeal"]["statement"]["text"].startswith("买家提供")


class Failures(SyncListener):
    """The failed rounds a live sync tells its listener."""

    def __init__(self, into: list) -> None:
        self.into = into

    def failed(self, error: SyncError) -> None:
        self.into.append(error)


def test_background_run_pulls_changes_and_pushes_nudged_decisions(sandbox, console):
    import threading
    import time

    errors: list = []
    engine = console(sandbox, cache=False, listener=Failures(errors))
    t = threading.Thread(target=engine.run, kwargs={"wait_s": 1})
    t.start()
    try:
        deadline = time.monotonic() + 20
        while not local_versions(engine) and time.monotonic() < deadline:
            time.sleep(0.05)
        new = sandbox.world.add_refunds(2)
        while not set(new) <= set(local_versions(engine)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert set(new) <= set(local_versions(engine)), "long-poll did not bring the new refunds"
        did = decide(engine, new[0], DecisionDraft("approve"))
        engine.nudge()
        while decision_state(engine, did)["state"] == "queued" and time.monotonic() < deadline:
            time.sleep(0.05)
        assert decision_state(engine, did)["state"] == "done"
    finally:
        engine.stop.set()
        sandbox.world.interrupt_waits()
        t.join(timeout=30)
    assert not t.is_alive() and errors == []


def test_a_decision_waiting_out_its_backoff_goes_as_soon_as_the_platform_is_back(sandbox, console):
    """A long maintenance grows an outbox item's backoff to minutes; the first pull that succeeds sends it."""
    import threading
    import time

    from sqlalchemy import select, update

    from merchant_console.store.models import OutboxItem

    def attempts() -> int:
        with engine.db.read() as conn:
            return conn.execute(select(OutboxItem.attempts).where(OutboxItem.decision_id == did)).scalar_one()

    errors: list = []
    engine = console(sandbox, cache=False, listener=Failures(errors))
    t = threading.Thread(target=engine.run, kwargs={"wait_s": 1})
    t.start()
    try:
        deadline = time.monotonic() + 60
        while not local_versions(engine) and time.monotonic() < deadline:
            time.sleep(0.05)
        rid = next(r for r, _v in sorted(local_versions(engine).items())
                   if sandbox.world.refund(r)["status"] == "awaiting_merchant")
        sandbox.world.set_faults(maintenance=True, retry_after_s=0)
        did = decide(engine, rid, DecisionDraft("approve"))
        engine.nudge()
        while (not errors or attempts() < 1) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert errors and decision_state(engine, did)["state"] == "queued"   # the platform said: maintenance
        later = engine.clock.now_ms() + 10 * 60_000                          # as if its backoff had grown
        with engine.db.write() as conn:
            conn.execute(update(OutboxItem).where(OutboxItem.decision_id == did).values(next_attempt_at=later))
        sandbox.world.set_faults()
        while decision_state(engine, did)["state"] == "queued" and time.monotonic() < deadline:
            time.sleep(0.05)
        assert decision_state(engine, did)["state"] == "done"
        assert engine.clock.now_ms() < later and sandbox.world.decisions_applied(rid) == 1
    finally:
        engine.stop.set()
        sandbox.world.interrupt_waits()
        t.join(timeout=30)
    assert not t.is_alive()


def test_merchant_images_upload_before_the_decision_and_only_once(sandbox, console, tmp_path):
    import io

    from PIL import Image

    from merchant_console.evidence.merchant_image import keep_for_upload, prepare_upload

    engine = console(sandbox)
    engine.sync_once(prefetch=False)
    rid, other = awaiting(engine, fast=False)[:2]
    buf = io.BytesIO()
    Image.effect_noise((900, 1600), 40).convert("RGB").save(buf, "PNG")
    att = keep_for_upload(prepare_upload(buf.getvalue(), 131_072), tmp_path / "attachments")
    with engine.db.write() as conn:
        did = outbox.record_decision(conn, refunds.get_refund(conn, rid),
                                     DecisionDraft("reject", None, "card_already_used", "附充值记录截图"),
                                     staff_id=engine.staff_id, staff_name="", now_ms=engine.clock.now_ms(),
                                     attachments=[att])
    sandbox.world.set_faults(drop_after_commit_rate=1.0)      # the decision's answer is lost once
    assert engine.push().pushed == {"retry": 1}
    sandbox.world.set_faults()
    with engine.db.write() as conn:
        conn.exec_driver_sql("UPDATE outbox SET next_attempt_at = 0")
    assert engine.push().pushed == {"done": 1}
    decision = sandbox.world.refund(rid)["decision"]
    assert len(decision["evidence_ids"]) == 1 and decision["evidence_ids"][0].startswith("me_")
    assert decision_state(engine, did)["state"] == "done"
    out = engine.client.evidence(decision["evidence_ids"][0])
    assert out.value == Path(att["path"]).read_bytes()
    # an attachment deleted from disk before upload: the decision is refused locally, plainly
    with engine.db.write() as conn:
        did2 = outbox.record_decision(conn, refunds.get_refund(conn, other),
                                      DecisionDraft("reject", None, "card_already_used", "附图"),
                                      staff_id=engine.staff_id, staff_name="", now_ms=engine.clock.now_ms(),
                                      attachments=[dict(att, path=str(tmp_path / "gone.jpg"))])
    assert engine.push().pushed == {"rejected": 1}
    assert "missing" in decision_state(engine, did2)["message"]
    assert sandbox.world.refund(other)["status"] == "awaiting_merchant"


def test_a_pull_reports_which_refunds_changed(sandbox, console):
    engine = console(sandbox, cache=False)
    first = engine.pull()
    assert first.changes.everything or len(first.changes.ids) == first.refunds  # the initial sync: many
    new = sandbox.world.add_refunds(2)
    now = sandbox.world.now_ms()
    # one the buyer may urge: past its response deadline and not urged already (the seed urged some)
    urged = next(r for r in awaiting(engine) if (d := sandbox.world.refund(r))["urged_at"] is None
                 and parse_rfc3339(d["due_at"]) < now)
    assert sandbox.world.urge(urged)["urged_at"] is not None
    report = engine.pull()
    assert report.changes.ids == {*new, urged} and not report.changes.everything
    assert not engine.pull().changes                                           # nothing new: nothing listed
    sandbox.world.expire_cursors()
    sandbox.world.add_refunds(1)
    assert engine.pull().changes.everything                                    # a full resync: "everything"


def test_every_write_of_the_engine_ends_in_a_change_notice_to_its_listener(sandbox, console):
    """The listener given at construction hears each page stored and each upload settled, with the
    refunds it touched (a page listing more than store.changes.MAX_LISTED says "everything")."""
    heard: list[Changes] = []

    class Heard(SyncListener):
        def changed(self, changes):
            heard.append(changes)

    engine = console(sandbox, cache=False, listener=Heard())
    engine.sync_once(prefetch=False)
    assert heard and all(c.origin == SYNC for c in heard)
    told = set().union(*(c.ids for c in heard))
    assert any(c.everything for c in heard) or told == set(local_versions(engine))
    heard.clear()
    rid = awaiting(engine, fast=False)[0]
    decide(engine, rid, DecisionDraft("approve"))
    assert engine.push().pushed == {"done": 1}
    assert heard == [Changes.of([rid])]
    heard.clear()
    new = sandbox.world.add_refunds(2)
    engine.pull()
    assert set().union(*(c.ids for c in heard)) >= set(new) and not any(c.everything for c in heard)
    heard.clear()
    engine.pull()
    assert heard == []                                   # nothing new: no notice


def test_evidence_fetched_ends_in_a_change_notice_naming_it(sandbox, console):
    """An evidence file cached (or failed for good) is told like every other write: one `changed` notice
    with its (refund id, sha256), not a row change of its refund."""
    heard: list[Changes] = []

    class Heard(SyncListener):
        def changed(self, changes):
            heard.append(changes)

    engine = console(sandbox, listener=Heard())
    report = engine.sync_once(prefetch=True)
    assert report.evidence_fetched > 0
    arrived = [c for c in heard if c.evidence]
    assert all(not c.rows and c.origin == SYNC for c in arrived)
    pairs = set().union(*(c.evidence for c in arrived))
    assert len(pairs) >= report.evidence_fetched
    with engine.db.read() as conn:
        known = set(conn.exec_driver_sql("SELECT refund_id, sha256 FROM evidence").all())
    assert pairs <= {tuple(p) for p in known}


def test_live_sync_lets_a_burst_of_changes_gather_into_one_page(sandbox, console):
    """After a long-poll brings changes, the puller waits settle_s before asking again, so a platform
    that changes something every second is shown every few seconds, not once per change."""
    import threading
    import time

    pulls: list[int] = []

    class Pages(SyncListener):
        def progress(self, report):
            if report.refunds:
                pulls.append(report.refunds)

    engine = console(sandbox, cache=False, listener=Pages())
    slept: list[float] = []
    engine._sleep = lambda s: (slept.append(s), engine.stop.wait(min(s, 0.05)))
    t = threading.Thread(target=engine.run, kwargs={"wait_s": 1, "settle_s": 7.25})
    t.start()
    try:
        deadline = time.monotonic() + 60
        everything = set(sandbox.world.snapshot())
        # the initial sync may take several pages (a page ends early while the platform draws evidence)
        while set(local_versions(engine)) != everything and time.monotonic() < deadline:
            time.sleep(0.02)
        assert set(local_versions(engine)) == everything and pulls   # the initial sync happened
        assert 7.25 not in slept                                   # the first (initial) sync does not wait
        new = sandbox.world.add_refunds(1)
        while not set(new) <= set(local_versions(engine)) and time.monotonic() < deadline:
            time.sleep(0.02)
        while 7.25 not in slept and time.monotonic() < deadline:
            time.sleep(0.02)
        assert 7.25 in slept                                       # a live page of changes: settle
    finally:
        engine.stop.set()
        sandbox.world.interrupt_waits()
        t.join(timeout=30)
    assert not t.is_alive()
