"""Words of the exported reports: durations carry their unit, Chinese text has Chinese punctuation."""

from __future__ import annotations

import openpyxl
import pytest

from merchant_console.reports import labels as L
from merchant_console.reports.export import export
from merchant_console.reports.query import ReportFilter
from merchant_console.store.engine import Database
from tests.factories import T0
from tests.reports.test_kpis_and_exports import CHINA, DAY, fixture_docs, load


@pytest.fixture
def db(tmp_path):
    d = Database(tmp_path / "c.db")
    yield d
    d.close()


@pytest.mark.parametrize(("lang", "unit"), [("zh", "分钟"), ("en", "min")])
def test_xlsx_response_times_say_their_unit(db, tmp_path, lang, unit):
    load(db, fixture_docs())
    out = tmp_path / "r.xlsx"
    export(db, ReportFilter(DAY, DAY, tz=CHINA), "xlsx", out, actor="s_2", role="manager", at_ms=T0, lang=lang)
    summary = openpyxl.load_workbook(out).worksheets[0]
    median = L.word("median", lang)
    cells = [row for row in summary.iter_rows() if row[0].value == median]
    assert cells, "the summary lists the median response time"
    value = cells[0][1]
    assert value.value == 30 and unit in value.number_format      # "Median response time 30 min", not "30"
    headers = [row for row in summary.iter_rows() if row[0].value == L.word("staff", lang)][0]
    col = [c.value for c in headers].index(median)
    staff_rows = summary.iter_rows(min_row=headers[0].row + 1, max_row=headers[0].row + 2)
    assert all(unit in r[col].number_format for r in staff_rows if isinstance(r[col].value, float | int))


def test_chinese_report_words_use_chinese_punctuation():
    for key, (zh, _en) in L.WORDS.items():
        for ascii_mark in ("(", ")", ",", ":", ";"):
            assert ascii_mark not in zh, (key, zh)
    assert L.labelled("统计周期", "2026-11-21", "zh") == "统计周期：2026-11-21"
    assert L.labelled("Period", "2026-11-21", "en") == "Period: 2026-11-21"


def test_a_staff_filter_names_the_person(db, tmp_path):
    import pypdf
    load(db, fixture_docs())
    out = tmp_path / "r.pdf"
    export(db, ReportFilter(DAY, DAY, tz=CHINA, staff_id="s_3"), "pdf", out, actor="s_2", role="manager",
           at_ms=T0, lang="zh")
    text = pypdf.PdfReader(out).pages[0].extract_text()
    assert "筛选条件：员工：小李（s_3）" in text, text[:200]
