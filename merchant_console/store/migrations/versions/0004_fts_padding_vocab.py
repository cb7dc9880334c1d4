"""Short searches through the trigram index: pad indexed values, add a vocabulary table

A term of one or two characters is never a trigram itself, so it used to be a LIKE scan over every
row. Padded with a space on both sides, every occurrence of such a term lies inside some indexed
trigram (even a whole two-character nickname such as 小王), and fts5vocab lists those trigrams.

Revision ID: 0004
Revises: 0003
"""
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

COLUMNS = ("id", "order_no", "product_name", "buyer_nickname", "buyer_id", "reason")
NAMES = ", ".join(COLUMNS)


def _values(prefix: str, padded: bool) -> str:
    if not padded:
        return ", ".join(f"{prefix}.{c}" for c in COLUMNS)
    return ", ".join(f"' ' || coalesce({prefix}.{c}, '') || ' '" for c in COLUMNS)


def _triggers(padded: bool) -> list[str]:
    new, old = _values("new", padded), _values("old", padded)
    return [
        "CREATE TRIGGER refunds_fts_ai AFTER INSERT ON refunds BEGIN "
        f"INSERT INTO refunds_fts(rowid, {NAMES}) VALUES (new.rowid, {new}); END",
        "CREATE TRIGGER refunds_fts_ad AFTER DELETE ON refunds BEGIN "
        f"INSERT INTO refunds_fts(refunds_fts, rowid, {NAMES}) VALUES ('delete', old.rowid, {old}); END",
        f"CREATE TRIGGER refunds_fts_au AFTER UPDATE OF {NAMES} ON refunds BEGIN "
        f"INSERT INTO refunds_fts(refunds_fts, rowid, {NAMES}) VALUES ('delete', old.rowid, {old}); "
        f"INSERT INTO refunds_fts(rowid, {NAMES}) VALUES (new.rowid, {new}); END",
    ]


def _reindex(padded: bool) -> None:
    for name in ("refunds_fts_ai", "refunds_fts_ad", "refunds_fts_au"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("INSERT INTO refunds_fts(refunds_fts) VALUES ('delete-all')")
    op.execute(f"INSERT INTO refunds_fts(rowid, {NAMES}) SELECT rowid, {_values('refunds', padded)} FROM refunds")
    for statement in _triggers(padded):
        op.execute(statement)


def upgrade() -> None:
    _reindex(padded=True)
    op.execute("CREATE VIRTUAL TABLE refunds_fts_vocab USING fts5vocab(refunds_fts, 'row')")


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS refunds_fts_vocab")
    _reindex(padded=False)
