"""The installation self-test (`merchant-console --self-test`): everything a shipped build needs, offscreen.

Each check prints one line (`ok    <check>: <what was seen>` or `FAIL  <check>: <why>`) and the last
line is `self-test ok` or `self-test FAILED`. Nothing is shown on screen and nothing outside a
throwaway folder is written; the system keychain is only asked which backend it is.

It runs the same from a source checkout and from the frozen bundle (PyInstaller), where it is the
smoke test of the build: a missing form, stylesheet, icon, translation, image plugin, migration
file or hidden import fails here rather than on a merchant's computer.
"""

from __future__ import annotations

import logging
import os
import pkgutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from .. import __version__

OK, FAILED = 0, 1
# one string each from our own catalogue and from Qt's; both must come out in Chinese
KNOWN_ZH = (("MainWindow", "Needs decision", "待处理"),)
KNOWN_QTBASE_ZH = (("QPlatformTheme", "Cancel", "取消"),)
SANDBOX_REFUNDS = 25


class CheckFailed(Exception):
    """A check saw something wrong; the message says what."""


def _say(line: str) -> None:
    """Print even where the console cannot show Chinese (a Windows pipe in a legacy code page)."""
    stream = sys.stdout
    if stream is None:  # a windowed executable on Windows has no console
        return
    try:
        stream.write(line + "\n")
    except UnicodeEncodeError:
        stream.write(line.encode("ascii", "backslashreplace").decode("ascii") + "\n")
    stream.flush()


def _qt():
    """The Qt classes the checks use (imported late: the Qt-free checks run without them)."""
    from types import SimpleNamespace

    from PySide6.QtCore import QSize
    from PySide6.QtGui import QIcon, QPixmap
    from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QWidget
    return SimpleNamespace(QApplication=QApplication, QDialog=QDialog, QMainWindow=QMainWindow, QWidget=QWidget,
                           QPixmap=QPixmap, QIcon=QIcon, QSize=QSize)


# --- checks without Qt ---------------------------------------------------------------------

def check_resources() -> str:
    from ..resources import ICONS, STYLES, TEMPLATES, TRANSLATIONS
    styles = sorted(p.name for p in STYLES.glob("*.qss"))
    if not any(s.endswith("-common.qss") for s in styles):
        raise CheckFailed(f"no common stylesheet in {STYLES}")
    templates = sorted(TEMPLATES.glob("*.json"))
    if not templates:
        raise CheckFailed(f"no default reason templates in {TEMPLATES}")
    import json
    for t in templates:
        json.loads(t.read_text(encoding="utf-8"))
    icons = sorted(p.name for p in ICONS.iterdir() if p.suffix in (".png", ".svg", ".ico", ".icns"))
    if "app-256.png" not in icons:
        raise CheckFailed(f"the app icon is missing from {ICONS}")
    qms = sorted(p.name for p in TRANSLATIONS.glob("*.qm"))
    if not qms:
        raise CheckFailed(f"no compiled translations (*.qm) in {TRANSLATIONS}")
    return f"{len(styles)} stylesheets, {len(templates)} template file(s), {len(icons)} icon files, {len(qms)} .qm"


def check_database(folder: Path) -> str:
    from alembic.script import ScriptDirectory
    from sqlalchemy import text

    from ..store.engine import MIGRATIONS, Database, alembic_config
    versions = sorted(p.name for p in (MIGRATIONS / "versions").glob("*.py"))
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    db = Database(folder / "migrations.db")
    try:
        with db.read() as conn:
            current = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
            tables = conn.execute(text("SELECT count(*) FROM sqlite_master WHERE type = 'table'")).scalar_one()
        integrity = db.integrity_check()
    finally:
        db.close()
    if sorted(current) != sorted(heads):
        raise CheckFailed(f"migrated to {current}, but the newest migration is {heads}")
    if integrity != "ok":
        raise CheckFailed(f"integrity check: {integrity}")
    return f"{len(versions)} migrations to head {', '.join(heads)}, {tables} tables, integrity ok"


def check_sandbox_and_sync(folder: Path) -> str:
    from sqlalchemy import text

    from ..platform.client import PlatformClient
    from ..sandbox import Sandbox, SandboxConfig
    from ..store import audit
    from ..store.engine import Database
    from ..store.location import Profile
    from ..workbench.session import Session, open_engine

    db = Database(folder / "console.db")
    try:
        with Sandbox(SandboxConfig(refunds=SANDBOX_REFUNDS, seed=7, images="small", ticker=False)) as sb:
            with PlatformClient(sb.url, sb.tokens["operator"]) as client:
                # a session as the console opens one: its one evidence cache and processor, its engine
                session = Session(Profile("self-test", sb.url, "", "", "", "", "operator"), db, folder, client)
                report = open_engine(session).sync_once()
        with db.read() as conn:
            chain = audit.verify(conn)
            decoded = conn.execute(text("SELECT count(*) FROM evidence_facts WHERE broken IS NULL")).scalar_one()
        integrity = db.integrity_check()
    finally:
        db.close()
    if report.refunds != SANDBOX_REFUNDS:
        raise CheckFailed(f"synced {report.refunds} refunds, expected {SANDBOX_REFUNDS}")
    if integrity != "ok" or not chain.ok:
        raise CheckFailed(f"after the sync: integrity {integrity}, audit chain {'ok' if chain.ok else 'broken'}")
    if report.evidence_fetched and not decoded:
        raise CheckFailed(f"{report.evidence_fetched} evidence images fetched but none decoded")
    return (f"{report.refunds} refunds in {report.pages} page(s), {report.evidence_fetched} evidence images "
            f"({decoded} decoded), audit chain ok")


def check_reports(folder: Path) -> str:
    from ..reports.export import build
    from ..reports.pdf_export import write_pdf
    from ..reports.query import ReportFilter
    from ..reports.xlsx_export import write_xlsx
    from ..store.engine import Database

    db = Database(folder / "console.db")
    try:
        today = date.today()
        k = build(db, ReportFilter(today - timedelta(days=400), today + timedelta(days=1)))
    finally:
        db.close()
    sizes = []
    for name, writer in (("report.xlsx", write_xlsx), ("report.pdf", write_pdf)):
        target = folder / name
        writer(k, target, lang="zh")
        if not target.exists() or target.stat().st_size == 0:
            raise CheckFailed(f"{name} was not written")
        sizes.append(f"{name} {target.stat().st_size // 1024} KB")
    return f"{len(k.rows)} decision rows; " + ", ".join(sizes)


def check_reading(folder: Path) -> str:
    """The reading worker (a child process: the frozen app runs itself as `read-text`) reads one image."""
    if os.environ.get("MERCHANT_CONSOLE_READ_TEXT", "1") == "0":
        # switched off, as the console would be (the test suite does: loading the models alone takes seconds)
        return "skipped: text reading is off (MERCHANT_CONSOLE_READ_TEXT=0)"
    from PIL import Image, ImageDraw, ImageFont

    from ..evidence.text_worker import ReadingWorker
    from ..resources import REPORT_FONT
    img = Image.new("RGB", (720, 100), (250, 250, 250))
    ImageDraw.Draw(img).text((20, 25), "订单号 KM20261121093012345", fill=(20, 20, 20),
                             font=ImageFont.truetype(str(REPORT_FONT), 36))
    path = folder / "reading.png"
    img.save(path)
    worker = ReadingWorker()
    try:
        ans = worker.read(path)
    finally:
        worker.close()
    text = "".join(str(ln.get("text", "")) for ln in ans.get("lines") or []).replace(" ", "")
    if "KM20261121093012345" not in text:
        raise CheckFailed(f"read {text!r} ({ans.get('error', 'no error')})")
    return f"{worker.engine}: read the order number in {ans.get('seconds')} s"


def check_keychain() -> str:
    """Which keyring backend the build found (reported: a CI runner may have none)."""
    import keyring

    def name(b) -> str:
        return f"{type(b).__module__}.{type(b).__name__}"
    backend = keyring.get_keyring()
    chained = getattr(backend, "backends", None)  # keyring's ChainerBackend: name what it chains
    return name(backend) + (f" ({', '.join(name(b) for b in chained)})" if chained else "")


# --- checks with Qt ------------------------------------------------------------------------

def _application():
    qt = _qt()
    app = qt.QApplication.instance()
    if app is None:
        app = qt.QApplication([sys.argv[0] if sys.argv else "merchant-console"])
        app.setApplicationName("Merchant Console")
        app.setOrganizationName("MerchantConsole")
    return app


def check_translations() -> str:
    from ..resources import TRANSLATIONS
    from .i18n import install_translators
    app = _application()
    try:
        if install_translators(app, "zh_CN") != "zh_CN":
            raise CheckFailed("zh_CN is not a supported language")
        ours = len([qm for qm in TRANSLATIONS.glob("*_zh_CN.qm") if qm.stat().st_size > 0])
        seen = []
        for context, source, expected in KNOWN_ZH + KNOWN_QTBASE_ZH:
            got = app.translate(context, source)
            if got != expected:
                raise CheckFailed(f"{context} {source!r} translates to {got!r}, expected {expected!r}")
            seen.append(f"{source!r} -> {got}")
        from .words import word  # core.words through Qt (words_zh_CN.qm, disambiguated by table)
        got = word("refund_types", "other")
        if got != "其他原因":
            raise CheckFailed(f"Words 'Other' (refund_types) translates to {got!r}, expected '其他原因'")
        seen.append(f"'Other' (refund type) -> {got}")
        return f"zh_CN: {ours} catalogues + qtbase; " + "; ".join(seen)
    finally:
        install_translators(app, "en")


def check_forms() -> str:
    from . import forms
    qt = _qt()
    _application()
    names = sorted(m.name for m in pkgutil.iter_modules(forms.__path__) if m.name.startswith("ui_"))
    if not names:
        raise CheckFailed("no generated forms (gui/forms/ui_*.py) in this build")
    built = []
    for name in names:
        module = __import__(f"{forms.__name__}.{name}", fromlist=["_"])
        classes = [v for k, v in vars(module).items() if k.startswith("Ui_") and isinstance(v, type)]
        if not classes:
            raise CheckFailed(f"{name} defines no Ui_ class")
        # uic imports the form's top-level class: a main window or a dialog, else a plain widget
        base = getattr(module, "QMainWindow", None) or getattr(module, "QDialog", None) or qt.QWidget
        for cls in classes:
            widget = base()
            ui = cls()
            ui.setupUi(widget)
            if not widget.objectName():
                raise CheckFailed(f"{cls.__name__}.setupUi left the widget unnamed")
            built.append(cls.__name__)
            del ui, widget  # parentless: Python owns and destroys it
    return f"{len(built)}: " + ", ".join(built)


def check_styles() -> str:
    from .theme import apply_theme
    app = _application()
    previous_sheet, previous_palette = app.styleSheet(), app.palette()
    seen = []
    try:
        for theme in ("light", "dark"):
            applied = apply_theme(app, theme)
            if applied != theme or not app.styleSheet().strip():
                raise CheckFailed(f"the {theme} theme applied {applied!r} with an empty stylesheet")
            seen.append(f"{theme} {len(app.styleSheet())} chars")
    finally:
        app.setStyleSheet(previous_sheet)
        app.setPalette(previous_palette)
    return "; ".join(seen)


def check_icons() -> str:
    from ..resources import ICONS
    qt = _qt()
    _application()
    pngs = sorted(ICONS.glob("*.png"))
    for png in pngs:
        pixmap = qt.QPixmap(str(png))
        if pixmap.isNull():
            raise CheckFailed(f"{png.name} does not load")
    # .ico and .svg need Qt's image-format plugins, which a build can leave out
    loaded = [f"{len(pngs)} PNG"]
    for pattern in ("*.ico", "*.svg"):
        files = sorted(ICONS.glob(pattern))
        for f in files:
            if qt.QIcon(str(f)).pixmap(qt.QSize(32, 32)).isNull():
                raise CheckFailed(f"{f.name} does not load (is Qt's {f.suffix[1:]} image plugin in the build?)")
        if files:
            loaded.append(f"{len(files)} {pattern[2:].upper()}")
    return ", ".join(loaded)


# --- running them --------------------------------------------------------------------------

def _checks(folder: Path) -> list[tuple[str, Callable[[], str]]]:
    return [
        ("resources", check_resources),
        ("forms", check_forms),
        ("styles", check_styles),
        ("icons", check_icons),
        ("translations", check_translations),
        ("database", lambda: check_database(folder)),
        ("sandbox", lambda: check_sandbox_and_sync(folder)),
        ("reports", lambda: check_reports(folder)),
        ("reading", lambda: check_reading(folder)),
        ("keychain", check_keychain),
    ]


def run_self_test() -> int:
    """Run every check in a throwaway folder, offscreen on a machine without a display; 0 when all pass."""
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    frozen = "frozen bundle" if getattr(sys, "frozen", False) else "source"
    _say(f"merchant-console {__version__} self-test ({frozen}, Python {sys.version.split()[0]}, {sys.platform})")
    failures = 0
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="mc-selftest-", ignore_cleanup_errors=True) as tmp:
        for name, check in _checks(Path(tmp)):
            t0 = time.monotonic()
            try:
                detail = check()
            except Exception as e:  # noqa: BLE001 - every failure is reported, then the next check runs
                failures += 1
                _say(f"FAIL  {name}: {type(e).__name__}: {e}")
                if not isinstance(e, CheckFailed):
                    _say("".join(traceback.format_exception(e)).rstrip())
                continue
            _say(f"ok    {name}: {detail} ({time.monotonic() - t0:.1f} s)")
    _say(f"self-test {'ok' if not failures else 'FAILED'} ({time.monotonic() - started:.1f} s)")
    return OK if not failures else FAILED


if __name__ == "__main__":
    sys.exit(run_self_test())
