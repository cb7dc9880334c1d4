"""A shown queue patched with changed refunds must equal the queue re-run: every queue, sort and filter."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from merchant_console.core.clock import format_rfc3339
from merchant_console.core.refund import parse_refund
from merchant_console.store import refunds
from merchant_console.store.engine import Database
from merchant_console.store.queue import QUEUES, SORTS, QueueFilter, plan_patch, queue_rowids
from tests.factories import HOUR, T0, refund_doc

EXAMPLES = int(os.environ.get("PATCH_EXAMPLES", "100"))   # more when hunting: PATCH_EXAMPLES=5000
NAMES = ("腾讯Q币 100元", "京东E卡 50元", "App Store 充值卡", "网易一卡通", None)


@st.composite
def refund_state(draw, n: int, version: int) -> dict:
    """Refund `n` in some state that can move it between queues and within an order."""
    status = draw(st.sampled_from(["awaiting_merchant"] * 3 + ["platform_review", "refunded"]))
    due = T0 + draw(st.integers(-3, 30)) * HOUR // 2
    over: dict = {"version": version, "status": status, "due_at": format_rfc3339(due),
                  "paid_fen": draw(st.sampled_from([500, 9850, 20000])),
                  "type": draw(st.sampled_from(["not_received", "other"])),
                  "buyer": {"id": f"b_{n}", "nickname": draw(st.sampled_from(["夜行的猫", "小王", "Ann"])),
                            "refunds_90d": 1, "orders_90d": 3}}
    over["requested_fen"] = over["paid_fen"]
    name = draw(st.sampled_from(NAMES))
    if name:
        over["product"] = {"sku": "X", "name": name, "category": "game_card", "face_value_fen": 10000}
    if draw(st.booleans()):
        over["fast_refund"] = True
        over["auto_approve_at"] = format_rfc3339(T0 + draw(st.integers(-2, 6)) * HOUR // 3)
    if draw(st.booleans()):
        over["urged_at"] = format_rfc3339(T0 - 1000)
        over["escalates_at"] = format_rfc3339(due - draw(st.integers(1, 40)) * HOUR // 4)
    if draw(st.booleans()):
        over["evidence"] = []
    if draw(st.integers(0, 9)) == 0:   # a same-time submission: the order falls back to the id
        over["submitted_at"] = format_rfc3339(T0 - 5 * 60_000)
    return refund_doc(n, **over)


filters = st.builds(
    QueueFilter, queue=st.sampled_from(sorted(QUEUES)), sort=st.sampled_from(sorted(SORTS)),
    descending=st.booleans(), types=st.sampled_from([(), ("other",)]),
    min_paid_fen=st.sampled_from([None, 1000]),
    search=st.sampled_from(["", "", "Q币", "q币", "京东E卡", "小王", "ann", "KM2026", "r_2026112100001", "%"]))


@st.composite
def scenario(draw):
    n = draw(st.integers(1, 30))
    before = [draw(refund_state(i, 1)) for i in range(1, n + 1)]
    changed = draw(st.sets(st.integers(1, n + 5), max_size=8))   # some are new refunds
    after = [draw(refund_state(i, 2)) for i in sorted(changed)]
    return before, after, draw(filters), draw(st.integers(-2, 8)) * HOUR // 2


def replay(shown: list[int], ops: list[tuple]) -> list[int]:
    out = list(shown)
    for op in ops:
        if op[0] == "remove":
            del out[op[1]]
        else:
            out.insert(op[1], op[2])
    return out


def test_patch_equals_the_queue_run_again():
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(Path(tmp) / "p.db")

        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
        @given(scenario())
        def check(case):
            before, after, f, dt = case
            with db.write() as conn:
                conn.exec_driver_sql("DELETE FROM evidence")
                conn.exec_driver_sql("DELETE FROM refunds")
                refunds.upsert_refunds(conn, [parse_refund(d) for d in before])
            now = T0 + dt
            with db.read() as conn:
                shown = queue_rowids(conn, f, now)
            with db.write() as conn:
                refunds.upsert_refunds(conn, [parse_refund(d) for d in after])
            with db.read() as conn:
                patch = plan_patch(conn, f, now, shown, set(shown), {d["id"] for d in after})
                expected = queue_rowids(conn, f, now)
            assert patch is not None
            assert replay(shown, patch.ops) == expected
            # what stayed in place and changed is reported, so the view refreshes those rows
            moved = {op[2] for op in patch.ops if op[0] == "insert"}
            changed = {r for r in expected if r in set(shown)} & set(_rowids(db, after))
            assert changed - moved <= patch.touched

        check()
        db.close()


def _rowids(db, docs) -> list[int]:
    with db.read() as conn:
        return [conn.exec_driver_sql("SELECT rowid FROM refunds WHERE id = ?", (d["id"],)).scalar() for d in docs]


def test_a_flood_of_changes_asks_for_the_queue_to_be_run_again(tmp_path):
    db = Database(tmp_path / "p.db")
    with db.write() as conn:
        refunds.upsert_refunds(conn, [parse_refund(refund_doc(i)) for i in range(1, 4)])
    with db.read() as conn:
        shown = queue_rowids(conn, QueueFilter(), T0)
        many = {f"r_{i}" for i in range(1000)}
        assert plan_patch(conn, QueueFilter(), T0, shown, set(shown), many) is None
        nothing = plan_patch(conn, QueueFilter(), T0, shown, set(shown), {"r_unknown"})
        assert nothing is not None and nothing.ops == [] and not nothing.touched
    db.close()


def test_the_first_rows_of_a_queue_are_the_start_of_the_whole_list():
    """The table shows a queue's first block before its whole list is read: `queue_rowids(limit=n)` must be
    exactly the first n of `queue_rowids`, for every queue, order, direction and filter (fast refunds first,
    ties broken by id, rows without a deadline last)."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(Path(tmp) / "f.db")

        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
        @given(st.integers(1, 30).flatmap(lambda n: st.tuples(*(refund_state(i, 1) for i in range(1, n + 1)))),
               filters.map(lambda f: QueueFilter(**{**f.__dict__, "search": ""})),
               st.integers(-2, 8), st.integers(1, 12))
        def check(docs, f, dt, limit):
            with db.write() as conn:
                conn.exec_driver_sql("DELETE FROM evidence")
                conn.exec_driver_sql("DELETE FROM refunds")
                refunds.upsert_refunds(conn, [parse_refund(d) for d in docs])
            now = T0 + dt * HOUR // 2
            with db.read() as conn:
                assert queue_rowids(conn, f, now, limit=limit) == queue_rowids(conn, f, now)[:limit]

        check()
        db.close()


def test_the_first_rows_of_a_search_are_the_start_of_the_whole_search():
    """A search shows its first block before the whole search is done: `first_searched_rowids` (the held
    list tested a chunk at a time with a LIKE over each row's search text) must be the first rows of
    `searched_rowids` (a LIKE over every row for short terms, the trigram index for longer ones), or None
    (not known from the first rows: the whole search decides)."""
    from merchant_console.store.queue import first_searched_rowids, searched_rowids

    with tempfile.TemporaryDirectory() as tmp:
        db = Database(Path(tmp) / "s.db")

        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
        @given(st.integers(1, 30).flatmap(lambda n: st.tuples(*(refund_state(i, 1) for i in range(1, n + 1)))),
               filters.map(lambda f: QueueFilter(**{**f.__dict__, "search": ""})),
               st.sampled_from(["Q币", "q", "王", "%", "_", "币 ", " a", "京东E卡", "zz", "腾讯q币", "KM2026", "Ann",
                                "r_2026112100001", "充值后提示", "a%_b", "100元", "小王\x1f"]),
               st.integers(1, 12), st.integers(1, 5), st.integers(0, 40))
        def check(docs, plain, term, limit, chunk, within):
            with db.write() as conn:
                conn.exec_driver_sql("DELETE FROM evidence")
                conn.exec_driver_sql("DELETE FROM refunds")
                refunds.upsert_refunds(conn, [parse_refund(d) for d in docs])
            f = QueueFilter(**{**plain.__dict__, "search": term})
            with db.read() as conn:
                base = queue_rowids(conn, plain, T0)
                first = first_searched_rowids(conn, f, base, limit, chunk=chunk, within=within)
                whole, _ = searched_rowids(conn, f, T0, base)
            if first is not None:
                assert first == whole[:limit]

        check()
        db.close()
