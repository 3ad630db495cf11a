"""Where the plan stands at a date: the plan, its updates and the settings read from the
database, assessed by lib.plan.assessment (`assess_items`, pure, over DataFrames).

Updates and hand-set rules are written by lib.plan.updates; the rules themselves are
lib.plan.rules.
"""
from __future__ import annotations

from datetime import date

import pandas as pd

from lib.core.db import Database
from lib.core.settings import load_settings
from lib.plan import cycles, items
from lib.plan.assessment import UpdateFact, assess_items
from lib.plan.campaign_figures import linked_quantities
from lib.plan.rules import ItemRules, item_rules
from lib.plan.updates import list_overrides, list_updates


def plan_status(db: Database, plan_id: int, as_of: date, lang: str = "fr") -> pd.DataFrame:
    """`assess_items` for the active items of a plan, read from the database, with the plan's
    own texts as a reader of `lang` sees them (lib.plan.items.list_plan_items). No side effects."""
    return assess_items(items.list_plan_items(db, plan_id, lang=lang), list_updates(db, plan_id=plan_id),
                        list_overrides(db), load_settings(db), as_of, linked_quantities(db))


def item_rules_for(db: Database, means_id: int) -> ItemRules | None:
    """The schedule and target of one means (None if it does not exist). No side effects."""
    row = db.query_one(
        "SELECT m.period_label, m.indicator, m.text, t.schedule_override, t.target_override"
        " FROM means m LEFT JOIN means_tracking t ON t.means_id = m.id WHERE m.id = ?", [means_id])
    if row is None:
        return None
    return item_rules(row[0], row[1], row[2], row[3], row[4], load_settings(db))


def item_cycle_outcomes(db: Database, means_id: int, as_of: date) -> tuple[cycles.CycleOutcome, ...]:
    """lib.plan.cycles.cycle_outcomes of one means, from its counted (uncorrected) updates and its
    rules (empty when it does not exist or does not recur). No side effects."""
    rules = item_rules_for(db, means_id)
    if rules is None:
        return ()
    history = list_updates(db, means_id=means_id)
    if len(history):
        history = history[history["corrected_by_id"].isna()].sort_values(["work_date", "recorded_at", "update_id"])
    facts = [UpdateFact(pd.Timestamp(w).date(), s) for w, s in zip(history["work_date"], history["status"])] \
        if len(history) else []
    return cycles.cycle_outcomes(rules.schedule, facts, as_of, plan_start=load_settings(db).plan_start)
