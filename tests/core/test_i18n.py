"""French first, English complete; Québec formats. (That every text has English, with its
placeholders: tests/test_catalogues.py, over Babel's extraction of the code.)"""
import datetime as dt

import pytest

from lib.core.i18n import (
    MONTHS_FR,
    format_date,
    format_datetime,
    format_month,
    format_number,
    format_pct,
    month_name,
    translate,
)


def test_unknown_text_falls_back_to_french():
    assert translate("Texte sans traduction", "en") == "Texte sans traduction"
    assert translate("Sauvegarde écrite et vérifiée : {name}", "en", name="x.duckdb") == \
        "Backup written and verified: x.duckdb"


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


def test_months_and_the_english_clock_come_from_babel():
    assert MONTHS_FR[0] == "janvier" and MONTHS_FR[7] == "août" and len(MONTHS_FR) == 12
    assert (format_month(2026, 1, "fr"), format_month(2026, 1, "en")) == ("janvier 2026", "January 2026")
    assert (month_name(12, "fr"), month_name(12, "en")) == ("décembre", "December")
    assert format_datetime(dt.datetime(2026, 11, 23, 9, 5), "fr") == "23 novembre 2026, 09 h 05"
    assert format_datetime(dt.datetime(2023, 3, 1, 14, 5), "en") == "March 1, 2023, 14:05"


def test_tables_on_screen_write_numbers_and_dates_the_languages_way():
    import pandas as pd

    from lib.core.i18n import format_table

    frame = pd.DataFrame({"Auditoire": [1315000, 90000], "Quantité": [1.0, 2.5],
                          "Données au": [pd.Timestamp("2021-04-07"), pd.NaT],
                          "Jointes": pd.array([None, 12], dtype="Int64")})
    french = format_table(frame, "fr")
    assert french["Auditoire"].tolist() == ["1\u00a0315\u00a0000", "90\u00a0000"]
    assert french["Quantité"].tolist() == ["1", "2,5"]
    assert french["Données au"].tolist() == ["7 avril 2021", ""]
    assert french["Jointes"].tolist() == ["", "12"]
    assert format_table(frame, "en")["Données au"].tolist() == ["April 7, 2021", ""]
    assert frame["Auditoire"].tolist() == [1315000, 90000]  # the CSV keeps the plain numbers
