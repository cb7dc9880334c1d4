"""XLSX: a typed data sheet and a summary sheet with the KPIs and charts (XlsxWriter).

Typed: counts and minutes are numbers, yuan are numbers shown with two decimals, times are Excel
date-times in the report's time zone (named on the summary sheet; Excel has no zones). No string
is ever written as a formula: the workbook is opened with `strings_to_formulas=False`, texts go
through `write_string`, and they are made inert like CSV's as well, for whoever copies them on.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from . import labels as L
from .kpi import Kpis
from .output import TICK, CancelledFn, ProgressFn, Ticker, atomic_output
from .query import zone_label
from .table import (
    COLUMNS,
    CONVERSATION_STAFF_COLUMNS,
    COUNT,
    MINUTES,
    TEXT,
    TIME,
    YUAN,
    conversation_lines,
    filter_lines,
    headers,
    inert,
    kpi_lines,
)

EXCEL_EPOCH_DAYS = 25569  # 1970-01-01 as an Excel serial day number
DAY_MS = 86_400_000
WORKBOOK_OPTIONS = {"constant_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
                    "strings_to_urls": False, "default_date_format": "yyyy-mm-dd hh:mm:ss"}


class _Serial:
    """Epoch ms -> Excel serial date-time in a zone (fast for fixed-offset zones such as China's)."""

    def __init__(self, tz: tzinfo) -> None:
        self.tz = tz
        self.fixed = tz.utcoffset(None) if isinstance(tz, timezone) else None

    def __call__(self, ms: int) -> float:
        off = self.fixed
        if off is None:
            off = datetime.fromtimestamp(ms / 1000, self.tz).utcoffset() or timedelta(0)
        return (ms + off.total_seconds() * 1000) / DAY_MS + EXCEL_EPOCH_DAYS


def write_xlsx(k: Kpis, path: str | Path, *, lang: str = "zh", progress: ProgressFn | None = None,
               cancelled: CancelledFn | None = None) -> int:
    rows = k.rows
    ticker = Ticker(len(rows), progress, cancelled)
    with atomic_output(path) as tmp:
        wb = xlsxwriter.Workbook(str(tmp), WORKBOOK_OPTIONS)
        try:
            fmts = {
                "title": wb.add_format({"bold": True, "font_size": 14}),
                "bold": wb.add_format({"bold": True}),
                "head": wb.add_format({"bold": True, "bg_color": "#E8EEF7", "border": 1, "text_wrap": True,
                                       "valign": "top"}),
                YUAN: wb.add_format({"num_format": "#,##0.00"}),
                TIME: wb.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"}),
                MINUTES: wb.add_format({"num_format": "0.0"}),
                # a duration outside the data sheet (whose header says "(min)") carries its unit itself
                "minutes_unit": wb.add_format({"num_format": '0.0"分钟"' if lang == "zh" else '0.0" min"'}),
                "ratio": wb.add_format({"num_format": "0.0%"}),
                "count": wb.add_format({"num_format": "0"}),
                "day": wb.add_format({"num_format": "yyyy-mm-dd"}),
                "note": wb.add_format({"italic": True, "font_color": "#555555"}),
            }
            summary = wb.add_worksheet(L.word("summary_sheet", lang))
            data = wb.add_worksheet(L.word("data_sheet", lang))
            _summary(wb, summary, data.name, k, lang, fmts)
            ticker.check(0)
            _data(data, k, lang, fmts, ticker)
            summary.activate()
        finally:
            wb.close()
    return len(rows)


def _summary(wb: xlsxwriter.Workbook, ws: Worksheet, data_name: str, k: Kpis, lang: str,
             fmts: dict[str, Any]) -> None:
    tz = k.filter.tz
    ws.set_column(0, 0, 34)
    ws.set_column(1, 4, 14)
    ws.write_string(0, 0, L.word("title", lang), fmts["title"])
    r = 1
    for label, text in filter_lines(k, lang, tz):
        ws.write_string(r, 0, inert(label), fmts["bold"])
        ws.write_string(r, 1, inert(text))
        r += 1
    ws.write_string(r, 0, L.labelled(L.word("times_in", lang), zone_label(tz), lang), fmts["note"])
    r += 2
    ws.write_string(r, 0, L.word("kpi", lang), fmts["head"])
    ws.write_string(r, 1, L.word("value", lang), fmts["head"])
    r += 1
    for line in kpi_lines(k, lang):
        _write_line(ws, r, line, fmts)
        r += 1
    r += 1
    r = _conversation(ws, r, k, lang, fmts)
    # daily volume by action: a table and a stacked column chart over it
    ws.write_string(r, 0, L.word("daily_chart", lang), fmts["bold"])
    r += 1
    head = r
    ws.write_string(r, 0, L.word("day", lang), fmts["head"])
    for j, a in enumerate(("approve", "partial", "reject"), 1):
        ws.write_string(r, j, L.action(a, lang), fmts["head"])
    r += 1
    first = r
    for day, counts in k.daily.items():
        ws.write_string(r, 0, day.isoformat())
        for j, a in enumerate(("approve", "partial", "reject"), 1):
            ws.write_number(r, j, counts[a], fmts["count"])
        r += 1
    last = r - 1
    if last >= first:
        chart = wb.add_chart({"type": "column", "subtype": "stacked"})
        colours = ("#2E7D32", "#F9A825", "#C62828")
        for j in range(1, 4):
            chart.add_series({"name": [ws.name, head, j], "categories": [ws.name, first, 0, last, 0],
                              "values": [ws.name, first, j, last, j], "fill": {"color": colours[j - 1]},
                              "gap": 50})
        chart.set_title({"name": L.word("daily_chart", lang)})
        chart.set_legend({"position": "bottom"})
        chart.set_size({"width": 720, "height": 320})
        ws.insert_chart(3, 3, chart)
    r += 1
    # response-time distribution
    ws.write_string(r, 0, L.word("response_chart", lang), fmts["bold"])
    r += 1
    ws.write_string(r, 0, L.word("bucket", lang), fmts["head"])
    ws.write_string(r, 1, L.word("count", lang), fmts["head"])
    r += 1
    b_first = r
    for bucket, n in zip(L.BUCKETS, k.response_buckets, strict=False):
        ws.write_string(r, 0, L.pick(bucket, lang))
        ws.write_number(r, 1, n, fmts["count"])
        r += 1
    chart = wb.add_chart({"type": "column"})
    chart.add_series({"name": L.word("count", lang), "categories": [ws.name, b_first, 0, r - 1, 0],
                      "values": [ws.name, b_first, 1, r - 1, 1], "fill": {"color": "#1565C0"}})
    chart.set_title({"name": L.word("response_chart", lang)})
    chart.set_legend({"none": True})
    chart.set_size({"width": 720, "height": 300})
    ws.insert_chart(21, 3, chart)
    r += 1
    # top reasons
    ws.write_string(r, 0, L.word("reasons_chart", lang), fmts["bold"])
    r += 1
    ws.write_string(r, 0, L.word("reason", lang), fmts["head"])
    ws.write_string(r, 1, L.word("count", lang), fmts["head"])
    r += 1
    for code, n in k.top_reasons:
        ws.write_string(r, 0, inert(L.reason(code, lang)))
        ws.write_number(r, 1, n, fmts["count"])
        r += 1
    r += 1
    # by staff member
    ws.write_string(r, 0, L.word("staff_table", lang), fmts["bold"])
    r += 1
    cols = (L.word("staff", lang), L.word("decided", lang), L.word("approved", lang), L.word("partial", lang),
            L.word("rejected", lang), L.word("refunded", lang), L.word("median", lang), L.word("sla", lang))
    for j, c in enumerate(cols):
        ws.write_string(r, j, c, fmts["head"])
    r += 1
    for staff in k.by_staff:
        ws.write_string(r, 0, inert(f"{staff.name} ({staff.staff_id})"))
        for j, n in enumerate((staff.decided, staff.approved, staff.partial, staff.rejected), 1):
            ws.write_number(r, j, n, fmts["count"])
        ws.write_number(r, 5, staff.refunded_fen / 100, fmts[YUAN])
        if staff.median_response_ms is not None:
            ws.write_number(r, 6, round(staff.median_response_ms / 60_000, 1), fmts["minutes_unit"])
        if staff.sla_rate is not None:
            ws.write_number(r, 7, staff.sla_rate, fmts["ratio"])
        r += 1
    r = _conversation_staff(ws, r + 1, k, lang, fmts)
    r += 1
    ws.write_string(r, 0, L.word("rows_note", lang).format(n=len(k.rows)) + f" → {data_name}", fmts["note"])


def _write_line(ws: Worksheet, r: int, line: Any, fmts: dict[str, Any]) -> None:
    ws.write_string(r, 0, line.label)
    if line.number is None:
        ws.write_string(r, 1, "—")
    else:
        ws.write_number(r, 1, line.number, fmts[line.kind] if line.kind != "minutes" else fmts["minutes_unit"])


def _conversation(ws: Worksheet, r: int, k: Kpis, lang: str, fmts: dict[str, Any]) -> int:
    """The after-sale conversation block under the KPIs (or one line saying there was none)."""
    ws.write_string(r, 0, L.word("conv_section", lang), fmts["head"])
    ws.write_string(r, 1, L.word("value", lang), fmts["head"])
    r += 1
    lines = conversation_lines(k.conversation, lang)
    if not lines:
        ws.write_string(r, 0, L.word("conv_none", lang), fmts["note"])
        return r + 2
    for line in lines:
        _write_line(ws, r, line, fmts)
        r += 1
    if k.filter.action or k.filter.decided_by or k.filter.reason_code:
        ws.write_string(r, 0, L.word("conv_filters_note", lang), fmts["note"])
        r += 1
    return r + 1


def _conversation_staff(ws: Worksheet, r: int, k: Kpis, lang: str, fmts: dict[str, Any]) -> int:
    """After-sale conversation by staff member: typed numbers, like the decisions-by-staff table."""
    if not k.conversation_by_staff:
        return r
    ws.write_string(r, 0, L.word("conv_staff_table", lang), fmts["bold"])
    r += 1
    ws.write_string(r, 0, L.word("staff", lang), fmts["head"])
    for j, (key, _value) in enumerate(CONVERSATION_STAFF_COLUMNS, 1):
        ws.write_string(r, j, L.word(key, lang), fmts["head"])
    r += 1
    for line in k.conversation_by_staff:
        c = line.kpis
        ws.write_string(r, 0, inert(f"{line.name} ({line.staff_id})"))
        numbers: list[tuple[float | None, str]] = [
            (c.proposals, "count"), (c.accepted, "count"), (c.declined, "count"), (c.expired, "count"),
            (c.kept_fen / 100, YUAN), (c.asked_fen / 100, YUAN), (c.extensions, "count")]
        for j, (n, kind) in enumerate(numbers, 1):
            ws.write_number(r, j, n, fmts[kind])
        ws.write_string(r, 8, f"{c.answered_in_time}/{c.answered_requests}")
        if c.median_answer_minutes is not None:
            ws.write_number(r, 9, c.median_answer_minutes, fmts["minutes_unit"])
        r += 1
    return r


def _data(ws: Worksheet, k: Kpis, lang: str, fmts: dict[str, Any], ticker: Ticker) -> None:
    serial = _Serial(k.filter.tz)
    for j, c in enumerate(COLUMNS):
        ws.set_column(j, j, c.width)
    for j, h in enumerate(headers(lang)):
        ws.write_string(0, j, h, fmts["head"])
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(len(k.rows), 1), len(COLUMNS) - 1)
    plan = [(j, c.value, c.kind) for j, c in enumerate(COLUMNS)]
    f_yuan, f_time, f_min, f_count = fmts[YUAN], fmts[TIME], fmts[MINUTES], fmts["count"]
    write_string, write_number = ws.write_string, ws.write_number
    for i, r in enumerate(k.rows, 1):
        for j, value, kind in plan:
            v = value(r, lang)
            if v is None or v == "":
                continue
            if kind == TEXT:
                write_string(i, j, inert(v))
            elif kind == COUNT:
                write_number(i, j, v, f_count)
            elif kind == YUAN:
                write_number(i, j, v / 100, f_yuan)
            elif kind == TIME:
                write_number(i, j, serial(v), f_time)
            else:
                write_number(i, j, v, f_min)
        if i % TICK == 0:
            ticker.check(i)
    ticker.check(len(k.rows))


def utc_serial(ms: int) -> float:
    """Excel serial of an epoch-ms instant in UTC (for tests and tools that want UTC)."""
    return _Serial(UTC)(ms)
