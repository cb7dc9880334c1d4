"""initial schema

Revision ID: 0001
Revises: 
"""
from alembic import op
import sqlalchemy as sa

# Frozen copy: a migration must not change when the models do.
FTS_SQL = ["CREATE VIRTUAL TABLE refunds_fts USING fts5(id, order_no, product_name, buyer_nickname, buyer_id, reason, content='refunds', content_rowid='rowid', tokenize='trigram')", 'CREATE TRIGGER refunds_fts_ai AFTER INSERT ON refunds BEGIN INSERT INTO refunds_fts(rowid, id, order_no, product_name, buyer_nickname, buyer_id, reason) VALUES (new.rowid, new.id, new.order_no, new.product_name, new.buyer_nickname, new.buyer_id, new.reason); END', "CREATE TRIGGER refunds_fts_ad AFTER DELETE ON refunds BEGIN INSERT INTO refunds_fts(refunds_fts, rowid, id, order_no, product_name, buyer_nickname, buyer_id, reason) VALUES ('delete', old.rowid, old.id, old.order_no, old.product_name, old.buyer_nickname, old.buyer_id, old.reason); END", "CREATE TRIGGER refunds_fts_au AFTER UPDATE OF id, order_no, product_name, buyer_nickname, buyer_id, reason ON refunds BEGIN INSERT INTO refunds_fts(refunds_fts, rowid, id, order_no, product_name, buyer_nickname, buyer_id, reason) VALUES ('delete', old.rowid, old.id, old.order_no, old.product_name, old.buyer_nickname, old.buyer_id, old.reason); INSERT INTO refunds_fts(rowid, id, order_no, product_name, buyer_nickname, buyer_id, reason) VALUES (new.rowid, new.id, new.order_no, new.product_name, new.buyer_nickname, new.buyer_id, new.reason); END"]


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_log',
    sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('at_ms', sa.BigInteger(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('actor', sa.String(), nullable=False),
    sa.Column('refund_id', sa.String(), nullable=True),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('seq')
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index('ix_audit_log_refund_id', ['refund_id'], unique=False)

    op.create_table('evidence_blobs',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('stored_at', sa.BigInteger(), nullable=False),
    sa.Column('last_access_at', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('sha256')
    )
    with op.batch_alter_table('evidence_blobs', schema=None) as batch_op:
        batch_op.create_index('ix_evidence_blobs_last_access_at', ['last_access_at'], unique=False)

    op.create_table('quarantine',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('refund_id', sa.String(), nullable=True),
    sa.Column('raw', sa.Text(), nullable=False),
    sa.Column('error', sa.Text(), nullable=False),
    sa.Column('received_at', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('quarantine', schema=None) as batch_op:
        batch_op.create_index('ix_quarantine_refund_id', ['refund_id'], unique=False)

    op.create_table('reason_templates',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('action', sa.String(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('reason_code', sa.String(), nullable=True),
    sa.Column('shortcut', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('lang', sa.String(), nullable=False),
    sa.Column('updated_at', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('action', 'lang', 'name', name='uq_reason_templates_name')
    )
    op.create_table('refunds',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('version', sa.BigInteger(), nullable=False),
    sa.Column('order_no', sa.String(), nullable=False),
    sa.Column('product_sku', sa.String(), nullable=True),
    sa.Column('product_name', sa.String(), nullable=False),
    sa.Column('product_category', sa.String(), nullable=False),
    sa.Column('face_value_fen', sa.BigInteger(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('paid_fen', sa.BigInteger(), nullable=False),
    sa.Column('currency', sa.String(), nullable=False),
    sa.Column('payment_channel', sa.String(), nullable=False),
    sa.Column('buyer_id', sa.String(), nullable=False),
    sa.Column('buyer_nickname', sa.String(), nullable=False),
    sa.Column('buyer_refunds_90d', sa.Integer(), nullable=False),
    sa.Column('buyer_orders_90d', sa.Integer(), nullable=False),
    sa.Column('delivered_at', sa.BigInteger(), nullable=True),
    sa.Column('card_status', sa.String(), nullable=False),
    sa.Column('card_used_fen', sa.BigInteger(), nullable=False),
    sa.Column('type', sa.String(), nullable=False),
    sa.Column('requested_fen', sa.BigInteger(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('submitted_at', sa.BigInteger(), nullable=False),
    sa.Column('due_at', sa.BigInteger(), nullable=False),
    sa.Column('fast_refund', sa.Boolean(), nullable=False),
    sa.Column('auto_approve_at', sa.BigInteger(), nullable=True),
    sa.Column('urged_at', sa.BigInteger(), nullable=True),
    sa.Column('escalates_at', sa.BigInteger(), nullable=True),
    sa.Column('previous_refund_id', sa.String(), nullable=True),
    sa.Column('decision_action', sa.String(), nullable=True),
    sa.Column('decision_amount_fen', sa.BigInteger(), nullable=True),
    sa.Column('decision_reason_code', sa.String(), nullable=True),
    sa.Column('decision_reason_text', sa.Text(), nullable=True),
    sa.Column('decision_by_kind', sa.String(), nullable=True),
    sa.Column('decision_by_id', sa.String(), nullable=True),
    sa.Column('decision_by_name', sa.String(), nullable=True),
    sa.Column('decision_at', sa.BigInteger(), nullable=True),
    sa.Column('decision_evidence_ids', sa.JSON(), nullable=True),
    sa.Column('appeal', sa.JSON(), nullable=True),
    sa.Column('appeal_statement_due_at', sa.BigInteger(), nullable=True),
    sa.Column('payout', sa.JSON(), nullable=True),
    sa.Column('payout_status', sa.String(), nullable=True),
    sa.Column('timeline', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.BigInteger(), nullable=False),
    sa.Column('evidence_count', sa.Integer(), nullable=False),
    sa.Column('next_deadline_at', sa.BigInteger(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('refunds', schema=None) as batch_op:
        batch_op.create_index('ix_refunds_buyer_id', ['buyer_id'], unique=False)
        batch_op.create_index('ix_refunds_decision_at', ['decision_at'], unique=False)
        batch_op.create_index('ix_refunds_next_deadline_at', ['next_deadline_at'], unique=False)
        batch_op.create_index('ix_refunds_order_no', ['order_no'], unique=False)
        batch_op.create_index('ix_refunds_previous_refund_id', ['previous_refund_id'], unique=False)
        batch_op.create_index('ix_refunds_status_deadline', ['status', 'next_deadline_at'], unique=False)
        batch_op.create_index('ix_refunds_submitted_at', ['submitted_at'], unique=False)
        batch_op.create_index('ix_refunds_updated_at', ['updated_at'], unique=False)

    op.create_table('sync_state',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('platform_url', sa.String(), nullable=True),
    sa.Column('cursor', sa.Text(), nullable=False),
    sa.Column('clock_offset_ms', sa.BigInteger(), nullable=False),
    sa.Column('last_sync_at', sa.BigInteger(), nullable=True),
    sa.Column('last_full_sync_at', sa.BigInteger(), nullable=True),
    sa.Column('full_resyncs', sa.Integer(), nullable=False),
    sa.Column('merchant_id', sa.String(), nullable=True),
    sa.Column('merchant_name', sa.String(), nullable=True),
    sa.Column('staff_id', sa.String(), nullable=True),
    sa.Column('staff_name', sa.String(), nullable=True),
    sa.Column('role', sa.String(), nullable=True),
    sa.Column('policy', sa.JSON(), nullable=True),
    sa.Column('reason_codes', sa.JSON(), nullable=True),
    sa.Column('announcement', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('decisions',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('refund_id', sa.String(), nullable=False),
    sa.Column('action', sa.String(), nullable=False),
    sa.Column('amount_fen', sa.BigInteger(), nullable=True),
    sa.Column('reason_code', sa.String(), nullable=True),
    sa.Column('reason_text', sa.Text(), nullable=True),
    sa.Column('evidence_ids', sa.JSON(), nullable=False),
    sa.Column('staff_id', sa.String(), nullable=False),
    sa.Column('staff_name', sa.String(), nullable=False),
    sa.Column('base_version', sa.BigInteger(), nullable=False),
    sa.Column('created_at', sa.BigInteger(), nullable=False),
    sa.Column('state', sa.String(), nullable=False),
    sa.Column('message', sa.Text(), nullable=True),
    sa.Column('field_errors', sa.JSON(), nullable=True),
    sa.Column('platform_decision', sa.JSON(), nullable=True),
    sa.Column('resolved_at', sa.BigInteger(), nullable=True),
    sa.ForeignKeyConstraint(['refund_id'], ['refunds.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.create_index('ix_decisions_refund_id', ['refund_id'], unique=False)
        batch_op.create_index('ix_decisions_state', ['state'], unique=False)

    op.create_table('evidence',
    sa.Column('refund_id', sa.String(), nullable=False),
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('content_type', sa.String(), nullable=False),
    sa.Column('bytes', sa.BigInteger(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('uploaded_at', sa.BigInteger(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('fetch_error', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['refund_id'], ['refunds.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('refund_id', 'id')
    )
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.create_index('ix_evidence_sha256', ['sha256'], unique=False)

    op.create_table('outbox',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('decision_id', sa.Integer(), nullable=True),
    sa.Column('refund_id', sa.String(), nullable=False),
    sa.Column('idempotency_key', sa.String(length=255), nullable=False),
    sa.Column('if_match', sa.BigInteger(), nullable=False),
    sa.Column('body', sa.JSON(), nullable=False),
    sa.Column('state', sa.String(), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.BigInteger(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('created_at', sa.BigInteger(), nullable=False),
    sa.Column('first_sent_at', sa.BigInteger(), nullable=True),
    sa.Column('completed_at', sa.BigInteger(), nullable=True),
    sa.ForeignKeyConstraint(['decision_id'], ['decisions.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('idempotency_key')
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_state_next', ['state', 'next_attempt_at'], unique=False)
    for statement in FTS_SQL:
        op.execute(statement)


def downgrade() -> None:
    for name in ('refunds_fts_au', 'refunds_fts_ad', 'refunds_fts_ai'):
        op.execute(f'DROP TRIGGER IF EXISTS {name}')
    op.execute('DROP TABLE IF EXISTS refunds_fts')
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_state_next')

    op.drop_table('outbox')
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.drop_index('ix_evidence_sha256')

    op.drop_table('evidence')
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.drop_index('ix_decisions_state')
        batch_op.drop_index('ix_decisions_refund_id')

    op.drop_table('decisions')
    op.drop_table('sync_state')
    with op.batch_alter_table('refunds', schema=None) as batch_op:
        batch_op.drop_index('ix_refunds_updated_at')
        batch_op.drop_index('ix_refunds_submitted_at')
        batch_op.drop_index('ix_refunds_status_deadline')
        batch_op.drop_index('ix_refunds_previous_refund_id')
        batch_op.drop_index('ix_refunds_order_no')
        batch_op.drop_index('ix_refunds_next_deadline_at')
        batch_op.drop_index('ix_refunds_decision_at')
        batch_op.drop_index('ix_refunds_buyer_id')

    op.drop_table('refunds')
    op.drop_table('reason_templates')
    with op.batch_alter_table('quarantine', schema=None) as batch_op:
        batch_op.drop_index('ix_quarantine_refund_id')

    op.drop_table('quarantine')
    with op.batch_alter_table('evidence_blobs', schema=None) as batch_op:
        batch_op.drop_index('ix_evidence_blobs_last_access_at')

    op.drop_table('evidence_blobs')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_log_refund_id')

    op.drop_table('audit_log')
