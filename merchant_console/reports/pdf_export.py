"""PDF: a printable summary (period, filters, KPIs, charts, decisions by staff member).

Chinese uses the built-in CID font STSong-Light (see charts.py): no font file, text extractable.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from . import charts
from . import labels as L
from .kpi import Kpis
from .output import CancelledFn, ProgressFn, Ticker, atomic_output
from .query import zone_label
from .table import filter_lines, kpi_lines


def write_pdf(k: Kpis, path: str | Path, *, lang: str = "zh", progress: ProgressFn | None = None,
              cancelled: CancelledFn | None = None, generated_at: datetime | None = None) -> int:
    font = charts.register_font()
    ticker = Ticker(4, progress, cancelled)
    title = ParagraphStyle("title", fontName=font, fontSize=18, leading=24, spaceAfter=6)
    body = ParagraphStyle("body", fontName=font, fontSize=10, leading=14)
    h2 = ParagraphStyle("h2", fontName=font, fontSize=12, leading=16, spaceBefore=8, spaceAfter=4)
    tz = k.filter.tz
    story: list = [Paragraph(escape(L.word("title", lang)), title)]
    for label, text in filter_lines(k, lang, tz):
        story.append(Paragraph(f"{escape(label)}: {escape(text)}", body))
    when = (generated_at or datetime.now(tz)).astimezone(tz).strftime("%Y-%m-%d %H:%M")
    story.append(Paragraph(escape(f"{L.word('generated', lang)}: {when} · {L.word('times_in', lang)} "
                                  f"({zone_label(tz)})"), body))
    story.append(Spacer(1, 4 * mm))
    ticker.check(1)
    lines = kpi_lines(k, lang)
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
    story += [t, Spacer(1, 4 * mm)]
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
    story.append(Spacer(1, 3 * mm))
    story.append(Paragraph(escape(L.word("rows_note", lang).format(n=len(k.rows))), body))
    with atomic_output(path) as tmp:
        doc = SimpleDocTemplate(str(tmp), pagesize=A4, leftMargin=16 * mm, rightMargin=16 * mm,
                                topMargin=14 * mm, bottomMargin=14 * mm, title=L.word("title", lang),
                                author="Merchant Console")
        doc.build(story)
        ticker.check(4)
    return len(k.rows)
