from __future__ import annotations

import pytest

from merchant_console.platform.backoff import Backoff
from merchant_console.platform.client import PlatformClient
from merchant_console.store.engine import Database
from merchant_console.store.evidence_cache import EvidenceCache
from merchant_console.sync.engine import SyncEngine


@pytest.fixture
def console(tmp_path):
    """Build a console (database + client + engine) signed in to a sandbox with a role."""
    made = []

    def make(sb, role="operator", *, name="console", clock=None, cache=True, max_attempts=8, **engine_args):
        db = Database(tmp_path / name / "console.db")
        client = PlatformClient(sb.url, sb.tokens[role], clock=clock)
        engine = SyncEngine(db, client, EvidenceCache(tmp_path / name / "evidence", db) if cache else None,
                            backoff=Backoff(base_s=0.01, cap_s=0.05), max_attempts=max_attempts, **engine_args)
        made.append((db, client))
        return engine

    yield make
    for db, client in made:
        client.close()
        db.close()
