"""export-plan: tracking columns as of a date, XLSX with French headers, summary and axes."""
import io
from datetime import date

import pandas as pd

from lib import cli
from lib.core import spreadsheets
from lib.plan import exports, updates
from tests.conftest import make_user


def test_export_has_the_tracking_columns_as_of_the_given_date(db):
    staff = make_user(db, "staff")
    means_id = db.scalar("SELECT id FROM means WHERE text = 'Mettre en place un comité de travail ouvert'")
    updates.record_update(db, staff, means_id, updates.UpdateInput("realise", 100, date(2021, 4, 20)),
                           today=date(2026, 1, 1))
    frame = exports.plan_export_frame(db, date(2021, 4, 10)).set_index("moyen")
    assert list(frame.columns)[-4:] == ["statut", "avancement", "echeance", "en_retard"]
    row = frame.loc["Mettre en place un comité de travail ouvert"]
    assert (row["statut"], row["avancement"], row["echeance"], row["en_retard"]) == ("À venir", 0, "2021-04-30", False)
    later = exports.plan_export_frame(db, date(2021, 5, 10)).set_index("moyen").loc[
        "Mettre en place un comité de travail ouvert"]
    assert (later["statut"], later["avancement"], later["echeance"], later["en_retard"]) == ("Réalisé", 100, "", False)


def test_csv_writes_iso_dates_and_true_false(db):
    text = spreadsheets.to_csv_bytes(exports.plan_export_frame(db, date(2022, 1, 1))).decode("utf-8")
    header, first = text.splitlines()[:2]
    assert header.endswith("statut,avancement,echeance,en_retard")
    assert first.endswith("À venir,0,2021-04-01,true")
    late_values = {line.rsplit(",", 1)[1] for line in text.splitlines()[1:]}
    assert late_values <= {"true", "false"}


def test_xlsx_has_a_summary_and_one_sheet_per_axis_with_french_headers(db):
    sheets = pd.read_excel(io.BytesIO(spreadsheets.to_xlsx_bytes(exports.plan_workbook(
        exports.plan_export_frame(db, date(2022, 1, 1))))), sheet_name=None)
    names = list(sheets)
    assert names[0] == "Sommaire" and len(names) == 7
    assert list(sheets["Sommaire"].columns) == ["Axe", "Moyens", "À venir", "En cours", "Réalisé", "Reporté",
                                                "Abandonné", "En retard", "Réalisés ou en bonne voie (%)"]
    assert sheets["Sommaire"]["Moyens"].sum() == 55
    axis = sheets[names[1]]
    assert list(axis.columns) == ["Objectif", "Action", "Moyen", "Période", "Indicateur de réussite", "Responsables",
                                  "Progrès vers la cible", "Statut", "Avancement (%)", "Échéance", "En retard"]


def test_cli_export_plan_takes_as_of(file_db, db_path, tmp_path, capsys):
    file_db.close()
    out = tmp_path / "plan.csv"
    assert cli.main(["export-plan", "--as-of", "2021-02-01", "-o", str(out)]) == 0
    frame = pd.read_csv(out, keep_default_na=False)
    assert len(frame) == 55 and set(frame["en_retard"]) <= {True, False}
    assert (frame["statut"] == "À venir").all()
