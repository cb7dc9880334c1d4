"""A 1 000 000-refund database for the store-level figures, grown from a synced 100 000-refund one.

Each copy k = 1..9 of the synced rows gets its own id, order no and buyer (so searches and the
urgency order see ten times the rows, not ten equal rows); the full-text triggers index them as
a sync would.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from merchant_console.store.refunds import REFUND_COLUMNS

CHANGED = {"id": "id || '_' || k.n", "order_no": "order_no || k.n", "buyer_id": "buyer_id || '_' || k.n",
           "submitted_at": "submitted_at - k.n * 7", "next_deadline_at": "next_deadline_at + k.n * 3"}


def grow(source: Path, target: Path, copies: int = 10) -> int:
    """Copy `source` (a migrated console database) to `target` with `copies`× its refunds."""
    shutil.copy(source, target)
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    cols = ", ".join(REFUND_COLUMNS)
    picked = ", ".join(CHANGED.get(c, c) for c in REFUND_COLUMNS)
    last = conn.execute("SELECT MAX(rowid) FROM refunds").fetchone()[0]
    conn.execute("BEGIN")
    conn.execute("CREATE TEMP TABLE k (n INTEGER)")
    conn.executemany("INSERT INTO k VALUES (?)", [(n,) for n in range(1, copies)])
    conn.execute(f"INSERT INTO refunds ({cols}) SELECT {picked} FROM refunds, k WHERE refunds.rowid <= ? "
                 "ORDER BY k.n, refunds.rowid", (last,))
    conn.execute("COMMIT")
    n = conn.execute("SELECT COUNT(*) FROM refunds").fetchone()[0]
    conn.close()
    return n
