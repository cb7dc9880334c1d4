"""What an action gives back: done (with what it touched) or refused (with why), never an exception.

Errors are values here (Picard's `run_task` returns them on the result's path): the GUI shows a
refusal in the person's language from `code` and `facts`, the command line prints `message`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Done(Generic[T]):
    """The action was recorded. `refund_ids`: the refunds it touched, `templates`: whether it changed the
    reason templates (both for the one change notice that follows every write)."""

    value: T
    refund_ids: frozenset[str] = frozenset()
    templates: bool = False
    ok = True


@dataclass(frozen=True, slots=True)
class Refused:
    """Nothing was recorded. `code` names the rule (below); `message` says it in English for the command
    line and logs; `fields` maps a draft's field to what is wrong with it; `facts` carry the numbers a
    translated message needs."""

    code: str
    message: str
    fields: Mapping[str, str] = field(default_factory=dict)
    facts: Mapping[str, Any] = field(default_factory=dict)
    ok = False


Result = Done[T] | Refused

# the codes a refusal may carry
NEVER_SYNCED = "never_synced"        # this account has no staff, role or policy yet: sync first
ROLE = "role"                        # the role may view but not do this
UNKNOWN_REFUND = "unknown_refund"    # no such refund in the local database
CHANGED = "changed"                  # the refund changed since the person saw it (a newer version)
NOT_AWAITING = "not_awaiting"        # the refund is no longer waiting for the merchant's decision
QUEUED = "queued"                    # a decision on it is already waiting to upload
INVALID = "invalid"                  # the draft breaks the platform's rules (see `fields`)
BATCH_CAPS = "batch_caps"            # the batch is over the platform's count or money cap
NO_OPEN_APPEAL = "no_open_appeal"    # nothing to answer with a statement
PAST_DUE = "past_due"                # the statement's deadline has passed
ALREADY_WRITTEN = "already_written"  # a statement for this appeal exists
NAME_TAKEN = "name_taken"            # a template of that action, language and name exists
UNKNOWN_EVIDENCE = "unknown_evidence"  # no such image on that refund
NO_CONFLICT = "no_conflict"          # nothing to acknowledge: no decision the platform did not take, or seen
