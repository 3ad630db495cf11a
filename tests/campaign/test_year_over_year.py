"""Campaigns side by side, and the organiser's reach figures with their date (issue 13, item 8)."""
import datetime as dt

from lib.campaign import campaigns, report_figures
from tests.ambassador_helpers import approved, current_id
from tests.campaign.test_report_summary import _submitted


def test_campaigns_side_by_side_count_ambassadors_moments_reports_and_reach(db):
    _submitted(db)
    approved(db, organisation="Autre organisme", email="autre@example.org", username="autre-organisme")
    copy_id = campaigns.copy_campaign(db, current_id(db), actor="staff-test")
    table = report_figures.campaigns_side_by_side(db).set_index("Campagne")
    first = table.loc[campaigns.get_campaign(db, current_id(db)).name]
    assert (first["Ambassadeurs approuvés"], first["Rapports soumis"]) == (2, 1)
    assert first["Moments forts choisis"] >= 2 and first["Personnes jointes (rapportées)"] == 1500
    assert first["Auditoire de l’organisateur"] == 1315000 + 108300 + 90000 + 53000 + 76250
    second = table.loc[campaigns.get_campaign(db, copy_id).name]
    assert (second["Ambassadeurs approuvés"], second["Rapports soumis"]) == (0, 0)
    assert list(table["Début"]) == sorted(table["Début"])


def test_staff_are_prompted_when_the_reach_figures_are_over_a_year_old(db):
    campaign = campaigns.get_campaign(db, current_id(db))
    channels = campaigns.list_channels(db, campaign.id)
    warning = report_figures.stale_reach_warning(channels, campaign.organiser, dt.date(2026, 12, 4))
    assert warning.startswith("Les chiffres d’auditoire du Mouvement Santé mentale Québec datent du 7 avril 2021")
    assert report_figures.stale_reach_warning(channels, campaign.organiser, dt.date(2022, 1, 1)) == ""
    rows = [{"key": k, "audience": 1400000 if k == "facebook" else a, "as_of": dt.date(2026, 11, 1)}
            for k, a in zip(channels["key"], channels["audience"])]
    changed = campaigns.update_campaign_details(db, campaign.id, actor="staff-test", channels=rows)
    assert len(changed) == len(rows)
    fresh = campaigns.list_channels(db, campaign.id)
    assert report_figures.stale_reach_warning(fresh, campaign.organiser, dt.date(2026, 12, 4)) == ""
    assert campaigns.update_campaign_details(db, campaign.id, actor="staff-test", channels=rows) == []
