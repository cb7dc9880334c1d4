"""partial indexes on the moments of refunds awaiting a decision (idle cost at 100 000 refunds)

The sidebar counts, the next queue crossing and the notifier's deadline bands all ask about
due_at / auto_approve_at / urged_at of awaiting refunds. Through the queue index that is a pass
over every awaiting entry (~5 ms each at 50 000 awaiting); these small partial indexes answer them
with a range or a seek.

Revision ID: 0006
Revises: 0005
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

AWAITING = "status = 'awaiting_merchant'"
INDEXES = (
    ("ix_refunds_awaiting_due", ["due_at"], AWAITING),
    ("ix_refunds_awaiting_auto", ["auto_approve_at"], f"{AWAITING} AND fast_refund = 1"),
    ("ix_refunds_awaiting_urged", ["urged_at"], f"{AWAITING} AND urged_at IS NOT NULL"),
)


def upgrade() -> None:
    for name, columns, where in INDEXES:
        op.create_index(name, "refunds", columns, unique=False, sqlite_where=sa.text(where))


def downgrade() -> None:
    for name, _columns, _where in INDEXES:
        op.drop_index(name, table_name="refunds")
