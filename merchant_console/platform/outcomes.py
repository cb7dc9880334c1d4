"""What a platform call came to, as values: the sync engine decides, the GUI only shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Ok:
    value: Any
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Conflict:
    """The platform's state moved on: 409 (not awaiting / not appealed), 412 (version), 410 (cursor)."""
    code: str
    message: str
    status: int
    refund: dict[str, Any] | None = None
    details: dict[str, Any] = field(default_factory=dict)  # the error's details as sent (e.g. v1.1 reasons)


@dataclass(frozen=True, slots=True)
class Invalid:
    """The request itself is wrong and must not be repeated as it is (400, 404, 413, 415, 422)."""
    code: str
    message: str
    status: int
    fields: dict[str, Any] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)  # e.g. extension_not_allowed's {"reason": "past_due"}


@dataclass(frozen=True, slots=True)
class Retryable:
    """Try again later (network trouble, 5xx, 429, 503 maintenance); keep every idempotency key."""
    reason: str
    status: int | None = None
    retry_after_s: float | None = None
    announcement: str | None = None  # 503 maintenance: the platform's message, shown as a banner


@dataclass(frozen=True, slots=True)
class Fatal:
    """Nothing will change by retrying: bad credentials (401), a forbidden role (403), TLS or URL trouble."""
    code: str
    message: str
    status: int | None = None


Outcome = Ok | Conflict | Invalid | Retryable | Fatal
