"""PDF report speed: every decision row listed, beside reportlab's canvas drawing the same cells directly."""

from __future__ import annotations

import time
from datetime import date, timedelta, timezone

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from merchant_console.core.clock import format_rfc3339
from merchant_console.core.refund import parse_refund
from merchant_console.reports import charts
from merchant_console.reports.export import build, export
from merchant_console.reports.pdf_export import ROW_COLUMNS, ROW_FONT, ROW_HEIGHT, _row_cells
from merchant_console.reports.query import ReportFilter
from merchant_console.store import refunds
from merchant_console.store.engine import Database
from tests.factories import T0, refund_doc

N = 20_000
CHINA = timezone(timedelta(hours=8))
DAY = date(2026, 11, 21)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    d = Database(tmp_path_factory.mktemp("pdfbench") / "c.db")
    rows = []
    for i in range(N):
        doc = refund_doc(1 + i % 900)
        doc["id"] = f"r_p{i:07d}"
        action = ("approve", "partial", "reject")[i % 3]
        at = T0 - (1 + i % 900) * 60_000 + (5 + i % 300) * 60_000
        doc["decision"] = {"action": action, "amount_fen": (9850, 5000, 0)[i % 3],
                           "reason_code": (None, "partial_used_value", "card_already_used")[i % 3],
                           "reason_text": None, "evidence_ids": [],
                           "by": {"kind": "staff", "id": f"s_{i % 5}", "name": "小王"}, "at": format_rfc3339(at)}
        doc["status"] = "rejected" if action == "reject" else "refunding"
        rows.append(parse_refund(doc))
    with d.write() as conn:
        for i in range(0, N, 5000):
            refunds.upsert_refunds(conn, rows[i:i + 5000])
    yield d
    d.close()


@pytest.mark.benchmark
def test_pdf_export_speed(db, tmp_path):
    f = ReportFilter(DAY, DAY, tz=CHINA)
    k = build(db, f)
    assert k.decided == N
    font = charts.register_font()
    cells = [_row_cells(r, "zh", k, font) for r in k.rows]

    # baseline: the same cells, one drawString each, on bare canvas pages (no layout, no summary)
    t = time.perf_counter()
    c = canvas.Canvas(str(tmp_path / "base.pdf"), pagesize=A4)
    per_page = int((A4[1] - 60) // ROW_HEIGHT)
    for start in range(0, len(cells), per_page):
        c.setFont(font, ROW_FONT)
        y = A4[1] - 40
        for row in cells[start:start + per_page]:
            x = 45.0
            for cell, (_, w) in zip(row, ROW_COLUMNS, strict=True):
                c.drawString(x, y, cell)
                x += w
            y -= ROW_HEIGHT
        c.showPage()
    c.save()
    base = time.perf_counter() - t

    t = time.perf_counter()
    export(db, f, "pdf", tmp_path / "ours.pdf", actor="s_2", role="manager", at_ms=T0, kpis=k)
    ours = time.perf_counter() - t
    print(f"\nPDF {N} decisions (summary, charts and every row): export {ours:.2f} s "
          f"({ours / N * 1000:.2f} ms a row); canvas.drawString of the same cells {base:.2f} s; "
          f"ratio {ours / base:.2f}")
    assert ours <= 2.0 * base
