"""Calendar files (.ics, RFC 5545, with the icalendar package) people add to their own calendar.

- the campaign's moments forts (all of them, or those an ambassador committed to);
- the plan's due dates for one responsible party (each item's next due date, or the missed
  one of a late item);
- the board's meetings (CA and AGA) recorded by staff.
Every event is a whole day (or days) of Québec's calendar: all-day dates carry no time zone,
and the calendar names America/Toronto (X-WR-TIMEZONE) for applications that show times.
Each event's UID is stable, so importing a newer file updates the events instead of doubling them.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter

import pandas as pd
from icalendar import Calendar, Event

from lib.campaign import campaigns
from lib.core import clock
from lib.core.db import Database
from lib.core.i18n import translate
from lib.core.messages import translate_message
from lib.core.validators import with_scheme
from lib.plan import items, meetings, overview, tracking

PRODID = "-//ROCSMO//Tableau de bord//FR"
UID_DOMAIN = "tableau.rocsmo.org"


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", str(clock.LOCAL_ZONE))
    return calendar


def _all_day(uid: str, summary: str, first: dt.date, last: dt.date, description: str = "",
             url: str = "") -> Event:
    event = Event()
    event.add("uid", f"{uid}@{UID_DOMAIN}")
    event.add("dtstamp", dt.datetime.now(dt.UTC))
    event.add("summary", summary)
    event.add("dtstart", first)
    event.add("dtend", last + dt.timedelta(days=1))  # DTEND of an all-day event is the day after
    event.add("transp", "TRANSPARENT")
    if description:
        event.add("description", description)
    if url:
        event.add("url", url)
    return event


def moments_calendar(db: Database, campaign_id: int, moment_keys: tuple[str, ...] | None = None,
                     lang: str = "fr") -> bytes:
    """The campaign's moments forts as an .ics (only `moment_keys` when given). Reads only."""
    campaign = campaigns.get_campaign(db, campaign_id)
    calendar = _calendar(translate("Moments forts — {campaign}", lang, campaign=campaign.name))
    for moment in campaigns.list_moments(db, campaign_id, lang).itertuples():
        if moment_keys is not None and moment.key not in moment_keys:
            continue
        summary = moment.checklist_label or f"{moment.when_label} {moment.description}".strip()
        calendar.add_component(_all_day(
            f"moment-{campaign.slug}-{moment.key}", summary, _day(moment.starts_on), _day(moment.ends_on),
            f"{moment.when_label} {moment.description}".strip(), with_scheme(campaign.website)))
    return calendar.to_ical()


def meetings_calendar(db: Database, lang: str = "fr") -> bytes:
    """The board's meetings (CA and AGA, past and coming) as an .ics, each with its note. Reads only."""
    calendar = _calendar(translate("Rencontres du CA du ROCSMO", lang))
    for meeting in meetings.list_meetings(db):
        summary = translate_message(meeting.label(), lang)
        calendar.add_component(_all_day(f"meeting-{meeting.id}", summary, meeting.held_on, meeting.held_on,
                                        meeting.note))
    return calendar.to_ical()


def _day(value) -> dt.date:
    # DataFrames hand dates back as Timestamps (datetimes): an all-day event needs the date alone.
    return value.date() if isinstance(value, dt.datetime) else value


def ambassador_calendar(db: Database, agreement, lang: str = "fr") -> bytes:
    """The moments forts an ambassador committed to (its agreement's moments), as an .ics."""
    return moments_calendar(db, agreement.campaign_id, tuple(agreement.moments), lang)


def plan_parties(status: pd.DataFrame) -> list[str]:
    """The responsible parties named in a plan status frame (lib.plan.tracking.plan_status), those
    carrying the most items first (then by name)."""
    carried = Counter(party for row in status["parties"] for party in row)
    return sorted(carried, key=lambda party: (-carried[party], party))


def plan_calendar(status: pd.DataFrame, party: str, lang: str = "fr") -> bytes:
    """The due dates of the items of `status` (lib.plan.tracking.plan_status) that `party` carries,
    as an .ics: each item's next due date, or for a late item the date it missed. Pure."""
    calendar = _calendar(translate("Plan d’action — échéances : {party}", lang, party=party))
    for row in overview.with_deadlines(status).itertuples():
        if party not in row.parties or row.echeance is None:
            continue
        description = translate("Responsables : {parties}", lang, parties=row.responsible_label)
        if row.late:
            description += "\n" + translate_message(row.late_reason_fr, lang)
        calendar.add_component(_all_day(
            f"means-{row.means_id}-{_day(row.echeance).isoformat()}",
            translate("Échéance : {means}", lang, means=row.text), _day(row.echeance), _day(row.echeance),
            description))
    return calendar.to_ical()


def current_plan_calendar(db: Database, party: str, as_of: dt.date | None = None, lang: str = "fr") -> bytes:
    """plan_calendar of the current plan as of `as_of` (default today), read from the database."""
    plan_id = items.current_plan_id(db)
    if plan_id is None:
        return _calendar(translate("Plan d’action — échéances : {party}", lang, party=party)).to_ical()
    return plan_calendar(tracking.plan_status(db, plan_id, as_of or clock.today(), lang), party, lang)
