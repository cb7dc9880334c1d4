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


def test_the_gui_and_the_command_line_record_through_the_workbench():
    """Actions are validated and recorded by merchant_console.workbench only (one function each), and a
    session's engine is built there: the GUI and the command line only call it (tests/workbench checks
    that both doors record the same rows)."""
    import re
    recording = re.compile(r"\b(outbox\.record_\w+|conversation\.record_\w+|validate_decision|validate_proposal|"
                           r"risk\.add_flag|risk\.clear_flag|templates\.(save|remove|move|import_json)|SyncEngine)\(")
    doors = [*(ROOT / "merchant_console" / "gui").rglob("*.py"), ROOT / "merchant_console" / "cli.py"]
    offenders = [f"{p.relative_to(ROOT)}:{n}" for p in doors
                 for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if recording.search(line)]
    assert offenders == []
