"""Targets judged at their deadline, and every cycle's outcome (issue 13, items 1 and 2)."""
from datetime import date

import pytest

from lib.plan import cycles, items, overview, tracking, updates
from lib.plan.assessment import UpdateFact
from lib.plan.schedule import parse_period
from tests.conftest import make_user

RECRUIT = "Avoir recruté au moins 10 nouveaux membres d’ici 2024"


@pytest.fixture
def staff(db):
    return make_user(db, "staff")


def _recruit(db, staff, work_date, quantity):
    means_id = db.scalar("SELECT id FROM means WHERE indicator = ?", [RECRUIT])
    updates.record_update(db, staff, means_id, updates.UpdateInput("en_cours", 50, work_date,
                                                                   note="recrutement", quantity=quantity),
                          today=date(2026, 12, 4))
    return means_id


def test_the_seed_recruitment_target_is_judged_missed_at_its_deadline(db, staff):
    for day, quantity in ((date(2023, 5, 1), 3), (date(2024, 12, 31), 1), (date(2025, 1, 1), 2),
                          (date(2026, 3, 1), 2)):
        means_id = _recruit(db, staff, day, quantity)
    plan_id = items.current_plan_id(db)
    before = tracking.plan_status(db, plan_id, date(2024, 12, 31)).set_index("means_id").loc[means_id]
    assert before["target_progress_fr"] == "4 / 10 nouveaux membres d’ici 2024"
    assert before["target_verdict"] is None
    after = tracking.plan_status(db, plan_id, date(2026, 12, 4))
    row = after.set_index("means_id").loc[means_id]
    # The figure on 31 December 2024, not the 8 reported by December 2026; what came after apart.
    assert row["target_verdict"] == "missed" and row["target_ratio"] == 0.4 and row["target_after"] == 4
    assert row["target_progress_fr"] == ("4 / 10 nouveaux membres d’ici 2024 : cible manquée au "
                                         "31 décembre 2024 (+4 depuis)")
    missed = overview.missed_targets(after)
    assert missed["id"].tolist() == [means_id]
    axis = overview.axis_progress(after).set_index("Axe")
    assert axis["Cibles manquées"].sum() == 1 and axis.loc[axis.index[0], "Cibles manquées"] == 1


def test_a_target_reached_by_its_deadline_is_met(db, staff):
    _recruit(db, staff, date(2024, 6, 1), 11)
    status = tracking.plan_status(db, items.current_plan_id(db), date(2025, 2, 1))
    row = status[status["indicator"] == RECRUIT].iloc[0]
    assert row["target_verdict"] == "met" and "cible atteinte au 31 décembre 2024" in row["target_progress_fr"]
    assert overview.missed_targets(status).empty


def test_a_yearly_items_cycles_over_three_years_with_one_missed():
    schedule = parse_period("Annuellement au mois de janvier")
    facts = [UpdateFact(date(2024, 1, 15), "realise"),
             # January 2025: nothing at all -> missed
             UpdateFact(date(2025, 12, 1), "en_cours"), UpdateFact(date(2026, 2, 10), "realise"),
             UpdateFact(date(2026, 11, 1), "en_cours")]
    outcomes = cycles.cycle_outcomes(schedule, facts, date(2026, 12, 4), plan_start=date(2023, 6, 1))
    assert [(o.cycle.key, o.outcome, o.done_on) for o in outcomes] == [
        ("2024-01", "on_time", date(2024, 1, 15)),
        ("2025-01", "missed", None),
        ("2026-01", "late", date(2026, 2, 10)),  # under way in January, finished in February
        ("2027-01", "current", None),
    ]
    assert cycles.missed_count(outcomes) == 1
    table = overview.cycle_outcomes_table(outcomes)
    assert table["Résultat"].tolist() == ["Cycle en cours", "Réalisé en retard", "Manqué", "Réalisé à temps"]


def test_one_off_and_continuous_items_have_no_cycles():
    assert cycles.cycle_outcomes(parse_period("En continu"), [], date(2026, 1, 1)) == ()
    assert cycles.cycle_outcomes(parse_period("Avril 2021"), [], date(2026, 1, 1)) == ()


def test_the_overview_lists_items_that_missed_two_cycles_or_more(db, staff):
    means_id = db.scalar("SELECT id FROM means WHERE period_label = 'Annuellement au mois de janvier'"
                         " ORDER BY id LIMIT 1")
    updates.record_update(db, staff, means_id, updates.UpdateInput("realise", 100, date(2026, 1, 10)),
                          today=date(2026, 12, 4))
    status = tracking.plan_status(db, items.current_plan_id(db), date(2026, 12, 4))
    row = status.set_index("means_id").loc[means_id]
    outcomes = tracking.item_cycle_outcomes(db, means_id, date(2026, 12, 4))
    assert row["missed_cycles"] == cycles.missed_count(outcomes) >= 2
    assert outcomes[-2].outcome == "on_time" and outcomes[-1].outcome == "current"
    assert means_id in overview.repeatedly_missed(status)["id"].tolist()
    assert (overview.repeatedly_missed(status)["Cycles manqués"] >= 2).all()
