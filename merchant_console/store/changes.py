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
READING = "reading"   # the evidence text reader: signals drawn from images; no status, deadline or queue moves


@dataclass(frozen=True)
class Changes:
    """What one write (or several, merged) touched: the refunds whose rows changed (`ids`; `everything`
    when they were too many to list: a full resync, a big first page), the evidence files that arrived
    or were worked on (`evidence`: (refund id, sha256) pairs: cached, failed for good, or their facts
    recorded; the refund's row is unchanged), and whether the reason templates changed (`templates`).
    `origin` says who wrote: LOCAL, SYNC or READING."""

    ids: frozenset[str] = frozenset()
    everything: bool = False
    origin: str = SYNC
    evidence: frozenset[tuple[str, str]] = frozenset()
    templates: bool = False

    @classmethod
    def of(cls, ids: Iterable[str], origin: str = SYNC) -> Changes:
        ids = frozenset(ids)
        if len(ids) > MAX_LISTED:
            return cls(frozenset(), True, origin)
        return cls(ids, False, origin)

    @classmethod
    def all(cls, origin: str = SYNC) -> Changes:
        return cls(frozenset(), True, origin)

    @classmethod
    def of_evidence(cls, pairs: Iterable[tuple[str, str]], origin: str = SYNC) -> Changes:
        """Evidence files (refund id, sha256) that arrived, failed for good or had their facts recorded."""
        return cls(origin=origin, evidence=frozenset(pairs))

    @classmethod
    def of_templates(cls, origin: str = LOCAL) -> Changes:
        return cls(origin=origin, templates=True)

    def __bool__(self) -> bool:
        return self.everything or bool(self.ids) or bool(self.evidence) or self.templates

    @property
    def rows(self) -> bool:
        """Whether any refund's row (what the queue lists, what the pane's facts say) may have changed."""
        return self.everything or bool(self.ids)

    def touches(self, refund_id: str | None) -> bool:
        """Whether this refund's row may have changed (always, for `everything`)."""
        return self.everything or (refund_id is not None and refund_id in self.ids)

    def only_rows(self) -> Changes:
        """The same notice without its evidence and templates parts (what the queue and counts care for)."""
        return Changes(self.ids, self.everything, self.origin)

    def __or__(self, other: Changes) -> Changes:
        if not other:
            return self
        if not self:    # an empty notice says nothing of who wrote (NOTHING | a reading's notice is the reading's)
            return other
        origin = self.origin if self.origin == other.origin else SYNC  # mixed: the platform's view wins
        evidence, templates = self.evidence | other.evidence, self.templates or other.templates
        if self.everything or other.everything:
            return Changes(frozenset(), True, origin, evidence, templates)
        ids = self.ids | other.ids
        if len(ids) > MAX_LISTED:
            return Changes(frozenset(), True, origin, evidence, templates)
        return Changes(frozenset(ids), False, origin, evidence, templates)


NOTHING = Changes()
EVERYTHING = Changes.all()  # "refresh everything": a full resync, the console's start
