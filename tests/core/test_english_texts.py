"""The plan's and the campaign's own content: French as written, English only where staff
typed it, and only on English screens (lib.core.i18n.localized, localized_sql)."""
import duckdb
import pytest

from lib.core.i18n import localized, localized_sql


@pytest.mark.parametrize("english, lang, expected", [
    ("MOBILIZATION", "fr", "MOBILISATION"),  # a French screen never shows the English text
    ("MOBILIZATION", "en", "MOBILIZATION"),
    (None, "en", "MOBILISATION"),            # no English text: the French one
    ("   ", "en", "MOBILISATION"),
    (float("nan"), "en", "MOBILISATION"),    # pandas' empty cell
])
def test_a_text_is_shown_in_english_only_on_english_screens_and_only_when_staff_typed_one(english, lang, expected):
    assert localized("MOBILISATION", english, lang) == expected


def test_the_sql_choice_is_the_same_rule_as_the_python_one():
    db = duckdb.connect()
    db.execute("CREATE TABLE t (name VARCHAR, name_en VARCHAR)")
    db.execute("INSERT INTO t VALUES ('Un', 'One'), ('Deux', NULL), ('Trois', '  ')")

    def column(sql):
        return [r[0] for r in db.execute(sql + " FROM t ORDER BY rowid").fetchall()]

    pairs = db.execute("SELECT name, name_en FROM t ORDER BY rowid").fetchall()
    for lang in ("fr", "en"):
        assert column(f"SELECT {localized_sql('name', lang)}") == [localized(f, e, lang) for f, e in pairs]
    assert column(f"SELECT {localized_sql('t.name', 'en')}") == ["One", "Deux", "Trois"]
    assert column(f"SELECT {localized_sql('t.name', 'fr')}") == ["Un", "Deux", "Trois"]


@pytest.mark.parametrize("column", ["name; DROP TABLE axes", "name_en'", "Name", "a.b.c", ""])
def test_only_a_column_name_is_written_into_the_sql(column):
    with pytest.raises(ValueError):
        localized_sql(column, "en")
