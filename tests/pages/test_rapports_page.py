"""The Rapports page: the pack on screen for the chosen meetings, in French and English, and
staff's meeting form."""
from __future__ import annotations

from datetime import date

from streamlit.testing.v1 import AppTest

from lib.board import archive
from lib.plan import meetings
from tests.board.history_helpers import build_history
from tests.conftest import APP_TIMEOUT, ROOT, make_user, sign_in_state

PAGE = "pages/plan/rapports.py"


def _shown(app) -> list[str]:
    """The page's markdown paragraphs as read (lib.ui.board_views escapes them)."""
    return [m.value.replace("\\", "") for m in app.markdown]


def _table_values(app) -> set[str]:
    return {str(v) for frame in app.dataframe for v in frame.value.to_numpy().ravel()}


def test_a_board_member_sees_the_pack_for_the_next_meeting_compared_with_the_last(app_for, file_db, monkeypatch):
    story = build_history(file_db, monkeypatch)
    app = app_for("board", PAGE)
    assert not app.exception
    assert app.title[0].value == "Rapports au CA"
    # Today is 4 December 2026 (the history's clock): the next meeting is February's, compared with December's.
    assert app.selectbox(key="packs.meeting").value == story["feb"].id
    assert app.selectbox(key="packs.previous").value == story["dec"].id
    assert not [e for e in app.expander if "Gérer" in e.label]  # the meeting form is staff's
    app.selectbox(key="packs.meeting").set_value(story["dec"].id).run()
    app.selectbox(key="packs.previous").set_value(story["sept"].id).run()
    assert not app.exception
    headers = [h.value for h in app.header]
    assert headers[:8] == ["Couverture", "Sommaire", "Avancement par axe", "Ce qui a changé", "En retard",
                           "Prochaines échéances",
                           "Mises à jour attendues", "Campagne"]
    since = "Depuis le CA du 15 septembre 2026 : 1 moyen réalisé, 1 nouveau retard"
    assert any(s.startswith(since) for s in _shown(app))
    values = _table_values(app)
    assert {"0 / 10 nouveaux membres d’ici 2024 : cible manquée au 31 décembre 2024 (+7 depuis)",
            "5 nouveaux membres (correction).", "Moyen archivé"} <= values
    assert "Après le CA." not in values  # recorded after the 1 December meeting


def test_the_archive_lists_each_pack_made_and_offers_it_again(app_for, file_db, monkeypatch):
    story = build_history(file_db, monkeypatch)
    made = archive.make_pack(file_db, story["staff"], story["dec"], story["sept"])
    app = app_for("board", PAGE)
    assert not app.exception
    chosen = app.selectbox(key="packs.archived")
    assert chosen.value == made.id
    assert chosen.options == ["1er décembre 2026 — produit le 4 décembre 2026, 10 h 00 par Test staff (FR)"]


def test_the_pack_page_in_english(file_db, monkeypatch):
    story = build_history(file_db, monkeypatch)
    user = make_user(file_db, "board", "ca-en")
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT)
    sign_in_state(app, user)
    app.session_state["lang"] = "en"
    app.session_state["packs.meeting"] = story["dec"].id
    app.run()
    app.switch_page(PAGE)
    app.run()
    assert not app.exception
    assert app.title[0].value == "Reports to the board"
    assert "What changed" in [h.value for h in app.header]
    assert any(m.startswith("Since the board meeting of September 15, 2026: 1 means done") for m in _shown(app))


def test_staff_record_a_meeting_from_the_page(app_for, file_db):
    app = app_for("staff", PAGE)
    assert not app.exception
    assert any("Aucune rencontre" in i.value for i in app.info)
    app.date_input(key="meetings.date.-1").set_value(date(2027, 2, 16))
    app.radio(key="meetings.kind.-1").set_value("ca")
    app.text_input(key="meetings.note.-1").set_value("Adoption du budget")
    app.button(key="FormSubmitter:meetings.form-Enregistrer la rencontre").click().run()
    assert not app.exception
    assert [(m.held_on, m.kind, m.note) for m in meetings.list_meetings(file_db)] == [
        (date(2027, 2, 16), "ca", "Adoption du budget")]
    assert "Rencontre ajoutée." in [s.value for s in app.success]
    assert app.selectbox(key="packs.meeting").value == meetings.list_meetings(file_db)[0].id


def test_the_overview_says_what_changed_since_the_last_meeting(app_for, file_db, monkeypatch):
    build_history(file_db, monkeypatch)
    app = app_for("board", "pages/plan/vue_ensemble.py")
    assert not app.exception
    assert any(i.value.startswith("Depuis le CA du 1er décembre 2026 : ") for i in app.info)


def test_staff_change_then_delete_a_meeting_from_the_page(app_for, file_db):
    staff = make_user(file_db, "staff", "marie")
    meeting_id = meetings.add_meeting(file_db, staff, date(2026, 9, 15), "ca")
    app = app_for("staff", PAGE)
    app.selectbox(key="meetings.choice").set_value(meeting_id).run()
    assert app.date_input(key=f"meetings.date.{meeting_id}").value == date(2026, 9, 15)
    app.text_input(key=f"meetings.note.{meeting_id}").set_value("Reportée d’un jour")
    app.date_input(key=f"meetings.date.{meeting_id}").set_value(date(2026, 9, 16))
    app.button(key="FormSubmitter:meetings.form-Enregistrer la rencontre").click().run()
    assert not app.exception
    assert meetings.get_meeting(file_db, meeting_id).held_on == date(2026, 9, 16)
    assert "Rencontre modifiée." in [s.value for s in app.success]
    app.selectbox(key="meetings.choice").set_value(meeting_id).run()
    app.button(key="meetings.delete").click().run()
    assert not app.exception
    assert meetings.list_meetings(file_db) == []
    assert any("Aucune rencontre" in i.value for i in app.info)
