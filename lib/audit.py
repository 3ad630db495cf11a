"""The audit log: who did what, when, from which browser session."""
from __future__ import annotations

import json

import pandas as pd

from lib import clock
from lib.db import Database


def record(cur, actor: str, action: str, *, entity: str = "", entity_id: str | int = "",
           details: dict | str = "", session_id: str = "") -> None:
    """Append one audit row inside the caller's transaction (`cur`)."""
    text = details if isinstance(details, str) else json.dumps(details, ensure_ascii=False, default=str)
    cur.execute(
        "INSERT INTO audit_log (happened_at, actor, session_id, action, entity, entity_id, details)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [clock.utcnow(), actor, session_id, action, entity, str(entity_id), text],
    )


def list_events(db: Database, *, action_prefix: str = "", actor: str = "", limit: int = 500) -> pd.DataFrame:
    """The newest audit rows first, filtered by action prefix and actor when given."""
    return db.query_df(
        """
        SELECT happened_at, actor, action, entity, entity_id, details, session_id
        FROM audit_log
        WHERE (? = '' OR action LIKE ? || '%') AND (? = '' OR actor = ?)
        ORDER BY happened_at DESC, id DESC LIMIT ?
        """,
        [action_prefix, action_prefix, actor, actor, limit],
    )
