"""Demonstration and scale data: a new database file holding the seeded plan and a plausible
history of updates from the plan's start to today, with the campaign's life and the axes'
English texts (`build_demo`), or N copies of the plan with their history for benchmarks (`build_synthetic`).

The campaign's life: the seeded campaign (kept as written) is copied a year on up to the
year of the end date; the last copy that has started is made current, and it and the one
before it get a few dozen ambassadors in every state (pending, approved, declined) with
reports in every state (none, draft, submitted on time or late with metrics left empty,
reopened), dated as if they had happened.

The history follows each item's schedule (lib.plan.rules.item_rules): cycles mostly done on
time, some late, continuous items updated every month or two with a few gone quiet, counts
and frequencies reported as quantities. Deterministic for a given seed and end date.
"""
from __future__ import annotations

import io
import json
import random
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pandas as pd
from PIL import Image

from lib.accounts import passwords, users
from lib.campaign import ambassadors, campaigns, impact_reports
from lib.campaign.agreement_form import CHANNELS, normalise_key
from lib.core import audit, clock
from lib.core.db import Database
from lib.core.settings import Settings, load_settings
from lib.plan import french, items, meetings, rules, schedule
from lib.plan.parties import parse_parties
from lib.seed import open_seeded_database

AUTHORS = ("demo.dg", "demo.dg", "demo.dg", "demo.stagiaire", "demo.ca")

NOTES = {
    "en_cours": ("Travail amorcé avec les membres.", "Première rencontre de travail tenue.",
                 "Suivi fait en rencontre d’équipe.", "Échanges avec les partenaires en cours.",
                 "Document de travail en préparation.", "Point discuté au CA."),
    "realise": ("Réalisé comme prévu.", "Terminé et présenté au CA.", "Complété; bilan positif des membres.",
                "Réalisé, avec une bonne participation.", "Fait; documents déposés dans le dossier partagé."),
    "reporte": ("Reporté faute de disponibilité de l’équipe.", "Reporté au prochain cycle à la demande du CA.",
                "Reporté : priorité donnée à un dossier urgent."),
    "continuous": ("Suivi régulier assuré.", "Contacts maintenus ce mois-ci.", "Participation aux rencontres prévues.",
                   "Bonne mobilisation des membres.", "Relance faite auprès des partenaires."),
}


@dataclass(frozen=True)
class DemoSummary:
    """What a build wrote: the file, the number of items and of updates."""

    path: Path
    items: int
    updates: int
    campaigns: int = 0
    ambassadors: int = 0
    reports: int = 0


def _refuse_existing(path: str | Path) -> Path:
    target = Path(path).resolve()
    if target.exists():
        raise FileExistsError(str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    return target


def _recorded_at(rng: random.Random, work_day: date, until: date) -> tuple[date, datetime]:
    """When the update of `work_day` was typed (naive UTC): the same day or a few days later,
    during office hours in Québec, never in the future. Very early in the morning of today the
    work day moves back one day, so the record still follows the work."""
    day = min(until, work_day + timedelta(days=rng.choice((0, 0, 1, 2, 3, 6))))
    local = datetime.combine(day, time(rng.randint(8, 16), rng.randint(0, 59)))
    now = clock.utcnow()
    recorded = min(local + timedelta(hours=5), now - timedelta(minutes=rng.randint(5, 300)))
    earliest = datetime.combine(work_day, time(5, 1))  # 00:01 in Québec (EST), in UTC
    if recorded < earliest:
        work_day = min(work_day, (now - timedelta(hours=6)).date())
        recorded = max(recorded, datetime.combine(work_day, time(5, 1)))
    return work_day, recorded


def _between(rng: random.Random, first: date, last: date) -> date:
    if last <= first:
        return first
    return first + timedelta(days=rng.randint(0, (last - first).days))


def item_history(rng: random.Random, item_rules: rules.ItemRules, settings: Settings,
                 until: date) -> list[tuple[date, str, int, str, float | None]]:
    """A plausible list of (work date, status, progress, note, quantity) for one item, up to
    `until`. Pure apart from drawing from `rng`."""
    sched, target = item_rules.schedule, item_rules.target
    reliability = rng.choice((0.55, 0.75, 0.85, 0.9, 0.95, 0.97))
    events: list[tuple[date, str, int, str, float | None]] = []
    if not sched.readable:
        return events
    start = settings.plan_start
    cycles = schedule.cycles_between(sched, start, until)
    once_cycles = [c for c in cycles if c.key.startswith("once")]
    recurring = [c for c in cycles if not c.key.startswith("once")]
    unit = target.unit_fr or "fois"
    per_cycle_quantity = 1.0 if target.kind == "frequency" else None
    once_done = None
    for index, cycle in enumerate(once_cycles):
        final = index == len(once_cycles) - 1
        first = max(cycle.start, cycle.due - timedelta(days=75))
        begun = _between(rng, first, min(cycle.due, until))
        if begun <= until:
            events.append((begun, "en_cours", rng.choice((20, 30, 40, 50)), rng.choice(NOTES["en_cours"]), None))
        if not final or cycle.due > until + timedelta(days=20):
            continue
        draw = rng.random()
        window = max(begun, cycle.due - timedelta(days=20))
        if draw < reliability and window <= until:  # the work is finished near its due date, never in the future
            done = _between(rng, window, min(until, cycle.due + timedelta(days=15)))
            events.append((done, "realise", 100, rng.choice(NOTES["realise"]), per_cycle_quantity))
            once_done = done
        elif draw < reliability + 0.15 and cycle.due + timedelta(days=10) <= until:
            postponed_on = cycle.due + timedelta(days=rng.randint(1, 10))
            events.append((postponed_on, "reporte", 50, rng.choice(NOTES["reporte"]), None))
    for cycle in recurring:
        if cycle.start > until:
            break
        span = (cycle.due - cycle.start).days
        if span > 40 and rng.random() < 0.7:
            begun = _between(rng, cycle.start, min(until, cycle.start + timedelta(days=span // 2)))
            events.append((begun, "en_cours", rng.choice((25, 40, 50, 60)), rng.choice(NOTES["en_cours"]), None))
        if cycle.due > until and rng.random() < 0.7:
            continue  # the current cycle is still open
        window = max(cycle.start, cycle.due - timedelta(days=min(span, 25)))
        if rng.random() < reliability and window <= until:  # done in the weeks before its due date, by today
            done = _between(rng, window, min(until, cycle.due))
            note = rng.choice(NOTES["realise"])
            if per_cycle_quantity and target.per == "year" and len(sched.parts[-1].months or ()) <= 1 \
                    and sched.parts[-1].kind == "yearly":
                quantity = float(target.quantity or 1)  # once a year, the whole year's count
            else:
                quantity = per_cycle_quantity
            events.append((done, "realise", 100, note, quantity))
    tail = sched.parts[-1]
    counted = target.kind in ("frequency", "count_by", "threshold")
    if tail.kind in ("continuous", "event") or (counted and not recurring):
        begin = once_done or max(start, tail.start or start)
        if tail.kind == "event":
            gaps = (45, 150)
        elif target.kind == "frequency" and target.quantity:
            interval = {"year": 365, "month": 30, "week": 7}[target.per or "year"] / max(1, target.quantity)
            gaps = (int(interval * 0.7), int(interval * 1.2) + 1)
        else:
            gaps = (20, 75)
        quiet = rng.random() > reliability  # this item went quiet some time ago: it will show as late
        stop = until - timedelta(days=rng.randint(settings.continuous_late_days + 10, 260)) if quiet else until
        day = begin + timedelta(days=rng.randint(5, 30))
        progress = rng.choice((10, 20, 30))
        ceiling = rng.choice((40, 50, 60, 75, 80))  # continuous work never reaches 100 %
        total = 0.0
        while day <= stop:
            progress = min(ceiling, progress + rng.choice((0, 5, 10)))
            quantity, note = None, rng.choice(NOTES["continuous"])
            if target.kind == "frequency":
                quantity, note = 1.0, f"Rencontre tenue le {french.format_date_fr(day)}." \
                    if "rencontre" in unit else f"1 {unit} de plus."
            elif target.kind == "count_by" and rng.random() < 0.15:
                quantity = float(rng.randint(1, 2))
                total += quantity
                note = f"{int(quantity)} {unit} ce trimestre (total {int(total)})."
            elif target.kind == "threshold":
                quantity = float((target.quantity or 0) + rng.choice((0, 0, 3, 7)))
                note = f"{int(quantity)} {unit} par semaine en moyenne."
            status = "realise" if once_done and tail.kind == "once" else "en_cours"
            events.append((day, status, 100 if status == "realise" else progress, note, quantity))
            day += timedelta(days=rng.randint(*gaps))
    return sorted(e for e in events if start <= e[0] <= until)


def _items(db: Database, plan_id: int) -> pd.DataFrame:
    frame = items.list_plan_items(db, plan_id)
    return frame[["means_id", "text", "period_label", "indicator"]]


def write_history(db: Database, plan_id: int, until: date, seed: int = 2021) -> int:
    """Add a generated update history for every item of `plan_id`, in one transaction with
    one audit row; returns the number of updates. Side effects: rows in means_updates."""
    settings = load_settings(db)
    rng = random.Random(seed)
    rows = []
    next_id = int(db.scalar("SELECT coalesce(max(id), 0) FROM means_updates")) + 1
    for item in _items(db, plan_id).itertuples(index=False):
        item_rules = rules.item_rules(item.period_label, item.indicator, item.text, None, None, settings)
        for work_day, status, progress, note, quantity in item_history(rng, item_rules, settings, until):
            work_day, recorded = _recorded_at(rng, work_day, until)
            cycle = schedule.cycle_at(item_rules.schedule, work_day)
            with_evidence = status == "realise" and rng.random() < 0.25
            evidence = f"https://example.org/rocsmo/pieces/{next_id}" if with_evidence else ""
            author = rng.choice(AUTHORS)
            rows.append((next_id, int(item.means_id), status, progress, work_day, cycle.label_fr if cycle else "",
                         note, quantity, evidence, None, recorded, author))
            if rng.random() < 0.02:  # a typing slip corrected the next day: history keeps both
                corrected = next_id
                next_id += 1
                rows.append((next_id, int(item.means_id), status, progress, work_day,
                             cycle.label_fr if cycle else "", note + " (correction de la date et de la note)",
                             quantity, evidence, corrected, recorded + timedelta(days=1), author))
            next_id += 1
    frame = pd.DataFrame(rows, columns=["id", "means_id", "status", "progress", "work_date", "cycle_label", "note",
                                        "quantity", "evidence_url", "corrects_id", "recorded_at", "recorded_by"])
    frame["corrects_id"] = frame["corrects_id"].astype("Int64")
    frame["quantity"] = frame["quantity"].astype("float64")

    def work(cur):
        cur.register("demo_updates", frame)
        cur.execute("INSERT INTO means_updates (id, means_id, status, progress, work_date, cycle_label, note, quantity,"
                    " evidence_url, corrects_id, recorded_at, recorded_by)"
                    " SELECT id, means_id, status, progress, work_date, cycle_label, note, quantity, evidence_url,"
                    " corrects_id, recorded_at, recorded_by FROM demo_updates")
        cur.unregister("demo_updates")
        cur.execute("SELECT setval('means_updates_id_seq', ?)", [next_id])
        audit.record(cur, "demo", "demo.history", entity="plan", entity_id=plan_id,
                     details={"updates": len(frame), "until": until, "seed": seed})

    db.transaction(work)
    return len(frame)


def _weekday_of_month(year: int, month: int, weekday: int, nth: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def meeting_calendar(start: date, until: date, aga_month: int = 6) -> list[tuple[date, str]]:
    """A plausible board calendar from `start` to about three months after `until` (so a next
    meeting exists): a CA on the third Tuesday of February, April, June and September and the
    first Tuesday of December, and the AGA on the second Thursday of `aga_month`. Pure."""
    horizon = until + timedelta(days=100)
    days = []
    for year in range(start.year, horizon.year + 1):
        for month in (2, 4, 6, 9):
            days.append((_weekday_of_month(year, month, 1, 3), "ca"))
        days.append((_weekday_of_month(year, 12, 1, 1), "ca"))
        days.append((_weekday_of_month(year, aga_month, 3, 2), "aga"))
    return sorted(d for d in days if start <= d[0] <= horizon)


# Faithful English of the seeded plan's axes (name, objective), keyed by number and French name:
# what an English-reading board member sees in the demo (lib.core.i18n.localized_sql). The seed
# itself stays as the ROCSMO wrote it, in French.
AXES_EN = {
    (1, "MOBILISATION"): ("MOBILIZATION", "Put various mobilization strategies in place to make the ROCSMO strong"),
    (2, "FORMATION"): ("TRAINING", "Offer training activities that develop skills related to mental health"),
    (3, "REPRÉSENTATION"): ("REPRESENTATION", "Represent the members and defend the funding and the specific "
                                              "interests of the community mental health organizations of the "
                                              "Outaouais"),
    (4, "COMMUNICATION ET PROMOTION"): ("COMMUNICATION AND PROMOTION", "Carry out communications and promote the "
                                                                      "contribution of the ROCSMO and of the community "
                                                                      "mental health movement in the community"),
    (5, "SOUTIEN AUX MEMBRES"): ("SUPPORT FOR MEMBERS", "Offer the members support related to their needs"),
    (6, "GESTION ET GOUVERNANCE"): ("MANAGEMENT AND GOVERNANCE", "Ensure the sound management and governance of "
                                                                 "the ROCSMO"),
}


def write_english_texts(db: Database, plan_id: int) -> int:
    """Give the axes of `plan_id` that are the seeded ones (same number and French name) their
    English name and objective (AXES_EN), in one transaction with an audit row; returns how
    many axes got them."""
    def work(cur):
        done = 0
        for (number, name), (name_en, objective_en) in AXES_EN.items():
            done += len(cur.execute(
                "UPDATE axes SET name_en = ?, objective_en = ? WHERE plan_id = ? AND number = ? AND name = ?"
                " RETURNING id", [name_en, objective_en, plan_id, number, name]).fetchall())
        audit.record(cur, "demo", "demo.history", entity="plan", entity_id=plan_id, details={"english_axes": done})
        return done

    return db.transaction(work)


def write_meetings(db: Database, until: date) -> int:
    """Add the demo's meeting calendar (meeting_calendar) in one transaction with an audit
    row; returns the number of meetings added."""
    settings = load_settings(db)

    def work(cur):
        added = meetings.insert_calendar(cur, meeting_calendar(settings.plan_start, until, settings.aga_month),
                                         actor="demo")
        audit.record(cur, "demo", "demo.history", entity="meetings", details={"meetings": added})
        return added

    return db.transaction(work)


def build_demo(path: str | Path, *, until: date | None = None, seed: int = 2021) -> DemoSummary:
    """Write a NEW database file with the seed, a history of updates up to `until` (today)
    and the campaign's life up to that day (see the module docstring).

    Raises FileExistsError rather than touch an existing file.
    """
    return _build(path, copies=0, until=until, seed=seed, campaign_life=True, english_texts=True)


# -- the campaign's life -----------------------------------------------------------
DEMO_STAFF = "demo.dg"
_ORGANISATION_KINDS = ("Centre d’entraide", "Maison de la famille", "Association des aidants", "Carrefour jeunesse",
                       "Groupe d’entraide", "Centre de femmes", "Maison des jeunes", "Coopérative de solidarité")
_PLACES = ("de Gatineau", "d’Aylmer", "de Hull", "de Buckingham", "de Maniwaki", "de Papineauville", "de Shawville",
           "de Val-des-Monts", "de Chelsea", "de Thurso", "de Mansfield", "de la Lièvre", "de la Petite-Nation",
           "du Pontiac", "de la Haute-Gatineau", "de Masson-Angers")
_FIRST_NAMES = ("Julie", "Marc", "Sophie", "Nadia", "Louis", "Émilie", "Karim", "Isabelle", "Patrick", "Chloé",
                "Mathieu", "Geneviève", "Samuel", "Annie", "Olivier", "Fatima")
_LAST_NAMES = ("Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie", "Fortin", "Gagné",
               "Ouellet", "Pelletier", "Bélanger", "Lévesque", "Bergeron", "Leblanc")


def copy_campaigns_up_to(db: Database, until: date, actor: str = DEMO_STAFF) -> list[int]:
    """Copy the newest campaign a year on (lib.campaign.campaigns.copy_campaign) until the next
    copy would start after `until`; the newest campaign started by then becomes the current
    one. Returns the ids of the copies. Side effects: campaigns and audit rows by `actor`, an
    active staff account (the demo's own by default, which must exist)."""
    added = []
    while True:
        listed = campaigns.list_campaigns(db)
        newest = listed.iloc[0]
        if pd.isna(newest["starts_on"]) or campaigns.shift_year(pd.Timestamp(newest["starts_on"]).date()) > until:
            break
        added.append(campaigns.copy_campaign(db, int(newest["id"]), actor=actor))
    listed = campaigns.list_campaigns(db)
    started = listed[pd.to_datetime(listed["starts_on"]).dt.date <= until]
    if not started.empty:
        campaigns.set_current_campaign(db, str(started.iloc[0]["slug"]), actor=actor)
    return added


def _logo(rng: random.Random) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 60), (rng.randint(0, 200), rng.randint(60, 200), rng.randint(80, 255))).save(buffer, "PNG")
    return buffer.getvalue()


def _organisations(count: int, rng: random.Random) -> list[dict]:
    names = [f"{kind} {place}" for place in _PLACES for kind in _ORGANISATION_KINDS]
    rng.shuffle(names)
    people = []
    for index, name in enumerate(names[:count], start=1):
        contact = f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}"
        people.append({"username": f"demo.org{index:02d}", "organisation": name, "contact_name": contact,
                       "email": f"contact{index:02d}@organisme-demo.example.org",
                       "phone": f"819 555-{1000 + index:04d}", "website": f"organisme-demo-{index:02d}.example.org",
                       "why_text": "La santé mentale se cultive ensemble : nous voulons en parler avec nos membres.",
                       "signer_name": contact, "signer_title": rng.choice(("Directrice générale", "Directeur général",
                                                                           "Coordonnatrice"))})
    return people


def _ensure_accounts(db: Database, organisations: list[dict]) -> None:
    # Accounts nobody can sign in to until an administrator resets their password.
    password_hash = passwords.hash_password(secrets.token_urlsafe(24))

    def work(cur):
        if cur.execute("SELECT 1 FROM users WHERE username = ?", [DEMO_STAFF]).fetchone() is None:
            users.insert_account(cur, username=DEMO_STAFF, role="staff", display_name="Direction générale (démo)",
                                 email="dg@rocsmo-demo.example.org", password_hash=password_hash, actor="demo")
        for org in organisations:
            if cur.execute("SELECT 1 FROM users WHERE username = ?", [org["username"]]).fetchone() is None:
                users.insert_account(cur, username=org["username"], role="ambassador",
                                     display_name=org["contact_name"], email=org["email"],
                                     password_hash=password_hash, organisation=org["organisation"], actor="demo")

    db.transaction(work)


def _report_data(rng: random.Random, items: list[impact_reports.ReportItem], empty_metrics: bool) -> dict:
    data = impact_reports.empty_form_data(items)
    for action in data["actions"].values():
        if rng.random() < 0.8:
            link = f"https://organisme-demo.example.org/publication/{rng.randint(1, 99)}"
            action.update(done=True, times=rng.randint(1, 6), links=rng.choice(("", link)),
                          when=rng.choice(("En mars", "Au printemps", "Toute l’année", "")))
    for key, _ in rng.sample(CHANNELS, rng.randint(1, 3)):
        posts = rng.randint(1, 12)
        data["reach"][key] = {"posts": posts, "views": posts * rng.randint(40, 400),
                              "shares": None if empty_metrics else rng.randint(0, 30),
                              "people_reached": None if empty_metrics and rng.random() < 0.7
                              else posts * rng.randint(30, 300)}
    if rng.random() < 0.4:
        data["activities"] = [{"type": rng.choice(("Kiosque", "Atelier", "Webinaire", "Conférence")),
                               "held_on": None, "participants": rng.randint(8, 80),
                               "description": "Activité de sensibilisation ouverte aux membres."}]
    data["newsletter_recipients"] = rng.choice((None, rng.randint(100, 3000)))
    data["what_worked"] = rng.choice(("", "Les visuels de la campagne ont été beaucoup partagés."))
    return data


def _day_between(rng: random.Random, first: date, last: date) -> date:
    return _between(rng, first, max(first, last))


def fill_campaign(db: Database, campaign_id: int, organisations: list[dict], until: date, seed: int) -> int:
    """Ambassadors of `campaign_id` in every state, with reports in every state as of `until`
    (late ones only once the due date has passed), dated as if typed on those days. Goes
    through the domain's writes (sign-up insert, decide, save_report, reopen_report), each
    audited. Returns the number of agreements. Accounts must exist (_ensure_accounts)."""
    rng = random.Random(seed * 7919 + campaign_id)
    campaign = campaigns.get_campaign(db, campaign_id)
    types = list(campaigns.list_commitment_types(db, campaign_id)["key"])
    moments = list(campaigns.list_moments(db, campaign_id)["key"])
    start = campaign.starts_on - timedelta(days=40)
    signing_end = min(until, campaign.valid_until)
    due = campaign.report_due
    count = 0
    for index, org in enumerate(organisations):
        signed_on = _day_between(rng, start, signing_end)
        data = {**org, "audiences": {key: rng.choice((None, rng.randint(50, 5000))) for key, _ in CHANNELS},
                "commitments": rng.sample(types, rng.randint(2, min(5, len(types)))),
                "moments": rng.sample(moments, rng.randint(1, min(4, len(moments)))), "accepted": True}

        def insert(cur, data=data):
            return ambassadors.insert_agreement(cur, campaign_id, data["username"], data, _logo(rng), "image/png")

        agreement_id = db.transaction(insert)
        count += 1
        status = "pending" if index % 9 == 4 else "declined" if index % 13 == 7 else "approved"
        if status != "pending":
            ambassadors.decide(db, agreement_id, status, "Bienvenue parmi les ambassadeurs!" if status == "approved"
                               else "Votre mission ne touche pas la santé mentale.", actor=DEMO_STAFF)
        decided_on = _day_between(rng, signed_on, min(until, signed_on + timedelta(days=10)))
        dates = [signed_on, datetime.combine(signed_on, time(15)), datetime.combine(decided_on, time(16)), agreement_id]
        db.transaction(lambda cur, dates=dates: cur.execute(
            "UPDATE ambassadors SET signed_on = ?, created_at = ?,"
            " decided_at = CASE WHEN status = 'pending' THEN NULL ELSE ? END WHERE id = ?", dates))
        if status == "approved":
            _write_report(db, rng, agreement_id, org["username"], index, due, until)
    return count


def _write_report(db: Database, rng: random.Random, agreement_id: int, username: str, index: int, due: date | None,
                  until: date) -> None:
    """Report states in turn: none, draft, submitted on time (some metrics empty), late, reopened."""
    state = ("none", "draft", "on_time", "on_time_empty", "late", "reopened", "on_time")[index % 7]
    if state == "none":
        return
    agreement = ambassadors.get_agreement(db, agreement_id)
    items = impact_reports.report_items(db, agreement)
    if due is None or until <= due:  # nothing can be late yet: the report is under way, or in early
        state = {"late": "draft", "reopened": "draft"}.get(state, state)
        if state.startswith("on_time") and rng.random() < 0.5:
            state = "draft"
    if state == "late":
        day = _day_between(rng, due + timedelta(days=1), min(until, due + timedelta(days=60)))
    else:
        day = _day_between(rng, due - timedelta(days=45), min(until, due)) if due else until
    data = _report_data(rng, items, empty_metrics=state in ("on_time_empty", "late"))
    impact_reports.save_report(db, agreement_id, data, actor=username, submit=state != "draft", today=day)
    if state == "reopened":
        impact_reports.reopen_report(db, agreement_id, "Il manque la portée sur Facebook : pouvez-vous l’ajouter?",
                                     actor=DEMO_STAFF)
    typed = datetime.combine(day, time(14))
    db.transaction(lambda cur: cur.execute(
        "UPDATE impact_reports SET created_at = ?, updated_at = ?,"
        " submitted_at = CASE WHEN submitted_at IS NULL THEN NULL ELSE ? END WHERE ambassador_id = ?",
        [typed, typed, typed, agreement_id]))


def write_campaign_life(db: Database, until: date, seed: int = 2021, per_campaign: int = 36) -> tuple[int, int]:
    """The campaign's life up to `until` (module docstring): copies, current campaign, and
    `per_campaign` ambassadors in the current campaign and the one before. Returns (campaigns
    added, agreements written)."""
    organisations = _organisations(per_campaign, random.Random(seed))
    _ensure_accounts(db, organisations)  # the demo's staff account copies the campaigns
    added = copy_campaigns_up_to(db, until)
    current = campaigns.current_campaign(db)
    if current is None:
        deactivate_demo_accounts(db)
        return len(added), 0
    listed = campaigns.list_campaigns(db)
    ids = list(listed["id"])
    filled = [current.id] + ids[ids.index(current.id) + 1:ids.index(current.id) + 2]
    rng = random.Random(seed)
    written = 0
    for campaign_id in reversed(filled):  # the older one first: returning organisations join again
        chosen = sorted(rng.sample(range(per_campaign), per_campaign * 3 // 4 if campaign_id != current.id
                                   else per_campaign))
        written += fill_campaign(db, int(campaign_id), [organisations[i] for i in chosen], until, seed)
    deactivate_demo_accounts(db)
    return len(added), written


def deactivate_demo_accounts(db: Database) -> None:
    """The demo's accounts (its staff member and the organisations) deactivated, so that the
    app's first start still asks for the administrator; an administrator can reactivate one
    (and set its password) to see the ambassador's screens."""
    db.transaction(lambda cur: cur.execute("UPDATE users SET is_active = false WHERE created_by = 'demo'"))


# -- the synthetic campaign: many ambassadors, written in bulk ------------------------
SYNTH_PER_SCALE = 50  # ambassadors of the current campaign per copy of the plan
_SYNTH_REPORT_STATES = ("none", "draft", "on_time", "on_time_empty", "late", "reopened", "on_time")
_JSON = json.dumps


def synthetic_agreement_state(index: int, due: date | None, until: date) -> tuple[str, str]:
    """The (agreement status, report state) of the synth's `index`-th ambassador: pending,
    declined or approved in the demo's proportions; an approved one's report none, draft,
    on_time, on_time_empty, late or reopened in turn, late and reopened only once the due
    date has passed (before it they are drafts). Pure."""
    status = "pending" if index % 9 == 4 else "declined" if index % 13 == 7 else "approved"
    if status != "approved":
        return status, "none"
    state = _SYNTH_REPORT_STATES[index % 7]
    if due is None or until <= due:
        state = {"late": "draft", "reopened": "draft"}.get(state, state)
    return status, state


def _synth_organisation(index: int) -> str:
    names = [f"{kind} {place}" for place in _PLACES for kind in _ORGANISATION_KINDS]
    base = names[index % len(names)]
    return base if index < len(names) else f"{base} ({index // len(names) + 1})"


def write_synthetic_campaign(db: Database, count: int, until: date, seed: int = 2021) -> tuple[int, int]:
    """`count` ambassadors of the current campaign (accounts inactive, like the demo's) with
    their choices, audiences, logos and impact reports in every state
    (synthetic_agreement_state), dated between the sign-ups' opening and `until`, each with the
    audit rows the app's own writes leave (user.create, ambassador.signup, the decision,
    report.save_draft or report.submit, report.reopen). Written in bulk: frames inserted in one
    transaction, not one write per row. Returns (agreements, reports); (0, 0) without a
    current campaign."""
    campaign = campaigns.current_campaign(db)
    if campaign is None or count <= 0:
        return 0, 0
    _ensure_accounts(db, [])  # the demo's staff member decides and reopens
    rng = random.Random(seed * 104729 + count)
    types = campaigns.list_commitment_types(db, campaign.id)
    moments = campaigns.list_moments(db, campaign.id)
    type_keys, moment_keys = list(types["key"]), list(moments["key"])
    opening = (campaign.starts_on or until) - timedelta(days=40)
    signing_end = min(until, campaign.valid_until or until)
    due = campaign.report_due
    password_hash = passwords.hash_password(secrets.token_urlsafe(24))
    first_id = int(db.scalar("SELECT coalesce(max(id), 0) FROM ambassadors")) + 1
    first_report = int(db.scalar("SELECT coalesce(max(id), 0) FROM impact_reports")) + 1
    logo_variants = [_logo(rng) for _ in range(8)]
    rows = {name: [] for name in ("users", "ambassadors", "audiences", "commitments", "moments", "reports",
                                  "actions", "reach", "activities", "audit")}
    report_id = first_report
    for index in range(count):
        aid = first_id + index
        username = f"synth.org{index + 1:05d}"
        organisation = _synth_organisation(index)
        contact = f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}"
        email = f"contact{index + 1:05d}@organisme-synth.example.org"
        signed_on = _day_between(rng, opening, signing_end)
        created = datetime.combine(signed_on, time(rng.randint(8, 20), rng.randint(0, 59)))
        status, state = synthetic_agreement_state(index, due, until)
        decided = datetime.combine(_day_between(rng, signed_on, min(until, signed_on + timedelta(days=10))),
                                   time(16)) if status != "pending" else None
        decided = max(decided, created + timedelta(minutes=5)) if decided else None
        note = ("Bienvenue parmi les ambassadeurs!" if status == "approved"
                else "Votre mission ne touche pas la santé mentale." if status == "declined" else "")
        chosen_types = rng.sample(type_keys, rng.randint(2, min(5, len(type_keys)))) if type_keys else []
        chosen_moments = rng.sample(moment_keys, rng.randint(1, min(4, len(moment_keys)))) if moment_keys else []
        rows["users"].append((username, contact, email, organisation, password_hash, created))
        rows["ambassadors"].append((aid, campaign.id, username, organisation, normalise_key(organisation), contact,
                                    email, email.casefold(), f"819 555-{index % 10000:04d}",
                                    f"https://organisme-synth-{index + 1:05d}.example.org",
                                    "La santé mentale se cultive ensemble : nous voulons en parler avec nos membres.",
                                    logo_variants[index % len(logo_variants)], contact,
                                    rng.choice(("Directrice générale", "Directeur général", "Coordonnatrice")),
                                    signed_on, status, note, decided, DEMO_STAFF if decided else None, created))
        rows["audiences"] += [(aid, key, rng.randint(50, 5000)) for key, _ in CHANNELS if rng.random() < 0.5]
        rows["commitments"] += [(aid, key) for key in chosen_types]
        rows["moments"] += [(aid, key) for key in chosen_moments]
        rows["audit"] += [(created, username, "user.create", "user", username, _JSON({"role": "ambassador"})),
                          (created, username, "ambassador.signup", "ambassador", str(aid),
                           _JSON({"campaign_id": campaign.id}))]
        if decided:
            rows["audit"].append((decided, DEMO_STAFF, f"ambassador.{status}", "ambassador", str(aid),
                                  _JSON({"note": note}, ensure_ascii=False)))
        if state == "none":
            continue
        items = impact_reports.items_for(types, moments, chosen_types, chosen_moments)
        data = impact_reports.reconciled(_report_data(rng, items, empty_metrics=state in ("on_time_empty", "late")),
                                         items)
        if state == "late":
            day = _day_between(rng, due + timedelta(days=1), min(until, due + timedelta(days=60)))
        else:
            day = _day_between(rng, due - timedelta(days=45), min(until, due)) if due else until
        typed = max(datetime.combine(day, time(14)), (decided or created) + timedelta(hours=1))
        submitted = typed if state != "draft" else None
        late = submitted is not None and impact_reports.is_late(due, submitted.date())
        reopened = typed + timedelta(days=rng.randint(1, 5)) if state == "reopened" else None
        reopen_note = "Il manque la portée sur Facebook : pouvez-vous l’ajouter?" if reopened else ""
        rows["reports"].append((report_id, aid, campaign.id, "reopened" if reopened else "submitted" if submitted
                                else "draft", data["newsletter_recipients"], data["what_worked"], submitted, late,
                                reopened, DEMO_STAFF if reopened else None, reopen_note, typed, username,
                                reopened or typed, DEMO_STAFF if reopened else username))
        rows["actions"] += [(report_id, kind, key, bool(action["done"]), action["times"],
                             (action["when"] or "").strip(), "\n".join(impact_reports.split_links(action["links"])))
                            for (kind, key), action in data["actions"].items()]
        rows["reach"] += [(report_id, key, *(reach[m] for m, _ in impact_reports.REACH_METRICS))
                          for key, reach in data["reach"].items() if any(v is not None for v in reach.values())]
        rows["activities"] += [(report_id, position, activity["type"], activity["held_on"], activity["participants"],
                                activity["description"]) for position, activity in enumerate(data["activities"], 1)]
        rows["audit"].append((typed, username, "report.submit" if submitted else "report.save_draft", "impact_report",
                              str(report_id), _JSON({"late": late} if submitted else {})))
        if reopened:
            rows["audit"].append((reopened, DEMO_STAFF, "report.reopen", "impact_report", str(report_id),
                                  _JSON({"note": reopen_note}, ensure_ascii=False)))
        report_id += 1
    _insert_synthetic_campaign(db, rows, first_id + count - 1, report_id - 1)
    return count, len(rows["reports"])


_SYNTH_FRAMES = {  # table -> (frame columns, INSERT column list, nullable integer columns)
    "users": (["username", "display_name", "email", "organisation", "password_hash", "created_at"],
              "username, display_name, email, role, organisation, password_hash, is_active, sessions_valid_after,"
              " created_at, created_by", "username, display_name, email, 'ambassador', organisation, password_hash,"
              " false, created_at, created_at, username", ()),
    "ambassadors": (["id", "campaign_id", "username", "organisation", "organisation_key", "contact_name", "email",
                     "email_key", "phone", "website", "why_text", "logo", "signer_name", "signer_title", "signed_on",
                     "status", "status_note", "decided_at", "decided_by", "created_at"],
                    "id, campaign_id, username, organisation, organisation_key, contact_name, email, email_key, phone,"
                    " website, why_text, logo, logo_type, signer_name, signer_title, accepted, signed_on, status,"
                    " status_note, decided_at, decided_by, created_at, created_by",
                    "id, campaign_id, username, organisation, organisation_key, contact_name, email, email_key, phone,"
                    " website, why_text, logo, 'png', signer_name, signer_title, true, signed_on, status,"
                    " status_note, decided_at, decided_by, created_at, username", ()),
    "ambassador_audiences": (["ambassador_id", "channel_key", "audience"], None, None, ()),
    "ambassador_commitments": (["ambassador_id", "commitment_key"], None, None, ()),
    "ambassador_moments": (["ambassador_id", "moment_key"], None, None, ()),
    "impact_reports": (["id", "ambassador_id", "campaign_id", "status", "newsletter_recipients", "what_worked",
                        "submitted_at", "submitted_late", "reopened_at", "reopened_by", "reopen_note", "created_at",
                        "created_by", "updated_at", "updated_by"], None, None, ("newsletter_recipients",)),
    "impact_report_actions": (["report_id", "item_kind", "item_key", "done", "times", "when_text", "links"],
                              None, None, ("times",)),
    "impact_report_reach": (["report_id", "channel_key", "posts", "views", "shares", "people_reached"], None, None,
                            ("posts", "views", "shares", "people_reached")),
    "impact_report_activities": (["report_id", "position", "activity_type", "held_on", "participants",
                                  "description"], None, None, ("participants",)),
    "audit_log": (["happened_at", "actor", "action", "entity", "entity_id", "details"], None, None, ()),
}
_SYNTH_ROWS = {"users": "users", "ambassadors": "ambassadors", "ambassador_audiences": "audiences",
               "ambassador_commitments": "commitments", "ambassador_moments": "moments", "impact_reports": "reports",
               "impact_report_actions": "actions", "impact_report_reach": "reach",
               "impact_report_activities": "activities", "audit_log": "audit"}


def _insert_synthetic_campaign(db: Database, rows: dict, last_ambassador: int, last_report: int) -> None:
    """The synth's rows in one transaction: one INSERT ... SELECT per table from a frame; the
    audit rows in time order (so their ids follow the events)."""
    rows["audit"].sort(key=lambda row: row[0])
    frames = {}
    for table, (columns, _, _, nullable) in _SYNTH_FRAMES.items():
        frame = pd.DataFrame(rows[_SYNTH_ROWS[table]], columns=columns)
        frames[table] = frame.astype({column: "Int64" for column in nullable})

    def work(cur):
        for table, (columns, target, source, _) in _SYNTH_FRAMES.items():
            name = f"synth_{table}"
            cur.register(name, frames[table])
            cur.execute(f"INSERT INTO {table} ({target or ', '.join(columns)})"
                        f" SELECT {source or ', '.join(columns)} FROM {name}")
            cur.unregister(name)
        cur.execute("SELECT setval('ambassadors_id_seq', ?)", [last_ambassador])
        cur.execute("SELECT setval('impact_reports_id_seq', ?)", [max(last_report, 1)])

    db.transaction(work)


def copy_plan_axes(db: Database, plan_id: int, copies: int) -> int:
    """Append `copies` copies of the plan's axes (with actions, means and parties) to the same
    plan, numbered after the existing axes; returns the number of means added. One transaction."""
    axes = items.list_axes(db, plan_id)
    rows = items.list_plan_items(db, plan_id)
    actions = items.list_actions(db, plan_id)

    def work(cur):
        added = 0
        number = int(axes["number"].max())
        for copy in range(2, copies + 2):
            for axis in axes.itertuples():
                number += 1
                axis_id = cur.execute("INSERT INTO axes (plan_id, number, name, objective, created_by)"
                                      " VALUES (?, ?, ?, ?, 'synth') RETURNING id",
                                      [plan_id, number, f"{axis.name} (copie {copy})", axis.objective]).fetchone()[0]
                for action in actions[actions["axis_id"] == axis.id].itertuples():
                    action_id = cur.execute("INSERT INTO actions (axis_id, position, title, created_by)"
                                            " VALUES (?, ?, ?, 'synth') RETURNING id",
                                            [axis_id, action.position, action.title]).fetchone()[0]
                    for means in rows[rows["action_id"] == action.id].itertuples():
                        means_id = cur.execute(
                            "INSERT INTO means (action_id, position, text, period_label, indicator, responsible_label,"
                            " created_by) VALUES (?, ?, ?, ?, ?, ?, 'synth') RETURNING id",
                            [action_id, means.means_position, means.text, means.period_label, means.indicator,
                             means.responsible_label]).fetchone()[0]
                        for party in parse_parties(means.responsible_label):
                            cur.execute("INSERT INTO means_parties (means_id, party) VALUES (?, ?)", [means_id, party])
                        added += 1
        audit.record(cur, "synth", "demo.synth", entity="plan", entity_id=plan_id, details={"copies": copies})
        return added

    return db.transaction(work)


def build_synthetic(path: str | Path, scale: int, *, until: date | None = None, seed: int = 2021) -> DemoSummary:
    """Write a NEW database file whose current plan holds `scale` times the seeded plan (as
    more axes), each item with a generated history, and whose current campaign has
    SYNTH_PER_SCALE × `scale` ambassadors with their reports (write_synthetic_campaign).
    Raises FileExistsError, ValueError (scale < 1)."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    return _build(path, copies=scale - 1, until=until, seed=seed, synth_ambassadors=SYNTH_PER_SCALE * scale)


def _build(path: str | Path, *, copies: int, until: date | None, seed: int,
           campaign_life: bool = False, english_texts: bool = False, synth_ambassadors: int = 0) -> DemoSummary:
    """A NEW database file: the seed, `copies` more copies of the plan's axes, a history,
    with `campaign_life` the campaigns' copies and ambassadors, with `english_texts` the
    axes' English names and objectives (AXES_EN), and with `synth_ambassadors` that many
    ambassadors of the current campaign written in bulk."""
    target = _refuse_existing(path)
    db = open_seeded_database(str(target))
    try:
        plan_id = items.current_plan_id(db)
        if copies:
            copy_plan_axes(db, plan_id, copies)
        updates = write_history(db, plan_id, until or clock.today(), seed)
        write_meetings(db, until or clock.today())
        if english_texts:
            write_english_texts(db, plan_id)
        added, agreements = write_campaign_life(db, until or clock.today(), seed) if campaign_life else (0, 0)
        reports = 0
        if synth_ambassadors:
            agreements, reports = write_synthetic_campaign(db, synth_ambassadors, until or clock.today(), seed)
            deactivate_demo_accounts(db)
        else:
            reports = int(db.scalar("SELECT count(*) FROM impact_reports"))
        item_count = len(items.list_plan_items(db, plan_id))
        db.connection.execute("CHECKPOINT")
    finally:
        db.close()
    return DemoSummary(target, item_count, updates, added, agreements, reports)
