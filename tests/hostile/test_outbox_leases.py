"""Issue 14.9: two pushers at once (the console and a script, or two threads) never send one item twice."""

from __future__ import annotations

import threading
import time
from collections import Counter

from merchant_console.core.policy import DecisionDraft
from merchant_console.store import outbox, refunds
from merchant_console.store.models import AuditEntry

from .platform import decided, refund_doc


def test_concurrent_pushers_send_each_item_once_and_log_it_once(hostile, console):
    ids = [f"r_{i}" for i in range(6)]
    for rid in ids:
        hostile.refunds[rid] = refund_doc(rid)

    def slow_decision(h):
        time.sleep(0.3)  # both pushers are mid-round at the same time
        rid = h.route_path.split("/")[4]
        body = __import__("json").loads(h.body())
        with hostile.lock:
            hostile.decisions.append((rid, h.headers.get("Idempotency-Key"), body))
        h.send_json(decided(hostile.refunds[rid], body))

    for rid in ids:
        hostile.routes[f"POST /api/v1/refunds/{rid}/decision"] = slow_decision
    a = console(hostile.url, name="shared")
    b = console(hostile.url, name="shared")  # another process on the same database file
    a.sync_once(prefetch=False)
    b.refresh_me()
    with a.db.write() as conn:
        for rid in ids:
            outbox.record_decision(conn, refunds.get_refund(conn, rid), DecisionDraft("approve"), staff_id="s_1",
                                   staff_name="Wang", now_ms=a.clock.now_ms())
    reports = []
    threads = [threading.Thread(target=lambda e=e: reports.append(e.push())) for e in (a, b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    sent = Counter(key for _rid, key, _body in hostile.decisions)
    assert len(sent) == 6 and set(sent.values()) == {1}
    with a.db.read() as conn:
        done = Counter(row.payload for row in conn.execute(
            AuditEntry.__table__.select().where(AuditEntry.kind == "decision_done")))
        assert outbox.pending_count(conn) == 0
    assert len(done) == 6 and set(done.values()) == {1}
    assert sum(r.pushed.get("done", 0) for r in reports) == 6


def test_a_lease_left_by_a_pusher_that_died_runs_out(hostile, console):
    hostile.refunds["r_1"] = refund_doc("r_1")
    engine = console(hostile.url)
    engine.sync_once(prefetch=False)
    with engine.db.write() as conn:
        outbox.record_decision(conn, refunds.get_refund(conn, "r_1"), DecisionDraft("approve"), staff_id="s_1",
                               staff_name="Wang", now_ms=engine.clock.now_ms())
        # a pusher claimed it and was killed before it could send or give it back
        [item] = outbox.claim_due(conn, engine.clock.now_ms(), owner="dead", local_ms=0, lease_ms=1)
    assert engine.push().pushed == {"done": 1}
    assert [d[0] for d in hostile.decisions] == ["r_1"]


def test_a_lease_of_a_process_that_was_killed_is_free_at_once(hostile, console):
    """SIGKILL mid-send leaves a lease that has not run out: the next `sync --once` must still send the item."""
    import socket
    import subprocess
    import sys

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_owner = f"{socket.gethostname()}|{int(gone.stdout)}|x"
    hostile.refunds["r_1"] = refund_doc("r_1")
    hostile.refunds["r_2"] = refund_doc("r_2")
    engine = console(hostile.url)
    engine.sync_once(prefetch=False)
    with engine.db.write() as conn:
        for rid in ("r_1", "r_2"):
            outbox.record_decision(conn, refunds.get_refund(conn, rid), DecisionDraft("approve"), staff_id="s_1",
                                   staff_name="Wang", now_ms=engine.clock.now_ms())
        now = engine.clock.now_ms()
        # r_1 held by a live process (pid 1): left alone; r_2 held by the killed one: free
        [held] = outbox.claim_due(conn, now, owner=f"{socket.gethostname()}|1|init", local_ms=time.time_ns() // 10**6,
                                  lease_ms=3_600_000, limit=1)
        [dead] = outbox.claim_due(conn, now, owner=dead_owner, local_ms=time.time_ns() // 10**6, lease_ms=3_600_000,
                                  limit=1)
    assert (held["refund_id"], dead["refund_id"]) == ("r_1", "r_2")
    assert engine.push().pushed == {"done": 1}
    assert [d[0] for d in hostile.decisions] == ["r_2"]
