"""Staff's updates of plan items and their hand-set schedules and targets: validation and writes.

Writes (`record_update`, `set_schedule_override`, `set_target_override` and their
`clear_*`) take the acting user, raise AccessDenied unless the role is staff or admin,
and run in one transaction with an audit row. Updates are append-only: a correction is a
new update naming the one it corrects (`corrects_id`); a corrected update stays in the
history but no longer counts."""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from lib.core import audit, clock, roles, validators
from lib.core.db import Database
from lib.core.i18n import N_
from lib.core.messages import LocalDate, Message
from lib.core.settings import load_settings
from lib.plan import indicators, items, schedule
from lib.plan.rules import item_rules, target_to_dict, validate_target
from lib.plan.statuses import STATUSES

NOTE_MAX_CHARS = 2000


URL_MAX_CHARS = 500


EARLIEST_WORK_DATE = date(2015, 1, 1)


class TrackingError(items.PlanError):
    """A tracking request that cannot be honoured; `messages` are French, for the form."""


@dataclass(frozen=True)
class UpdateInput:
    """What staff type in the update form (before validation)."""

    status: str
    progress: int | float | None
    work_date: date | None
    note: str = ""
    quantity: float | None = None
    evidence_url: str = ""
    corrects_id: int | None = None


def validate_evidence_url(url: str) -> str | None:
    """None if `url` is empty or an http(s) address, else the French message. No side effects."""
    url = (url or "").strip()
    if not url:
        return None
    if len(url) > URL_MAX_CHARS:
        return Message("Le lien de la preuve dépasse {limit} caractères.", limit=URL_MAX_CHARS)
    if not validators.is_web_address(url):
        return N_("Le lien de la preuve doit être une adresse web complète commençant par http:// ou https://.")
    return None


def validate_update(data: UpdateInput, today: date) -> list[str]:
    """The French messages that stop `data` from being recorded (empty: valid). No side effects."""
    errors = []
    if data.status not in STATUSES:
        errors.append(N_("Choisissez un statut."))
    progress = data.progress
    if progress is None or (isinstance(progress, float) and math.isnan(progress)):
        errors.append(N_("Indiquez l’avancement (0 à 100 %)."))
    elif not float(progress).is_integer() or not 0 <= progress <= 100:
        errors.append(N_("L’avancement doit être un nombre entier entre 0 et 100 %."))
    if data.work_date is None:
        errors.append(N_("Indiquez la date du travail."))
    elif data.work_date > today:
        errors.append(N_("La date du travail ne peut pas être dans le futur."))
    elif data.work_date < EARLIEST_WORK_DATE:
        errors.append(Message("La date du travail doit être postérieure au {date}.",
                              date=LocalDate(EARLIEST_WORK_DATE)))
    if len(data.note or "") > NOTE_MAX_CHARS:
        errors.append(Message("La note dépasse {limit} caractères.", limit=NOTE_MAX_CHARS))
    control = validators.control_character_error(data.note or "", N_("La note"), multiline=True)
    if control:
        errors.append(control)
    if data.quantity is not None:
        if isinstance(data.quantity, float) and not math.isfinite(data.quantity):
            errors.append(N_("La quantité doit être un nombre."))
        elif data.quantity < 0:
            errors.append(N_("La quantité ne peut pas être négative."))
    url_error = validate_evidence_url(data.evidence_url)
    if url_error:
        errors.append(url_error)
    return errors


def _means_row(cur, means_id: int):
    return cur.execute(
        "SELECT m.id, m.period_label, m.indicator, m.text, t.schedule_override, t.target_override"
        " FROM means m LEFT JOIN means_tracking t ON t.means_id = m.id WHERE m.id = ?",
        [means_id],
    ).fetchone()


def insert_update(cur, means_id: int, data: UpdateInput, *, actor: str, recorded_at: datetime,
                  cycle_label: str = "") -> int:
    """Insert one validated update inside the caller's transaction; returns its id.

    The single INSERT into means_updates (used by `record_update` and the demo data).
    """
    return cur.execute(
        "INSERT INTO means_updates (means_id, status, progress, work_date, cycle_label, note, quantity,"
        " evidence_url, corrects_id, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " RETURNING id",
        [means_id, data.status, int(data.progress), data.work_date, cycle_label, (data.note or "").strip(),
         None if data.quantity is None else float(data.quantity), (data.evidence_url or "").strip(),
         data.corrects_id, recorded_at, actor],
    ).fetchone()[0]


def record_update(db: Database, user, means_id: int, data: UpdateInput, *, session_id: str = "",
                  today: date | None = None) -> int:
    """Append an update of the means `means_id` by `user`; returns the new update's id.

    Side effects: one row in means_updates and one audit row, in one transaction.
    Raises PermissionError unless `user` is staff/admin, TrackingError (French messages)
    when the input is invalid, the means does not exist or is archived, or `corrects_id`
    is not an update of the same means.
    """
    roles.require(user, roles.STAFF)
    errors = validate_update(data, today or clock.today())
    if errors:
        raise TrackingError(errors)
    settings = load_settings(db)

    def work(cur):
        row = _means_row(cur, means_id)
        if row is None:
            raise TrackingError("Ce moyen n’existe pas.")
        archived = cur.execute(
            "SELECT m.archived_at IS NOT NULL OR ac.archived_at IS NOT NULL OR ax.archived_at IS NOT NULL"
            " FROM means m JOIN actions ac ON ac.id = m.action_id JOIN axes ax ON ax.id = ac.axis_id"
            " WHERE m.id = ?", [means_id]).fetchone()[0]
        if archived:
            raise TrackingError("Ce moyen est archivé : rétablissez-le avant d’y ajouter une mise à jour.")
        if data.corrects_id is not None:
            target_means = cur.execute("SELECT means_id FROM means_updates WHERE id = ?",
                                       [data.corrects_id]).fetchone()
            if target_means is None or target_means[0] != means_id:
                raise TrackingError("La mise à jour à corriger n’appartient pas à ce moyen.")
        rules = item_rules(row[1], row[2], row[3], row[4], row[5], settings)
        cycle = schedule.cycle_at(rules.schedule, data.work_date)
        update_id = insert_update(cur, means_id, data, actor=user.username, recorded_at=clock.utcnow(),
                                  cycle_label=cycle.label_fr if cycle else "")
        audit.record(cur, user.username, "plan.update.correct" if data.corrects_id else "plan.update.record",
                     entity="means", entity_id=means_id, session_id=session_id,
                     details={"update_id": update_id, "status": data.status, "progress": int(data.progress),
                              "work_date": data.work_date, "corrects_id": data.corrects_id})
        return update_id

    return db.transaction(work)


def _upsert_tracking(cur, means_id: int, column: str, value: str | None, actor: str) -> None:
    # `column` is one of two literal names chosen by the callers below, never user input.
    assert column in ("schedule_override", "target_override")
    if cur.execute("SELECT 1 FROM means WHERE id = ?", [means_id]).fetchone() is None:
        raise TrackingError("Ce moyen n’existe pas.")
    if cur.execute("SELECT 1 FROM means_tracking WHERE means_id = ?", [means_id]).fetchone():
        cur.execute(f"UPDATE means_tracking SET {column} = ?, updated_at = ?, updated_by = ? WHERE means_id = ?",
                    [value, clock.utcnow(), actor, means_id])
    else:
        cur.execute(f"INSERT INTO means_tracking (means_id, {column}, updated_at, updated_by) VALUES (?, ?, ?, ?)",
                    [means_id, value, clock.utcnow(), actor])


def set_schedule_override(db: Database, user, means_id: int, kind: str, *, months=(), due: date | None = None,
                          start: date | None = None, session_id: str = "") -> None:
    """Set by hand the schedule of a means whose period label cannot be read (or is read wrong).

    The period label itself is never changed. Side effects: means_tracking row and an
    audit row, in one transaction. Raises PermissionError unless staff/admin; TrackingError
    (French) when the schedule does not fit its kind or the means does not exist.
    """
    roles.require(user, roles.STAFF)
    try:
        built = schedule.schedule_from_override(kind, months=months, due=due, start=start)
    except ValueError as exc:
        raise TrackingError(_schedule_error_fr(str(exc))) from exc
    payload = json.dumps(schedule.to_dict(built))

    def work(cur):
        _upsert_tracking(cur, means_id, "schedule_override", payload, user.username)
        audit.record(cur, user.username, "plan.schedule.set", entity="means", entity_id=means_id,
                     session_id=session_id, details=schedule.to_dict(built))

    db.transaction(work)


def _schedule_error_fr(message: str) -> str:
    if "due date" in message:
        return N_("Une échéance unique demande une date d’échéance.")
    if "months" in message:
        return N_("Choisissez des mois seulement pour un échéancier annuel.")
    if "start" in message:
        return N_("Un échéancier « lors d’événements » ne prend pas de date de début.")
    return N_("Cet échéancier n’est pas valide.")


def clear_schedule_override(db: Database, user, means_id: int, *, session_id: str = "") -> None:
    """Go back to reading the period label. Same side effects and errors as the setter."""
    _clear_override(db, user, means_id, "schedule_override", "plan.schedule.clear", session_id)


def _clear_override(db: Database, user, means_id: int, column: str, action: str, session_id: str) -> None:
    roles.require(user, roles.STAFF)

    def work(cur):
        _upsert_tracking(cur, means_id, column, None, user.username)
        audit.record(cur, user.username, action, entity="means", entity_id=means_id, session_id=session_id)

    db.transaction(work)


def set_target_override(db: Database, user, means_id: int, kind: str, *, quantity=None, per: str | None = None,
                        deadline: date | None = None, unit_fr: str = "", session_id: str = "") -> None:
    """Correct the indicator target of a means; the indicator text is kept as written.

    Side effects: means_tracking row and an audit row, in one transaction. Raises
    PermissionError unless staff/admin; TrackingError (French) on an invalid target.
    """
    roles.require(user, roles.STAFF)
    errors = validate_target(kind, quantity, per, deadline, unit_fr)
    if errors:
        raise TrackingError(errors)
    target = indicators.Target(kind, quantity=None if kind == "done" else int(quantity),
                               per=per if kind in ("frequency", "threshold") else None,
                               deadline=deadline if kind == "count_by" else None,
                               unit_fr="" if kind == "done" else (unit_fr or "").strip())
    payload = json.dumps(target_to_dict(target), ensure_ascii=False)

    def work(cur):
        _upsert_tracking(cur, means_id, "target_override", payload, user.username)
        audit.record(cur, user.username, "plan.target.set", entity="means", entity_id=means_id,
                     session_id=session_id, details=target_to_dict(target))

    db.transaction(work)


def clear_target_override(db: Database, user, means_id: int, *, session_id: str = "") -> None:
    """Go back to the target read from the indicator. Same side effects and errors as the setter."""
    _clear_override(db, user, means_id, "target_override", "plan.target.clear", session_id)


UPDATE_COLUMNS = ["update_id", "means_id", "status", "progress", "work_date", "cycle_label", "note", "quantity",
                  "evidence_url", "corrects_id", "recorded_at", "recorded_by", "recorded_by_name", "corrected_by_id"]


def list_updates(db: Database, *, plan_id: int | None = None, means_id: int | None = None) -> pd.DataFrame:
    """Updates, newest work first, with who recorded them and which later update corrects them.

    Filter by plan or by means (or neither). Columns: UPDATE_COLUMNS. No side effects.
    """
    return db.query_df(
        """
        SELECT u.id AS update_id, u.means_id, u.status, u.progress, u.work_date, u.cycle_label, u.note,
               u.quantity, u.evidence_url, u.corrects_id, u.recorded_at, u.recorded_by,
               coalesce(us.display_name, u.recorded_by) AS recorded_by_name,
               (SELECT max(c.id) FROM means_updates c WHERE c.corrects_id = u.id) AS corrected_by_id
        FROM means_updates u
        JOIN means m ON m.id = u.means_id
        JOIN actions ac ON ac.id = m.action_id
        JOIN axes ax ON ax.id = ac.axis_id
        LEFT JOIN users us ON us.username = u.recorded_by
        WHERE (? IS NULL OR ax.plan_id = ?) AND (? IS NULL OR u.means_id = ?)
        ORDER BY u.work_date DESC, u.recorded_at DESC, u.id DESC
        """,
        [plan_id, plan_id, means_id, means_id],
    )


def list_overrides(db: Database) -> pd.DataFrame:
    """Hand-set schedules and targets: means_id, schedule_override, target_override (JSON or None)."""
    return db.query_df("SELECT means_id, schedule_override, target_override FROM means_tracking")


