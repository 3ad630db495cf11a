"""Staff edit the plan: add, edit, archive and restore; nothing with updates is deleted; all audited."""
from datetime import date

import pytest

from lib.plan import items, tracking, updates
from tests.conftest import make_user


@pytest.fixture
def staff(db):
    return make_user(db, "staff")


def _audit_actions(db):
    return [r[0] for r in db.query("SELECT action FROM audit_log WHERE action LIKE 'plan.%' ORDER BY id")]


def test_staff_add_an_axis_an_action_and_a_means_with_parsed_parties(db, staff):
    plan_id = items.current_plan_id(db)
    axis_id = items.add_axis(db, staff, plan_id, "  Philanthropie ", "Diversifier le financement")
    action_id = items.add_action(db, staff, axis_id, "Approcher les fondations")
    means_id = items.add_means(db, staff, action_id, "Dresser la liste des fondations", "Automne 2027",
                              "Avoir approché au moins 5 fondations", "DG + CA + membres")
    rows = items.list_plan_items(db, plan_id).set_index("means_id")
    row = rows.loc[means_id]
    assert (row["axis_number"], row["axis_name"], row["action_position"]) == (7, "Philanthropie", 1)
    assert list(row["parties"]) == sorted(["DG", "CA", "Membres"])
    assert _audit_actions(db) == ["plan.axis.add", "plan.action.add", "plan.means.add"]
    assert db.scalar("SELECT created_by FROM means WHERE id = ?", [means_id]) == "staff-test"


def test_editing_a_means_reparses_its_parties_and_audits_before_and_after(db, staff):
    means_id = db.scalar("SELECT id FROM means WHERE responsible_label = 'DG' ORDER BY id LIMIT 1")
    items.update_means(db, staff, means_id, "Nouveau texte", "Mensuellement", "Une infolettre par mois",
                      "DG + stagiaires")
    parties = [r[0] for r in db.query("SELECT party FROM means_parties WHERE means_id = ? ORDER BY party", [means_id])]
    assert parties == ["DG", "Stagiaire"]
    details = db.scalar("SELECT details FROM audit_log WHERE action = 'plan.means.edit'")
    assert '"before"' in details and '"responsible_label": "DG"' in details and "DG + stagiaires" in details
    assert db.scalar("SELECT updated_by FROM means WHERE id = ?", [means_id]) == "staff-test"


def test_a_means_needs_a_text_and_errors_are_french(db, staff):
    means_id = db.scalar("SELECT min(id) FROM means")
    with pytest.raises(items.PlanError) as error:
        items.update_means(db, staff, means_id, "   ", "", "", "")
    assert error.value.messages == ["Le texte du moyen est obligatoire."]
    with pytest.raises(items.PlanError, match="Le nom de l’axe est obligatoire"):
        items.add_axis(db, staff, items.current_plan_id(db), "")


def test_archiving_hides_an_axis_and_its_items_and_restoring_brings_them_back(db, staff):
    plan_id = items.current_plan_id(db)
    axis_id = db.scalar("SELECT id FROM axes WHERE number = 2")
    items.set_archived(db, staff, "axis", axis_id, True)
    assert 2 not in set(items.list_plan_items(db, plan_id)["axis_number"])
    assert len(items.list_plan_items(db, plan_id, include_archived=True)) == 55
    assert 2 not in set(tracking.plan_status(db, plan_id, date(2026, 1, 1))["axis_number"])
    items.set_archived(db, staff, "axis", axis_id, False)
    assert len(items.list_plan_items(db, plan_id)) == 55
    assert _audit_actions(db) == ["plan.axis.archive", "plan.axis.restore"]


def test_a_means_with_updates_is_never_deleted(db, staff):
    means_id = db.scalar("SELECT min(id) FROM means")
    updates.record_update(db, staff, means_id, updates.UpdateInput("en_cours", 10, date(2026, 1, 5)),
                           today=date(2026, 2, 1))
    with pytest.raises(items.PlanError, match="Archivez-le"):
        items.delete_means(db, staff, means_id)
    assert db.scalar("SELECT count(*) FROM means WHERE id = ?", [means_id]) == 1


def test_a_means_without_updates_can_be_deleted(db, staff):
    action_id = db.scalar("SELECT min(id) FROM actions")
    means_id = items.add_means(db, staff, action_id, "Saisi par erreur", responsible_label="DG")
    items.delete_means(db, staff, means_id)
    assert db.scalar("SELECT count(*) FROM means WHERE id = ?", [means_id]) == 0
    assert db.scalar("SELECT count(*) FROM means_parties WHERE means_id = ?", [means_id]) == 0
    assert "plan.means.delete" in _audit_actions(db)


@pytest.mark.parametrize("role", ["board", "ambassador"])
def test_readers_cannot_edit_the_plan_even_by_calling_lib_directly(db, role):
    reader = make_user(db, role)
    plan_id = items.current_plan_id(db)
    axis_id = db.scalar("SELECT min(id) FROM axes")
    action_id = db.scalar("SELECT min(id) FROM actions")
    means_id = db.scalar("SELECT min(id) FROM means")
    calls = [
        lambda: items.add_axis(db, reader, plan_id, "X"),
        lambda: items.update_axis(db, reader, axis_id, "X"),
        lambda: items.add_action(db, reader, axis_id, "X"),
        lambda: items.update_action(db, reader, action_id, "X"),
        lambda: items.add_means(db, reader, action_id, "X"),
        lambda: items.update_means(db, reader, means_id, "X", "", "", ""),
        lambda: items.set_archived(db, reader, "means", means_id, True),
        lambda: items.delete_means(db, reader, means_id),
    ]
    for call in calls:
        with pytest.raises(PermissionError):
            call()
    assert _audit_actions(db) == []


def test_an_inactive_staff_account_cannot_write(db, staff):
    from dataclasses import replace

    with pytest.raises(PermissionError):
        items.add_axis(db, replace(staff, is_active=False), items.current_plan_id(db), "X")


def test_list_actions_flags_archived_ones(db, staff):
    plan_id = items.current_plan_id(db)
    action_id = db.scalar("SELECT min(id) FROM actions")
    items.set_archived(db, staff, "action", action_id, True)
    assert action_id not in set(items.list_actions(db, plan_id)["id"])
    assert items.list_actions(db, plan_id, include_archived=True).set_index("id").loc[action_id, "archived"]


def test_a_save_that_changes_nothing_is_not_journaled(db):
    from lib.plan import items as plan_items
    from tests.conftest import make_user

    staff = make_user(db, "staff", "staff-unchanged")
    row = db.query_one("SELECT id, text, period_label, indicator, responsible_label FROM means ORDER BY id LIMIT 1")
    edits = "SELECT count(*) FROM audit_log WHERE action = 'plan.means.edit'"
    assert plan_items.update_means(db, staff, row[0], *row[1:]) is False
    assert db.scalar(edits) == 0
    assert plan_items.update_means(db, staff, row[0], row[1] + " (revu)", *row[2:]) is True
    assert db.scalar(edits) == 1
    axis = db.query_one("SELECT id, name, objective FROM axes ORDER BY id LIMIT 1")
    assert plan_items.update_axis(db, staff, *axis) is False
    action = db.query_one("SELECT id, title FROM actions ORDER BY id LIMIT 1")
    assert plan_items.update_action(db, staff, *action) is False
    assert db.scalar("SELECT count(*) FROM audit_log WHERE action IN ('plan.axis.edit', 'plan.action.edit')") == 0


# --------------------------------------------------------------------------- English texts

def test_english_texts_are_stored_beside_the_french_ones_and_blank_is_none(db, staff):
    plan_id = items.current_plan_id(db)
    axis_id = items.add_axis(db, staff, plan_id, "Philanthropie", "Diversifier le financement",
                             name_en="  Philanthropy ", objective_en="")
    action_id = items.add_action(db, staff, axis_id, "Approcher les fondations", title_en="Approach foundations")
    means_id = items.add_means(db, staff, action_id, "Dresser la liste des fondations", text_en="List foundations")
    assert db.query_one("SELECT name, name_en, objective_en FROM axes WHERE id = ?", [axis_id]) == (
        "Philanthropie", "Philanthropy", None)
    assert db.scalar("SELECT title_en FROM actions WHERE id = ?", [action_id]) == "Approach foundations"
    assert db.scalar("SELECT text_en FROM means WHERE id = ?", [means_id]) == "List foundations"
    added = db.scalar("SELECT details FROM audit_log WHERE action = 'plan.axis.add'")
    assert '"name_en": "Philanthropy"' in added and "objective_en" not in added


def test_an_update_without_english_keeps_it_and_a_blank_one_removes_it(db, staff):
    axis_id = db.scalar("SELECT id FROM axes WHERE number = 1")
    assert items.update_axis(db, staff, axis_id, "MOBILISATION", db.scalar(
        "SELECT objective FROM axes WHERE id = ?", [axis_id]), name_en="MOBILIZATION") is True
    details = db.scalar("SELECT details FROM audit_log WHERE action = 'plan.axis.edit'")
    assert '"name_en": null' in details and '"name_en": "MOBILIZATION"' in details
    objective = db.scalar("SELECT objective FROM axes WHERE id = ?", [axis_id])
    items.update_axis(db, staff, axis_id, "MOBILISATION (révisé)", objective)  # English not given: kept
    assert db.scalar("SELECT name_en FROM axes WHERE id = ?", [axis_id]) == "MOBILIZATION"
    assert items.update_axis(db, staff, axis_id, "MOBILISATION (révisé)", objective, name_en="MOBILIZATION") is False
    items.update_axis(db, staff, axis_id, "MOBILISATION (révisé)", objective, name_en="   ")
    assert db.scalar("SELECT name_en FROM axes WHERE id = ?", [axis_id]) is None
    means_id = db.scalar("SELECT min(id) FROM means")
    row = db.query_one("SELECT text, period_label, indicator, responsible_label FROM means WHERE id = ?", [means_id])
    assert items.update_means(db, staff, means_id, *row, text_en="Foster participation") is True
    assert items.update_means(db, staff, means_id, *row) is False  # nothing given, nothing changed
    edit = db.scalar("SELECT details FROM audit_log WHERE action = 'plan.means.edit'")
    assert '"text_en": "Foster participation"' in edit
    action_id = db.scalar("SELECT min(id) FROM actions")
    title = db.scalar("SELECT title FROM actions WHERE id = ?", [action_id])
    assert items.update_action(db, staff, action_id, title, title_en="Involve members") is True
    assert db.scalar("SELECT title_en FROM actions WHERE id = ?", [action_id]) == "Involve members"


def test_english_texts_are_validated_as_the_french_ones_are(db, staff):
    axis_id = db.scalar("SELECT id FROM axes WHERE number = 1")
    with pytest.raises(items.PlanError) as error:
        items.update_axis(db, staff, axis_id, "MOBILISATION", "", name_en="MOBILI\x07ZATION",
                          objective_en="x" * (items.TEXT_MAX_CHARS + 1))
    assert error.value.messages == [
        "Le nom de l’axe en anglais : contient des caractères de contrôle non permis.",
        f"L’objectif en anglais dépasse {items.TEXT_MAX_CHARS} caractères."]
    with pytest.raises(items.PlanError, match="Le titre de l’action en anglais dépasse 500 caractères"):
        items.add_action(db, staff, axis_id, "Titre", title_en="y" * 501)
    means_id = db.scalar("SELECT min(id) FROM means")
    with pytest.raises(items.PlanError, match="Le texte du moyen en anglais : contient des caractères de contrôle"):
        items.update_means(db, staff, means_id, "Texte", "", "", "", text_en="Text\x00")
    assert db.scalar("SELECT count(*) FROM axes WHERE name_en IS NOT NULL") == 0  # nothing written


def test_english_screens_read_the_english_texts_and_french_ones_never_do(db, staff):
    plan_id = items.current_plan_id(db)
    axis_id = db.scalar("SELECT id FROM axes WHERE number = 1")
    objective = db.scalar("SELECT objective FROM axes WHERE id = ?", [axis_id])
    items.update_axis(db, staff, axis_id, "MOBILISATION", objective, name_en="MOBILIZATION")
    means_id = db.scalar("SELECT min(m.id) FROM means m JOIN actions a ON a.id = m.action_id WHERE a.axis_id = ?",
                         [axis_id])
    row = db.query_one("SELECT text, period_label, indicator, responsible_label FROM means WHERE id = ?", [means_id])
    items.update_means(db, staff, means_id, *row, text_en="Foster members' participation")
    french = items.list_plan_items(db, plan_id).set_index("means_id")
    english = items.list_plan_items(db, plan_id, lang="en").set_index("means_id")
    assert set(french["axis_name"]) >= {"MOBILISATION"} and "MOBILIZATION" not in set(french["axis_name"])
    assert english.loc[means_id, "axis_name"] == "MOBILIZATION"
    assert english.loc[means_id, "text"] == "Foster members' participation"
    assert english.loc[means_id, "text_fr"] == french.loc[means_id, "text"] == row[0]
    assert english.loc[means_id, "objective"] == objective  # no English objective: the French one
    other = db.scalar("SELECT id FROM means WHERE id <> ? ORDER BY id LIMIT 1", [means_id])
    assert english.loc[other, "text"] == french.loc[other, "text"]  # no English text: the French one
    assert items.list_axes(db, plan_id, lang="en").set_index("id").loc[axis_id, "name"] == "MOBILIZATION"
    assert items.list_axes(db, plan_id).set_index("id").loc[axis_id, ["name", "name_en"]].tolist() == [
        "MOBILISATION", "MOBILIZATION"]


def test_an_english_means_text_changes_what_is_shown_never_how_the_item_is_assessed(db, staff):
    plan_id = items.current_plan_id(db)
    before = tracking.plan_status(db, plan_id, date(2026, 6, 1))
    for means_id, text, period, indicator, responsible in db.query(
            "SELECT id, text, period_label, indicator, responsible_label FROM means"):
        items.update_means(db, staff, means_id, text, period, indicator, responsible, text_en=f"Item {means_id}")
    after = tracking.plan_status(db, plan_id, date(2026, 6, 1), "en")
    assert list(after["text"]) == [f"Item {m}" for m in after["means_id"]]
    columns = ["means_id", "schedule_kind", "status", "due", "next_due", "late", "target_kind", "target_fr"]
    assert after[columns].astype(str).equals(before[columns].astype(str))
