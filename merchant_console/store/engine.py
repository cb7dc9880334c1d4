"""Opening the local SQLite database: WAL, foreign keys, busy timeout, migrations, transactions.

pysqlite's own transaction handling is switched off (isolation_level=None) and SQLAlchemy emits
BEGIN itself, as the SQLAlchemy SQLite dialect notes recommend; writers use BEGIN IMMEDIATE so two
writers queue on the busy timeout instead of failing half-way through a transaction.
"""

from __future__ import annotations

import contextlib
import functools
import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import OperationalError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 15_000


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config
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
        if self.revision() == head_revision():
            return  # the common case: no need to import alembic (~0.4 s of a start-up)
        from alembic import command
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

    def revision(self) -> str | None:
        """The migration the file is at (None: a new file)."""
        with self.engine.connect() as conn:
            try:
                return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
            except OperationalError:  # no such table yet: a new database
                return None

    def integrity_check(self) -> str:
        with self.engine.connect() as conn:
            return conn.exec_driver_sql("PRAGMA integrity_check").scalar_one()

    def close(self) -> None:
        self.engine.dispose()


@functools.cache
def head_revision() -> str:
    """The newest migration, read from the migration files' `revision` / `down_revision` lines."""
    revisions, parents = set(), set()
    for script in (MIGRATIONS / "versions").glob("*.py"):
        source = script.read_text(encoding="utf-8")
        rev = re.search(r"^revision\b[^=]*=\s*['\"](\w+)['\"]", source, re.M)
        down = re.search(r"^down_revision\b[^=]*=\s*['\"](\w+)['\"]", source, re.M)
        if rev:
            revisions.add(rev.group(1))
        if down:
            parents.add(down.group(1))
    heads = revisions - parents
    if len(heads) != 1:
        raise RuntimeError(f"the migrations have {len(heads)} heads: {sorted(heads)}")
    return heads.pop()


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
