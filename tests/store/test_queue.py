from merchant_console.core.clock import format_rfc3339
from merchant_console.core.policy import DecisionDraft
from merchant_console.core.refund import parse_refund
from merchant_console.store import outbox, refunds
from merchant_console.store.engine import Database
from merchant_console.store.queue import QueueFilter, next_crossing, queue_counts, queue_rowids, rows_by_rowid
from tests.factories import HOUR, T0, refund_doc


def seed(db):
    docs = [
        refund_doc(1, due_at=format_rfc3339(T0 + 10 * HOUR)),
        refund_doc(2, due_at=format_rfc3339(T0 + HOUR)),                                     # due soon
        refund_doc(3, due_at=format_rfc3339(T0 - HOUR), urged_at=format_rfc3339(T0 - 1000),
                   escalates_at=format_rfc3339(T0 + 11 * HOUR)),                              # overdue, urged
        refund_doc(4, fast_refund=True, auto_approve_at=format_rfc3339(T0 + 20 * 60_000)),    # fast
        refund_doc(5, status="platform_review"),
        refund_doc(6, status="refunded", paid_fen=500, requested_fen=500, type="other"),
    ]
    with db.write() as conn:
        refunds.upsert_refunds(conn, [parse_refund(d) for d in docs])


def ids(db, **kw):
    with db.read() as conn:
        rowids = queue_rowids(conn, QueueFilter(**kw), T0)
        rows = rows_by_rowid(conn, rowids)
    return [rows[r]["id"][-1] for r in rowids]


def test_queues_counts_and_urgency_order(tmp_path):
    db = Database(tmp_path / "c.db")
    seed(db)
    # the fast refund that auto-approves in 20 min first, then the moment each Countdown shows: the
    # urged refund's response deadline has passed, what is ahead of it is the escalation in 11 h
    assert ids(db) == ["4", "2", "1", "3"]
    # due within 2 h by the moment each one's countdown shows: the fast refund auto-approving in 20 min, and
    # not the urged one (its response deadline passed; the platform steps in in 11 h, which its chip says)
    assert ids(db, queue="due_soon") == ["4", "2"]
    assert ids(db, queue="urged") == ["3"]
    assert ids(db, queue="fast_refund") == ["4"]
    assert ids(db, queue="platform_review") == ["5"]
    assert ids(db, queue="decided") == ["6"]
    assert ids(db, queue="all", sort="paid", descending=False)[0] == "6"
    assert ids(db, queue="all", types=("other",)) == ["6"]
    assert ids(db, queue="all", max_paid_fen=600) == ["6"]
    assert ids(db, queue="all", search="093015004") == ["4"]
    assert ids(db, queue="all", search="没有这个") == []
    with db.read() as conn:
        counts = queue_counts(conn, T0)
        assert counts["needs_decision"] == 4 and counts["all"] == 6 and counts["outbox"] == 0
        # the fast refund leaves its queue when auto-approval time passes, without a sync
        assert next_crossing(conn, T0) == T0 + 20 * 60_000
        assert queue_counts(conn, T0 + 21 * 60_000)["fast_refund"] == 0
    with db.write() as conn:
        outbox.record_decision(conn, refunds.get_refund(conn, "r_20261121000001"), DecisionDraft("approve"),
                               staff_id="s", staff_name="x", now_ms=T0)
    assert ids(db, queue="outbox") == ["1"]
    db.close()


def test_overview_agrees_with_a_count_per_queue_at_every_moment(tmp_path):
    """queue_overview folds nine counts and the crossing into few scans; each must equal its plain query."""
    from merchant_console.store.queue import BY_TIME, QUEUES, queue_overview
    # a queue defined by the clock is counted again between writes (a new one must join BY_TIME)
    assert {q for q, cond in QUEUES.items() if ":now" in cond} == set(BY_TIME)
    db = Database(tmp_path / "c.db")
    seed(db)
    with db.write() as conn:   # the conversation queues: buyers waiting, evidence asked for (one answered in time)
        conn.exec_driver_sql("UPDATE refunds SET unanswered_buyer = 2, messages_last_at = :t WHERE id LIKE '%1' "
                             "OR id LIKE '%5' OR id LIKE '%6'", {"t": T0})
        conn.exec_driver_sql("UPDATE refunds SET evidence_request_due_at = :t WHERE id LIKE '%5' OR id LIKE '%2'",
                             {"t": T0 + 5 * HOUR})
    with db.read() as conn:
        rows = conn.exec_driver_sql("SELECT status, next_deadline_at, fast_refund, auto_approve_at FROM refunds"
                                    ).all()
        for step in range(-4, 60):
            now = T0 + step * 15 * 60_000
            counts, crossing = queue_overview(conn, now)
            plain = {q: conn.exec_driver_sql(f"SELECT COUNT(*) FROM refunds WHERE {cond}".replace(":now", str(now))
                                             ).scalar() for q, cond in QUEUES.items()}
            assert counts == plain, now
            # between two writes the console counts only the queues time changes: the same numbers
            assert queue_overview(conn, now, by_time_only=True) == ({q: plain[q] for q in BY_TIME}, crossing), now
            moments = [t for status, moment, fast, auto in rows if status == "awaiting_merchant"
                       for t in ((auto if fast and auto > now else None),
                                 (moment - 2 * HOUR if moment > now + 2 * HOUR else None)) if t is not None]
            assert crossing == (min(moments) if moments else None), now
    db.close()


def test_the_sidebar_counts_read_indexes_not_refunds(tmp_path):
    """The sidebar counts every queue every few seconds at a busy merchant: a count that reads each of its
    refunds' table rows cost ~20-30 ms at 100 000 refunds (buyers waiting, evidence requested before
    migration 0015) and most of the console's idle CPU. Each count is an index range or an index-only scan."""
    from merchant_console.store.queue import _OVERVIEW
    db = Database(tmp_path / "c.db")
    seed(db)
    with db.read() as conn:
        for name in ("due_soon", "_next_due", "platform_review", "appeals", "decided", "negotiating", "buyer_waiting",
                     "evidence_requested"):
            plan = " / ".join(r[3] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + _OVERVIEW[name],
                                                                {"now": T0}))
            assert "COVERING INDEX" in plan, (name, plan)
    db.close()


def test_deadline_bands_find_a_refund_whose_earliest_moment_is_an_escalation(tmp_path):
    """An urged refund's next_deadline_at is its escalation, hours before due_at; the 1-hour alert
    band is on due_at itself, so the refund must still be found (the old index prefilter lost it)."""
    from merchant_console.store.alerts import deadline_rows, due_within_hour
    db = Database(tmp_path / "c.db")
    due = T0 + 3 * HOUR
    docs = [refund_doc(1, due_at=format_rfc3339(due), urged_at=format_rfc3339(T0 - 1000),
                       escalates_at=format_rfc3339(T0 + 10 * 60_000)),
            refund_doc(2, fast_refund=True, auto_approve_at=format_rfc3339(T0 + 7 * 60_000)),
            refund_doc(3, status="platform_review", due_at=format_rfc3339(due))]
    with db.write() as conn:
        refunds.upsert_refunds(conn, [parse_refund(d) for d in docs])
    with db.read() as conn:
        before_hour = due - HOUR
        assert [r["id"][-1] for r in deadline_rows(conn, before_hour - 5_000, before_hour + 5_000)] == ["1"]
        assert [r["id"][-1] for r in deadline_rows(conn, T0 + 60_000, T0 + 3 * 60_000)] == ["2"]  # 5 min before
        assert deadline_rows(conn, T0, T0 + 30_000) == []
        assert due_within_hour(conn, due - 30 * 60_000) == 1
    db.close()


def test_a_search_narrowing_the_unsearched_list_equals_the_search_in_sql(tmp_path):
    from merchant_console.store.queue import searched_rowids, unsearched
    db = Database(tmp_path / "c.db")
    seed(db)
    with db.read() as conn:
        for queue in ("needs_decision", "all", "due_soon", "decided"):
            for term in ("Q币", "q币", "093015004", "r_", "%", "夜行", "没有这个", "KM2026"):
                for sort, desc in (("urgency", False), ("paid", True)):
                    f = QueueFilter(queue=queue, search=term, sort=sort, descending=desc)
                    expected = queue_rowids(conn, f, T0)
                    rows, base = searched_rowids(conn, f, T0)
                    assert rows == expected, (queue, term, sort)
                    assert base == queue_rowids(conn, unsearched(f), T0)
                    assert searched_rowids(conn, f, T0, base)[0] == expected   # narrowing a held list
    db.close()


def test_a_prefix_of_every_order_number_is_answered_without_the_index(tmp_path, monkeypatch):
    """"KM2026" starts every order number: every refund matches, in the queue's order, and the
    trigram index is not asked (it would intersect doclists of every row)."""
    from merchant_console.store import refunds as refunds_module
    from merchant_console.store.queue import searched_rowids
    db = Database(tmp_path / "c.db")
    seed(db)
    asked = []
    real = refunds_module.search_rowids
    monkeypatch.setattr(refunds_module, "search_rowids", lambda conn, term: asked.append(term) or real(conn, term))
    with db.read() as conn:
        for term in ("KM2026", "km20261121", "KM2026112109"):
            f = QueueFilter(queue="all", search=term)
            assert searched_rowids(conn, f, T0)[0] == queue_rowids(conn, QueueFilter(queue="all"), T0)
        assert asked == []
        f = QueueFilter(queue="all", search="KM20261121093015004")   # one order only: the index answers
        assert len(searched_rowids(conn, f, T0)[0]) == 1 and asked == ["KM20261121093015004"]
    db.close()


def test_migration_0009_moves_an_urged_refund_to_its_escalation(tmp_path):
    """A database synced before 0009 stored an urged refund's passed response deadline as its next
    deadline; the migration corrects it to the escalation the Countdown shows (and back on downgrade)."""
    from alembic import command

    from merchant_console.store.engine import alembic_config

    db = Database(tmp_path / "c.db")
    seed(db)

    def moments():
        with db.read() as conn:
            return dict(conn.exec_driver_sql("SELECT substr(id, -1), next_deadline_at FROM refunds").fetchall())

    def to(revision, down=False):
        cfg = alembic_config()
        with db.engine.connect() as conn:
            cfg.attributes["connection"] = conn
            (command.downgrade if down else command.upgrade)(cfg, revision)

    now = moments()
    assert now["3"] == T0 + 11 * HOUR                   # the escalation, as the sync writes it now
    to("0008", down=True)
    assert moments()["3"] == T0 - HOUR                  # as before: the passed response deadline
    assert {k: v for k, v in moments().items() if k != "3"} == {k: v for k, v in now.items() if k != "3"}
    to("head")
    assert moments() == now
