"""The plan as a table (one row per means) and as a workbook, for the CLI and the pages."""
from __future__ import annotations

from datetime import date, datetime

import pandas as pd

from lib.core import clock
from lib.core.db import Database
from lib.plan import history, items, overview, statuses

PLAN_COLUMNS = ["axe", "objectif", "action", "moyen", "periode", "indicateur", "responsables", "progres_cible",
                "statut", "avancement", "echeance", "en_retard"]
PLAN_HEADERS_FR = {
    "axe": "Axe", "objectif": "Objectif", "action": "Action", "moyen": "Moyen", "periode": "Période",
    "indicateur": "Indicateur de réussite", "progres_cible": "Progrès vers la cible",
    "responsables": "Responsables", "statut": "Statut",
    "avancement": "Avancement (%)", "echeance": "Échéance", "en_retard": "En retard",
}


def split_context(context: str) -> tuple[str, str]:
    """The plan's context cut where the document lists the 2018 orientations: the text up to and
    including the first paragraph ending with a colon ("… les principales stratégies
    suivantes :"), and the rest. No colon-ended paragraph: (context, ""). No side effects."""
    paragraphs = (context or "").split("\n\n")
    for n, paragraph in enumerate(paragraphs):
        if paragraph.rstrip().endswith(":"):
            return "\n\n".join(paragraphs[:n + 1]).strip(), "\n\n".join(paragraphs[n + 1:]).strip()
    return (context or "").strip(), ""


def plan_export_frame(db: Database, as_of: date | None = None, known_at: datetime | None = None, *,
                      status: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per active means of the current plan, with the export's French columns.

    The tracking columns are computed as of `as_of` (today by default), as known at
    `known_at` (naive UTC; default: now, everything recorded; the CLI's --known-at defaults to
    the end of the --as-of day), by lib.plan.history.state_at: progres_cible (the target's
    progress, judged at its deadline once passed), statut (French label), avancement (0..100),
    echeance (next due date as YYYY-MM-DD, or the passed due date of a late one-off; empty when
    there is none) and en_retard (bool). `status` is today's status frame when the caller
    already has it (lib.plan.tracking.plan_status; then `known_at` must be None). No side effects.
    """

    plan_id = items.current_plan_id(db)
    if plan_id is None:
        return pd.DataFrame(columns=PLAN_COLUMNS)
    if status is not None and known_at is None:
        rows = items.list_plan_items(db, plan_id)
        status = status.set_index("means_id")
    else:
        as_of = as_of or clock.today()
        known_at = known_at or clock.utcnow()
        rows = history.items_known_at(db, plan_id, known_at)
        status = history.state_at(db, as_of, known_at, plan_id=plan_id).set_index("means_id")
    status = status.loc[rows["means_id"]]
    deadlines = [overview.deadline_of(row) for _, row in status.iterrows()]
    frame = pd.DataFrame({
        "axe": [f"{n} - {name}" for n, name in zip(rows["axis_number"], rows["axis_name"])],
        "objectif": rows["objective"],
        "action": rows["action_title"],
        "moyen": rows["text"],
        "periode": rows["period_label"],
        "indicateur": rows["indicator"],
        "progres_cible": [str(p) for p in status["target_progress_fr"]],
        "responsables": rows["responsible_label"],
        "statut": status["status_fr"].to_numpy(),
        "avancement": status["progress"].astype(int).to_numpy(),
        "echeance": [d.isoformat() if d is not None else "" for d in deadlines],
        "en_retard": status["late"].astype(bool).to_numpy(),
    })
    return frame[PLAN_COLUMNS]


def plan_workbook(frame: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The plan export's sheets, with French headers: a summary per axis ("Sommaire"), then
    one sheet per axis. `frame` is plan_export_frame. No side effects."""
    codes = {label: code for code, label in statuses.STATUS_LABELS_FR.items()}
    rows = []
    for axis, group in frame.groupby("axe", sort=False):
        status_codes = [codes.get(s, "a_venir") for s in group["statut"]]
        counted = [c != "abandonne" for c in status_codes]
        on_track = [k and statuses.counts_as_on_track(c, bool(late))
                    for c, k, late in zip(status_codes, counted, group["en_retard"])]
        rows.append({
            "Axe": axis, "Moyens": len(group),
            **{label: sum(1 for c in status_codes if c == code) for code, label in statuses.STATUS_LABELS_FR.items()},
            "En retard": int(group["en_retard"].sum()),
            "Réalisés ou en bonne voie (%)": round(100 * sum(on_track) / sum(counted)) if sum(counted) else None,
        })
    sheets = {"Sommaire": pd.DataFrame(rows)}
    for axis, group in frame.groupby("axe", sort=False):
        sheets[f"Axe {axis}"] = group.drop(columns=["axe"]).rename(columns=PLAN_HEADERS_FR)
    return sheets
