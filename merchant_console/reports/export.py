"""Building a report and exporting it: query, KPIs, the file, and the audit entry, in that order."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..core.status import MANAGING_ROLES
from ..store import audit
from ..store.engine import Database
from . import kpi
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

__all__ = ["FORMATS", "ExportCancelled", "ExportResult", "NotAllowed", "build", "can_export", "export"]


class NotAllowed(Exception):
    """The signed-in staff member's role may not export reports."""


def can_export(role: str | None) -> bool:
    return role in MANAGING_ROLES


def build(db: Database, f: ReportFilter) -> kpi.Kpis:
    """Read the period from the local database (its own read snapshot) and compute the KPIs."""
    with db.read() as conn:
        rows = load_rows(conn, f)
    return kpi.compute(rows, f)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    fmt: str
    rows: int
    sha256: str
    audit_seq: int


def export(db: Database, f: ReportFilter, fmt: str, path: str | Path, *, actor: str, role: str | None,
           at_ms: int, lang: str = "zh", kpis: kpi.Kpis | None = None, progress: ProgressFn | None = None,
           cancelled: CancelledFn | None = None) -> ExportResult:
    """Write the report file (whole or not at all) and append the export to the audit log.

    Raises NotAllowed for a role that may not export, ExportCancelled when `cancelled()` turned
    true (no file is left behind), OSError when the file cannot be written.
    """
    if not can_export(role):
        raise NotAllowed(f"your role ({role or 'unknown'}) may not export reports; ask a manager or the owner")
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    k = kpis if kpis is not None else build(db, f)
    target = Path(path)
    rows = _writer(fmt)(k, target, lang=lang, progress=progress, cancelled=cancelled)
    digest = _sha256(target)
    with db.write() as conn:
        seq = audit.append(conn, kind="export", actor=actor, at_ms=at_ms, payload={
            "format": fmt, "file": os.path.basename(target), "sha256": digest, "rows": rows,
            "filters": f.describe(), "lang": lang})
    return ExportResult(target, fmt, rows, digest, seq)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
