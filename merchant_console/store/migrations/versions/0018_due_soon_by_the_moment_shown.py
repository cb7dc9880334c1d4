""""Due within 2 h" goes by the moment each refund's countdown shows, over its own partial index

The queue used the response deadline (due_at): an urged refund (its deadline passed, the platform steps in hours
later) was listed with a 10 h chip, and a fast refund auto-approving in 5 minutes was not. It is now
`next_deadline_at`, counted over a partial index of the awaiting refunds' moments (with the status, so the
count reads the index only; the wide queue index took ~17 ms to count 20 000 of them at 100 000 refunds, and
the sidebar counts the queues the clock changes every few seconds).

Revision ID: 0018
Revises: 0017
"""
from alembic import op

revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE INDEX IF NOT EXISTS ix_refunds_awaiting_moment ON refunds (next_deadline_at, status) "
               "WHERE status = 'awaiting_merchant'")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_refunds_awaiting_moment")
