"""What keeps the idle console cheap: throttled refreshes, countdown cells repainted only when they
change, urges noticed from the refunds a sync page names."""

from __future__ import annotations

import time

from merchant_console.core.clock import format_rfc3339
from merchant_console.core.refund import parse_refund
from merchant_console.gui.queue_model import RefundTableModel
from merchant_console.gui.workers import Throttle
from merchant_console.store import refunds
from merchant_console.store.alerts import rows_by_id
from merchant_console.store.engine import Database
from merchant_console.store.queue import QueueFilter
from tests.factories import HOUR, T0, refund_doc


def test_throttle_calls_at_once_then_once_per_interval(qtbot):
    calls = []
    throttle = Throttle(300, lambda: calls.append(1))
    throttle.poke()
    assert calls == [1]                      # quiet for long enough: at once
    for _ in range(20):
        throttle.poke()                      # a burst within the interval: one trailing call
    assert calls == [1]
    qtbot.waitUntil(lambda: len(calls) == 2, timeout=2_000)
    qtbot.wait(500)
    assert len(calls) == 2                   # and nothing more without a poke


def test_a_tick_repaints_only_countdowns_whose_text_or_colour_changed(qtbot, tmp_path):
    db = Database(tmp_path / "t.db")
    docs = [refund_doc(1, due_at=format_rfc3339(T0 + 5 * HOUR + 30_000)),        # "5h 0m left": per minute
            refund_doc(2, due_at=format_rfc3339(T0 + 30 * 60_000 + 500)),        # "30m 0s left": per second
            refund_doc(3, status="platform_review")]                             # no countdown
    with db.write() as conn:
        refunds.upsert_refunds(conn, [parse_refund(d) for d in docs])
    now = {"t": T0}
    model = RefundTableModel(db, lambda: now["t"])
    model.apply(QueueFilter(queue="all"), model.query(QueueFilter(queue="all")))
    painted = []
    model.dataChanged.connect(lambda a, b, _roles=(): painted.append((a.row(), b.row())))
    assert model.tick() == 3                 # first look: every visible cell
    assert model.tick() == 0                 # the same second: nothing
    now["t"] += 1_000
    assert model.tick() == 1                 # the seconds countdown only
    now["t"] += 60_000
    assert model.tick() == 2                 # a minute later the hours countdown too
    assert all(a <= b for a, b in painted)
    db.close()


def test_an_urge_named_by_a_sync_page_is_noticed_without_a_full_look(sandbox, open_console, qtbot):
    window = open_console(sandbox).window
    notifier = window.notifier
    rid = sandbox.world.add_refunds(1)[0]
    qtbot.waitUntil(lambda: window.model.row_of_id(rid) >= 0, timeout=15_000)
    sandbox.world.advance(24 * 3600 + 60)                # a buyer may urge once the deadline passed
    sandbox.world.urge(rid)
    qtbot.waitUntil(lambda: _urged_locally(window, rid), timeout=15_000)   # sync stored the urge
    with window.db.read() as conn:
        row = rows_by_id(conn, {rid})[0]
    # what check_soon(ids) evaluates for a page naming this refund (no list of every urged refund)
    notifier._seen = {"urged": set(), "appeal": set()}
    notifier._primed = True
    alerts = notifier.evaluate([], None, changed_rows=[row], now=window.now_ms())
    assert [(a.kind, a.refund_id) for a in alerts] == [("urged", rid)]
    assert notifier.evaluate([], None, changed_rows=[row], now=window.now_ms()) == []     # not news twice
    decided = dict(row, status="refunded")
    notifier.evaluate([], None, changed_rows=[decided], now=window.now_ms())
    assert rid not in notifier._seen["urged"]            # a later urge of it would be news again


def _urged_locally(window, rid) -> bool:
    with window.db.read() as conn:
        return refunds.get_refund(conn, rid)["urged_at"] is not None


def test_between_writes_the_clock_recounts_only_the_queues_it_changes(sandbox, open_console, qtbot, monkeypatch):
    """Every queue's count takes ~22 ms at 100 000 refunds, and a big merchant's refunds cross into
    "due within 2 h" every few seconds: with nothing written, a crossing counts the time queues only;
    the next write counts every queue again. The sidebar shows every queue's count throughout."""
    from merchant_console.gui import queue_room
    from merchant_console.store.queue import BY_TIME, QUEUES

    window = open_console(sandbox).window
    room = window.queue
    qtbot.waitUntil(lambda: room._counts is not None and set(room._counts) == set(QUEUES), timeout=15_000)
    asked: list[bool] = []
    real = queue_room.queue_overview

    def overview(conn, now, *, by_time_only=False):
        asked.append(by_time_only)
        return real(conn, now, by_time_only=by_time_only)

    monkeypatch.setattr(queue_room, "queue_overview", overview)
    qtbot.waitUntil(lambda: not room._rows_written, timeout=15_000)   # the first sync's writes are counted
    qtbot.wait(queue_room.COUNTS_EVERY_MS + 200)                      # ... and the throttle is quiet again
    asked.clear()
    room._next_crossing, room._crossed_at = window.now_ms() - 1, 0     # a refund crossed by time alone
    room.tick()
    qtbot.waitUntil(lambda: asked == [True], timeout=5_000)
    qtbot.wait(200)
    assert set(room._counts) == set(QUEUES)                           # the other counts stay shown
    titles = [room.ui.queueList.item(i).text() for i in range(room.ui.queueList.count())]
    assert all(t.endswith(")") for t in titles)
    assert set(BY_TIME) <= set(QUEUES)
    room.poke_counts()                                                # a write: every queue
    qtbot.waitUntil(lambda: asked[-1:] == [False], timeout=queue_room.COUNTS_EVERY_MS + 5_000)


def _eight_under_half_an_hour(tmp_path):
    """Eight refunds due 30 min + 1..8 s after T0, listed by a model whose clock is `now["t"]` (T0)."""
    db = Database(tmp_path / "t.db")
    docs = [refund_doc(n, due_at=format_rfc3339(T0 + 30 * 60_000 + n * 1_000 + 500)) for n in range(1, 9)]
    with db.write() as conn:
        refunds.upsert_refunds(conn, [parse_refund(d) for d in docs])
    now = {"t": T0}
    model = RefundTableModel(db, lambda: now["t"])
    model.apply(QueueFilter(queue="all"), model.query(QueueFilter(queue="all")))
    return db, model, now


def _table(qtbot, model, cells_class, chips_class, hidden: tuple[int, ...] = ()):
    """A shown QTableView over `model` with the console's two delegates (or subclasses of them); the view
    and its countdown delegate. (Made with the view as parent: made without one, the Python side of a
    subclass is collected and its paint never called.)"""
    from PySide6.QtWidgets import QTableView

    view = QTableView()
    qtbot.addWidget(view)
    cells, chips = cells_class(view), chips_class(view)
    view.setItemDelegate(cells)
    view.setItemDelegateForColumn(0, chips)
    view.setModel(model)
    for column in hidden:
        view.setColumnHidden(column, True)
    view.resize(700, 400)
    view.show()
    qtbot.waitExposed(view)
    return view, chips


def test_a_tick_draws_the_chips_the_rows_above_showed_a_second_ago(qtbot, tmp_path):
    """A busy merchant's screenful of countdowns under an hour changes every second. Sorted by urgency,
    what a row shows now another row showed a second ago: the chips are drawn once and copied after.
    Drawn from the cache, a cell looks exactly as when it was first drawn."""
    from PySide6.QtGui import QColor

    from merchant_console.gui.countdown_delegate import CellDelegate, CountdownDelegate
    from merchant_console.gui.theme import URGENCY_COLOURS

    db, model, now = _eight_under_half_an_hour(tmp_path)
    view, chips = _table(qtbot, model, CellDelegate, CountdownDelegate)
    cell = view.visualRect(model.index(0, 0))
    assert model.index(0, 0).data() == "30m 1s left"
    first = view.viewport().grab().toImage().copy(cell)   # the whole screenful painted
    assert len(chips._chips) == 8                    # eight texts, each drawn once
    red = QColor(URGENCY_COLOURS["red"][0]).rgb()
    assert any(first.pixel(x, cell.height() // 2) == red for x in range(first.width()))   # the red chip is there
    now["t"] += 1_000
    assert model.tick() == 8
    view.viewport().grab()   # paints the screenful now
    assert model.index(0, 0).data() == "30m 0s left"
    assert len(chips._chips) == 9                    # one new text; the other seven were drawn a second ago
    now["t"] -= 1_000
    model.tick()
    view.viewport().grab()   # paints the screenful now
    assert view.viewport().grab().toImage().copy(cell) == first   # from the cache: the same pixels
    db.close()


def test_a_tick_repaints_the_countdown_cells_and_nothing_beside_them(qtbot, tmp_path):
    """A QTableView told that a range of cells changed repaints a rectangle one pixel too large: the
    row below and the next visible column too (measured: 8 rows of the next column painted for 7
    countdowns). Told cell by cell, it repaints exactly those cells."""

    from merchant_console.gui.countdown_delegate import CellDelegate, CountdownDelegate

    painted: list[tuple[int, int]] = []

    class Cells(CellDelegate):
        def paint(self, painter, option, index) -> None:
            painted.append((index.row(), index.column()))
            super().paint(painter, option, index)

    class Chips(CountdownDelegate):
        def paint(self, painter, option, index) -> None:
            painted.append((index.row(), index.column()))
            super().paint(painter, option, index)

    db, model, now = _eight_under_half_an_hour(tmp_path)
    # a narrow window hides columns: the next visible one is further right
    _view, _chips = _table(qtbot, model, Cells, Chips, hidden=(1,))   # kept: qtbot holds the view weakly
    qtbot.waitUntil(lambda: len(painted) > 0)
    qtbot.wait(100)
    painted.clear()
    now["t"] += 1_000
    assert model.tick() == 8
    qtbot.waitUntil(lambda: len(painted) >= 8)
    qtbot.wait(100)
    assert sorted(painted) == [(r, 0) for r in range(8)]
    db.close()


def test_the_paint_after_a_tick_shows_the_countdowns_the_tick_worked_out(qtbot, tmp_path, monkeypatch):
    """A tick works out every visible countdown to see which changed; the paint that follows shows those
    (the same row, within the tick's second) instead of working each out again. Later, or for a row read
    again since, the paint works it out itself."""

    from merchant_console.gui import queue_model
    from merchant_console.gui.countdown_delegate import CellDelegate, CountdownDelegate

    db, model, now = _eight_under_half_an_hour(tmp_path)
    view, _chips = _table(qtbot, model, CellDelegate, CountdownDelegate)
    view.viewport().grab()
    worked: list[int] = []
    real = queue_model.countdown_for
    monkeypatch.setattr(queue_model, "countdown_for", lambda row, t: worked.append(t) or real(row, t))
    now["t"] += 1_000
    assert model.tick() == 8 and len(worked) == 8
    now["t"] += 20                                   # the paint comes a moment after the tick
    view.viewport().grab()
    assert len(worked) == 8                          # nothing worked out twice
    assert model.index(0, 0).data(queue_model.PaintRole)[0] == "30m 0s left"
    now["t"] += 1_000                                # no tick for a second (a hidden window): worked out again
    assert model.index(0, 0).data(queue_model.PaintRole)[0] == "29m 59s left" and len(worked) == 9
    now["t"] -= 1_000
    model.forget_all()                               # read again: a new row, not the one the tick saw
    model.row_at(0)
    assert model.index(0, 0).data(queue_model.PaintRole)[0] == "30m 0s left" and len(worked) == 10
    db.close()

def test_text_read_from_images_refreshes_marks_not_counts_or_state(sandbox, open_console, qtbot, monkeypatch):
    """The text reader announces the refunds whose images it read (their signals and search marks change),
    one notice per image. It moves no refund between queues, changes no deadline and no platform state:
    no count, state read or pane reload for it, where a sync page gets all three."""
    from merchant_console.gui import queue_room
    from merchant_console.store.changes import NOTHING, READING, SYNC, Changes

    assert (NOTHING | Changes.of(["x"], READING)).origin == READING     # an empty notice says nothing of who
    assert (Changes.of(["x"], READING) | Changes.of(["y"], SYNC)).origin == SYNC
    window = open_console(sandbox).window
    room = window.queue
    qtbot.waitUntil(lambda: room._counts is not None and window.model.rowCount() > 0, timeout=15_000)
    qtbot.wait(queue_room.COUNTS_EVERY_MS + 200)         # the first sync's counts are done, the throttle quiet
    rid = window.model.refund_id_at(0)
    window.select_refund(rid)
    qtbot.waitUntil(lambda: window.detail.row is not None and window.detail.row["id"] == rid, timeout=10_000)
    calls: list[str] = []
    real_overview, real_state, real_refresh = queue_room.queue_overview, window.reload_state, window.detail.refresh
    monkeypatch.setattr(queue_room, "queue_overview", lambda *a, **k: calls.append("count") or real_overview(*a, **k))
    monkeypatch.setattr(window, "reload_state", lambda **k: calls.append("state") or real_state(**k))
    monkeypatch.setattr(window.detail, "refresh", lambda: calls.append("pane") or real_refresh())
    window.access.announce(Changes.of([rid], READING) | Changes.of_evidence([(rid, "0" * 64)], READING))
    qtbot.wait(1_000)                                                   # the notice is shown (throttled)
    qtbot.waitUntil(lambda: not window.queue.patching, timeout=5_000)
    assert calls == []
    window.access.announce(Changes.of([rid], SYNC))                     # a sync page naming the same refund
    qtbot.waitUntil(lambda: {"state", "pane"} <= set(calls), timeout=5_000)
    qtbot.waitUntil(lambda: "count" in calls, timeout=queue_room.COUNTS_EVERY_MS + 5_000)


def test_the_running_console_keeps_start_up_objects_out_of_full_collections():
    """A full pass of the cyclic collector walked the ~175 000 objects the imports leave (~107 ms, about
    every minute of an idle console at 100 000 refunds). run_gui calls settle_memory after start-up: what
    is alive then is frozen, and a full pass walks only what came after. (In a child process: freezing
    this test process would keep other tests' cycles alive.)"""
    import subprocess
    import sys

    code = ("import gc, merchant_console.gui.app as a, merchant_console.gui.main_window\n"
            "before = len(gc.get_objects())\n"
            "a.settle_memory()\n"
            "print(before, len(gc.get_objects()), gc.get_freeze_count())\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    before, after, frozen = map(int, out.stdout.split())
    assert before > 50_000 and after < before // 50 and frozen >= before // 2, (before, after, frozen)


# a reading worker that starts and never answers: the test tells the console of readings itself
_SILENT_WORKER = ("import json, sys, time\nprint(json.dumps({'ready': True, 'engine': 'fake'}), flush=True)\n"
                  "for _ in sys.stdin:\n    time.sleep(3600)\n")


def test_readings_of_images_nobody_looks_at_are_told_together_and_the_shown_refunds_at_once(
        sandbox_factory, open_console, qtbot, monkeypatch):
    """Each reading told to the queue is a patch (rows, signals and flags read again, the row repainted):
    at ~16 images a minute that alone put the idle console over 1 %. Readings of images nobody is looking at
    wait up to READ_NOTICE_MS and are told in one notice; one of the refund shown is told at once, with
    whatever waited."""
    import sys

    from merchant_console.gui import app as app_module
    from merchant_console.store.changes import READING

    monkeypatch.setenv("MERCHANT_CONSOLE_READ_TEXT", "1")
    monkeypatch.setattr("merchant_console.evidence.text_worker.worker_command",
                        lambda threads=1: [sys.executable, "-c", _SILENT_WORKER])
    monkeypatch.setattr(app_module, "READ_NOTICE_MS", 1_500)
    console = open_console(sandbox_factory(refunds=8, seed=6, images="small"))
    window = console.window

    def images() -> dict[str, list[str]]:
        with window.db.read() as conn:
            got: dict[str, list[str]] = {}
            for rid, sha in conn.exec_driver_sql("SELECT refund_id, sha256 FROM evidence WHERE sha256 IS NOT NULL"):
                got.setdefault(rid, []).append(sha)
            return got

    qtbot.waitUntil(lambda: len(images()) >= 3, timeout=20_000)
    by_refund = images()
    shown = sorted(by_refund)[0]
    # refunds whose images the shown one does not use (a reused image names every refund using it)
    others = [r for r in sorted(by_refund) if r != shown and not set(by_refund[r]) & set(by_refund[shown])]
    window.select_refund(shown)
    qtbot.waitUntil(lambda: window.detail.row is not None and window.detail.row["id"] == shown
                    and bool(window.detail.evidence), timeout=10_000)
    told: list[tuple[float, set[str]]] = []
    window.access.changed.connect(lambda ch: told.append((time.monotonic(), set(ch.ids)))
                                  if ch.origin == READING else None)

    start = time.monotonic()
    console._text_read([by_refund[others[0]][0]])
    qtbot.wait(300)
    console._text_read([by_refund[others[1]][0]])
    qtbot.wait(300)
    assert told == []                                        # nobody looks at them: they wait
    qtbot.waitUntil(lambda: bool(told), timeout=5_000)
    at, ids = told[0]
    assert {others[0], others[1]} <= ids and shown not in ids and len(told) == 1   # one notice for both
    assert 1.4 <= at - start < 3.0                           # from the first reading on, not from the last

    told.clear()
    console._text_read([by_refund[others[0]][0]])            # waits again ...
    start = time.monotonic()
    console._text_read([by_refund[shown][0]])                # ... until the refund shown hears of its own
    qtbot.waitUntil(lambda: bool(told), timeout=5_000)
    at, ids = told[0]
    assert {shown, others[0]} <= ids and at - start < 1.0
    qtbot.wait(1_800)
    assert len(told) == 1                                     # nothing left waiting


def test_a_reading_rereads_only_the_marks_of_rows_on_screen_in_an_unsearched_list(sandbox, open_console, qtbot,
                                                                                 monkeypatch):
    """Text read from images moves no refund in or out of an unsearched list: no patch plan (membership and order
    looked up again) for it; a row on screen is read again for its marks, one off screen when next painted."""
    from merchant_console.gui import queue_room
    from merchant_console.store.changes import READING, Changes

    window = open_console(sandbox).window
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    model = window.model
    qtbot.waitUntil(lambda: model.rowCount() > 30 and model.row_at(0) is not None, timeout=15_000)
    sandbox.world.release_waits()
    window.controller.stop()          # no sync page meanwhile: its patches would plan, and move rows
    qtbot.waitUntil(lambda: not window.queue.patching and not window.queue.loading, timeout=10_000)
    plans: list[set] = []
    real_plan = queue_room.plan_patch
    monkeypatch.setattr(queue_room, "plan_patch", lambda conn, f, now, shown, m, ids: plans.append(ids)
                        or real_plan(conn, f, now, shown, m, ids))
    on_screen = model.refund_id_at(0)
    view = window.ui.refundTable
    below = view.rowAt(view.viewport().height() - 1) + 5
    qtbot.waitUntil(lambda: model.row_at(below) is not None, timeout=10_000)    # held, not on screen
    off_screen = model.refund_id_at(below)
    read_again: list[int] = []
    real_update = model.update_rows
    monkeypatch.setattr(model, "update_rows", lambda rows: read_again.extend(rows) or real_update(rows))
    window.access.announce(Changes.of([on_screen, off_screen], READING))
    qtbot.waitUntil(lambda: read_again == [model.rowid_at(0)], timeout=5_000)
    assert plans == [] and model.rowid_at(below) in model._stale            # off screen: read when painted
    assert model.rowid_at(0) not in model._stale
    window.ui.searchEdit.insert("Q")                                          # a search may now match the text
    qtbot.waitUntil(lambda: model.filter.search == "Q" and not window.queue.loading, timeout=10_000)
    window.access.announce(Changes.of([on_screen], READING))
    qtbot.waitUntil(lambda: plans != [], timeout=5_000)
