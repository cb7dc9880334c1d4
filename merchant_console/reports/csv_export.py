"""CSV: UTF-8 with a byte-order mark (so Excel shows Chinese), RFC 4180 quoting, inert cells."""

from __future__ import annotations

import csv
from datetime import datetime, tzinfo
from pathlib import Path

from ..core.money import fen_to_yuan_str
from .kpi import Kpis
from .output import CancelledFn, ProgressFn, Ticker, atomic_output
from .table import COLUMNS, COUNT, MINUTES, TIME, YUAN, headers, inert


def time_text(ms: int, tz: tzinfo) -> str:
    return datetime.fromtimestamp(ms / 1000, tz).strftime("%Y-%m-%d %H:%M:%S")


def write_csv(k: Kpis, path: str | Path, *, lang: str = "zh", progress: ProgressFn | None = None,
              cancelled: CancelledFn | None = None) -> int:
    """The decision rows (one per line, header first); times in the report's zone. Returns rows written.

    A CSV stays one table for the scripts that read it: each row carries its refund's after-sale
    conversation (latest proposal's outcome, rounds, extension hours); the period's figures are in the
    XLSX summary, the PDF and the window."""
    tz = k.filter.tz
    rows = k.rows
    ticker = Ticker(len(rows), progress, cancelled)
    getters = [(c.value, c.kind) for c in COLUMNS]
    with atomic_output(path) as tmp:
        # newline="" lets the csv module write RFC 4180's CRLF itself, and keep CR/LF inside quoted cells
        with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh, dialect="excel", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
            w.writerow([inert(h) for h in headers(lang)])
            ticker.check(0)
            for i, r in enumerate(rows, 1):
                out = []
                for value, kind in getters:
                    v = value(r, lang)
                    if v is None:
                        out.append("")
                    elif kind == TIME:
                        out.append(time_text(v, tz))
                    elif kind == YUAN:
                        out.append(fen_to_yuan_str(v))
                    elif kind == MINUTES:
                        out.append(f"{v:.1f}")
                    elif kind == COUNT:
                        out.append(str(v))
                    else:
                        out.append(inert(v))
                w.writerow(out)
                if i % 2000 == 0:
                    ticker.check(i)
            ticker.check(len(rows))
    return len(rows)
