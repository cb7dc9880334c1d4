"""refunds.odd_fields (display text the parser cleaned) and outbox leases (claimed_by/claimed_until)

Revision ID: 0008
Revises: 0007
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ALTER TABLE ADD COLUMN: no table rebuild, so refunds' triggers and indexes stay as they are
    op.add_column('refunds', sa.Column('odd_fields', sa.JSON(), nullable=True))
    op.add_column('outbox', sa.Column('claimed_by', sa.String(), nullable=True))
    op.add_column('outbox', sa.Column('claimed_until', sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('outbox') as batch:
        batch.drop_column('claimed_until')
        batch.drop_column('claimed_by')
    with op.batch_alter_table('refunds') as batch:
        batch.drop_column('odd_fields')
