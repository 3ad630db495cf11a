"""Exports never turn typed text into spreadsheet formulas."""
import io

import openpyxl
import pandas as pd

from lib.core import spreadsheets

HOSTILE = ['=HYPERLINK("http://x","clic")', "+1+1", "-2+3", "@SUM(A1)", "Normal", "l’organisme = nous"]


def test_csv_neutralises_formula_starts_and_keeps_other_text():
    text = spreadsheets.to_csv_bytes(pd.DataFrame({"nom": HOSTILE, "n": range(6)})).decode("utf-8")
    lines = text.splitlines()[1:]
    assert lines[0].startswith("\"'=HYPERLINK")
    assert lines[1].startswith("'+1+1")
    assert lines[2].startswith("'-2+3") and lines[3].startswith("'@SUM")
    assert lines[4] == "Normal,4" and lines[5] == "l’organisme = nous,5"


def test_xlsx_stores_formula_like_text_as_text():
    data = spreadsheets.to_xlsx_bytes({"Ambassadeurs": pd.DataFrame({"nom": HOSTILE})})
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Ambassadeurs"]
    cells = [sheet.cell(row, 1) for row in range(2, 8)]
    assert [cell.data_type for cell in cells] == ["s"] * 6
    assert cells[0].value == HOSTILE[0]


def test_csv_booleans_are_true_false():
    assert spreadsheets.to_csv_bytes(pd.DataFrame({"en_retard": [True, False]})).decode() == "en_retard\ntrue\nfalse\n"
