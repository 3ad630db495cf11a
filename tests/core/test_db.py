"""The data layer: opening, migrating, transactions, the second-process message."""
import subprocess
import sys
import textwrap

import duckdb
import pytest

from lib.core import db as dblib
from lib.core import schema
from lib.core.db import DatabaseLockedError, connect
from lib.core.schema import Migration, list_migrations
from lib.seed import open_seeded_database


def test_fresh_memory_database_has_every_migration_recorded():
    database = open_seeded_database(":memory:")  # the `db` fixture is a file: open this one here
    versions = schema.applied(database)
    assert versions == [m.version for m in list_migrations()]
    assert versions[:2] == [1, 2]
    assert database.scalar("SELECT count(*) FROM means") == 55
    database.close()


def test_temp_file_database_is_created_under_a_new_folder(tmp_path):
    path = tmp_path / "sub" / "rocsmo.duckdb"
    database = open_seeded_database(str(path))
    assert path.exists()
    assert database.scalar("SELECT count(*) FROM means") == 55
    database.close()


def test_rocsmo_db_variable_chooses_the_file(monkeypatch, tmp_path):
    monkeypatch.setenv("ROCSMO_DB", str(tmp_path / "x.duckdb"))
    assert dblib.database_path() == str(tmp_path / "x.duckdb")
    monkeypatch.delenv("ROCSMO_DB")
    assert dblib.database_path().endswith("data/rocsmo.duckdb")


def test_file_made_by_the_previous_schema_upgrades_in_place(tmp_path):
    path = str(tmp_path / "old.duckdb")
    old = connect(path)
    schema.apply(old, list_migrations()[:1])  # as the first release left it
    old.transaction(lambda cur: cur.execute(
        "INSERT INTO settings (key, value) VALUES ('aga_month', '5')"))
    old.close()
    upgraded = open_seeded_database(path)
    assert schema.applied(upgraded) == [m.version for m in list_migrations()]
    assert upgraded.scalar("SELECT value FROM settings WHERE key = 'aga_month'") == "5"  # kept
    assert upgraded.scalar("SELECT count(*) FROM users") == 0
    upgraded.close()


def test_migrating_twice_applies_nothing_the_second_time(db):
    assert schema.apply(db) == []


def test_a_failing_migration_leaves_the_file_as_it_was(tmp_path):
    database = connect(str(tmp_path / "x.duckdb"))
    schema.apply(database, [Migration(1, "first", "CREATE TABLE a (x INTEGER);")])
    broken = [Migration(1, "first", "CREATE TABLE a (x INTEGER);"),
              Migration(2, "ok", "CREATE TABLE b (x INTEGER);"),
              Migration(3, "broken", "CREATE TABLE c (x INTEGER); CREATE TABLE oops (;")]
    with pytest.raises(duckdb.ParserException):
        schema.apply(database, broken)
    assert schema.applied(database) == [1]
    tables = {row[0] for row in database.query("SELECT table_name FROM information_schema.tables")}
    assert "a" in tables and "b" not in tables and "c" not in tables


def test_missing_migration_number_is_refused(tmp_path):
    (tmp_path / "001_a.sql").write_text("SELECT 1;")
    (tmp_path / "003_c.sql").write_text("SELECT 1;")
    with pytest.raises(ValueError, match="002"):
        list_migrations(tmp_path)


def test_transaction_rolls_back_everything_on_error(db):
    def work(cur):
        cur.execute("INSERT INTO settings (key, value) VALUES ('k1', 'v')")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        db.transaction(work)
    assert db.scalar("SELECT count(*) FROM settings WHERE key = 'k1'") == 0


def test_transaction_retries_a_write_conflict(db):
    attempts = []

    def work(cur):
        attempts.append(1)
        if len(attempts) == 1:
            raise duckdb.TransactionException("Conflict on tuple")
        cur.execute("INSERT INTO settings (key, value) VALUES ('k2', 'v')")
        return "done"

    assert db.transaction(work) == "done"
    assert len(attempts) == 2
    assert db.scalar("SELECT value FROM settings WHERE key = 'k2'") == "v"


def test_second_process_gets_a_clear_bilingual_message(tmp_path, seeded_copy):
    path = seeded_copy(tmp_path / "held.duckdb")
    holder = connect(str(path))
    script = textwrap.dedent("""
        from lib.cli import main
        import sys
        sys.exit(main(["init"]))
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            env={"ROCSMO_DB": str(path), "PATH": "/usr/bin:/bin"}, cwd=dblib.PROJECT_ROOT)
    holder.close()
    assert result.returncode == 3
    assert "déjà ouverte par un autre processus" in result.stderr
    assert "already open in another process" in result.stderr
    assert "PID" in result.stderr
    assert "Traceback" not in result.stderr


def test_locked_error_names_the_holder():
    error = DatabaseLockedError("/x.duckdb", "PID 12, python3")
    assert "PID 12" in error.message_fr and "PID 12" in error.message_en
