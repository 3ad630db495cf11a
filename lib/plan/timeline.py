"""The plan's progress per axis over time, month by month, from the update history.

Aggregated in DuckDB SQL (one query): for each month end and each active means, its latest
counted update (corrected ones left out) with a work date up to that day; then per axis the
means' average progress (an item without update counts 0 %) and how many stand "réalisé".
The history as it reads today: a correction recorded later changes past months too.
"""
from __future__ import annotations

from datetime import date

import pandas as pd

from lib.core.db import Database
from lib.core.i18n import N_, localized_sql

HEADERS_FR = (N_("Mois"), N_("Avancement moyen (%)"), N_("Réalisés"))  # shown through lib.ui.plan_views.localise
HISTORY_COLUMNS = ["month_end", "axis_number", "axis_name", "means", "average_progress", "done"]


def monthly_axis_progress(db: Database, plan_id: int, first: date, last: date, lang: str = "fr") -> pd.DataFrame:
    """One row per month (first..last, both months included; the last one ends on `last`) and
    axis of plan `plan_id`: month_end, axis_number, axis_name (as a reader of `lang` sees it), means,
    average_progress (0..100), done (count). Empty (with the columns) when first > last. No side effects."""
    if first > last:
        return pd.DataFrame(columns=HISTORY_COLUMNS)
    frame = db.query_df(
        f"""
        WITH months AS (
            SELECT least(last_day(CAST(m AS DATE)), CAST(? AS DATE)) AS month_end
            FROM range(CAST(date_trunc('month', CAST(? AS DATE)) AS TIMESTAMP),
                       CAST(CAST(? AS DATE) AS TIMESTAMP) + INTERVAL 1 DAY, INTERVAL 1 MONTH) AS r(m)
        ),
        items AS (
            SELECT m.id AS means_id, ax.number AS axis_number, {localized_sql("ax.name", lang)} AS axis_name
            FROM means m JOIN actions ac ON ac.id = m.action_id JOIN axes ax ON ax.id = ac.axis_id
            WHERE ax.plan_id = ? AND m.archived_at IS NULL AND ac.archived_at IS NULL AND ax.archived_at IS NULL
        ),
        counted AS (
            SELECT u.* FROM means_updates u
            WHERE NOT EXISTS (SELECT 1 FROM means_updates c WHERE c.corrects_id = u.id)
        ),
        latest AS (
            SELECT mo.month_end, u.means_id, u.progress, u.status
            FROM months mo JOIN counted u ON u.work_date <= mo.month_end
            QUALIFY row_number() OVER (PARTITION BY mo.month_end, u.means_id
                                       ORDER BY u.work_date DESC, u.recorded_at DESC, u.id DESC) = 1
        )
        SELECT mo.month_end, i.axis_number, i.axis_name, count(*) AS means,
               avg(coalesce(l.progress, 0)) AS average_progress,
               count(*) FILTER (WHERE l.status = 'realise') AS done
        FROM months mo CROSS JOIN items i
        LEFT JOIN latest l ON l.month_end = mo.month_end AND l.means_id = i.means_id
        GROUP BY ALL ORDER BY mo.month_end, i.axis_number
        """,
        [last, first, last, plan_id],
    )
    frame["month_end"] = [pd.Timestamp(d).date() for d in frame["month_end"]]
    return frame[HISTORY_COLUMNS]


def first_work_date(db: Database, plan_id: int) -> date | None:
    """The earliest work date of the plan's updates (None without any). No side effects."""
    value = db.scalar(
        "SELECT min(u.work_date) FROM means_updates u JOIN means m ON m.id = u.means_id"
        " JOIN actions ac ON ac.id = m.action_id JOIN axes ax ON ax.id = ac.axis_id WHERE ax.plan_id = ?",
        [plan_id])
    return pd.Timestamp(value).date() if value is not None else None


def history_table(frame: pd.DataFrame) -> pd.DataFrame:
    """`monthly_axis_progress` with the French headers shown to users: Mois (YYYY-MM), Axe,
    Moyens, Avancement moyen (%), Réalisés. No side effects."""
    return pd.DataFrame({
        "Mois": [f"{d:%Y-%m}" for d in frame["month_end"]],
        "Axe": [f"{n}. {name}" for n, name in zip(frame["axis_number"], frame["axis_name"])],
        "Moyens": frame["means"].astype(int).to_numpy(),
        "Avancement moyen (%)": [round(float(v)) for v in frame["average_progress"]],
        "Réalisés": frame["done"].astype(int).to_numpy(),
    })
