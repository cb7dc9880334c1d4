"""What the text read from evidence says reaches the risk signals (store.risk.signals_for), in the merchant's
words, on a real synced sandbox; a matching order number is a reassurance, never a risk. Readings are
planted as the reading worker stores them (no OCR)."""

from __future__ import annotations

from datetime import datetime

from merchant_console.core.evidence_text import CHINA
from merchant_console.core.risk import (
    AMOUNT_DIFFERS,
    ORDER_MATCHES,
    ORDER_OTHER,
    SUCCESS_SHOWN,
    TIME_BEFORE_DELIVERY,
    explain,
)
from merchant_console.store import evidence_reading, refunds, risk


def _line(text: str, y: int) -> dict:
    return {"text": text, "box": [40, y, 600, y + 30], "score": 0.99}


def _plant(db, sha: str, *texts: str) -> None:
    with db.write() as conn:
        evidence_reading.save_text(conn, sha, status=evidence_reading.READ, read_at=len(texts), engine="test",
                                   seconds=0.1, lines=[_line(t, 100 + 60 * i) for i, t in enumerate(texts)])


def _china(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, CHINA).strftime("%Y-%m-%d %H:%M")


def test_text_findings_are_risk_signals_and_a_matching_order_is_a_reassurance(sandbox_factory, synced):
    sb = sandbox_factory(refunds=10, seed=4, images="small")
    db, _cache, _proc = synced(sb)
    with db.read() as conn:
        two = conn.exec_driver_sql(
            "SELECT e.refund_id, e.id, e.sha256 FROM evidence e WHERE e.bytes > 0 AND e.sha256 IN "
            "(SELECT sha256 FROM evidence GROUP BY sha256 HAVING count(*) = 1) ORDER BY e.refund_id, e.position"
        ).all()
        (rid, eid, sha), other = two[0], next(r for r in two if r[0] != two[0][0])
        row = refunds.get_refund(conn, rid)
        other_row = refunds.get_refund(conn, other[0])
        before = {s.code for s in risk.signals_for(conn, [rid]).get(rid, [])}
    assert row is not None and other_row is not None
    paid = row["paid_fen"] + 1000
    _plant(db, sha, f"订单号 {other_row['order_no']}", f"实付 ¥{paid // 100}.{paid % 100:02d}",
           f"{_china(row['delivered_at'] - 3_600_000)}")
    with db.read() as conn:
        found = risk.signals_for(conn, [rid]).get(rid, [])
        assert not risk.reassurances_for(conn, [rid]).get(rid)
    codes = [s.code for s in found]
    assert {ORDER_OTHER, AMOUNT_DIFFERS, TIME_BEFORE_DELIVERY} <= set(codes) and not set(codes) & {ORDER_MATCHES}
    assert set(codes) - before == {ORDER_OTHER, AMOUNT_DIFFERS, TIME_BEFORE_DELIVERY}
    wrong = next(s for s in found if s.code == ORDER_OTHER)
    # on this image, naming the refund whose order it shows (the detail pane links to it)
    assert wrong.evidence_id == eid and wrong.other_refund_id == other[0]
    zh = explain(wrong, "zh", {eid: "图1"})
    assert zh == f"图1中的订单号 {other_row['order_no']} 不是本订单 {row['order_no']}，而是本店另一笔退款的订单。"
    assert f"shows order {other_row['order_no']}, not this order's {row['order_no']}" in explain(wrong, "en")
    amount = next(s for s in found if s.code == AMOUNT_DIFFERS)
    assert "¥" in explain(amount, "zh") and "本订单实付" in explain(amount, "zh")
    # the queue's order: the most serious first
    assert codes.index(ORDER_OTHER) < codes.index(AMOUNT_DIFFERS) < codes.index(TIME_BEFORE_DELIVERY)

    # read again (another reading of the same file): this order's number and a success phrase while the
    # buyer says the card failed
    with db.write() as conn:
        conn.exec_driver_sql("UPDATE refunds SET reason = '充值后提示卡密无效' WHERE id = ?", (rid,))
    _plant(db, sha, f"订单号 {row['order_no']}", "充值成功")
    with db.read() as conn:
        found = risk.signals_for(conn, [rid]).get(rid, [])
        confirmed = risk.reassurances_for(conn, [rid]).get(rid, [])
    assert SUCCESS_SHOWN in {s.code for s in found} and ORDER_OTHER not in {s.code for s in found}
    assert [(s.code, s.evidence_id) for s in confirmed] == [(ORDER_MATCHES, eid)]
    assert explain(confirmed[0], "en") == f"This image shows this order's number {row['order_no']}."
    assert "充值成功" in explain(next(s for s in found if s.code == SUCCESS_SHOWN), "zh")
