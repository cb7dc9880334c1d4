"""evidence facts, near-identical pairs, staff flags

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('evidence_facts',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('processed_at', sa.BigInteger(), nullable=False),
    sa.Column('broken', sa.String(), nullable=True),
    sa.Column('detail', sa.Text(), nullable=True),
    sa.Column('format', sa.String(), nullable=True),
    sa.Column('width', sa.Integer(), nullable=True),
    sa.Column('height', sa.Integer(), nullable=True),
    sa.Column('orientation', sa.Integer(), nullable=True),
    sa.Column('camera_make', sa.String(), nullable=True),
    sa.Column('camera_model', sa.String(), nullable=True),
    sa.Column('software', sa.String(), nullable=True),
    sa.Column('editor', sa.String(), nullable=True),
    sa.Column('taken_at', sa.String(), nullable=True),
    sa.Column('dhash', sa.String(length=64), nullable=True),
    sa.PrimaryKeyConstraint('sha256')
    )
    with op.batch_alter_table('evidence_facts', schema=None) as batch_op:
        batch_op.create_index('ix_evidence_facts_editor', ['editor'], unique=False)

    op.create_table('evidence_similar',
    sa.Column('sha_a', sa.String(length=64), nullable=False),
    sa.Column('sha_b', sa.String(length=64), nullable=False),
    sa.Column('distance', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('sha_a', 'sha_b')
    )
    with op.batch_alter_table('evidence_similar', schema=None) as batch_op:
        batch_op.create_index('ix_evidence_similar_sha_b', ['sha_b'], unique=False)

    op.create_table('evidence_flags',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('refund_id', sa.String(), nullable=False),
    sa.Column('evidence_id', sa.String(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('staff_id', sa.String(), nullable=True),
    sa.Column('staff_name', sa.String(), nullable=True),
    sa.Column('created_at', sa.BigInteger(), nullable=False),
    sa.Column('cleared_at', sa.BigInteger(), nullable=True),
    sa.ForeignKeyConstraint(['refund_id'], ['refunds.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('evidence_flags', schema=None) as batch_op:
        batch_op.create_index('ix_evidence_flags_refund_id', ['refund_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('evidence_flags', schema=None) as batch_op:
        batch_op.drop_index('ix_evidence_flags_refund_id')
    op.drop_table('evidence_flags')
    with op.batch_alter_table('evidence_similar', schema=None) as batch_op:
        batch_op.drop_index('ix_evidence_similar_sha_b')
    op.drop_table('evidence_similar')
    with op.batch_alter_table('evidence_facts', schema=None) as batch_op:
        batch_op.drop_index('ix_evidence_facts_editor')
    op.drop_table('evidence_facts')
