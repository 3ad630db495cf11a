"""Every free-text field, through the lib write function its form calls, against the hostile corpus
(tests/hostile_corpus.py): each payload is either refused with French messages or stored and read
back exactly as typed; 100 000 characters and NUL are always refused, in French. The pages show
what is stored as literal text: tests/browser/test_hostile_input.py."""
from __future__ import annotations

import itertools
import json
from datetime import date, timedelta

import pytest

from lib.accounts import settings as account_settings
from lib.accounts import users
from lib.campaign import ambassadors, campaigns, impact_reports, signup
from lib.core.errors import FormError
from lib.plan import items, meetings
from lib.plan.updates import UpdateInput, list_updates, record_update, set_target_override
from tests import hostile_corpus
from tests.ambassador_helpers import approved, current_id, ensure_staff, signup_data
from tests.conftest import make_user

_ids = itertools.count()
FRENCH_HINTS = ("caractères", "obligatoire", "valide", "adresse", "contrôle", "doit", "dépasse", "numéro", "plus",
                "texte", "lien", "courriel", "nom", "mots", "limite", "long")


def _staff(db):
    return users.get_user(db, "staff-test") or users.get_user(db, ensure_staff(db))


def _plan(db):
    return items.current_plan_id(db)


def _first(db, sql):
    return int(db.scalar(sql))


# -- one writer per field: write(db, value) -> the value read back (raises FormError when refused)

def axis_name(db, value):
    axis_id = items.add_axis(db, _staff(db), _plan(db), value, "Objectif")
    return db.scalar("SELECT name FROM axes WHERE id = ?", [axis_id])


def axis_objective(db, value):
    axis_id = items.add_axis(db, _staff(db), _plan(db), f"Axe {next(_ids)}", value)
    return db.scalar("SELECT objective FROM axes WHERE id = ?", [axis_id])


def action_title(db, value):
    action_id = items.add_action(db, _staff(db), _first(db, "SELECT min(id) FROM axes"), value)
    return db.scalar("SELECT title FROM actions WHERE id = ?", [action_id])


def _means_field(position):
    def write(db, value):
        fields = ["Un moyen", "Annuellement", "1 kiosque", "DG"]
        fields[position] = value
        means_id = items.add_means(db, _staff(db), _first(db, "SELECT min(id) FROM actions"), *fields)
        column = ("text", "period_label", "indicator", "responsible_label")[position]
        return db.scalar(f"SELECT {column} FROM means WHERE id = ?", [means_id])
    return write


def _update(db, **fields):
    means_id = _first(db, "SELECT min(id) FROM means")
    data = UpdateInput(**{"status": "en_cours", "progress": 10, "work_date": date(2026, 1, 5), **fields})
    update_id = record_update(db, _staff(db), means_id, data, today=date(2026, 12, 4))
    return list_updates(db, means_id=means_id).set_index("update_id").loc[update_id]


def update_note(db, value):
    return _update(db, note=value)["note"]


def update_evidence(db, value):
    return _update(db, evidence_url=value)["evidence_url"]


def target_unit(db, value):
    means_id = _first(db, "SELECT min(id) FROM means")
    set_target_override(db, _staff(db), means_id, "count_by", quantity=3, deadline=date(2027, 1, 1), unit_fr=value)
    stored = db.scalar("SELECT target_override FROM means_tracking WHERE means_id = ?", [means_id])
    return json.loads(stored)["unit_fr"]


def meeting_note(db, value):
    day = date(2025, 1, 1) + timedelta(days=next(_ids))  # one meeting of a kind a day
    meeting_id = meetings.add_meeting(db, _staff(db), day, "ca", value)
    return meetings.get_meeting(db, meeting_id).note


def _signup_field(field):
    def write(db, value):
        n = next(_ids)
        ambassador_id = signup.sign_up(db, current_id(db), signup_data(
            **{"organisation": f"Organisme {n}", "email": f"o{n}@exemple.org", "username": f"hostile-{n}",
               field: value}), session_id=f"hostile-{n}")
        stored = getattr(ambassadors.get_agreement(db, ambassador_id), field)
        return stored.removeprefix("https://") if field == "website" and not value.startswith("https://") else stored
    return write


def decision_note(db, value):
    _signup_field("signer_title")(db, "Directrice")
    ambassador_id = db.scalar("SELECT max(id) FROM ambassadors")
    ambassadors.decide(db, ambassador_id, "declined", value, actor=ensure_staff(db))
    return ambassadors.get_agreement(db, ambassador_id).status_note


def _approved_report(db):
    ambassador_id = db.scalar("SELECT min(id) FROM ambassadors WHERE status = 'approved'") or approved(db)
    agreement = ambassadors.get_agreement(db, ambassador_id)
    report_items = impact_reports.report_items(db, agreement)
    return ambassador_id, agreement, report_items, impact_reports.empty_form_data(report_items)


def _report_field(path):
    def write(db, value):
        ambassador_id, agreement, report_items, data = _approved_report(db)
        first = (report_items[0].kind, report_items[0].key)
        if path in ("when", "links"):
            data["actions"][first] = {"done": True, "times": 1, "when": "", "links": "", path: value}
        elif path in ("type", "description"):
            data["activities"] = [{"type": "Kiosque", "held_on": date(2022, 5, 3), "participants": 3,
                                   "description": "", path: value}]
        else:
            data[path] = value
        impact_reports.save_report(db, ambassador_id, data, actor=agreement.username, today=date(2023, 1, 10))
        saved = impact_reports.get_report(db, ambassador_id)
        if path in ("when", "links"):
            return saved["actions"][first][path]
        if path in ("type", "description"):
            return saved["activities"][0][path]
        return saved[path]
    return write


def reopen_note(db, value):
    ambassador_id, agreement, report_items, data = _approved_report(db)
    report = impact_reports.get_report(db, ambassador_id)
    if report is None or report["status"] != "submitted":
        impact_reports.save_report(db, ambassador_id, data, actor=agreement.username, submit=True,
                                   today=date(2023, 1, 10))
    impact_reports.reopen_report(db, ambassador_id, value, actor=ensure_staff(db))
    return impact_reports.get_report(db, ambassador_id)["reopen_note"]


def _campaign_field(edit, read):
    def write(db, value):
        data = campaigns.campaign_as_data(db, current_id(db))
        data["slug"] = f"hostile-{next(_ids)}"
        edit(data, value)
        campaign_id = campaigns.create_campaign(db, data, actor=ensure_staff(db))
        return read(db, campaign_id)
    return write


def _campaign_text(field):
    def edit(data, value):
        data[field] = value
    return _campaign_field(edit, lambda db, cid: getattr(campaigns.get_campaign(db, cid), field))


def _first_row(rows, column):
    def edit(data, value):
        data[rows][0] = {**data[rows][0], column: value}
    return edit


def _set_contact(key):
    def edit(data, value):
        data["contact"] = {**data["contact"], key: value}
    return edit


CAMPAIGN_WRITERS = {
    **{f"campaign.{field}": _campaign_text(field) for field in (
        "name", "slogan", "organiser", "agreement_title", "ambassador_status", "purpose", "report_request",
        "reach_title", "reach_note", "questionnaire_url")},
    "campaign.contact_name": _campaign_field(_set_contact("name"),
                                             lambda db, cid: campaigns.get_campaign(db, cid).contact_name),
    "campaign.contact_title": _campaign_field(_set_contact("title"),
                                              lambda db, cid: campaigns.get_campaign(db, cid).contact_title),
    "campaign.moment_description": _campaign_field(_first_row("moments", "description"), lambda db, cid: campaigns
                                                   .list_moments(db, cid)["description"].iloc[0]),
    "campaign.moment_checklist_label": _campaign_field(_first_row("moments", "checklist_label"), lambda db, cid:
                                                       campaigns.list_moments(db, cid)["checklist_label"].iloc[0]),
    "campaign.commitment_label": _campaign_field(_first_row("commitments", "label"), lambda db, cid: campaigns
                                                 .list_commitment_types(db, cid)["label"].iloc[0]),
    "campaign.channel_label": _campaign_field(_first_row("channels", "label"), lambda db, cid: campaigns
                                              .list_channels(db, cid)["label"].iloc[0]),
    "campaign.organiser_commitment": _campaign_field(
        lambda data, value: data.__setitem__("organiser_commitments", [value, *data["organiser_commitments"][1:]]),
        lambda db, cid: campaigns.list_organiser_commitments(db, cid)[0]),
}


def campaign_moment_when(db, value):
    cid = current_id(db)
    moment = campaigns.list_moments(db, cid).iloc[0]
    campaigns.update_campaign_details(db, cid, actor=ensure_staff(db), moments=[
        {"key": moment["key"], "when": value, "starts_on": moment["starts_on"].date(),
         "ends_on": moment["ends_on"].date()}])
    return campaigns.list_moments(db, cid)["when_label"].iloc[0]


def campaign_questionnaire_details(db, value):
    cid = current_id(db)
    campaigns.update_campaign_details(db, cid, actor=ensure_staff(db), questionnaire_url=value)
    return campaigns.get_campaign(db, cid).questionnaire_url


def _account(field):
    def write(db, value):
        n = next(_ids)
        fields = {"username": f"compte{n}", "role": "board", "display_name": f"Membre {n}",
                  "email": f"m{n}@exemple.org", "password": "Correct-Cheval-Pile-42", "organisation": "", field: value}
        make_user(db, "admin", "admin-hostile") if users.get_user(db, "admin-hostile") is None else None
        username = users.create_account(db, admin="admin-hostile", **fields)
        return getattr(users.get_user(db, username), field)
    return write


def profile_name(db, value):
    user = users.get_user(db, "profil") or make_user(db, "board", "profil")
    users.update_profile(db, user.username, value, "fr")
    return users.get_user(db, "profil").display_name


def settings_base_url(db, value):
    make_user(db, "admin", "admin-settings") if users.get_user(db, "admin-settings") is None else None
    account_settings.save_settings(db, {"base_url": value}, actor="admin-settings")
    return db.scalar("SELECT value FROM settings WHERE key = 'base_url'")


WRITERS = {
    "plan.axis_name": axis_name, "plan.axis_objective": axis_objective, "plan.action_title": action_title,
    "plan.means_text": _means_field(0), "plan.means_period": _means_field(1), "plan.means_indicator": _means_field(2),
    "plan.means_responsible": _means_field(3), "update.note": update_note, "update.evidence_url": update_evidence,
    "target.unit": target_unit, "meeting.note": meeting_note,
    **{f"signup.{field}": _signup_field(field) for field in (
        "organisation", "contact_name", "email", "phone", "website", "why_text", "signer_name", "signer_title")},
    "ambassador.decision_note": decision_note,
    **{f"report.{path}": _report_field(path) for path in (
        "when", "links", "type", "description", "what_worked", "suggestions", "comments")},
    "report.reopen_note": reopen_note,
    **CAMPAIGN_WRITERS,
    "campaign.moment_when": campaign_moment_when, "campaign.questionnaire_url_details": campaign_questionnaire_details,
    "account.display_name": _account("display_name"), "account.email": _account("email"),
    "account.organisation": _account("organisation"), "account.profile_name": profile_name,
    "settings.base_url": settings_base_url,
}


def _french(error: FormError) -> bool:
    return bool(error.messages) and all(
        isinstance(m, str) and any(hint in m.lower() for hint in FRENCH_HINTS) for m in error.messages)


@pytest.mark.parametrize("field", list(WRITERS))
def test_a_field_refuses_in_french_or_stores_each_hostile_payload_as_typed(db, monkeypatch, field):
    for name in dir(signup):  # the sign-up's hourly caps are not under test here
        if name.startswith("MAX_") and isinstance(getattr(signup, name), int):
            monkeypatch.setattr(signup, name, 10**9)
    problems = []
    # Each campaign text gets the shown-as-typed payloads all at once, below (a campaign per payload).
    corpus = hostile_corpus.MUST_REFUSE if field in CAMPAIGN_WRITERS else hostile_corpus.ALL
    for name, value in corpus.items():
        try:
            stored = WRITERS[field](db, value)
        except FormError as error:
            if not _french(error):
                problems.append(f"{name}: refused without a French message: {error.messages!r}")
            continue
        if name in hostile_corpus.MUST_REFUSE:
            problems.append(f"{name}: stored ({len(stored or '')} characters), never refused")
        elif stored != value.strip():
            problems.append(f"{name}: stored as {stored!r}, typed {value!r}")
    assert not problems, "\n".join(problems)


def test_every_campaign_text_stores_each_payload_as_typed(db):
    """The payloads that must show as typed, each in all the campaign's texts at once (the fields
    above refuse NUL and 100 000 characters one by one)."""
    problems = []
    for name, value in hostile_corpus.PAYLOADS.items():
        data = campaigns.campaign_as_data(db, current_id(db))
        data["slug"] = f"hostile-{next(_ids)}"
        for field in ("name", "slogan", "organiser", "agreement_title", "ambassador_status", "purpose",
                      "report_request", "reach_title", "reach_note"):
            data[field] = value
        data["contact"] = {**data["contact"], "name": value, "title": value}
        for rows, column in (("moments", "description"), ("moments", "checklist_label"), ("commitments", "label"),
                             ("channels", "label")):
            data[rows] = [{**row, column: value} for row in data[rows]]
        data["organiser_commitments"] = [value for _ in data["organiser_commitments"]]
        try:
            campaign_id = campaigns.create_campaign(db, data, actor=ensure_staff(db))
        except FormError as error:
            problems.append(f"{name}: refused: {error.messages!r}")
            continue
        stored = campaigns.campaign_as_data(db, campaign_id)
        for field in ("name", "slogan", "organiser", "purpose", "reach_note"):
            if stored[field] != value:
                problems.append(f"{name}: {field} stored as {stored[field]!r}")
        texts = [stored["contact"]["name"], stored["contact"]["title"], *stored["organiser_commitments"],
                 *(m["description"] for m in stored["moments"]), *(c["label"] for c in stored["commitments"]),
                 *(c["label"] for c in stored["channels"])]
        if any(text != value for text in texts):
            problems.append(f"{name}: a row or the contact stored otherwise")
    assert not problems, "\n".join(problems)
