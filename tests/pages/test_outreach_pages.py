"""The outreach pages through app.py: the public wall, the Envois page, a one-click link's one screen."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest

from lib.accounts import links
from lib.core.settings import load_settings
from lib.outreach import outbox, reminders
from lib.plan import campaign_figures
from tests.ambassador_helpers import approved, signed_up
from tests.conftest import APP_TIMEOUT, ROOT, make_user, sign_in_state

HOSTILE = "<script>alert('x')</script> **gras** [lien](javascript:alert(1))"


def texts(app) -> str:
    parts = [e.value for e in app.markdown] + [e.value for e in app.text] + [e.value for e in app.subheader]
    parts += [e.value for e in app.title] + [e.value for e in app.caption]
    return "\n".join(str(part) for part in parts)


def test_the_wall_shows_only_approved_ambassadors_and_hostile_text_as_text(app_for, file_db):
    approved(file_db, organisation=f"Org {HOSTILE}", why_text=HOSTILE, email="h@example.org", username="hostile-org")
    signed_up(file_db, organisation="Organisme en attente", email="p@example.org", username="pending-org")
    app = app_for(None, "pages/campaign/nos_ambassadeurs.py")
    assert not app.exception, app.exception
    shown = texts(app)
    assert HOSTILE in [e.value for e in app.text]            # st.text: shown exactly as typed
    assert "\\<script\\>" in shown and "\\*\\*gras\\*\\*" in shown  # headings escaped: no markup
    assert "Organisme en attente" not in shown and "p@example.org" not in shown and "h@example.org" not in shown
    assert "819 555-1234" not in shown and "Julie Tremblay" not in shown  # nothing private
    assert not app.get("download_button")  # the export is for staff only


def test_staff_see_the_wall_s_export_button(app_for, file_db):
    approved(file_db)
    app = app_for("staff", "pages/campaign/nos_ambassadeurs.py")
    assert not app.exception, app.exception
    assert any("microsite" in button.proto.label for button in app.get("download_button"))


def test_envois_lists_what_is_due_and_an_admin_queues_it(app_for, file_db):
    approved(file_db)
    app = app_for("admin", "pages/campaign/envois.py")
    assert not app.exception, app.exception
    assert "Aucun serveur SMTP" in app.warning[0].value
    due = {d.subject_key for d in reminders.due_drafts(file_db)}
    assert due and outbox.counts(file_db)["queued"] == 0
    app.button(key="due.send_now").click().run()
    assert not app.exception, app.exception
    assert {row[0] for row in file_db.query("SELECT subject_key FROM outbox")} == due
    assert "Mis en file" in app.success[-1].value


def test_staff_turn_a_kind_off_and_cannot_send_now(app_for, file_db):
    app = app_for("staff", "pages/campaign/envois.py")
    assert not app.exception, app.exception
    assert not [b for b in app.button if b.key == "due.send_now"]
    app.toggle(key="kinds.due_7").set_value(False).run()
    assert outbox.enabled_kinds(file_db)["due_7"] is False


def test_board_members_and_ambassadors_cannot_open_envois(file_db):
    for role in ("board", "ambassador", None):
        app = AppTest.from_file(str(ROOT / "pages" / "campaign" / "envois.py"), default_timeout=APP_TIMEOUT)
        if role:
            sign_in_state(app, make_user(file_db, role))
        app.run()
        assert "Accès refusé" in app.error[0].value, role
        assert not app.tabs, role


def test_a_one_click_link_opens_the_report_alone_and_only_once(app_for, file_db):
    approved(file_db)
    token = file_db.transaction(lambda cur: links.issue_link(cur, "smo-outaouais", "report", hours=72))
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT)
    app.query_params[links.QUERY_PARAMETER] = token
    app.run()
    assert not app.exception, app.exception
    assert app.title[0].value == "Rapport de retombées"
    assert any("lien à usage unique" in info.value for info in app.sidebar.info)
    again = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT)
    again.query_params[links.QUERY_PARAMETER] = token
    again.run()
    assert again.title[0].value != "Rapport de retombées"
    assert any("déjà servi" in error.value for error in again.error)
    again.run()  # the cookie component's rerun: the reason stays on screen
    assert any("déjà servi" in error.value for error in again.error)


def test_staff_link_a_means_to_a_campaign_figure_and_the_plan_says_so(app_for, file_db):
    approved(file_db)
    means_id = file_db.scalar("SELECT id FROM means WHERE text = ?",
                              ["Participer au comité de la semaine de la santé mentale"])
    app = app_for("staff", "pages/plan/mises_a_jour.py")
    app.selectbox(key="find.means").set_value(means_id).run()
    app.selectbox(key=f"figure.{means_id}").set_value("approved_ambassadors").run()
    app.button(key="figure.save").click().run()
    assert not app.exception, app.exception
    assert campaign_figures.linked_figures(file_db) == {means_id: "approved_ambassadors"}
    board = app_for("board", "pages/plan/plan_action.py")
    board.selectbox(key="plan.axis").set_value(4).run()
    board.selectbox(key="plan.means").set_value(means_id).run()
    shown = texts(board)
    assert "Suit la campagne \\: ambassadeurs approuvés" in shown and "1 à ce jour" in shown


def test_admins_set_the_links_address_and_lifetime_and_reminders_use_them(app_for, file_db):
    approved(file_db)
    app = app_for("admin", "pages/admin/parametres.py")
    app.text_input(key="settings.base_url").set_value("javascript:alert(1)")
    app.button[0].click().run()  # the form's submit button
    assert "L’adresse de l’application doit commencer par https://" in app.error[0].value
    app.text_input(key="settings.base_url").set_value("https://tableau.rocsmo.example.org")
    app.number_input(key="settings.link_hours").set_value(48)
    app.button[0].click().run()
    assert not app.error and load_settings(file_db).link_hours == 48
    [approval] = [d for d in reminders.due_drafts(file_db) if d.purpose == "approved"]
    assert "https://tableau.rocsmo.example.org/?lien=" in approval.body_text
    assert "pendant 48 heures" in approval.body_text

