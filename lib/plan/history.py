"""The plan as it was known at a moment: two clocks.

Every update has the day of the work (`work_date`) and the moment it was recorded
(`recorded_at`). "The state at the CA of 15 September" is what the board was told that day:
only updates *recorded* by then (`known_at`; a correction recorded later does not rewrite it),
assessed as of that day (`as_of`) by lib.plan.assessment, the one place the rules live.

The plan's items are taken as they stood at `known_at` from the audit log that lib.plan.items
writes for every add, archive and restore: an item added later is left out, one archived later
is still in. Items with no "add" event are the plan as seeded (there from the start).

Hand-set schedules and targets are taken as they stood at `known_at` from the audit rows of
lib.plan.updates' setters (the set value is in their details; a "clear" goes back to reading
the text): one set after the meeting does not change what the board was told. Texts and the
settings are today's (their edits are not dated here).
"""
from __future__ import annotations

from datetime import date, datetime

import pandas as pd

from lib.core.db import Database
from lib.core.settings import load_settings
from lib.plan import items
from lib.plan.assessment import assess_items
from lib.plan.meetings import end_of_day
from lib.plan.updates import list_overrides, list_updates

_OVERRIDE_ACTIONS = ("plan.schedule.set", "plan.schedule.clear", "plan.target.set", "plan.target.clear")
_EDIT_ACTIONS = tuple(f"plan.{entity}.{verb}" for entity in ("axis", "action", "means")
                      for verb in ("add", "archive", "restore"))


def updates_known_at(updates: pd.DataFrame, known_at: datetime) -> pd.DataFrame:
    """The rows of `updates` (lib.plan.updates.list_updates) recorded by `known_at`, with
    `corrected_by_id` as it was then: a correction recorded later does not count yet. Pure."""
    if updates.empty:
        return updates
    kept = updates[pd.to_datetime(updates["recorded_at"]) <= pd.Timestamp(known_at)].copy()
    corrections = kept.dropna(subset=["corrects_id"])
    latest = corrections.groupby(corrections["corrects_id"].astype("int64"))["update_id"].max()
    kept["corrected_by_id"] = kept["update_id"].map(latest)
    return kept


def plan_edits(db: Database, plan_id: int, since: datetime | None, until: datetime) -> pd.DataFrame:
    """Adds, archivings and restorations of the plan's axes, actions and means recorded in
    (since, until]: happened_at, actor (display name), action, entity, entity_id, details.
    No side effects."""
    frame = db.query_df(
        f"""
        SELECT a.happened_at, coalesce(u.display_name, a.actor) AS actor, a.action, a.entity, a.entity_id, a.details
        FROM audit_log a LEFT JOIN users u ON u.username = a.actor
        WHERE a.action IN ({', '.join('?' for _ in _EDIT_ACTIONS)})
          AND (CAST(? AS TIMESTAMP) IS NULL OR a.happened_at > ?) AND a.happened_at <= ?
        ORDER BY a.happened_at, a.id
        """,
        [*_EDIT_ACTIONS, since, since, until],
    )
    if frame.empty:
        return frame
    known = _plan_entities(db, plan_id)
    return frame[[(e, str(i)) in known for e, i in zip(frame["entity"], frame["entity_id"])]].reset_index(drop=True)


def _plan_entities(db: Database, plan_id: int) -> set[tuple[str, str]]:
    every = items.list_plan_items(db, plan_id, include_archived=True)
    entities = {("means", str(m)) for m in every["means_id"]}
    entities |= {("action", str(a)) for a in items.list_actions(db, plan_id, include_archived=True)["id"]}
    entities |= {("axis", str(a)) for a in items.list_axes(db, plan_id, include_archived=True)["id"]}
    return entities


def items_known_at(db: Database, plan_id: int, known_at: datetime, lang: str = "fr") -> pd.DataFrame:
    """`list_plan_items` (texts as a reader of `lang` sees them) as the plan stood at `known_at`
    (see the module docstring). No side effects."""
    every = items.list_plan_items(db, plan_id, include_archived=True, lang=lang)
    events = db.query_df(
        f"SELECT action, entity, entity_id, happened_at FROM audit_log WHERE action IN"
        f" ({', '.join('?' for _ in _EDIT_ACTIONS)}) ORDER BY happened_at, id", list(_EDIT_ACTIONS))
    added_later: set[tuple[str, str]] = set()
    state: dict[tuple[str, str], bool] = {}  # archived at known_at, from the last archive/restore before it
    for action, entity, entity_id, happened in zip(events["action"], events["entity"], events["entity_id"],
                                                   events["happened_at"]):
        key, verb = (entity, str(entity_id)), action.rsplit(".", 1)[1]
        if pd.Timestamp(happened) > pd.Timestamp(known_at):
            if verb == "add":
                added_later.add(key)
            continue
        if verb in ("archive", "restore"):
            state[key] = verb == "archive"

    def present(row) -> bool:
        keys = [("axis", str(row.axis_id)), ("action", str(row.action_id)), ("means", str(row.means_id))]
        if any(k in added_later for k in keys):
            return False
        # No archive event before known_at: it was in the plan then, whatever its flag today.
        return not any(state.get(k, False) for k in keys)

    kept = [present(row) for row in every.itertuples(index=False)]
    return every[kept].drop(columns=["archived"]).reset_index(drop=True)


def overrides_known_at(db: Database, known_at: datetime) -> pd.DataFrame:
    """`list_overrides` as they stood at `known_at`: for a means whose schedule (or target) was
    ever set or cleared, the value of its last such audit row by then (none before its first);
    for one never touched, today's. Columns means_id, schedule_override, target_override (JSON
    or None). No side effects."""
    return db.query_df(
        f"""
        WITH events AS (
            SELECT TRY_CAST(entity_id AS INTEGER) AS means_id, split_part(action, '.', 2) AS kind,
                   CASE WHEN action LIKE '%.set' THEN details END AS value, happened_at, id
            FROM audit_log WHERE entity = 'means' AND action IN ({', '.join('?' for _ in _OVERRIDE_ACTIONS)})
        ), touched AS (
            SELECT DISTINCT means_id, kind FROM events
        ), known AS (
            SELECT means_id, kind, value FROM (
                SELECT means_id, kind, value,
                       row_number() OVER (PARTITION BY means_id, kind ORDER BY happened_at DESC, id DESC) AS rank
                FROM events WHERE happened_at <= ?)
            WHERE rank = 1
        ), ids AS (
            SELECT means_id FROM means_tracking UNION SELECT means_id FROM touched
        )
        SELECT ids.means_id,
               CASE WHEN ts.means_id IS NULL THEN t.schedule_override ELSE ks.value END AS schedule_override,
               CASE WHEN tt.means_id IS NULL THEN t.target_override ELSE kt.value END AS target_override
        FROM ids
        LEFT JOIN means_tracking t ON t.means_id = ids.means_id
        LEFT JOIN touched ts ON ts.means_id = ids.means_id AND ts.kind = 'schedule'
        LEFT JOIN known ks ON ks.means_id = ids.means_id AND ks.kind = 'schedule'
        LEFT JOIN touched tt ON tt.means_id = ids.means_id AND tt.kind = 'target'
        LEFT JOIN known kt ON kt.means_id = ids.means_id AND kt.kind = 'target'
        ORDER BY ids.means_id
        """,
        [*_OVERRIDE_ACTIONS, known_at],
    )


def state_at(db: Database, as_of: date, known_at: datetime | None = None, *,
             plan_id: int | None = None, lang: str = "fr") -> pd.DataFrame:
    """Where the plan stood on `as_of`, as known at `known_at` (naive UTC; default: the end
    of `as_of` in Québec): `assess_items` over the items of that moment and the updates
    recorded by then. One row per item, columns lib.plan.assessment.STATUS_COLUMNS, the plan's
    own texts as a reader of `lang` sees them; empty when there is no plan. No side effects."""
    plan_id = plan_id if plan_id is not None else items.current_plan_id(db)
    known_at = known_at if known_at is not None else end_of_day(as_of)
    if plan_id is None:
        return assess_items(items.list_plan_items(db, -1), list_updates(db, plan_id=-1), list_overrides(db),
                            load_settings(db), as_of)
    updates = updates_known_at(list_updates(db, plan_id=plan_id), known_at)
    return assess_items(items_known_at(db, plan_id, known_at, lang), updates, overrides_known_at(db, known_at),
                        load_settings(db), as_of)
