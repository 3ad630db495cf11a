"""Schema migrations: numbered SQL files in lib/core/migrations/, recorded in `schema_migrations`.

`applied` and `pending` only read; `apply` runs every pending migration in one transaction
(all or none) and checkpoints, so a user's file survives every upgrade of the app.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
MIGRATION_FILE = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


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


def applied(db) -> list[int]:
    """The versions recorded in `schema_migrations` (none for a new file)."""
    exists = db.scalar(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
    )
    if not exists:
        return []
    return [row[0] for row in db.query("SELECT version FROM schema_migrations ORDER BY version")]


def pending(db, migrations: Sequence[Migration] | None = None) -> list[Migration]:
    """The migrations of `migrations` (all of lib/core/migrations/ by default) not yet applied."""
    migrations = list_migrations() if migrations is None else migrations
    done = set(applied(db))
    return [migration for migration in migrations if migration.version not in done]


def apply(db, migrations: Sequence[Migration] | None = None) -> list[int]:
    """Apply the migrations not yet recorded, all in one transaction; returns the versions applied.

    A file made by an older version of the app is upgraded in place; if any migration fails,
    none of them is kept and the file stays as it was. A CHECKPOINT follows so the file is
    complete on disk.
    """
    with db.cursor() as cur:
        cur.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
            " applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)"
        )
    todo = pending(db, migrations)
    if not todo:
        return []

    def run(cur):
        for migration in todo:
            cur.execute(migration.sql)
            cur.execute(
                "INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                [migration.version, migration.name],
            )

    db.transaction(run, retries=0)
    for migration in todo:
        log.info("applied migration %03d_%s", migration.version, migration.name)
    if db.path != ":memory:":
        with db.cursor() as cur:
            cur.execute("CHECKPOINT")
    return [migration.version for migration in todo]
