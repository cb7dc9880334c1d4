"""PDF: a printable report (period, filters, KPIs, charts, decisions by staff member, then every
decision row, one table a page).

Text uses the TrueType font in resources/fonts (see charts.py), embedded as a subset: the file reads
the same on a machine with no Chinese font.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from . import charts
from . import labels as L
from .kpi import Kpis
from .output import TICK, CancelledFn, ProgressFn, Ticker, atomic_output
from .query import ReportRow, zone_label
from .table import CONVERSATION_STAFF_COLUMNS, KpiLine, conversation_lines, filter_lines, kpi_lines

MARGIN_X, MARGIN_Y = 16 * mm, 14 * mm
ROW_FONT, ROW_HEIGHT = 7.5, 11.0
# (label key or (zh, en), width): the decision rows' columns, 178 mm across an A4 page
ROW_COLUMNS = ((("订单号", "Order no."), 34 * mm), (("处理时间", "Decided"), 24 * mm),
               (("处理结果", "Action"), 16 * mm), (("处理人", "Decided by"), 22 * mm),
               (("退款金额", "Refunded"), 19 * mm), (("响应时长", "Response"), 20 * mm),
               (("按时", "On time"), 11 * mm), (("原因", "Reason"), 32 * mm))


def _fit(text: str, font: str, width: float) -> str:
    """Cut a cell's text with "…" so it stays inside its column (rows have one fixed height)."""
    room = width - 6
    if stringWidth(text, font, ROW_FONT) <= room:
        return text
    while text and stringWidth(text + "…", font, ROW_FONT) > room:
        text = text[:-1]
    return text + "…"


RIGHT_ALIGNED = (4, 5)   # money and durations line up on their right edge


class _Rows(Flowable):  # type: ignore[misc]  # reportlab ships no type information: Flowable is Any here
    """One page of decision rows and their header, drawn straight on the canvas: a text object per
    page and one path for the rules (a Table of the same cells draws each cell in its own graphics
    state and took twice as long; a report of 100 000 decisions has ~2 000 of these pages)."""

    def __init__(self, cells: list[list[str]], font: str) -> None:
        super().__init__()
        self.cells, self.font = cells, font
        self.widths = [w for _, w in ROW_COLUMNS]
        self.width, self.height = sum(self.widths), len(cells) * ROW_HEIGHT

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.setFillColor(colors.HexColor("#E8EEF7"))
        c.rect(0, self.height - ROW_HEIGHT, self.width, ROW_HEIGHT, stroke=0, fill=1)
        c.setStrokeColor(colors.HexColor("#DDDDDD"))
        c.setLineWidth(0.25)
        c.lines([(0, self.height - i * ROW_HEIGHT, self.width, self.height - i * ROW_HEIGHT)
                 for i in range(1, len(self.cells) + 1)])
        c.setFillColor(colors.black)
        text = c.beginText()
        text.setFont(self.font, ROW_FONT)
        baseline = (ROW_HEIGHT - ROW_FONT) / 2 + 1.5
        for i, row in enumerate(self.cells):
            y = self.height - (i + 1) * ROW_HEIGHT + baseline
            x = 0.0
            for j, (cell, w) in enumerate(zip(row, self.widths, strict=True)):
                if cell:
                    left = x + w - 3 - stringWidth(cell, self.font, ROW_FONT) if j in RIGHT_ALIGNED and i else x + 3
                    text.setTextOrigin(left, y)
                    text.textOut(cell)
                x += w
        c.drawText(text)


def _row_cells(r: ReportRow, lang: str, k: Kpis, font: str) -> list[str]:
    tz = k.filter.tz
    when = datetime.fromtimestamp(r.decision_at / 1000, tz).strftime("%Y-%m-%d %H:%M") if r.decision_at else ""
    who = r.decision_by_name if r.decision_by_kind == "staff" and r.decision_by_name else \
        L.decider(r.decision_by_kind, lang)
    cells = [r.order_no, when, L.action(r.decision_action, lang), who, L.yuan(r.refunded_fen),
             L.duration(r.response_ms, lang), L.yes_no(r.sla_met, lang), L.reason(r.decision_reason_code, lang)]
    return [_fit(c, font, w) for c, (_, w) in zip(cells, ROW_COLUMNS, strict=True)]


def write_pdf(k: Kpis, path: str | Path, *, lang: str = "zh", progress: ProgressFn | None = None,
              cancelled: CancelledFn | None = None, generated_at: datetime | None = None) -> int:
    font = charts.register_font()
    ticker = Ticker(4 + len(k.rows), progress, cancelled)
    title = ParagraphStyle("title", fontName=font, fontSize=18, leading=24, spaceAfter=6)
    body = ParagraphStyle("body", fontName=font, fontSize=10, leading=14)
    h2 = ParagraphStyle("h2", fontName=font, fontSize=12, leading=16, spaceBefore=8, spaceAfter=4)
    tz = k.filter.tz
    story: list[Any] = [Paragraph(escape(L.word("title", lang)), title)]
    for label, text in filter_lines(k, lang, tz):
        story.append(Paragraph(escape(L.labelled(label, text, lang)), body))
    when = (generated_at or datetime.now(tz)).astimezone(tz).strftime("%Y-%m-%d %H:%M")
    story.append(Paragraph(escape(L.labelled(L.word("generated", lang), when, lang) +
                                  f" · {L.word('times_in', lang)} ({zone_label(tz)})"), body))
    story.append(Spacer(1, 4 * mm))
    ticker.check(1)
    story += [_kpi_grid(kpi_lines(k, lang), font), Spacer(1, 4 * mm)]
    talk = conversation_lines(k.conversation, lang)
    heading = Paragraph(escape(L.word("conv_section", lang)), h2)
    if talk:
        part: list[Any] = [heading, _kpi_grid(talk, font)]
        if k.filter.action or k.filter.decided_by or k.filter.reason_code:
            part.append(Paragraph(escape(L.word("conv_filters_note", lang)), body))
        story += [KeepTogether(part), Spacer(1, 4 * mm)]
    else:
        story += [heading, Paragraph(escape(L.word("conv_none", lang)), body), Spacer(1, 4 * mm)]
    ticker.check(2)
    for drawing in charts.all_charts(k, lang):
        story += [drawing, Spacer(1, 3 * mm)]
    ticker.check(3)
    if k.by_staff:
        rows = [[L.word("staff", lang), L.word("decided", lang), L.word("approved", lang), L.word("partial", lang),
                 L.word("rejected", lang), L.word("refunded", lang), L.word("median", lang), "SLA"]]
        for s in k.by_staff:
            rows.append([f"{s.name} ({s.staff_id})", str(s.decided), str(s.approved), str(s.partial),
                         str(s.rejected), L.yuan(s.refunded_fen), L.duration(s.median_response_ms, lang),
                         L.percent(s.sla_rate)])
        st = Table(rows, repeatRows=1)
        st.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), font, 8),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF7")),
            ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#CCCCCC")),
        ]))
        story.append(KeepTogether([Paragraph(escape(L.word("staff_table", lang)), h2), st]))
    if k.conversation_by_staff:
        rows = [[L.word("staff", lang)] + [L.word(key, lang) for key, _ in CONVERSATION_STAFF_COLUMNS]]
        for line in k.conversation_by_staff:
            rows.append([f"{line.name} ({line.staff_id})"] + [value(line.kpis, lang)
                                                               for _, value in CONVERSATION_STAFF_COLUMNS])
        cell = ParagraphStyle("cell", fontName=font, fontSize=7, leading=9)
        rows[0] = [Paragraph(escape(text), cell) for text in rows[0]]   # long headers wrap in their column
        widths = [30 * mm] + [(178 * mm - 30 * mm) / len(CONVERSATION_STAFF_COLUMNS)] * len(CONVERSATION_STAFF_COLUMNS)
        ct = Table(rows, colWidths=widths, repeatRows=1)
        ct.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), font, 8),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF7")),
            ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
            ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#CCCCCC")),
        ]))
        story.append(KeepTogether([Paragraph(escape(L.word("conv_staff_table", lang)), h2), ct]))
    story += _row_pages(k, lang, font, h2, body, ticker)
    with atomic_output(path) as tmp:
        doc = SimpleDocTemplate(str(tmp), pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
                                topMargin=MARGIN_Y, bottomMargin=MARGIN_Y, title=L.word("title", lang),
                                author="Merchant Console", initialFontName=font)
        doc.build(story)
        ticker.check(4 + len(k.rows))
    return len(k.rows)


def _kpi_grid(lines: list[KpiLine], font: str) -> Table:
    """Label / value pairs in two columns, the first half on the left."""
    half = (len(lines) + 1) // 2
    grid = []
    for i in range(half):
        left = lines[i]
        right = lines[i + half] if i + half < len(lines) else None
        grid.append([left.label, left.text, right.label if right else "", right.text if right else ""])
    t = Table(grid, colWidths=[58 * mm, 30 * mm, 58 * mm, 30 * mm])
    t.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), font, 9),
        ("ALIGN", (1, 0), (1, -1), "RIGHT"), ("ALIGN", (3, 0), (3, -1), "RIGHT"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#CCCCCC")),
        ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#F7F9FC")),
    ]))
    return t


def _row_pages(k: Kpis, lang: str, font: str, h2: ParagraphStyle, body: ParagraphStyle, ticker: Ticker) -> list[Any]:
    """Every decision row, from a new page on: one table a page, each with its header row.

    Rows have one fixed height, so a page's share is known beforehand and no table is ever split
    (reportlab splits a long table by measuring all that is left, again on every page: slow for 100 000).
    """
    heading = Paragraph(escape(L.word("rows_heading", lang).format(n=len(k.rows))), h2)
    if not k.rows:
        return [Spacer(1, 3 * mm), heading, Paragraph(escape(L.word("no_data", lang)), body)]
    usable = A4[1] - 2 * MARGIN_Y - 12          # the frame's padding
    first = int((usable - 30) // ROW_HEIGHT) - 1   # the heading takes the top of the first page
    per_page = int(usable // ROW_HEIGHT) - 1
    header = [L.pick(label, lang) for label, _ in ROW_COLUMNS]
    out: list[Any] = [PageBreak(), heading]
    start, size = 0, first
    while start < len(k.rows):
        chunk = k.rows[start:start + size]
        cells = [header]
        for i, r in enumerate(chunk, start=start):
            if i % TICK == 0:
                ticker.check(4 + i)
            cells.append(_row_cells(r, lang, k, font))
        out.append(_Rows(cells, font))
        start += size
        size = per_page
    return out
