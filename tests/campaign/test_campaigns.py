"""Campaigns as data: reading, the current campaign, creating one and copying last year's."""
import datetime as dt

import pytest

from lib.campaign import campaigns
from lib.campaign.campaigns import CampaignError
from lib.core.errors import AccessDenied
from tests.ambassador_helpers import ensure_staff


@pytest.fixture(autouse=True)
def _staff(request):
    """Campaign writes check their actor: "staff-test" exists in every test's database."""
    if "db" in request.fixturenames:
        ensure_staff(request.getfixturevalue("db"))


def test_the_seeded_campaign_is_current_with_its_document(db):
    campaign = campaigns.current_campaign(db)
    assert campaign.slug == "choisir-2022-2023"
    assert campaign.report_due == dt.date(2023, 2, 15) and campaign.valid_until == dt.date(2023, 2, 28)
    assert len(campaigns.list_moments(db, campaign.id)) == 8
    types = campaigns.list_commitment_types(db, campaign.id)
    assert len(types) == 10 and list(types.loc[types["with_moments"], "key"]) == ["moments-forts"]
    assert campaigns.list_channels(db, campaign.id)["audience"].sum() == 1315000 + 108300 + 90000 + 53000 + 76250


def test_years_in_text_move_one_year_on():
    assert campaigns.shift_years_in_text("Campagne 2022-2023, au plus tard le 15 février 2023") == \
        "Campagne 2023-2024, au plus tard le 15 février 2024"
    assert campaigns.shift_years_in_text("12345 et 1815") == "12345 et 1815"


def test_29_february_moves_to_28_february():
    assert campaigns.shift_year(dt.date(2024, 2, 29)) == dt.date(2025, 2, 28)


def test_copying_moves_every_date_a_year_and_fixes_weekdays(db):
    source = campaigns.current_campaign(db)
    new_id = campaigns.copy_campaign(db, source.id, actor="staff-test")
    copy = campaigns.get_campaign(db, new_id)
    assert copy.slug == "choisir-2023-2024"
    assert copy.name.endswith("2023-2024")
    assert (copy.starts_on, copy.valid_until, copy.report_due) == (
        dt.date(2023, 3, 13), dt.date(2024, 2, 29) - dt.timedelta(days=1), dt.date(2024, 2, 15))
    assert "15 février 2024" in copy.report_request
    moments = campaigns.list_moments(db, new_id)
    launch = moments.iloc[0]
    assert launch["starts_on"].date() == dt.date(2023, 3, 13)
    assert launch["when_label"] == "Le lundi 13 mars"  # 13 March 2023 is a Monday
    assert moments.iloc[2]["when_label"] == "du 2 au 8 mai 2023"
    assert len(campaigns.list_commitment_types(db, new_id)) == 10
    channels = campaigns.list_channels(db, new_id)
    assert channels.iloc[0]["as_of"].date() == dt.date(2021, 4, 7)  # a measurement, not a schedule
    assert copy.reach_note == "Données mises à jour le 7 avril 2021"
    assert campaigns.current_campaign(db).slug == "choisir-2022-2023"  # not current until chosen
    assert db.scalar("SELECT actor FROM audit_log WHERE action = 'campaign.create' ORDER BY id DESC LIMIT 1") \
        == "staff-test"


def test_copying_twice_is_refused(db):
    source = campaigns.current_campaign(db)
    campaigns.copy_campaign(db, source.id, actor="staff-test")
    with pytest.raises(CampaignError, match="déjà cet identifiant"):
        campaigns.copy_campaign(db, source.id, actor="staff-test")


def test_the_current_campaign_is_a_setting_changed_with_an_audit_row(db):
    new_id = campaigns.copy_campaign(db, campaigns.current_campaign(db).id, actor="staff-test")
    campaigns.set_current_campaign(db, "choisir-2023-2024", actor="staff-test")
    assert campaigns.current_campaign(db).id == new_id
    listed = campaigns.list_campaigns(db)
    assert list(listed.loc[listed["is_current"], "slug"]) == ["choisir-2023-2024"]
    assert db.scalar("SELECT count(*) FROM audit_log WHERE action = 'campaign.set_current'") == 1
    with pytest.raises(CampaignError):
        campaigns.set_current_campaign(db, "inconnue", actor="staff-test")


def test_a_campaign_typed_from_scratch_is_validated():
    data = campaigns.empty_campaign_data()
    errors = campaigns.validate_campaign(data)
    assert "Le nom de la campagne est obligatoire." in errors
    assert any(e.startswith("L’identifiant") for e in errors)
    data.update(slug="bouger-2024", name="Bouger", starts_on=dt.date(2024, 3, 1), valid_until=dt.date(2024, 1, 1),
                report_due=dt.date(2024, 2, 1),
                moments=[{"key": "a", "kind": "jour", "when": "x", "starts_on": dt.date(2024, 3, 2),
                          "ends_on": dt.date(2024, 3, 1)}],
                commitments=[{"key": "Pas Bon", "label": "x"}, {"key": "Pas Bon", "label": "y"}])
    errors = campaigns.validate_campaign(data)
    assert "La fin de validité de l’entente doit suivre la date de début." in errors
    assert any("le type doit être" in e for e in errors)
    assert any("la fin précède le début" in e for e in errors)
    assert any("en double" in e for e in errors)


def test_a_new_campaign_round_trips_through_the_editors(db):
    data = campaigns.campaign_as_data(db, campaigns.current_campaign(db).id)
    frames = campaigns.editor_frames(campaigns.copied_campaign_data(data))
    back = campaigns.data_from_editors(campaigns.copied_campaign_data(data), frames)
    assert campaigns.validate_campaign(back) == []
    new_id = campaigns.create_campaign(db, back, actor="staff-test", make_current=True)
    assert campaigns.current_campaign(db).id == new_id
    assert len(campaigns.list_moments(db, new_id)) == 8


def test_editor_rows_typed_as_text_are_read_back():
    import pandas as pd

    frames = campaigns.editor_frames(campaigns.empty_campaign_data())
    frames["commitments"] = pd.DataFrame([{"key": "a", "label": "A", "with_moments": "false"},
                                          {"key": "b", "label": "B", "with_moments": "true"}])
    frames["channels"] = pd.DataFrame([{"key": "fb", "label": "Facebook", "audience": "1200", "as_of": "2024-01-31"}])
    data = campaigns.data_from_editors(campaigns.empty_campaign_data(), frames)
    assert [c["with_moments"] for c in data["commitments"]] == [False, True]
    assert data["channels"][0]["audience"] == 1200
    assert data["channels"][0]["as_of"] == dt.date(2024, 1, 31)


def test_creating_or_switching_campaigns_needs_an_active_staff_account(db):
    from tests.conftest import make_user

    source = campaigns.current_campaign(db)
    make_user(db, "board", "ca-test")
    audited = db.scalar("SELECT count(*) FROM audit_log WHERE action LIKE 'campaign.%'")
    for actor in ("ca-test", "inconnu"):
        with pytest.raises(AccessDenied):
            campaigns.copy_campaign(db, source.id, actor=actor)
        with pytest.raises(AccessDenied):
            campaigns.set_current_campaign(db, source.slug, actor=actor)
    assert len(campaigns.list_campaigns(db)) == 1
    assert db.scalar("SELECT count(*) FROM audit_log WHERE action LIKE 'campaign.%'") == audited


def test_campaign_texts_with_control_characters_are_refused(db):
    data = campaigns.copied_campaign_data(campaigns.campaign_as_data(db, campaigns.current_campaign(db).id))
    data["purpose"] = "Texte collé\x0bdepuis Word"
    assert any("caractères de contrôle" in error for error in campaigns.validate_campaign(data))
