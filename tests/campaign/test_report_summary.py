"""Where the report goes: the compte rendu per ambassador and all together, as text and PDF (issue 13)."""
import datetime as dt
import io

import pypdf

from lib.campaign import ambassadors, campaigns, report_figures, report_summary
from lib.campaign import impact_reports as reports
from tests.ambassador_helpers import approved, current_id, ensure_staff

OWNER = "smo-outaouais"


def _submitted(db) -> int:
    ensure_staff(db)
    ambassador_id = approved(db)
    data = reports.form_data(db, ambassadors.get_agreement(db, ambassador_id))
    data["actions"][("moment", "lancement")].update(done=True, times=2, when="13 mars",
                                                    links="https://facebook.com/p/1")
    data["reach"]["facebook"].update(posts=4, people_reached=1500)
    data["activities"] = [{"type": "Kiosque", "held_on": dt.date(2022, 5, 3), "participants": 40,
                           "description": "Au marché"}]
    data["what_worked"] = "Les capsules « CHOISIR »"
    reports.save_report(db, ambassador_id, data, actor=OWNER, submit=True, today=dt.date(2023, 2, 1))
    return ambassador_id


def test_the_destination_names_the_organisers_contact(db):
    campaign = campaigns.get_campaign(db, current_id(db))
    assert report_summary.destination(campaign) == (
        "Votre rapport est conservé dans le tableau de bord du ROCSMO. L’équipe du ROCSMO en transmet un compte rendu "
        "à Caroline Drolet (biendanssatete@mouvementsmq.ca), pour le Mouvement Santé mentale Québec, comme le "
        "demande l’entente.")


def test_an_ambassador_reads_back_its_submitted_report_as_pdf(db):
    ambassador_id = _submitted(db)
    pdf = report_summary.as_pdf([report_summary.ambassador_blocks(db, ambassador_id)])
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    text = " ".join(text.split())
    organisation = ambassadors.get_agreement(db, ambassador_id).organisation
    for part in (f"Rapport de retombées — {organisation}", "Caroline Drolet", "fait, 2 fois, quand : 13 mars",
                 "https://facebook.com/p/1", "Kiosque, 3 mai 2022, 40 participants — Au marché",
                 "Les capsules « CHOISIR »"):
        assert part in text, part


def test_staff_export_every_submitted_report_together(db):
    ambassador_id = _submitted(db)
    campaign_id = ambassadors.get_agreement(db, ambassador_id).campaign_id
    text = report_summary.campaign_text(db, campaign_id)
    assert text.count("Rapport de retombées — ") == 1 and "Portée sur ses canaux" in text
    assert "personnes jointes : 1" in text
    pages = pypdf.PdfReader(io.BytesIO(report_summary.campaign_pdf(db, campaign_id))).pages
    assert len(pages) >= 1 and "Kiosque" in " ".join(p.extract_text() for p in pages)


def test_the_reports_export_gives_quebec_time(db):
    ambassador_id = _submitted(db)
    campaign_id = ambassadors.get_agreement(db, ambassador_id).campaign_id
    utc = db.scalar("SELECT submitted_at FROM impact_reports WHERE ambassador_id = ?", [ambassador_id])
    exported = report_figures.reports_export_frames(db, campaign_id)["Rapports"]["soumis_le"].iloc[0]
    assert (utc - exported.to_pydatetime()) in (dt.timedelta(hours=4), dt.timedelta(hours=5))


def test_an_activity_reported_marks_organising_an_activity_done(db):
    ensure_staff(db)
    ambassador_id = approved(db)  # its commitments include "organiser-activite"
    agreement = ambassadors.get_agreement(db, ambassador_id)
    data = reports.form_data(db, agreement)
    assert data["actions"][("commitment", "organiser-activite")]["done"] is False
    data["activities"] = [{"type": "Kiosque", "held_on": dt.date(2022, 5, 3), "participants": 40, "description": ""}]
    reports.save_report(db, ambassador_id, data, actor=OWNER)
    action = reports.get_report(db, ambassador_id)["actions"][("commitment", "organiser-activite")]
    assert action["done"] is True and action["times"] == 1
    # Without that commitment, nothing is invented.
    items = [i for i in reports.report_items(db, agreement) if i.key != "organiser-activite"]
    assert reports.reconciled(data, items) is data
