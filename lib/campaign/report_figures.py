"""What the impact reports add up to: the follow-up of who reported, the moments done, the reach
and activities reported, and the spreadsheet export. Reads only; aggregates in DuckDB SQL."""
from __future__ import annotations

import datetime as dt
import urllib.parse

import pandas as pd

from lib.campaign import campaigns
from lib.campaign.agreement_form import CHANNEL_LABELS, CHANNELS
from lib.campaign.impact_reports import REACH_METRICS, STATUS_LABELS_FR, days_until_due
from lib.core import clock
from lib.core.clock import to_local_series
from lib.core.db import Database
from lib.core.i18n import N_, format_date, format_datetime, format_number, localized_sql, ngettext, translate
from lib.core.messages import LocalDate, Message


def follow_up(db: Database, campaign_id: int, today: dt.date | None = None, lang: str = "fr") -> pd.DataFrame:
    """Approved ambassadors that have not submitted their report: organisation, contact,
    email, phone, report status label and days until the due date (negative: overdue)."""
    campaign = campaigns.get_campaign(db, campaign_id)
    frame = db.query_df(
        """
        SELECT a.id, a.organisation, a.contact_name, a.email, a.phone, coalesce(r.status, 'none') AS report_status
        FROM ambassadors a LEFT JOIN impact_reports r ON r.ambassador_id = a.id
        WHERE a.campaign_id = ? AND a.status = 'approved' AND coalesce(r.status, 'none') <> 'submitted'
        ORDER BY lower(a.organisation)
        """,
        [campaign_id],
    )
    frame["report_status"] = [translate(STATUS_LABELS_FR[status], lang) for status in frame["report_status"]]
    frame["days_until_due"] = days_until_due(campaign.report_due, today or clock.today())
    return frame


def report_statuses(db: Database, campaign_id: int, lang: str = "fr", today: dt.date | None = None) -> pd.DataFrame:
    """Every approved ambassador with its report's status, submission time (UTC, and as
    Québec-time text in submitted_label) and lateness: submitted after the due date, or not
    submitted (not started, draft, reopened) once the due date of the campaign has passed."""
    frame = db.query_df(
        """
        SELECT a.id, a.organisation, a.email, coalesce(r.status, 'none') AS status, r.submitted_at,
               coalesce(r.submitted_late, FALSE)
               OR (coalesce(r.status, 'none') <> 'submitted' AND c.report_due IS NOT NULL AND c.report_due < ?)
               AS late,
               r.reopen_note
        FROM ambassadors a JOIN campaigns c ON c.id = a.campaign_id
        LEFT JOIN impact_reports r ON r.ambassador_id = a.id
        WHERE a.campaign_id = ? AND a.status = 'approved' ORDER BY lower(a.organisation)
        """,
        [today or clock.today(), campaign_id],
    )
    frame["status_label"] = [translate(STATUS_LABELS_FR[status], lang) for status in frame["status"]]
    frame["submitted_label"] = [format_datetime(clock.to_local(v), lang) if v == v and v is not None else ""
                                for v in frame["submitted_at"].astype(object)]
    return frame


def deadline_caption(report_due: dt.date | None, today: dt.date, lang: str = "fr") -> str:
    """The report's due date for the follow-up: "Échéance du rapport : 15 février 2023 (passée
    depuis 1 385 jours)." or "(dans 12 jours)"; how many reports are late is counted apart."""
    if report_due is None:
        return translate("Aucune échéance de rapport n’est fixée pour cette campagne.", lang)
    days = days_until_due(report_due, today)
    when = format_date(report_due, lang)
    if days < 0:
        return ngettext("Échéance du rapport : {date} (passée depuis {days} jour).",
                        "Échéance du rapport : {date} (passée depuis {days} jours).", -days, lang,
                        date=when, days=format_number(-days, lang))
    if days == 0:
        return translate("Échéance du rapport : {date} (aujourd’hui).", lang, date=when)
    return ngettext("Échéance du rapport : {date} (dans {days} jour).",
                    "Échéance du rapport : {date} (dans {days} jours).", days, lang,
                    date=when, days=format_number(days, lang))


def mailto_link(emails: list[str], subject: str) -> str:
    """A mailto: link writing to every address in blind copy, with `subject`."""
    addresses = ",".join(dict.fromkeys(e.strip() for e in emails if e and e.strip()))
    return "mailto:?" + urllib.parse.urlencode({"bcc": addresses, "subject": subject},
                                                quote_via=urllib.parse.quote, safe="@,")


def moment_grid(db: Database, campaign_id: int, lang: str = "fr") -> pd.DataFrame:
    """Organisations × moments forts of approved ambassadors: one row per pair with
    committed (chose the moment) and done (said so in a submitted report); the moment named as
    a reader of `lang` sees it."""
    return db.query_df(
        f"""
        SELECT a.organisation, m.key AS moment_key, m.position,
               -- the moment's name (campaigns.moment_name), under the column name the charts read
               coalesce(nullif(trim({localized_sql("m.checklist_label", lang)}), ''),
                        {localized_sql("m.when_label", lang)}) AS when_label,
               c.moment_key IS NOT NULL AS committed,
               coalesce(ra.done AND r.status = 'submitted', FALSE) AS done
        FROM ambassadors a
        CROSS JOIN campaign_moments m
        LEFT JOIN ambassador_moments c ON c.ambassador_id = a.id AND c.moment_key = m.key
        LEFT JOIN impact_reports r ON r.ambassador_id = a.id
        LEFT JOIN impact_report_actions ra ON ra.report_id = r.id AND ra.item_kind = 'moment'
             AND ra.item_key = m.key
        WHERE a.campaign_id = ? AND m.campaign_id = a.campaign_id AND a.status = 'approved'
        ORDER BY lower(a.organisation), m.position
        """,
        [campaign_id],
    )


def reported_reach(db: Database, campaign_id: int) -> pd.DataFrame:
    """Reach reported in submitted reports: organisation, channel_key, channel and the metrics."""
    frame = db.query_df(
        """
        SELECT a.organisation, x.channel_key, x.posts, x.views, x.shares, x.people_reached
        FROM impact_report_reach x JOIN impact_reports r ON r.id = x.report_id
        JOIN ambassadors a ON a.id = r.ambassador_id
        WHERE r.campaign_id = ? AND r.status = 'submitted' ORDER BY lower(a.organisation)
        """,
        [campaign_id],
    )
    frame["channel"] = frame["channel_key"].map(CHANNEL_LABELS)
    return frame


def reach_totals(reach: pd.DataFrame, by: str = "channel") -> pd.DataFrame:
    """Reported reach summed per channel (in CHANNELS order) or per organisation. Pure.
    A missing number stays out of the sum (it was not reported, not zero)."""
    metrics = [metric for metric, _ in REACH_METRICS]
    if reach.empty:
        return pd.DataFrame(columns=[by, *metrics])
    totals = reach.groupby(by, sort=False)[metrics].sum(min_count=1).reset_index()
    if by == "channel":
        order = {label: index for index, (_, label) in enumerate(CHANNELS)}
        totals = totals.sort_values("channel", key=lambda s: s.map(order)).reset_index(drop=True)
    return totals


def reported_activities(db: Database, campaign_id: int) -> pd.DataFrame:
    """Activities in submitted reports: organisation, type, date, participants, description."""
    return db.query_df(
        """
        SELECT a.organisation, x.activity_type, x.held_on, x.participants, x.description
        FROM impact_report_activities x JOIN impact_reports r ON r.id = x.report_id
        JOIN ambassadors a ON a.id = r.ambassador_id
        WHERE r.campaign_id = ? AND r.status = 'submitted' ORDER BY x.held_on NULLS LAST, lower(a.organisation)
        """,
        [campaign_id],
    )


def reports_export_frames(db: Database, campaign_id: int) -> dict[str, pd.DataFrame]:
    """The reports for CSV/XLSX: a summary per ambassador, then actions, reach, activities."""
    summary = db.query_df(
        """
        SELECT a.organisation, coalesce(r.status, 'none') AS statut, r.submitted_at AS soumis_le,
               coalesce(r.submitted_late, FALSE) AS en_retard, r.newsletter_recipients AS destinataires_infolettre,
               r.intranet_recipients AS destinataires_intranet, r.what_worked AS ce_qui_a_fonctionne,
               r.suggestions, r.comments AS commentaires
        FROM ambassadors a LEFT JOIN impact_reports r ON r.ambassador_id = a.id
        WHERE a.campaign_id = ? AND a.status = 'approved' ORDER BY lower(a.organisation)
        """,
        [campaign_id],
    )
    summary["statut"] = summary["statut"].map(STATUS_LABELS_FR)
    summary["soumis_le"] = to_local_series(summary["soumis_le"])  # Québec time, as the screen shows it
    actions = db.query_df(
        """
        SELECT a.organisation, x.item_kind AS type, coalesce(t.label, m.when_label, x.item_key) AS element,
               x.done AS fait, x.times AS nombre_de_fois, x.when_text AS quand, x.links AS liens
        FROM impact_report_actions x JOIN impact_reports r ON r.id = x.report_id
        JOIN ambassadors a ON a.id = r.ambassador_id
        LEFT JOIN commitment_types t ON x.item_kind = 'commitment' AND t.campaign_id = r.campaign_id
             AND t.key = x.item_key
        LEFT JOIN campaign_moments m ON x.item_kind = 'moment' AND m.campaign_id = r.campaign_id
             AND m.key = x.item_key
        WHERE r.campaign_id = ? ORDER BY lower(a.organisation)
        """,
        [campaign_id],
    )
    actions["type"] = actions["type"].map({"commitment": "engagement", "moment": "moment fort"})
    reach = reported_reach(db, campaign_id).drop(columns=["channel_key"]).rename(columns={
        "channel": "canal", "posts": "publications", "views": "vues", "shares": "partages",
        "people_reached": "personnes_jointes"})
    activities = reported_activities(db, campaign_id).rename(columns={
        "activity_type": "type", "held_on": "date", "description": "description"})
    return {"Rapports": summary, "Actions": actions, "Portée rapportée": reach, "Activités": activities}


COMPARISON_HEADERS_FR = (N_("Campagne"), N_("Début"), N_("Ambassadeurs approuvés"), N_("Moments forts choisis"),
                         N_("Rapports soumis"), N_("Personnes jointes (rapportées)"),
                         N_("Auditoire de l’organisateur"))


def campaigns_side_by_side(db: Database) -> pd.DataFrame:
    """Every campaign (oldest first) side by side, with French headers: Campagne, Début,
    Ambassadeurs approuvés, Moments forts choisis (choices of approved ambassadors), Rapports
    soumis, Personnes jointes (rapportées, submitted reports), Auditoire de l’organisateur
    (its own channels). No side effects."""
    frame = db.query_df(
        """
        SELECT c.name, c.starts_on,
               (SELECT count(*) FROM ambassadors a WHERE a.campaign_id = c.id AND a.status = 'approved') AS approved,
               (SELECT count(*) FROM ambassador_moments m JOIN ambassadors a ON a.id = m.ambassador_id
                 WHERE a.campaign_id = c.id AND a.status = 'approved') AS moments,
               (SELECT count(*) FROM impact_reports r WHERE r.campaign_id = c.id AND r.status = 'submitted')
                   AS submitted,
               (SELECT sum(x.people_reached) FROM impact_report_reach x JOIN impact_reports r ON r.id = x.report_id
                 WHERE r.campaign_id = c.id AND r.status = 'submitted') AS reached,
               (SELECT sum(h.audience) FROM campaign_channels h WHERE h.campaign_id = c.id) AS audience
        FROM campaigns c WHERE c.archived_at IS NULL ORDER BY c.starts_on NULLS LAST, c.id
        """)
    return pd.DataFrame({
        "Campagne": frame["name"], "Début": [_day(d) for d in frame["starts_on"]],
        "Ambassadeurs approuvés": frame["approved"].astype(int), "Moments forts choisis": frame["moments"].astype(int),
        "Rapports soumis": frame["submitted"].astype(int),
        "Personnes jointes (rapportées)": [None if v != v or v is None else int(v) for v in frame["reached"]],
        "Auditoire de l’organisateur": [None if v != v or v is None else int(v) for v in frame["audience"]],
    })


def stale_reach_warning(channels: pd.DataFrame, organiser: str, today: dt.date, max_days: int = 365) -> str:
    """A French prompt for staff when the organiser's reach figures (campaign_channels.as_of,
    the oldest) are more than `max_days` old or undated; "" when they are recent. A Message
    (pages translate it). No side effects."""
    if channels.empty:
        return ""
    dates = [_day(d) for d in channels["as_of"]]
    if any(d is None for d in dates):
        return Message("Des chiffres d’auditoire du {organiser} n’ont pas de date : demandez-lui des chiffres à jour "
                       "et saisissez-les avec leur date.", organiser=organiser)
    oldest = min(dates)
    if (today - oldest).days <= max_days:
        return ""
    return Message("Les chiffres d’auditoire du {organiser} datent du {date}, il y a plus d’un an : demandez-lui des "
                   "chiffres à jour et saisissez-les avec leur date.", organiser=organiser, date=LocalDate(oldest))


def _day(value) -> dt.date | None:
    if value is None or value != value:
        return None
    return pd.Timestamp(value).date()
