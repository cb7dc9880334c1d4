"""Times: RFC 3339 UTC on the wire, integer epoch milliseconds inside; server time = local + offset."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


class TimeFormatError(ValueError):
    """A timestamp from outside is not RFC 3339."""


def parse_rfc3339(text: str) -> int:
    """'2026-11-21T08:00:00.000Z' -> epoch ms. Naive times are rejected (they are ambiguous)."""
    if not isinstance(text, str) or len(text) > 40:
        raise TimeFormatError(f"not a timestamp: {str(text)[:40]!r}")
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        raise TimeFormatError(f"not an RFC 3339 timestamp: {text!r}") from None
    if dt.tzinfo is None:
        raise TimeFormatError(f"timestamp without a time zone: {text!r}")
    return _to_ms(dt)


def _to_ms(dt: datetime) -> int:
    delta = dt - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1000 + delta.microseconds // 1000


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def format_rfc3339(ms: int) -> str:
    """epoch ms -> '2026-11-21T08:00:00.000Z'."""
    dt = datetime.fromtimestamp(ms // 1000, tz=UTC)
    return dt.strftime("%Y-%m-%dT%H:%M:%S") + f".{ms % 1000:03d}Z"


def parse_http_date(value: str) -> int | None:
    """An HTTP `Date` header -> epoch ms, or None when absent or unparsable."""
    try:
        return _to_ms(parsedate_to_datetime(value))
    except (TypeError, ValueError, IndexError):
        return None


def local_now_ms() -> int:
    return time.time_ns() // 1_000_000


class ServerClock:
    """Server time as the local clock plus a measured offset; every countdown asks this one place.

    `local` is injectable so tests can skew the local clock by hours and check nothing changes.
    """

    def __init__(self, offset_ms: int = 0, local: Callable[[], int] = local_now_ms) -> None:
        self.offset_ms = offset_ms
        self._local = local

    def now_ms(self) -> int:
        return self._local() + self.offset_ms

    def observe(self, server_ms: int, sent_local_ms: int, received_local_ms: int) -> int:
        """Update the offset from a server timestamp seen during a request; returns the offset.

        The server stamped its time somewhere between send and receive; the midpoint is the best
        guess, and its error is at most half the round trip.
        """
        midpoint = (sent_local_ms + received_local_ms) // 2
        self.offset_ms = server_ms - midpoint
        return self.offset_ms

    def observe_coarse(self, server_ms: int, sent_local_ms: int, received_local_ms: int, *,
                       precision_ms: int) -> int:
        """Like `observe` for a timestamp truncated to `precision_ms` (an HTTP Date header).

        The current offset is kept while it is consistent with what was seen, so a precise offset
        (from /me's server_time) is not replaced by a coarse one.
        """
        half_rtt = (received_local_ms - sent_local_ms) // 2 + 1
        predicted = (sent_local_ms + received_local_ms) // 2 + self.offset_ms
        if server_ms - half_rtt <= predicted <= server_ms + precision_ms + half_rtt:
            return self.offset_ms
        return self.observe(server_ms + precision_ms // 2, sent_local_ms, received_local_ms)

    def local_ms(self) -> int:
        return self._local()
