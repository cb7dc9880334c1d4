"""Issue 14.7: a damaged database, a full disk and a read-only folder get plain words, no traceback;
the database is checked at start and in status / audit verify; daily backups and a repair that keeps
the outbox and the audit log."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from merchant_console import cli
from merchant_console.store import engine as store_engine

from .conftest import TOKEN
from .platform import refund_doc


@pytest.fixture
def env(hostile, monkeypatch, tmp_path):
    monkeypatch.setenv("MERCHANT_CONSOLE_URL", hostile.url)
    monkeypatch.setenv("MERCHANT_CONSOLE_TOKEN", TOKEN)
    for i in range(3):
        hostile.refunds[f"r_{i}"] = refund_doc(f"r_{i}")
    return hostile


def run(capsys, *argv):
    code = cli.main(list(argv))
    out = capsys.readouterr()
    assert "Traceback" not in out.err and "Traceback" not in out.out
    return code, out.out, out.err


def the_db(tmp_path) -> Path:
    [db] = (tmp_path / "data").rglob("console.db")
    return db


def damage_table(db: Path, table: str) -> None:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    conn.close()
    with open(db, "r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\xa5" * page_size)


def test_a_damaged_database_is_named_then_repaired_keeping_the_outbox_and_the_audit_log(env, capsys, tmp_path):
    assert run(capsys, "sync", "--once", "--no-evidence")[0] == 0   # makes today's backup first
    db = the_db(tmp_path)
    assert [p.name for p in (db.parent / "backups").iterdir()] and run(capsys, "decide", "r_1", "approve")[0] == 0
    damage_table(db, "refunds")

    code, _out, err = run(capsys, "status")
    assert code == cli.FAILED and "damaged" in err and "merchant-console repair" in err
    code, _out, err = run(capsys, "audit", "verify")
    assert code == cli.FAILED and "damaged" in err

    code, out, _err = run(capsys, "repair")
    assert code == 0 and "started from the backup" in out and "outbox 1" in out
    code, out, _err = run(capsys, "status", "--json")
    info = json.loads(out)
    assert code == 0 and info["outbox"] == {"pending": 1} and info["database"] == "ok"
    code, out, _err = run(capsys, "audit", "verify")
    assert code == 0 and "intact: 1 entries" in out
    assert run(capsys, "sync", "--once", "--no-evidence")[0] == 0
    assert [d[0] for d in env.decisions] == ["r_1"]
    info = json.loads(run(capsys, "status", "--json")[1])
    assert info["refunds"] == 3 and info["outbox"] == {"done": 1}
    assert list(db.parent.glob("console.db.damaged-*"))


def test_a_file_that_is_no_database_at_all_is_named(env, capsys, tmp_path):
    assert run(capsys, "sync", "--once", "--no-evidence")[0] == 0
    db = the_db(tmp_path)
    for extra in ("-wal", "-shm"):
        Path(f"{db}{extra}").unlink(missing_ok=True)
    db.write_bytes(b"not a database, just text " * 100)
    code, _out, err = run(capsys, "status")
    assert code == cli.FAILED and "damaged" in err


def _inject(monkeypatch, pragma: str) -> None:
    """Every new database connection gets `pragma`: SQLite itself then fails as a full or read-only disk does."""
    original = store_engine._on_connect

    def on_connect(dbapi_conn, record):
        original(dbapi_conn, record)
        size = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(pragma.format(pages=size))

    monkeypatch.setattr(store_engine, "_on_connect", on_connect)


@pytest.mark.parametrize("first", [True, False])
def test_a_full_disk_is_said_plainly(env, capsys, monkeypatch, first):
    if not first:  # the database exists; the disk fills while a sync writes (the test platform's cursor restarts)
        assert run(capsys, "sync", "--once", "--no-evidence")[0] == 0
        env.routes["GET /api/v1/refunds/changes"] = lambda h: h.send_json(
            {"items": list(env.refunds.values()), "next_cursor": "c2", "has_more": False})
    for i in range(3, 400):
        env.refunds[f"r_{i}"] = refund_doc(f"r_{i}", reason="理由" * 200)
    _inject(monkeypatch, "PRAGMA max_page_count = {pages}")
    code, _out, err = run(capsys, "sync", "--once", "--no-evidence")
    assert code == cli.FAILED and "is full" in err


def test_a_read_only_database_is_said_plainly(env, capsys, monkeypatch):
    assert run(capsys, "sync", "--once", "--no-evidence")[0] == 0
    _inject(monkeypatch, "PRAGMA query_only = 1")
    code, _out, err = run(capsys, "decide", "r_1", "approve")
    assert code == cli.FAILED and "cannot write" in err


def test_backups_are_daily_and_the_last_seven_are_kept(tmp_path):
    from datetime import datetime, timedelta

    db = store_engine.Database(tmp_path / "console.db")
    start = datetime(2026, 12, 1)
    made = [db.backup_if_due(start + timedelta(days=d)) for d in range(10)]
    assert db.backup_if_due(start + timedelta(days=9)) is None  # once a day
    db.close()
    assert all(made)
    kept = sorted(p.name for p in (tmp_path / "backups").iterdir())
    assert kept == [f"console-{(start + timedelta(days=d)):%Y%m%d}.db" for d in range(3, 10)]
    conn = sqlite3.connect(tmp_path / "backups" / kept[-1])
    assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    conn.close()


def test_the_gui_says_a_damaged_database_plainly(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from merchant_console.gui import app as gui_app
    from merchant_console.gui.settings import Settings
    from merchant_console.store.location import Profile
    from merchant_console.workbench.session import Session

    folder = tmp_path / "profile"
    store_engine.Database(folder / "console.db").close()
    damage_table(folder / "console.db", "refunds")
    shown: list[str] = []
    monkeypatch.setattr(gui_app.QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    console = gui_app.Console(QApplication.instance(), tmp_path, Settings(), "en")
    codes: list[int] = []
    console.quit = codes.append
    session = Session(Profile("p", "http://127.0.0.1:9", "m", "M", "s", "S", "operator"),
                      store_engine.Database(folder / "console.db"), folder, None)
    console.open(lambda: session)     # opened and checked on a worker, as the console opens every session
    qtbot.waitUntil(lambda: bool(codes))
    assert console.window is None
    assert codes == [1] and "damaged" in shown[0] and "merchant-console repair" in shown[0]


@pytest.fixture
def tiny_disk(tmp_path):
    """A real 600 kB file system (tmpfs), where this machine lets the tests mount one."""
    import subprocess
    mnt = tmp_path / "tiny"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", str(mnt)], capture_output=True).returncode:
        pytest.skip("cannot mount a small file system here (needs root)")
    yield mnt
    subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def test_a_really_full_disk_is_said_plainly(env, capsys, monkeypatch, tiny_disk):
    """SQLite rolls a transaction back by itself when the disk is full: the error that surfaces is then
    the failed rollback of a savepoint, raised while handling 'database or disk is full'."""
    monkeypatch.setenv("MERCHANT_CONSOLE_DATA", str(tiny_disk))
    for i in range(3, 600):
        env.refunds[f"r_{i}"] = refund_doc(f"r_{i}", reason="理由" * 300)
    code, _out, err = run(capsys, "sync", "--once", "--no-evidence")
    assert code == cli.FAILED and "is full" in err
