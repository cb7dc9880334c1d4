"""conversation: images of messages fetched into the evidence cache, read marks per staff member

`message_images`: an image a message carries that is not among the refund's evidence (buyers attach chat
screenshots to messages only) — its digest once downloaded (the bytes live in the evidence cache, by sha256),
or why it cannot be. `message_reads`: who here has seen which buyer or customer-service message. A message
read before this revision (`refund_messages.read_at`, per computer) stays read for everyone.

Revision ID: 0013
Revises: 0012
"""
import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'message_images',
        sa.Column('refund_id', sa.String(), nullable=False),
        sa.Column('id', sa.String(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=True),
        sa.Column('content_type', sa.String(), nullable=True),
        sa.Column('bytes', sa.BigInteger(), nullable=True),
        sa.Column('fetched_at', sa.BigInteger(), nullable=True),
        sa.Column('fetch_error', sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(['refund_id'], ['refunds.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('refund_id', 'id'),
    )
    op.create_table(
        'message_reads',
        sa.Column('refund_id', sa.String(), nullable=False),
        sa.Column('message_id', sa.String(), nullable=False),
        sa.Column('staff_id', sa.String(), nullable=False),
        sa.Column('read_at', sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(['refund_id'], ['refunds.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('refund_id', 'message_id', 'staff_id'),
    )


def downgrade() -> None:
    op.drop_table('message_reads')
    op.drop_table('message_images')
