"""AppTest: the tables on screen write dates and numbers as the reader's language does
("31 décembre 2024", "1 642 550"; "December 31, 2024", "1,642,550"), a quantity of 1.00 as 1,
while the CSV of the same table keeps ISO dates, plain numbers and French headers."""
import re
from datetime import date

import pytest

from lib.core import spreadsheets
from lib.plan import updates
from lib.ui import plan_views
from tests.conftest import make_user
from tests.table_helpers import tables

COMMITTEE = "Mettre en place un comité de travail ouvert"
NBSP = "\u00a0"


def _plain(value: str) -> str:
    return value.replace(NBSP, " ").replace("\u202f", " ")


@pytest.fixture
def recorded(file_db):
    """One update of the committee, worked on 31 December 2024, with a quantity of 1."""
    staff = make_user(file_db, "staff")
    means_id = file_db.scalar("SELECT id FROM means WHERE text = ?", [COMMITTEE])
    updates.record_update(file_db, staff, means_id,
                          updates.UpdateInput("en_cours", 50, date(2024, 12, 31), "Première rencontre", 1.0))
    return means_id


@pytest.fixture
def csvs(monkeypatch):
    """The CSV text of every table offered for download, by widget key."""
    written: dict[str, str] = {}
    real = plan_views.download_csv

    def recording(table, key, file_stem):
        written[key] = spreadsheets.to_csv_bytes(table).decode("utf-8")
        real(table, key, file_stem)

    monkeypatch.setattr(plan_views, "download_csv", recording)
    return written


def test_the_overviews_latest_updates_write_dates_in_each_language_and_the_csv_stays_iso(app_for, recorded, csvs):
    app = app_for("board", "pages/plan/vue_ensemble.py")
    assert not app.exception, app.exception
    latest = next(f for f in tables(app) if "Date du travail" in f.columns)
    assert [_plain(v) for v in latest["Date du travail"]] == ["31 décembre 2024"]
    assert re.fullmatch(r"\d{1,2}(er)? \w+ \d{4}, \d{2} h \d{2}", _plain(latest["Enregistrée le"].iloc[0]))
    assert latest["Avancement (%)"].tolist() == ["50"]
    csv = csvs["overview.latest"]
    assert csv.splitlines()[0].startswith("Enregistrée le,Par,Axe,Moyen,Statut,Avancement (%),Date du travail")
    assert ",2024-12-31," in csv and "décembre" not in csv

    app.session_state["lang"] = "en"
    app.run()
    assert not app.exception, app.exception
    latest = next(f for f in tables(app) if "Work date" in f.columns)
    assert [_plain(v) for v in latest["Work date"]] == ["December 31, 2024"]
    assert re.fullmatch(r"[A-Z][a-z]+ \d{1,2}, \d{4}, \d{2}:\d{2}", _plain(latest["Recorded on"].iloc[0]))
    csv = csvs["overview.latest"]  # French headers and ISO dates in either language
    assert csv.splitlines()[0].startswith("Enregistrée le,") and ",2024-12-31," in csv
    assert csvs["overview.progress"].startswith("Axe,Moyens,Comptés,")


def test_an_items_history_writes_its_date_and_a_whole_quantity_in_each_language(app_for, file_db, recorded, csvs):
    app = app_for("board", "pages/plan/plan_action.py")
    app.selectbox(key="plan.means").set_value(recorded).run()
    assert not app.exception, app.exception
    history = next(f for f in tables(app) if "Quantité" in f.columns)
    assert [_plain(v) for v in history["Date du travail"]] == ["31 décembre 2024"]
    assert history["Quantité"].tolist() == ["1"]  # not 1.00
    assert history["N°"].tolist() == [str(file_db.scalar("SELECT id FROM means_updates"))]  # a number, no space
    csv = csvs["plan.history"]
    assert ",2024-12-31," in csv and ",1.0," in csv

    app.session_state["lang"] = "en"
    app.run()
    history = next(f for f in tables(app) if "Quantity" in f.columns)
    assert [_plain(v) for v in history["Work date"]] == ["December 31, 2024"]


def test_the_search_grid_writes_deadlines_in_each_language(app_for):
    app = app_for("staff", "pages/plan/mises_a_jour.py")
    assert not app.exception, app.exception
    deadlines = [v for v in app.dataframe[0].value["Échéance"] if isinstance(v, str)]
    assert deadlines and all(re.fullmatch(r"\d{1,2}(er)? [a-zéû]+\.? \d{4}", _plain(v)) for v in deadlines), deadlines
    app.session_state["lang"] = "en"
    app.run()
    deadlines = [v for v in app.dataframe[0].value["Due"] if isinstance(v, str)]
    assert deadlines and all(re.fullmatch(r"[A-Z][a-z]{2} \d{1,2}, \d{4}", v) for v in deadlines), deadlines


def test_the_campaigns_side_by_side_write_numbers_and_dates_in_each_language(app_for):
    app = app_for("staff", "pages/campaign/campagne.py")
    assert not app.exception, app.exception
    years = next(f for f in tables(app) if "Ambassadeurs approuvés" in f.columns)
    assert _plain(years["Auditoire de l’organisateur"].iloc[0]) == "1 642 550"
    assert _plain(years["Début"].iloc[0]) == "13 mars 2022"
    app.session_state["lang"] = "en"
    app.run()
    years = next(f for f in tables(app) if "Approved ambassadors" in f.columns)
    assert years["Organiser's audience"].iloc[0] == "1,642,550"
    assert _plain(years["Start"].iloc[0]) == "March 13, 2022"
