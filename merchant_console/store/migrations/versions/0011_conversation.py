"""the after-sale conversation (platform API v1.1): messages, proposals, extensions, evidence requests

The refund row gains the current proposal, the one extension, the soonest unanswered evidence request
and the platform's message summary (plain ADD COLUMN: refunds' triggers and indexes stay as they are);
the history of each lives in its own table. Two small partial indexes serve the new queues.

Revision ID: 0011
Revises: 0010
"""
from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

INDEXES = (
    ("ix_refunds_unanswered_buyer", ["messages_last_at"], "unanswered_buyer > 0"),
    ("ix_refunds_evidence_request_due", ["evidence_request_due_at"], "evidence_request_due_at IS NOT NULL"),
)


def upgrade() -> None:
    op.add_column('refunds', sa.Column('negotiation', sa.JSON(), nullable=True))
    op.add_column('refunds', sa.Column('negotiation_state', sa.String(), nullable=True))
    op.add_column('refunds', sa.Column('negotiation_respond_by', sa.BigInteger(), nullable=True))
    op.add_column('refunds', sa.Column('extension', sa.JSON(), nullable=True))
    op.add_column('refunds', sa.Column('evidence_request_due_at', sa.BigInteger(), nullable=True))
    op.add_column('refunds', sa.Column('messages_count', sa.Integer(), nullable=False, server_default='0'))
    op.add_column('refunds', sa.Column('messages_last_at', sa.BigInteger(), nullable=True))
    op.add_column('refunds', sa.Column('messages_last_from', sa.String(), nullable=True))
    op.add_column('refunds', sa.Column('unanswered_buyer', sa.Integer(), nullable=False, server_default='0'))
    for name, columns, where in INDEXES:
        op.create_index(name, "refunds", columns, unique=False, sqlite_where=sa.text(where))
    op.create_table(
        'refund_messages',
        sa.Column('refund_id', sa.String(), nullable=False),
        sa.Column('id', sa.String(), nullable=False),
        sa.Column('at', sa.BigInteger(), nullable=False),
        sa.Column('sender', sa.String(), nullable=False),
        sa.Column('by_id', sa.String(), nullable=True),
        sa.Column('by_name', sa.String(), nullable=True),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('evidence_ids', sa.JSON(), nullable=False),
        sa.Column('read_at', sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(['refund_id'], ['refunds.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('refund_id', 'id'),
    )
    op.create_index('ix_refund_messages_refund_at', 'refund_messages', ['refund_id', 'at'], unique=False)
    op.create_table(
        'refund_proposals',
        sa.Column('refund_id', sa.String(), nullable=False),
        sa.Column('round', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(), nullable=False),
        sa.Column('amount_fen', sa.BigInteger(), nullable=True),
        sa.Column('requested_fen', sa.BigInteger(), nullable=False),
        sa.Column('message', sa.Text(), nullable=False),
        sa.Column('proposed_at', sa.BigInteger(), nullable=False),
        sa.Column('respond_by', sa.BigInteger(), nullable=False),
        sa.Column('by_id', sa.String(), nullable=True),
        sa.Column('by_name', sa.String(), nullable=True),
        sa.Column('state', sa.String(), nullable=False),
        sa.Column('answered_at', sa.BigInteger(), nullable=True),
        sa.Column('buyer_message', sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(['refund_id'], ['refunds.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('refund_id', 'round'),
    )
    op.create_index('ix_refund_proposals_proposed_at', 'refund_proposals', ['proposed_at'], unique=False)
    op.create_table(
        'refund_extensions',
        sa.Column('refund_id', sa.String(), nullable=False),
        sa.Column('hours', sa.Integer(), nullable=False),
        sa.Column('reason_code', sa.String(), nullable=True),
        sa.Column('reason_text', sa.Text(), nullable=True),
        sa.Column('at', sa.BigInteger(), nullable=False),
        sa.Column('by_id', sa.String(), nullable=True),
        sa.Column('by_name', sa.String(), nullable=True),
        sa.ForeignKeyConstraint(['refund_id'], ['refunds.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('refund_id'),
    )
    op.create_index('ix_refund_extensions_at', 'refund_extensions', ['at'], unique=False)
    op.create_table(
        'evidence_requests',
        sa.Column('refund_id', sa.String(), nullable=False),
        sa.Column('id', sa.String(), nullable=False),
        sa.Column('question', sa.Text(), nullable=False),
        sa.Column('asked_at', sa.BigInteger(), nullable=False),
        sa.Column('due_at', sa.BigInteger(), nullable=False),
        sa.Column('answer_text', sa.Text(), nullable=True),
        sa.Column('answer_evidence_ids', sa.JSON(), nullable=True),
        sa.Column('answered_at', sa.BigInteger(), nullable=True),
        sa.Column('answered_by_id', sa.String(), nullable=True),
        sa.Column('answered_by_name', sa.String(), nullable=True),
        sa.ForeignKeyConstraint(['refund_id'], ['refunds.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('refund_id', 'id'),
    )
    op.create_index('ix_evidence_requests_due_at', 'evidence_requests', ['due_at'], unique=False)


def downgrade() -> None:
    for table in ('evidence_requests', 'refund_extensions', 'refund_proposals', 'refund_messages'):
        op.drop_table(table)
    for name, _columns, _where in INDEXES:
        op.drop_index(name, table_name="refunds")
    with op.batch_alter_table('refunds') as batch:
        for column in ('unanswered_buyer', 'messages_last_from', 'messages_last_at', 'messages_count',
                       'evidence_request_due_at', 'extension', 'negotiation_respond_by', 'negotiation_state',
                       'negotiation'):
            batch.drop_column(column)
