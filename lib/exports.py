"""Exports: the plan as CSV or XLSX (one row per means), and database backups."""
from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pandas as pd

from lib import plan
from lib.db import Database

PLAN_COLUMNS = ["axe", "objectif", "action", "moyen", "periode", "indicateur", "responsables",
                "statut", "avancement", "echeance", "en_retard"]
PLAN_HEADERS_FR = {
    "axe": "Axe", "objectif": "Objectif", "action": "Action", "moyen": "Moyen", "periode": "Période",
    "indicateur": "Indicateur de réussite", "responsables": "Responsables", "statut": "Statut",
    "avancement": "Avancement (%)", "echeance": "Échéance", "en_retard": "En retard",
}


def plan_export_frame(db: Database, as_of: date | None = None) -> pd.DataFrame:
    """One row per active means of the current plan, with the export's French columns.

    The tracking columns are computed as of `as_of` (today by default): statut (French
    label), avancement (0..100), echeance (next due date as YYYY-MM-DD, or the passed due
    date of a late one-off; empty when there is none) and en_retard (bool). No side effects.
    """
    from lib import clock, overview, tracking  # late import: tracking imports plan

    plan_id = plan.current_plan_id(db)
    if plan_id is None:
        return pd.DataFrame(columns=PLAN_COLUMNS)
    items = plan.list_plan_items(db, plan_id)
    status = tracking.plan_status(db, plan_id, as_of or clock.today()).set_index("means_id")
    status = status.loc[items["means_id"]]
    deadlines = [overview.deadline_of(row) for _, row in status.iterrows()]
    frame = pd.DataFrame({
        "axe": [f"{n} - {name}" for n, name in zip(items["axis_number"], items["axis_name"])],
        "objectif": items["objective"],
        "action": items["action_title"],
        "moyen": items["text"],
        "periode": items["period_label"],
        "indicateur": items["indicator"],
        "responsables": items["responsible_label"],
        "statut": status["status_fr"].to_numpy(),
        "avancement": status["progress"].astype(int).to_numpy(),
        "echeance": [d.isoformat() if d is not None else "" for d in deadlines],
        "en_retard": status["late"].astype(bool).to_numpy(),
    })
    return frame[PLAN_COLUMNS]


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """Text a spreadsheet would run as a formula ("=HYPERLINK(…)", "+1…", "@SUM…") gets a
    leading apostrophe, so typed text opens as text; anything else is returned as is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV (no index) with a trailing newline; booleans as true/false; text that
    a spreadsheet would take for a formula is neutralised (see neutralise_formula)."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == bool:
            out[column] = out[column].map({True: "true", False: "false"})
        elif out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise_formula)
    return out.to_csv(index=False, lineterminator="\n").encode("utf-8")


def to_xlsx_bytes(sheets: dict[str, pd.DataFrame]) -> bytes:
    """An XLSX workbook with one sheet per entry (names cut to Excel's 31 characters).

    Every cell is a value: text beginning with "=" is stored as text, never as a formula.
    """
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=_sheet_name(name), index=False)
            sheet = writer.sheets[_sheet_name(name)]
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.data_type == "f":  # typed text starting with "=": keep it text, never a formula
                        cell.data_type = "s"
            for index, column in enumerate(frame.columns, start=1):
                longest = max([len(str(column)), *(len(str(v)) for v in frame[column].head(200))])
                sheet.column_dimensions[sheet.cell(1, index).column_letter].width = min(60, longest + 2)
    return buffer.getvalue()


def _sheet_name(name: str) -> str:
    for bad in "[]:*?/\\":
        name = name.replace(bad, " ")
    return name[:31]


def plan_workbook(frame: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The plan export's sheets, with French headers: a summary per axis ("Sommaire"), then
    one sheet per axis. `frame` is plan_export_frame. No side effects."""
    from lib import tracking

    codes = {label: code for code, label in tracking.STATUS_LABELS_FR.items()}
    rows = []
    for axis, group in frame.groupby("axe", sort=False):
        status_codes = [codes.get(s, "a_venir") for s in group["statut"]]
        counted = [c != "abandonne" for c in status_codes]
        on_track = [k and tracking.counts_as_on_track(c, bool(late))
                    for c, k, late in zip(status_codes, counted, group["en_retard"])]
        rows.append({
            "Axe": axis, "Moyens": len(group),
            **{label: sum(1 for c in status_codes if c == code) for code, label in tracking.STATUS_LABELS_FR.items()},
            "En retard": int(group["en_retard"].sum()),
            "Réalisés ou en bonne voie (%)": round(100 * sum(on_track) / sum(counted)) if sum(counted) else None,
        })
    sheets = {"Sommaire": pd.DataFrame(rows)}
    for axis, group in frame.groupby("axe", sort=False):
        sheets[f"Axe {axis}"] = group.drop(columns=["axe"]).rename(columns=PLAN_HEADERS_FR)
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
