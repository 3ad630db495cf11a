"""An item's rules: the schedule read from its period and the target read from its indicator, or
the ones staff set by hand (stored as JSON), and their French descriptions.

Pure functions; the overrides are written by lib.plan.updates."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from lib.core import validators
from lib.core.i18n import N_
from lib.core.messages import LocalDate, Message
from lib.core.settings import Settings
from lib.plan import indicators, schedule
from lib.plan.statuses import PER_LABELS_FR, TARGET_KINDS


@dataclass(frozen=True)
class ItemRules:
    """An item's schedule and target, and whether staff set them by hand."""

    schedule: schedule.Schedule
    target: indicators.Target
    schedule_overridden: bool = False
    target_overridden: bool = False
    notes: tuple[str, ...] = field(default=())


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
            notes.append(N_("Échéancier saisi illisible : la période du plan est utilisée."))
    if sched is None:
        sched = _parsed_period(period_label or "", settings.aga_month, settings.plan_start)
    target, target_set = None, False
    if target_override:
        try:
            target = target_from_dict(json.loads(target_override), source=indicator)
            target_set = True
        except (ValueError, TypeError):
            notes.append(N_("Cible saisie illisible : la cible lue dans l’indicateur est utilisée."))
    if target is None:
        target = _derived_target(indicator or "", text or "", period_label or "")
    return ItemRules(sched, target, sched_set, target_set, tuple(notes))


def describe_target_fr(target: indicators.Target) -> str:
    """A short French sentence for a target, e.g. "Au moins 4 rencontres par année": a Message
    (lib.core.messages) that pages translate. No side effects."""
    unit = f" {target.unit_fr}" if target.unit_fr else ""
    if target.kind == "count_by":
        by = Message(" d’ici le {date}", date=LocalDate(target.deadline)) if target.deadline else ""
        return Message("Au moins {quantity}{unit}{by} (total cumulé)", quantity=target.quantity, unit=unit, by=by)
    if target.kind in ("frequency", "threshold"):
        per = PER_LABELS_FR.get(target.per or ("year" if target.kind == "frequency" else ""), "")
        if target.kind == "frequency":
            if per:
                return Message("Au moins {quantity}{unit} {per}", quantity=target.quantity, unit=unit, per=per)
            return Message("Au moins {quantity}{unit}", quantity=target.quantity, unit=unit)
        if per:
            return Message("Au minimum {quantity}{unit} {per}", quantity=target.quantity, unit=unit, per=per)
        return Message("Au minimum {quantity}{unit}", quantity=target.quantity, unit=unit)
    return N_("Réalisé ou non (pas de quantité dans l’indicateur)")


UNIT_MAX_CHARS = 100


def validate_target(kind: str, quantity, per: str | None, deadline: date | None, unit_fr: str = "") -> list[str]:
    """French messages that stop a corrected target from being saved (empty: valid)."""
    errors = []
    if len((unit_fr or "").strip()) > UNIT_MAX_CHARS:
        errors.append(Message("L’unité dépasse {limit} caractères.", limit=UNIT_MAX_CHARS))
    if control := validators.control_character_error((unit_fr or "").strip(), N_("L’unité")):
        errors.append(control)
    if kind not in TARGET_KINDS:
        errors.append(N_("Choisissez un type de cible."))
        return errors
    if kind != "done":
        if quantity is None or quantity != quantity or quantity <= 0 or not float(quantity).is_integer():
            errors.append(N_("La quantité visée doit être un nombre entier positif."))
    if kind in ("frequency", "threshold") and per not in PER_LABELS_FR:
        errors.append(N_("Choisissez la période (par année, par mois ou par semaine)."))
    if kind == "count_by" and deadline is None:
        errors.append(N_("Un total à atteindre demande une date limite."))
    return errors
