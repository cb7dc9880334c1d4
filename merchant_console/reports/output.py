"""What every writer shares: progress and cancellation, and a file that appears whole or not at all."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

ProgressFn = Callable[[int, int], None]
CancelledFn = Callable[[], bool]
TICK = 2000  # rows between progress reports / cancellation checks


class ExportCancelled(Exception):
    """The person cancelled the export; no file was written."""


class Ticker:
    def __init__(self, total: int, progress: ProgressFn | None, cancelled: CancelledFn | None) -> None:
        self.total = total
        self.progress = progress
        self.cancelled = cancelled

    def check(self, done: int) -> None:
        if self.cancelled is not None and self.cancelled():
            raise ExportCancelled()
        if self.progress is not None:
            self.progress(done, self.total)


@contextlib.contextmanager
def atomic_output(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside `path`; it replaces `path` only when the block succeeds."""
    target = Path(path)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
