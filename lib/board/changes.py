"""What changed between two states of the plan (lib.plan.history.state_at), and the summary
sentences. Pure functions over DataFrames; tables have French headers and keep lib Messages
in their cells (translated by lib.board.pack for the reader's language).

"Then" is the plan as the board was told it at the previous meeting; "now" is the plan at the
meeting (or today, before it). An item counts as completed when it is "realise" now and was not
then in the same cycle (a recurring item done again in a new cycle counts again).
"""
from __future__ import annotations

from datetime import date, datetime

import pandas as pd

from lib.core.clock import to_local
from lib.core.i18n import N_
from lib.core.messages import JoinedMessage, LocalDate, LocalNumber, LocalPercent, Message, PluralMessage
from lib.plan import overview
from lib.plan.meetings import Meeting
from lib.plan.statuses import STATUS_LABELS_FR

_ITEM_ID = "means_id"


def _code(frame: pd.DataFrame) -> list[str]:
    return [f"{a}.{b}.{c}" for a, b, c in zip(frame["axis_number"].tolist(), frame["action_position"].tolist(),
                                              frame["means_position"].tolist())]


def _pairs(then: pd.DataFrame, now: pd.DataFrame) -> pd.DataFrame:
    """`now` with the columns of `then` suffixed _then, for items present in both."""
    keep = ["status", "status_fr", "late", "cycle_label", "target_progress_fr", "target_kind", "progress"]
    return now.merge(then[[_ITEM_ID, *keep]], on=_ITEM_ID, how="left", suffixes=("", "_then"), indicator=True)


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(["axis_number", "action_position", "means_position"])


def completed(then: pd.DataFrame, now: pd.DataFrame, updates: pd.DataFrame, since: date | None,
              as_of: date) -> pd.DataFrame:
    """Items done in the period: "realise" now and not then in the same cycle, or with an
    uncorrected "realise" update whose work falls in (since, as_of] (a yearly item done in
    October is back to "à venir" in December's new cycle, but it was done). `updates` are
    those known now (lib.plan.history.updates_known_at). N°, Moyen, Cycle, Responsables, id."""
    pairs = _pairs(then, now)
    mask = (pairs["status"] == "realise") & ~((pairs["status_then"] == "realise")
                                              & (pairs["cycle_label"] == pairs["cycle_label_then"]))
    cycles = dict(zip(pairs.loc[mask, _ITEM_ID], pairs.loc[mask, "cycle_label"]))
    if len(updates):
        work = pd.to_datetime(updates["work_date"]).dt.date
        done = updates[(updates["status"] == "realise") & updates["corrected_by_id"].isna()
                       & (work <= as_of) & ((work > since) if since is not None else True)]
        for means_id, label in zip(done[_ITEM_ID], done["cycle_label"]):
            if int(means_id) in set(pairs[_ITEM_ID]):
                cycles.setdefault(int(means_id), label)
    rows = _sorted(pairs[pairs[_ITEM_ID].isin(list(cycles))])
    return pd.DataFrame({"N°": _code(rows), "Moyen": rows["text"].to_numpy(),
                         "Cycle": pd.Series([cycles[m] for m in rows[_ITEM_ID]], dtype=object),
                         "Responsables": rows["responsible_label"].to_numpy(), "id": rows[_ITEM_ID].to_numpy()})


def newly_late(then: pd.DataFrame, now: pd.DataFrame) -> pd.DataFrame:
    """Items late now that were not late then (or did not exist): N°, Moyen, Pourquoi, Responsables, id."""
    pairs = _pairs(then, now)
    rows = _sorted(pairs[pairs["late"] & (pairs["late_then"] != True)])  # noqa: E712 (NaN for new items)
    return pd.DataFrame({"N°": _code(rows), "Moyen": rows["text"].to_numpy(),
                         "Pourquoi": pd.Series(rows["late_reason_fr"].tolist(), dtype=object),
                         "Responsables": rows["responsible_label"].to_numpy(), "id": rows[_ITEM_ID].to_numpy()})


def no_longer_late(then: pd.DataFrame, now: pd.DataFrame) -> pd.DataFrame:
    """Items late then and not now: N°, Moyen, Statut (now), id."""
    pairs = _pairs(then, now)
    rows = _sorted(pairs[(pairs["late_then"] == True) & ~pairs["late"]])  # noqa: E712
    return pd.DataFrame({"N°": _code(rows), "Moyen": rows["text"].to_numpy(),
                         "Statut": pd.Series(rows["status_fr"].tolist(), dtype=object),
                         "id": rows[_ITEM_ID].to_numpy()})


def status_changes(then: pd.DataFrame, now: pd.DataFrame) -> pd.DataFrame:
    """Items whose status differs between then and now: N°, Moyen, Avant, Maintenant, id."""
    pairs = _pairs(then, now)
    rows = _sorted(pairs[(pairs["_merge"] == "both") & (pairs["status"] != pairs["status_then"])])
    return pd.DataFrame({"N°": _code(rows), "Moyen": rows["text"].to_numpy(),
                         "Avant": [STATUS_LABELS_FR[s] for s in rows["status_then"]],
                         "Maintenant": [STATUS_LABELS_FR[s] for s in rows["status"]], "id": rows[_ITEM_ID].to_numpy()})


def indicator_changes(then: pd.DataFrame, now: pd.DataFrame) -> pd.DataFrame:
    """Items with a counted target whose progress moved: N°, Moyen, Avant, Maintenant, id
    (e.g. "4 / 10 membres d’ici 2024" → "7 / 10 membres d’ici 2024")."""
    pairs = _pairs(then, now)
    mask = (pairs["_merge"] == "both") & (pairs["target_kind"] != "done") \
        & (pairs["target_progress_fr"] != pairs["target_progress_fr_then"])
    rows = _sorted(pairs[mask])
    return pd.DataFrame({"N°": _code(rows), "Moyen": rows["text"].to_numpy(),
                         "Avant": rows["target_progress_fr_then"].to_numpy(),
                         "Maintenant": rows["target_progress_fr"].to_numpy(), "id": rows[_ITEM_ID].to_numpy()})


def axis_then_now(then: pd.DataFrame, now: pd.DataFrame) -> pd.DataFrame:
    """Per axis: Axe, Avancement avant, Avancement maintenant (0..1 or None), En retard avant,
    En retard maintenant, Moyens (now), with the share of lib.plan.statuses."""
    before = overview.axis_progress(then)[["Axe", "Avancement", "En retard"]]
    after = overview.axis_progress(now)[["Axe", "Moyens", "Avancement", "En retard"]]
    merged = after.merge(before, on="Axe", how="outer", suffixes=(" maintenant", " avant"))
    merged = merged.sort_values("Axe", key=lambda s: s.str.split(".").str[0].astype(int)).reset_index(drop=True)
    return pd.DataFrame({
        "Axe": merged["Axe"], "Moyens": merged["Moyens"].astype("Int64"),
        "Avancement avant": merged["Avancement avant"].astype(object).where(merged["Avancement avant"].notna(), None),
        "Avancement maintenant": merged["Avancement maintenant"].astype(object).where(
            merged["Avancement maintenant"].notna(), None),
        "En retard avant": merged["En retard avant"].astype("Int64"),
        "En retard maintenant": merged["En retard maintenant"].astype("Int64"),
    })


def new_updates(updates: pd.DataFrame, now: pd.DataFrame, since: datetime | None, until: datetime) -> pd.DataFrame:
    """Updates recorded in (since, until] of the items in `now`, oldest first: Enregistrée le,
    Par, N°, Moyen, Statut, Date du travail, Note, Corrige (the update number it corrects)."""
    known = now.set_index(_ITEM_ID)
    recorded = pd.to_datetime(updates["recorded_at"])
    mask = (recorded <= pd.Timestamp(until)) & updates[_ITEM_ID].isin(known.index)
    if since is not None:
        mask &= recorded > pd.Timestamp(since)
    rows = updates[mask].sort_values(["recorded_at", "update_id"])
    codes = {m: f"{r.axis_number}.{r.action_position}.{r.means_position}" for m, r in known.iterrows()}
    return pd.DataFrame({
        "Enregistrée le": [to_local(pd.Timestamp(v).to_pydatetime()) for v in rows["recorded_at"]],
        "Par": rows["recorded_by_name"].to_numpy(),
        "N°": [codes[m] for m in rows[_ITEM_ID]],
        "Moyen": [known.at[m, "text"] for m in rows[_ITEM_ID]],
        "Statut": [STATUS_LABELS_FR[s] for s in rows["status"]],
        "Date du travail": [pd.Timestamp(v).date() for v in rows["work_date"]],
        "Note": rows["note"].to_numpy(),
        "Corrige": ["" if pd.isna(c) else str(int(c)) for c in rows["corrects_id"]],
    }, columns=["Enregistrée le", "Par", "N°", "Moyen", "Statut", "Date du travail", "Note", "Corrige"])


EDIT_LABELS_FR = {
    "plan.axis.add": N_("Axe ajouté"), "plan.axis.archive": N_("Axe archivé"), "plan.axis.restore": N_("Axe restauré"),
    "plan.action.add": N_("Action ajoutée"), "plan.action.archive": N_("Action archivée"),
    "plan.action.restore": N_("Action restaurée"), "plan.means.add": N_("Moyen ajouté"),
    "plan.means.archive": N_("Moyen archivé"), "plan.means.restore": N_("Moyen restauré"),
}


def plan_edits_table(edits: pd.DataFrame, names: dict[tuple[str, str], str]) -> pd.DataFrame:
    """The plan's edits (lib.plan.history.plan_edits) for the board: Quand, Par, Quoi, Élément
    (the item's name from `names`, keyed (entity, id))."""
    return pd.DataFrame({
        "Quand": [to_local(pd.Timestamp(v).to_pydatetime()) for v in edits.get("happened_at", [])],
        "Par": list(edits.get("actor", [])),
        "Quoi": [EDIT_LABELS_FR[a] for a in edits.get("action", [])],
        "Élément": [names.get((e, str(i)), "") for e, i in zip(edits.get("entity", []), edits.get("entity_id", []))],
    }, columns=["Quand", "Par", "Quoi", "Élément"])


# --------------------------------------------------------------------------- sentences

def _since_sentence(previous: Meeting, changes) -> Message:
    if previous.kind == "aga":
        return Message("Depuis l’AGA du {date} : {changes}.", date=LocalDate(previous.held_on), changes=changes)
    return Message("Depuis le CA du {date} : {changes}.", date=LocalDate(previous.held_on), changes=changes)


def summary_sentences(*, previous: Meeting | None, as_of, now: pd.DataFrame, done: pd.DataFrame,
                      late_new: pd.DataFrame, late_gone: pd.DataFrame, axes: pd.DataFrame, updates: pd.DataFrame,
                      edits: pd.DataFrame, new_ambassadors: int, reports_received: int,
                      people_reached: float | None) -> list[Message]:
    """The pack's summary in sentences built from templates (Messages, French; translated where
    shown): where the plan stands, what changed since `previous`, the campaign's news."""
    overall = overview.overall_progress(now)
    sentences = [Message("Au {date} : {share} des moyens réalisés ou en bonne voie, {late}.", date=LocalDate(as_of),
                         share=LocalPercent(overall),
                         late=PluralMessage("{n} moyen en retard", "{n} moyens en retard", int(now["late"].sum())))]
    if previous is None:
        return sentences
    parts = [PluralMessage("{n} moyen réalisé", "{n} moyens réalisés", len(done)),
             PluralMessage("{n} nouveau retard", "{n} nouveaux retards", len(late_new))]
    if len(late_gone):
        parts.append(PluralMessage("{n} moyen n’est plus en retard", "{n} moyens ne sont plus en retard",
                                   len(late_gone)))
    for row in axes.itertuples(index=False):
        before, after = row[2], row[3]
        if before is not None and after is not None and round(before * 100) != round(after * 100):
            parts.append(Message("l’axe {number} passe de {before} à {after}", number=row[0].split(".")[0],
                                 before=LocalPercent(before), after=LocalPercent(after)))
    sentences.append(_since_sentence(previous, JoinedMessage(parts, N_(", "))))
    plan_parts = [PluralMessage("{n} mise à jour enregistrée", "{n} mises à jour enregistrées", len(updates))]
    added = sum(1 for a in edits.get("action", []) if a.endswith(".add"))
    archived = sum(1 for a in edits.get("action", []) if a.endswith(".archive"))
    if added:
        plan_parts.append(PluralMessage("{n} élément ajouté au plan", "{n} éléments ajoutés au plan", added))
    if archived:
        plan_parts.append(PluralMessage("{n} élément archivé", "{n} éléments archivés", archived))
    sentences.append(Message("Suivi du plan : {changes}.", changes=JoinedMessage(plan_parts, N_(", "))))
    campaign_parts = [
        PluralMessage("{count} nouvel ambassadeur", "{count} nouveaux ambassadeurs", new_ambassadors,
                      count=LocalNumber(new_ambassadors)),
        PluralMessage("{count} rapport de retombées reçu", "{count} rapports de retombées reçus", reports_received,
                      count=LocalNumber(reports_received))]
    if people_reached:
        campaign_parts.append(PluralMessage("{count} personne jointe selon ces rapports",
                                            "{count} personnes jointes selon ces rapports", int(people_reached),
                                            count=LocalNumber(people_reached)))
    sentences.append(Message("Campagne : {changes}.", changes=JoinedMessage(campaign_parts, N_(", "))))
    return sentences
