"""Conversation figures of a period: proposals, money kept versus asked, extensions, requests in time, answers."""

from __future__ import annotations

from datetime import date, timedelta, timezone

import pytest

from merchant_console.core.clock import format_rfc3339
from merchant_console.core.conversation import Message
from merchant_console.core.refund import parse_refund
from merchant_console.reports import labels as L
from merchant_console.reports.conversation import conversation_kpis
from merchant_console.reports.export import build, export
from merchant_console.reports.query import ReportFilter
from merchant_console.reports.table import conversation_lines
from merchant_console.store import conversation, refunds
from merchant_console.store.engine import Database
from tests.factories import HOUR, T0, refund_doc

STAFF = {"kind": "staff", "id": "s_7", "name": "小王"}
OTHER = {"kind": "staff", "id": "s_9", "name": "小李"}
MIN = 60_000


@pytest.fixture
def db(tmp_path):
    d = Database(tmp_path / "console.db")
    yield d
    d.close()


def neg(state, kind="partial", amount=7000, by=STAFF, at=T0):
    return {"round": 1, "kind": kind, "amount_fen": amount if kind == "partial" else None, "message": "协商",
            "proposed_at": format_rfc3339(at), "respond_by": format_rfc3339(at + 24 * HOUR), "by": by,
            "state": state, "answered_at": None, "buyer_message": None}


def req(rid, due, answered=None, by=STAFF):
    answer = None if answered is None else {"text": "已补充", "evidence_ids": [], "at": format_rfc3339(answered),
                                            "by": by}
    return {"id": rid, "question": "请补充凭证", "asked_at": format_rfc3339(due - 24 * HOUR),
            "due_at": format_rfc3339(due), "answer": answer}


def msg(mid, sender, at, by=None):
    return Message.from_json({"id": mid, "at": format_rfc3339(at), "from": sender, "by": by, "text": "…",
                              "evidence_ids": []})


def test_conversation_kpis(db):
    docs = [
        refund_doc(1, status="refunding", negotiation=neg("accepted")),                  # asked 9850, refunded 7000
        refund_doc(2, status="awaiting_merchant", negotiation=neg("declined", amount=3000)),
        refund_doc(3, status="awaiting_merchant", negotiation=neg("expired")),
        refund_doc(4, status="reissued", negotiation=neg("accepted", kind="reissue")),
        refund_doc(5, status="negotiating", negotiation=neg("pending", by=OTHER)),
        refund_doc(6, extension={"hours": 24, "reason_code": "holiday", "reason_text": "节假日",
                                 "at": format_rfc3339(T0), "by": STAFF}),
        refund_doc(7, status="platform_review", evidence_requests=[
            req("er_1", T0 + 2 * HOUR, answered=T0 + HOUR), req("er_2", T0 + 3 * HOUR, answered=T0 + 4 * HOUR),
            req("er_3", T0 + 5 * HOUR), req("er_4", T0 + 40 * HOUR)]),
        refund_doc(8, negotiation=neg("accepted", at=T0 - 48 * HOUR)),                    # outside the period
    ]
    rows = [parse_refund(d) for d in docs]
    with db.write() as conn:
        refunds.upsert_refunds(conn, rows)
        conversation.store_messages(conn, rows[0]["id"], [
            msg("m1", "buyer", T0), msg("m2", "buyer", T0 + 10 * MIN), msg("m3", "merchant", T0 + 30 * MIN, STAFF),
            msg("m4", "buyer", T0 + 60 * MIN)])                                            # m4 not answered
        conversation.store_messages(conn, rows[1]["id"], [msg("n1", "buyer", T0), msg("n2", "merchant", T0 + 5 * MIN,
                                                                                        OTHER)])
    start, end = T0 - HOUR, T0 + 24 * HOUR
    with db.read() as conn:
        k = conversation_kpis(conn, start, end)
        mine = conversation_kpis(conn, start, end, staff_id="s_7")
    assert (k.proposals, k.accepted, k.declined, k.expired, k.pending) == (5, 2, 1, 1, 1)
    assert k.reissues_accepted == 1 and k.by_kind == {"partial": 4, "reissue": 1}
    assert (k.asked_fen, k.refunded_fen, k.kept_fen) == (9850, 7000, 2850)
    assert k.acceptance_rate == pytest.approx(2 / 4)
    assert (k.extensions, k.extension_hours) == (1, 24)
    # er_4 is still open at the period's end: not counted; er_3 was missed
    assert (k.requests, k.answered_in_time, k.answered_late, k.unanswered) == (3, 1, 1, 1)
    assert k.buyer_messages == 4 and k.buyer_messages_answered == 3
    assert k.median_answer_minutes == 20.0  # waits of 30, 20 and 5 minutes
    assert mine.proposals == 4 and mine.pending == 0
    assert mine.buyer_messages_answered == 2 and mine.median_answer_minutes == 25.0
    assert set(k.as_dict()) >= {"kept_fen", "in_time_rate", "median_answer_minutes"}
    from merchant_console.reports.conversation import conversation_summary
    text = conversation_summary(k)
    assert "5 proposal(s) - 2 accepted" in text and "kept ¥28.50 of ¥98.50" in text and "20 min" in text


# --- the figures in every report: a store filled by hand, exact numbers -----------------------------------------

CHINA = timezone(timedelta(hours=8))
DAY = date(2026, 11, 21)   # T0 is 16:00 China time on this day


def hand_filled(db):
    """3 proposals by 小王 (1 accepted: asked ¥98.50, refunded ¥60.00, kept ¥38.50; 1 declined; 1 expired),
    1 by 小李 still pending; 1 extension of 24 h; 2 evidence requests due today (1 in time, 1 missed);
    3 buyer messages: 2 answered by 小王 after 10 and 30 min, 1 answered by 小李 after 6 min."""
    docs = [
        refund_doc(1, status="refunding", negotiation=neg("accepted", amount=6000)),
        refund_doc(2, status="awaiting_merchant", negotiation=neg("declined", amount=3000)),
        refund_doc(3, status="awaiting_merchant", negotiation=neg("expired", amount=5000)),
        refund_doc(4, status="negotiating", negotiation=neg("pending", by=OTHER)),
        refund_doc(5, extension={"hours": 24, "reason_code": "holiday", "reason_text": "节假日",
                                 "at": format_rfc3339(T0), "by": STAFF}),
        refund_doc(6, status="platform_review", evidence_requests=[
            req("er_1", T0 + 2 * HOUR, answered=T0 + HOUR), req("er_2", T0 + 3 * HOUR)]),
    ]
    rows = [parse_refund(d) for d in docs]
    with db.write() as conn:
        refunds.upsert_refunds(conn, rows)
        conversation.store_messages(conn, rows[0]["id"], [
            msg("a1", "buyer", T0), msg("a2", "merchant", T0 + 10 * MIN, STAFF)])
        conversation.store_messages(conn, rows[1]["id"], [
            msg("b1", "buyer", T0), msg("b2", "merchant", T0 + 6 * MIN, OTHER),
            msg("b3", "buyer", T0 + 60 * MIN), msg("b4", "merchant", T0 + 90 * MIN, STAFF)])
    return rows


def test_the_report_carries_the_conversation_figures(db):
    hand_filled(db)
    k = build(db, ReportFilter(DAY, DAY, tz=CHINA), now_ms=T0 + 6 * HOUR).conversation
    assert (k.proposals, k.accepted, k.declined, k.expired, k.pending) == (4, 1, 1, 1, 1)
    assert (k.asked_fen, k.refunded_fen, k.kept_fen) == (9850, 6000, 3850)
    assert (k.extensions, k.extension_hours) == (1, 24)
    assert (k.requests, k.answered_in_time, k.answered_late, k.unanswered) == (2, 1, 0, 1)
    assert (k.buyer_messages, k.buyer_messages_answered, k.median_answer_minutes) == (3, 3, 10.0)
    mine = build(db, ReportFilter(DAY, DAY, tz=CHINA, staff_id="s_7"), now_ms=T0 + 6 * HOUR)
    c = mine.conversation
    assert (c.proposals, c.accepted, c.declined, c.expired, c.pending) == (3, 1, 1, 1, 0)
    # the missed request is the shop's, not 小王's; 小李's 6-minute answer is not 小王's either
    assert (c.requests, c.answered_in_time, c.unanswered) == (1, 1, 0)
    assert (c.buyer_messages_answered, c.median_answer_minutes) == (2, 20.0)
    assert [line.staff_id for line in mine.conversation_by_staff] == ["s_7"]


def test_a_colleagues_reply_ends_the_wait(db):
    """Hostile: a buyer answered by 小李 after 6 min, then 小王 writes an hour later; 小王's figure is not a
    66-minute wait (the wait ended with 小李's reply)."""
    [r] = [parse_refund(refund_doc(1))]
    with db.write() as conn:
        refunds.upsert_refunds(conn, [r])
        conversation.store_messages(conn, r["id"], [msg("m1", "buyer", T0), msg("m2", "merchant", T0 + 6 * MIN, OTHER),
                                                     msg("m3", "merchant", T0 + 66 * MIN, STAFF)])
    with db.read() as conn:
        mine = conversation_kpis(conn, T0 - HOUR, T0 + HOUR, staff_id="s_7")
        theirs = conversation_kpis(conn, T0 - HOUR, T0 + HOUR, staff_id="s_9")
    assert (mine.buyer_messages_answered, mine.median_answer_minutes) == (0, None)
    assert (theirs.buyer_messages_answered, theirs.median_answer_minutes) == (1, 6.0)


def test_category_and_channel_narrow_the_conversation(db):
    hand_filled(db)
    with db.read() as conn:
        none = conversation_kpis(conn, T0 - HOUR, T0 + 24 * HOUR, category="no_such_category")
        same = conversation_kpis(conn, T0 - HOUR, T0 + 24 * HOUR, channel=refund_doc(1)["payment_channel"])
    assert none.empty and same.proposals == 4


def per_staff_rows(sheet, heading):
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    at = next(i for i, r in enumerate(rows) if r[0] == heading)
    return rows[at + 1], [r for r in rows[at + 2:at + 4] if r[0]]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_export_carries_the_conversation(db, tmp_path, lang):
    import openpyxl
    import pypdf
    hand_filled(db)
    f = ReportFilter(DAY, DAY, tz=CHINA)
    k = build(db, f, now_ms=T0 + 6 * HOUR)
    for fmt in ("csv", "xlsx", "pdf"):
        export(db, f, fmt, tmp_path / f"r.{fmt}", actor="s_2", role="manager", at_ms=T0 + 6 * HOUR, lang=lang,
               kpis=k)
    summary = openpyxl.load_workbook(tmp_path / "r.xlsx").worksheets[0]
    values = {row[0].value: row[1].value for row in summary.iter_rows() if row[0].value}
    assert values[L.word("conv_proposals", lang)] == 4
    assert values[L.word("conv_accepted", lang)] == 1
    assert values[L.word("conv_declined", lang)] == 1 and values[L.word("conv_expired", lang)] == 1
    assert values[L.word("conv_asked", lang)] == 98.5 and values[L.word("conv_kept", lang)] == 38.5
    assert values[L.word("conv_extensions", lang)] == 1 and values[L.word("conv_in_time", lang)] == 1
    assert values[L.word("conv_missed", lang)] == 1 and values[L.word("conv_median_answer", lang)] == 10
    head, staff = per_staff_rows(summary, L.word("conv_staff_table", lang))
    assert head[1] == L.word("conv_proposals", lang)
    assert [r[:5] for r in staff] == [["小王 (s_7)", 3, 1, 1, 1], ["小李 (s_9)", 1, 0, 0, 0]]
    text = "".join(page.extract_text() for page in pypdf.PdfReader(tmp_path / "r.pdf").pages)
    assert L.word("conv_section", lang) in text and L.word("conv_staff_table", lang) in text
    assert "¥38.50" in text and L.word("conv_kept", lang) in text
    assert (L.duration(10 * MIN, lang)) in text
    # CSV: one table; each refund's row carries its proposal's outcome (the figures are in XLSX / PDF)
    csv_text = (tmp_path / "r.csv").read_text(encoding="utf-8-sig")
    assert L.pick(("协商结果", "Proposal outcome"), lang) in csv_text.splitlines()[0]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_empty_period_says_there_was_no_conversation(db, tmp_path, lang):
    import openpyxl
    import pypdf
    hand_filled(db)
    f = ReportFilter(DAY - timedelta(days=3), DAY - timedelta(days=2), tz=CHINA)
    k = build(db, f)
    assert k.conversation.empty and conversation_lines(k.conversation, lang) == []
    for fmt in ("xlsx", "pdf"):
        export(db, f, fmt, tmp_path / f"e.{fmt}", actor="s_2", role="manager", at_ms=T0, lang=lang, kpis=k)
    cells = [c.value for row in openpyxl.load_workbook(tmp_path / "e.xlsx").worksheets[0].iter_rows() for c in row]
    assert L.word("conv_none", lang) in cells and L.word("conv_acceptance_rate", lang) not in cells
    text = "".join(page.extract_text() for page in pypdf.PdfReader(tmp_path / "e.pdf").pages)
    assert L.word("conv_none", lang) in text and "NaN" not in text
