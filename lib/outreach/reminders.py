"""What is due to be sent, computed from the database's state, and the run that queues and sends it.

Every message has a subject_key naming what it is about (an agreement's decision at its time, a
report's reminder stage for its due date, a week's digest), so computing the same state again
yields the same keys and the outbox queues nothing twice. Event messages (sign-up received,
decision, report reopened) are computed for events of the last RECENT_DAYS only, so turning the
reminders on for an old database does not write to every organisation of past years.

- ambassadors of the current campaign: sign-up received (pending), approved or declined (with
  staff's note), report due in 30 days and in 7 days, overdue (up to OVERDUE_DAYS after the due
  date), reopened by staff; each in the ambassador's language (users.language);
- staff and admins: the week's digest (ISO week): items late in the plan (the board's late list),
  sign-ups waiting for a decision, reports received in the last 7 days; not sent when all three
  are empty.
- board members: the pack for the next meeting (lib.plan.meetings) can be read, BOARD_NOTICE_DAYS
  before it (once per meeting: its id and date are the subject key, so a moved meeting is told again).
"""
from __future__ import annotations

import datetime as dt
import logging
import threading
from dataclasses import dataclass

import pandas as pd

from lib.campaign import campaigns
from lib.core import clock
from lib.core.db import Database
from lib.core.i18n import translate
from lib.core.messages import translate_message
from lib.core.settings import load_settings
from lib.outreach import outbox, templates
from lib.outreach.config import SmtpConfig
from lib.outreach.templates import AmbassadorFacts, DigestFacts, Draft
from lib.plan import items, meetings, overview, tracking

log = logging.getLogger(__name__)
RECENT_DAYS = 14
OVERDUE_DAYS = 60
DUE_STAGES = (("due_7", 7), ("due_30", 30))  # the nearest stage wins
BOARD_NOTICE_DAYS = 7


def ambassador_drafts(db: Database, today: dt.date, now: dt.datetime) -> list[Draft]:
    """The messages due to the current campaign's ambassadors on `today` (see the module docstring)."""
    campaign = campaigns.current_campaign(db)
    if campaign is None:
        return []
    settings = load_settings(db)
    base, hours = settings.base_url, settings.link_hours
    recent = now - dt.timedelta(days=RECENT_DAYS)
    rows = db.query(
        """
        SELECT a.id, a.username, a.email, coalesce(u.language, 'fr'), a.contact_name, a.organisation, a.status,
               a.status_note, a.created_at, a.decided_at, coalesce(r.status, 'none'), r.reopened_at, r.reopen_note
        FROM ambassadors a LEFT JOIN users u ON u.username = a.username
        LEFT JOIN impact_reports r ON r.ambassador_id = a.id
        WHERE a.campaign_id = ? AND coalesce(u.is_active, TRUE) ORDER BY a.id
        """, [campaign.id])
    drafts = []
    for (aid, username, email, lang, contact, organisation, status, note, created_at, decided_at, report_status,
         reopened_at, reopen_note) in rows:
        if not email:
            continue
        facts = AmbassadorFacts(aid, username, email, lang if lang in ("fr", "en") else "fr", contact,
                                organisation, campaign.name, campaign.contact_email, campaign.report_due, note)
        if status == "pending" and created_at >= recent:
            drafts.append(templates.signup_received(facts, base))
        if status in ("approved", "declined") and decided_at is not None and decided_at >= recent:
            drafts.append(templates.decision(facts, status == "approved", decided_at, base, hours))
        if status != "approved" or report_status == "submitted":
            continue
        if report_status == "reopened" and reopened_at is not None and reopened_at >= recent:
            drafts.append(templates.report_reopened(
                AmbassadorFacts(**{**facts.__dict__, "note": reopen_note or ""}), reopened_at, base, hours))
        if campaign.report_due is None:
            continue
        days = (campaign.report_due - today).days
        stage = next((name for name, limit in DUE_STAGES if 0 <= days <= limit), None)
        if stage is not None:
            drafts.append(templates.report_due(facts, days, stage, base, hours))
        elif -OVERDUE_DAYS <= days < 0:
            drafts.append(templates.report_overdue(facts, base, hours))
    return drafts


def digest_facts(db: Database, today: dt.date, now: dt.datetime, lang: str,
                 plan_status: pd.DataFrame | None = None) -> DigestFacts:
    """The week's digest in `lang`: late plan items, pending sign-ups, reports received in 7 days.
    `plan_status`: the current plan's status on `today` when the caller has it already (a
    cache), else it is computed (lib.plan.tracking.plan_status)."""
    year, week, _ = today.isocalendar()
    late: tuple = ()
    plan_id = items.current_plan_id(db)
    if plan_id is not None:
        status = plan_status if plan_status is not None else tracking.plan_status(db, plan_id, today, lang)
        table = overview.late_items(status)
        late = tuple((text, translate_message(why, lang) if why else "")
                     for text, why in zip(table["Moyen"], table["Pourquoi"]))
    campaign = campaigns.current_campaign(db)
    pending, received = (), ()
    if campaign is not None:
        pending = tuple((org, clock.to_local(created).date()) for org, created in db.query(
            "SELECT organisation, created_at FROM ambassadors WHERE campaign_id = ? AND status = 'pending'"
            " ORDER BY created_at", [campaign.id]))
        received = tuple((org, clock.to_local(at).date()) for org, at in db.query(
            "SELECT a.organisation, r.submitted_at FROM impact_reports r JOIN ambassadors a ON a.id = r.ambassador_id"
            " WHERE r.campaign_id = ? AND r.status = 'submitted' AND r.submitted_at >= ? ORDER BY r.submitted_at",
            [campaign.id, now - dt.timedelta(days=7)]))
    return DigestFacts(f"{year}-W{week:02d}", late, pending, received)


def staff_drafts(db: Database, today: dt.date, now: dt.datetime,
                 plan_status: pd.DataFrame | None = None) -> list[Draft]:
    """The week's digest for each active staff member and admin with an email address
    (`plan_status` as in digest_facts)."""
    base = load_settings(db).base_url
    drafts, facts_by_lang = [], {}
    for username, name, email, lang in db.query(
            "SELECT username, display_name, email, language FROM users WHERE role IN ('staff', 'admin')"
            " AND is_active AND email <> '' ORDER BY username"):
        lang = lang if lang in ("fr", "en") else "fr"
        if lang not in facts_by_lang:
            facts_by_lang[lang] = digest_facts(db, today, now, lang, plan_status)
        if not facts_by_lang[lang].is_empty():
            drafts.append(templates.staff_digest(facts_by_lang[lang], name, email, username, lang, base))
    return drafts


def board_drafts(db: Database, today: dt.date) -> list[Draft]:
    """'The pack is ready' for each active board member with an email address, when the next
    meeting is at most BOARD_NOTICE_DAYS away."""
    coming = meetings.next_meeting(db, today - dt.timedelta(days=1))  # a meeting today still counts
    if coming is None or (coming.held_on - today).days > BOARD_NOTICE_DAYS:
        return []
    base = load_settings(db).base_url
    return [templates.board_pack_ready(coming, name, email, username, lang if lang in ("fr", "en") else "fr", base)
            for username, name, email, lang in db.query(
                "SELECT username, display_name, email, language FROM users WHERE role = 'board' AND is_active"
                " AND email <> '' ORDER BY username")]


def due_drafts(db: Database, today: dt.date | None = None, now: dt.datetime | None = None,
               plan_status: pd.DataFrame | None = None) -> list[Draft]:
    """Every message due now whose kind is on (lib.outreach.outbox.enabled_kinds). Reads only.
    `plan_status`: the current plan's status on `today` if the caller holds it (digest_facts)."""
    today, now = today or clock.today(), now or clock.utcnow()
    enabled = outbox.enabled_kinds(db)
    drafts = (ambassador_drafts(db, today, now) + staff_drafts(db, today, now, plan_status)
              + board_drafts(db, today))
    return [draft for draft in drafts if enabled.get(draft.purpose, True)]


def sample_draft(db: Database, kind: str, lang: str, today: dt.date | None = None,
                 plan_status: pd.DataFrame | None = None) -> Draft:
    """An example of a message of `kind` in `lang`, for staff to read before turning it on: an
    imaginary organisation of the current campaign; the staff digest from today's real state
    (`plan_status` as in digest_facts)."""
    today, now = today or clock.today(), clock.utcnow()
    settings = load_settings(db)
    base, hours = settings.base_url, settings.link_hours
    if kind == "board_pack":
        sample = meetings.Meeting(0, today + dt.timedelta(days=BOARD_NOTICE_DAYS), "ca")
        return templates.board_pack_ready(sample, "Marie Exemple", "ca@example.org", "", lang, base)
    if kind == "staff_digest":
        return templates.staff_digest(digest_facts(db, today, now, lang, plan_status), "Marie Exemple",
                                      "equipe@example.org", "", lang, base)
    campaign = campaigns.current_campaign(db)
    due = campaign.report_due if campaign and campaign.report_due else today + dt.timedelta(days=7)
    facts = AmbassadorFacts(0, "organisme-exemple", "organisme@example.org", lang, "Marie Exemple",
                            "Organisme exemple", campaign.name if campaign else "CHOISIR",
                            campaign.contact_email if campaign else "", due,
                            translate(templates.SAMPLE_NOTE_FR, lang))
    samples = {
        "signup_received": lambda: templates.signup_received(facts, base),
        "approved": lambda: templates.decision(facts, True, now, base, hours),
        "declined": lambda: templates.decision(facts, False, now, base, hours),
        "due_30": lambda: templates.report_due(facts, 30, "due_30", base, hours),
        "due_7": lambda: templates.report_due(facts, 7, "due_7", base, hours),
        "overdue": lambda: templates.report_overdue(facts, base, hours),
        "reopened": lambda: templates.report_reopened(facts, now, base, hours),
    }
    return samples[kind]()


@dataclass
class RunSummary:
    """What one run did: the messages due, those newly queued, and the sender's summary."""
    due: list[Draft]
    queued: list[int]
    send: outbox.SendSummary | None


def run(db: Database, config: SmtpConfig | None, *, dry_run: bool = False, actor: str = "reminders",
        today: dt.date | None = None, now: dt.datetime | None = None, **send_options) -> RunSummary:
    """Compute what is due, queue what the outbox does not hold yet, and send what waits
    (including earlier failures whose next attempt has come). With dry_run, only compute:
    nothing is written or sent. Two runs at once queue and send each message once."""
    now = now or clock.utcnow()
    due = due_drafts(db, today, now)
    if dry_run:
        return RunSummary(due, [], None)
    queued = outbox.queue(db, due, actor=actor, now=now)
    return RunSummary(due, queued, outbox.send_queued(db, config, now=now, **send_options))


def run_periodically(db: Database, config: SmtpConfig, every: dt.timedelta, stop: threading.Event,
                     actor: str = "app") -> None:
    """`run` now and then every `every` until `stop` is set (the app's background sender). An
    error in one run is logged and the next run goes on: nothing is lost, the outbox keeps it."""
    while not stop.is_set():
        try:
            summary = run(db, config, actor=actor)
            if summary.queued or summary.send.sent or summary.send.failed:
                log.info("reminders: %d queued, %d sent, %d failed", len(summary.queued), len(summary.send.sent),
                         len(summary.send.failed))
        except Exception:  # the loop must survive a bad run (a locked row, a bug in one template)
            log.exception("reminders run failed; trying again at the next interval")
        stop.wait(every.total_seconds())
