"""The board's figures, from the per-item status frame of lib.plan.assessment.assess_items.

Pure functions over DataFrames, one per block of the overview; each returns the table
that the chart draws and that is offered as the chart's table alternative and download.
Column names are the French headers shown to users (translated on screen).
"""
from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from lib.core.clock import to_local
from lib.core.i18n import N_
from lib.plan.cycles import OUTCOME_LABELS_FR
from lib.plan.french import fold
from lib.plan.indicators import effective_quantity
from lib.plan.statuses import STATUS_LABELS_FR, STATUSES

DUE_SOON_DAYS = 60
# The French headers and words written in these tables, marked for the catalogue (pages show
# them through lib.ui.plan_views.localise).
HEADERS_FR = (
    N_("Axe"), N_("Moyens"), N_("Comptés"), N_("Réalisés ou en bonne voie"), N_("En retard"), N_("Avancement"),
    N_("Moyen"), N_("Statut"), N_("Responsables"), N_("Action"), N_("En retard depuis"), N_("Pourquoi"),
    N_("Échéance"), N_("Échéancier"), N_("Responsable"), N_("Moyens portés"), N_("Enregistrée le"), N_("Par"),
    N_("Avancement (%)"), N_("Date du travail"), N_("Note"), N_("Corrigée"), N_("N°"), N_("Cycle"),
    N_("Quantité"), N_("Preuve"), N_("Corrige"), N_("Corrigée par"), N_("Période"), N_("Total cumulé"),
    N_("Cibles manquées"), N_("Cible"), N_("Résultat à l’échéance"), N_("Cycles manqués"), N_("Résultat"),
    N_("Réalisé le"),
)
VALUES_FR = (N_("Oui"), N_("Non"), N_("(non précisé)"))


def deadline_of(row) -> date | None:
    """The date to show as an item's échéance: the next due date, or for a late item
    without one (a one-off whose date has passed) the date it was due. No side effects."""
    return _deadline(row["next_due"], row["late"], row["due"])


def _deadline(next_due, late, due):
    if next_due is not None and next_due == next_due:
        return next_due
    if late and due is not None and due == due:
        return due
    return None


def with_deadlines(status: pd.DataFrame) -> pd.DataFrame:
    """`status` with an `echeance` column (see `deadline_of`). No side effects."""
    out = status.copy()
    deadlines = [_deadline(next_due, late, due) for next_due, late, due
                 in zip(out["next_due"].tolist(), out["late"].tolist(), out["due"].tolist())]
    out["echeance"] = pd.Series(deadlines, index=out.index, dtype=object)
    return out


def axis_progress(status: pd.DataFrame) -> pd.DataFrame:
    """One row per axis: Axe, Moyens, Comptés, Réalisés ou en bonne voie, En retard, Cibles manquées
    (targets judged missed at their deadline), Avancement (0..1 or None).

    The share is the one defined in lib.plan.statuses.ON_TRACK_EXPLANATION_FR.
    """
    missed = status.assign(target_missed=status["target_verdict"] == "missed")
    grouped = missed.groupby(["axis_number", "axis_name"], sort=True).agg(
        Moyens=("means_id", "size"), counted=("counted", "sum"), on_track=("on_track", "sum"), late=("late", "sum"),
        target_missed=("target_missed", "sum"))
    frame = pd.DataFrame({
        "Axe": [f"{n}. {name}" for n, name in grouped.index],
        "Moyens": grouped["Moyens"].astype(int).to_numpy(),
        "Comptés": grouped["counted"].astype(int).to_numpy(),
        "Réalisés ou en bonne voie": grouped["on_track"].astype(int).to_numpy(),
        "En retard": grouped["late"].astype(int).to_numpy(),
        "Cibles manquées": grouped["target_missed"].astype(int).to_numpy(),
    })
    frame["Avancement"] = [o / c if c else None for o, c in zip(frame["Réalisés ou en bonne voie"], frame["Comptés"])]
    return frame


def overall_progress(status: pd.DataFrame) -> float | None:
    """The same share over the whole plan (None when nothing is counted)."""
    counted = int(status["counted"].sum()) if len(status) else 0
    return int(status["on_track"].sum()) / counted if counted else None


def status_breakdown(status: pd.DataFrame) -> pd.DataFrame:
    """One row per axis, one column per status label (counts), in STATUSES order, plus En retard."""
    labels = [STATUS_LABELS_FR[s] for s in STATUSES]
    keys = [status["axis_number"], status["axis_name"]]
    counts = pd.crosstab(keys, status["status"]).reindex(columns=list(STATUSES), fill_value=0)
    late = status.groupby(["axis_number", "axis_name"], sort=True)["late"].sum()
    counts = counts.sort_index()
    frame = pd.DataFrame({"Axe": [f"{n}. {name}" for n, name in counts.index]})
    for code, label in zip(STATUSES, labels):
        frame[label] = counts[code].astype(int).to_numpy()
    frame["En retard"] = late.reindex(counts.index).astype(int).to_numpy()
    return frame[["Axe", *labels, "En retard"]]


def _item_table(frame: pd.DataFrame, extra: dict[str, str]) -> pd.DataFrame:
    # What the board reads first comes first: the means, its date and why; the action last.
    columns = {"means_id": "id", "text": "Moyen", **extra, "status_fr": "Statut", "responsible_label": "Responsables",
               "axis_number": "Axe", "action_title": "Action"}
    return frame[list(columns)].rename(columns=columns).reset_index(drop=True)


def late_items(status: pd.DataFrame) -> pd.DataFrame:
    """The late items, those overdue longest first: id, Moyen, En retard depuis (the due date
    missed), Pourquoi, Statut, Responsables, Axe, Action."""
    late = status[status["late"]].sort_values(["late_since", "axis_number", "action_position", "means_position"],
                                              na_position="last")
    return _item_table(late, {"late_since": "En retard depuis", "late_reason_fr": "Pourquoi"})


def missed_targets(status: pd.DataFrame) -> pd.DataFrame:
    """The items whose target was judged missed at its deadline (lib.plan.indicators: the figure
    on that day, what came after apart): id, Moyen, Cible, Résultat à l’échéance, Statut,
    Responsables, Axe, Action. No side effects."""
    missed = status[status["target_verdict"] == "missed"].sort_values(
        ["axis_number", "action_position", "means_position"])
    return _item_table(missed, {"target_fr": "Cible", "target_progress_fr": "Résultat à l’échéance"})


def repeatedly_missed(status: pd.DataFrame, at_least: int = 2) -> pd.DataFrame:
    """The recurring items that missed `at_least` cycles or more (lib.plan.cycles), most missed
    first: id, Moyen, Cycles manqués, Échéancier, Statut, Responsables, Axe, Action."""
    frame = status[status["missed_cycles"] >= at_least].sort_values(
        ["missed_cycles", "axis_number", "action_position", "means_position"], ascending=[False, True, True, True])
    return _item_table(frame, {"missed_cycles": "Cycles manqués", "schedule_fr": "Échéancier"})


def cycle_outcomes_table(outcomes) -> pd.DataFrame:
    """An item's cycles (lib.plan.cycles.cycle_outcomes), newest first: Cycle, Échéance,
    Résultat, Réalisé le. No side effects."""
    rows = list(reversed(list(outcomes)))
    return pd.DataFrame({
        "Cycle": pd.Series([o.cycle.label_fr for o in rows], dtype=object),
        "Échéance": pd.Series([o.cycle.due for o in rows], dtype=object),
        "Résultat": pd.Series([OUTCOME_LABELS_FR[o.outcome] for o in rows], dtype=object),
        "Réalisé le": pd.Series([o.done_on for o in rows], dtype=object),
    })


def due_soon(status: pd.DataFrame, as_of: date, days: int = DUE_SOON_DAYS) -> pd.DataFrame:
    """Items whose next due date falls in as_of..as_of+days, soonest first (late ones excluded:
    they are listed as late): id, Moyen, Échéance, Échéancier, Statut, Responsables, Axe, Action."""
    horizon = as_of + timedelta(days=days)
    frame = status[~status["late"]]
    mask = [d is not None and d == d and as_of <= d <= horizon for d in frame["next_due"]]
    soon = frame[mask].sort_values(["next_due", "axis_number", "action_position", "means_position"])
    return _item_table(soon, {"next_due": "Échéance", "schedule_fr": "Échéancier"})


def party_load(status: pd.DataFrame) -> pd.DataFrame:
    """Per responsible party: Responsable, Moyens portés, En retard; most loaded first.

    Items without a party count under "(non précisé)". Abandoned items are not carried.
    """
    counts: dict[str, list[int]] = {}
    kept = status[status["counted"]]
    for parties, late in zip(kept["parties"].tolist(), kept["late"].tolist()):
        names = list(parties) if parties is not None and len(parties) else ["(non précisé)"]
        for party in names:
            carried = counts.setdefault(party, [0, 0])
            carried[0] += 1
            carried[1] += int(bool(late))
    frame = pd.DataFrame([{"Responsable": p, "Moyens portés": c[0], "En retard": c[1]} for p, c in counts.items()],
                         columns=["Responsable", "Moyens portés", "En retard"])
    return frame.sort_values(["Moyens portés", "En retard", "Responsable"], ascending=[False, False, True]) \
        .reset_index(drop=True)


def _local(moments: pd.Series) -> pd.Series:
    """Naive UTC timestamps as naive Québec local times, to the minute (how people remember
    them); pages write them in the reader's language, CSVs keep them ISO."""
    return pd.Series([to_local(pd.Timestamp(m).to_pydatetime()).replace(second=0, microsecond=0)
                      if m == m and m is not None else None for m in moments.tolist()], dtype=object)


def _days(values: pd.Series) -> list:
    """Dates without a time of day (DuckDB hands DATE columns to pandas as timestamps)."""
    return [pd.Timestamp(v).date() if v is not None and v == v else None for v in values.tolist()]


def latest_updates(updates: pd.DataFrame, status: pd.DataFrame, limit: int = 10) -> pd.DataFrame:
    """The `limit` most recently recorded updates of the items in `status`: Enregistrée le,
    Par, Axe, Moyen, Statut, Avancement (%), Date du travail, Note, Corrigée."""
    known = status.set_index("means_id")
    frame = updates[updates["means_id"].isin(known.index)]
    frame = frame.sort_values(["recorded_at", "update_id"], ascending=False).head(limit)
    return pd.DataFrame({
        "Enregistrée le": _local(frame["recorded_at"]),
        "Par": frame["recorded_by_name"].to_numpy(),
        "Axe": [int(known.at[m, "axis_number"]) for m in frame["means_id"]],
        "Moyen": [known.at[m, "text"] for m in frame["means_id"]],
        "Statut": [STATUS_LABELS_FR[s] for s in frame["status"]],
        "Avancement (%)": frame["progress"].to_numpy(),
        "Date du travail": _days(frame["work_date"]),
        "Note": frame["note"].to_numpy(),
        "Corrigée": ["Oui" if c else "Non" for c in frame["corrected_by_id"].notna().tolist()],
    })


def item_history(updates: pd.DataFrame, unit_fr: str = "") -> pd.DataFrame:
    """One item's full history, newest work first, with French headers: N°, Date du travail,
    Cycle, Statut, Avancement (%), Quantité (typed, or read in the note for a target counted
    in `unit_fr`), Note, Preuve, Enregistrée le, Par, Corrige, Corrigée par."""

    frame = updates.sort_values(["work_date", "recorded_at", "update_id"], ascending=False)
    return pd.DataFrame({
        "N°": frame["update_id"].to_numpy(),
        "Date du travail": _days(frame["work_date"]),
        "Cycle": frame["cycle_label"].to_numpy(),
        "Statut": [STATUS_LABELS_FR[s] for s in frame["status"]],
        "Avancement (%)": frame["progress"].to_numpy(),
        "Quantité": [effective_quantity(q, n, unit_fr) for q, n in zip(frame["quantity"], frame["note"])],
        "Note": frame["note"].to_numpy(),
        "Preuve": frame["evidence_url"].to_numpy(),
        "Enregistrée le": _local(frame["recorded_at"]),
        "Par": frame["recorded_by_name"].to_numpy(),
        "Corrige": frame["corrects_id"].to_numpy(),
        "Corrigée par": frame["corrected_by_id"].to_numpy(),
    })


def filter_items(status: pd.DataFrame, *, search: str = "", axes=(), parties=(), statuses=(),
                 late_only: bool = False) -> pd.DataFrame:
    """The items matching a search (any word, in text, action, indicator, period or parties;
    case and accents ignored) and the filters given (empty filter: all). No side effects."""

    mask = pd.Series(True, index=status.index)
    if axes:
        mask &= status["axis_number"].isin(list(axes))
    if statuses:
        mask &= status["status"].isin(list(statuses))
    if late_only:
        mask &= status["late"]
    if parties:
        wanted = set(parties)
        mask &= status["parties"].map(lambda ps: bool(wanted.intersection(list(ps))))
    words = fold(search or "").split()
    if words:
        haystack = (status["text"] + " " + status["action_title"] + " " + status["indicator"] + " "
                    + status["period_label"] + " " + status["responsible_label"]).map(fold)
        for word in words:
            mask &= haystack.str.contains(word, regex=False)
    return status[mask]


def item_code(row) -> str:
    """The item's place in the plan, "3.2.1" (axis.action.means). No side effects."""
    return f"{row['axis_number']}.{row['action_position']}.{row['means_position']}"


def find_table(status: pd.DataFrame) -> pd.DataFrame:
    """The staff search results: N°, Moyen, Action, Statut, Avancement (%), Échéance, En retard,
    Responsables, Période (as written)."""
    frame = with_deadlines(status)
    return pd.DataFrame({
        "id": frame["means_id"].to_numpy(),
        "N°": [f"{a}.{b}.{c}" for a, b, c in zip(frame["axis_number"].tolist(), frame["action_position"].tolist(),
                                                  frame["means_position"].tolist())],
        "Moyen": frame["text"].to_numpy(),
        "Action": frame["action_title"].to_numpy(),
        "Statut": frame["status_fr"].to_numpy(),
        "Avancement (%)": frame["progress"].to_numpy(),
        "Échéance": frame["echeance"].to_numpy(),
        "En retard": ["Oui" if late else "Non" for late in frame["late"].tolist()],
        "Responsables": frame["responsible_label"].to_numpy(),
        "Période": frame["period_label"].to_numpy(),
    })


def list_parties(status: pd.DataFrame) -> list[str]:
    """Every responsible party named in `status`, sorted (for filters)."""
    return sorted({p for ps in status["parties"] for p in (list(ps) if ps is not None else [])}, key=str.lower)


def quantities_table(quantities: list[tuple], kind: str = "count_by", per: str | None = None) -> pd.DataFrame:
    """An item's reported quantities, shaped for its target kind:

    - count_by: Date du travail, Quantité, Total cumulé (the running total toward the goal);
    - frequency: Période, Quantité (the sum per year, month or ISO week, as the goal counts);
    - threshold and others: Date du travail, Quantité.
    """
    frame = pd.DataFrame(quantities, columns=["Date du travail", "Quantité"])
    if kind == "count_by":
        frame["Total cumulé"] = frame["Quantité"].cumsum()
    elif kind == "frequency":
        days = frame["Date du travail"].tolist()
        if per == "month":
            keys = [f"{d.year}-{d.month:02d}" for d in days]
        elif per == "week":
            keys = [f"{d.isocalendar()[0]}-S{d.isocalendar()[1]:02d}" for d in days]
        else:
            keys = [str(d.year) for d in days]
        frame = frame.assign(Période=keys).groupby("Période", sort=True, as_index=False)["Quantité"].sum()
    return frame


def with_percent(table: pd.DataFrame, column: str = "Avancement") -> pd.DataFrame:
    """A copy of `table` whose share `column` (0-1) becomes "<column> (%)", a whole percentage
    (0.9167 -> 92), so that a table shows the figure its chart writes. Pure."""
    out = table.copy()
    out.insert(list(out.columns).index(column), f"{column} (%)",
               [None if value is None or value != value else round(float(value) * 100) for value in out[column]])
    return out.drop(columns=column)
