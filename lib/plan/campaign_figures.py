"""Campaign results that count in the plan: staff link a means to a campaign figure, and its
indicator progress follows the campaign without double entry.

A figure is a list of dated quantities read from the ambassador programme, across campaigns:
approved ambassadors (dated by the decision), impact reports submitted (by submission), the
activities they report (by the day held, else the submission), the participants of those
activities, and the people reached per channel. Only submitted reports count. A linked means
takes these quantities instead of those typed in its updates (lib.plan.assessment), so its
target (read from the indicator, or corrected by staff: "au moins 10 par année") is measured on
the campaign; the plan says where the figure comes from.
"""
from __future__ import annotations

import datetime as dt

from lib.campaign.agreement_form import CHANNELS
from lib.core import audit, clock, roles
from lib.core.db import Database
from lib.core.errors import FormError
from lib.core.i18n import N_
from lib.core.messages import Message

FIGURE_LABELS_FR = {
    "approved_ambassadors": N_("ambassadeurs approuvés"),
    "reports_submitted": N_("rapports de retombées soumis"),
    "activities": N_("activités organisées par les ambassadeurs"),
    "participants": N_("participants aux activités des ambassadeurs"),
    **{f"reach:{key}": Message("personnes jointes ({channel}) selon les rapports", channel=label)
       for key, label in CHANNELS},
}
FIGURES = tuple(FIGURE_LABELS_FR)


class FigureError(FormError):
    """A link that cannot be made; `messages` are in French."""


def source_message(figure: str) -> Message:
    """Where a linked means' figure comes from, for the plan's screens."""
    return Message("Suit la campagne : {figure}", figure=FIGURE_LABELS_FR[figure])


def _local_day(moment) -> dt.date:
    return clock.to_local(moment).date() if isinstance(moment, dt.datetime) else moment


def figure_quantities(db: Database, figure: str) -> list[tuple[dt.date, float]]:
    """The dated quantities of `figure`, oldest first (days in Québec time). Reads only.
    Raises FigureError for an unknown figure."""
    if figure not in FIGURE_LABELS_FR:
        raise FigureError("Chiffre de campagne inconnu.")
    counted = "r.status = 'submitted' AND a.status = 'approved'"  # only submitted reports count
    if figure == "approved_ambassadors":
        rows = db.query("SELECT decided_at, 1 FROM ambassadors WHERE status = 'approved' AND decided_at IS NOT NULL")
    elif figure == "reports_submitted":
        rows = db.query("SELECT r.submitted_at, 1 FROM impact_reports r JOIN ambassadors a ON a.id = r.ambassador_id"
                        f" WHERE {counted}")
    elif figure in ("activities", "participants"):
        rows = db.query(
            "SELECT coalesce(x.held_on, CAST(r.submitted_at AS DATE)), CASE WHEN ? THEN 1 ELSE x.participants END"
            " FROM impact_report_activities x JOIN impact_reports r ON r.id = x.report_id"
            f" JOIN ambassadors a ON a.id = r.ambassador_id WHERE {counted}"
            " AND (? OR x.participants IS NOT NULL)", [figure == "activities", figure == "activities"])
    else:
        rows = db.query(
            "SELECT r.submitted_at, p.people_reached FROM impact_report_reach p"
            " JOIN impact_reports r ON r.id = p.report_id JOIN ambassadors a ON a.id = r.ambassador_id"
            f" WHERE {counted} AND p.channel_key = ? AND p.people_reached IS NOT NULL", [figure.split(":", 1)[1]])
    return sorted((_local_day(moment), float(value)) for moment, value in rows if moment is not None)


def linked_figures(db: Database) -> dict[int, str]:
    """The figure each linked means follows, by means id."""
    rows = db.query("SELECT means_id, figure FROM means_campaign_figures")
    return {int(means_id): figure for means_id, figure in rows if figure in FIGURE_LABELS_FR}


def linked_quantities(db: Database) -> dict[int, tuple[str, list[tuple[dt.date, float]]]]:
    """Each linked means' figure and its dated quantities (each figure read once)."""
    links = linked_figures(db)
    cache = {figure: figure_quantities(db, figure) for figure in set(links.values())}
    return {means_id: (figure, cache[figure]) for means_id, figure in links.items()}


def set_figure(db: Database, user, means_id: int, figure: str | None, *, session_id: str = "") -> None:
    """Link a means to a campaign figure (None: unlink, back to the updates' quantities).

    Side effects: a row of means_campaign_figures and an audit row ("plan.figure.set" /
    "plan.figure.clear") in one transaction. Raises AccessDenied unless staff, FigureError for an
    unknown means or figure.
    """
    roles.require(user, roles.STAFF)
    if figure is not None and figure not in FIGURE_LABELS_FR:
        raise FigureError("Chiffre de campagne inconnu.")

    def work(cur):
        if cur.execute("SELECT 1 FROM means WHERE id = ?", [means_id]).fetchone() is None:
            raise FigureError("Moyen introuvable.")
        cur.execute("DELETE FROM means_campaign_figures WHERE means_id = ?", [means_id])
        if figure is not None:
            cur.execute("INSERT INTO means_campaign_figures VALUES (?, ?, ?, ?)",
                        [means_id, figure, clock.utcnow(), user.username])
        audit.record(cur, user.username, "plan.figure.set" if figure else "plan.figure.clear", entity="means",
                     entity_id=means_id, session_id=session_id, details={"figure": figure})

    db.transaction(work)

