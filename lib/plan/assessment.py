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

import pandas as pd

from lib.core.i18n import N_, format_number
from lib.core.messages import LocalDate, Message, PluralMessage
from lib.core.settings import DEFAULTS, Settings
from lib.plan import cycles, indicators, schedule
from lib.plan.campaign_figures import source_message
from lib.plan.french import clean_spaces
from lib.plan.indicators import effective_quantity
from lib.plan.rules import describe_target_fr, item_rules
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
from lib.plan.statuses import DONE_STATUSES, STATUS_LABELS_FR, STATUSES, counts_as_on_track


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
        status_note = Message(" (dernier statut : {status})", status=STATUS_LABELS_FR[status]) if updates else ""
        if len(cycles) == 1:
            reason = Message("« {label} » : échéance du {date} dépassée sans réalisation{note}",
                             label=clean_spaces(leading[0].label) or final.label_fr, date=LocalDate(final.due),
                             note=status_note)
        else:
            reason = Message("Dernière étape « {label} » échue le {date} sans réalisation{note}",
                             label=clean_spaces(leading[-1].label) or final.label_fr, date=LocalDate(final.due),
                             note=status_note)
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
            reason = PluralMessage("Aucune mise à jour depuis {n} jour (dernière le {date}; attendue tous les "
                                   "{days} jours)",
                                   "Aucune mise à jour depuis {n} jours (dernière le {date}; attendue tous les "
                                   "{days} jours)", age, date=LocalDate(reference), days=late_days)
        else:
            reason = PluralMessage("Aucune mise à jour depuis le {date} ({n} jour; attendue tous les {days} jours)",
                                   "Aucune mise à jour depuis le {date} ({n} jours; attendue tous les {days} jours)",
                                   age, date=LocalDate(reference), days=late_days)
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
            note = (N_("aucune mise à jour") if previous_status == "a_venir"
                    else Message("dernier statut : {status}", status=STATUS_LABELS_FR[previous_status]))
            reason = Message("Cycle {label} échu le {date} sans réalisation ({note})", label=previous.label_fr,
                             date=LocalDate(previous.due), note=note)
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
           continuous_late_days: int = DEFAULTS.continuous_late_days,
           plan_start: date = DEFAULTS.plan_start) -> Assessment:
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


STATUS_COLUMNS = [
    "means_id", "axis_id", "axis_number", "axis_name", "action_id", "action_position", "action_title",
    "means_position", "text", "period_label", "indicator", "responsible_label", "parties",
    "schedule_kind", "schedule_readable", "schedule_overridden", "schedule_fr",
    "status", "status_fr", "progress", "cycle_label", "due", "next_due", "late", "late_since", "late_reason_fr",
    "counted", "on_track", "updates_count", "last_work_date", "last_note",
    "target_kind", "target_overridden", "target_fr", "target_ratio", "target_progress_fr", "target_source_fr",
    "target_verdict", "target_after", "missed_cycles",
]


# The sentences of STATUS_COLUMNS: French strs that are Messages (lib.core.messages), so that pages
# show them in the reader's language (translate_message, lib.ui.plan_views.localise).
MESSAGE_COLUMNS = ("schedule_fr", "status_fr", "cycle_label", "late_reason_fr", "target_fr", "target_progress_fr",
                   "target_source_fr")


@dataclass(frozen=True)
class _Fact:
    work_date: date
    recorded_at: datetime | None
    status: str
    progress: int
    note: str
    quantity: float | None


def _late_since(sched: schedule.Schedule, result: Assessment, as_of: date) -> date | None:
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


def _facts_by_means(updates: pd.DataFrame, as_of: date) -> dict[int, list[_Fact]]:
    """The counted updates of each item up to `as_of` (uncorrected, work done by then), oldest
    first by work date then recording time. Filtered, sorted and converted column by column
    by pandas; the only loop left makes one record per update (row access on pandas groups
    cost ~1 ms an item)."""
    if not len(updates):
        return {}
    work_dates = pd.to_datetime(updates["work_date"])
    kept = updates[updates["corrected_by_id"].isna() & (work_dates <= pd.Timestamp(as_of))]
    if not len(kept):
        return {}
    kept = kept.assign(work_date=pd.to_datetime(kept["work_date"]), recorded_at=pd.to_datetime(kept["recorded_at"]))
    kept = kept.sort_values(["means_id", "work_date", "recorded_at"], kind="stable")
    columns = (kept["means_id"].astype("int64").tolist(), kept["work_date"].dt.date.tolist(),
               list(kept["recorded_at"].dt.to_pydatetime()), kept["status"].tolist(),
               kept["progress"].astype("int64").tolist(), kept["note"].fillna("").tolist(), kept["quantity"].tolist())
    by_means: dict[int, list[_Fact]] = {}
    for means_id, work_day, recorded, status, progress, note, quantity in zip(*columns):
        by_means.setdefault(means_id, []).append(_Fact(work_day, recorded, status, progress, note, quantity))
    return by_means


def assess_items(items: pd.DataFrame, updates: pd.DataFrame, overrides: pd.DataFrame,
                 settings: Settings, as_of: date, campaign_figures: dict | None = None) -> pd.DataFrame:
    """Where each item of `items` (lib.plan.list_plan_items) stands on `as_of`.

    `updates` is `list_updates` (corrected updates and work after `as_of` are ignored);
    `overrides` is `list_overrides`; `campaign_figures` (lib.plan.campaign_figures.linked_quantities)
    gives, for the items linked to a campaign figure, the figure and its dated quantities, which
    replace the quantities of their updates. One row per item, columns STATUS_COLUMNS. Pure.
    """
    campaign_figures = campaign_figures or {}
    by_means = _facts_by_means(updates, as_of)
    override_map = {int(m): (s, t) for m, s, t in zip(overrides["means_id"].tolist(),
                                                      overrides["schedule_override"].tolist(),
                                                      overrides["target_override"].tolist())}
    rows = []
    for item in items.to_dict("records"):
        sched_json, target_json = override_map.get(int(item["means_id"]), (None, None))
        # Rules are read from the means as written (text_fr), whatever language `text` is shown in.
        rules = item_rules(item["period_label"], item["indicator"], item.get("text_fr", item["text"]), sched_json,
                           target_json, settings)
        history = by_means.get(int(item["means_id"]), [])
        facts = [UpdateFact(h.work_date, h.status, h.recorded_at) for h in history]
        result = assess(rules.schedule, as_of, facts, continuous_late_days=settings.continuous_late_days,
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
                q = effective_quantity(h.quantity, h.note, rules.target.unit_fr)
                if q is not None:
                    quantities.append((h.work_date, q))
        figure, source = campaign_figures.get(int(item["means_id"])), ""
        if figure is not None:
            quantities, source = list(figure[1]), source_message(figure[0])
        target_progress = indicators.progress_toward(rules.target, quantities, as_of,
                                                     done=result.status == "realise")
        progress_fr = target_progress.label_fr
        if figure is not None and rules.target.kind == "done":  # no quantity to reach: the figure itself
            progress_fr = Message("{value} à ce jour", value=_total(quantities, as_of))
        counted = result.status != "abandonne"
        outcomes = cycles.cycle_outcomes(rules.schedule, facts, as_of, plan_start=settings.plan_start)
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
            "target_progress_fr": progress_fr, "target_source_fr": source,
            "target_verdict": target_progress.verdict, "target_after": target_progress.after,
            "missed_cycles": cycles.missed_count(outcomes),
        })
    frame = pd.DataFrame(rows, columns=STATUS_COLUMNS)
    for column in MESSAGE_COLUMNS:  # object columns keep the Messages (a str column would drop their templates)
        frame[column] = pd.Series([row[column] for row in rows], index=frame.index, dtype=object)
    return frame


def _total(quantities: list[tuple[date, float]], as_of: date) -> str:
    return format_number(sum(q for d, q in quantities if d <= as_of))


def reported_quantities(updates: pd.DataFrame, unit_fr: str = "") -> list[tuple[date, float]]:
    """The (work date, quantity) pairs that count toward an item's target (counted in
    `unit_fr`), oldest first: uncorrected updates with a typed quantity or one read in the
    note. No side effects."""
    kept = updates[updates["corrected_by_id"].isna()] if len(updates) else updates
    pairs = []
    for row in kept.itertuples():
        quantity = effective_quantity(row.quantity, row.note, unit_fr)
        if quantity is not None:
            pairs.append((pd.Timestamp(row.work_date).date(), quantity))
    return sorted(pairs)
