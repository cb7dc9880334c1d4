"""covering indexes for the queue's urgency order (speed at 100 000 refunds)

They replace ix_refunds_status_deadline and ix_refunds_next_deadline_at, which they extend: the
queue reads its row ids in order straight off them and tests its filters without reading rows.

Revision ID: 0003
Revises: 0002
"""
from alembic import op


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

QUEUE_STATUS = ['status', 'next_deadline_at', 'submitted_at', 'id', 'due_at', 'urged_at', 'fast_refund',
                'auto_approve_at', 'type', 'product_category', 'payment_channel', 'paid_fen']
QUEUE_ALL = ['next_deadline_at', 'submitted_at', 'id', 'status', 'type', 'product_category', 'payment_channel',
             'paid_fen']


def upgrade() -> None:
    with op.batch_alter_table('refunds', schema=None) as batch_op:
        batch_op.create_index('ix_refunds_queue_status', QUEUE_STATUS, unique=False)
        batch_op.create_index('ix_refunds_queue_all', QUEUE_ALL, unique=False)
        batch_op.drop_index('ix_refunds_status_deadline')
        batch_op.drop_index('ix_refunds_next_deadline_at')


def downgrade() -> None:
    with op.batch_alter_table('refunds', schema=None) as batch_op:
        batch_op.create_index('ix_refunds_next_deadline_at', ['next_deadline_at'], unique=False)
        batch_op.create_index('ix_refunds_status_deadline', ['status', 'next_deadline_at'], unique=False)
        batch_op.drop_index('ix_refunds_queue_all')
        batch_op.drop_index('ix_refunds_queue_status')
