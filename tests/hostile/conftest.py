from __future__ import annotations

import pytest

from merchant_console.platform.backoff import Backoff
from merchant_console.platform.client import PlatformClient
from merchant_console.store.engine import Database
from merchant_console.sync.engine import SyncEngine

from .platform import HostilePlatform

TOKEN = "hostile-test-token-0123456789"


@pytest.fixture
def hostile():
    hp = HostilePlatform().start()
    yield hp
    hp.stop()


@pytest.fixture
def console(tmp_path):
    """A console (database + client + engine) on a platform URL, with quick retries."""
    made = []

    def make(url, *, name="console", max_attempts=3, **client_kw):
        db = Database(tmp_path / name / "console.db")
        client = PlatformClient(url, TOKEN, **client_kw)
        engine = SyncEngine(db, client, None, backoff=Backoff(base_s=0.01, cap_s=0.05), max_attempts=max_attempts)
        made.append((db, client))
        return engine

    yield make
    for db, client in made:
        client.close()
        db.close()
