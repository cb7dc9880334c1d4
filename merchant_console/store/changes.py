"""What a write touched: the one change notice every write ends in, local or from sync.

Listeners (the console's queue, detail pane, sidebar, notifier) refresh what the notice names.
"Too many to list" is a notice of its own (`everything`), decided here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

MAX_LISTED = 1_000  # past this many refunds a notice says "everything" rather than list them

LOCAL = "local"   # the person at this console (a decision, a statement, a flag, a template)
SYNC = "sync"     # the platform (a page of the feed, an upload settled, evidence fetched)


@dataclass(frozen=True)
class Changes:
    """The refunds one write (or several, merged) touched; `everything` when they were too many to list
    (a full resync, a big first page). `origin` says who wrote: LOCAL or SYNC."""

    ids: frozenset[str] = frozenset()
    everything: bool = False
    origin: str = SYNC

    @classmethod
    def of(cls, ids: Iterable[str], origin: str = SYNC) -> Changes:
        ids = frozenset(ids)
        if len(ids) > MAX_LISTED:
            return cls(frozenset(), True, origin)
        return cls(ids, False, origin)

    @classmethod
    def all(cls, origin: str = SYNC) -> Changes:
        return cls(frozenset(), True, origin)

    def __bool__(self) -> bool:
        return self.everything or bool(self.ids)

    def touches(self, refund_id: str | None) -> bool:
        """Whether this refund may have changed (always, for `everything`)."""
        return self.everything or (refund_id is not None and refund_id in self.ids)

    def __or__(self, other: Changes) -> Changes:
        origin = self.origin if self.origin == other.origin else SYNC  # mixed: the platform's view wins
        if self.everything or other.everything:
            return Changes.all(origin)
        return Changes.of(self.ids | other.ids, origin)


NOTHING = Changes()
EVERYTHING = Changes.all()  # "refresh everything": a full resync, the console's start
