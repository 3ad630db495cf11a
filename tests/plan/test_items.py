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
