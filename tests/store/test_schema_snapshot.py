"""A new database is created from the schema snapshot; it must be the database the migrations make."""

from __future__ import annotations

import sqlite3

from merchant_console.store import snapshot
from merchant_console.store.engine import Database, head_revision


def _schema(path) -> tuple[list[tuple], int]:
    with sqlite3.connect(path) as conn:
        objects = sorted(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall(),
                         key=lambda r: (r[0], r[1]))
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        rows = {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
                for (kind, name, _t, _s) in objects if kind == "table" and not name.startswith("sqlite_")}
    return objects, version, rows


def test_the_snapshot_is_the_newest_migration():
    text = snapshot.SNAPSHOT.read_text(encoding="utf-8")
    assert text == snapshot.generate(), "the schema snapshot is stale: run `python -m merchant_console.store.snapshot`"
    assert snapshot.snapshot_for(head_revision()) is not None


def test_a_database_from_the_snapshot_equals_one_migrated_step_by_step(tmp_path):
    fast = Database(tmp_path / "fast.db")                 # a new file: made from the snapshot
    assert fast.revision() == head_revision()
    fast.close()
    slow = Database(tmp_path / "slow.db", migrate=False)
    slow.migrate_step_by_step()
    slow.close()
    assert _schema(tmp_path / "fast.db") == _schema(tmp_path / "slow.db")
    with sqlite3.connect(tmp_path / "fast.db") as conn:   # the full-text index and its triggers work
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_stale_snapshot_is_not_used(tmp_path, monkeypatch):
    stale = tmp_path / "old.sql"
    stale.write_text(snapshot.HEADER + "0001\nCREATE TABLE nothing (x);\n", encoding="utf-8")
    monkeypatch.setattr(snapshot, "SNAPSHOT", stale)
    db = Database(tmp_path / "c.db")                      # falls back to the migrations
    assert db.revision() == head_revision()
    with db.read() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM sqlite_master WHERE name='nothing'").scalar() == 0
    db.close()
