"""Compile Qt Designer forms and translations.

    python packaging/build_ui.py          ui/*.ui -> merchant_console/gui/forms/ui_*.py,
                                          resources/translations/*.ts -> *.qm
    python packaging/build_ui.py --check  exit 1 and name every generated file that is stale,
                                          and every translation left unfinished
    python packaging/build_ui.py --update run lupdate: collect new strings into each area's .ts
                                          (console, evidence, reports), then translate them

resources/translations/words_zh_CN.ts is not collected by lupdate: it is written from
merchant_console.core.words (the one table of bilingual words below the GUI), which gui.words
translates through Qt.

The generated modules and .qm files are committed; tests run the check so a form or a
translation can never drift from what ships.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
UI_DIR = ROOT / "ui"
FORMS_DIR = ROOT / "merchant_console" / "gui" / "forms"
TS_DIR = ROOT / "resources" / "translations"
# uic stamps its version in a comment block; the code below it is what matters
_HEADER = re.compile(r"^#{10,}\n(?:#.*\n)*?#{10,}\n", re.M)


def tool(name: str) -> str:
    """A PySide6 tool from the running interpreter's environment (pyside6-uic, pyside6-lrelease)."""
    here = Path(sys.executable).parent
    for candidate in (here / name, here / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6-Essentials into this environment")
    return found


def compile_form(ui: Path) -> str:
    out = subprocess.run([tool("pyside6-uic"), str(ui)], capture_output=True, text=True, check=True).stdout
    return out


def normalised(code: str) -> str:
    return _HEADER.sub("", code, count=1).strip() + "\n"


def form_target(ui: Path) -> Path:
    return FORMS_DIR / f"ui_{ui.stem}.py"


def compile_translation(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def unfinished(ts: Path) -> list[str]:
    """Source texts of entries a translator has not finished (empty or marked unfinished)."""
    out = []
    for msg in ET.parse(ts).getroot().iter("message"):
        tr = msg.find("translation")
        if tr is None or tr.get("type") in ("obsolete", "vanished"):
            continue
        text = (tr.text or "").strip() or any((n.text or "").strip() for n in tr.iter("numerusform"))
        if tr.get("type") == "unfinished" or not text:
            out.append((msg.findtext("source") or "")[:60])
    return out


GUI_DIR = ROOT / "merchant_console" / "gui"
AREAS = ("evidence", "reports", "conversation")  # gui/<area>_*.py and ui/<area>_*.ui; the rest is "console"


def area_sources(area: str) -> list[Path]:
    def in_area(p: Path) -> bool:
        owner = next((a for a in AREAS if p.name.startswith(a + "_")), "console")
        return owner == area
    return sorted(p for p in [*GUI_DIR.glob("*.py"), *UI_DIR.glob("*.ui")] if in_area(p))


WORDS_TS = TS_DIR / "words_zh_CN.ts"


def words_ts() -> str:
    """The "Words" context of core.words.TABLES: English source, Chinese translation, the table's
    name as Qt's disambiguation (so one English word can have two Chinese ones)."""
    sys.path.insert(0, str(ROOT))
    try:
        from merchant_console.core.words import TABLES
    finally:
        sys.path.remove(str(ROOT))
    lines = ["<?xml version='1.0' encoding='utf-8'?>", "<!DOCTYPE TS>",
             '<TS version="2.1" language="zh_CN" sourcelanguage="en">',
             "<!-- written by packaging/build_ui.py from merchant_console/core/words.py: edit that, not this -->",
             "<context>", "    <name>Words</name>"]
    for table, pairs in TABLES.items():
        seen: dict[str, str] = {}
        for code, (zh, en) in pairs.items():
            if seen.setdefault(en, zh) != zh:
                raise SystemExit(f"core.words: {table} says {en!r} as both {seen[en]!r} and {zh!r} ({code})")
        for en, zh in seen.items():
            lines += ["    <message>", f"        <source>{escape(en)}</source>",
                      f"        <comment>{escape(table)}</comment>",
                      f"        <translation>{escape(zh)}</translation>", "    </message>"]
    lines += ["</context>", "</TS>", ""]
    return "\n".join(lines)


def update_sources() -> None:
    for ts in sorted(TS_DIR.glob("*_zh_CN.ts")):
        area = ts.name.removesuffix("_zh_CN.ts")
        if ts == WORDS_TS:
            continue
        subprocess.run([tool("pyside6-lupdate"), *map(str, area_sources(area)), "-ts", str(ts), "-no-obsolete",
                        "-source-language", "en", "-target-language", "zh_CN"], check=True)


def build(check: bool) -> list[str]:
    problems = []
    for ui in sorted(UI_DIR.glob("*.ui")):
        target, code = form_target(ui), compile_form(ui)
        if check:
            if not target.exists() or normalised(target.read_text(encoding="utf-8")) != normalised(code):
                problems.append(f"{target.relative_to(ROOT)} is stale: run packaging/build_ui.py")
        else:
            target.write_text(code, encoding="utf-8")
    for ui_module in sorted(FORMS_DIR.glob("ui_*.py")):
        if not (UI_DIR / f"{ui_module.stem[3:]}.ui").exists():
            problems.append(f"{ui_module.relative_to(ROOT)} has no ui/{ui_module.stem[3:]}.ui")
    words = words_ts()
    if check:
        if not WORDS_TS.exists() or WORDS_TS.read_text(encoding="utf-8") != words:
            problems.append(f"{WORDS_TS.relative_to(ROOT)} differs from merchant_console/core/words.py: "
                            "run packaging/build_ui.py")
    else:
        WORDS_TS.write_text(words, encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        for ts in sorted(TS_DIR.glob("*.ts")):
            qm = ts.with_suffix(".qm")
            for source in unfinished(ts):
                problems.append(f"{ts.relative_to(ROOT)}: unfinished translation of {source!r}")
            if check:
                fresh = Path(tmp) / qm.name
                compile_translation(ts, fresh)
                if not qm.exists() or qm.read_bytes() != fresh.read_bytes():
                    problems.append(f"{qm.relative_to(ROOT)} is older than its .ts: run packaging/build_ui.py")
            else:
                compile_translation(ts, qm)
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="report stale generated files instead of writing")
    parser.add_argument("--update", action="store_true", help="collect new strings into the .ts files first")
    args = parser.parse_args(argv)
    if args.update:
        update_sources()
    problems = build(args.check)
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
