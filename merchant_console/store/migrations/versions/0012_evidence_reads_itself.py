"""evidence reads itself: block signatures for near-copies, the text read from each image

The old near-identical pairs (dHash within 18 bits) fired on every screenshot of the same app screen;
they are dropped and found again from the new signatures, which the console makes for the cached
images that have none (EvidenceProcessor.backfill), so an existing database needs no other step.

Revision ID: 0012
Revises: 0011
"""
from alembic import op
import sqlalchemy as sa


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'evidence_signature',
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('keys', sa.LargeBinary(), nullable=False),
        sa.Column('data', sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint('sha256'),
    )
    op.create_table(
        'evidence_text',
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('status', sa.String(), nullable=False),
        sa.Column('read_at', sa.BigInteger(), nullable=False),
        sa.Column('engine', sa.String(), nullable=False),
        sa.Column('seconds', sa.Float(), nullable=True),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('lines', sa.JSON(), nullable=False),
        sa.Column('detail', sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint('sha256'),
    )
    op.execute("DELETE FROM evidence_similar")


def downgrade() -> None:
    op.drop_table('evidence_text')
    op.drop_table('evidence_signature')
