"""The board's figures: per-axis progress, statuses, late and coming items, load, latest updates."""
from datetime import date

import pytest

from lib.plan import items, overview, tracking, updates
from tests.conftest import make_user

TODAY = date(2026, 11, 23)


@pytest.fixture
def staff(db):
    return make_user(db, "staff")


def _status(db, as_of=TODAY):
    return tracking.plan_status(db, items.current_plan_id(db), as_of)


def _record(db, user, text, status, work_date, progress=100, note=""):
    means_id = db.scalar("SELECT id FROM means WHERE text = ?", [text])
    updates.record_update(db, user, means_id, updates.UpdateInput(status, progress, work_date, note), today=TODAY)
    return means_id


def test_axis_progress_counts_done_or_on_track_items_per_axis(db, staff):
    _record(db, staff, "Mettre en place un comité de travail ouvert", "realise", date(2021, 4, 20))
    _record(db, staff, "Préparer une trousse d’accueil des nouveaux membres", "abandonne", date(2021, 9, 1), 0)
    table = overview.axis_progress(_status(db)).set_index("Axe")
    first = table.loc["1. MOBILISATION"]
    # Axis 1 has 12 means: one abandoned (not counted); the event-driven one and the done one are on track.
    assert (first["Moyens"], first["Comptés"], first["Réalisés ou en bonne voie"]) == (12, 11, 2)
    assert first["Avancement"] == pytest.approx(2 / 11)
    assert list(table.index) == ["1. MOBILISATION", "2. FORMATION", "3. REPRÉSENTATION",
                                 "4. COMMUNICATION ET PROMOTION", "5. SOUTIEN AUX MEMBRES",
                                 "6. GESTION ET GOUVERNANCE"]


def test_overall_progress_uses_the_same_definition(db):
    status = _status(db)
    assert overview.overall_progress(status) == pytest.approx(status["on_track"].sum() / status["counted"].sum())
    assert overview.overall_progress(status.iloc[0:0]) is None


def test_status_breakdown_has_one_column_per_status_and_sums_to_the_items(db, staff):
    _record(db, staff, "Mettre en place un comité de travail ouvert", "realise", date(2021, 4, 20))
    table = overview.status_breakdown(_status(db))
    assert list(table.columns) == ["Axe", "À venir", "En cours", "Réalisé", "Reporté", "Abandonné", "En retard"]
    assert table[["À venir", "En cours", "Réalisé", "Reporté", "Abandonné"]].to_numpy().sum() == 55
    assert table.set_index("Axe").loc["1. MOBILISATION", "Réalisé"] == 1


def test_late_items_say_why_and_due_soon_lists_the_next_60_days(db, staff):
    for text in ("Favoriser la participation et la contribution des membres du ROCSMO",
                 "Assurer des communications constantes avec les membres"):
        _record(db, staff, text, "en_cours", date(2026, 10, 1), 40)
    status = _status(db)
    late = overview.late_items(status)
    assert len(late) == status["late"].sum() > 0
    assert all(late["Pourquoi"].str.len() > 0)
    soon = overview.due_soon(status, TODAY)
    assert set(soon["Moyen"]) >= {"Favoriser la participation et la contribution des membres du ROCSMO"}
    assert all(TODAY <= d <= date(2027, 1, 22) for d in soon["Échéance"])
    assert not set(soon["id"]) & set(late["id"])


def test_party_load_counts_items_carried_and_late_per_party(db):
    status = _status(db)
    load = overview.party_load(status).set_index("Responsable")
    assert load.loc["DG", "Moyens portés"] == sum("DG" in list(p) for p in status["parties"])
    assert load.loc["DG", "En retard"] <= load.loc["DG", "Moyens portés"]
    assert "(non précisé)" in load.index  # "Identifier les meilleures stratégies" names nobody
    assert load.iloc[0]["Moyens portés"] == load["Moyens portés"].max()


def test_latest_updates_and_item_history_show_who_and_what(db, staff):
    means_id = _record(db, staff, "Mettre en place un comité de travail ouvert", "en_cours", date(2021, 4, 2), 30,
                       "Appel lancé")
    _record(db, staff, "Mettre en place un comité de travail ouvert", "realise", date(2021, 4, 20), 100,
            "3 membres inscrits")
    recorded = updates.list_updates(db, plan_id=items.current_plan_id(db))
    latest = overview.latest_updates(recorded, _status(db))
    assert list(latest["Statut"]) == ["Réalisé", "En cours"]
    assert list(latest["Par"]) == ["Test staff", "Test staff"]
    history = overview.item_history(updates.list_updates(db, means_id=means_id))
    assert list(history["Note"]) == ["3 membres inscrits", "Appel lancé"]
    assert list(history["Quantité"])[0] == 3


def test_filter_items_by_words_ignoring_accents_and_by_filters(db):
    status = _status(db)
    assert set(overview.filter_items(status, search="ELUS strategie")["text"]) == {
        "Développer une stratégie auprès des différents élus"}
    assert set(overview.filter_items(status, axes=[2])["axis_number"]) == {2}
    trésorière = overview.filter_items(status, parties=["Trésorière"])
    assert len(trésorière) == 3
    assert overview.filter_items(status, late_only=True)["late"].all()
    assert overview.filter_items(status, statuses=["realise"]).empty


def test_deadline_of_a_late_one_off_is_its_passed_due_date(db):
    row = _status(db).set_index("text").loc["Mettre en place un comité de travail ouvert"]
    assert row["next_due"] is None and overview.deadline_of(row) == date(2021, 4, 30)
