"""What a demo started in another process has done so far, read from its folder (tests wait on this)."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def demo_refunds(data: Path) -> int:
    """Refunds in the demo's local database under the data folder `data` (0 while there is none)."""
    db = data / "demo" / "console.db"
    if not db.is_file():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM refunds").fetchone()[0]
    except sqlite3.Error:
        return 0
