"""How a sandbox platform is set up: size, seed, storage, image realism, clock and ticker."""

from __future__ import annotations

from dataclasses import dataclass

IMAGE_MODES = ("realistic", "small", "none")


@dataclass
class SandboxConfig:
    refunds: int = 300
    seed: int = 1
    db_path: str | None = None
    images: str = "realistic"  # "realistic" | "small" | "none"
    start_time_ms: int | None = None  # platform clock at start; default real now
    # Pinned: platform time is start_time_ms plus the time elapsed on the monotonic clock plus every
    # `advance`, never the wall clock; timers fire only when `advance`/`set_time` move the clock. So
    # the seeded world is the same at any hour, and nothing changes on the platform by itself while
    # a slow test runs. (Kept with the world: a reopened db file stays pinned.)
    pinned_clock: bool = False
    # How long one page of the changes feed may spend drawing evidence before it ends early
    # (has_more): None = 1 s with realistic images (≈0.1 s each), no limit with small ones, so
    # tests' pages stay whole.
    page_draw_budget_s: float | None = None
    # v1.1: the seeded world's histories include proposals (协商中, and what buyers answered: partial refunds,
    # declines, expiries). Off: no proposals (messages, extensions and evidence requests still happen).
    # Refunds added later (POST /sandbox/refunds) are plain histories of the status asked for.
    seed_negotiations: bool = True
    ticker: bool = True  # background thread firing due timers about once a second

    def __post_init__(self) -> None:
        if self.images not in IMAGE_MODES:
            raise ValueError(f"images must be one of {IMAGE_MODES}, got {self.images!r}")
        if self.refunds < 0:
            raise ValueError("refunds must be >= 0")
