"""The one DuckDB database: where it lives, opening it, migrations and transactions.

One connection per process (a DuckDB file accepts a single writing process); every
unit of work takes its own cursor, because a connection is not thread-safe and
Streamlit runs each browser session in its own thread.
"""
from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import duckdb
import pandas as pd

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DB_PATH = PROJECT_ROOT / "data" / "rocsmo.duckdb"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
MIGRATION_FILE = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")

log = logging.getLogger(__name__)
T = TypeVar("T")


class DatabaseLockedError(RuntimeError):
    """Another process holds the database file; carries a bilingual explanation."""

    def __init__(self, path: str, holder: str):
        self.path = path
        self.holder = holder
        self.message_fr = (
            f"La base de données {path} est déjà ouverte par un autre processus ({holder}). "
            "Arrêtez ce processus (par exemple l’application Streamlit) puis réessayez, "
            "ou faites la sauvegarde depuis l’application (page Sauvegardes)."
        )
        self.message_en = (
            f"The database {path} is already open in another process ({holder}). "
            "Stop that process (for example the Streamlit app) and try again, "
            "or make the backup from within the app (Backups page)."
        )
        super().__init__(f"{self.message_fr}\n{self.message_en}")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def database_path() -> str:
    """The DuckDB file to use: $ROCSMO_DB, else data/rocsmo.duckdb."""
    return os.environ.get("ROCSMO_DB") or str(DEFAULT_DB_PATH)


def list_migrations(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    """The numbered migrations of `directory`, in order. Raises ValueError on a gap."""
    found = []
    for path in sorted(directory.glob("*.sql")):
        match = MIGRATION_FILE.match(path.name)
        if match:
            found.append(Migration(int(match[1]), match[2], path.read_text(encoding="utf-8")))
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise ValueError(f"migration {expected:03d} is missing in {directory}")
    return found


class Database:
    """A DuckDB connection with cursors per use, transactions with retry, and migrations."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, path: str):
        self.connection = connection
        self.path = path

    # -- reading -------------------------------------------------------------
    def cursor(self) -> duckdb.DuckDBPyConnection:
        return self.connection.cursor()

    def query(self, sql: str, params: Sequence | dict = ()) -> list[tuple]:
        """Rows of a parameterised query."""
        with self.cursor() as cur:
            return cur.execute(sql, params).fetchall()

    def query_one(self, sql: str, params: Sequence | dict = ()) -> tuple | None:
        """The first row of a parameterised query, or None."""
        with self.cursor() as cur:
            return cur.execute(sql, params).fetchone()

    def scalar(self, sql: str, params: Sequence | dict = ()):
        """The first column of the first row, or None."""
        row = self.query_one(sql, params)
        return None if row is None else row[0]

    def query_df(self, sql: str, params: Sequence | dict = ()) -> pd.DataFrame:
        """A parameterised query as a DataFrame."""
        with self.cursor() as cur:
            return cur.execute(sql, params).df()

    # -- writing -------------------------------------------------------------
    def transaction(self, work: Callable[[duckdb.DuckDBPyConnection], T], retries: int = 2) -> T:
        """Run `work(cursor)` in one transaction and return its result.

        Commits on success, rolls back on any error. A write-write conflict with
        another session (DuckDB's TransactionException) is retried `retries` times
        after a short pause; other errors propagate unchanged.
        """
        for attempt in range(retries + 1):
            cur = self.cursor()
            try:
                cur.execute("BEGIN TRANSACTION")
                result = work(cur)
                cur.execute("COMMIT")
                return result
            except duckdb.TransactionException:
                _rollback(cur)
                if attempt == retries:
                    raise
                time.sleep(0.05 * (attempt + 1))
            except BaseException:
                _rollback(cur)
                raise
            finally:
                cur.close()
        raise AssertionError("unreachable")

    # -- schema --------------------------------------------------------------
    def applied_versions(self) -> list[int]:
        exists = self.scalar(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
        )
        if not exists:
            return []
        return [row[0] for row in self.query("SELECT version FROM schema_migrations ORDER BY version")]

    def migrate(self, migrations: Sequence[Migration] | None = None) -> list[int]:
        """Apply the migrations not yet recorded, all in one transaction.

        Returns the versions applied. A file made by an older version of the app is
        upgraded in place; if any migration fails, none of them is kept and the file
        stays as it was. A CHECKPOINT follows so the file is complete on disk.
        """
        migrations = list_migrations() if migrations is None else migrations
        with self.cursor() as cur:
            cur.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
                " applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)"
            )
        done = set(self.applied_versions())
        pending = [migration for migration in migrations if migration.version not in done]
        if not pending:
            return []

        def apply(cur):
            for migration in pending:
                cur.execute(migration.sql)
                cur.execute(
                    "INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                    [migration.version, migration.name],
                )

        self.transaction(apply, retries=0)
        for migration in pending:
            log.info("applied migration %03d_%s", migration.version, migration.name)
        if self.path != ":memory:":
            with self.cursor() as cur:
                cur.execute("CHECKPOINT")
        return [migration.version for migration in pending]

    def close(self) -> None:
        self.connection.close()


def _rollback(cur: duckdb.DuckDBPyConnection) -> None:
    try:
        cur.execute("ROLLBACK")
    except duckdb.Error:
        pass  # nothing was open: the error came before BEGIN took effect


_LOCK_HOLDER = re.compile(r"Conflicting lock is held in (?P<exe>.+?) \(PID (?P<pid>\d+)\)")


def connect(path: str | None = None, *, read_only: bool = False) -> Database:
    """Open the database file (or ':memory:') without migrating it.

    Raises DatabaseLockedError when another process holds the file.
    """
    path = path or database_path()
    if path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    try:
        connection = duckdb.connect(path, read_only=read_only)
    except duckdb.IOException as error:
        match = _LOCK_HOLDER.search(str(error))
        if match is None:
            raise
        holder = f"PID {match['pid']}, {Path(match['exe']).name}"
        raise DatabaseLockedError(path, holder) from None
    return Database(connection, path)


def open_database(path: str | None = None) -> Database:
    """Open and migrate the database (no data is added: lib.seed.open_seeded_database seeds too)."""
    db = connect(path)
    db.migrate()
    return db
