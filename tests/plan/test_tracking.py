"""Updates of plan items: validation, append-only history, corrections, permissions, overrides."""
from datetime import date, datetime

import pandas as pd
import pytest

from lib.core import audit
from lib.core.settings import Settings
from lib.plan import assessment, indicators, items, statuses, tracking, updates
from tests.conftest import make_user

TODAY = date(2026, 11, 23)


def _means_id(db, period_label: str) -> int:
    return db.scalar("SELECT id FROM means WHERE period_label = ? ORDER BY id LIMIT 1", [period_label])


def _update(status="en_cours", progress=50, work_date=date(2026, 11, 1), **extra) -> updates.UpdateInput:
    return updates.UpdateInput(status, progress, work_date, **extra)


@pytest.fixture
def staff(db):
    return make_user(db, "staff")


@pytest.fixture
def board(db):
    return make_user(db, "board")


def _status_of(db, means_id: int, as_of: date = TODAY) -> pd.Series:
    status = tracking.plan_status(db, items.current_plan_id(db), as_of)
    return status.set_index("means_id").loc[means_id]


# --------------------------------------------------------------------------- validation

def test_a_complete_update_is_valid():
    update = _update(note="ok", quantity=2, evidence_url="https://exemple.org/pv.pdf")
    assert updates.validate_update(update, TODAY) == []


@pytest.mark.parametrize("progress", [101, -1, 12.5, None])
def test_update_is_rejected_when_progress_is_not_a_whole_percentage(progress):
    errors = updates.validate_update(_update(progress=progress), TODAY)
    assert len(errors) == 1 and "avancement" in errors[0].lower()


def test_update_is_rejected_when_work_date_is_in_the_future_or_missing():
    assert updates.validate_update(_update(work_date=date(2026, 11, 24)), TODAY) == [
        "La date du travail ne peut pas être dans le futur."]
    assert updates.validate_update(_update(work_date=None), TODAY) == ["Indiquez la date du travail."]


def test_update_is_rejected_with_an_unknown_status_or_negative_quantity():
    errors = updates.validate_update(_update(status="fini", quantity=-1), TODAY)
    assert errors == ["Choisissez un statut.", "La quantité ne peut pas être négative."]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://exemple.org/x", "exemple.org/x", "https://",
                                 "https://exemple org/x", "http://localhost"])
def test_evidence_link_must_be_an_http_or_https_address(url):
    assert updates.validate_evidence_url(url) is not None


@pytest.mark.parametrize("url", ["", "https://exemple.org", "http://www.rocsmo.org/pv?id=3#p2"])
def test_evidence_link_accepts_web_addresses_and_nothing(url):
    assert updates.validate_evidence_url(url) is None


# --------------------------------------------------------------------------- recording

def test_recording_an_update_appends_history_with_who_and_an_audit_row(db, staff):
    means_id = _means_id(db, "Avril 2021")
    update_id = updates.record_update(db, staff, means_id,
                                       _update("realise", 100, date(2021, 4, 20), note="Comité formé"), today=TODAY)
    history = updates.list_updates(db, means_id=means_id)
    assert list(history["update_id"]) == [update_id]
    row = history.iloc[0]
    assert (row["status"], row["progress"], row["recorded_by"], row["note"]) == (
        "realise", 100, "staff-test", "Comité formé")
    assert row["recorded_by_name"] == "Test staff"
    assert row["cycle_label"] == "avril 2021"
    audit = db.query("SELECT actor, action, entity_id FROM audit_log WHERE action LIKE 'plan.update%'")
    assert audit == [("staff-test", "plan.update.record", str(means_id))]
    assert _status_of(db, means_id)["status"] == "realise"


def test_a_correction_is_a_new_entry_and_the_corrected_one_stops_counting(db, staff):
    means_id = _means_id(db, "Avril 2021")
    wrong = updates.record_update(db, staff, means_id, _update("realise", 100, date(2021, 4, 20)), today=TODAY)
    fixed = updates.record_update(db, staff, means_id, _update("en_cours", 40, date(2021, 4, 20), corrects_id=wrong),
                                   today=TODAY)
    history = updates.list_updates(db, means_id=means_id).set_index("update_id")
    assert set(history.index) == {wrong, fixed}  # nothing was changed or removed
    assert history.loc[wrong, "corrected_by_id"] == fixed
    assert history.loc[fixed, "corrects_id"] == wrong
    status = _status_of(db, means_id)
    assert status["status"] == "en_cours" and status["late"]
    assert db.scalar("SELECT count(*) FROM audit_log WHERE action = 'plan.update.correct'") == 1


def test_a_correction_must_point_to_an_update_of_the_same_item(db, staff):
    first, second = [r[0] for r in db.query("SELECT id FROM means ORDER BY id LIMIT 2")]
    other = updates.record_update(db, staff, first, _update(), today=TODAY)
    with pytest.raises(updates.TrackingError, match="n’appartient pas"):
        updates.record_update(db, staff, second, _update(corrects_id=other), today=TODAY)
    assert db.scalar("SELECT count(*) FROM means_updates") == 1


def test_invalid_update_raises_french_messages_and_writes_nothing(db, staff):
    with pytest.raises(updates.TrackingError) as error:
        updates.record_update(db, staff, _means_id(db, "En continu"), _update(progress=150, evidence_url="www.x"),
                               today=TODAY)
    assert len(error.value.messages) == 2
    assert db.scalar("SELECT count(*) FROM means_updates") == 0
    assert db.scalar("SELECT count(*) FROM audit_log WHERE action LIKE 'plan.update%'") == 0


def test_an_archived_item_takes_no_update(db, staff):
    means_id = _means_id(db, "En continu")
    items.set_archived(db, staff, "means", means_id, True)
    with pytest.raises(updates.TrackingError, match="archivé"):
        updates.record_update(db, staff, means_id, _update(), today=TODAY)


@pytest.mark.parametrize("role", ["board", "ambassador"])
def test_only_staff_and_admin_can_write_tracking(db, role):
    reader = make_user(db, role)
    means_id = _means_id(db, "En continu")
    with pytest.raises(PermissionError):
        updates.record_update(db, reader, means_id, _update(), today=TODAY)
    with pytest.raises(PermissionError):
        updates.set_schedule_override(db, reader, means_id, "monthly")
    with pytest.raises(PermissionError):
        updates.clear_schedule_override(db, reader, means_id)
    with pytest.raises(PermissionError):
        updates.set_target_override(db, reader, means_id, "count_by", quantity=3, deadline=date(2027, 1, 1))
    with pytest.raises(PermissionError):
        updates.clear_target_override(db, reader, means_id)
    assert db.scalar("SELECT count(*) FROM means_updates") == 0
    assert db.scalar("SELECT count(*) FROM means_tracking") == 0


def test_an_admin_can_write_and_a_signed_out_caller_cannot(db):
    admin = make_user(db, "admin")
    updates.record_update(db, admin, _means_id(db, "En continu"), _update(), today=TODAY)
    with pytest.raises(PermissionError):
        updates.record_update(db, None, _means_id(db, "En continu"), _update(), today=TODAY)


# --------------------------------------------------------------------------- schedules, cycles, lateness

def test_a_yearly_item_needs_a_done_update_in_each_cycle(db, staff):
    means_id = _means_id(db, "Annuellement au mois de janvier")
    updates.record_update(db, staff, means_id, _update("realise", 100, date(2026, 1, 20)), today=TODAY)
    in_2026 = _status_of(db, means_id, date(2026, 6, 1))
    assert (in_2026["late"], in_2026["status"], in_2026["next_due"]) == (False, "a_venir", date(2027, 1, 31))
    assert in_2026["on_track"]
    # January 2026's update does not settle January 2027.
    in_2027 = _status_of(db, means_id, date(2027, 2, 15))
    assert in_2027["late"] and not in_2027["on_track"]
    assert "janvier 2027" in in_2027["late_reason_fr"]


def test_a_continuous_item_is_late_after_the_configured_silence(db, staff):
    means_id = _means_id(db, "En continu")
    updates.record_update(db, staff, means_id, _update("en_cours", 30, date(2026, 8, 1)), today=TODAY)
    assert not _status_of(db, means_id, date(2026, 10, 30))["late"]
    assert _status_of(db, means_id, date(2026, 10, 31))["late"]
    db.transaction(lambda cur: cur.execute("UPDATE settings SET value = '120' WHERE key = 'continuous_late_days'"))
    assert not _status_of(db, means_id, date(2026, 10, 31))["late"]


def test_updates_after_the_as_of_date_are_ignored(db, staff):
    means_id = _means_id(db, "Avril 2021")
    updates.record_update(db, staff, means_id, _update("realise", 100, date(2021, 4, 20)), today=TODAY)
    assert _status_of(db, means_id, date(2021, 4, 19))["status"] == "a_venir"
    assert _status_of(db, means_id, date(2021, 4, 20))["status"] == "realise"


def test_staff_set_a_schedule_by_hand_and_the_label_is_kept(db, staff):
    means_id = _means_id(db, "En continu")
    db.transaction(lambda cur: cur.execute("UPDATE means SET period_label = 'Quand le vent tourne' WHERE id = ?",
                                           [means_id]))
    before = _status_of(db, means_id)
    assert before["schedule_kind"] == "unknown" and not before["schedule_readable"] and not before["late"]
    updates.set_schedule_override(db, staff, means_id, "once", due=date(2026, 3, 31))
    after = _status_of(db, means_id)
    assert after["schedule_overridden"] and after["schedule_kind"] == "once" and after["late"]
    assert after["period_label"] == "Quand le vent tourne"
    assert db.scalar("SELECT count(*) FROM audit_log WHERE action = 'plan.schedule.set'") == 1
    updates.clear_schedule_override(db, staff, means_id)
    assert _status_of(db, means_id)["schedule_kind"] == "unknown"


def test_a_hand_set_schedule_must_fit_its_kind(db, staff):
    with pytest.raises(updates.TrackingError, match="date d’échéance"):
        updates.set_schedule_override(db, staff, _means_id(db, "En continu"), "once")


def test_staff_correct_an_indicator_target_and_progress_follows_quantities(db, staff):
    means_id = _means_id(db, "En continu")
    updates.set_target_override(db, staff, means_id, "count_by", quantity=5, deadline=date(2026, 12, 31),
                                 unit_fr="partenaires")
    updates.record_update(db, staff, means_id, _update(note="2 partenaires rencontrés", work_date=date(2026, 2, 1)),
                           today=TODAY)
    updates.record_update(db, staff, means_id, _update(quantity=1, work_date=date(2026, 3, 1)), today=TODAY)
    item = _status_of(db, means_id)
    assert item["target_overridden"] and item["target_kind"] == "count_by"
    assert item["target_ratio"] == pytest.approx(3 / 5)
    assert item["target_progress_fr"].startswith("3 / 5 partenaires")
    assert item["indicator"] == "Avoir une bonne vie associative et des membres qui participent"


def test_an_invalid_target_is_refused_in_french(db, staff):
    with pytest.raises(updates.TrackingError) as error:
        updates.set_target_override(db, staff, _means_id(db, "En continu"), "frequency", quantity=0)
    assert error.value.messages == ["La quantité visée doit être un nombre entier positif.",
                                    "Choisissez la période (par année, par mois ou par semaine)."]


def test_the_seeded_indicators_give_typed_targets(db):
    status = tracking.plan_status(db, items.current_plan_id(db), TODAY).set_index("text")
    assert status.loc["Mettre en place une Table des directeurs.trices.", "target_fr"] == \
        "Au moins 4 rencontres par année"
    assert status.loc["Organiser une mini campagne de recrutement", "target_kind"] == "count_by"


def test_every_seeded_period_label_is_read(db):
    status = tracking.plan_status(db, items.current_plan_id(db), TODAY)
    assert status["schedule_readable"].all()
    assert len(status) == 55


# --------------------------------------------------------------------------- the on-track definition

@pytest.mark.parametrize("status, late, expected", [
    ("realise", False, True), ("realise", True, True), ("en_cours", False, True), ("a_venir", False, True),
    ("en_cours", True, False), ("reporte", False, False), ("a_venir", True, False),
])
def test_on_track_means_done_or_neither_late_nor_postponed(status, late, expected):
    assert statuses.counts_as_on_track(status, late) is expected


def test_abandoned_items_are_not_counted(db, staff):
    means_id = _means_id(db, "Avril 2021")
    updates.record_update(db, staff, means_id, _update("abandonne", 0, date(2021, 3, 1)), today=TODAY)
    item = _status_of(db, means_id)
    assert not item["counted"] and not item["on_track"] and not item["late"]


def test_effective_quantity_prefers_the_typed_one():
    assert indicators.effective_quantity(3.0, "2 nouveaux membres") == 3.0
    assert indicators.effective_quantity(None, "2 nouveaux membres") == 2
    assert indicators.effective_quantity(float("nan"), "rien de neuf") is None


def test_data_version_moves_with_every_write(db, staff):
    before = audit.data_version(db)
    updates.record_update(db, staff, _means_id(db, "En continu"), _update(), today=TODAY)
    assert audit.data_version(db) > before


def test_assess_items_is_pure_over_frames():
    items = pd.DataFrame([{"axis_id": 1, "axis_number": 1, "axis_name": "A", "objective": "", "action_id": 1,
                           "action_position": 1, "action_title": "Act", "means_id": 7, "means_position": 1,
                           "text": "Infolettre", "period_label": "Mensuellement", "indicator": "",
                           "responsible_label": "DG",
                           "parties": ["DG"], "archived": False}])
    updates = pd.DataFrame([{"update_id": 1, "means_id": 7, "status": "realise", "progress": 100,
                             "work_date": date(2026, 10, 15), "cycle_label": "", "note": "", "quantity": None,
                             "evidence_url": "", "corrects_id": None, "recorded_at": datetime(2026, 10, 15, 12),
                             "recorded_by": "x", "recorded_by_name": "X", "corrected_by_id": None}])
    overrides = pd.DataFrame(columns=["means_id", "schedule_override", "target_override"])
    result = assessment.assess_items(items, updates, overrides, Settings(), date(2026, 11, 10))
    row = result.iloc[0]
    assert (row["status"], row["late"], row["progress"], row["cycle_label"]) == ("a_venir", False, 0, "novembre 2026")
    late = assessment.assess_items(items, updates, overrides, Settings(), date(2026, 12, 10)).iloc[0]
    assert late["late"] and "novembre 2026" in late["late_reason_fr"]
