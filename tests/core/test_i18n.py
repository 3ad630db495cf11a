"""French first, English complete; Québec formats."""
import ast
import datetime as dt
from pathlib import Path

import pytest

from lib.accounts import users
from lib.core import audit, i18n
from lib.core.i18n import format_date, format_datetime, format_number, format_pct, translate
from lib.ui import navigation

ROOT = Path(__file__).resolve().parents[2]


def literal_texts() -> set[str]:
    """Every string literal passed first to t(...) or translate(...) in the app's code."""
    found = set()
    for path in [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "lib").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)
                    and getattr(node.func, "id", getattr(node.func, "attr", None)) in ("t", "translate")):
                found.add(node.args[0].value)
    return found


def test_every_interface_text_has_an_english_translation():
    english = i18n.catalog("en")
    texts = literal_texts()
    assert "Accès refusé : cette page n’est pas accessible avec votre compte." in texts  # the scan finds t(...)
    texts |= {spec.title_fr for spec in (*navigation.PAGES, *navigation.SIGNED_OUT_PAGES, navigation.FIRST_RUN_PAGE)}
    texts |= set(users.ROLE_LABELS_FR.values()) | set(audit.ACTION_LABELS_FR.values())
    texts |= set(audit.ACTION_GROUPS_FR.values())
    missing = sorted(text for text in texts if text not in english)
    assert not missing, missing


def test_translations_keep_their_placeholders():
    import re

    catalog = i18n.catalog("en")
    assert catalog["Sauvegarde écrite : {name}"] == "Backup written: {name}"  # the loop has placeholders to check
    for french, english in catalog.items():
        assert set(re.findall(r"{\w+}", french)) == set(re.findall(r"{\w+}", str(english))), french


def test_unknown_text_falls_back_to_french():
    assert translate("Texte sans traduction", "en") == "Texte sans traduction"
    assert translate("Sauvegarde écrite : {name}", "en", name="x.duckdb") == "Backup written: x.duckdb"


@pytest.mark.parametrize("day, lang, expected", [
    (dt.date(2023, 3, 13), "fr", "13 mars 2023"),
    (dt.date(2023, 3, 1), "fr", "1er mars 2023"),
    (dt.date(2022, 8, 15), "fr", "15 août 2022"),
    (dt.date(2023, 3, 13), "en", "March 13, 2023"),
    (None, "fr", ""),
])
def test_dates_follow_quebec_conventions(day, lang, expected):
    assert format_date(day, lang) == expected


def test_times_are_written_the_quebec_way():
    assert format_datetime(dt.datetime(2026, 11, 23, 14, 5), "fr") == "23 novembre 2026, 14 h 05"


def test_numbers_use_spaces_between_thousands_in_french():
    assert format_number(1315000, "fr").replace("\u202f", " ").replace("\xa0", " ") == "1 315 000"
    assert format_number(1315000, "en") == "1,315,000"
    assert format_pct(0.456, "fr").replace("\xa0", " ") == "46 %"
