import pytest

from merchant_console.store.engine import Database


@pytest.fixture
def db(tmp_path):
    """A migrated console database in this test's folder."""
    d = Database(tmp_path / "console.db")
    yield d
    d.close()
