"""AppTest of the plan pages: the overview, the drill-down, staff updates and the plan editor."""
from datetime import date
from pathlib import Path

from streamlit.testing.v1 import AppTest

from lib.core import clock
from lib.plan import updates
from tests.conftest import APP_TIMEOUT, make_user, sign_in_state
from tests.table_helpers import tables

ROOT = Path(__file__).resolve().parents[2]
COMMITTEE = "Mettre en place un comité de travail ouvert"


def _button(app, label):
    return next(b for b in app.button if b.label == label)


def _texts(app) -> str:
    parts = [e.value for e in (*app.markdown, *app.text, *app.caption, *app.header, *app.subheader, *app.title)]
    for frame in (*(f.value for f in app.dataframe), *tables(app)):
        parts.append(frame.to_string())
    return "\n".join(str(p) for p in parts)


def test_overview_is_the_boards_landing_page_with_every_block(app_for):
    app = app_for("board")
    assert not app.exception
    assert app.title[0].value == "Vue d’ensemble du plan d’action"
    headers = [h.value for h in app.header]
    headers = [h for h in headers if h != "Avancement par axe dans le temps"]  # only once updates exist
    assert headers == ["Avancement par axe", "Statuts par axe", "En retard", "Cibles manquées à l’échéance",
                       "Moyens ayant manqué 2 cycles ou plus", "À échéance d’ici 60 jours",
                       "Dernières mises à jour", "Charge par responsable"]
    assert [m.label for m in app.metric][:2] == ["Réalisés ou en bonne voie", "En retard"]
    assert any("Avancement d’un axe" in c.value for c in app.caption)
    assert len(app.tabs) >= 6  # chart / table for each of the three charts


def test_overview_speaks_english(app_for, file_db):
    user = make_user(file_db, "board", "board-en")
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT)
    sign_in_state(app, user)
    app.session_state["lang"] = "en"
    app.run()
    assert not app.exception
    assert [h.value for h in app.header][0] == "Progress by axis"


def test_a_board_member_cannot_open_the_updates_page_even_by_its_file(file_db):
    user = make_user(file_db, "board")
    app = AppTest.from_file(str(ROOT / "pages" / "plan" / "mises_a_jour.py"), default_timeout=APP_TIMEOUT)
    sign_in_state(app, user)
    app.run()
    assert any("Accès refusé" in e.value for e in app.error)
    assert not app.get("form")


def test_staff_record_an_update_and_see_it_in_the_history(app_for, file_db):
    app = app_for("staff", "pages/plan/mises_a_jour.py")
    app.text_input(key="find.search").input("comité de travail ouvert").run()
    assert app.selectbox(key="find.means").value == file_db.scalar("SELECT id FROM means WHERE text = ?", [COMMITTEE])
    app.selectbox(key="update.status").set_value("realise")
    app.slider(key="update.progress").set_value(100)
    app.text_area(key="update.note").input("Comité formé de 6 membres")
    _button(app, "Enregistrer la mise à jour").click().run()
    assert not app.exception
    confirmations = [s.value for s in app.success]
    assert len(confirmations) == 1 and confirmations[0].startswith("Mise à jour enregistrée : Réalisé, 100 %")
    assert app.text_area(key="update.note").value == ""  # the form starts afresh after a save
    assert "Comité formé de 6 membres" in _texts(app)
    row = file_db.query_one("SELECT status, progress, recorded_by, work_date FROM means_updates")
    assert row == ("realise", 100, "staff-test", clock.today())


def test_what_was_typed_survives_a_validation_error(app_for, file_db):
    app = app_for("staff", "pages/plan/mises_a_jour.py")
    app.text_area(key="update.note").input("Texte long à ne pas perdre")
    app.text_input(key="update.evidence_url").input("www.exemple.org")
    _button(app, "Enregistrer la mise à jour").click().run()
    assert [e.value for e in app.error if "lien" in e.value] == [
        "Le lien de la preuve doit être une adresse web complète commençant par http:// ou https://."]
    assert app.text_area(key="update.note").value == "Texte long à ne pas perdre"
    assert app.text_input(key="update.evidence_url").value == "www.exemple.org"
    assert file_db.scalar("SELECT count(*) FROM means_updates") == 0


def test_staff_filter_late_items(app_for):
    app = app_for("staff", "pages/plan/mises_a_jour.py")
    app.toggle(key="find.late").set_value(True).run()
    results = app.dataframe[0].value
    assert len(results) > 0 and (results["En retard"] == "Oui").all()


def test_staff_add_a_means_in_the_plan_editor(app_for, file_db):
    app = app_for("staff", "pages/plan/mises_a_jour.py")
    app.text_area(key="means_add.text").input("Tenir un kiosque au salon des organismes")
    app.text_input(key="means_add.period_label").input("Automne 2027")
    app.text_input(key="means_add.responsible_label").input("DG + membres")
    _button(app, "Ajouter le moyen").click().run()
    assert not app.exception
    assert file_db.scalar("SELECT responsible_label FROM means WHERE text = ?",
                          ["Tenir un kiosque au salon des organismes"]) == "DG + membres"
    assert "Moyen ajouté." in [s.value for s in app.success]


def test_plan_page_drills_down_to_an_items_history_and_target(app_for, file_db):
    staff = make_user(file_db, "staff")
    means_id = file_db.scalar("SELECT id FROM means WHERE text = ?", [COMMITTEE])
    updates.record_update(file_db, staff, means_id,
                           updates.UpdateInput("realise", 100, date(2021, 4, 20), "Comité lancé avec 6 membres"))
    app = app_for("board", "pages/plan/plan_action.py")
    assert not app.exception
    assert app.selectbox(key="plan.axis").value == 1
    app.selectbox(key="plan.means").set_value(means_id).run()
    assert not app.exception
    text = _texts(app)
    assert "Comité lancé avec 6 membres" in text
    assert "Avril 2021" in text  # the period as written
    assert any(h.value == "Historique complet" for h in app.subheader)


def test_staff_typed_text_is_shown_as_typed_never_as_markup(app_for, file_db):
    from lib.ui.layout import escape_markdown

    typed = "**Gras** <b>balise</b> [lien](javascript:alert(1))"
    means_id = file_db.scalar("SELECT id FROM means WHERE text = ?", [COMMITTEE])
    file_db.transaction(lambda cur: cur.execute("UPDATE means SET text = ? WHERE id = ?", [typed, means_id]))
    app = app_for("staff", "pages/plan/mises_a_jour.py")
    app.selectbox(key="find.means").set_value(means_id).run()
    assert any(h.value == escape_markdown(typed) for h in app.subheader)
    assert not app.exception


def test_staff_are_told_which_period_labels_cannot_be_read(app_for, file_db):
    means_id = file_db.scalar("SELECT id FROM means WHERE text = ?", [COMMITTEE])
    file_db.transaction(lambda cur: cur.execute("UPDATE means SET period_label = 'Quand le vent tourne' WHERE id = ?",
                                                [means_id]))
    app = app_for("staff", "pages/plan/mises_a_jour.py")
    assert any("1 moyen a une période" in w.value for w in app.warning)
    assert any("« Quand le vent tourne »" in x.value for x in app.text)
    app.selectbox(key="find.means").set_value(means_id).run()
    app.selectbox(key="schedule.kind").set_value("once")
    app.date_input(key="schedule.due").set_value(date(2026, 6, 30))
    _button(app, "Enregistrer l’échéancier").click().run()
    assert not app.exception
    assert "Échéancier enregistré." in [s.value for s in app.success]
    assert not any("ont une période" in w.value for w in app.warning)
    assert "Quand le vent tourne" in _texts(app)  # the label as written stays on screen


def test_plan_page_charts_indicator_progress_with_its_table(app_for, file_db):
    staff = make_user(file_db, "staff")
    text = "Mettre en place une Table des directeurs.trices."
    means_id = file_db.scalar("SELECT id FROM means WHERE text = ?", [text])
    for day in (date(2025, 3, 12), date(2025, 6, 10), date(2026, 2, 3)):
        updates.record_update(file_db, staff, means_id,
                               updates.UpdateInput("realise", 100, day, "La table s’est réunie le " + str(day.day)))
    app = app_for("board", "pages/plan/plan_action.py")
    app.selectbox(key="plan.axis").set_value(5).run()
    app.selectbox(key="plan.means").set_value(means_id).run()
    assert not app.exception
    assert "Au moins 4 rencontres par année" in _texts(app)
    quantities = next(f.value for f in app.dataframe if list(f.value.columns) == ["Période", "Quantité"])
    assert quantities.to_dict("list") == {"Période": ["2025", "2026"], "Quantité": ["2", "1"]}  # not 2.00


def test_staff_correct_a_target_and_a_bad_one_is_refused_in_french(app_for, file_db):
    app = app_for("staff", "pages/plan/mises_a_jour.py")
    means_id = app.selectbox(key="find.means").value
    app.selectbox(key="target.kind").set_value("frequency")
    _button(app, "Enregistrer la cible").click().run()
    # Every problem of the form is listed in the one error box (lib.ui.feedback.show_errors).
    assert any("- La quantité visée doit être un nombre entier positif." in e.value for e in app.error)
    app.number_input(key="target.quantity").set_value(6.0)
    app.text_input(key="target.unit").input("rencontres")
    app.selectbox(key="target.per").set_value("year")
    _button(app, "Enregistrer la cible").click().run()
    assert "Cible enregistrée." in [s.value for s in app.success]
    assert "Au moins 6 rencontres par année" in _texts(app)
    assert file_db.scalar("SELECT target_override FROM means_tracking WHERE means_id = ?", [means_id])


def test_an_update_without_a_quantity_says_what_was_read_in_its_note(app_for, file_db):
    means_id = file_db.scalar("SELECT id FROM means WHERE text = 'Organiser une mini campagne de recrutement'")
    app = app_for("staff", "pages/plan/mises_a_jour.py")
    app.text_input(key="find.search").input("mini campagne de recrutement").run()
    assert app.selectbox(key="find.means").value == means_id
    app.text_area(key="update.note").input("Appel au 819 555-1234, puis 4 nouveaux membres inscrits")
    _button(app, "Enregistrer la mise à jour").click().run()
    assert not app.exception, app.exception
    assert [s.value for s in app.success if s.value.endswith("Quantité lue : 4 nouveaux membres")]
    history = next(f for f in tables(app) if "Quantité" in f.columns)
    assert history["Quantité"].tolist() == ["4"]  # as typed, not 4.00


def test_the_whole_plan_reads_as_the_document_with_the_orientations_in_place(app_for):
    app = app_for("board", "pages/plan/plan_action.py")
    # The browse view shows the orientations without opening anything.
    assert app.expander[0].proto.expanded
    app.session_state["plan.view"] = "document"
    app.run()
    assert not app.exception
    texts = [m.value for m in app.markdown]
    intro = next(i for i, v in enumerate(texts) if "principales stratégies suivantes" in v)
    assert "MOBILISER" in texts[intro + 1]  # right after "… suivantes :", before the following paragraphs
    following = next(i for i, v in enumerate(texts) if v.startswith("Suivant cette planification"))
    assert following > intro + 5
    tables = [v for v in texts if v.startswith("| N°")]
    assert len(tables) == 21 and sum(v.count("\n") - 1 for v in tables) == 55
    assert any("Avoir recruté au moins 10 nouveaux membres d’ici 2024" in v and "Progrès vers la cible" in v
               for v in tables)
    assert [b.label for b in app.get("download_button")] == ["Télécharger le plan (XLSX)"]


def test_a_recurring_items_page_lists_every_cycles_outcome(app_for, file_db):
    staff = make_user(file_db, "staff")
    means_id, axis = file_db.query_one(
        "SELECT m.id, ax.number FROM means m JOIN actions ac ON ac.id = m.action_id JOIN axes ax ON ax.id = ac.axis_id"
        " WHERE m.period_label = 'Annuellement au mois de janvier' ORDER BY m.id LIMIT 1")
    updates.record_update(file_db, staff, means_id, updates.UpdateInput("realise", 100, date(2022, 1, 10)))
    app = app_for("board", "pages/plan/plan_action.py")
    app.selectbox(key="plan.axis").set_value(axis).run()
    app.selectbox(key="plan.means").set_value(means_id).run()
    assert not app.exception
    assert any(h.value == "Chaque cycle" for h in app.subheader)
    cycles = next(f for f in tables(app) if "Résultat" in f.columns)
    assert "Réalisé à temps" in cycles["Résultat"].tolist() and "Manqué" in cycles["Résultat"].tolist()


def test_the_whole_plan_speaks_english(app_for, file_db):
    user = make_user(file_db, "board", "board-en-doc")
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT)
    sign_in_state(app, user)
    app.session_state["lang"] = "en"
    app.run()
    app.switch_page("pages/plan/plan_action.py")
    app.session_state["plan.view"] = "document"
    app.run()
    assert not app.exception
    tables = [m.value for m in app.markdown if m.value.startswith("| ")]
    assert tables and tables[0].startswith("| No. | Means | Period | Success indicator | Progress toward the target")
