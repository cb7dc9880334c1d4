"""Build Merchant Console for this computer's OS: forms and translations, the PyInstaller app, the installer.

    python packaging/build.py                 build_ui.py, PyInstaller, then the installer:
                                              Windows  dist/MerchantConsole-<version>-setup.exe (Inno Setup)
                                              macOS    dist/MerchantConsole-<version>.dmg
                                              Linux    dist/MerchantConsole-<version>-linux-<arch>.tar.gz
    python packaging/build.py --smoke         ... and run the built app's --self-test
    options: --no-installer, --skip-ui (use the committed generated files as they are), --clean,
             --dist DIR / --work DIR (default dist/ and build/pyinstaller/ in the checkout)

Needs the project installed with the packaging extra: `pip install -e ".[packaging]"`.
Windows also needs Inno Setup 6 (`iscc` on PATH or in its default folder); macOS uses hdiutil.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SPEC = HERE / "merchant_console.spec"
APP_NAME = "MerchantConsole"


def version() -> str:
    text = (ROOT / "merchant_console" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'__version__ = "([^"]+)"', text).group(1)


def run(cmd: list[str], **kw) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, **kw)


def app_executable(dist: Path) -> Path:
    """The built app's command-line executable (the one with a console on Windows)."""
    if sys.platform == "darwin":
        return dist / f"{APP_NAME}.app" / "Contents" / "MacOS" / APP_NAME
    if sys.platform == "win32":
        return dist / APP_NAME / "merchant-console.exe"
    return dist / APP_NAME / "merchant-console"


def gui_executable(dist: Path) -> Path:
    """The desktop app's own executable: windowed on Windows and macOS (no stdout, no stderr)."""
    if sys.platform == "win32":
        return dist / APP_NAME / f"{APP_NAME}.exe"
    return app_executable(dist)


def build_app(dist: Path, work: Path, *, clean: bool = False) -> Path:
    run([sys.executable, "-m", "PyInstaller", "--noconfirm", *(["--clean"] if clean else []),
         "--distpath", dist, "--workpath", work, SPEC])
    exe = app_executable(dist)
    if not exe.exists():
        raise SystemExit(f"PyInstaller finished but {exe} is missing")
    return exe


def find_iscc() -> str:
    found = shutil.which("iscc") or shutil.which("ISCC")
    if found:
        return found
    for base in (os.environ.get("ProgramFiles(x86)"), os.environ.get("ProgramFiles"),
                 os.path.join(os.environ.get("LOCALAPPDATA", ""), "Programs")):
        if base and (Path(base) / "Inno Setup 6" / "ISCC.exe").exists():
            return str(Path(base) / "Inno Setup 6" / "ISCC.exe")
    raise SystemExit("Inno Setup 6 not found: install it (https://jrsoftware.org/isinfo.php, or "
                     "`choco install innosetup`) or pass --no-installer")


def build_installer(dist: Path) -> Path:
    v = version()
    if sys.platform == "win32":
        run([find_iscc(), f"/DAppVersion={v}", f"/DSourceDir={dist / APP_NAME}", f"/DOutputDir={dist}",
             f"/DIconFile={ROOT / 'resources' / 'icons' / 'app.ico'}", HERE / "windows" / "merchant_console.iss"])
        out = dist / f"{APP_NAME}-{v}-setup.exe"
    elif sys.platform == "darwin":
        out = dist / f"{APP_NAME}-{v}.dmg"
        run(["bash", HERE / "macos" / "make_dmg.sh", dist / f"{APP_NAME}.app", out])
    else:
        out = dist / f"{APP_NAME}-{v}-linux-{platform.machine()}.tar.gz"
        with tarfile.open(out, "w:gz") as tar:
            tar.add(dist / APP_NAME, arcname=f"{APP_NAME}-{v}")
    if not out.exists():
        raise SystemExit(f"the installer {out} was not made")
    print(f"installer: {out} ({out.stat().st_size / 1e6:.1f} MB)")
    return out


def smoke(exe: Path) -> None:
    """Run the built app's self-test in a throwaway data folder; fail the build when it fails."""
    env = dict(os.environ)
    if sys.platform.startswith("linux"):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    run([exe, "--self-test"], env=env, timeout=300)
    gui = gui_executable(exe.parents[3] if sys.platform == "darwin" else exe.parents[1])
    if gui != exe:   # the windowed one has no console to print to: its report goes to the log file
        run([gui, "--self-test"], env=env, timeout=300)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (default: dist/)")
    p.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller", help="PyInstaller's work folder")
    p.add_argument("--skip-ui", action="store_true", help="do not regenerate forms and translations first")
    p.add_argument("--no-installer", action="store_true", help="stop after the one-folder app")
    p.add_argument("--smoke", action="store_true", help="run the built app's --self-test")
    p.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first (release builds)")
    args = p.parse_args(argv)
    dist, work = args.dist.resolve(), args.work.resolve()
    if not args.skip_ui:
        run([sys.executable, HERE / "build_ui.py"])
    exe = build_app(dist, work, clean=args.clean)
    print(f"app: {exe}")
    if args.smoke:
        smoke(exe)
    if not args.no_installer:
        build_installer(dist)
    return 0


if __name__ == "__main__":
    sys.exit(main())
