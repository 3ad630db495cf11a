"""Admins change the settings: checked, validated (lib.core.settings), attributed, audited."""
from __future__ import annotations

from lib.accounts import users
from lib.core import audit, clock, roles
from lib.core import settings as app_settings
from lib.core.db import Database
from lib.core.errors import FormError


def save_settings(db: Database, values: dict, *, actor: str) -> None:
    """Store the changed settings in one transaction with an audit row each.

    Raises AccessDenied unless `actor` is an active administrator, FormError (French
    messages) when a value is invalid; nothing is saved then.
    """
    roles.require(users.get_user(db, actor), roles.ADMINS)
    errors = app_settings.validate_settings(values)
    if errors:
        raise FormError(errors)
    current = app_settings.read_rows(db)

    def write(cur):
        for key, value in values.items():
            value = str(value)
            if current.get(key) == value:
                continue
            cur.execute(
                "INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value,"
                " updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                [key, value, clock.utcnow(), actor],
            )
            audit.record(cur, actor, "settings.change", entity="setting", entity_id=key,
                         details={"from": current.get(key), "to": value})

    db.transaction(write)
