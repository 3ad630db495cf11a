"""Database backups made by DuckDB itself, safe while the app runs, verified before they count.

A backup is written under a temporary name beside its target, then opened read-only and its
tables and row counts compared with the source's (counted in the same transaction as the copy),
and only then renamed to its final name: a crash or a full disk leaves at worst a hidden
`.<name>.partial` file, never a truncated file under a backup's name.
"""
from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import duckdb

from lib.core import clock
from lib.core.db import Database, DatabaseLockedError, connect

PARTIAL_SUFFIX = ".partial"


class BackupError(RuntimeError):
    """A backup that could not be written or verified, or a file that is not a usable backup."""


def backup_database(db: Database, target: str | Path) -> dict[str, int]:
    """A consistent, verified copy of the whole database into a new DuckDB file `target`;
    returns its row count per table.

    Made by DuckDB itself (ATTACH + COPY FROM DATABASE), so it is safe while the app runs.
    Raises FileExistsError rather than overwrite an existing file, BackupError when the copy
    does not hold the source's tables and row counts (nothing is left under `target` then).
    """
    target = Path(target).resolve()
    if target.exists():
        raise FileExistsError(str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}{PARTIAL_SUFFIX}")
    _remove(partial)
    try:
        with db.cursor() as cur:
            source = cur.execute("SELECT current_database()").fetchone()[0]
            alias = f"rocsmo_backup_{uuid.uuid4().hex[:12]}"  # the daily and an admin's backup may overlap
            cur.execute(f"ATTACH '{_sql_literal(str(partial))}' AS {alias}")
            try:
                cur.execute("BEGIN TRANSACTION")  # the counts and the copy see the same snapshot
                try:
                    expected = _row_counts(cur, source)
                    cur.execute(f'COPY FROM DATABASE "{source}" TO {alias}')
                    cur.execute("COMMIT")
                except BaseException:
                    cur.execute("ROLLBACK")
                    raise
            finally:
                cur.execute(f"DETACH {alias}")
        found = verify_backup(partial)
        if found != expected:
            raise BackupError(f"the copy does not match the database: {found} != {expected}")
        if target.exists():
            raise FileExistsError(str(target))
        os.replace(partial, target)
        _sync_directory(target.parent)
    finally:
        _remove(partial)
    return expected


def verify_backup(path: str | Path) -> dict[str, int]:
    """The row count per table of the DuckDB file `path`, opened read-only; raises
    BackupError when it is not a DuckDB database holding the app's tables."""
    path = Path(path)
    if not path.is_file() or path.stat().st_size == 0:
        raise BackupError(f"{path} is not a file")
    try:
        connection = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as error:
        raise BackupError(f"{path} is not a readable DuckDB database: {error}") from None
    try:
        with connection.cursor() as cur:
            catalog = cur.execute("SELECT current_database()").fetchone()[0]
            counts = _row_counts(cur, catalog)
    except duckdb.Error as error:
        raise BackupError(f"{path} cannot be read: {error}") from None
    finally:
        connection.close()
    if "schema_migrations" not in counts:
        raise BackupError(f"{path} is not a database of this app")
    return counts


def restore_backup(source: str | Path, target: str | Path, *,
                   force: bool = False) -> tuple[dict[str, int], Path | None]:
    """Put the backup `source` in place of the database file `target`; returns (its row count
    per table, where the replaced file was moved, or None).

    The backup is verified first (verify_backup). An existing `target` is kept, renamed
    `<target>.avant-restauration-<stamp>`, and replaced only with `force`; a stale
    write-ahead log of the replaced file is moved with it (else DuckDB would replay it onto
    the restored file). Raises FileExistsError when `target` exists without `force`,
    DatabaseLockedError when another process holds `target`, BackupError for a bad backup.
    """
    source, target = Path(source).resolve(), Path(target).resolve()
    counts = verify_backup(source)
    if source == target:
        raise BackupError("the backup is the database itself")
    kept = None
    wal = target.with_name(target.name + ".wal")
    if target.exists():
        if not force:
            raise FileExistsError(str(target))
        try:
            connect(str(target)).close()
        except DatabaseLockedError:
            raise  # another process (the app) holds it
        except duckdb.Error:
            pass  # an unreadable database: replaced all the same, and kept beside it
    if target.exists() or wal.exists():
        stamp = clock.to_local(clock.utcnow()).strftime("%Y%m%d-%H%M%S")
        kept = target.with_name(f"{target.name}.avant-restauration-{stamp}")
        if target.exists():
            os.replace(target, kept)
        if wal.exists():  # never left for DuckDB to replay onto the restored file
            os.replace(wal, kept.with_name(kept.name + ".wal"))
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}{PARTIAL_SUFFIX}")
    try:
        shutil.copyfile(source, partial)
        with open(partial, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, target)
        _sync_directory(target.parent)
    finally:
        _remove(partial)
    return counts, kept


def _row_counts(cur, catalog: str) -> dict[str, int]:
    tables = cur.execute(
        "SELECT table_schema, table_name FROM information_schema.tables"
        " WHERE table_catalog = ? AND table_type = 'BASE TABLE' ORDER BY 1, 2", [catalog]).fetchall()
    counts = {}
    for schema, table in tables:
        name = table if schema == "main" else f"{schema}.{table}"
        counts[name] = cur.execute(
            f'SELECT count(*) FROM "{_identifier(catalog)}"."{_identifier(schema)}"."{_identifier(table)}"'
        ).fetchone()[0]
    return counts


def _identifier(name: str) -> str:
    return name.replace('"', '""')


def _remove(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + ".wal")):
        try:
            leftover.unlink()
        except FileNotFoundError:
            pass


def _sync_directory(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _sql_literal(text: str) -> str:
    # ATTACH takes no bound parameters; the path comes from the operator, quotes doubled.
    return text.replace("'", "''")

