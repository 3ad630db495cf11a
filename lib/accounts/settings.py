"""Admin settings kept in the `settings` table: validated, attributed, audited."""
from __future__ import annotations

from datetime import date

from lib.accounts import users
from lib.core import audit, clock
from lib.core.db import Database
from lib.core.i18n import N_
from lib.core.messages import Message

EDITABLE = ("aga_month", "continuous_late_days", "plan_start")


def get_settings(db: Database) -> dict[str, str]:
    """Every setting as text, by key."""
    return dict(db.query("SELECT key, value FROM settings"))


def validate_settings(values: dict) -> list[str]:
    """French messages for each invalid value; [] when all are valid."""
    errors = []
    if "aga_month" in values and not (str(values["aga_month"]).isdigit() and 1 <= int(values["aga_month"]) <= 12):
        errors.append(N_("Le mois de l’AGA doit être un mois de 1 à 12."))
    if "continuous_late_days" in values and not (
            str(values["continuous_late_days"]).isdigit() and 7 <= int(values["continuous_late_days"]) <= 366):
        errors.append(N_("Le délai sans mise à jour doit être un nombre de jours entre 7 et 366."))
    if "plan_start" in values:
        try:
            date.fromisoformat(str(values["plan_start"]))
        except ValueError:
            errors.append(N_("La date de début du plan doit être une date valide (AAAA-MM-JJ)."))
    unknown = set(values) - set(EDITABLE)
    if unknown:
        errors.append(Message("Paramètre inconnu : {keys}", keys=", ".join(sorted(unknown))))
    return errors


def save_settings(db: Database, values: dict, *, actor: str) -> None:
    """Store the changed settings in one transaction with an audit row each.

    Raises PermissionError unless `actor` is an active administrator, ValueError (French
    message) when a value is invalid; nothing is saved then.
    """
    users.require_admin(db, actor)
    errors = validate_settings(values)
    if errors:
        raise ValueError(" ".join(errors))
    current = get_settings(db)

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
