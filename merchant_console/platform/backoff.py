"""Capped exponential backoff with full jitter, honouring the server's Retry-After."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Backoff:
    base_s: float = 0.5
    cap_s: float = 60.0
    rng: Callable[[], float] = field(default=random.random)
    # a server's Retry-After is honoured up to this: a platform (or anything in between) asking for
    # an hour per try would otherwise keep one `sync --once` asleep for most of a day
    max_retry_after_s: float = 120.0

    def delay(self, attempt: int, retry_after_s: float | None = None) -> float:
        """Seconds to wait before retry number `attempt` (0-based): uniform in [0, min(cap, base·2^n)].

        Full jitter spreads many clients' retries apart; a Retry-After from the server is a floor.
        """
        ceiling = min(self.cap_s, self.base_s * (2.0 ** min(attempt, 30)))
        d = self.rng() * ceiling
        if retry_after_s is not None:
            d = max(d, min(retry_after_s, self.max_retry_after_s))
        return d
