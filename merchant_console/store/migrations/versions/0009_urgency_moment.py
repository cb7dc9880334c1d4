"""next_deadline_at of urged refunds: the escalation ahead, not the response deadline already passed

A buyer urges only after the response deadline; the Countdown then shows the escalation, and the
queue's urgency order (read off next_deadline_at) must follow it (core.refund.next_deadline_at).
Rows synced before this change are corrected here; later syncs write the new value.

Revision ID: 0009
Revises: 0008
"""
from alembic import op


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

URGED_AFTER_DUE = ("status = 'awaiting_merchant' AND escalates_at IS NOT NULL AND urged_at IS NOT NULL "
                   "AND due_at <= urged_at")


def upgrade() -> None:
    op.execute("UPDATE refunds SET next_deadline_at = CASE WHEN fast_refund = 1 AND auto_approve_at IS NOT NULL "
               "AND auto_approve_at < escalates_at THEN auto_approve_at ELSE escalates_at END "
               f"WHERE {URGED_AFTER_DUE}")


def downgrade() -> None:
    op.execute("UPDATE refunds SET next_deadline_at = CASE WHEN fast_refund = 1 AND auto_approve_at IS NOT NULL "
               "AND auto_approve_at < due_at THEN auto_approve_at ELSE due_at END "
               f"WHERE {URGED_AFTER_DUE}")
