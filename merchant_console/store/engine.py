"""Opening the local SQLite database: WAL, foreign keys, busy timeout, migrations, transactions.

pysqlite's own transaction handling is switched off (isolation_level=None) and SQLAlchemy emits
BEGIN itself, as the SQLAlchemy SQLite dialect notes recommend; writers use BEGIN IMMEDIATE so two
writers queue on the busy timeout instead of failing half-way through a transaction.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, text

MIGRATIONS = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 15_000


def alembic_config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return cfg


class Database:
    """The console's database file. Use `write()` for the one writer, `read()` for readers."""

    def __init__(self, path: str | Path, *, migrate: bool = True) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.engine = create_engine(
            f"sqlite+pysqlite:///{self.path}", connect_args={"timeout": BUSY_TIMEOUT_MS / 1000},
            json_serializer=_json_dumps)
        event.listen(self.engine, "connect", _on_connect)
        event.listen(self.engine, "begin", _on_begin)
        if migrate:
            self.migrate()

    def migrate(self) -> None:
        """Bring the schema to the newest migration (run at every start; a no-op when current)."""
        cfg = alembic_config()
        with self.engine.connect() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    @contextlib.contextmanager
    def write(self) -> Iterator[Connection]:
        """One transaction that writes: BEGIN IMMEDIATE ... COMMIT (rolled back on error)."""
        with self.engine.connect() as conn:
            conn = conn.execution_options(immediate=True)
            with conn.begin():
                yield conn

    @contextlib.contextmanager
    def read(self) -> Iterator[Connection]:
        """A consistent snapshot for reading (a deferred transaction under WAL)."""
        with self.engine.connect() as conn:
            with conn.begin():
                yield conn

    def integrity_check(self) -> str:
        with self.engine.connect() as conn:
            return conn.exec_driver_sql("PRAGMA integrity_check").scalar_one()

    def close(self) -> None:
        self.engine.dispose()


def _on_connect(dbapi_conn: sqlite3.Connection, _record) -> None:
    dbapi_conn.isolation_level = None  # we emit BEGIN ourselves (see module doc)
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")  # with WAL: durable against crashes of the app
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.close()


def _on_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("immediate") else "BEGIN")


def table_names(conn: Connection) -> list[str]:
    return [r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"))]


def _json_dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
