"""Tracking the action plan: staff's updates, hand-set schedules and targets, and where
every item stands at a date.

Writes (`record_update`, `set_schedule_override`, `set_target_override` and their
`clear_*`) take the acting user, raise PermissionError unless the role is staff or admin,
and run in one transaction with an audit row. Updates are append-only: a correction is a
new update naming the one it corrects (`corrects_id`); a corrected update stays in the
history but no longer counts.

`assess_items` is the one place that turns the plan, its updates and the settings into a
status per item (pure, over DataFrames); `plan_status` reads what it needs and calls it.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache

import pandas as pd

from lib.core import audit, clock, roles, validators
from lib.core.db import Database
from lib.core.settings import Settings, load_settings
from lib.plan import assessment, french, indicators, items, schedule, statuses

STATUSES = statuses.STATUSES
STATUS_LABELS_FR = statuses.STATUS_LABELS_FR
DONE_STATUSES = statuses.DONE_STATUSES
NOTE_MAX_CHARS = 2000
URL_MAX_CHARS = 500
EARLIEST_WORK_DATE = date(2015, 1, 1)
TARGET_KINDS = ("done", "count_by", "frequency", "threshold")
TARGET_KIND_LABELS_FR = {
    "done": "Réalisé ou non",
    "count_by": "Un total à atteindre d’ici une date",
    "frequency": "Un nombre par période",
    "threshold": "Un minimum à maintenir par période",
}
PER_LABELS_FR = {"year": "par année", "month": "par mois", "week": "par semaine"}
SCHEDULE_KIND_LABELS_FR = {
    "once": "Une fois (échéance)",
    "yearly": "Chaque année (mois choisis)",
    "monthly": "Chaque mois",
    "continuous": "En continu",
    "event": "Lors d’événements (sans échéance)",
}

ON_TRACK_EXPLANATION_FR = (
    "Avancement d’un axe : part de ses moyens réalisés ou en bonne voie. Un moyen compte s’il est "
    "réalisé (pour le cycle en cours s’il revient chaque année ou chaque mois), ou s’il n’est pas en "
    "retard et n’a pas été reporté. Les moyens abandonnés ne sont pas comptés."
)


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


@dataclass(frozen=True)
class ItemRules:
    """An item's schedule and target, and whether staff set them by hand."""

    schedule: schedule.Schedule
    target: indicators.Target
    schedule_overridden: bool = False
    target_overridden: bool = False
    notes: tuple[str, ...] = field(default=())


# --------------------------------------------------------------------------- settings

# --------------------------------------------------------------------------- schedules and targets

@lru_cache(maxsize=4096)
def _parsed_period(label: str, aga_month: int, plan_start: date) -> schedule.Schedule:
    return schedule.parse_period(label, aga_month=aga_month, plan_start=plan_start)


@lru_cache(maxsize=4096)
def _derived_target(indicator: str, text: str, period_label: str) -> indicators.Target:
    return indicators.derive_target(indicator, text, period_label)


def target_to_dict(target: indicators.Target) -> dict:
    """A JSON-ready dict of a Target. No side effects."""
    return {"kind": target.kind, "quantity": target.quantity, "per": target.per,
            "deadline": target.deadline.isoformat() if target.deadline else None,
            "unit_fr": target.unit_fr}


def target_from_dict(data: dict, source: str = "") -> indicators.Target:
    """The Target stored by `target_to_dict`. Raises ValueError on a malformed dict."""
    try:
        kind = data["kind"]
        deadline = date.fromisoformat(data["deadline"]) if data.get("deadline") else None
        quantity = int(data["quantity"]) if data.get("quantity") is not None else None
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"malformed target: {exc}") from exc
    if kind not in TARGET_KINDS:
        raise ValueError(f"unknown target kind: {kind!r}")
    return indicators.Target(kind, quantity=quantity, per=data.get("per"), deadline=deadline,
                             unit_fr=str(data.get("unit_fr") or ""), source=source)


def item_rules(period_label: str, indicator: str, text: str, schedule_override: str | None,
               target_override: str | None, settings: Settings) -> ItemRules:
    """The schedule and target of one item: staff's hand-set ones where present, else read
    from the label and the indicator. A stored override that cannot be read is ignored (and
    said in `notes`). No side effects; raises nothing."""
    notes = []
    sched, sched_set = None, False
    if schedule_override:
        try:
            sched = schedule.from_dict(json.loads(schedule_override))
            sched = schedule.Schedule(label=period_label, parts=sched.parts, readable=sched.readable)
            sched_set = True
        except (ValueError, TypeError):
            notes.append("Échéancier saisi illisible : la période du plan est utilisée.")
    if sched is None:
        sched = _parsed_period(period_label or "", settings.aga_month, settings.plan_start)
    target, target_set = None, False
    if target_override:
        try:
            target = target_from_dict(json.loads(target_override), source=indicator)
            target_set = True
        except (ValueError, TypeError):
            notes.append("Cible saisie illisible : la cible lue dans l’indicateur est utilisée.")
    if target is None:
        target = _derived_target(indicator or "", text or "", period_label or "")
    return ItemRules(sched, target, sched_set, target_set, tuple(notes))


def describe_target_fr(target: indicators.Target) -> str:
    """A short French sentence for a target, e.g. "Au moins 4 rencontres par année". No side effects."""
    unit = f" {target.unit_fr}" if target.unit_fr else ""
    if target.kind == "count_by":
        by = f" d’ici le {french.format_date_fr(target.deadline)}" if target.deadline else ""
        return f"Au moins {target.quantity}{unit}{by} (total cumulé)"
    if target.kind == "frequency":
        return f"Au moins {target.quantity}{unit} {PER_LABELS_FR.get(target.per or 'year', '')}".rstrip()
    if target.kind == "threshold":
        return f"Au minimum {target.quantity}{unit} {PER_LABELS_FR.get(target.per or '', '')}".rstrip()
    return "Réalisé ou non (pas de quantité dans l’indicateur)"


# --------------------------------------------------------------------------- validation

def validate_evidence_url(url: str) -> str | None:
    """None if `url` is empty or an http(s) address, else the French message. No side effects."""
    url = (url or "").strip()
    if not url:
        return None
    if len(url) > URL_MAX_CHARS:
        return f"Le lien de la preuve dépasse {URL_MAX_CHARS} caractères."
    if not validators.is_web_address(url):
        return "Le lien de la preuve doit être une adresse web complète commençant par http:// ou https://."
    return None


def validate_update(data: UpdateInput, today: date) -> list[str]:
    """The French messages that stop `data` from being recorded (empty: valid). No side effects."""
    errors = []
    if data.status not in STATUSES:
        errors.append("Choisissez un statut.")
    progress = data.progress
    if progress is None or (isinstance(progress, float) and math.isnan(progress)):
        errors.append("Indiquez l’avancement (0 à 100 %).")
    elif not float(progress).is_integer() or not 0 <= progress <= 100:
        errors.append("L’avancement doit être un nombre entier entre 0 et 100 %.")
    if data.work_date is None:
        errors.append("Indiquez la date du travail.")
    elif data.work_date > today:
        errors.append("La date du travail ne peut pas être dans le futur.")
    elif data.work_date < EARLIEST_WORK_DATE:
        errors.append(f"La date du travail doit être postérieure au {french.format_date_fr(EARLIEST_WORK_DATE)}.")
    if len(data.note or "") > NOTE_MAX_CHARS:
        errors.append(f"La note dépasse {NOTE_MAX_CHARS} caractères.")
    if data.quantity is not None:
        if isinstance(data.quantity, float) and not math.isfinite(data.quantity):
            errors.append("La quantité doit être un nombre.")
        elif data.quantity < 0:
            errors.append("La quantité ne peut pas être négative.")
    url_error = validate_evidence_url(data.evidence_url)
    if url_error:
        errors.append(url_error)
    return errors


# --------------------------------------------------------------------------- writes

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
        cycle = schedule.cycle_for_work_date(rules.schedule, data.work_date)
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
        return "Une échéance unique demande une date d’échéance."
    if "months" in message:
        return "Choisissez des mois seulement pour un échéancier annuel."
    if "start" in message:
        return "Un échéancier « lors d’événements » ne prend pas de date de début."
    return "Cet échéancier n’est pas valide."


def clear_schedule_override(db: Database, user, means_id: int, *, session_id: str = "") -> None:
    """Go back to reading the period label. Same side effects and errors as the setter."""
    _clear_override(db, user, means_id, "schedule_override", "plan.schedule.clear", session_id)


def _clear_override(db: Database, user, means_id: int, column: str, action: str, session_id: str) -> None:
    roles.require(user, roles.STAFF)

    def work(cur):
        _upsert_tracking(cur, means_id, column, None, user.username)
        audit.record(cur, user.username, action, entity="means", entity_id=means_id, session_id=session_id)

    db.transaction(work)


def validate_target(kind: str, quantity, per: str | None, deadline: date | None) -> list[str]:
    """French messages that stop a corrected target from being saved (empty: valid)."""
    errors = []
    if kind not in TARGET_KINDS:
        errors.append("Choisissez un type de cible.")
        return errors
    if kind != "done":
        if quantity is None or quantity != quantity or quantity <= 0 or not float(quantity).is_integer():
            errors.append("La quantité visée doit être un nombre entier positif.")
    if kind in ("frequency", "threshold") and per not in PER_LABELS_FR:
        errors.append("Choisissez la période (par année, par mois ou par semaine).")
    if kind == "count_by" and deadline is None:
        errors.append("Un total à atteindre demande une date limite.")
    return errors


def set_target_override(db: Database, user, means_id: int, kind: str, *, quantity=None, per: str | None = None,
                        deadline: date | None = None, unit_fr: str = "", session_id: str = "") -> None:
    """Correct the indicator target of a means; the indicator text is kept as written.

    Side effects: means_tracking row and an audit row, in one transaction. Raises
    PermissionError unless staff/admin; TrackingError (French) on an invalid target.
    """
    roles.require(user, roles.STAFF)
    errors = validate_target(kind, quantity, per, deadline)
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


# --------------------------------------------------------------------------- reads

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


def data_version(db: Database) -> int:
    """A number that changes whenever the plan or its tracking changes (every write is
    audited), for cache keys. No side effects."""
    return int(db.scalar("SELECT coalesce(max(id), 0) FROM audit_log") or 0)


def effective_quantity(quantity, note: str) -> float | None:
    """The quantity an update reports: the typed one, else the one read in its note."""
    if quantity is not None and quantity == quantity:
        return float(quantity)
    return _note_quantity(note or "")


@lru_cache(maxsize=8192)
def _note_quantity(note: str) -> int | None:
    return indicators.parse_quantity(note)


# --------------------------------------------------------------------------- assessment (pure)

STATUS_COLUMNS = [
    "means_id", "axis_id", "axis_number", "axis_name", "action_id", "action_position", "action_title",
    "means_position", "text", "period_label", "indicator", "responsible_label", "parties",
    "schedule_kind", "schedule_readable", "schedule_overridden", "schedule_fr",
    "status", "status_fr", "progress", "cycle_label", "due", "next_due", "late", "late_since", "late_reason_fr",
    "counted", "on_track", "updates_count", "last_work_date", "last_note",
    "target_kind", "target_overridden", "target_fr", "target_ratio", "target_progress_fr",
]


@dataclass(frozen=True)
class _Fact:
    work_date: date
    recorded_at: datetime | None
    status: str
    progress: int
    note: str
    quantity: float | None


def _late_since(sched: schedule.Schedule, result: assessment.Assessment, as_of: date) -> date | None:
    """The due date a late item missed: a continuous item's expected-news date, a recurring
    item's previous cycle, else the one-off's due date. None when not late."""
    if not result.late:
        return None
    if result.next_due is not None and result.next_due < as_of:
        return result.next_due
    if result.cycle is not None and not result.cycle.key.startswith("once"):
        previous = schedule.cycle_at(sched, result.cycle.start - timedelta(days=1))
        if previous is not None:
            return previous.due
    return result.due


def counts_as_on_track(status: str, late: bool) -> bool:
    """The one definition behind every progress bar (see ON_TRACK_EXPLANATION_FR): done, or
    neither late nor postponed. Abandoned items are left out by the callers (`counted`)."""
    return status == "realise" or (not late and status != "reporte")


def assess_items(items: pd.DataFrame, updates: pd.DataFrame, overrides: pd.DataFrame,
                 settings: Settings, as_of: date) -> pd.DataFrame:
    """Where each item of `items` (lib.plan.list_plan_items) stands on `as_of`.

    `updates` is `list_updates` (corrected updates and work after `as_of` are ignored);
    `overrides` is `list_overrides`. One row per item, columns STATUS_COLUMNS. Pure.
    """
    # Plain Python records grouped per item: row access on pandas groups costs ~1 ms an item.
    by_means: dict[int, list[_Fact]] = {}
    if len(updates):
        kept = updates[updates["corrected_by_id"].isna()]
        columns = [kept[c].tolist() for c in ("means_id", "work_date", "recorded_at", "status", "progress",
                                              "note", "quantity")]
        for means_id, work_date, recorded_at, status, progress, note, quantity in zip(*columns):
            work_day = work_date.date() if isinstance(work_date, datetime) else work_date
            if work_day > as_of:
                continue
            recorded = recorded_at.to_pydatetime() if isinstance(recorded_at, pd.Timestamp) else recorded_at
            by_means.setdefault(int(means_id), []).append(_Fact(work_day, recorded, status, int(progress),
                                                                note or "", quantity))
    override_map = {int(m): (s, t) for m, s, t in zip(overrides["means_id"].tolist(),
                                                      overrides["schedule_override"].tolist(),
                                                      overrides["target_override"].tolist())}
    rows = []
    for item in items.to_dict("records"):
        sched_json, target_json = override_map.get(int(item["means_id"]), (None, None))
        rules = item_rules(item["period_label"], item["indicator"], item["text"], sched_json, target_json, settings)
        history = sorted(by_means.get(int(item["means_id"]), []), key=lambda h: (h.work_date, h.recorded_at))
        facts = [assessment.UpdateFact(h.work_date, h.status, h.recorded_at) for h in history]
        result = assessment.assess(rules.schedule, as_of, facts, continuous_late_days=settings.continuous_late_days,
                                 plan_start=settings.plan_start)
        in_cycle = history
        if result.cycle is not None and not result.cycle.key.startswith("once"):
            in_cycle = [h for h in history if result.cycle.start <= h.work_date <= result.cycle.due]
        progress = in_cycle[-1].progress if in_cycle else 0
        if result.status == "realise" and not in_cycle:
            progress = 100
        quantities = []
        if rules.target.kind != "done":  # a done/not-done target needs no quantity
            for h in history:
                q = effective_quantity(h.quantity, h.note)
                if q is not None:
                    quantities.append((h.work_date, q))
        target_progress = indicators.progress_toward(rules.target, quantities, as_of,
                                                     done=result.status == "realise")
        counted = result.status != "abandonne"
        rows.append({
            "means_id": int(item["means_id"]), "axis_id": int(item["axis_id"]), "axis_number": int(item["axis_number"]),
            "axis_name": item["axis_name"], "action_id": int(item["action_id"]),
            "action_position": int(item["action_position"]), "action_title": item["action_title"],
            "means_position": int(item["means_position"]), "text": item["text"], "period_label": item["period_label"],
            "indicator": item["indicator"], "responsible_label": item["responsible_label"],
            "parties": list(item["parties"]) if item["parties"] is not None else [],
            "schedule_kind": rules.schedule.kind, "schedule_readable": rules.schedule.readable,
            "schedule_overridden": rules.schedule_overridden,
            "schedule_fr": rules.schedule.describe_fr(settings.continuous_late_days),
            "status": result.status, "status_fr": STATUS_LABELS_FR[result.status], "progress": progress,
            "cycle_label": result.cycle.label_fr if result.cycle else "",
            "due": result.due, "next_due": result.next_due, "late": bool(result.late),
            "late_since": _late_since(rules.schedule, result, as_of),
            "late_reason_fr": result.late_reason_fr, "counted": counted,
            "on_track": counted and counts_as_on_track(result.status, result.late),
            "updates_count": len(history),
            "last_work_date": history[-1].work_date if history else None,
            "last_note": history[-1].note if history else "",
            "target_kind": rules.target.kind, "target_overridden": rules.target_overridden,
            "target_fr": describe_target_fr(rules.target), "target_ratio": target_progress.ratio,
            "target_progress_fr": target_progress.label_fr,
        })
    return pd.DataFrame(rows, columns=STATUS_COLUMNS)


def plan_status(db: Database, plan_id: int, as_of: date) -> pd.DataFrame:
    """`assess_items` for the active items of a plan, read from the database. No side effects."""
    return assess_items(items.list_plan_items(db, plan_id), list_updates(db, plan_id=plan_id),
                        list_overrides(db), load_settings(db), as_of)


def item_rules_for(db: Database, means_id: int) -> ItemRules | None:
    """The schedule and target of one means (None if it does not exist). No side effects."""
    row = db.query_one(
        "SELECT m.period_label, m.indicator, m.text, t.schedule_override, t.target_override"
        " FROM means m LEFT JOIN means_tracking t ON t.means_id = m.id WHERE m.id = ?", [means_id])
    if row is None:
        return None
    return item_rules(row[0], row[1], row[2], row[3], row[4], load_settings(db))


def reported_quantities(updates: pd.DataFrame) -> list[tuple[date, float]]:
    """The (work date, quantity) pairs that count toward an item's target, oldest first:
    uncorrected updates with a typed quantity or one read in the note. No side effects."""
    kept = updates[updates["corrected_by_id"].isna()] if len(updates) else updates
    pairs = []
    for row in kept.itertuples():
        quantity = effective_quantity(row.quantity, row.note)
        if quantity is not None:
            pairs.append((pd.Timestamp(row.work_date).date(), quantity))
    return sorted(pairs)
