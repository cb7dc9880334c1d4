"""The report's charts as reportlab drawings: vector in the PDF, SVG in the Reports window.

Text uses the TrueType font shipped in resources/fonts (a GB2312 subset of WenQuanYi Micro Hei,
Apache-2.0): the PDF embeds the glyphs it uses, so Chinese shows on machines without a CJK font
(Adobe's CID font STSong-Light, used before, is not embedded: readers without Adobe's Asian font
pack drew boxes, and it has no "·"). The Reports window loads the same file, so the SVG's labels
have the metrics reportlab placed them with.

Sizes are in points; the window draws each chart at its own size in pixels (one point to a pixel),
so the smallest text, LABEL points, is LABEL pixels on screen whatever the window's width.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.graphics import renderSVG
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ..resources import REPORT_FONT
from . import labels as L
from .kpi import ACTION_ORDER, Kpis

FONT = "WenQuanYi Micro Hei"   # the family name inside the file, so an SVG viewer that loaded it finds it
TITLE, LABEL = 12, 10          # points; nothing smaller (7 pt labels were 6 px in the window)
ACTION_COLOURS = {"approve": colors.HexColor("#2E7D32"), "partial": colors.HexColor("#F9A825"),
                  "reject": colors.HexColor("#C62828")}
BAR = colors.HexColor("#1565C0")
REASONS = colors.HexColor("#6A1B9A")


@dataclass(frozen=True)
class Ink:
    """What a chart is drawn on and with: paper for the PDF, the window's dark theme on screen."""
    paper: colors.Color
    text: colors.Color
    muted: colors.Color      # "no data", the axes
    bar: colors.Color
    reasons: colors.Color


PRINT = Ink(paper=colors.white, text=colors.black, muted=colors.grey, bar=BAR, reasons=REASONS)
# the dark theme's window and text colours (gui.theme); the bars a shade lighter to stand out from it
DARK = Ink(paper=colors.HexColor("#2b2d31"), text=colors.HexColor("#e6e6e6"), muted=colors.HexColor("#8b8d91"),
           bar=colors.HexColor("#64B5F6"), reasons=colors.HexColor("#BA68C8"))


def register_font() -> str:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(REPORT_FONT)))
    return FONT


def _frame(width: float, height: float, title: str, ink: Ink) -> Drawing:
    register_font()
    d = Drawing(width, height)
    d.initialFontName, d.initialFontSize = FONT, LABEL   # else the renderer starts in Helvetica (not embedded)
    d.add(Rect(0, 0, width, height, fillColor=ink.paper, strokeColor=None))
    d.add(String(4, height - 16, title, fontName=FONT, fontSize=TITLE, fillColor=ink.text))
    return d


def _empty(d: Drawing, width: float, height: float, lang: str, ink: Ink) -> Drawing:
    d.add(String(width / 2, height / 2, L.word("no_data", lang), fontName=FONT, fontSize=LABEL,
                 textAnchor="middle", fillColor=ink.muted))
    return d


def _axes(c: VerticalBarChart | HorizontalBarChart, ink: Ink) -> None:
    """The axes' lines and labels in the ink's colours, in the report's font."""
    for axis in (c.categoryAxis, c.valueAxis):
        axis.strokeColor = ink.muted
        axis.labels.fontName = FONT
        axis.labels.fontSize = LABEL
        axis.labels.fillColor = ink.text


def _nice_max(n: int) -> int:
    if n <= 5:
        return 5
    step: int = 10 ** (len(str(n)) - 1)
    return ((n + step - 1) // step) * step if n / step > 2 else ((n * 2 + step - 1) // step) * step // 2


def _text_width(text: str) -> float:
    width: float = pdfmetrics.stringWidth(text, FONT, LABEL)
    return width


def daily_volume(k: Kpis, lang: str, width: float = 480, height: float = 260, ink: Ink = PRINT) -> Drawing:
    title = L.word("daily_chart", lang)
    d = _frame(width, height, title, ink)
    days = list(k.daily)
    if not days or k.decided == 0:
        return _empty(d, width, height, lang, ink)
    c = VerticalBarChart()
    c.x, c.y, c.width, c.height = 40, 48, width - 60, height - 80
    c.data = [[k.daily[day][a] for day in days] for a in ACTION_ORDER]
    c.categoryAxis.style = "stacked"
    # as many day labels as fit side by side with a gap, never overlapping
    room = c.width / (_text_width("00-00") + 12)
    every = max(1, -(-len(days) // max(1, int(room))))
    c.categoryAxis.categoryNames = [day.strftime("%m-%d") if i % every == 0 else "" for i, day in enumerate(days)]
    _axes(c, ink)
    c.categoryAxis.labels.angle = 0
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
    legend.fontName, legend.fontSize, legend.fillColor = FONT, LABEL, ink.text
    legend.alignment = "right"
    legend.columnMaximum = 1
    names = [L.action(a, lang) for a in ACTION_ORDER]
    legend.deltax = max(_text_width(n) for n in names) + 30   # swatch, gap and the longest name
    legend.colorNamePairs = list(zip((ACTION_COLOURS[a] for a in ACTION_ORDER), names, strict=True))
    d.add(legend)
    return d


def _horizontal(d: Drawing, width: float, height: float, names: list[str], values: list[int],
                colour: colors.Color, ink: Ink) -> None:
    """Bars from the left with their labels before them; the first name is drawn on top."""
    c = HorizontalBarChart()
    # the labels' column is as wide as the longest label (measured in the font the reader sees), at most
    # 45 % of the chart; a longer label is cut with "…"
    limit = width * 0.45
    shown = []
    for name in names:
        while _text_width(name) > limit and len(name) > 2:
            name = name[:-2] + "…"
        shown.append(name)
    left = max(_text_width(n) for n in shown) + 14
    items = list(reversed(list(zip(shown, values, strict=True))))   # the chart draws bottom-up
    c.x, c.y, c.width, c.height = left, 16, width - left - 34, height - 44
    c.data = [[n for _, n in items]]
    c.categoryAxis.categoryNames = [name for name, _ in items]
    _axes(c, ink)
    # start each label at the drawing's left edge rather than ending it at the axis, so labels line up
    c.categoryAxis.labels.boxAnchor = "w"
    c.categoryAxis.labels.dx = -(left - 6)
    top = max(values)
    c.valueAxis.valueMin, c.valueAxis.valueMax = 0, _nice_max(top)
    c.valueAxis.valueStep = max(1, _nice_max(top) // 5)
    c.bars[0].fillColor = colour
    c.bars[0].strokeColor = None
    c.barLabelFormat = "%d"
    c.barLabels.fontName = FONT
    c.barLabels.fontSize = LABEL
    c.barLabels.fillColor = ink.text
    c.barLabels.boxAnchor = "w"
    c.barLabels.dx = 3
    d.add(c)


def response_times(k: Kpis, lang: str, width: float = 480, height: float = 260, ink: Ink = PRINT) -> Drawing:
    """How long decisions took, bucketed; horizontal, so "30分钟–1小时" has room at any width."""
    d = _frame(width, height, L.word("response_chart", lang), ink)
    if not any(k.response_buckets):
        return _empty(d, width, height, lang, ink)
    _horizontal(d, width, height, [L.pick(b, lang) for b in L.BUCKETS], list(k.response_buckets), ink.bar, ink)
    return d


def top_reasons(k: Kpis, lang: str, width: float = 480, height: float = 260, ink: Ink = PRINT) -> Drawing:
    d = _frame(width, height, L.word("reasons_chart", lang), ink)
    if not k.top_reasons:
        return _empty(d, width, height, lang, ink)
    _horizontal(d, width, height, [L.reason(code, lang) for code, _ in k.top_reasons],
                [n for _, n in k.top_reasons], ink.reasons, ink)
    return d


CHARTS = (daily_volume, response_times, top_reasons)


def all_charts(k: Kpis, lang: str, width: float = 480, height: float = 260) -> list[Drawing]:
    return [chart(k, lang, width, height) for chart in CHARTS]


def to_svg(drawing: Drawing) -> bytes:
    """SVG bytes of a drawing (the window shows these, with the same font file loaded)."""
    svg: str = renderSVG.drawToString(drawing)
    return svg.encode("utf-8")
