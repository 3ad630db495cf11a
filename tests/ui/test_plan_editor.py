"""lib.ui.plan_editor alone (AppTest.from_function): the "Modifier le plan" screen and the
forms that set an item's schedule or target by hand, each save written to the database."""
from datetime import date

import pytest

from lib.plan import statuses, tracking, updates
from tests.conftest import make_user

COMMITTEE = "Mettre en place un comité de travail ouvert"


@pytest.fixture
def staff(file_db):
    return make_user(file_db, "staff")


def editor(username):
    """The plan editor of the current plan, as `username`, under the saved-message slot the page has."""
    from lib.accounts import users
    from lib.plan import items
    from lib.ui import plan_editor, plan_views, session

    db = session.get_db()
    plan_views.flash()
    plan_editor.render(db, users.get_user(db, username), items.current_plan_id(db), "tests")


def item_forms(username, means_id, overridden):
    """The schedule and target forms of one item, under the saved-message slot the page has."""
    from lib.accounts import users
    from lib.ui import plan_editor, plan_views, session

    db = session.get_db()
    plan_views.flash()
    user = users.get_user(db, username)
    plan_editor.schedule_form(db, user, means_id, overridden=overridden, sid="tests")
    plan_editor.target_form(db, user, means_id, overridden=overridden, sid="tests")


def button(app, label):
    return next(b for b in app.button if b.label == label)


def means_row(db, means_id):
    return db.query_one("SELECT text, period_label, indicator, responsible_label FROM means WHERE id = ?", [means_id])


def test_the_editor_opens_on_the_means_listing_every_one_and_prefilling_the_chosen_one(widget_app, file_db, staff):
    app = widget_app(editor, staff.username).run()
    assert not app.exception, app.exception
    assert app.button_group(key="editor.level").options == ["Axes", "Actions", "Moyens"]
    chooser = app.selectbox(key="means_edit.means")
    assert chooser.label == "Moyen à modifier"
    assert len(chooser.options) == 55
    assert chooser.options[0] == "1.1.1 Favoriser la participation et la contribution des membres du ROCSMO"
    fields = ("means_edit.text", "means_edit.period_label", "means_edit.indicator", "means_edit.responsible_label")
    shown = (app.text_area(key=fields[0]).value, app.text_input(key=fields[1]).value,
             app.text_area(key=fields[2]).value, app.text_input(key=fields[3]).value)
    assert shown == means_row(file_db, chooser.value)
    committee = file_db.scalar("SELECT id FROM means WHERE text = ?", [COMMITTEE])
    chooser.set_value(committee).run()  # another item: its values replace the first one's
    assert app.text_area(key="means_edit.text").value == COMMITTEE
    assert app.text_input(key="means_edit.period_label").value == "Avril 2021"
    assert [(w.label, w.form_id) for w in app.text_input if w.key.startswith("means_add.")] == [
        ("Période de réalisation", "means_add"), ("Responsables et partenaires", "means_add")]


def test_saving_a_means_writes_it_and_says_so(widget_app, file_db, staff):
    app = widget_app(editor, staff.username).run()
    means_id = app.selectbox(key="means_edit.means").value
    app.text_input(key="means_edit.responsible_label").input("DG + CA + membres")
    button(app, "Enregistrer le moyen").click().run()
    assert not app.exception, app.exception
    assert [s.value for s in app.success] == ["Moyen enregistré."]
    assert means_row(file_db, means_id)[3] == "DG + CA + membres"
    assert file_db.scalar("SELECT count(*) FROM audit_log WHERE actor = 'staff-test' AND entity_id = ?",
                          [str(means_id)]) == 1


def test_a_means_without_text_is_refused_in_french_and_what_was_typed_stays(widget_app, file_db, staff):
    app = widget_app(editor, staff.username).run()
    app.text_input(key="means_add.period_label").input("Automne 2027")
    button(app, "Ajouter le moyen").click().run()
    assert [e.value for e in app.error] == ["Le texte du moyen est obligatoire."]
    assert app.text_input(key="means_add.period_label").value == "Automne 2027"
    assert file_db.scalar("SELECT count(*) FROM means") == 55


def test_the_axis_level_edits_and_archives_axes(widget_app, file_db, staff):
    app = widget_app(editor, staff.username).run()
    app.button_group(key="editor.level").set_value("axis").run()
    assert not app.exception, app.exception
    chooser = app.selectbox(key="axis_edit.axis")
    assert len(chooser.options) == 6 and chooser.options[0] == "1. MOBILISATION"
    assert app.text_input(key="axis_edit.name").value == "MOBILISATION"
    assert [w.key for w in app.text_area] == ["axis_edit.objective", "axis_edit.objective_en", "axis_add.objective",
                                              "axis_add.objective_en"]  # no means form
    app.button(key="axis_edit.archive").click().run()
    assert [s.value for s in app.success] == ["Élément archivé."]
    assert file_db.scalar("SELECT archived_at IS NOT NULL FROM axes WHERE id = ?", [chooser.value]) is True
    assert app.selectbox(key="axis_edit.axis").options[0] == "1. MOBILISATION (archivé)"
    assert app.button(key="axis_edit.archive").label == "Rétablir"


def test_staff_add_an_axis_english_name_beside_the_french_one_and_it_is_saved_and_shown_again(
        widget_app, file_db, staff):
    app = widget_app(editor, staff.username).run()
    app.button_group(key="editor.level").set_value("axis").run()
    axis_id = app.selectbox(key="axis_edit.axis").value
    english = app.text_input(key="axis_edit.name_en")
    assert english.label == "Nom de l’axe — texte anglais (facultatif)" and english.value == ""
    english.input("  MOBILIZATION  ")
    app.text_area(key="axis_edit.objective_en").input("Mobilize members and partners")
    button(app, "Enregistrer l’axe").click().run()
    assert not app.exception, app.exception
    assert [s.value for s in app.success] == ["Axe enregistré."]
    assert file_db.query_one("SELECT name, name_en, objective_en FROM axes WHERE id = ?", [axis_id]) == (
        "MOBILISATION", "MOBILIZATION", "Mobilize members and partners")
    assert app.text_input(key="axis_edit.name_en").value == "MOBILIZATION"  # the form shows what is stored
    assert app.text_input(key="axis_edit.name").value == "MOBILISATION"
    app.text_input(key="axis_edit.name_en").input("")  # emptied: no English text any more (NULL)
    button(app, "Enregistrer l’axe").click().run()
    assert file_db.scalar("SELECT name_en FROM axes WHERE id = ?", [axis_id]) is None


def test_an_english_means_text_with_a_control_character_is_refused_and_kept_in_the_form(widget_app, file_db, staff):
    app = widget_app(editor, staff.username).run()
    means_id = app.selectbox(key="means_edit.means").value
    app.text_area(key="means_edit.text_en").input("Foster\x07 members' participation")
    button(app, "Enregistrer le moyen").click().run()
    assert [e.value for e in app.error] == [
        "Le texte du moyen en anglais : contient des caractères de contrôle non permis."]
    assert app.text_area(key="means_edit.text_en").value == "Foster\x07 members' participation"
    assert file_db.scalar("SELECT text_en FROM means WHERE id = ?", [means_id]) is None
    app.text_area(key="means_edit.text_en").input("Foster members' participation")
    button(app, "Enregistrer le moyen").click().run()
    assert file_db.scalar("SELECT text_en FROM means WHERE id = ?", [means_id]) == "Foster members' participation"


def test_the_schedule_form_sets_a_schedule_by_hand(widget_app, file_db, staff):
    means_id = file_db.scalar("SELECT id FROM means WHERE text = ?", [COMMITTEE])
    app = widget_app(item_forms, staff.username, means_id, False).run()
    assert not app.exception, app.exception
    kinds = app.selectbox(key="schedule.kind")
    assert kinds.options == list(statuses.SCHEDULE_KIND_LABELS_FR.values())
    assert [w.key for w in app.date_input] == ["schedule.due", "schedule.start", "target.deadline"]
    assert not [b for b in app.button if b.key == "schedule.clear"]  # nothing set by hand yet
    kinds.set_value("once")
    app.date_input(key="schedule.due").set_value(date(2026, 6, 30))
    button(app, "Enregistrer l’échéancier").click().run()
    assert [s.value for s in app.success] == ["Échéancier enregistré."]
    override = tracking.list_overrides(file_db).set_index("means_id").loc[means_id, "schedule_override"]
    assert '"2026-06-30"' in override


def test_going_back_to_the_plans_period_clears_the_hand_set_schedule(widget_app, file_db, staff):
    means_id = file_db.scalar("SELECT id FROM means WHERE text = ?", [COMMITTEE])
    updates.set_schedule_override(file_db, staff, means_id, "monthly")
    app = widget_app(item_forms, staff.username, means_id, True).run()
    app.button(key="schedule.clear").click().run()
    assert [s.value for s in app.success] == ["L’échéancier est de nouveau lu dans la période du plan."]
    assert file_db.scalar("SELECT schedule_override FROM means_tracking WHERE means_id = ?", [means_id]) is None


def test_the_target_form_refuses_a_frequency_without_a_quantity_in_french(widget_app, file_db, staff):
    means_id = file_db.scalar("SELECT id FROM means WHERE text = ?", [COMMITTEE])
    app = widget_app(item_forms, staff.username, means_id, False).run()
    assert app.selectbox(key="target.per").options == ["—", "par année", "par mois", "par semaine"]
    app.selectbox(key="target.kind").set_value("frequency")
    button(app, "Enregistrer la cible").click().run()
    assert [e.value for e in app.error] == ["Veuillez corriger ce qui suit :\n"
                                            "- La quantité visée doit être un nombre entier positif.\n"
                                            "- Choisissez la période (par année, par mois ou par semaine)."]
    assert file_db.scalar("SELECT count(*) FROM means_tracking WHERE target_override IS NOT NULL") == 0
    app.number_input(key="target.quantity").set_value(6.0)
    app.text_input(key="target.unit").input("rencontres")
    app.selectbox(key="target.per").set_value("year")
    button(app, "Enregistrer la cible").click().run()
    assert [s.value for s in app.success] == ["Cible enregistrée."]
    assert file_db.scalar("SELECT target_override FROM means_tracking WHERE means_id = ?", [means_id])
