"""Database backups made by DuckDB itself, safe while the app runs."""
from __future__ import annotations

from pathlib import Path

from lib.core.db import Database


def backup_database(db: Database, target: str | Path) -> Path:
    """A consistent copy of the whole database into a new DuckDB file `target`.

    Made by DuckDB itself (ATTACH + COPY FROM DATABASE), so it is safe while the app
    runs. Raises FileExistsError rather than overwrite an existing file.
    """
    target = Path(target).resolve()
    if target.exists():
        raise FileExistsError(str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    with db.cursor() as cur:
        source = cur.execute("SELECT current_database()").fetchone()[0]
        cur.execute(f"ATTACH '{_sql_literal(str(target))}' AS rocsmo_backup")
        try:
            cur.execute(f'COPY FROM DATABASE "{source}" TO rocsmo_backup')
        finally:
            cur.execute("DETACH rocsmo_backup")
    return target


def _sql_literal(text: str) -> str:
    # ATTACH takes no bound parameters; the path comes from the operator, quotes doubled.
    return text.replace("'", "''")
