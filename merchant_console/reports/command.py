"""`merchant-console report`: a report file for schedulers and scripts (managers and owners only)."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date

from ..core.clock import ServerClock
from ..store import state
from ..store.engine import Database
from .conversation import conversation_kpis, conversation_summary
from .export import ExportCancelled, NotAllowed, export
from .query import ReportFilter, local_zone, zone_label

OK, FAILED, USAGE = 0, 1, 2


def _fail(message: str, code: int) -> int:
    print(f"merchant-console report: {message}", file=sys.stderr)
    return code


def _date(text: str, flag: str) -> date:
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError):
        raise ValueError(f"{flag} {text!r} is not a date; use YYYY-MM-DD, e.g. 2026-11-01") from None


def cli_language() -> str:
    """zh for a Chinese system locale (the spreadsheet's headers and labels), else en."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def export_report(db: Database, args: argparse.Namespace) -> int:
    """Export the decisions of a period to CSV / XLSX / PDF; 0 ok, 1 failed, 2 usage."""
    try:
        start, end = _date(args.date_from, "--from"), _date(args.date_to, "--to")
    except ValueError as e:
        return _fail(str(e), USAGE)
    if start > end:
        return _fail(f"--from {start} is after --to {end}", USAGE)
    with db.read() as conn:
        st = state.load_state(conn)
    if st["role"] is None or st["staff_id"] is None:
        return _fail("this profile has never synced; run `merchant-console sync --once` first", FAILED)
    tz = local_zone()
    f = ReportFilter(start, end, tz=tz, staff_id=args.staff or None)
    out = os.path.abspath(args.output)
    if not os.path.isdir(os.path.dirname(out)):
        return _fail(f"the folder for {args.output} does not exist", FAILED)
    try:
        result = export(db, f, args.fmt, out, actor=st["staff_id"], role=st["role"],
                        at_ms=ServerClock(st["clock_offset_ms"] or 0).now_ms(), lang=cli_language())
    except NotAllowed as e:
        return _fail(str(e), FAILED)
    except ExportCancelled:
        return _fail("cancelled; no file was written", FAILED)
    except OSError as e:
        return _fail(f"cannot write {args.output}: {e.strerror or e}", FAILED)
    decisions = "1 decision" if result.rows == 1 else f"{result.rows} decisions"
    print(f"exported {decisions} from {start} to {end} ({zone_label(tz)}) to {result.path} "
          f"[{result.fmt}, sha256 {result.sha256[:12]}…, audit entry {result.audit_seq}]")
    with db.read() as conn:
        talk = conversation_kpis(conn, f.start_ms, f.end_ms, staff_id=f.staff_id,
                                 now_ms=ServerClock(st["clock_offset_ms"] or 0).now_ms())
    if talk.proposals or talk.extensions or talk.requests or talk.buyer_messages:
        print(conversation_summary(talk))
    return OK
