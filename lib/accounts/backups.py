"""Backups made from inside the app into data/backups/, and their listing."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from lib.accounts import users
from lib.core import audit, backup, clock, roles
from lib.core.db import PROJECT_ROOT, Database

BACKUP_DIR = PROJECT_ROOT / "data" / "backups"


@dataclass(frozen=True)
class Backup:
    name: str
    path: Path
    made_at: dt.datetime   # Québec time
    size_kb: int


def create_backup(db: Database, *, actor: str, directory: Path = BACKUP_DIR) -> Path:
    """Copy the database into a new timestamped file through DuckDB; audited. Returns the path.

    Raises PermissionError unless `actor` is an active administrator.
    """
    roles.require(users.get_user(db, actor), roles.ADMINS)
    stamp = clock.to_local(clock.utcnow()).strftime("%Y%m%d-%H%M%S")
    path = backup.backup_database(db, directory / f"rocsmo-{stamp}.duckdb")
    db.transaction(lambda cur: audit.record(cur, actor, "backup.create", entity="backup", entity_id=path.name))
    return path


def list_backups(directory: Path = BACKUP_DIR) -> list[Backup]:
    """The backup files, newest first."""
    if not directory.exists():
        return []
    files = sorted(directory.glob("rocsmo-*.duckdb"), reverse=True)
    return [Backup(f.name, f, dt.datetime.fromtimestamp(f.stat().st_mtime, clock.LOCAL_ZONE).replace(tzinfo=None),
                   max(1, f.stat().st_size // 1024))
            for f in files]
