"""The schema at the newest migration, as SQL: a new database is created from it in one script.

Running the migrations one by one means importing alembic (~0.4 s) and ten upgrade steps on every new
database (a new account, the demo's first start). The result is always the same, so it is kept here as
text and checked against the migrations by a test; a new migration makes that test say to run:

    python -m merchant_console.store.snapshot

Where the file is missing or behind the newest migration, the migrations run as before.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from pathlib import Path

SNAPSHOT = Path(__file__).with_name("migrations") / "schema_at_head.sql"
HEADER = "-- merchant-console schema at migration "


def schema_statements(conn: sqlite3.Connection) -> list[str]:
    """The statements that make this database's schema, in creation order: tables, indexes, triggers and
    virtual tables, without SQLite's own objects and the shadow tables a virtual table makes itself."""
    rows = conn.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid").fetchall()
    virtual = [name for _t, name, sql in rows if sql.upper().startswith("CREATE VIRTUAL TABLE")]
    out = []
    for kind, name, sql in rows:
        shadow = kind == "table" and any(name.startswith(v + "_") for v in virtual)
        if name.startswith("sqlite_") or shadow:
            continue
        out.append(sql.strip())
    return out


def render(statements: list[str], revision: str) -> str:
    return HEADER + revision + "\n" + "".join(s + ";\n" for s in statements) + \
        f"INSERT INTO alembic_version (version_num) VALUES ('{revision}');\n"


def snapshot_for(revision: str) -> str | None:
    """The snapshot's SQL when it is at `revision`, else None."""
    try:
        text = SNAPSHOT.read_text(encoding="utf-8")
    except OSError:
        return None
    first = text.split("\n", 1)[0]
    return text if first == HEADER + revision else None


def generate() -> str:
    """Migrate a throwaway database the long way and write down its schema."""
    from .engine import Database, head_revision
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(Path(tmp) / "c.db", migrate=False)
        db.migrate_step_by_step()
        db.close()
        with sqlite3.connect(Path(tmp) / "c.db") as conn:
            return render(schema_statements(conn), head_revision())


def main() -> int:
    SNAPSHOT.write_text(generate(), encoding="utf-8")
    print(f"wrote {SNAPSHOT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
