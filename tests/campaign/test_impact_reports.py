"""The impact report: built from commitments, its life (draft, submitted, late, reopened),
access, and the campaign's figures (grid, reach sums)."""
import datetime as dt

import pytest

from lib.campaign import ambassadors, report_figures
from lib.campaign import impact_reports as reports
from lib.campaign.impact_reports import ReportError
from lib.core.errors import AccessDenied
from tests.ambassador_helpers import approved, current_id, ensure_staff, signed_up

OWNER = "smo-outaouais"


@pytest.fixture(autouse=True)
def staff_account(db):
    """Approvals and reopening are staff actions: the account "staff-test" exists."""
    return ensure_staff(db)


def filled(db, ambassador_id):
    data = reports.form_data(db, ambassadors.get_agreement(db, ambassador_id))
    data["actions"][("moment", "lancement")].update(done=True, times=2, when="13 mars",
                                                    links="https://facebook.com/p/1\nhttps://smo.org/a")
    data["actions"][("commitment", "partager-publications")].update(done=True, times=12)
    data["reach"]["facebook"].update(posts=4, views=2000, shares=15, people_reached=1500)
    data["reach"]["instagram"].update(posts=2, people_reached=300)
    data["activities"] = [{"type": "Kiosque", "held_on": dt.date(2022, 5, 3), "participants": 40,
                           "description": "<script>alert(1)</script>"}]
    data["newsletter_recipients"] = 800
    data["what_worked"] = "Les capsules 🌱 « CHOISIR »"
    return data


def test_the_form_is_built_from_what_the_ambassador_committed_to(db):
    agreement = ambassadors.get_agreement(db, approved(db))
    items = reports.report_items(db, agreement)
    assert [(i.kind, i.key) for i in items] == [
        ("commitment", "partager-publications"), ("commitment", "organiser-activite"),
        ("moment", "lancement"), ("moment", "semaine-sante-mentale")]
    # A moment is named as the ambassador ticked it on the checklist (issue 11, item 10).
    assert items[2].label.startswith("Le 13 mars lors de la promotion de la Journée nationale")


def test_draft_then_submit_on_time(db):
    ambassador_id = approved(db)
    assert reports.save_report(db, ambassador_id, filled(db, ambassador_id), actor=OWNER) == "draft"
    saved = reports.get_report(db, ambassador_id)
    assert saved["status"] == "draft" and saved["submitted_at"] is None
    assert saved["actions"][("moment", "lancement")]["links"] == "https://facebook.com/p/1\nhttps://smo.org/a"
    assert saved["activities"][0]["description"] == "<script>alert(1)</script>"
    assert saved["what_worked"] == "Les capsules 🌱 « CHOISIR »"
    status = reports.save_report(db, ambassador_id, filled(db, ambassador_id), actor=OWNER, submit=True,
                                 today=dt.date(2023, 2, 15))
    assert status == "submitted"
    assert reports.get_report(db, ambassador_id)["submitted_late"] is False
    assert db.scalar("SELECT count(*) FROM impact_reports") == 1  # one report per ambassador


def test_a_report_sent_after_the_due_date_is_accepted_and_marked_late(db):
    ambassador_id = approved(db)
    reports.save_report(db, ambassador_id, filled(db, ambassador_id), actor=OWNER, submit=True,
                        today=dt.date(2023, 2, 16))
    assert reports.get_report(db, ambassador_id)["submitted_late"] is True
    assert bool(report_figures.report_statuses(db, current_id(db)).loc[0, "late"]) is True


def test_a_report_not_started_or_left_in_draft_is_late_once_the_due_date_has_passed(db):
    not_started = approved(db)
    draft = approved(db, organisation="Autre organisme", email="autre@x.org", username="autre-org")
    reports.save_report(db, draft, filled(db, draft), actor="autre-org", today=dt.date(2023, 2, 1))
    before = report_figures.report_statuses(db, current_id(db), today=dt.date(2023, 2, 15)).set_index("id")
    assert not before["late"].any()  # the due day itself is still on time
    after = report_figures.report_statuses(db, current_id(db), today=dt.date(2023, 2, 16)).set_index("id")
    assert bool(after.loc[not_started, "late"]) and bool(after.loc[draft, "late"])
    assert after.loc[draft, "status"] == "draft"


@pytest.mark.parametrize(("today", "lang", "expected"), [
    (dt.date(2026, 12, 1), "fr", "Échéance du rapport : 15 février 2023 (passée depuis 1\xa0385 jours)."),
    (dt.date(2023, 2, 14), "fr", "Échéance du rapport : 15 février 2023 (dans 1 jour)."),
    (dt.date(2023, 2, 15), "fr", "Échéance du rapport : 15 février 2023 (aujourd’hui)."),
    (dt.date(2023, 2, 5), "en", "Report due: February 15, 2023 (in 10 days)."),
])
def test_the_deadline_caption_says_how_far_the_due_date_is(today, lang, expected):
    assert report_figures.deadline_caption(dt.date(2023, 2, 15), today, lang) == expected


def test_a_submitted_report_is_locked_until_staff_reopen_it(db):
    ambassador_id = approved(db)
    reports.save_report(db, ambassador_id, filled(db, ambassador_id), actor=OWNER, submit=True)
    with pytest.raises(ReportError, match="déjà soumis"):
        reports.save_report(db, ambassador_id, filled(db, ambassador_id), actor=OWNER)
    reports.reopen_report(db, ambassador_id, "Ajoutez vos liens", actor="staff-test")
    saved = reports.get_report(db, ambassador_id)
    assert (saved["status"], saved["reopen_note"], saved["reopened_by"]) == ("reopened", "Ajoutez vos liens",
                                                                             "staff-test")
    assert reports.is_editable(saved)
    assert reports.save_report(db, ambassador_id, filled(db, ambassador_id), actor=OWNER) == "reopened"
    assert reports.save_report(db, ambassador_id, filled(db, ambassador_id), actor=OWNER, submit=True) == "submitted"
    actions = [r[0] for r in db.query("SELECT action FROM audit_log WHERE action LIKE 'report.%' ORDER BY id")]
    assert actions == ["report.submit", "report.reopen", "report.save_draft", "report.submit"]


@pytest.mark.parametrize("first_day, expected", [(dt.date(2023, 2, 15), False), (dt.date(2023, 2, 16), True)])
def test_a_reopened_report_keeps_the_lateness_of_its_first_submission(db, first_day, expected):
    ambassador_id = approved(db)
    reports.save_report(db, ambassador_id, filled(db, ambassador_id), actor=OWNER, submit=True, today=first_day)
    reports.reopen_report(db, ambassador_id, "Ajoutez vos liens", actor="staff-test")
    reports.save_report(db, ambassador_id, filled(db, ambassador_id), actor=OWNER, submit=True,
                        today=dt.date(2023, 3, 30))  # resubmitted well after the due date
    assert reports.get_report(db, ambassador_id)["submitted_late"] is expected


def test_only_staff_reopen_a_report(db):
    ambassador_id = approved(db)
    reports.save_report(db, ambassador_id, filled(db, ambassador_id), actor=OWNER, submit=True)
    with pytest.raises(AccessDenied, match="réservée à l’équipe"):
        reports.reopen_report(db, ambassador_id, "", actor=OWNER)


def test_only_a_submitted_report_can_be_reopened(db):
    ambassador_id = approved(db)
    with pytest.raises(ReportError):
        reports.reopen_report(db, ambassador_id, "", actor="staff-test")


def test_an_ambassador_can_write_only_its_own_approved_report(db):
    ambassador_id = approved(db)
    other = signed_up(db, organisation="Autre", email="autre@x.org", username="autre-org")
    with pytest.raises(ReportError, match="n’appartient pas"):
        reports.save_report(db, ambassador_id, filled(db, ambassador_id), actor="autre-org")
    with pytest.raises(ReportError, match="sera disponible"):
        reports.save_report(db, other, reports.form_data(db, ambassadors.get_agreement(db, other)), actor="autre-org")


def test_agreement_for_user_returns_only_the_users_own_agreement(db):
    mine = approved(db)
    signed_up(db, organisation="Autre", email="autre@x.org", username="autre-org")
    assert ambassadors.agreement_for_user(db, OWNER, current_id(db)).id == mine
    assert ambassadors.agreement_for_user(db, "autre-org", current_id(db)).organisation == "Autre"
    assert ambassadors.agreement_for_user(db, "staff-test", current_id(db)) is None


@pytest.mark.parametrize("change, expected", [
    (lambda d: d["actions"][("moment", "lancement")].update(times=-1), "nombre de fois"),
    (lambda d: d["actions"][("moment", "lancement")].update(links="javascript:alert(1)"), "https://"),
    (lambda d: d["actions"].update({("moment", "tougo"): {"done": True}}), "ne fait pas partie"),
    (lambda d: d["reach"]["facebook"].update(views=-5), "Portée Facebook — vues"),
    (lambda d: d["reach"].update({"tiktok": {}}), "canal inconnu"),
    (lambda d: d["activities"].append({"type": "", "participants": 3}), "indiquez le type"),
    (lambda d: d["activities"].append({"type": "Kiosque", "participants": 2.5}), "participants"),
    (lambda d: d.update(what_worked="x" * 10_000), "5\u00a0000 caractères au plus"),
    (lambda d: d.update(newsletter_recipients=-3), "infolettre"),
])
def test_report_fields_are_validated(db, change, expected):
    ambassador_id = approved(db)
    data = filled(db, ambassador_id)
    change(data)
    with pytest.raises(ReportError) as error:
        reports.save_report(db, ambassador_id, data, actor=OWNER)
    assert any(expected in message for message in error.value.messages), error.value.messages


def test_follow_up_lists_who_has_not_submitted_with_days_until_due(db):
    first = approved(db)
    approved(db, organisation="Deuxième", email="deux@x.org", username="deuxieme")
    signed_up(db, organisation="En attente", email="att@x.org", username="attente")
    reports.save_report(db, first, filled(db, first), actor=OWNER, submit=True)
    pending = report_figures.follow_up(db, current_id(db), today=dt.date(2023, 2, 10))
    assert list(pending["organisation"]) == ["Deuxième"]
    assert pending.loc[0, "days_until_due"] == 5
    assert pending.loc[0, "report_status"] == "Non commencé"
    assert report_figures.follow_up(db, current_id(db), today=dt.date(2023, 2, 20)).loc[0, "days_until_due"] == -5


def test_mailto_link_puts_every_address_in_blind_copy():
    link = report_figures.mailto_link(["a@x.org", "b@y.org", "a@x.org", ""], "Rapport de retombées")
    assert link == "mailto:?bcc=a@x.org,b@y.org&subject=Rapport%20de%20retomb%C3%A9es"


def test_grid_shows_committed_and_reported_done_moments(db):
    first = approved(db)
    approved(db, organisation="Deuxième", email="deux@x.org", username="deuxieme", moments=["tougo"])
    reports.save_report(db, first, filled(db, first), actor=OWNER, submit=True)
    grid = report_figures.moment_grid(db, current_id(db))
    state = {(r.organisation, r.moment_key): (r.committed, r.done) for r in grid.itertuples()}
    assert state[("Santé mentale Outaouais", "lancement")] == (True, True)
    assert state[("Santé mentale Outaouais", "semaine-sante-mentale")] == (True, False)
    assert state[("Deuxième", "tougo")] == (True, False)
    assert state[("Deuxième", "lancement")] == (False, False)
    assert len(grid) == 2 * 8


def test_a_draft_does_not_count_in_the_figures(db):
    first = approved(db)
    reports.save_report(db, first, filled(db, first), actor=OWNER)
    assert report_figures.reported_reach(db, current_id(db)).empty
    assert not report_figures.moment_grid(db, current_id(db))["done"].any()


def test_reach_sums_per_channel_and_per_ambassador_leave_missing_numbers_out(db):
    first = approved(db)
    second = approved(db, organisation="Deuxième", email="deux@x.org", username="deuxieme")
    reports.save_report(db, first, filled(db, first), actor=OWNER, submit=True)
    data = filled(db, second)
    data["reach"]["facebook"].update(posts=1, views=None, shares=None, people_reached=500)
    reports.save_report(db, second, data, actor="deuxieme", submit=True)
    reach = report_figures.reported_reach(db, current_id(db))
    by_channel = report_figures.reach_totals(reach).set_index("channel")
    assert by_channel.loc["Facebook", "people_reached"] == 2000
    assert by_channel.loc["Facebook", "views"] == 2000  # the missing number is not a zero
    assert by_channel.loc["Instagram", "people_reached"] == 600
    assert list(by_channel.index) == ["Facebook", "Instagram"]
    by_org = report_figures.reach_totals(reach, by="organisation").set_index("organisation")
    assert by_org.loc["Deuxième", "people_reached"] == 800
    assert report_figures.reported_activities(db, current_id(db))["participants"].sum() == 80


def test_exports_have_one_sheet_per_part(db):
    first = approved(db)
    reports.save_report(db, first, filled(db, first), actor=OWNER, submit=True)
    sheets = report_figures.reports_export_frames(db, current_id(db))
    assert list(sheets) == ["Rapports", "Actions", "Portée rapportée", "Activités"]
    assert sheets["Rapports"].loc[0, "statut"] == "Soumis"
    assert len(sheets["Actions"]) == 4


def test_the_activities_table_has_headers_in_the_readers_language(db):
    ambassador_id = approved(db)
    reports.save_report(db, ambassador_id, filled(db, ambassador_id), actor=OWNER)
    activities = reports.get_report(db, ambassador_id)["activities"]
    assert list(reports.activities_table(activities, "fr").columns) == ["Type", "Date", "Participants", "Description"]
    english = reports.activities_table(activities, "en")
    assert list(english.columns) == ["Type", "Date", "Participants", "Description"]
    assert english.iloc[0]["Participants"] == 40
    assert "held_on" not in english.columns
