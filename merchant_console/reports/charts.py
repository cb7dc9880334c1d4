"""The report's charts as reportlab drawings: vector in the PDF, SVG in the Reports window.

Text uses reportlab's built-in Adobe CID font STSong-Light, which needs no font file: Chinese
renders (and extracts as text) on machines without any CJK font installed.
"""

from __future__ import annotations

from reportlab.graphics import renderSVG
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont

from . import labels as L
from .kpi import ACTION_ORDER, Kpis

FONT = "STSong-Light"
ACTION_COLOURS = {"approve": colors.HexColor("#2E7D32"), "partial": colors.HexColor("#F9A825"),
                  "reject": colors.HexColor("#C62828")}
BAR = colors.HexColor("#1565C0")


def register_font() -> str:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


def _frame(width: float, height: float, title: str) -> Drawing:
    register_font()
    d = Drawing(width, height)
    d.add(Rect(0, 0, width, height, fillColor=colors.white, strokeColor=None))
    d.add(String(4, height - 16, title, fontName=FONT, fontSize=11))
    return d


def _empty(d: Drawing, width: float, height: float, lang: str) -> Drawing:
    d.add(String(width / 2, height / 2, L.word("no_data", lang), fontName=FONT, fontSize=10,
                 textAnchor="middle", fillColor=colors.grey))
    return d


def _nice_max(n: int) -> int:
    if n <= 5:
        return 5
    step = 10 ** (len(str(n)) - 1)
    return ((n + step - 1) // step) * step if n / step > 2 else ((n * 2 + step - 1) // step) * step // 2


def daily_volume(k: Kpis, lang: str, width: float = 480, height: float = 260) -> Drawing:
    title = L.word("daily_chart", lang)
    d = _frame(width, height, title)
    days = list(k.daily)
    if not days or k.decided == 0:
        return _empty(d, width, height, lang)
    c = VerticalBarChart()
    c.x, c.y, c.width, c.height = 40, 48, width - 60, height - 80
    c.data = [[k.daily[day][a] for day in days] for a in ACTION_ORDER]
    c.categoryAxis.style = "stacked"
    every = max(1, len(days) // 10)
    c.categoryAxis.categoryNames = [day.strftime("%m-%d") if i % every == 0 else "" for i, day in enumerate(days)]
    c.categoryAxis.labels.fontName = FONT
    c.categoryAxis.labels.fontSize = 7
    c.categoryAxis.labels.angle = 0
    c.valueAxis.labels.fontName = FONT
    c.valueAxis.labels.fontSize = 7
    top = max(sum(k.daily[day][a] for a in ACTION_ORDER) for day in days)
    c.valueAxis.valueMin, c.valueAxis.valueMax = 0, _nice_max(top)
    c.valueAxis.valueStep = max(1, _nice_max(top) // 5)
    c.barSpacing = 0
    c.groupSpacing = 2 if len(days) > 20 else 6
    for i, a in enumerate(ACTION_ORDER):
        c.bars[i].fillColor = ACTION_COLOURS[a]
        c.bars[i].strokeColor = None
    d.add(c)
    legend = Legend()
    legend.x, legend.y = 40, 14
    legend.fontName, legend.fontSize = FONT, 8
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = 90
    legend.colorNamePairs = [(ACTION_COLOURS[a], L.action(a, lang)) for a in ACTION_ORDER]
    d.add(legend)
    return d


def response_times(k: Kpis, lang: str, width: float = 480, height: float = 260) -> Drawing:
    d = _frame(width, height, L.word("response_chart", lang))
    if not any(k.response_buckets):
        return _empty(d, width, height, lang)
    c = VerticalBarChart()
    c.x, c.y, c.width, c.height = 40, 30, width - 60, height - 60
    c.data = [list(k.response_buckets)]
    c.categoryAxis.categoryNames = [L.pick(b, lang) for b in L.BUCKETS]
    c.categoryAxis.labels.fontName = FONT
    c.categoryAxis.labels.fontSize = 7
    c.valueAxis.labels.fontName = FONT
    c.valueAxis.labels.fontSize = 7
    c.valueAxis.valueMin, c.valueAxis.valueMax = 0, _nice_max(max(k.response_buckets))
    c.valueAxis.valueStep = max(1, _nice_max(max(k.response_buckets)) // 5)
    c.bars[0].fillColor = BAR
    c.bars[0].strokeColor = None
    c.barLabelFormat = "%d"
    c.barLabels.fontName = FONT
    c.barLabels.fontSize = 7
    c.barLabels.nudge = 6
    d.add(c)
    return d


def top_reasons(k: Kpis, lang: str, width: float = 480, height: float = 260) -> Drawing:
    d = _frame(width, height, L.word("reasons_chart", lang))
    if not k.top_reasons:
        return _empty(d, width, height, lang)
    items = list(reversed(k.top_reasons))  # the chart draws bottom-up; the biggest goes on top
    c = HorizontalBarChart()
    left = 120 if lang == "zh" else 175
    c.x, c.y, c.width, c.height = left, 16, width - left - 30, height - 44
    c.data = [[n for _, n in items]]
    c.categoryAxis.categoryNames = [L.reason(code, lang)[:32] for code, _ in items]
    c.categoryAxis.labels.fontName = FONT
    c.categoryAxis.labels.fontSize = 8 if lang == "zh" else 7
    # start each label at the drawing's left edge rather than ending it at the axis: an end-anchored
    # label is placed with reportlab's font metrics, and where the SVG is shown with another font
    # (the window: no STSong-Light there) a wider rendering ran into the bars
    c.categoryAxis.labels.boxAnchor = "w"
    c.categoryAxis.labels.dx = -(left - 8)
    c.valueAxis.labels.fontName = FONT
    c.valueAxis.labels.fontSize = 7
    top = max(n for _, n in items)
    c.valueAxis.valueMin, c.valueAxis.valueMax = 0, _nice_max(top)
    c.valueAxis.valueStep = max(1, _nice_max(top) // 5)
    c.bars[0].fillColor = colors.HexColor("#6A1B9A")
    c.bars[0].strokeColor = None
    c.barLabelFormat = "%d"
    c.barLabels.fontName = FONT
    c.barLabels.fontSize = 7
    c.barLabels.nudge = 8
    d.add(c)
    return d


def all_charts(k: Kpis, lang: str) -> list[Drawing]:
    return [daily_volume(k, lang), response_times(k, lang), top_reasons(k, lang)]


def to_svg(drawing: Drawing) -> bytes:
    """SVG bytes of a drawing (the window shows these; its font falls back to a system CJK font)."""
    return renderSVG.drawToString(drawing).encode("utf-8")
