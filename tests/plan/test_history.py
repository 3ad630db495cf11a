"""The plan as known at a date: items and updates as they stood, assessed by lib.plan.assessment."""
from __future__ import annotations

import csv
import io
import subprocess
import sys
from datetime import date, datetime

import pytest

from lib.core import clock
from lib.core.db import PROJECT_ROOT
from lib.plan import history, updates
from lib.plan.meetings import end_of_day
from tests.board.history_helpers import ARCHIVED, COUNTED, NOW, ONE_OFF, SEPT, build_history


@pytest.fixture
def story(db, monkeypatch):
    return build_history(db, monkeypatch)


def test_items_known_at_leave_out_later_additions_and_keep_later_archivings(db, story):
    then = set(history.items_known_at(db, 1, end_of_day(SEPT))["means_id"])
    now = set(history.items_known_at(db, 1, NOW)["means_id"])
    assert story["new_means"] not in then and story["new_means"] in now
    assert ARCHIVED in then and ARCHIVED not in now


def test_a_correction_recorded_later_does_not_rewrite_what_was_known(db, story):
    told = history.state_at(db, SEPT).set_index("means_id")
    assert told.at[COUNTED, "target_progress_fr"].endswith("(+4 depuis)")  # judged at its 2024 deadline
    assert told.at[ONE_OFF, "status"] == "en_cours" and told.at[ONE_OFF, "late"]
    today = history.state_at(db, NOW.date(), NOW).set_index("means_id")
    assert today.at[COUNTED, "target_progress_fr"].endswith("(+7 depuis)")
    assert today.at[ONE_OFF, "status"] == "realise" and not today.at[ONE_OFF, "late"]


def _export(path, *args):
    result = subprocess.run([sys.executable, "-m", "lib.cli", "export-plan", "--format", "csv", *args],
                            capture_output=True, text=True, cwd=PROJECT_ROOT,
                            env={"ROCSMO_DB": str(path), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    return {row["moyen"]: row for row in csv.DictReader(io.StringIO(result.stdout))}


def test_export_plan_as_of_uses_what_was_known_that_day_unless_known_at_says_later(db, story):
    db.close()  # the CLI opens the file itself
    path = db.path
    as_known = _export(path, "--as-of", SEPT.isoformat())
    with_later = _export(path, "--as-of", SEPT.isoformat(), "--known-at", "2026-12-04T10:00")
    one_off = "Mettre en place un comité de travail ouvert"
    assert as_known[one_off]["statut"] == "En cours"
    assert "Faire l’achat de l’équipement pour le bon fonctionnement" in as_known  # archived in November
    assert "Tenir un forum régional des membres" not in as_known and "Tenir un forum régional des membres" \
        in with_later


def test_a_schedule_set_by_hand_after_the_meeting_does_not_rewrite_what_was_known(db, story, monkeypatch):
    """What the board was told on 15 September: the one-off means late by its written period.
    A due date set by hand on 1 October moves it; the state as known in September keeps the
    written one, the state known today takes the new one; a clear goes back to the text."""
    monkeypatch.setattr(clock, "utcnow", lambda: datetime(2026, 10, 1, 15))
    updates.set_schedule_override(db, story["staff"], ONE_OFF, "once", due=date(2027, 6, 30))
    told = history.state_at(db, SEPT).set_index("means_id")
    assert told.at[ONE_OFF, "late"]
    with_later = history.state_at(db, SEPT, NOW).set_index("means_id")
    assert not with_later.at[ONE_OFF, "late"]

    monkeypatch.setattr(clock, "utcnow", lambda: datetime(2026, 11, 1, 15))
    updates.clear_schedule_override(db, story["staff"], ONE_OFF)
    known = history.overrides_known_at(db, datetime(2026, 10, 15)).set_index("means_id")
    assert '"2027-06-30"' in known.at[ONE_OFF, "schedule_override"]
    assert ONE_OFF not in history.overrides_known_at(db, datetime(2026, 9, 30)).dropna(
        subset=["schedule_override"])["means_id"].tolist()
    assert history.overrides_known_at(db, NOW).set_index("means_id").at[ONE_OFF, "schedule_override"] is None


def test_a_target_corrected_after_the_meeting_applies_only_to_later_states(db, story, monkeypatch):
    monkeypatch.setattr(clock, "utcnow", lambda: datetime(2026, 10, 1, 15))
    updates.set_target_override(db, story["staff"], COUNTED, "count_by", quantity=20, deadline=date(2027, 12, 31),
                                unit_fr="membres")
    told = history.state_at(db, SEPT).set_index("means_id")
    assert told.at[COUNTED, "target_progress_fr"].startswith("0 / 10")
    today = history.state_at(db, NOW.date(), NOW).set_index("means_id")
    assert today.at[COUNTED, "target_progress_fr"] == "7 / 20 membres d’ici 2027"
