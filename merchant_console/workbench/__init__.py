"""The merchant's workbench: every user action as one function, and the one place a session opens.

Qt-free. The GUI and the command line call these same functions, so an action is checked and
recorded the same way whichever door it came through. Each action:

- reads who is acting (staff, role, policy, platform time) from what the last sync recorded,
- reads the refund's CURRENT row in the write transaction that records, and refuses when it no
  longer matches what the person saw (`seen_version`) or no longer allows the action,
- records (outbox row with its idempotency key, audit entry) and returns `Done(value, refund_ids)`,
  or returns `Refused(code, message, fields, facts)`; errors are values, never raised for a rule.

Adding an action is one small function in the module of its kind (decisions, flags, templates, ...):
open `db.write()`, take `deciding_actor(conn, now_ms)` (or `actor_of`), check the current row, record
through `store`, return `Done` or `Refused`.
"""

from .actor import Actor, actor_of, deciding_actor
from .decisions import BatchOutcome, acknowledge_conflict, decide, decide_batch, write_statement
from .flags import clear_flag, flag_image
from .result import Done, Refused, Result
from .templates import delete_template, import_templates, move_template, save_template

__all__ = [
    "Actor", "BatchOutcome", "Done", "Refused", "Result", "acknowledge_conflict", "actor_of", "clear_flag", "decide",
    "decide_batch", "deciding_actor", "delete_template", "flag_image", "import_templates", "move_template",
    "save_template", "write_statement",
]
