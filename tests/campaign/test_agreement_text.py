"""The agreement as the document writes it, what the app inferred, and staff's corrections (issue 13)."""
from datetime import date

import pytest

from lib.campaign import agreement_text, campaigns
from lib.campaign.campaigns import CampaignError

SEED = "choisir-2022-2023"


def _seed_data(db) -> dict:
    return campaigns.campaign_as_data(db, campaigns.get_campaign_by_slug(db, SEED).id)


def _weekday_issues(data: dict) -> list[str]:
    return [i for i in agreement_text.date_issues(data["moments"], data["starts_on"], data["agreement_start"])
            if "pas un" in i]


def test_the_weekday_mismatch_is_reported_for_the_seed_campaign_and_none_of_its_copies(db):
    data = _seed_data(db)
    assert _weekday_issues(data) == ["« Le jeudi 30 mars » : le 30 mars 2022 est un mercredi, pas un jeudi. "
                                     "Corrigez la date ou le texte."]
    copy = campaigns.copied_campaign_data(data)
    assert _weekday_issues(copy) == []
    assert _weekday_issues(campaigns.copied_campaign_data(copy)) == []
    tougo = next(m for m in copy["moments"] if m["key"] == "tougo")
    assert agreement_text.weekday_mismatch(tougo["when"], tougo["starts_on"]) is None


def test_each_moment_says_which_date_it_uses_and_what_was_inferred(db):
    moments = {m["key"]: m for m in _seed_data(db)["moments"]}
    tougo = moments["tougo"]
    assert agreement_text.used_dates(tougo["when"], tougo["kind"], tougo["starts_on"], tougo["ends_on"]) == (
        "date retenue : mercredi 30 mars 2022 (année déduite par l’application; le document dit « jeudi », mais "
        "le 30 mars 2022 est un mercredi)")
    summer = moments["ete"]
    assert "dates déduites" in agreement_text.used_dates(summer["when"], summer["kind"], summer["starts_on"],
                                                         summer["ends_on"])
    week = moments["semaine-sante-mentale"]  # "du 2 au 8 mai 2022": written in full, nothing inferred
    assert agreement_text.inferred_parts(week["when"], week["kind"]) == []
    issues = agreement_text.date_issues(list(moments.values()), date(2022, 3, 13), "à sa signature")
    assert any(i.startswith("Début de la campagne : 13 mars 2022, déduit") for i in issues)
    assert any(i.startswith("« En novembre » : dates déduites") for i in issues)


def test_the_plan_de_diffusion_keeps_the_documents_word_order_and_bold():
    assert agreement_text.moment_sentence("du 2 au 8 mai 2022", "Durant la Semaine de la santé mentale") == [
        ("Durant la Semaine de la santé mentale ", False), ("du ", False), ("2 au 8 mai 2022", True)]
    assert agreement_text.moment_sentence("Le dimanche 13 mars", "pour le lancement de la campagne CHOISIR",
                                          ["CHOISIR"]) == [
        ("Le ", False), ("dimanche 13 mars", True), (" pour le lancement de la campagne ", False),
        ("CHOISIR", True)]
    assert agreement_text.astuce("CHOISIR, c'est ouvrir une porte") == "CHOISIR"


def test_staff_correct_a_moments_date_and_an_unchanged_save_is_not_journaled(db):
    campaign = campaigns.get_campaign_by_slug(db, SEED)
    moments = campaigns.list_moments(db, campaign.id)
    rows = [{"key": r.key, "when": r.when_label, "starts_on": r.starts_on, "ends_on": r.ends_on}
            for r in moments.itertuples()]
    audits = "SELECT count(*) FROM audit_log WHERE action = 'campaign.update'"
    assert campaigns.update_campaign_details(db, campaign.id, actor="staff", starts_on=campaign.starts_on,
                                             questionnaire_url="", moments=rows) == []
    assert db.scalar(audits) == 0
    tougo = next(r for r in rows if r["key"] == "tougo")
    tougo["when"] = "Le mercredi 30 mars"
    changed = campaigns.update_campaign_details(db, campaign.id, actor="staff", moments=rows,
                                                questionnaire_url="https://exemple.org/questionnaire")
    assert changed == ["questionnaire_url", "moment:tougo"] and db.scalar(audits) == 1
    assert campaigns.get_campaign(db, campaign.id).questionnaire_url == "https://exemple.org/questionnaire"
    assert _weekday_issues(_seed_data(db)) == []
    with pytest.raises(CampaignError) as error:
        campaigns.update_campaign_details(db, campaign.id, actor="staff", questionnaire_url="pas un lien")
    assert "Le lien du questionnaire" in error.value.messages[0]
