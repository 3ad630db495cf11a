"""Control characters pasted into typed text (a vertical tab from Word) are refused with a French
message by every form's validation, and never break an XLSX export of older data."""
import io
from datetime import date

import openpyxl
import pandas as pd
import pytest

from lib import cli
from lib.accounts import users
from lib.campaign import ambassadors
from lib.core import spreadsheets, validators
from lib.core.db import connect
from lib.plan import items, updates
from tests.ambassador_helpers import ensure_staff, signed_up
from tests.conftest import make_user

VERTICAL_TAB = "Texte collé\x0bdepuis Word"


@pytest.mark.parametrize("text", ["a\x0bb", "a\x00b", "a\x1bb", "a\x7fb", "a\x85b"])
def test_control_characters_are_found_in_any_text(text):
    assert validators.has_control_characters(text)
    assert validators.has_control_characters(text, multiline=True)


def test_multiline_text_keeps_tabs_and_line_breaks_one_line_text_does_not():
    assert not validators.has_control_characters("ligne 1\r\nligne 2\tfin", multiline=True)
    assert validators.has_control_characters("ligne 1\nligne 2")
    assert not validators.has_control_characters("Julie Tremblay — « DG » 🌱")
    assert validators.control_character_error("a\x0bb", "La note") == \
        "La note : contient des caractères de contrôle non permis."


def test_an_update_note_with_a_vertical_tab_is_refused(db):
    staff = make_user(db, "staff")
    means_id = int(items.list_plan_items(db, items.current_plan_id(db))["means_id"].iloc[0])
    with pytest.raises(updates.TrackingError) as error:
        updates.record_update(db, staff, means_id, updates.UpdateInput("en_cours", 10, date(2026, 1, 5),
                                                                        note=VERTICAL_TAB))
    assert any("caractères de contrôle" in message for message in error.value.messages)


def test_plan_texts_and_names_with_control_characters_are_refused(db):
    staff = make_user(db, "staff")
    plan_id = items.current_plan_id(db)
    with pytest.raises(items.PlanError, match="caractères de contrôle"):
        items.add_axis(db, staff, plan_id, "Axe\x0bun")
    action_id = int(items.list_plan_items(db, plan_id)["action_id"].iloc[0])
    with pytest.raises(items.PlanError, match="caractères de contrôle"):
        items.add_means(db, staff, action_id, VERTICAL_TAB)
    items.add_means(db, staff, action_id, "Deux lignes\nsont permises")


def test_display_names_and_decision_notes_with_control_characters_are_refused(db):
    errors = users.validate_new_user("marie", "staff", "Marie\x0b", "marie@example.org", "Correct-Cheval-Pile-42")
    assert "Le nom affiché contient des caractères de contrôle non permis." in errors
    make_user(db, "staff", "marie")
    with pytest.raises(users.UserError):
        users.update_profile(db, "marie", "Marie\x07", "fr")
    ambassador_id = signed_up(db)
    with pytest.raises(ambassadors.AmbassadorError, match="caractères de contrôle"):
        ambassadors.decide(db, ambassador_id, "declined", VERTICAL_TAB, actor=ensure_staff(db))
    assert ambassadors.get_agreement(db, ambassador_id).status == "pending"


def test_xlsx_export_drops_characters_a_cell_cannot_hold():
    data = spreadsheets.to_xlsx_bytes({"Notes": pd.DataFrame({"note\x0b": [VERTICAL_TAB, "propre"], "n": [1, 2]})})
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Notes"]
    assert sheet.cell(1, 1).value == "note"
    assert sheet.cell(2, 1).value == "Texte collédepuis Word" and sheet.cell(3, 1).value == "propre"


def test_cli_exports_the_plan_as_xlsx_with_a_stored_vertical_tab(seeded_copy, tmp_path, monkeypatch, capsys):
    path = seeded_copy(tmp_path / "rocsmo.duckdb")
    database = connect(str(path))
    database.transaction(lambda cur: cur.execute("UPDATE means SET text = ? WHERE id = (SELECT min(id) FROM means)",
                                                 [VERTICAL_TAB]))
    database.close()
    monkeypatch.setenv("ROCSMO_DB", str(path))
    out = tmp_path / "plan.xlsx"
    assert cli.main(["export-plan", "--format", "xlsx", "-o", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    texts = [cell.value for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert "Texte collédepuis Word" in texts
