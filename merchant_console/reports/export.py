"""Building a report and exporting it: query, KPIs, the file, and the audit entry, in that order."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection

from ..core.status import MANAGING_ROLES
from ..store import audit
from ..store.engine import Database
from . import kpi
from .conversation import conversation_by_staff, conversation_kpis
from .output import CancelledFn, ExportCancelled, ProgressFn
from .query import ReportFilter, load_rows

FORMATS = ("csv", "xlsx", "pdf")


def _writer(fmt: str) -> Callable[..., int]:
    """The format's writer, imported when first used: reportlab and XlsxWriter cost ~0.4 s of every
    start-up otherwise, and most sessions export nothing."""
    if fmt == "csv":
        from .csv_export import write_csv
        return write_csv
    if fmt == "xlsx":
        from .xlsx_export import write_xlsx
        return write_xlsx
    from .pdf_export import write_pdf
    return write_pdf

__all__ = ["FORMATS", "ExportCancelled", "ExportResult", "NotAllowed", "Written", "build", "can_export", "check_export",
           "export", "read_report", "record_export", "write_report"]


class NotAllowed(Exception):
    """The signed-in staff member's role may not export reports."""


def can_export(role: str | None) -> bool:
    return role in MANAGING_ROLES


def build(db: Database, f: ReportFilter, *, now_ms: int | None = None) -> kpi.Kpis:
    """Read the period from the local database (its own read snapshot) and compute the KPIs."""
    with db.read() as conn:
        return read_report(conn, f, now_ms=now_ms)


def read_report(conn: Connection, f: ReportFilter, *, now_ms: int | None = None) -> kpi.Kpis:
    """The KPIs of a period from one read transaction, the after-sale conversation's included. `now_ms`
    (the platform's time; default the period's end) tells an evidence request still open from one missed."""
    k = kpi.compute(load_rows(conn, f), f)
    k.conversation = conversation_kpis(conn, f.start_ms, f.end_ms, staff_id=f.staff_id, now_ms=now_ms,
                                       category=f.category, channel=f.channel)
    if f.staff_id is None:
        k.conversation_by_staff = conversation_by_staff(conn, f.start_ms, f.end_ms, now_ms=now_ms,
                                                        category=f.category, channel=f.channel)
    else:
        k.conversation_by_staff = [line for line in conversation_by_staff(
            conn, f.start_ms, f.end_ms, now_ms=now_ms, category=f.category, channel=f.channel)
            if line.staff_id == f.staff_id]
    return k


@dataclass(frozen=True)
class ExportResult:
    path: Path
    fmt: str
    rows: int
    sha256: str
    audit_seq: int


@dataclass(frozen=True)
class Written:
    """A report file written whole, not yet in the audit log (`record_export` puts it there)."""

    path: Path
    fmt: str
    rows: int
    sha256: str
    filters: dict[str, object]


def export(db: Database, f: ReportFilter, fmt: str, path: str | Path, *, actor: str, role: str | None,
           at_ms: int, lang: str = "zh", kpis: kpi.Kpis | None = None, progress: ProgressFn | None = None,
           cancelled: CancelledFn | None = None) -> ExportResult:
    """Write the report file (whole or not at all) and append the export to the audit log.

    Raises NotAllowed for a role that may not export, ExportCancelled when `cancelled()` turned
    true (no file is left behind), OSError when the file cannot be written.
    """
    check_export(role, fmt)
    k = kpis if kpis is not None else build(db, f, now_ms=at_ms)
    written = write_report(k, fmt, path, lang=lang, progress=progress, cancelled=cancelled)
    return record_export(db, written, actor=actor, at_ms=at_ms, lang=lang)


def check_export(role: str | None, fmt: str) -> None:
    """NotAllowed for a role that may not export; ValueError for an unknown format."""
    if not can_export(role):
        raise NotAllowed(f"your role ({role or 'unknown'}) may not export reports; ask a manager or the owner")
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def write_report(k: kpi.Kpis, fmt: str, path: str | Path, *, lang: str = "zh", progress: ProgressFn | None = None,
                 cancelled: CancelledFn | None = None) -> Written:
    """The file only (no database): the GUI writes it on a worker and records it through its one writer."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    target = Path(path)
    rows = _writer(fmt)(k, target, lang=lang, progress=progress, cancelled=cancelled)
    return Written(target, fmt, rows, _sha256(target), k.filter.describe())


def record_export(db: Database, written: Written, *, actor: str, at_ms: int, lang: str) -> ExportResult:
    """Append a written report to the audit log (file name, its sha256, rows, filters, language)."""
    with db.write() as conn:
        seq = audit.append(conn, kind="export", actor=actor, at_ms=at_ms, payload={
            "format": written.fmt, "file": os.path.basename(written.path), "sha256": written.sha256,
            "rows": written.rows, "filters": written.filters, "lang": lang})
    return ExportResult(written.path, written.fmt, written.rows, written.sha256, seq)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
