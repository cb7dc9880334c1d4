"""The PDF report: its Chinese font travels inside the file, every glyph it draws exists, and it lists the rows."""

from __future__ import annotations

import pypdf
import pytest
from merchant_console.resources import FONTS, REPORT_FONT
from reportlab.pdfbase.ttfonts import TTFontFile

from merchant_console.reports.export import build, export
from merchant_console.reports.query import ReportFilter
from merchant_console.store.engine import Database
from tests.factories import T0
from tests.reports.test_kpis_and_exports import CHINA, DAY, decided, fixture_docs, load


@pytest.fixture
def db(tmp_path):
    d = Database(tmp_path / "c.db")
    yield d
    d.close()


def pdf_fonts(path) -> list[tuple[str, bool]]:
    """(base font name, embedded?) of every font the pages use, as `pdffonts` lists them."""
    out = []
    for page in pypdf.PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            desc = font.get("/FontDescriptor")
            if desc is None and "/DescendantFonts" in font:
                desc = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else {}
            embedded = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            out.append((str(font["/BaseFont"]), embedded))
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_font_is_embedded_and_every_character_has_a_glyph(db, tmp_path, lang):
    load(db, fixture_docs())
    out = tmp_path / "r.pdf"
    export(db, ReportFilter(DAY, DAY, tz=CHINA), "pdf", out, actor="s_2", role="manager", at_ms=T0, lang=lang)
    fonts = pdf_fonts(out)
    assert fonts and all(embedded for _, embedded in fonts), fonts       # `pdffonts`: emb yes, every line
    assert any("WenQuanYi" in name for name, _ in fonts)
    text = "".join(p.extract_text() for p in pypdf.PdfReader(out).pages)
    assert "\ufffd" not in text
    cmap = TTFontFile(str(REPORT_FONT)).charToGlyph
    missing = sorted({c for c in text if not c.isspace() and ord(c) not in cmap})
    assert missing == []    # nothing drawn as a box or "�" (the header's "·" was one)
    assert "·" in text


def test_the_font_ships_with_its_licence_and_is_small():
    assert REPORT_FONT.stat().st_size < 3_000_000
    licence = (FONTS / "LICENSE.md").read_text(encoding="utf-8")
    assert "Apache License 2.0" in licence and REPORT_FONT.name in licence
    assert "Apache License" in (FONTS / "LICENSE-Apache-2.0.txt").read_text(encoding="utf-8")
    cmap = TTFontFile(str(REPORT_FONT)).charToGlyph
    for c in "退款处理报表按剩余价值卡密已激活¥，。：（）·–—…“”":     # GB2312 and the punctuation the report uses
        assert ord(c) in cmap, c


def test_the_pdf_lists_every_decision_row(db, tmp_path):
    docs = fixture_docs() + [decided(300 + i, "approve", minutes=3, staff=("s_9", "阿强")) for i in range(120)]
    load(db, docs)
    f = ReportFilter(DAY, DAY, tz=CHINA)
    k = build(db, f)
    out = tmp_path / "r.pdf"
    assert export(db, f, "pdf", out, actor="s_2", role="manager", at_ms=T0, lang="zh").rows == len(k.rows) == 125
    reader = pypdf.PdfReader(out)
    text = "".join(p.extract_text() for p in reader.pages)
    for r in k.rows:
        assert r.order_no in text, r.order_no
    assert "明细（125条）" in text and "阿强" in text and "小李" in text
    assert len(reader.pages) >= 4     # 125 rows do not fit on the summary page
