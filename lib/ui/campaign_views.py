"""Streamlit-side cached reads of the campaign pages (Campagne, Ambassadeurs, Nos ambassadeurs,
Envois), keyed like lib.ui.plan_views on (database file, lib.core.audit.data_version, ...).

Every write these pages read is audited: sign-ups and joining, decisions, agreement edits,
reports saved, submitted and reopened, campaign edits, accounts, settings, message kinds. So
the data version moves with each of them and any change shows on the next rerun of every
session; between writes a rerun reuses the frames, figures and formatted tables instead of
querying, formatting and drawing them again. Cached objects are shared, not copied
(st.cache_resource); callers treat them as read-only.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import pyarrow as pa
import streamlit as st

from lib.campaign import ambassadors, campaigns, charts, listings, report_figures, wall
from lib.campaign.agreement_form import CHANNELS
from lib.campaign.charts import ChartView
from lib.core import audit, clock
from lib.outreach import reminders
from lib.plan import items
from lib.ui import plan_views, session, tables
from lib.ui.campaign_widgets import FOLLOW_UP_COLUMNS, SIGNUP_COLUMNS


@dataclass(frozen=True)
class ShownChart:
    """A chart and its table already made for reading in the reader's language (lib.ui.tables.
    for_reading: escaped, dates and numbers formatted), what show_chart draws."""
    view: ChartView
    readable: pd.DataFrame
    has_data: bool  # lib.campaign.charts.has_data


def _shown(view: ChartView, lang: str) -> ShownChart:
    return ShownChart(view, tables.for_reading(view.table, lang), charts.has_data(view))


def _key() -> tuple[str, int]:
    db = session.get_db()
    return db.path, audit.data_version(db)


# -- Campagne ---------------------------------------------------------------------------
# One cached call per tab, each called inside its tab's feedback.section: a failure stays its tab's own.
@st.cache_resource(show_spinner=False, max_entries=16)
def _audience_charts(db_path: str, version: int, campaign_id: int, lang: str) -> dict:
    db = session.get_db()
    campaign = campaigns.get_campaign(db, campaign_id)
    return {"organiser": _shown(charts.organiser_reach(campaigns.list_channels(db, campaign_id), campaign.organiser,
                                                       lang), lang),
            "declared": _shown(charts.declared_audience(listings.declared_audiences(db, campaign_id),
                                                        [label for _, label in CHANNELS], lang), lang)}


def audience_charts(campaign_id: int, lang: str) -> dict[str, ShownChart]:
    """The Campagne page's "organiser" and "declared" audience charts, cached until the next write."""
    return _audience_charts(*_key(), campaign_id, lang)


@st.cache_resource(show_spinner=False, max_entries=16)
def _moment_charts(db_path: str, version: int, campaign_id: int, lang: str) -> dict:
    db = session.get_db()
    grid = report_figures.moment_grid(db, campaign_id, lang)
    return {"moments": _shown(charts.moments_timeline(listings.moment_counts(db, campaign_id, lang), lang), lang),
            "commitments": _shown(charts.commitments_by_type(listings.commitment_counts(db, campaign_id, lang), lang),
                                  lang),
            "grid": None if grid.empty else _shown(charts.moment_grid(grid, lang), lang)}


def moment_charts(campaign_id: int, lang: str) -> dict:
    """The Campagne page's "moments" and "commitments" charts and the organisations × moments
    "grid" (None without an approved ambassador), ShownCharts cached until the next write."""
    return _moment_charts(*_key(), campaign_id, lang)


@st.cache_resource(show_spinner=False, max_entries=16)
def _reported(db_path: str, version: int, campaign_id: int, lang: str) -> dict:
    db = session.get_db()
    activities = report_figures.reported_activities(db, campaign_id)
    return {"approved": not report_figures.moment_grid(db, campaign_id).empty,  # as the grid says it
            "reach": report_figures.reported_reach(db, campaign_id),
            "activities": None if activities.empty else _shown(charts.activities_participants(activities, lang), lang)}


def reported(campaign_id: int, lang: str) -> dict:
    """What the Campagne page shows of the submitted reports, cached until the next write:
    "approved" (an approved ambassador in the organisations × moments grid), "reach"
    (report_figures.reported_reach, empty before any submitted report) and "activities" (a
    ShownChart, None when none was reported)."""
    return _reported(*_key(), campaign_id, lang)


@st.cache_resource(show_spinner=False, max_entries=32)
def _reach_charts(db_path: str, version: int, campaign_id: int, metric: str, metric_label: str,
                  lang: str) -> dict[str, ShownChart]:
    reach = _reported(db_path, version, campaign_id, lang)["reach"]
    return {by: _shown(charts.reported_reach(report_figures.reach_totals(reach, by), by, metric, metric_label, lang),
                       lang) for by in ("channel", "organisation")}


def reach_charts(campaign_id: int, metric: str, metric_label: str, lang: str) -> dict[str, ShownChart]:
    """The reported reach for `metric`, "channel" and "organisation" (ShownChart), cached until the next write."""
    return _reach_charts(*_key(), campaign_id, metric, metric_label, lang)


@st.cache_resource(show_spinner=False, max_entries=4)
def _side_by_side(db_path: str, version: int) -> pd.DataFrame:
    return report_figures.campaigns_side_by_side(session.get_db())


def campaigns_side_by_side() -> pd.DataFrame:
    """lib.campaign.report_figures.campaigns_side_by_side, cached until the next write."""
    return _side_by_side(*_key())


# -- what every campaign page reads about a campaign --------------------------------------
@st.cache_resource(show_spinner=False, max_entries=16)
def _parts(db_path: str, version: int, campaign_id: int, lang: str) -> dict:
    db = session.get_db()
    return {"channels": campaigns.list_channels(db, campaign_id),
            "moments": campaigns.list_moments(db, campaign_id, lang),
            "types": campaigns.list_commitment_types(db, campaign_id, lang),
            "organiser_commitments": campaigns.list_organiser_commitments(db, campaign_id)}


def campaign_parts(campaign_id: int, lang: str = "fr") -> dict:
    """A campaign's "channels", "moments", "types" (its checklist of commitments) and
    "organiser_commitments" (lib.campaign.campaigns' lists), moments and commitments as a reader
    of `lang` sees them (French: the document's own words); cached until the next write."""
    return _parts(*_key(), campaign_id, lang)


# -- Ambassadeurs -----------------------------------------------------------------------
def _arrow(frame: pd.DataFrame, columns) -> pa.Table:
    # st.dataframe sends Arrow: converted once per write rather than on each rerun (thousands of rows)
    return pa.Table.from_pandas(frame[list(columns)], preserve_index=False)


# One cached call per tab of Ambassadeurs, each called in its tab's feedback.section.
@st.cache_resource(show_spinner=False, max_entries=16)
def _signups(db_path: str, version: int, campaign_id: int, lang: str) -> dict:
    listing = ambassadors.list_ambassadors(session.get_db(), campaign_id, lang)
    return {"listing": listing,
            "labels": dict(zip(listing["id"], listing["organisation"] + " — " + listing["status_label"])),
            "shown": _arrow(listing, [name for name, _, _ in SIGNUP_COLUMNS])}


def signups(campaign_id: int, lang: str) -> dict:
    """The campaign's ambassadors (ambassadors.list_ambassadors) as "listing", "labels" {id:
    "organisation — status"} and "shown" (the SIGNUP_COLUMNS as Arrow), cached until the next write."""
    return _signups(*_key(), campaign_id, lang)


@st.cache_resource(show_spinner=False, max_entries=16)
def _follow_up(db_path: str, version: int, campaign_id: int, lang: str, today: date) -> dict:
    db = session.get_db()
    pending = report_figures.follow_up(db, campaign_id, today, lang)
    statuses = report_figures.report_statuses(db, campaign_id, lang, today)
    return {"pending": pending, "statuses": statuses,
            "pending_shown": _arrow(pending, [name for name, _, _ in FOLLOW_UP_COLUMNS]),
            "statuses_shown": _arrow(statuses, ["organisation", "status_label", "submitted_label", "late"])}


def follow_up(campaign_id: int, lang: str) -> dict:
    """The follow-up of reports, cached until the next write or the next day: "pending"
    (report_figures.follow_up), "statuses" (report_figures.report_statuses), and the columns shown
    of each as Arrow ("pending_shown": FOLLOW_UP_COLUMNS; "statuses_shown")."""
    return _follow_up(*_key(), campaign_id, lang, clock.today())


@st.cache_resource(show_spinner=False, max_entries=16)
def _microsite(db_path: str, version: int, campaign_id: int) -> dict:
    return {"frame": listings.microsite_frame(session.get_db(), campaign_id)}


def microsite(campaign_id: int) -> dict:
    """listings.microsite_frame as "frame", cached until the next write."""
    return _microsite(*_key(), campaign_id)


# -- Nos ambassadeurs --------------------------------------------------------------------
@st.cache_resource(show_spinner=False, max_entries=4)
def _wall(db_path: str, version: int) -> list[wall.WallEntry]:
    return wall.wall_entries(session.get_db())


def wall_entries() -> list[wall.WallEntry]:
    """The public wall of the current campaign (lib.campaign.wall.wall_entries, logos resized),
    cached until the next write: resizing every logo on each visit cost seconds at a few
    hundred ambassadors."""
    return _wall(*_key())


# -- Envois --------------------------------------------------------------------------------
def _plan_status(today: date) -> pd.DataFrame | None:
    plan_id = items.current_plan_id(session.get_db())
    return None if plan_id is None else plan_views.plan_status(plan_id, today)


@st.cache_resource(show_spinner=False, max_entries=4)
def _due_drafts(db_path: str, version: int, today: date) -> list:
    return reminders.due_drafts(session.get_db(), today, plan_status=_plan_status(today))


def due_drafts() -> list:
    """The messages due today (lib.outreach.reminders.due_drafts), for the Envois page's list
    and previews; cached until the next write or the next day, the digest reading the plan's
    status from plan_views' cache. Sending (reminders.run) always computes them afresh."""
    return _due_drafts(*_key(), clock.today())


def sample_draft(kind: str, lang: str):
    """reminders.sample_draft, the digest's example reading the plan's status from plan_views' cache."""
    today = clock.today()
    return reminders.sample_draft(session.get_db(), kind, lang, today,
                                  plan_status=_plan_status(today) if kind == "staff_digest" else None)
