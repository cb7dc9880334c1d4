"""Make resources/fonts/WenQuanYiMicroHei-GB2312.ttf, the PDF report's embedded CJK font (run once, by hand).

The source is WenQuanYi Micro Hei (Apache-2.0, Debian's fonts-wqy-microhei): TrueType outlines,
which reportlab can embed (the Noto/Source Han CJK fonts are CFF, which it cannot). The whole font is
5 MB; the report needs GB2312's 7 445 characters (every common simplified character), ASCII and
Latin-1, and the punctuation and symbols Chinese and English text use, so the subset keeps those.
Characters outside it (a rare one in a product name) are drawn by reportlab as a box, never as "�".

    pip install fonttools   # a tool for this script only, not a dependency of the console
    python packaging/subset_font.py /usr/share/fonts/truetype/wqy/wqy-microhei.ttc
"""

from __future__ import annotations

import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "resources" / "fonts" / "WenQuanYiMicroHei-GB2312.ttf"


def gb2312() -> set[int]:
    chars = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(ord(bytes((hi, lo)).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return chars


def wanted() -> set[int]:
    ranges = [(0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x20A0, 0x20CF), (0x2100, 0x214F),
              (0x2190, 0x21FF), (0x2200, 0x22FF), (0x2460, 0x24FF), (0x2500, 0x257F), (0x25A0, 0x25FF),
              (0x3000, 0x303F), (0xFF00, 0xFFEF)]
    return gb2312() | {c for a, b in ranges for c in range(a, b + 1)}


def main(source: str) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTCollection

    font = TTCollection(source).fonts[0]   # the proportional face (1 is the monospaced one)
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    sub = subset.Subsetter(options)
    sub.populate(unicodes=wanted() & set(font.getBestCmap()))
    sub.subset(font)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    font.save(OUT)
    print(f"{OUT}: {OUT.stat().st_size:,} bytes, {len(font.getBestCmap()):,} characters")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
