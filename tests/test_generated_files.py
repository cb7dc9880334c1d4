"""Forms and translations that ship are exactly what their sources compile to."""

import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_forms_and_translations_are_fresh_and_complete():
    build_ui = runpy.run_path(str(ROOT / "packaging" / "build_ui.py"))
    assert build_ui["build"](check=True) == []
