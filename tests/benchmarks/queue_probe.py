"""The console, opened on an already-synced database, measured from inside its own process.

Run by `test_queue_speed.py` (one child process per run, so resident memory and CPU time are the
console's alone, not pytest's or the sandbox's):

    python -m tests.benchmarks.queue_probe DB_FOLDER SANDBOX_URL TOKEN [IDLE_SECONDS]

Prints one JSON object per line: {"figure": ..., "ms"/"value": ..., ...}. Measures:
- start: `Console.open_session` (database open + migration check, window, first queue query)
  until the queue table has painted its first rows;
- filter / search: a sidebar queue, a type filter, searches — from the request (the debounce timer
  firing, for search) until the table has painted the new rows; baseline: QSortFilterProxyModel
  over a QStandardItemModel holding the same 100 000 rows as display text;
- select → detail painted: selecting the next row until the detail pane has painted;
- idle: process CPU time over IDLE_SECONDS with countdowns ticking, and resident memory.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import threading
import time

T_PROCESS = time.perf_counter()

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

from PySide6.QtCore import QEvent, QEventLoop, QObject, QSortFilterProxyModel, QTimer  # noqa: E402
from PySide6.QtGui import QStandardItem, QStandardItemModel  # noqa: E402
from PySide6.QtWidgets import QApplication, QTableView  # noqa: E402

from merchant_console.gui.app import Console, settle_memory  # noqa: E402
from merchant_console.gui.main_window import QueueRole  # noqa: E402
from merchant_console.gui.queue_model import COLUMNS  # noqa: E402
from merchant_console.gui.settings import Settings  # noqa: E402
from merchant_console.platform.client import PlatformClient  # noqa: E402
from merchant_console.store.engine import Database  # noqa: E402
from merchant_console.store.location import Profile  # noqa: E402
from merchant_console.store.queue import rows_by_rowid  # noqa: E402
from merchant_console.workbench.session import Session  # noqa: E402

T_IMPORTED = time.perf_counter()


def emit(**fields) -> None:
    print(json.dumps(fields, ensure_ascii=False), flush=True)


def rss_mb() -> tuple[float, float]:
    status = Path("/proc/self/status").read_text()
    values = {line.split(":")[0]: int(line.split()[1]) for line in status.splitlines()
              if line.startswith(("VmRSS", "VmHWM"))}
    return values["VmRSS"] / 1024, values["VmHWM"] / 1024


def cpu_s() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def thread_cpu_s() -> dict[str, float]:
    """CPU seconds per thread of this process, by name: Python's name for its threads, the kernel's
    (Qt sets it) for the rest. Threads of one name are summed."""
    tick = os.sysconf("SC_CLK_TCK")
    names = {t.native_id: t.name for t in threading.enumerate()}
    out: dict[str, float] = {}
    for task in Path("/proc/self/task").iterdir():
        try:
            stat = (task / "stat").read_text()
            comm = (task / "comm").read_text().strip()
        except OSError:
            continue   # the thread ended meanwhile
        fields = stat[stat.rindex(")") + 2:].split()
        name = names.get(int(task.name), comm)
        out[name] = out.get(name, 0.0) + (int(fields[11]) + int(fields[12])) / tick
    return out


class PaintWatch(QObject):
    """Remembers when a widget last painted."""

    def __init__(self, widget) -> None:
        super().__init__()
        self.at = 0.0
        widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.at = time.perf_counter()
        return False


def spin_until(app: QApplication, cond, timeout_s: float = 30.0) -> None:
    """Wait in a real event loop, as the console waits for a person: the GUI thread sleeps between events
    and leaves the interpreter to the reader threads (a loop of processEvents() calls kept taking it back,
    which made work done off the GUI thread look 2-3x slower than a person sees it). A 1 ms timer asks."""
    if cond():
        return
    deadline = time.perf_counter() + timeout_s
    loop, timer = QEventLoop(), QTimer()
    timer.setInterval(1)
    timer.timeout.connect(lambda: (cond() or time.perf_counter() > deadline) and loop.quit())
    timer.start()
    loop.exec()
    timer.stop()
    if not cond():
        raise TimeoutError("condition not met in time")


def spin_for(app: QApplication, seconds: float) -> None:
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def ticking_from(window, screen: int = 25, scan: int = 20_000) -> int:
    """Where the queue's screenful with the most countdowns showing seconds (within an hour either side
    of now, so each changes every second) begins, among its first `scan` rows."""
    from merchant_console.core.countdown import HOUR_MS, countdown_for
    now = window.now_ms()
    rowids = list(window.model._rowids)[:scan]
    with window.db.read() as conn:
        rows = {}
        for start in range(0, len(rowids), 5000):
            rows.update(rows_by_rowid(conn, rowids[start:start + 5000]))
    ticking = []
    for rowid in rowids:
        cd = countdown_for(rows[rowid], now)
        ticking.append(1 if cd is not None and 60_000 < abs(cd.remaining_ms) < HOUR_MS - 60_000 else 0)
    best, best_at, run = -1, 0, sum(ticking[:screen])
    for at in range(0, max(1, len(ticking) - screen)):
        if run > best:
            best, best_at = run, at
        if at + screen < len(ticking):
            run += ticking[at + screen] - ticking[at]
    return best_at


def main() -> None:
    folder, url, token = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    idle_s = float(sys.argv[4]) if len(sys.argv) > 4 else 30.0
    app = QApplication(sys.argv[:1])
    settings = Settings()
    console = Console(app, folder.parent, settings, "en")
    profile = Profile("bench", url, "m", "", "s", "", "operator")

    # --- start to a usable queue -----------------------------------------------------------
    t0 = time.perf_counter()
    session = Session(profile, Database(folder / "console.db"), folder, PlatformClient(url, token))
    window = console.open_session(session)
    table = window.ui.refundTable
    watch = PaintWatch(table.viewport())
    spin_until(app, lambda: window.model.rowCount() > 0 and watch.at > 0)
    usable = watch.at - t0
    emit(figure="start", ms=usable * 1000, import_ms=(T_IMPORTED - T_PROCESS) * 1000,
         rows=window.model.rowCount(), queue=window.model.filter.queue)
    spin_for(app, 3.0)  # the first sync round (a few changes) and the counts settle
    settle_memory()     # as run_gui does SETTLE_MEMORY_MS after start

    # --- filter / search -------------------------------------------------------------------
    applied = {"at": 0.0}
    original_apply = window.queue._apply

    def apply_and_mark(serial, f, ids, rows=None, texts=None, **kw):
        current = serial == window.queue._query_serial   # an answer a newer query overtook is dropped, not shown
        original_apply(serial, f, ids, rows, texts, **kw)
        if current:
            applied["at"] = time.perf_counter()

    window.queue._apply = apply_and_mark

    def timed(change, repeat: int = 5) -> tuple[list[float], list[float], int]:
        """Per repeat: ms from the change until the table painted its rows (a queue's first block, shown
        while the rest is read), and until the whole list was there. Each change starts from a settled
        console: the reset's whole list read, not still in flight beside the measured query."""
        times, wholes = [], []
        for _ in range(repeat):
            applied["at"] = 0.0   # the reset's own answer is waited for, not the previous measurement's
            change(reset=True)
            window.queue.search_timer.stop()
            window.refresh_queue()   # answered even where the reset changed nothing (already there)
            spin_until(app, lambda: applied["at"] and not window.queue.search_timer.isActive()
                       and not window.model.partial)
            spin_for(app, 0.05)
            applied["at"] = 0.0
            watch.at = 0.0
            t = time.perf_counter()
            change(reset=False)
            spin_until(app, lambda: applied["at"] > 0 and (watch.at > applied["at"] or window.model.rowCount() == 0
                                                          or not table.isVisible()))
            done = max(applied["at"], watch.at)
            times.append((done - t) * 1000)
            spin_until(app, lambda: not window.model.partial)
            wholes.append((time.perf_counter() - t) * 1000)
        n = window.model.rowCount()
        change(reset=True)
        spin_until(app, lambda: not window.queue.search_timer.isActive() and not window.model.partial)
        spin_for(app, 0.2)
        return times, wholes, n

    def queue_index(key: str) -> int:
        return next(i for i in range(window.ui.queueList.count())
                    if window.ui.queueList.item(i).data(QueueRole) == key)

    def switch_queue(key: str, other: str = "platform_review"):
        def change(reset: bool) -> None:
            window.ui.queueList.setCurrentRow(queue_index(other if reset else key))
        return change

    def type_filter(code: str):
        def change(reset: bool) -> None:
            combo = window.ui.typeFilter
            combo.setCurrentIndex(0 if reset else combo.findData(code))
        return change

    def search(term: str):
        def change(reset: bool) -> None:
            window.ui.searchEdit.setText("" if reset else term)
            # the 200 ms typing debounce is a choice, not work: measure from when it fires
            window.queue.search_timer.stop()
            window.refresh_queue()
        return change

    # a row far down the queue stays selected across the changes (the queue keeps the selection)
    window.ui.queueList.setCurrentRow(queue_index("all"))
    spin_until(app, lambda: window.model.filter.queue == "all" and window.model.rowCount() > 1000)
    spin_for(app, 0.2)
    far = window.model.rowCount() - 10   # its row is read through the reader once it is shown
    window.ui.refundTable.scrollTo(window.model.index(far, 0))
    spin_until(app, lambda: window.model.refund_id_at(far) is not None)
    window.select_refund(window.model.refund_id_at(far))
    spin_for(app, 0.2)
    cases = [("queue: all", switch_queue("all")), ("queue: needs decision", switch_queue("needs_decision")),
             ("queue: due within 2 h", switch_queue("due_soon")), ("queue: decided", switch_queue("decided")),
             ("queue: uploading / conflicts", switch_queue("outbox"))]
    window.ui.queueList.setCurrentRow(queue_index("all"))
    spin_until(app, lambda: window.model.filter.queue == "all")
    spin_for(app, 0.2)
    cases += [("all + type filter", type_filter("not_received")),
              ("search: order no", search(sys.argv[5] if len(sys.argv) > 5 else "KM2026")),
              ("search: buyer nickname (3 chars)", search("山有木")),
              ("search: product 腾讯Q币", search("腾讯Q币")),
              ("search: 2 chars Q币 (LIKE)", search("Q币")),
              ("search: reason 卡密无效", search("卡密无效")),
              ("search: no match", search("不存在的词")),
              ("search: KM2026 (matches every row)", search("KM2026"))]
    ours: dict[str, float] = {}
    for name, change in cases:
        if not name.startswith("queue:"):  # filters and searches narrow the whole list
            window.ui.queueList.setCurrentRow(queue_index("all"))
            spin_until(app, lambda: window.model.filter.queue == "all")
            spin_for(app, 0.2)
        times, wholes, n = timed(change)
        ours[name] = statistics.median(times)
        emit(figure="filter", case=name, ms=statistics.median(times), max_ms=max(times), rows=n,
             whole_ms=statistics.median(wholes))
    window.ui.searchEdit.setText("")
    window.queue.search_timer.stop()
    window.ui.queueList.setCurrentRow(queue_index("needs_decision"))
    spin_until(app, lambda: window.model.filter.queue == "needs_decision" and not window.model.filter.search)
    spin_for(app, 0.5)

    # --- select a refund → detail painted -------------------------------------------------
    detail_watch = PaintWatch(window.detail)
    window.move_selection(1)
    spin_for(app, 0.3)
    sel = []
    for i in range(30):
        detail_watch.at = 0.0
        t = time.perf_counter()
        window.move_selection(1 if i % 10 else 400)  # now and then a jump to rows not yet fetched
        spin_until(app, lambda: detail_watch.at > 0)
        sel.append((detail_watch.at - t) * 1000)
        spin_for(app, 0.02)
    emit(figure="select", ms=statistics.median(sel), max_ms=max(sel), p90_ms=sorted(sel)[int(len(sel) * 0.9)])

    # --- idle with countdowns ticking -------------------------------------------------------
    # the heaviest tick: a screenful of countdowns under an hour, each changing every second. At
    # 100 000 refunds the deadlines are seconds apart, so the top of a fresh queue looks like this; a
    # kept world's top may be hours overdue (minutes only), so the view goes to the first such row.
    # Where the selection tests left the view would depend on how the world's clock has moved.
    first_ticking = ticking_from(window)
    window.ui.refundTable.selectRow(first_ticking)
    window.ui.refundTable.scrollTo(window.model.index(first_ticking, 0), QTableView.ScrollHint.PositionAtTop)
    spin_for(app, 2.0)
    repainted = {"cells": 0}
    model_tick = window.model.tick

    def counted_tick(*a, **kw):
        n = model_tick(*a, **kw)
        repainted["cells"] += n
        return n

    window.model.tick = counted_tick
    # a loop of its own: app.quit() would close the window inside the measurement (in Qt 6 it sends
    # close events), and the close saves the settings (~60 ms, 0.2 % of a 30 s idle)
    idle_loop = QEventLoop()
    loop_end = QTimer()
    loop_end.setSingleShot(True)
    loop_end.timeout.connect(idle_loop.quit)
    ticks = {"n": 0}
    window.timer.timeout.connect(lambda: ticks.__setitem__("n", ticks["n"] + 1))
    profile_to = os.environ.get("BENCH_IDLE_PROFILE")   # a cProfile of the idle's main thread, to read with pstats
    if profile_to:
        import cProfile
        profiler = cProfile.Profile()
        profiler.enable()
    threads0 = thread_cpu_s()
    c0, w0 = cpu_s(), time.perf_counter()
    loop_end.start(int(idle_s * 1000))
    idle_loop.exec()
    c1, w1 = cpu_s(), time.perf_counter()
    threads1 = thread_cpu_s()
    by_thread = {name: round((cpu - threads0.get(name, 0.0)) / (w1 - w0) * 100, 2)
                 for name, cpu in threads1.items() if cpu - threads0.get(name, 0.0) > 0}
    if profile_to:
        profiler.disable()
        profiler.dump_stats(profile_to)
    rss, hwm = rss_mb()
    emit(figure="idle", cpu_pct=(c1 - c0) / (w1 - w0) * 100, seconds=w1 - w0, ticks=ticks["n"], rss_mb=rss,
         peak_rss_mb=hwm, cells_per_tick=repainted["cells"] / max(1, ticks["n"]),
         rows_shown=table.rowAt(table.viewport().height() - 1) - table.rowAt(0) + 1, from_row=first_ticking,
         by_thread=by_thread)

    # --- baseline: QSortFilterProxyModel over a QStandardItemModel of the same rows -----------
    window.queue._apply = original_apply
    window.ui.queueList.setCurrentRow(queue_index("all"))
    spin_until(app, lambda: window.model.filter.queue == "all" and window.model.rowCount() > 1000)
    model = window.model
    rowids = list(model._rowids)
    t = time.perf_counter()
    with window.db.read() as conn:
        rows = {}
        for i in range(0, len(rowids), 5000):
            rows.update(rows_by_rowid(conn, rowids[i:i + 5000]))
    std = QStandardItemModel(len(rowids), len(COLUMNS) + 1)
    for r, rid in enumerate(rowids):
        row = rows[rid]
        for c, (key, _s, _h) in enumerate(COLUMNS):
            std.setItem(r, c, QStandardItem(model._text(key, row)))
        std.setItem(r, len(COLUMNS), QStandardItem(row["status"]))
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(std)
    view = QTableView()
    view.setModel(proxy)
    view.resize(900, 700)
    view.show()
    bwatch = PaintWatch(view.viewport())
    spin_until(app, lambda: bwatch.at > 0)
    load_s = time.perf_counter() - t
    rss2, _ = rss_mb()
    emit(figure="baseline_load", ms=load_s * 1000, rss_added_mb=rss2 - rss, rows=len(rowids))

    def base_filter(column: int, pattern: str, fixed: bool = True) -> tuple[float, int]:
        times = []
        for _ in range(3):
            proxy.setFilterKeyColumn(-1)
            proxy.setFilterFixedString("")
            spin_for(app, 0.05)
            bwatch.at = 0.0
            t = time.perf_counter()
            proxy.setFilterKeyColumn(column)
            if fixed:
                proxy.setFilterFixedString(pattern)
            else:
                proxy.setFilterRegularExpression(pattern)
            view.viewport().update()  # a filter that keeps every row changes nothing to repaint
            spin_until(app, lambda: bwatch.at > 0 or proxy.rowCount() == 0, 30)
            times.append(((bwatch.at or time.perf_counter()) - t) * 1000)
        return statistics.median(times), proxy.rowCount()

    status_col = len(COLUMNS)
    type_col = [k for k, _s, _h in COLUMNS].index("type")
    base_cases = {
        "queue: needs decision": (status_col, "^awaiting_merchant$", False),
        "queue: decided": (status_col, "^(refunding|refunded|payout_failed|rejected|closed)$", False),
        "all + type filter": (type_col, "Not received", True),
        "search: product 腾讯Q币": (-1, "腾讯Q币", True),
        "search: 2 chars Q币 (LIKE)": (-1, "Q币", True),
        "search: buyer nickname (3 chars)": (-1, "山有木", True),
        "search: no match": (-1, "不存在的词", True),
    }
    for name, (col, pattern, fixed) in base_cases.items():
        ms, n = base_filter(col, pattern, fixed)
        emit(figure="baseline_filter", case=name, ms=ms, rows=n)
    view.close()
    console.shutdown()


if __name__ == "__main__":
    main()
