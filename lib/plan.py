"""The action plan: plans, axes, actions and means (plan items), read from the database."""
from __future__ import annotations

import pandas as pd

from lib.db import Database


def current_plan_id(db: Database) -> int | None:
    """The id of the plan marked current (else the newest one), or None if there is none."""
    return db.scalar(
        "SELECT id FROM plans WHERE archived_at IS NULL ORDER BY is_current DESC, id DESC LIMIT 1"
    )


def get_plan(db: Database, plan_id: int) -> dict | None:
    """A plan's title and context as a dict, or None."""
    row = db.query_one("SELECT id, slug, title, context FROM plans WHERE id = ?", [plan_id])
    return None if row is None else dict(zip(("id", "slug", "title", "context"), row))


def list_strategies(db: Database, plan_id: int) -> pd.DataFrame:
    """The strategic orientations shown as context: one row per sub-item, in order."""
    return db.query_df(
        """
        SELECT s.year, s.number, s.name, s.gloss, i.letter, i.label
        FROM strategies s LEFT JOIN strategy_items i ON i.strategy_id = s.id
        WHERE s.plan_id = ? ORDER BY s.number, i.letter
        """,
        [plan_id],
    )


def list_axes(db: Database, plan_id: int, *, include_archived: bool = False) -> pd.DataFrame:
    """Axes of a plan in number order: id, number, name, objective, archived."""
    return db.query_df(
        """
        SELECT id, number, name, objective, archived_at IS NOT NULL AS archived
        FROM axes WHERE plan_id = ? AND (? OR archived_at IS NULL) ORDER BY number, id
        """,
        [plan_id, include_archived],
    )


def list_plan_items(db: Database, plan_id: int, *, include_archived: bool = False) -> pd.DataFrame:
    """One row per means of the plan, with its action and axis, in document order.

    Columns: axis_id, axis_number, axis_name, objective, action_id, action_position,
    action_title, means_id, means_position, text, period_label, indicator,
    responsible_label, parties (list of str), archived.
    """
    return db.query_df(
        """
        SELECT ax.id AS axis_id, ax.number AS axis_number, ax.name AS axis_name, ax.objective,
               ac.id AS action_id, ac.position AS action_position, ac.title AS action_title,
               m.id AS means_id, m.position AS means_position, m.text, m.period_label,
               m.indicator, m.responsible_label,
               coalesce((SELECT list(p.party ORDER BY p.party) FROM means_parties p
                         WHERE p.means_id = m.id), []) AS parties,
               (m.archived_at IS NOT NULL OR ac.archived_at IS NOT NULL
                OR ax.archived_at IS NOT NULL) AS archived
        FROM means m
        JOIN actions ac ON ac.id = m.action_id
        JOIN axes ax ON ax.id = ac.axis_id
        WHERE ax.plan_id = ?
          AND (? OR (m.archived_at IS NULL AND ac.archived_at IS NULL AND ax.archived_at IS NULL))
        ORDER BY ax.number, ac.position, m.position, m.id
        """,
        [plan_id, include_archived],
    )
