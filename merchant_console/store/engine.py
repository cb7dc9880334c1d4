"""Opening the local SQLite database: WAL, foreign keys, busy timeout, migrations, transactions.

pysqlite's own transaction handling is switched off (isolation_level=None) and SQLAlchemy emits
BEGIN itself, as the SQLAlchemy SQLite dialect notes recommend; writers use BEGIN IMMEDIATE so two
writers queue on the busy timeout instead of failing half-way through a transaction.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import json
import logging
import os
import re
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, CursorResult, Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.pool import PoolProxiedConnection

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 15_000
BACKUPS_KEPT = 7  # daily copies of the database (store.engine.Database.backup_if_due)
# what a repair carries over from a damaged file: everything made on this computer; the rest comes
# back from the platform (the sync starts over)
KEPT_BY_REPAIR = ("sync_state", "decisions", "outbox", "audit_log", "audit_head", "reason_templates",
                  "replaced_decisions", "evidence_facts", "evidence_flags")


class DatabaseProblem(Exception):
    """The database cannot be used as it is: `kind` is "corrupt", "full", "read_only" or "locked";
    the message says, in plain words, what happened and what to do."""

    def __init__(self, kind: str, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.kind = kind
        self.detail = detail


def problem_of(exc: BaseException, path: Path | None = None) -> DatabaseProblem | None:
    """The plain-words problem behind a database or file error, or None when it is none of ours.

    The error's context is searched too: on a really full disk SQLite rolls the whole transaction
    back, so what reaches the caller is the failed ROLLBACK TO SAVEPOINT, raised while handling
    "database or disk is full"."""
    seen = 0
    step: BaseException | None = exc
    while step is not None and seen < 10:
        found = _problem_of_one(step, path)
        if found is not None:
            return found
        step, seen = step.__cause__ or step.__context__, seen + 1
    return None


def _problem_of_one(exc: BaseException, path: Path | None) -> DatabaseProblem | None:
    if isinstance(exc, DatabaseProblem):
        return exc
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).lower()
    code = getattr(orig, "errno", None)
    named = getattr(orig, "filename", None)
    if named:
        where = str(named)
    elif path is not None:
        where = str(path.parent if path.suffix else path)
    else:
        where = "the data folder"
    if "disk is full" in text or code == errno.ENOSPC or "no space left" in text:
        return DatabaseProblem("full", f"The disk holding {where} is full, so the console could not save. Free some "
                                       "space and try again: what was saved before is intact.", str(orig))
    if "readonly" in text or "read-only" in text or code in (errno.EROFS, errno.EACCES, errno.EPERM) \
            or "unable to open database file" in text:
        return DatabaseProblem("read_only", f"The console cannot write to {where} (it is read-only or belongs to "
                                            "another user). Make it writable, or start the console with "
                                            "--data-dir set to a folder you can write to.", str(orig))
    if "malformed" in text or "not a database" in text or "disk image" in text or "file is encrypted" in text:
        return DatabaseProblem("corrupt", _corrupt_message(path), str(orig))
    if "database is locked" in text:
        return DatabaseProblem("locked", "Another program keeps the console's database busy; close it (or another "
                                         "console on the same folder) and try again.", str(orig))
    return None


def _corrupt_message(path: Path | None) -> str:
    return (f"The console's database{f' ({path})' if path else ''} is damaged. Run `merchant-console repair`: it "
            "restores the latest good daily backup (or starts afresh) and syncs again from the platform, keeping "
            "the decisions waiting to be uploaded and the audit log.")


@dataclass
class RepairReport:
    restored_from: Path | None            # the backup the repaired file started from (None: a new file)
    kept: dict[str, int] = field(default_factory=dict)      # table -> rows carried over from the damaged file
    lost: list[str] = field(default_factory=list)           # tables that could not be read from it
    damaged_copy: Path | None = None


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
            json_serializer=json_text)
        event.listen(self.engine, "connect", _on_connect)
        event.listen(self.engine, "begin", _on_begin)
        self.problem: DatabaseProblem | None = None  # set when the file could not even be opened
        if migrate:
            try:
                self.migrate()
            except (DBAPIError, sqlite3.Error, OSError) as e:
                self.problem = problem_of(e, self.path)
                if self.problem is None:
                    raise
                self.engine.dispose()

    def migrate(self) -> None:
        """Bring the schema to the newest migration (run at every start; a no-op when current). A new
        file is created from the schema snapshot (`store.snapshot`) in one script."""
        revision = self.revision()
        if revision == head_revision():
            return  # the common case: no need to import alembic (~0.4 s of a start-up)
        if revision is None and self._create_from_snapshot():
            return
        self.migrate_step_by_step()

    def _create_from_snapshot(self) -> bool:
        from .snapshot import snapshot_for
        sql = snapshot_for(head_revision())
        if sql is None:
            return False
        with self.engine.connect() as conn:
            raw = sqlite_of(conn.connection)
            raw.executescript("BEGIN IMMEDIATE;\n" + sql + "COMMIT;\n")
        return True

    def migrate_step_by_step(self) -> None:
        """Run the alembic migrations from where the file is to the newest."""
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
            result: str = conn.exec_driver_sql("PRAGMA integrity_check").scalar_one()
            return result

    def quick_check(self) -> list[str]:
        """SQLite's quick_check: [] when the file is sound, else what it found (or why it cannot look)."""
        if self.problem is not None:
            return [self.problem.detail or str(self.problem)]
        try:
            with self.engine.connect() as conn:
                rows = [r[0] for r in conn.exec_driver_sql("PRAGMA quick_check(20)")]
        except (DBAPIError, sqlite3.Error) as e:
            return [str(getattr(e, "orig", e))]
        return [] if rows == ["ok"] else rows

    def check(self) -> DatabaseProblem | None:
        """At start (and in `status` / `audit verify`): the problem that makes the file unusable, or None."""
        if self.problem is not None:
            return self.problem
        found = self.quick_check()
        if found:
            log.error("the database %s failed its quick check: %s", self.path, "; ".join(found[:5]))
            return DatabaseProblem("corrupt", _corrupt_message(self.path), "; ".join(found[:5]))
        return None

    # --- backups -----------------------------------------------------------------------------

    @property
    def backup_folder(self) -> Path:
        return self.path.parent / "backups"

    def backups(self) -> list[Path]:
        """The daily backups of this file, newest first."""
        return sorted(self.backup_folder.glob(f"{self.path.stem}-????????.db"), reverse=True)

    def backup_if_due(self, today: datetime | None = None, keep: int = BACKUPS_KEPT) -> Path | None:
        """Once a day, a copy made with SQLite's online backup (consistent while the console writes);
        the newest `keep` are kept. Skipped for a file that fails its quick check: a damaged copy
        must not push a good one out. Returns the new backup, if one was made."""
        today = today or datetime.now()
        target = self.backup_folder / f"{self.path.stem}-{today:%Y%m%d}.db"
        if target.exists() or self.check() is not None:
            return None
        self.backup_folder.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".partial")
        raw = self.engine.raw_connection()
        try:
            dest = sqlite3.connect(partial)
            try:
                sqlite_of(raw).backup(dest)
            finally:
                dest.close()
        finally:
            raw.close()
        os.replace(partial, target)
        for old in self.backups()[keep:]:
            old.unlink(missing_ok=True)
        return target

    def close(self) -> None:
        self.engine.dispose()


def repair(path: Path) -> RepairReport:
    """Make a damaged database usable again, keeping what only this computer has.

    The new file starts from the newest daily backup that passes its quick check (or empty); the
    decisions, outbox, audit log and templates are then taken from the damaged file wherever SQLite
    can still read them (they are newer than any backup), and the sync starts over so refunds come
    back from the platform. The damaged file is kept beside it (…damaged-YYYYmmdd-HHMMSS).
    """
    path = Path(path)
    salvaged, lost = _salvage(path)
    fresh = path.with_name(path.name + ".repairing")
    for leftover in (fresh, Path(f"{fresh}-wal"), Path(f"{fresh}-shm")):
        leftover.unlink(missing_ok=True)
    restored_from = None
    probe = Database(path, migrate=False)
    backups = probe.backups()
    probe.close()
    for backup in backups:
        if _sound(backup):
            shutil.copyfile(backup, fresh)
            restored_from = backup
            break
    db = Database(fresh)  # migrates a restored (older) backup to the current schema
    if db.problem is not None:
        raise db.problem
    db.close()
    kept: dict[str, int] = {}
    conn = sqlite3.connect(fresh, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys=OFF")  # decisions refer to refunds the next sync brings back
        conn.execute("BEGIN IMMEDIATE")
        for table, (columns, rows) in salvaged.items():
            present = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
            if not present:
                continue
            cols = [c for c in columns if c in present]
            idx = [columns.index(c) for c in cols]
            conn.execute(f"DELETE FROM {table}")
            conn.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                             [tuple(r[i] for i in idx) for r in rows])
            kept[table] = len(rows)
        # the refunds are the platform's: pull them all again (the cursor may point past the backup)
        conn.execute("UPDATE sync_state SET cursor = '', full_resyncs = full_resyncs + 1")
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    damaged = path.with_name(f"{path.name}.damaged-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        src = Path(f"{path}{suffix}")
        if src.exists():
            os.replace(src, Path(f"{damaged}{suffix}"))
    for suffix in ("-wal", "-shm"):
        Path(f"{fresh}{suffix}").unlink(missing_ok=True)
    os.replace(fresh, path)
    return RepairReport(restored_from, kept, lost, damaged)


def _sound(file: Path) -> bool:
    try:
        conn = sqlite3.connect(f"file:{file}?mode=ro", uri=True)
        try:
            return [r[0] for r in conn.execute("PRAGMA quick_check")] == ["ok"]
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def _salvage(path: Path) -> tuple[dict[str, tuple[list[str], list[tuple[Any, ...]]]], list[str]]:
    """The rows of KEPT_BY_REPAIR that SQLite can still read from a damaged file (table by table)."""
    found: dict[str, tuple[list[str], list[tuple[Any, ...]]]] = {}
    lost: list[str] = []
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return found, list(KEPT_BY_REPAIR)
    try:
        for table in KEPT_BY_REPAIR:
            try:
                cur = conn.execute(f"SELECT * FROM {table}")
                columns = [d[0] for d in cur.description]
                found[table] = (columns, cur.fetchall())
            except sqlite3.Error as e:
                if "no such table" not in str(e):
                    lost.append(table)
    finally:
        conn.close()
    return found, lost


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


def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    dbapi_conn.isolation_level = None  # we emit BEGIN ourselves (see module doc)
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")  # with WAL: durable against crashes of the app
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.close()


def _on_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("immediate") else "BEGIN")


def sqlite_of(pooled: PoolProxiedConnection) -> sqlite3.Connection:
    """The sqlite3 connection under a pooled one (executescript, backup, and plain cursors on hot paths)."""
    raw = pooled.driver_connection
    if not isinstance(raw, sqlite3.Connection):
        raise TypeError(f"not a sqlite3 connection: {raw!r}")
    return raw


def inserted_id(result: CursorResult[Any]) -> int:
    """The integer primary key a single-row INSERT gave its row."""
    key = result.inserted_primary_key
    if key is None:
        raise RuntimeError("the INSERT reported no primary key")
    return int(key[0])


def table_names(conn: Connection) -> list[str]:
    return [r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"))]


def json_text(obj: object) -> str:
    """JSON as the database keeps it (the engine's serializer for JSON columns)."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
