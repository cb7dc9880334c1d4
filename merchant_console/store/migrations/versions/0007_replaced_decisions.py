"""keep a staff decision the platform replaces (an appeal overturned), for reports

Revision ID: 0007
Revises: 0006
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

# the refunds table holds the latest decision only: when an update replaces a staff decision with
# another (customer service deciding an appeal), the staff one is copied here first
TRIGGER = (
    "CREATE TRIGGER refunds_keep_replaced_decision AFTER UPDATE OF decision_at, decision_by_kind ON refunds "
    "WHEN old.decision_by_kind = 'staff' AND old.decision_at IS NOT NULL "
    "AND (new.decision_at IS NOT old.decision_at OR new.decision_by_kind IS NOT old.decision_by_kind) BEGIN "
    "INSERT OR IGNORE INTO replaced_decisions (refund_id, at, action, amount_fen, reason_code, reason_text, "
    "by_kind, by_id, by_name) VALUES (old.id, old.decision_at, old.decision_action, old.decision_amount_fen, "
    "old.decision_reason_code, old.decision_reason_text, old.decision_by_kind, old.decision_by_id, "
    "old.decision_by_name); END")


def upgrade() -> None:
    op.create_table(
        'replaced_decisions',
        sa.Column('refund_id', sa.String(), nullable=False),
        sa.Column('at', sa.BigInteger(), nullable=False),
        sa.Column('action', sa.String(), nullable=True),
        sa.Column('amount_fen', sa.BigInteger(), nullable=True),
        sa.Column('reason_code', sa.String(), nullable=True),
        sa.Column('reason_text', sa.Text(), nullable=True),
        sa.Column('by_kind', sa.String(), nullable=True),
        sa.Column('by_id', sa.String(), nullable=True),
        sa.Column('by_name', sa.String(), nullable=True),
        sa.ForeignKeyConstraint(['refund_id'], ['refunds.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('refund_id', 'at'),
    )
    op.create_index('ix_replaced_decisions_at', 'replaced_decisions', ['at'], unique=False)
    op.execute(TRIGGER)


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS refunds_keep_replaced_decision")
    op.drop_index('ix_replaced_decisions_at', table_name='replaced_decisions')
    op.drop_table('replaced_decisions')
