"""Backups made from inside the app (by an admin, and once a day by the app itself), their
listing and their rotation.

They live in the `backups` folder beside the database file (data/backups/ by default;
$ROCSMO_BACKUP_DIR elsewhere). Each verified backup `rocsmo-YYYYMMDD-HHMMSS.duckdb` has a manifest
`<name>.json` (when, size, row count per table), written only after lib.core.backup verified the
copy; the listing trusts a file only when its manifest is there and its size matches, so it never
opens, let alone reads, a backup to list it. Anything else in the folder is flagged, not offered.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from lib.accounts import users
from lib.core import audit, backup, clock, roles
from lib.core import settings as app_settings
from lib.core.db import PROJECT_ROOT, Database

DEFAULT_BACKUP_DIR = PROJECT_ROOT / "data" / "backups"
MANIFEST_SUFFIX = ".json"
DAILY_ACTOR = "app"   # the audit log's actor for the backups the app makes by itself

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Backup:
    name: str
    path: Path
    made_at: dt.datetime   # Québec time
    size_kb: int
    tables: int
    rows: int


def backup_directory(db: Database) -> Path:
    """Where the app's backups of `db` go: $ROCSMO_BACKUP_DIR, else `backups/` beside its file."""
    configured = os.environ.get("ROCSMO_BACKUP_DIR")
    if configured:
        return Path(configured)
    if db.path == ":memory:":
        return DEFAULT_BACKUP_DIR
    return Path(db.path).resolve().parent / "backups"


def create_backup(db: Database, *, actor: str, directory: Path | None = None) -> Path:
    """Copy the database into a new timestamped, verified file through DuckDB; audited.
    Returns the path.

    Raises AccessDenied unless `actor` is an active administrator, lib.core.backup.BackupError
    when the copy cannot be verified (nothing is listed then), OSError when it cannot be written.
    """
    roles.require(users.get_user(db, actor), roles.ADMINS)
    return _write_backup(db, directory or backup_directory(db), actor, "backup.create")


def _write_backup(db: Database, directory: Path, actor: str, action: str) -> Path:
    stamp = clock.to_local(clock.utcnow()).strftime("%Y%m%d-%H%M%S")
    path, number = directory / f"rocsmo-{stamp}.duckdb", 1
    while path.exists():  # two backups in the same second
        number += 1
        path = directory / f"rocsmo-{stamp}-{number}.duckdb"
    counts = backup.backup_database(db, path)
    manifest = {"made_at": clock.utcnow().isoformat(), "size": path.stat().st_size, "tables": counts}
    partial = path.with_name(f".{path.name}{MANIFEST_SUFFIX}{backup.PARTIAL_SUFFIX}")
    partial.write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    os.replace(partial, _manifest_path(path))
    db.transaction(lambda cur: audit.record(cur, actor, action, entity="backup", entity_id=path.name,
                                            details={"tables": len(counts), "rows": sum(counts.values())}))
    return path


def _manifest_path(path: Path) -> Path:
    return path.with_name(path.name + MANIFEST_SUFFIX)


def _read_manifest(path: Path) -> dict | None:
    """The manifest of backup `path` when it is there and its size matches the file's, else None."""
    try:
        manifest = json.loads(_manifest_path(path).read_text(encoding="utf-8"))
        if manifest["size"] != path.stat().st_size or not isinstance(manifest["tables"], dict):
            return None
        manifest["made_at"] = dt.datetime.fromisoformat(manifest["made_at"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return manifest


def list_backups(directory: Path) -> list[Backup]:
    """The verified backups of `directory`, newest first (see the module docstring); reads
    their manifests only."""
    if not directory.is_dir():
        return []
    found = []
    for path in sorted(directory.glob("rocsmo-*.duckdb"), reverse=True):
        manifest = _read_manifest(path)
        if manifest is not None:
            found.append(Backup(path.name, path, clock.to_local(manifest["made_at"]), max(1, manifest["size"] // 1024),
                                len(manifest["tables"]), sum(manifest["tables"].values())))
    return found


def unverified_files(directory: Path) -> list[str]:
    """Names of the files of `directory` that look like backups but are not verified ones
    (no manifest, a size that changed, or a copy left half-written by a crash)."""
    if not directory.is_dir():
        return []
    listed = {item.name for item in list_backups(directory)}
    names = [path.name for path in directory.glob("rocsmo-*.duckdb") if path.name not in listed]
    names += [path.name for path in directory.glob(f".rocsmo-*{backup.PARTIAL_SUFFIX}")]
    return sorted(names)


def rotate_backups(directory: Path, keep: int) -> list[str]:
    """Delete the verified backups of `directory` beyond the `keep` newest (with their
    manifests); returns the names deleted. Unverified files are left for an admin to look at."""
    removed = []
    for item in list_backups(directory)[max(1, keep):]:
        item.path.unlink(missing_ok=True)
        _manifest_path(item.path).unlink(missing_ok=True)
        removed.append(item.name)
    return removed


# -- the daily backup ------------------------------------------------------------------
_checked: dict[str, dt.date] = {}
_checked_lock = threading.Lock()


def start_daily_backup(db: Database, directory: Path | None = None, *, today: dt.date | None = None
                       ) -> threading.Thread | None:
    """On the first call of the day for `db`, start a background thread that writes a backup
    when none was made today, then keeps the `backups_kept` newest (a setting); returns the
    thread, else None. Costs a dictionary look-up on every later call that day; never raises.
    $ROCSMO_DAILY_BACKUP=off turns it off (the test suite does)."""
    if db.path == ":memory:" or os.environ.get("ROCSMO_DAILY_BACKUP", "on").lower() in ("off", "0", "no"):
        return None
    today = today or clock.today()
    with _checked_lock:
        if _checked.get(db.path) == today:
            return None
        _checked[db.path] = today
    thread = threading.Thread(target=_daily_backup, args=(db, directory or backup_directory(db), today),
                              name="rocsmo-daily-backup", daemon=True)
    thread.start()
    return thread


def _daily_backup(db: Database, directory: Path, today: dt.date) -> None:
    try:
        if not any(item.made_at.date() == today for item in list_backups(directory)):
            _write_backup(db, directory, DAILY_ACTOR, "backup.daily")
        removed = rotate_backups(directory, app_settings.load_settings(db).backups_kept)
        if removed:
            db.transaction(lambda cur: audit.record(cur, DAILY_ACTOR, "backup.rotate", entity="backup",
                                                    details={"removed": removed}))
    except Exception:  # a background task: log it, the next day tries again
        log.exception("daily backup failed")
