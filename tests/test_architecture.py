"""The layering rules of architecture.md, enforced by import-linter's contracts in pyproject.toml."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_hold():
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    assert exe, "import-linter is a test dependency"
    result = subprocess.run([exe, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_pyside_outside_gui():
    offenders = [p for p in (ROOT / "merchant_console").rglob("*.py")
                 if "gui" not in p.relative_to(ROOT).parts and "PySide6" in p.read_text(encoding="utf-8")]
    assert offenders == []
