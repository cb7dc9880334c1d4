"""audit_head: the audit chain's newest entry recorded outside audit_log (deletion at the end shows)

The head of an existing log is recorded as it is (without a MAC: the key lives in the keychain,
which a migration does not reach); the next entry the console appends signs it.

Revision ID: 0010
Revises: 0009
"""
from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'audit_head',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('seq', sa.Integer(), nullable=False),
        sa.Column('hash', sa.String(), nullable=False),
        sa.Column('mac', sa.String(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
    )
    op.execute("INSERT INTO audit_head (id, seq, hash, mac) "
               "SELECT 1, seq, hash, NULL FROM audit_log ORDER BY seq DESC LIMIT 1")


def downgrade() -> None:
    op.drop_table('audit_head')
