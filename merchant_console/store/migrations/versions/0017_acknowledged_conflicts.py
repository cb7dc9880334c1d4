"""a conflict (a decision the platform superseded or refused) can be acknowledged

Until then its refund stays in "Uploading / conflicts"; acknowledged, it leaves that queue (the decision,
its outcome and the acknowledgement stay in the history and the audit log).

Revision ID: 0017
Revises: 0016
"""
from alembic import op
import sqlalchemy as sa

revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


COLUMNS = (('acknowledged_at', sa.BigInteger()), ('acknowledged_by', sa.String()))


def upgrade() -> None:
    # a database whose recorded revision is behind its schema (restored, or re-stamped) may have them already
    have = {c['name'] for c in sa.inspect(op.get_bind()).get_columns('decisions')}
    with op.batch_alter_table('decisions') as batch:
        for name, kind in COLUMNS:
            if name not in have:
                batch.add_column(sa.Column(name, kind, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('decisions') as batch:
        batch.drop_column('acknowledged_by')
        batch.drop_column('acknowledged_at')
