"""The PyInstaller app builds, and the frozen app passes its own --self-test offscreen.

    .venv/bin/python -m pip install -e ".[test,packaging]"
    .venv/bin/python -m pytest tests/packaging -m packaging -s

Builds the one-folder app into a temporary folder (a few minutes; PyInstaller caches between runs).
"""

from __future__ import annotations

import os
import re
import runpy
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.demo_folder import demo_refunds

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.packaging, pytest.mark.timeout(900)]


def _folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    """Build once for the module; returns the app's command-line executable."""
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        pytest.fail('PyInstaller is missing: pip install -e ".[packaging]"')
    out = tmp_path_factory.mktemp("bundle")
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "build.py"), "--skip-ui", "--no-installer",
         "--dist", str(out / "dist"), "--work", str(out / "work")],
        cwd=ROOT, capture_output=True, text=True, timeout=780)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-6000:]
    build_s = time.monotonic() - started
    exe = runpy.run_path(str(ROOT / "packaging" / "build.py"))["app_executable"](out / "dist")
    app_folder = exe.parents[2] if sys.platform == "darwin" else exe.parent
    print(f"\nbuilt {app_folder} in {build_s:.0f} s: {_folder_size(app_folder) / 1e6:.0f} MB")
    return exe


def _internal(exe: Path) -> Path:
    if sys.platform == "darwin":
        return exe.parents[1] / "Resources"  # PyInstaller puts data files there (linked from Frameworks)
    return exe.parent / "_internal"


def test_bundle_holds_data_files_that_are_loaded_by_path(bundle):
    inside = _internal(bundle)
    versions = sorted(p.name for p in (ROOT / "merchant_console/store/migrations/versions").glob("*.py"))
    migrations = inside / "merchant_console/store/migrations"
    assert (migrations / "env.py").is_file() and (migrations / "script.py.mako").is_file()
    assert sorted(p.name for p in (migrations / "versions").glob("*.py")) == versions
    resources = inside / "merchant_console/resources"
    for qm in (ROOT / "resources/translations").glob("*.qm"):
        assert (resources / "translations" / qm.name).read_bytes() == qm.read_bytes()
    assert (resources / "icons/app-256.png").is_file()
    assert list(inside.rglob("qtbase_zh_CN.qm")), "Qt's own Chinese translation is missing"


def test_frozen_app_passes_its_self_test_offscreen(bundle, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MERCHANT_CONSOLE_DATA=str(tmp_path / "data"),
               LANG="C.UTF-8")
    env.pop("MERCHANT_CONSOLE_READ_TEXT", None)   # the frozen reader (models, onnxruntime) is checked too
    started = time.monotonic()
    result = subprocess.run([str(bundle), "--self-test"], env=env, capture_output=True, text=True,
                            encoding="utf-8", errors="replace", timeout=300)
    took = time.monotonic() - started
    out = result.stdout
    print(f"\n{out}(self-test took {took:.1f} s)")
    assert result.returncode == 0, out + result.stderr[-6000:]
    assert "skipped" not in out, out
    assert "(frozen bundle," in out, ("the bundle's --self-test is not the full one: point cli.py's --self-test "
                                      "at merchant_console.gui.selftest.run_self_test\n" + out)
    lines = {m.group(1): m.group(2) for m in re.finditer(r"^ok    (\w+): (.*)$", out, re.M)}
    for check in ("resources", "forms", "styles", "icons", "translations", "database", "sandbox", "reports"):
        assert check in lines, f"the self-test did not pass {check!r}:\n{out}"
    forms = sorted(p.stem for p in (ROOT / "ui").glob("*.ui"))
    assert lines["forms"].startswith(f"{len(forms)}: "), lines["forms"]
    assert "'Needs decision' -> 待处理" in lines["translations"] and "-> 取消" in lines["translations"]
    versions = list((ROOT / "merchant_console/store/migrations/versions").glob("*.py"))
    assert lines["database"].startswith(f"{len(versions)} migrations to head"), lines["database"]
    assert lines["sandbox"].startswith("25 refunds"), lines["sandbox"]
    assert out.rstrip().splitlines()[-1].startswith("self-test ok")


def _gui(bundle: Path) -> Path:
    return runpy.run_path(str(ROOT / "packaging" / "build.py"))["gui_executable"](bundle.parents[3] if
                                                                                  sys.platform == "darwin"
                                                                                  else bundle.parents[1])


def _windowed() -> dict:
    """Run as a windowed executable runs: no stdout and no stderr (on Windows the GUI .exe has none)."""
    if sys.platform == "win32":
        return {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}

    def close_console() -> None:
        os.close(1)
        os.close(2)

    return {"preexec_fn": close_console}


def test_frozen_gui_entry_passes_its_self_test_without_a_console(bundle, tmp_path):
    """The GUI executable's --self-test, with no stdout/stderr: its report goes to the log file."""
    data = tmp_path / "data"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MERCHANT_CONSOLE_DATA=str(data), LANG="C.UTF-8")
    result = subprocess.run([str(_gui(bundle)), "--self-test"], env=env, stdin=subprocess.DEVNULL, timeout=300,
                            **_windowed())
    report = (data / "logs" / "merchant-console.log").read_text(encoding="utf-8", errors="replace")
    print(f"\n{report}")
    assert result.returncode == 0, report[-6000:]
    assert "ok    sandbox:" in report and "self-test ok" in report


def test_frozen_gui_entry_starts_the_demo_without_a_console(bundle, tmp_path):
    """The desktop app itself comes up on the demo (platform, main window, first sync) with no stdout/stderr,
    keeps running, and closes cleanly when asked. Waits for the demo's refunds, not for a fixed time."""
    data = tmp_path / "data"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MERCHANT_CONSOLE_DATA=str(data), LANG="C.UTF-8")
    proc = subprocess.Popen([str(_gui(bundle)), "--demo"], env=env, stdin=subprocess.DEVNULL, **_windowed())
    started = time.monotonic()
    try:
        while demo_refunds(data) == 0:
            assert proc.poll() is None, f"the demo exited early with {proc.returncode}"
            assert time.monotonic() - started < 300, "the demo synced no refund within 300 s"
            time.sleep(0.2)
        print(f"\nfirst refunds in the frozen demo's database after {time.monotonic() - started:.1f} s")
        assert proc.poll() is None
        proc.terminate()
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    log = data / "logs" / "merchant-console.log"
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    assert "Traceback" not in text, text[-6000:]
    if sys.platform != "win32":
        assert proc.returncode == 0, text[-6000:]   # SIGTERM closes the console as Quit does
