"""The campaign's moments forts and commitments with optional English texts: stored by staff's
corrections (validated, audited), kept by a copy, shown on English screens only."""
import datetime as dt

import pandas as pd
import pytest

from lib.campaign import ambassadors, campaigns, impact_reports, listings, report_figures
from lib.campaign.campaigns import CampaignError
from tests.ambassador_helpers import approved, current_id, ensure_staff

LAUNCH_EN = "On the launch of the campaign"


@pytest.fixture
def cid(db):
    ensure_staff(db)
    return campaigns.current_campaign(db).id


def _moment(db, cid, key, **english):
    row = campaigns.list_moments(db, cid).set_index("key").loc[key]
    return {"key": key, "when": row["when_label"], "starts_on": row["starts_on"], "ends_on": row["ends_on"], **english}


def test_staff_add_english_texts_to_a_moment_and_a_commitment_and_each_is_journaled(db, cid):
    changed = campaigns.update_campaign_details(
        db, cid, actor="staff-test",
        moments=[_moment(db, cid, "semaine-sante-mentale", when_en=" May 2 to 8, 2022 ", description_en="",
                         checklist_label_en="May 2 to 8 for Mental Health Week")],
        commitments=[{"key": "partager-publications", "label_en": "Share the Movement's posts"}])
    assert changed == ["moment:semaine-sante-mentale", "commitment:partager-publications"]
    row = db.query_one("SELECT when_label, when_label_en, description_en, checklist_label_en FROM campaign_moments"
                       " WHERE campaign_id = ? AND key = 'semaine-sante-mentale'", [cid])
    assert row == ("du 2 au 8 mai 2022", "May 2 to 8, 2022", None, "May 2 to 8 for Mental Health Week")
    assert db.scalar("SELECT label_en FROM commitment_types WHERE campaign_id = ? AND key = 'partager-publications'",
                     [cid]) == "Share the Movement's posts"
    details = db.scalar("SELECT details FROM audit_log WHERE action = 'campaign.update'")
    assert "May 2 to 8 for Mental Health Week" in details and "Share the Movement's posts" in details
    # Nothing given, or the same again: nothing written.
    assert campaigns.update_campaign_details(db, cid, actor="staff-test",
                                             moments=[_moment(db, cid, "semaine-sante-mentale")]) == []
    assert campaigns.update_campaign_details(
        db, cid, actor="staff-test", commitments=[{"key": "partager-publications",
                                                   "label_en": "Share the Movement's posts"}]) == []
    # A blank English text removes it.
    campaigns.update_campaign_details(db, cid, actor="staff-test",
                                      commitments=[{"key": "partager-publications", "label_en": "  "}])
    assert db.scalar("SELECT label_en FROM commitment_types WHERE campaign_id = ? AND key = 'partager-publications'",
                     [cid]) is None


def test_english_texts_are_refused_with_control_characters_or_too_long(db, cid):
    with pytest.raises(CampaignError) as error:
        campaigns.update_campaign_details(
            db, cid, actor="staff-test", moments=[_moment(db, cid, "ete", checklist_label_en="Sum\x07mer")],
            commitments=[{"key": "banniere-web", "label_en": "x" * (campaigns.ENGLISH_MAX_CHARS + 1)}])
    assert error.value.messages == [
        "Moment fort « ete » : le texte anglais contient des caractères de contrôle non permis.",
        "Engagement « banniere-web » : le texte anglais dépasse 500 caractères."]
    assert db.scalar("SELECT count(*) FROM campaign_moments WHERE checklist_label_en IS NOT NULL") == 0


def test_english_screens_read_the_english_texts_and_french_ones_never_do(db, cid):
    campaigns.update_campaign_details(
        db, cid, actor="staff-test", moments=[_moment(db, cid, "lancement", checklist_label_en=LAUNCH_EN)],
        commitments=[{"key": "moments-forts", "label_en": "Share news at key moments:"}])
    english = campaigns.list_moments(db, cid, "en").set_index("key")
    french = campaigns.list_moments(db, cid).set_index("key")
    assert english.loc["lancement", "checklist_label"] == LAUNCH_EN
    assert french.loc["lancement", "checklist_label"] != LAUNCH_EN
    assert english.loc["ete", "checklist_label"] == french.loc["ete", "checklist_label"]  # none: the French
    assert english.loc["lancement", "when_label"] == french.loc["lancement", "when_label"]
    assert campaigns.list_commitment_types(db, cid, "en").set_index("key").loc["moments-forts", "label"] == \
        "Share news at key moments:"
    assert "Share news at key moments:" not in set(campaigns.list_commitment_types(db, cid)["label"])
    assert LAUNCH_EN in set(listings.moment_counts(db, cid, "en")["checklist_label"])
    assert LAUNCH_EN not in set(listings.moment_counts(db, cid)["checklist_label"])
    assert "Share news at key moments:" in set(listings.commitment_counts(db, cid, "en")["label"])
    ambassador_id = approved(db)
    assert LAUNCH_EN in set(report_figures.moment_grid(db, cid, "en")["when_label"])
    assert LAUNCH_EN not in set(report_figures.moment_grid(db, cid)["when_label"])
    agreement = ambassadors.get_agreement(db, ambassador_id)
    assert LAUNCH_EN in [item.label for item in impact_reports.report_items(db, agreement, "en")]
    assert LAUNCH_EN not in [item.label for item in impact_reports.report_items(db, agreement)]
    assert current_id(db) == cid


def test_a_copy_keeps_the_english_texts_a_year_on_and_drops_a_dated_weekday(db, cid):
    campaigns.update_campaign_details(db, cid, actor="staff-test", moments=[
        _moment(db, cid, "journee-collegial", when_en="Thursday, November 10", description_en="For college 2022"),
        _moment(db, cid, "ete", when_en="In summer 2022")],
        commitments=[{"key": "moments-forts", "label_en": "Share news at key moments:"}])
    new_id = campaigns.copy_campaign(db, cid, actor="staff-test")
    moments = campaigns.list_moments(db, new_id).set_index("key")
    assert pd.isna(moments.loc["journee-collegial", "when_label_en"])  # its weekday would be wrong a year on
    assert moments.loc["journee-collegial", "description_en"] == "For college 2023"
    assert moments.loc["ete", "when_label_en"] == "In summer 2023"
    assert campaigns.list_commitment_types(db, new_id).set_index("key").loc["moments-forts", "label_en"] == \
        "Share news at key moments:"
    assert moments.loc["ete", "starts_on"].date() == dt.date(2023, 6, 1)
