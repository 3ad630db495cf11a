"""Where an item stands at a date, from its schedule (lib.plan.schedule) and its updates.

Assessing an item (`assess`)
----------------------------
Only updates with `work_date <= as_of` count; they are ordered by work date, then recording
time. A status in `DONE_STATUSES` ("realise", "abandonne") settles a cycle; the status of a
cycle (or of a one-off) is its latest update, so a later "en_cours" reopens it.

- One-off (and milestones): status = latest update, else "a_venir". Late once `as_of` is after
  the final due date and the status is not done; earlier milestones only drive `next_due` (the
  first milestone due on or after `as_of`, while not done).
- Recurring: status = latest update in the cycle containing `as_of`, else "a_venir". Late when
  the most recent cycle due before `as_of` (that exists, and is due on or after `plan_start`)
  is not settled: January 2026's update does not settle January 2027. `next_due` = the current
  cycle's due date, or the next cycle's when the current one is already settled.
- Continuous: late when the latest update is more than `continuous_late_days` old (with no
  update, counted from the part's start or `plan_start`); `next_due` = that reference date +
  `continuous_late_days`. "realise" does not stop the clock (continuous work keeps needing
  news); "abandonne" does (not late, nothing due).
- One-offs followed by a recurring or continuous part ("Rencontre en avril 2021 + En continu"):
  until a done status is recorded the one-offs rule; after their final due date without any
  done update the item is late; once one done update exists, the following part's rules apply.
- Event-driven and unreadable: status = latest update, never late, nothing due.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from lib.core.settings import DEFAULTS
from lib.plan.french import clean_spaces, format_date_fr
from lib.plan.schedule import (
    RECURRING_KINDS,
    Cycle,
    Part,
    Schedule,
    first_cycle,
    milestone_at,
    milestone_cycles,
    next_cycle,
    part_cycle,
    previous_cycle,
    split_leading_once,
)
from lib.plan.statuses import DONE_STATUSES, STATUS_LABELS_FR, STATUSES


@dataclass(frozen=True)
class UpdateFact:
    """One recorded update of an item: the day the work was done and the status it reports."""

    work_date: date
    status: str
    recorded_at: datetime | None = None


@dataclass(frozen=True)
class Assessment:
    """Where an item stands at a date (see the module docstring for the rules)."""

    status: str
    cycle: Cycle | None
    due: date | None
    next_due: date | None
    late: bool
    late_reason_fr: str = ""


def _ordered(updates: Sequence[UpdateFact], as_of: date) -> list[UpdateFact]:
    for update in updates:
        if update.status not in STATUSES:
            raise ValueError(f"unknown status: {update.status!r}")
    kept = [u for u in updates if u.work_date <= as_of]
    return sorted(kept, key=lambda u: (u.work_date, u.recorded_at or datetime.min))


def _latest_status(updates: Sequence[UpdateFact]) -> str:
    return updates[-1].status if updates else "a_venir"


def _in_cycle(updates: Sequence[UpdateFact], cycle: Cycle) -> list[UpdateFact]:
    return [u for u in updates if cycle.start <= u.work_date <= cycle.due]


def _assess_milestones(leading: Sequence[Part], as_of: date, updates: list[UpdateFact]) -> Assessment:
    cycles = milestone_cycles(leading)
    status = _latest_status(updates)
    done = status in DONE_STATUSES
    current = milestone_at(cycles, as_of)
    final = cycles[-1]
    pending = [c.due for c in cycles if c.due >= as_of]
    late = not done and as_of > final.due
    reason = ""
    if late:
        status_note = f" (dernier statut : {STATUS_LABELS_FR[status]})" if updates else ""
        if len(cycles) == 1:
            reason = (f"« {clean_spaces(leading[0].label) or final.label_fr} » : échéance du "
                      f"{format_date_fr(final.due)} dépassée sans réalisation{status_note}")
        else:
            reason = (f"Dernière étape « {clean_spaces(leading[-1].label) or final.label_fr} » échue le "
                      f"{format_date_fr(final.due)} sans réalisation{status_note}")
    return Assessment(status=status, cycle=current, due=current.due,
                      next_due=None if done or not pending else pending[0], late=late,
                      late_reason_fr=reason)


def _assess_continuous(part: Part, as_of: date, updates: list[UpdateFact], late_days: int,
                       plan_start: date) -> Assessment:
    status = _latest_status(updates)
    if status == "abandonne":
        return Assessment(status=status, cycle=None, due=None, next_due=None, late=False)
    reference = updates[-1].work_date if updates else (part.start or plan_start)
    next_due = reference + timedelta(days=late_days)
    late = as_of > next_due
    reason = ""
    if late:
        age = (as_of - reference).days
        if updates:
            reason = (f"Aucune mise à jour depuis {age} jours (dernière le "
                      f"{format_date_fr(reference)}; attendue tous les {late_days} jours)")
        else:
            reason = (f"Aucune mise à jour depuis le {format_date_fr(reference)} "
                      f"({age} jours; attendue tous les {late_days} jours)")
    return Assessment(status=status, cycle=None, due=None, next_due=next_due, late=late,
                      late_reason_fr=reason)


def _assess_recurring(part: Part, as_of: date, updates: list[UpdateFact], plan_start: date) -> Assessment:
    current = part_cycle(part, as_of)
    if current is None:  # before the first cycle (e.g. "1re campagne au mois mars 2022")
        first = first_cycle(part)
        return Assessment(status="a_venir", cycle=None, due=None,
                          next_due=first.due if first else None, late=False)
    in_current = _in_cycle(updates, current)
    status = _latest_status(in_current)
    settled = status in DONE_STATUSES
    next_due = next_cycle(part, current).due if settled else current.due
    previous = previous_cycle(part, current)
    late, reason = False, ""
    if previous is not None and previous.due >= plan_start:
        previous_status = _latest_status(_in_cycle(updates, previous))
        if previous_status not in DONE_STATUSES:
            late = True
            note = ("aucune mise à jour" if previous_status == "a_venir"
                    else f"dernier statut : {STATUS_LABELS_FR[previous_status]}")
            reason = (f"Cycle {previous.label_fr} échu le {format_date_fr(previous.due)} "
                      f"sans réalisation ({note})")
    return Assessment(status=status, cycle=current, due=current.due, next_due=next_due,
                      late=late, late_reason_fr=reason)


def _assess_tail(tail: Part, as_of: date, updates: list[UpdateFact], late_days: int,
                 plan_start: date) -> Assessment:
    if tail.kind == "continuous":
        return _assess_continuous(tail, as_of, updates, late_days, plan_start)
    if tail.kind in RECURRING_KINDS:
        return _assess_recurring(tail, as_of, updates, plan_start)
    return Assessment(status=_latest_status(updates), cycle=None, due=None, next_due=None, late=False)


def assess(schedule: Schedule, as_of: date, updates: Sequence[UpdateFact], *,
           continuous_late_days: int = DEFAULTS.continuous_late_days, plan_start: date = DEFAULTS.plan_start) -> Assessment:
    """Where an item stands on `as_of`: status, current cycle, due dates and lateness.

    Updates after `as_of` are ignored. Rules are in the module docstring. Raises ValueError
    on an unknown status or a negative `continuous_late_days`. No side effects.
    """
    if continuous_late_days < 0:
        raise ValueError("continuous_late_days cannot be negative")
    ordered = _ordered(updates, as_of)
    if not schedule.readable or not schedule.parts:
        return Assessment(status=_latest_status(ordered), cycle=None, due=None, next_due=None, late=False)
    leading, tail = split_leading_once(schedule.parts)
    if not leading:
        return _assess_tail(tail, as_of, ordered, continuous_late_days, plan_start)
    if tail is None:
        return _assess_milestones(leading, as_of, ordered)
    # One-offs then something else: the one-offs rule until any done update exists.
    if any(u.status in DONE_STATUSES for u in ordered):
        return _assess_tail(tail, as_of, ordered, continuous_late_days, plan_start)
    return _assess_milestones(leading, as_of, ordered)
