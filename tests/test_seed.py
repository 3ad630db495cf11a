"""Seeding: counts, fidelity to the documents, idempotence, staff changes kept."""
import datetime as dt

from lib.plan import items
from lib.plan.parties import parse_parties
from lib.seed import seed_database


def test_seed_has_six_axes_21_actions_55_means_with_the_right_counts_per_axis(db):
    plan_id = items.current_plan_id(db)
    rows = items.list_plan_items(db, plan_id)
    assert len(rows) == 55
    assert rows["action_id"].nunique() == 21
    assert rows.groupby("axis_number").size().tolist() == [12, 6, 10, 10, 7, 10]
    assert rows.groupby("axis_number")["action_id"].nunique().tolist() == [4, 3, 4, 3, 3, 4]


def test_seed_keeps_the_documents_wording_exactly(db):
    rows = {r[0]: r[1:] for r in db.query("SELECT text, period_label, indicator, responsible_label FROM means")}
    assert rows["Recenser de potentiels nouveaux membres"] == (
        "Annuellement au mois de mars – 1re campagne au mois mars 2022",
        "Avoir une liste de potentiels nouveaux membres et avoir fait des appels et des rencontres des potentiels",
        "DG + stagiaire")
    assert rows["Souligner et diffuser les bons coups des membres du ROCSMO"][0] == "Annuellement au mois de févier"
    assert rows["Offrir trois activités de formations par année selon les besoins recensés"][0] == \
        "Novembre, AGA et mars"
    assert rows["Identifier les meilleures stratégies"][2] == ""
    assert db.scalar("SELECT objective FROM axes WHERE number = 6") == \
        "Assurer une saine gestion et la gouvernance du ROCSMO"


def test_seed_campaign_has_its_moments_reach_and_deadlines(db):
    campaign = db.query_one("SELECT slogan, report_due, valid_until, contact_email FROM campaigns")
    assert campaign == ("CHOISIR, c'est ouvrir une porte", dt.date(2023, 2, 15), dt.date(2023, 2, 28),
                        "biendanssatete@mouvementsmq.ca")
    moments = db.query("SELECT key, starts_on, ends_on FROM campaign_moments ORDER BY position")
    assert len(moments) == 8
    assert moments[0] == ("lancement", dt.date(2022, 3, 13), dt.date(2022, 3, 13))
    assert moments[1][1] == dt.date(2022, 3, 30)
    reach = db.query("SELECT label, audience, as_of FROM campaign_channels ORDER BY position")
    assert [r[1] for r in reach] == [1315000, 108300, 90000, 53000, 76250]
    assert {r[2] for r in reach} == {dt.date(2021, 4, 7)}
    assert db.scalar("SELECT count(*) FROM commitment_types") == 10
    assert db.scalar("SELECT count(*) FROM organiser_commitments") == 3


def test_seeding_again_inserts_nothing_and_keeps_staff_changes(db):
    db.transaction(lambda cur: cur.execute(
        "UPDATE means SET text = 'Texte corrigé', updated_by = 'dg' WHERE seed_key = 'rocsmo-plan-action:1.1.1'"))
    assert seed_database(db) == {"settings": 0, "plan": False, "campaign": False}
    assert db.scalar("SELECT count(*) FROM means") == 55
    assert db.scalar("SELECT text FROM means WHERE seed_key = 'rocsmo-plan-action:1.1.1'") == "Texte corrigé"


def test_parties_are_parsed_from_the_label_as_written():
    assert parse_parties("DG + CA + membres") == ["DG", "CA", "Membres"]
    assert parse_parties("Membres + formateur + DG et stagiaire pour l’organisation") == [
        "Membres", "Formateur", "DG", "Stagiaire"]
    assert parse_parties("DG + contractuelle ? ") == ["DG", "Contractuelle"]
    assert parse_parties("DG + CA + membres + stagiaires") == ["DG", "CA", "Membres", "Stagiaire"]
    assert parse_parties("") == []
