"""The ambassador pages through app.py: public sign-up, access by role, the report's life,
and typed text shown as typed (never as markup)."""
import datetime as dt

from streamlit.testing.v1 import AppTest

from lib.accounts import users
from lib.campaign import ambassadors, impact_reports
from lib.ui.navigation import specs_for
from tests.ambassador_helpers import SIGNUP_PASSWORD, approved, image_bytes, open_signups, signed_up
from tests.conftest import ROOT, sign_in_state
from tests.table_helpers import tables

HOSTILE = "<script>alert('x')</script> **gras** 🌱 \"guillemets\""


def open_signup(app_for, file_db):
    open_signups(file_db)
    app = app_for(None, "pages/campaign/devenir_ambassadeur.py")
    assert not app.exception, app.exception
    return app


def fill_signup(app, **overrides):
    values = {"organisation": "Santé mentale Outaouais", "contact_name": "Julie Tremblay",
              "email": "julie@smo.example.org", "phone": "819 555-1234", "website": "smo.example.org",
              "why_text": "Nous croyons que la santé mentale se cultive ensemble.", "signer_name": "Julie Tremblay",
              "signer_title": "Directrice", "username": "smo-outaouais", "password": SIGNUP_PASSWORD,
              "password_confirm": SIGNUP_PASSWORD, **overrides}
    for field, value in values.items():
        widget = app.text_area(key=f"signup.{field}") if field == "why_text" else app.text_input(key=f"signup.{field}")
        widget.set_value(value)
    app.number_input(key="signup.audience_facebook").set_value(2500)
    app.file_uploader(key="signup.logo").set_value(("logo.png", image_bytes(), "image/png"))
    app.checkbox(key="signup.commitment_partager-publications").check()
    app.checkbox(key="signup.accepted").check()
    app.run()
    for field in ("username", "password", "password_confirm"):  # the account form's fields go with its submit
        app.text_input(key=f"signup.{field}").set_value(values[field])
    return app


def test_the_signup_page_is_public_and_creates_a_pending_ambassador(app_for, file_db):
    app = fill_signup(open_signup(app_for, file_db))
    app.button(key="signup.submit").click().run()
    assert not app.exception, app.exception
    assert not app.error, [e.value for e in app.error]
    assert "Merci! Votre demande est envoyée" in app.success[0].value
    agreement = ambassadors.agreement_for_user(file_db, "smo-outaouais")
    assert agreement.status == "pending" and agreement.audiences == {"facebook": 2500}
    assert users.get_user(file_db, "smo-outaouais").role == "ambassador"


def test_an_invalid_signup_shows_every_error_and_keeps_what_was_typed(app_for, file_db):
    app = fill_signup(open_signup(app_for, file_db), email="pas-un-courriel", phone="", password_confirm="autre")
    app.checkbox(key="signup.accepted").uncheck()
    app.button(key="signup.submit").click().run()
    errors = app.error[0].value
    for expected in ("Courriel", "Téléphone", "les deux mots de passe", "accepter l’entente"):
        assert expected in errors
    assert app.text_input(key="signup.organisation").value == "Santé mentale Outaouais"
    assert app.text_area(key="signup.why_text").value.startswith("Nous croyons")
    assert app.number_input(key="signup.audience_facebook").value == 2500
    assert file_db.scalar("SELECT count(*) FROM ambassadors") == 0


def test_the_moments_appear_when_their_commitment_is_ticked(app_for, file_db):
    app = open_signup(app_for, file_db)
    assert not [c for c in app.checkbox if c.key.startswith("signup.moment_")]
    app.checkbox(key="signup.commitment_moments-forts").check().run()
    assert len([c for c in app.checkbox if c.key.startswith("signup.moment_")]) == 8


def test_a_duplicate_signup_is_refused_with_a_clear_message(app_for, file_db):
    app = open_signup(app_for, file_db)
    signed_up(file_db)
    app = fill_signup(app, username="autre-compte", email="autre@x.org")
    app.button(key="signup.submit").click().run()
    assert "déjà inscrite comme ambassadrice" in app.error[0].value


def test_a_pending_ambassador_sees_its_status_but_no_report(app_for, file_db):
    signed_up(file_db)
    app = app_for("ambassador", "pages/campaign/mon_entente.py", username="smo-outaouais")
    assert not app.exception, app.exception
    assert "en attente d’approbation" in app.info[0].value
    app.switch_page("pages/campaign/rapport_retombees.py").run()
    assert "sera disponible quand votre entente sera approuvée" in app.info[0].value
    assert not app.get("number_input")
    app.switch_page("pages/campaign/campagne.py").run()
    assert "quand votre entente sera approuvée" in app.info[0].value
    assert not app.get("plotly_chart")


def test_an_ambassador_cannot_open_the_staff_page(file_db):
    approved(file_db)
    assert "pages/campaign/ambassadeurs.py" not in [spec.path for spec in specs_for("ambassador")]
    page = AppTest.from_file(str(ROOT / "pages" / "campaign" / "ambassadeurs.py"), default_timeout=30)  # as if by URL
    sign_in_state(page, users.get_user(file_db, "smo-outaouais"))
    page.run()
    assert any("Accès refusé" in e.value for e in page.error)
    assert not page.get("dataframe") and not page.table


def test_an_ambassador_sees_only_the_public_campaign_figures(app_for, file_db):
    approved(file_db)
    approved(file_db, organisation="Autre organisme secret", email="a@x.org", username="autre-org")
    ambassador = app_for("ambassador", "pages/campaign/campagne.py", username="smo-outaouais")
    board = app_for("board", "pages/campaign/campagne.py")
    assert len(ambassador.get("plotly_chart")) == 3
    assert len(board.get("plotly_chart")) == 5
    shown = [e.value for e in ambassador.get("dataframe")] + tables(ambassador)
    assert shown and "Autre organisme secret" not in str(shown)
    assert "Autre organisme secret" in str([e.value for e in board.get("dataframe")] + tables(board))


def test_the_ambassador_fills_saves_and_submits_its_report(app_for, file_db):
    ambassador_id = approved(file_db)
    app = app_for("ambassador", "pages/campaign/rapport_retombees.py", username="smo-outaouais")
    form = f"report{ambassador_id}"
    app.checkbox(key=f"{form}.moment_lancement.done").check()
    app.number_input(key=f"{form}.moment_lancement.times").set_value(3)
    app.text_area(key=f"{form}.moment_lancement.links").set_value("https://facebook.com/p/1")
    app.number_input(key=f"{form}.reach_facebook_people_reached").set_value(1200)
    app.text_area(key=f"{form}.what_worked").set_value(HOSTILE)
    app.run()
    app.button(key="report.save").click().run()
    assert not app.error, [e.value for e in app.error]
    assert impact_reports.get_report(file_db, ambassador_id)["status"] == "draft"
    assert app.text_area(key=f"{form}.what_worked").value == HOSTILE  # still there after the save
    app.button(key="report.submit").click().run()
    report = impact_reports.get_report(file_db, ambassador_id)
    assert report["status"] == "submitted" and report["what_worked"] == HOSTILE
    assert report["reach"]["facebook"]["people_reached"] == 1200
    assert report["submitted_late"] is (dt.date.today() > dt.date(2023, 2, 15))
    assert app.text_area(key=f"{form}.what_worked").disabled


def test_staff_approve_from_the_ambassadors_page(app_for, file_db):
    ambassador_id = signed_up(file_db)
    app = app_for("staff", "pages/campaign/ambassadeurs.py")
    assert not app.exception, app.exception
    app.radio(key=f"decision{ambassador_id}.0.status").set_value("approved")
    app.text_area(key=f"decision{ambassador_id}.0.note").set_value("Bienvenue!")
    [b for b in app.get("form_submit_button") if b.label == "Enregistrer la décision"][0].click().run()
    assert ambassadors.get_agreement(file_db, ambassador_id).status == "approved"


def test_a_refused_decision_keeps_the_chosen_decision_and_a_saved_one_empties_the_form(app_for, file_db):
    ambassador_id = signed_up(file_db)
    app = app_for("staff", "pages/campaign/ambassadeurs.py")
    app.radio(key=f"decision{ambassador_id}.0.status").set_value("declined")
    [b for b in app.get("form_submit_button") if b.label == "Enregistrer la décision"][0].click().run()
    assert not app.exception, app.exception
    assert any("expliquez le refus" in e.value for e in app.error)
    assert app.radio(key=f"decision{ambassador_id}.0.status").value == "declined"  # not reset to "approved"
    app.text_area(key=f"decision{ambassador_id}.0.note").set_value("Hors territoire")
    [b for b in app.get("form_submit_button") if b.label == "Enregistrer la décision"][0].click().run()
    assert ambassadors.get_agreement(file_db, ambassador_id).status == "declined"
    assert app.text_area(key=f"decision{ambassador_id}.1.note").value == ""


def test_reopening_a_report_twice_shows_a_message_not_a_traceback(app_for, file_db, monkeypatch):
    from tests.campaign.test_impact_reports import filled

    ambassador_id = approved(file_db)
    impact_reports.save_report(file_db, ambassador_id, filled(file_db, ambassador_id), actor="smo-outaouais",
                               submit=True)
    app = app_for("staff", "pages/campaign/ambassadeurs.py")

    def already_reopened(*args, **kwargs):  # the second click finds the first one's work done
        raise impact_reports.ReportError("Seul un rapport soumis peut être rouvert.")

    monkeypatch.setattr(impact_reports, "reopen_report", already_reopened)
    [b for b in app.get("form_submit_button") if b.label == "Rouvrir le rapport"][0].click().run()
    assert not app.exception, app.exception
    assert any("Seul un rapport soumis" in e.value for e in app.error)


def test_hostile_text_is_shown_as_text_never_as_markup(app_for, file_db):
    approved(file_db, organisation=HOSTILE, why_text=HOSTILE)
    app = app_for("staff", "pages/campaign/ambassadeurs.py")
    assert not app.exception, app.exception
    assert HOSTILE in [element.value for element in app.text]
    for markdown in app.markdown:
        assert "<script>" not in markdown.value and "**gras**" not in markdown.value
    assert not app.get("html")


def test_pages_show_helpful_empty_states_on_a_fresh_database(app_for):
    staff = app_for("staff", "pages/campaign/ambassadeurs.py")
    assert "Aucune inscription pour l’instant" in staff.info[0].value
    board = app_for("board", "pages/campaign/campagne.py")
    assert any("Aucun ambassadeur approuvé pour l’instant" in i.value for i in board.info)
    assert not board.exception and not staff.exception


def open_new_campaign_form(app):
    """Open "Créer une campagne" (its editors are drawn once it is opened)."""
    assert "newcampaign.create" not in [button.key for button in app.button]  # closed: nothing of it drawn
    app.session_state["newcampaign.open"] = True
    return app.run()


def test_staff_copy_last_years_campaign_from_the_campaign_page(app_for, file_db):
    app = open_new_campaign_form(app_for("staff", "pages/campaign/campagne.py"))
    assert not app.exception, app.exception
    app.checkbox(key="newcampaign.make_current").check()
    app.button(key="newcampaign.create").click().run()
    assert not app.exception, app.exception
    assert not app.error, [e.value for e in app.error]
    from lib.campaign import campaigns

    current = campaigns.current_campaign(file_db)
    assert current.slug == "choisir-2023-2024" and current.report_due == dt.date(2024, 2, 15)
    assert file_db.scalar("SELECT created_by FROM campaigns WHERE slug = 'choisir-2023-2024'") == "staff-test"


def test_the_empty_campaign_form_renders_and_reports_missing_fields(app_for):
    app = open_new_campaign_form(app_for("staff", "pages/campaign/campagne.py"))
    app.radio(key="newcampaign.start").set_value("empty").run()
    assert not app.exception, app.exception
    app.button(key="newcampaign.create").click().run()
    assert "Le nom de la campagne est obligatoire" in app.error[0].value


def test_an_ambassador_sees_its_own_agreement_not_anothers(app_for, file_db):
    approved(file_db)
    approved(file_db, organisation="Voisin confidentiel", email="v@x.org", username="voisin",
             why_text="Texte du voisin")
    app = app_for("ambassador", "pages/campaign/mon_entente.py", username="smo-outaouais")
    shown = " ".join(element.value for element in app.text)
    assert "Santé mentale Outaouais" in shown
    assert "Voisin confidentiel" not in shown and "Texte du voisin" not in shown


def test_staff_see_the_reports_activities_under_readable_headers(app_for, file_db):
    from tests.campaign.test_impact_reports import filled

    ambassador_id = approved(file_db)
    impact_reports.save_report(file_db, ambassador_id, filled(file_db, ambassador_id), actor="smo-outaouais",
                               submit=True)
    app = app_for("staff", "pages/campaign/ambassadeurs.py")
    assert not app.exception, app.exception
    headers = [list(frame.columns) for frame in tables(app)]
    assert ["Type", "Date", "Participants", "Description"] in headers
    assert not any("held_on" in columns for columns in headers)


def test_a_returning_ambassador_joins_the_current_campaign_from_its_agreement_page(app_for, file_db):
    from lib.campaign import campaigns

    approved(file_db)
    old_id = campaigns.current_campaign(file_db).id
    new_id = open_signups(file_db)  # this year's edition, current and open (joining needs open sign-ups)
    assert new_id != old_id
    app = app_for("ambassador", "pages/campaign/mon_entente.py", username="smo-outaouais")
    assert not app.exception, app.exception
    assert app.text_input(key="join.organisation").value == "Santé mentale Outaouais"
    app.checkbox(key="join.accepted").check()
    app.button(key="join.submit").click().run()
    assert not app.exception, app.exception
    agreement = ambassadors.agreement_for_user(file_db, "smo-outaouais", new_id)
    assert (agreement.campaign_id, agreement.status) == (new_id, "pending")
    assert "en attente d’approbation" in app.info[0].value
    assert not app.get("button") or all(b.key != "join.submit" for b in app.button)


def test_the_follow_up_counts_late_reports_instead_of_days_late_with_nobody_approved(app_for, file_db):
    signed_up(file_db)  # pending: nobody has a report to send yet, though the 2023 deadline is long past
    staff = app_for("staff", "pages/campaign/ambassadeurs.py")
    metrics = {m.label: m.value for m in staff.metric}
    assert metrics["Rapports en retard"] == "0" and "Jours de retard" not in metrics
    assert any("Échéance du rapport : 15 février 2023 (passée depuis" in c.value for c in staff.caption)
    assert not staff.exception


def test_an_unstarted_report_past_the_deadline_counts_as_late_in_the_follow_up(app_for, file_db):
    approved(file_db)
    staff = app_for("staff", "pages/campaign/ambassadeurs.py")
    assert {m.label: m.value for m in staff.metric}["Rapports en retard"] == "1"
    late_column = [frame for frame in staff.dataframe if "late" in frame.value.columns][0].value["late"]
    assert late_column.tolist() == [True]


def test_under_a_flood_the_signup_page_asks_a_question_and_takes_the_right_answer(app_for, file_db, monkeypatch):
    from lib.campaign import signup

    monkeypatch.setattr(signup, "PRESSURE_REFUSALS", 1)
    file_db.transaction(lambda cur: cur.execute(
        "INSERT INTO signup_attempts (happened_at, session_id, client, accepted) VALUES (?, 'bot', '', false)",
        [signup.clock.utcnow()]))
    app = fill_signup(open_signup(app_for, file_db))
    question, answer = app.session_state["signup.challenge"]
    assert app.text_input(key="signup.challenge_answer").label == question
    app.text_input(key="signup.challenge_answer").set_value(str(int(answer) + 1))  # in the form: sent with it
    app.button(key="signup.submit").click().run()
    assert "question de vérification" in app.error[0].value
    assert "signup.challenge" not in app.session_state  # a wrong answer: a new question on the next run
    app.run()
    for field, value in (("username", "smo-outaouais"), ("password", SIGNUP_PASSWORD),
                         ("password_confirm", SIGNUP_PASSWORD),
                         ("challenge_answer", app.session_state["signup.challenge"][1])):
        app.text_input(key=f"signup.{field}").set_value(value)
    app.button(key="signup.submit").click().run()
    assert not app.exception, app.exception
    assert "Merci! Votre demande est envoyée" in app.success[0].value


def test_staff_see_the_documents_date_slips_the_stale_reach_and_the_years_side_by_side(app_for):
    app = app_for("staff", "pages/campaign/campagne.py")
    assert not app.exception, app.exception
    warnings = "\n".join(w.value for w in app.warning)
    assert "le 30 mars 2022 est un mercredi, pas un jeudi" in warnings
    assert "datent du 7 avril 2021, il y a plus d’un an" in warnings
    years = next(f for f in tables(app) if "Ambassadeurs approuvés" in f.columns)
    assert years["Campagne"].tolist() == ["Campagne annuelle de promotion de la santé mentale 2022-2023"]
    # The editor of next year's copy lists its inferred dates (30 March 2023, a Thursday) and no slip.
    app = open_new_campaign_form(app)
    warnings = "\n".join(w.value for w in app.warning)
    copy_editor = next(w.value for w in app.warning if "30 mars 2023" in w.value)
    assert "pas un" not in copy_editor
    assert warnings.count("pas un jeudi") == 1
