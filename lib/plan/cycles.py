"""Every cycle's outcome for a recurring item: one row per cycle, from the first to the current.

Public and pure (the board pack calls it too): `cycle_outcomes(schedule, updates, as_of)`.

The rules
---------
The cycles are those of the item's recurring part (yearly or monthly, lib.plan.schedule), due on
or after `plan_start` and starting on or before `as_of`; for "one-offs then recurring" labels,
only the cycles due after the last one-off. One-off, continuous, event-driven and unreadable
schedules have no cycles (an empty tuple). Updates dated after `as_of` are ignored.

Each cycle, oldest first, is:

- "on_time": its latest update dated inside it is "realise" (done within the cycle);
- "abandoned": that latest update is "abandonne";
- "late": not settled at its due date, but work was under way (its latest update is "en_cours"
  or "reporte") and the next "realise" update, dated in the following cycle, finished it. That
  update then belongs to this cycle: the following cycle is judged on the updates after it;
- "missed": past its due date and none of the above (no update, or work never finished);
- "current": the cycle containing `as_of`, not yet settled (its due date not passed).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal, Protocol

from lib.core.i18n import N_
from lib.core.settings import DEFAULTS
from lib.plan.schedule import RECURRING_KINDS, Cycle, Schedule, cycles_between, split_leading_once

Outcome = Literal["on_time", "late", "missed", "abandoned", "current"]

OUTCOME_LABELS_FR = {
    "on_time": N_("Réalisé à temps"),
    "late": N_("Réalisé en retard"),
    "missed": N_("Manqué"),
    "abandoned": N_("Abandonné"),
    "current": N_("Cycle en cours"),
}


class _Update(Protocol):
    work_date: date
    status: str


@dataclass(frozen=True)
class CycleOutcome:
    """One cycle of a recurring item and how it ended (`outcome`, see the module docstring);
    `done_on` is the work date of the update that settled it (None if none did)."""

    cycle: Cycle
    outcome: Outcome
    done_on: date | None = None


def recurring_cycles(schedule: Schedule, as_of: date, plan_start: date = DEFAULTS.plan_start) -> tuple[Cycle, ...]:
    """The recurring cycles of `schedule` that the outcomes cover (module docstring), oldest first."""
    if not schedule.readable or not schedule.parts:
        return ()
    leading, tail = split_leading_once(schedule.parts)
    if tail is None or tail.kind not in RECURRING_KINDS:
        return ()
    after = leading[-1].due if leading else None
    return tuple(c for c in cycles_between(schedule, plan_start, as_of)
                 if not c.key.startswith("once") and c.due >= plan_start and (after is None or c.due > after))


def cycle_outcomes(schedule: Schedule, updates: Sequence[_Update], as_of: date, *,
                   plan_start: date = DEFAULTS.plan_start) -> tuple[CycleOutcome, ...]:
    """Each recurring cycle of an item with its outcome (rules in the module docstring), oldest
    first. `updates` are the item's counted updates (anything with `work_date` and `status`,
    e.g. lib.plan.assessment.UpdateFact), in any order; ties on a day keep the given order.
    No side effects; raises nothing."""
    cycles = recurring_cycles(schedule, as_of, plan_start)
    ordered = sorted((u for u in updates if u.work_date <= as_of), key=lambda u: u.work_date)
    results: list[CycleOutcome] = []
    consumed: date | None = None  # the work date of an update a late cycle took from the next one
    for index, cycle in enumerate(cycles):
        inside = [u for u in ordered if cycle.start <= u.work_date <= cycle.due
                  and (consumed is None or u.work_date > consumed)]
        consumed = None
        last = inside[-1].status if inside else None
        if last == "realise":
            results.append(CycleOutcome(cycle, "on_time", inside[-1].work_date))
            continue
        if last == "abandonne":
            results.append(CycleOutcome(cycle, "abandoned", inside[-1].work_date))
            continue
        if cycle.due >= as_of:
            results.append(CycleOutcome(cycle, "current"))
            continue
        following = cycles[index + 1] if index + 1 < len(cycles) else None
        finished = next((u for u in ordered if u.work_date > cycle.due and u.status == "realise"
                         and (following is None or u.work_date <= following.due)), None)
        if last in ("en_cours", "reporte") and finished is not None:
            results.append(CycleOutcome(cycle, "late", finished.work_date))
            consumed = finished.work_date
            continue
        results.append(CycleOutcome(cycle, "missed"))
    return tuple(results)


def missed_count(outcomes: Sequence[CycleOutcome]) -> int:
    """How many of `outcomes` were missed. No side effects."""
    return sum(1 for o in outcomes if o.outcome == "missed")
