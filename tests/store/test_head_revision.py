"""Start-up skips alembic when the database is current; that shortcut must agree with alembic."""

from alembic.script import ScriptDirectory

from merchant_console.store.engine import Database, alembic_config, head_revision


def test_the_head_read_from_the_files_is_alembics_head():
    assert [head_revision()] == ScriptDirectory.from_config(alembic_config()).get_heads()


def test_a_new_file_is_migrated_and_a_current_one_is_left_alone(tmp_path):
    db = Database(tmp_path / "c.db", migrate=False)
    assert db.revision() is None
    db.migrate()
    assert db.revision() == head_revision()
    with db.write() as conn:  # a current database: migrate() must not touch it (nor need alembic)
        conn.exec_driver_sql("CREATE TABLE marker (x)")
    db.migrate()
    with db.read() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM sqlite_master WHERE name='marker'").scalar() == 1
    db.close()


def test_a_database_one_migration_behind_is_brought_to_head(tmp_path):
    from alembic import command
    db = Database(tmp_path / "c.db")
    cfg = alembic_config()
    with db.engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "-1")
    assert db.revision() != head_revision()
    db.migrate()
    assert db.revision() == head_revision()
    db.close()
