"""the v1.1 queues' partial indexes carry what their counts test

The sidebar counts every queue every few seconds at a busy merchant. "Buyers waiting" tested the status of
each of its rows in the table (~29 ms at 100 000 refunds, 14 000 waiting) and "evidence requested" was
planned over the status index, reading each platform-review and appealed row (~21 ms): together two thirds
of a count round, and most of the console's idle CPU. With status (and unanswered_buyer) in the partial
indexes both are index-only: ~5 ms and ~0.3 ms.

Revision ID: 0015
Revises: 0014
"""
import sqlalchemy as sa
from alembic import op

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None

BEFORE = (
    ("ix_refunds_unanswered_buyer", ["messages_last_at"], "unanswered_buyer > 0"),
    ("ix_refunds_evidence_request_due", ["evidence_request_due_at"], "evidence_request_due_at IS NOT NULL"),
)
AFTER = (
    ("ix_refunds_unanswered_buyer", ["messages_last_at", "status", "unanswered_buyer"], "unanswered_buyer > 0"),
    ("ix_refunds_evidence_request_due", ["evidence_request_due_at", "status"], "evidence_request_due_at IS NOT NULL"),
)


def _replace(indexes) -> None:
    for name, columns, where in indexes:
        op.drop_index(name, table_name="refunds")
        op.create_index(name, "refunds", columns, unique=False, sqlite_where=sa.text(where))


def upgrade() -> None:
    _replace(AFTER)


def downgrade() -> None:
    _replace(BEFORE)
