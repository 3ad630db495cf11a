"""A means linked to a campaign figure: its indicator progress follows the submitted reports."""
from __future__ import annotations

import pandas as pd
import pytest

from lib.accounts import users
from lib.campaign import ambassadors, impact_reports
from lib.core import clock
from lib.core.errors import AccessDenied
from lib.core.messages import translate_message
from lib.plan import campaign_figures, items, tracking, updates
from tests.ambassador_helpers import approved, ensure_staff

COMMITTEE = "Participer au comité de la semaine de la santé mentale"


def committee_row(db):
    status = tracking.plan_status(db, items.current_plan_id(db), clock.today())
    return status[status["text"] == COMMITTEE].iloc[0]


def submit_report(db, ambassador_id: int, participants: int = 25) -> None:
    agreement = ambassadors.get_agreement(db, ambassador_id)
    data = impact_reports.form_data(db, agreement)
    data["activities"] = [{"type": "Kiosque", "held_on": clock.today(), "participants": participants,
                           "description": ""}]
    impact_reports.save_report(db, ambassador_id, data, actor=agreement.username, submit=True)


def test_a_linked_means_progress_follows_submitted_reports(db):
    staff = users.get_user(db, ensure_staff(db))
    means_id = int(committee_row(db)["means_id"])
    updates.set_target_override(db, staff, means_id, "frequency", quantity=2, per="year", unit_fr="rapports")
    campaign_figures.set_figure(db, staff, means_id, "reports_submitted")
    before = committee_row(db)
    assert before["target_ratio"] == 0
    assert translate_message(before["target_source_fr"], "fr") == \
        "Suit la campagne : rapports de retombées soumis"
    assert translate_message(before["target_source_fr"], "en").startswith("Follows the campaign")
    submit_report(db, approved(db))
    after = committee_row(db)
    assert after["target_ratio"] == 0.5 and after["target_progress_fr"].startswith("1 / 2 rapports")


def test_a_done_target_linked_to_participants_shows_the_figure(db):
    staff = users.get_user(db, ensure_staff(db))
    means_id = int(committee_row(db)["means_id"])
    campaign_figures.set_figure(db, staff, means_id, "participants")
    submit_report(db, approved(db), participants=37)
    row = committee_row(db)
    assert pd.isna(row["target_ratio"]) and str(row["target_progress_fr"]) == "37 à ce jour"
    campaign_figures.set_figure(db, staff, means_id, None)  # unlinked: back to the updates' quantities
    row = committee_row(db)
    assert row["target_source_fr"] == "" and str(row["target_progress_fr"]) == "Non réalisé"
    assert [a for (a,) in db.query("SELECT action FROM audit_log WHERE action LIKE 'plan.figure.%' ORDER BY id")] \
        == ["plan.figure.set", "plan.figure.clear"]


def test_only_staff_link_figures_and_only_known_ones(db):
    board = users.get_user(db, "board-x") or users.get_user(db, users.create_user(
        db, username="board-x", role="board", display_name="CA", email="", password="Correct-Cheval-Pile-42",
        actor="tests"))
    staff = users.get_user(db, ensure_staff(db))
    means_id = int(committee_row(db)["means_id"])
    with pytest.raises(AccessDenied):
        campaign_figures.set_figure(db, board, means_id, "activities")
    with pytest.raises(campaign_figures.FigureError):
        campaign_figures.set_figure(db, staff, means_id, "nope")
    assert campaign_figures.linked_figures(db) == {}
