"""Exports: the plan as CSV or XLSX (one row per means), and database backups."""
from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pandas as pd

from lib import plan
from lib.db import Database

PLAN_COLUMNS = ["axe", "objectif", "action", "moyen", "periode", "indicateur", "responsables"]


def plan_export_frame(db: Database, as_of: date | None = None) -> pd.DataFrame:
    """One row per active means of the current plan, with the export's French columns.

    `as_of` is the date the tracking columns are computed for (today by default).
    """
    plan_id = plan.current_plan_id(db)
    if plan_id is None:
        return pd.DataFrame(columns=PLAN_COLUMNS)
    items = plan.list_plan_items(db, plan_id)
    frame = pd.DataFrame({
        "axe": [f"{n} - {name}" for n, name in zip(items["axis_number"], items["axis_name"])],
        "objectif": items["objective"],
        "action": items["action_title"],
        "moyen": items["text"],
        "periode": items["period_label"],
        "indicateur": items["indicator"],
        "responsables": items["responsible_label"],
    })
    return frame[PLAN_COLUMNS]


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV (no index) with a trailing newline; booleans as true/false."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == bool:
            out[column] = out[column].map({True: "true", False: "false"})
    return out.to_csv(index=False, lineterminator="\n").encode("utf-8")


def to_xlsx_bytes(sheets: dict[str, pd.DataFrame]) -> bytes:
    """An XLSX workbook with one sheet per entry (names cut to Excel's 31 characters)."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=_sheet_name(name), index=False)
            sheet = writer.sheets[_sheet_name(name)]
            for index, column in enumerate(frame.columns, start=1):
                longest = max([len(str(column)), *(len(str(v)) for v in frame[column].head(200))])
                sheet.column_dimensions[sheet.cell(1, index).column_letter].width = min(60, longest + 2)
    return buffer.getvalue()


def _sheet_name(name: str) -> str:
    for bad in "[]:*?/\\":
        name = name.replace(bad, " ")
    return name[:31]


def plan_workbook(frame: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The plan export's sheets: a summary, then one sheet per axis."""
    summary = frame.groupby("axe", sort=False).size().rename("moyens").reset_index()
    sheets = {"Sommaire": summary}
    for axis, rows in frame.groupby("axe", sort=False):
        sheets[f"Axe {axis}"] = rows.drop(columns=["axe"])
    return sheets


def backup_database(db: Database, target: str | Path) -> Path:
    """A consistent copy of the whole database into a new DuckDB file `target`.

    Made by DuckDB itself (ATTACH + COPY FROM DATABASE), so it is safe while the app
    runs. Raises FileExistsError rather than overwrite an existing file.
    """
    target = Path(target).resolve()
    if target.exists():
        raise FileExistsError(str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    with db.cursor() as cur:
        source = cur.execute("SELECT current_database()").fetchone()[0]
        cur.execute(f"ATTACH '{_sql_literal(str(target))}' AS rocsmo_backup")
        try:
            cur.execute(f'COPY FROM DATABASE "{source}" TO rocsmo_backup')
        finally:
            cur.execute("DETACH rocsmo_backup")
    return target


def _sql_literal(text: str) -> str:
    # ATTACH takes no bound parameters; the path comes from the operator, quotes doubled.
    return text.replace("'", "''")
