"""Reading text from evidence: what the text says against the refund (pure), `inspect` end to end on the
real sandbox, and real OCR on a small image (in process, and through the worker process: slow)."""

from __future__ import annotations

import io
import json
from datetime import datetime

import pytest
from PIL import Image, ImageDraw

from merchant_console import cli
from merchant_console.core.evidence_text import CHINA, findings
from merchant_console.sandbox.images import Lettering
from merchant_console.store import evidence_reading, refunds

REFUND = {"order_no": "KM20261121093012345", "paid_fen": 9850, "reason": "充值后提示卡密无效",
          "delivered_at": int(datetime(2026, 11, 21, 9, 0, tzinfo=CHINA).timestamp() * 1000)}


def _line(text: str, y: int) -> dict:
    return {"text": text, "box": [40, y, 600, y + 30]}


def kinds(lines, **kw) -> set[str]:
    return {f.kind for f in findings(lines, REFUND, **kw)}


def test_order_number_shown_matches_or_names_another_order():
    assert kinds([_line("订单号 KM20261121093012345", 100)]) == {"order_matches"}
    other = findings([_line("订单号 KM20261121093012399", 100)], REFUND,
                     other_orders={"KM20261121093012399": "R-77"})
    assert [f.kind for f in other] == ["order_other"]
    assert "R-77" in other[0].text("en") and "不是本订单" in other[0].text("zh")


def test_amount_success_phrase_and_times():
    assert "amount_differs" in kinds([_line("实付 ¥99.50", 100)])
    assert "amount_differs" not in kinds([_line("实付 ¥98.50", 100)])
    # a top-up list: success on this order's row contradicts the buyer; on another order's row it does not
    rows = [_line("充值成功", 100), _line("2026-11-21 09:30  KM20261121093012345", 166),
            _line("充值成功", 270), _line("2026-11-20 10:00  KM20261120000000001", 336)]
    assert "success_shown" in kinds(rows)
    rows[0] = _line("充值失败", 100)
    assert "success_shown" not in kinds(rows)
    assert "time_before_delivery" in kinds([_line("2026-11-21 08:30", 50)])
    assert "time_outside_window" in kinds([_line("2026-11-22 09:30", 50)], window_minutes=60)
    assert not kinds([_line("2026-11-21 09:10", 50)], window_minutes=60)


def _order_image(order_no: str = "KM20261121093012345") -> Image.Image:
    img = Image.new("RGB", (640, 200), (245, 245, 245))
    d = ImageDraw.Draw(img)
    letters = Lettering()
    letters.draw(d, (30, 40), f"订单号 {order_no}", 30, (40, 40, 40))
    letters.draw(d, (30, 110), "实付 ¥98.50", 34, (30, 30, 30))
    return img


def test_inspect_prints_signals_and_text_as_json(sandbox_factory, monkeypatch, capsys):
    sb = sandbox_factory(refunds=8, seed=4, images="small")
    monkeypatch.setattr("sys.stdin", io.StringIO(sb.tokens["manager"] + "\n"))
    assert cli.main(["login", "--url", sb.url]) == 0
    assert cli.main(["sync", "--once"]) == 0
    capsys.readouterr()
    from merchant_console.store.location import data_dir
    from merchant_console.workbench.session import open_signed_in
    session = open_signed_in(data_dir(None), online=False)
    try:
        with session.db.read() as conn:
            rid, sha = conn.exec_driver_sql(
                "SELECT e.refund_id, e.sha256 FROM evidence e JOIN evidence_facts f ON f.sha256 = e.sha256 "
                "WHERE f.broken IS NULL ORDER BY e.refund_id LIMIT 1").one()
            others = [r[0] for r in conn.exec_driver_sql("SELECT order_no FROM refunds WHERE id != ?", (rid,))]
        with session.db.write() as conn:   # as the reading worker would have stored it
            evidence_reading.save_text(conn, sha, status=evidence_reading.READ, read_at=1, engine="test",
                                       seconds=0.1, lines=[_line(f"订单号 {others[0]}", 100)])
    finally:
        session.close()
    assert cli.main(["inspect", rid, "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert set(info) == {"refund", "signals", "evidence"}
    assert info["refund"]["id"] == rid
    assert all(set(s) >= {"kind", "severity", "text"} for s in info["signals"])
    ev = next(e for e in info["evidence"] if e["sha256"] == sha)
    assert set(ev) >= {"id", "sha256", "status", "width", "height", "text", "signals"}
    assert ev["status"] == "read" and others[0] in ev["text"]
    assert any(s["kind"] == "order_other" for s in ev["signals"])
    assert any(s["kind"] == "order_other" for s in info["signals"])
    assert cli.main(["inspect", rid]) == 0
    assert "order_other" in capsys.readouterr().out
    assert cli.main(["inspect", "no-such-refund"]) == 2


def test_search_finds_refunds_by_the_text_of_their_evidence(sandbox_factory, synced):
    sb = sandbox_factory(refunds=6, seed=4, images="small")
    db, _cache, _proc = synced(sb)
    with db.read() as conn:
        rid, sha = conn.exec_driver_sql("SELECT refund_id, sha256 FROM evidence WHERE bytes > 0 LIMIT 1").one()
    with db.write() as conn:
        evidence_reading.save_text(conn, sha, status=evidence_reading.READ, read_at=1, engine="test", seconds=0.1,
                                   lines=[_line("提示：卡密无效请联系客服XYZQ", 10)])
    with db.read() as conn:
        assert rid in refunds.search_ids(conn, "卡密无效请联系")
        assert rid in refunds.search_ids(conn, "xyzq")
        assert not refunds.search_ids(conn, "无此文字无此文字")


@pytest.mark.slow   # loading the models alone takes 3 s; 15 s on this shared, loaded machine
def test_reading_a_small_image_finds_the_order_number():
    from merchant_console.evidence.text_reading import TextReader
    lines = TextReader().read(_order_image())
    text = " ".join(ln.text for ln in lines).replace(" ", "")
    assert "KM20261121093012345" in text
    assert lines[0].box[1] < lines[-1].box[1]


@pytest.mark.slow
def test_worker_process_reads_and_a_long_screenshot_is_read_in_tiles(tmp_path):
    from merchant_console.evidence.text_worker import ReadingWorker
    tall = Image.new("RGB", (640, 4000), (245, 245, 245))
    tall.paste(_order_image("KM20260000000000001"), (0, 0))
    tall.paste(_order_image("KM20269999999999999"), (0, 3700))
    tall.paste(_order_image("KM20265555555555555"), (0, 1350))  # across the first tiles' seam
    path = tmp_path / "tall.png"
    tall.save(path)
    worker = ReadingWorker()
    try:
        ans = worker.read(path)
        assert "error" not in ans, ans
        text = "".join(ln["text"] for ln in ans["lines"]).replace(" ", "")
        for no in ("KM20260000000000001", "KM20265555555555555", "KM20269999999999999"):
            assert text.count(no) == 1, (no, text)
        assert worker.read(tmp_path / "missing.png")["error"].startswith("missing")
    finally:
        worker.close()


FAKE_WORKER = """
import json, sys
print(json.dumps({"ready": True, "engine": "fake"}), flush=True)
for raw in sys.stdin:
    req = json.loads(raw)
    print(json.dumps({"id": req["id"], "lines": [{"text": req["path"], "box": [0, 0, 1, 1], "score": 1}],
                      "seconds": 0.01}), flush=True)
"""


def test_background_reading_reads_the_most_urgent_refunds_first_and_once(sandbox_factory, synced):
    import sys

    from merchant_console.evidence.text_worker import BackgroundReading, ReadingWorker
    sb = sandbox_factory(refunds=10, seed=6, images="small")
    db, cache, _proc = synced(sb)
    order = []
    reading = BackgroundReading(db, lambda sha: cache.path(sha, 0), on_read=order.extend,
                                worker=ReadingWorker(command=[sys.executable, "-c", FAKE_WORKER]))
    try:
        n = reading.read_pending()
        assert n > 0 and reading.read_pending() == 0    # each file is read once (by sha256)
    finally:
        reading.stop()
    with db.read() as conn:
        deadline = dict(conn.exec_driver_sql(
            "SELECT e.sha256, MIN(COALESCE(r.next_deadline_at, 9e18)) FROM evidence e JOIN refunds r "
            "ON r.id = e.refund_id GROUP BY e.sha256").all())
        stored = evidence_reading.text_of(conn, order)
    assert [deadline[s] for s in order] == sorted(deadline[s] for s in order)
    assert all(stored[s]["status"] == "read" and stored[s]["engine"] == "fake" for s in order)


def test_stopping_while_the_child_reads_returns_at_once_and_records_nothing(sandbox_factory, synced):
    import sys
    import threading
    import time

    from merchant_console.evidence.text_worker import BackgroundReading, ReadingWorker
    slow = FAKE_WORKER.replace("req = json.loads(raw)", "req = json.loads(raw); import time; time.sleep(60)")
    sb = sandbox_factory(refunds=4, seed=6, images="small")
    db, cache, _proc = synced(sb)
    reading = BackgroundReading(db, lambda sha: cache.path(sha, 0),
                                worker=ReadingWorker(command=[sys.executable, "-c", slow]))
    reading.start()
    time.sleep(1.5)   # the child has the first image
    t = time.monotonic()
    reading.stop()
    assert time.monotonic() - t < 5
    assert not [th for th in threading.enumerate() if th.name == "evidence-reading"]
    with db.read() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM evidence_text").scalar() == 0


@pytest.mark.slow
def test_inspect_read_reads_a_realistic_screenshot_and_finds_its_order_number(sandbox_factory, monkeypatch, capsys):
    sb = sandbox_factory(refunds=6, seed=8, images="realistic")
    monkeypatch.setattr("sys.stdin", io.StringIO(sb.tokens["manager"] + "\n"))
    assert cli.main(["login", "--url", sb.url]) == 0
    assert cli.main(["sync", "--once"]) == 0
    capsys.readouterr()
    from merchant_console.store.location import data_dir
    from merchant_console.workbench.session import open_signed_in
    session = open_signed_in(data_dir(None), online=False)
    try:
        with session.db.read() as conn:
            rid, order_no = conn.exec_driver_sql(
                "SELECT r.id, r.order_no FROM refunds r JOIN evidence e ON e.refund_id = r.id "
                "JOIN evidence_facts f ON f.sha256 = e.sha256 WHERE e.kind = 'screenshot' AND f.broken IS NULL "
                "AND f.height <= 2800 ORDER BY r.id LIMIT 1").one()
    finally:
        session.close()
    assert cli.main(["inspect", rid, "--read", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    read = [e for e in info["evidence"] if e["status"] == "read"]
    assert read, info["evidence"]
    assert any(order_no in e["text"].replace(" ", "") for e in read)
    assert any(s["kind"] == "order_matches" for e in read for s in e["signals"])
