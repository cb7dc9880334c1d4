"""Reports over hand-built refunds: KPIs computed by hand, CSV / XLSX / PDF read back."""

from __future__ import annotations

import csv
from datetime import date, timedelta, timezone

import openpyxl
import pypdf
import pytest

from merchant_console.core.clock import format_rfc3339
from merchant_console.core.display_text import visible
from merchant_console.core.refund import parse_refund
from merchant_console.reports import kpi
from merchant_console.reports.export import NotAllowed, build, export
from merchant_console.reports.query import ReportFilter
from merchant_console.reports.table import inert
from merchant_console.store import audit, refunds
from merchant_console.store.engine import Database
from tests.factories import HOUR, T0, refund_doc

CHINA = timezone(timedelta(hours=8))
MIN = 60_000
# T0 is 2026-11-21 08:00 UTC = 16:00 China time; the report covers 2026-11-21 China time
DAY = date(2026, 11, 21)
HOSTILE = ['=HYPERLINK("http://x","y")', "+1", "-1+1", "@SUM(A1)", "\t=1+1", "\r=1+1", "\n=1+1"]


def decided(n, action, *, minutes, by="staff", staff=("s_7", "小王"), amount=None, code=None, text=None,
            status=None, requested=9850, **extra):
    """A refund submitted at T0 - n min and decided `minutes` later."""
    doc = refund_doc(n, requested_fen=requested, **extra)
    submitted = T0 - n * MIN
    at = submitted + minutes * MIN
    amount = requested if action == "approve" and amount is None else (amount or 0)
    who = {"kind": by, "id": staff[0] if by == "staff" else "platform", "name": staff[1] if by == "staff" else "系统"}
    doc["decision"] = {"action": action, "amount_fen": amount, "reason_code": code, "reason_text": text,
                       "evidence_ids": [], "by": who, "at": format_rfc3339(at)}
    doc["status"] = status or ("rejected" if action == "reject" else "refunding")
    doc["timeline"].append({"at": format_rfc3339(at), "status": doc["status"], "note": "x"})
    return doc


@pytest.fixture
def db(tmp_path):
    d = Database(tmp_path / "c.db")
    yield d
    d.close()


def load(db, docs):
    with db.write() as conn:
        refunds.upsert_refunds(conn, [parse_refund(d) for d in docs])


def fixture_docs():
    urged = refund_doc(30, urged_at=format_rfc3339(T0 - 20 * MIN), escalates_at=format_rfc3339(T0 - 10 * MIN),
                       status="platform_review")
    urged["timeline"].append({"at": format_rfc3339(T0 - 10 * MIN), "status": "platform_review", "note": "平台介入"})
    appealed = decided(40, "reject", minutes=5, code="card_already_used", text="卡密已使用", status="appealed",
                       appeal={"submitted_at": format_rfc3339(T0 - 2 * MIN), "reason": "没用过",
                               "evidence": [], "statement_due_at": format_rfc3339(T0 + 48 * HOUR),
                               "statement": None})
    return [
        decided(100, "approve", minutes=10),                                       # SLA met, 10 min
        decided(101, "approve", minutes=30, by="platform_auto", fast_refund=True),  # auto, 30 min
        decided(102, "partial", minutes=60, amount=5000, code="partial_used_value", text="按剩余价值",
                staff=("s_3", "小李")),                                             # 60 min
        decided(103, "reject", minutes=90, code="card_already_used", text="卡密已激活"),  # 90 min
        appealed,                                                                  # reject, 5 min
        urged,                                                                     # not decided
        refund_doc(200, submitted_at=format_rfc3339(T0 - 3 * 24 * HOUR)),           # outside the period
    ]


def test_kpis_match_hand_computed_values(db):
    load(db, fixture_docs())
    k = build(db, ReportFilter(DAY, DAY, tz=CHINA))
    assert k.received == 6 and k.decided == 5
    assert (k.approved, k.partial, k.rejected) == (2, 1, 2)
    assert k.approval_rate == pytest.approx(0.4) and k.rejection_rate == pytest.approx(0.4)
    assert k.requested_fen == 5 * 9850
    assert k.refunded_fen == 9850 + 9850 + 5000
    # responses 5, 10, 30, 60, 90 min: median 30, nearest-rank p90 = 5th of 5 = 90
    assert k.median_response_ms == 30 * MIN and k.p90_response_ms == 90 * MIN
    assert (k.staff_decided, k.sla_met, k.sla_rate) == (4, 4, 1.0)
    assert k.auto_approved == 1 and k.urged == 1 and k.escalated == 1
    assert (k.appeals, k.appeals_pending, k.appeals_upheld, k.appeals_overturned) == (1, 1, 0, 0)
    assert k.top_reasons == [("card_already_used", 2), ("partial_used_value", 1)]
    assert sum(k.response_buckets) == 5 and k.response_buckets[0] == 2  # 5 and 10 min are under 30 min
    assert k.daily[DAY] == {"approve": 2, "partial": 1, "reject": 2}
    lines = {s.staff_id: s for s in k.by_staff}
    assert lines["s_7"].decided == 3 and lines["s_3"].refunded_fen == 5000


def test_late_decision_misses_sla_and_filters_narrow(db):
    late = decided(300, "approve", minutes=25 * 60)  # 25 h after submission: due was 24 h
    late["submitted_at"] = format_rfc3339(T0 - 26 * HOUR)
    late["due_at"] = format_rfc3339(T0 - 2 * HOUR)
    late["decision"]["at"] = format_rfc3339(T0 - 1 * HOUR)
    load(db, fixture_docs() + [late])
    k = build(db, ReportFilter(DAY, DAY, tz=CHINA))
    assert (k.staff_decided, k.sla_met) == (5, 4)
    k = build(db, ReportFilter(DAY, DAY, tz=CHINA, staff_id="s_3"))
    assert k.decided == 1 and k.partial == 1
    k = build(db, ReportFilter(DAY, DAY, tz=CHINA, decided_by="platform"))
    assert k.decided == 1 and k.auto_approved == 1
    k = build(db, ReportFilter(DAY, DAY, tz=CHINA, action="reject", reason_code="card_already_used"))
    assert k.decided == 2
    assert build(db, ReportFilter(DAY - timedelta(days=10), DAY - timedelta(days=5), tz=CHINA)).decided == 0


def test_percentiles():
    assert kpi.median([]) is None and kpi.p90([]) is None
    assert kpi.median([1, 2, 3, 4]) == 2.5
    assert kpi.p90(list(range(1, 11))) == 9 and kpi.p90([7]) == 7


def hostile_docs():
    docs = []
    for i, text in enumerate(HOSTILE):
        d = decided(500 + i, "reject", minutes=5, code="other", text=text)
        d["product"] = dict(d["product"], name=text)
        d["decision"]["by"]["name"] = text
        docs.append(d)
    docs.append(decided(600, "reject", minutes=5, code="other", text='他说"卡密无效",\r\n第二行 ¥98.50'))
    return docs


def test_csv_has_bom_quotes_and_inert_cells(db, tmp_path):
    load(db, hostile_docs())
    out = tmp_path / "r.csv"
    result = export(db, ReportFilter(DAY, DAY, tz=CHINA), "csv", out, actor="s_2", role="manager", at_ms=T0)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert len(rows) == 1 + result.rows == 1 + len(HOSTILE) + 1
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r", "\n")), cell
    texts = {r[2] for r in rows[1:]}
    # control characters in a product name arrive made visible (issue 14: core.display_text), so no longer
    # start a formula; the others are neutralised with a quote
    assert {visible(h) if visible(h) != h else "'" + h for h in HOSTILE} <= texts
    assert any(r[19] == '他说"卡密无效",\r\n第二行 ¥98.50' for r in rows[1:])  # round-trips, Chinese and all


def test_xlsx_is_typed_and_has_no_formula(db, tmp_path):
    load(db, fixture_docs() + hostile_docs())
    out = tmp_path / "r.xlsx"
    export(db, ReportFilter(DAY, DAY, tz=CHINA), "xlsx", out, actor="s_2", role="manager", at_ms=T0)
    wb = openpyxl.load_workbook(out)
    summary, data = wb.worksheets
    assert summary._charts, "the summary sheet has a chart"
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", (ws.title, c.coordinate, c.value)
                if isinstance(c.value, str):
                    assert not c.value.startswith(("=", "+", "-", "@", "\t", "\r", "\n")), c.value
    header = [c.value for c in data[1]]
    rows = [dict(zip(header, (c.value for c in r), strict=True)) for r in data.iter_rows(min_row=2)]
    products = {r["商品"] for r in rows}
    # XML turns a bare CR into LF on reading; the cell is inert either way
    assert {visible(h) if visible(h) != h else "'" + h for h in HOSTILE} <= set(products)
    assert "腾讯Q币 100元" in products
    first = next(r for r in rows if r["退款编号"] == "r_20261121000100")
    assert first["退款金额(元)"] == 98.5 and data.cell(2, header.index("退款金额(元)") + 1).number_format == "#,##0.00"
    # submitted T0 - 100 min = 06:20 UTC = 14:20 China time, an Excel date-time
    assert str(first["申请时间"]) == "2026-11-21 14:20:00"
    assert first["响应时长(分钟)"] == 10


def test_pdf_holds_the_kpis_in_chinese(db, tmp_path):
    load(db, fixture_docs())
    out = tmp_path / "r.pdf"
    export(db, ReportFilter(DAY, DAY, tz=CHINA), "pdf", out, actor="s_2", role="manager", at_ms=T0, lang="zh")
    text = "".join(p.extract_text() for p in pypdf.PdfReader(out).pages)
    for needle in ("退款处理报表", "同意率", "40.0%", "¥247.00", "¥492.50", "30分钟", "1小时30分",
                   "100.0%", "主要原因", "卡密已激活或已使用", "小王"):
        assert needle in text, needle


def test_export_audited_and_tampering_detected(db, tmp_path):
    load(db, fixture_docs())
    r = export(db, ReportFilter(DAY, DAY, tz=CHINA), "csv", tmp_path / "a.csv", actor="s_2", role="owner", at_ms=T0)
    with db.read() as conn:
        assert audit.verify(conn).ok
        entry = conn.exec_driver_sql("SELECT kind, actor, payload FROM audit_log WHERE seq = ?", (r.audit_seq,)).one()
    assert entry[0] == "export" and entry[1] == "s_2" and r.sha256 in entry[2]
    with db.write() as conn:
        conn.exec_driver_sql("UPDATE audit_log SET payload = replace(payload, '\"csv\"', '\"pdf\"') WHERE seq = ?",
                             (r.audit_seq,))
    with db.read() as conn:
        report = audit.verify(conn)
    assert not report.ok and report.first_bad_seq == r.audit_seq


def test_viewer_and_operator_cannot_export(db, tmp_path):
    f = ReportFilter(DAY, DAY, tz=CHINA)
    for role in ("viewer", "operator", None):
        with pytest.raises(NotAllowed):
            export(db, f, "csv", tmp_path / "x.csv", actor="s_9", role=role, at_ms=T0)
    assert not (tmp_path / "x.csv").exists()


def test_cancelled_export_leaves_no_file(db, tmp_path):
    from merchant_console.reports.output import ExportCancelled
    load(db, fixture_docs())
    for fmt in ("csv", "xlsx", "pdf"):
        with pytest.raises(ExportCancelled):
            export(db, ReportFilter(DAY, DAY, tz=CHINA), fmt, tmp_path / f"c.{fmt}", actor="s_2", role="manager",
                   at_ms=T0, cancelled=lambda: True)
        assert [p for p in tmp_path.iterdir() if "db" not in p.name] == []
    with db.read() as conn:
        assert audit.verify(conn).entries == 0  # nothing exported, nothing logged


def test_inert():
    assert [inert(h)[0] for h in HOSTILE] == ["'"] * len(HOSTILE)
    assert inert("腾讯Q币") == "腾讯Q币" and inert("") == ""


def test_reason_labels_start_at_one_left_edge_whatever_their_length(db):
    """Placed by their start, the labels cannot run into the bars when the window's SVG renderer
    draws them in a wider font than reportlab measured (end-anchored labels did)."""
    import re

    from merchant_console.reports import charts

    load(db, fixture_docs())
    k = build(db, ReportFilter(DAY, DAY, tz=CHINA))
    for lang in ("en", "zh"):
        svg = charts.to_svg(charts.top_reasons(k, lang)).decode()
        names = [charts.L.reason(code, lang)[:32] for code, _ in k.top_reasons]
        xs = {float(m.group(1)) for name in names
              for m in re.finditer(r'<text[^>]*\bx="([\d.]+)"[^>]*>' + re.escape(name) + "<", svg)}
        assert len(xs) == 1 and xs.pop() < 20, (lang, svg[:300])


def test_a_rejection_the_platform_overturns_on_appeal_stays_the_staff_members_decision(db):
    """Customer service deciding an appeal replaces the refund's decision; the merchant's rejection must
    still count for the staff member who made it (and the platform's approval as the platform's)."""
    rejected = decided(50, "reject", minutes=20, code="card_already_used", text="卡密已使用")
    appealed = dict(rejected, version=2, status="appealed",
                    appeal={"submitted_at": format_rfc3339(T0 - 10 * MIN), "reason": "没用过", "evidence": [],
                            "statement_due_at": format_rfc3339(T0 + 48 * HOUR), "statement": None})
    overturned = dict(appealed, version=3, status="refunding",
                      decision={"action": "approve", "amount_fen": 9850, "reason_code": None,
                                "reason_text": "平台客服支持买家", "evidence_ids": [],
                                "by": {"kind": "platform_cs", "id": "cs_1", "name": "平台客服"},
                                "at": format_rfc3339(T0 - 5 * MIN)})
    for doc in (rejected, appealed, overturned):   # as successive syncs bring them
        load(db, [doc])
    k = build(db, ReportFilter(DAY, DAY, tz=CHINA))
    assert (k.received, k.decided, k.approved, k.rejected) == (1, 2, 1, 1)
    assert k.staff_decided == 1 and k.sla_met == 1
    assert [(s.staff_id, s.rejected, s.approved) for s in k.by_staff] == [("s_7", 1, 0)]
    assert k.top_reasons == [("card_already_used", 1)]
    assert (k.appeals, k.appeals_overturned) == (1, 1)
    assert k.refunded_fen == 9850                       # the money did go back, by the platform's decision
    staff_only = build(db, ReportFilter(DAY, DAY, tz=CHINA, decided_by="staff"))
    assert (staff_only.decided, staff_only.rejected) == (1, 1)
    load(db, [dict(overturned, version=4, status="refunded")])   # later syncs keep one copy
    assert build(db, ReportFilter(DAY, DAY, tz=CHINA)).decided == 2
