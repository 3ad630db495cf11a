"""lib.ui.tables: what a static table shows, escaped and in the reader's language."""
import datetime as dt

import pandas as pd

from lib.core.messages import Message
from lib.ui.tables import EMPTY, NBSP, for_reading
from tests.table_helpers import as_read


def _frame() -> pd.DataFrame:
    return pd.DataFrame({
        "N°": [1234, 5],
        "Quantité": [1.0, 2.5],
        "Date du travail": [dt.date(2024, 12, 31), None],
        "Enregistrée le": [dt.datetime(2024, 3, 13, 14, 5), None],
        "Note": ["**gras** <b>x</b> [lien](https://x.org)\nligne 2", None],
        "Preuve": ["https://exemple.org/a b(c)", "javascript:alert(1)"],
        "En retard": [True, False],
        "Auditoire": [1315000, None],
        "Pourquoi": [Message("Cycle {cycle} échu le {day}", cycle="janvier 2026", day="31 janvier 2026"), None],
    })


def test_typed_text_is_escaped_and_kept_on_one_line():
    shown = for_reading(_frame(), "fr", links=("Preuve",))
    note = shown["Note"].iloc[0]
    assert "**" not in note.replace("\\*", "") and "<b>" not in note.replace("\\<", "")
    assert as_read(note) == "**gras** <b>x</b> [lien](https://x.org) ligne 2"
    assert shown["Note"].iloc[1] == EMPTY


def test_only_web_addresses_become_links_and_cannot_break_out_of_them():
    shown = for_reading(_frame(), "fr", links=("Preuve",))
    assert shown["Preuve"].tolist()[0] == "[Ouvrir](https://exemple.org/a%20b%28c%29)"
    assert "](" not in shown["Preuve"].tolist()[1] and as_read(shown["Preuve"].tolist()[1]) == "javascript:alert(1)"


def test_dates_numbers_and_codes_follow_the_language():
    french = for_reading(_frame(), "fr", codes=("N°",))
    assert french["N°"].tolist() == ["1234", "5"]  # a number that names something: no group separator
    assert french["Quantité"].tolist() == ["1", "2,5"]
    assert french["Date du travail"].tolist() == [f"31{NBSP}décembre{NBSP}2024", EMPTY]  # one line in a cell
    assert french["Enregistrée le"].iloc[0] == f"13{NBSP}mars{NBSP}2024, 14{NBSP}h{NBSP}05"
    assert french["Auditoire"].iloc[0] == f"1{NBSP}315{NBSP}000"
    assert french["En retard"].tolist() == ["Oui", "Non"]
    english = for_reading(_frame(), "en", codes=("N°",))
    assert english["Date du travail"].iloc[0] == f"December{NBSP}31,{NBSP}2024"
    assert english["Enregistrée le"].iloc[0] == f"March{NBSP}13,{NBSP}2024, 14\\:05"
    assert as_read(english["Quantité"].iloc[1]) == "2.5"
    assert as_read(english["Auditoire"].iloc[0]) == "1,315,000"
    assert english["En retard"].tolist() == ["Yes", "No"]
    assert as_read(english["Pourquoi"].iloc[0]).startswith("Cycle janvier 2026")  # a lib Message, translated
