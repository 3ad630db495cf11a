"""The agreement PDF, the microsite listing and the CSV/XLSX exports of ambassadors and reports."""
import datetime as dt
import io

import pandas as pd

from lib.campaign import agreement_pdf, ambassadors, listings, report_figures
from lib.campaign import impact_reports as reports
from lib.core import spreadsheets
from tests.ambassador_helpers import approved, current_id, signed_up


def test_the_agreement_pdf_is_made_with_a_font_that_has_accents(db):
    assert agreement_pdf.FONT_DIR.joinpath("DejaVuSans.ttf").exists(), "install fonts-dejavu-core"
    ambassador_id = approved(db, organisation="Organisme « Élan » <script>x</script> 🌱", why_text="Texte " * 120)
    data = agreement_pdf.agreement_pdf(db, ambassador_id)
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert b"DejaVu" in data
    assert data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") + data.count(b"/Type /Page>") >= 1


def test_the_pdf_falls_back_to_a_core_font_without_dejavu(db, monkeypatch, tmp_path):
    monkeypatch.setattr(agreement_pdf, "FONT_DIR", tmp_path)
    data = agreement_pdf.agreement_pdf(db, approved(db))
    assert data.startswith(b"%PDF-") and b"Helvetica" in data


def test_the_pdf_file_name_is_safe(db):
    agreement = ambassadors.get_agreement(db, signed_up(db, organisation="../Maison / Famille"))
    assert agreement_pdf.pdf_filename(agreement) == f"entente-maison-famille-{agreement.id}.pdf"


def test_the_ambassadors_export_has_one_row_per_ambassador_with_choices(db):
    approved(db)
    signed_up(db, organisation="En attente", email="att@x.org", username="attente")
    frame = listings.ambassadors_export_frame(db, current_id(db))
    assert list(frame["statut"]) == ["En attente", "Approuvé"]
    row = frame.iloc[1]
    assert row["auditoire_facebook"] == 2500 and pd.isna(row["auditoire_instagram"])
    assert row["moments_forts"] == "Le dimanche 13 mars | du 2 au 8 mai 2022"
    csv = spreadsheets.to_csv_bytes(frame).decode("utf-8")
    assert csv.splitlines()[0].startswith("organisation,personne_ressource,courriel")
    workbook = pd.read_excel(io.BytesIO(spreadsheets.to_xlsx_bytes({"Ambassadeurs": frame})), sheet_name=None)
    assert len(workbook["Ambassadeurs"]) == 2


def test_the_reports_workbook_reads_back(db):
    ambassador_id = approved(db)
    data = reports.form_data(db, ambassadors.get_agreement(db, ambassador_id))
    data["reach"]["facebook"]["people_reached"] = 700
    reports.save_report(db, ambassador_id, data, actor="smo-outaouais", submit=True)
    frames = report_figures.reports_export_frames(db, current_id(db))
    workbook = pd.read_excel(io.BytesIO(spreadsheets.to_xlsx_bytes(frames)),
                             sheet_name=None)
    assert list(workbook) == ["Rapports", "Actions", "Portée rapportée", "Activités"]
    assert workbook["Portée rapportée"].loc[0, "personnes_jointes"] == 700


def test_the_microsite_csv_keeps_typed_text_exactly(db):
    text = "Nous « joignons » le mouvement, <b>vraiment</b>; \"oui\" 🌱"
    approved(db, why_text=text)
    frame = pd.read_csv(io.BytesIO(spreadsheets.to_csv_bytes(listings.microsite_frame(db, current_id(db)))))
    assert frame.loc[0, "texte"] == text
    assert frame.loc[0, "site_web"] == "https://smo.example.org"


def test_the_export_gives_the_signup_time_in_quebec_time_as_on_screen(db, monkeypatch):
    monkeypatch.setattr(ambassadors.clock, "utcnow", lambda: dt.datetime(2026, 1, 15, 17, 30))
    signed_up(db)
    frame = listings.ambassadors_export_frame(db, current_id(db))
    assert frame.loc[0, "inscrit_le"] == dt.datetime(2026, 1, 15, 12, 30)  # UTC-5 in winter
