"""The plan as known at a date: items and updates as they stood, assessed by lib.plan.assessment."""
from __future__ import annotations

import csv
import io
import subprocess
import sys

import pytest

from lib.core.db import PROJECT_ROOT
from lib.plan import history
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
