"""The one DuckDB database: where it lives, opening it, cursors and transactions.

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
from pathlib import Path
from typing import TypeVar

import duckdb
import pandas as pd

from lib.core import schema
from lib.core.errors import StorageError

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DB_PATH = PROJECT_ROOT / "data" / "rocsmo.duckdb"

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


def database_path() -> str:
    """The DuckDB file to use: $ROCSMO_DB, else data/rocsmo.duckdb."""
    return os.environ.get("ROCSMO_DB") or str(DEFAULT_DB_PATH)


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
        after a short pause. A file that cannot be written (disk full, I/O error) raises
        StorageError (a FormError with a French message) at once; other errors propagate
        unchanged.
        """
        for attempt in range(retries + 1):
            cur = self.cursor()
            try:
                cur.execute("BEGIN TRANSACTION")
                result = work(cur)
                cur.execute("COMMIT")
                return result
            except duckdb.IOException as error:
                _rollback(cur)
                raise StorageError() from error
            except duckdb.TransactionException as error:
                _rollback(cur)
                if _is_write_failure(error):  # DuckDB reports a failed WAL write as a failed commit
                    raise StorageError() from error
                if attempt == retries:
                    raise
                time.sleep(0.05 * (attempt + 1))
            except BaseException:
                _rollback(cur)
                raise
            finally:
                cur.close()
        raise AssertionError("unreachable")

    def close(self) -> None:
        self.connection.close()


def _is_write_failure(error: duckdb.Error) -> bool:
    text = str(error)
    return "Could not write" in text or "No space left" in text or "I/O Error" in text


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
    schema.apply(db)
    return db
