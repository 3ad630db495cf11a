"""Checks for the verbatim seed transcriptions in data/seed/.

* data/seed/plan-action-rocsmo.yaml        <- shared/seeds/plan-action-rocsmo.txt
* data/seed/campagne-choisir-2022-2023.yaml <- shared/seeds/entente-ambassadeurs-campagne-choisir-2022-2023.txt
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
SEED_DIR = REPO / "data" / "seed"
PLAN_PATH = SEED_DIR / "plan-action-rocsmo.yaml"
CAMPAIGN_PATH = SEED_DIR / "campagne-choisir-2022-2023.yaml"

SHARED_SEEDS = REPO.parent / "shared" / "seeds"
PLAN_SOURCE = SHARED_SEEDS / "plan-action-rocsmo.txt"
CAMPAIGN_SOURCE = SHARED_SEEDS / "entente-ambassadeurs-campagne-choisir-2022-2023.txt"

MEANS_KEYS = {"text", "period", "indicator", "responsible"}


def collapse(text: str) -> str:
    """Collapse every whitespace run to a single space."""
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def plan() -> dict:
    with PLAN_PATH.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@pytest.fixture(scope="module")
def campaign() -> dict:
    with CAMPAIGN_PATH.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def all_means(plan: dict) -> list[dict]:
    return [m for axis in plan["axes"] for action in axis["actions"] for m in action["means"]]


def find_means(plan: dict, text: str) -> dict:
    matches = [m for m in all_means(plan) if m["text"] == text]
    assert len(matches) == 1, f"expected exactly one means {text!r}, got {len(matches)}"
    return matches[0]


# --------------------------------------------------------------------------- plan


def test_plan_header(plan):
    assert plan["slug"] == "rocsmo-plan-action"
    assert plan["title"] == "Plan d’action du ROCSMO"
    paragraphs = plan["context"].split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("À l’hiver 2018 le regroupement")
    assert paragraphs[-1].endswith("adaptable aux nouvelles réalités.")
    assert "MOBILISER" not in plan["context"]


def test_plan_orientations(plan):
    orientations = plan["orientations"]
    assert orientations["year"] == 2018
    strategies = orientations["strategies"]
    assert [s["number"] for s in strategies] == [1, 2, 3, 4, 5]
    assert [s["name"] for s in strategies] == [
        "MOBILISER", "FORMER", "REPRÉSENTER", "DÉVELOPPER", "GOUVERNER",
    ]
    assert [s["gloss"] for s in strategies] == [
        "RÉFLÉCHIR ENSEMBLE", "TRANSMETTRE", "ÊTRE VISIBLE ET PARLER",
        "ÉCOUTER ET CONNAITRE LES BESOINS", "ADMINISTRER",
    ]
    assert [len(s["items"]) for s in strategies] == [4, 2, 3, 4, 5]
    for s in strategies:
        assert [i["letter"] for i in s["items"]] == list("abcde"[: len(s["items"])])
    assert strategies[1]["items"][1]["label"] == "Cibler (DG, intervenants, administrateurs)"


def test_plan_counts(plan):
    axes = plan["axes"]
    assert len(axes) == 6
    assert [a["number"] for a in axes] == [1, 2, 3, 4, 5, 6]
    assert [a["name"] for a in axes] == [
        "MOBILISATION", "FORMATION", "REPRÉSENTATION",
        "COMMUNICATION ET PROMOTION", "SOUTIEN AUX MEMBRES", "GESTION ET GOUVERNANCE",
    ]
    assert sum(len(a["actions"]) for a in axes) == 21
    assert len(all_means(plan)) == 55
    assert [len(a["actions"]) for a in axes] == [4, 3, 4, 3, 3, 4]
    assert [sum(len(act["means"]) for act in a["actions"]) for a in axes] == [12, 6, 10, 10, 7, 10]


def test_plan_structure_types(plan):
    for axis in plan["axes"]:
        assert isinstance(axis["objective"], str) and axis["objective"]
        for action in axis["actions"]:
            assert isinstance(action["title"], str) and action["title"]
            assert action["means"]
            for m in action["means"]:
                assert set(m) == MEANS_KEYS
                for key in MEANS_KEYS:
                    assert isinstance(m[key], str), (key, m)
                    assert m[key] == m[key].strip()
                assert m["text"] and m["period"] and m["indicator"]


def test_only_one_empty_responsible(plan):
    empty = [m["text"] for m in all_means(plan) if m["responsible"] == ""]
    assert empty == ["Identifier les meilleures stratégies"]


@pytest.mark.parametrize(
    "text, period, indicator, responsible",
    [
        (
            "Recenser de potentiels nouveaux membres",
            "Annuellement au mois de mars – 1re campagne au mois mars 2022",
            "Avoir une liste de potentiels nouveaux membres et avoir fait des appels et des rencontres des potentiels",
            "DG + stagiaire",
        ),
        (
            "Organiser une mini campagne de recrutement",
            "En continu",
            "Avoir recruté au moins 10 nouveaux membres d’ici 2024",
            "DG + CA + membres + stagiaires",
        ),
        (
            "Offrir trois activités de formations par année selon les besoins recensés",
            "Novembre, AGA et mars",
            "Avoir offert trois activités de formations réussies en lien avec les besoins des membres",
            "Membres + formateur + DG et stagiaire pour l’organisation",
        ),
        (
            "Créer et mettre à une liste de formations disponible et de formateurs",
            "Annuellement au mois de janvier",
            "Avoir une liste à jour des formations et des formateurs en lien avec les besoins des membres",
            "Stagiaire",
        ),
        (
            "Créer des liens de proximité avec la TROCAO",
            "Rencontre en avril 2021 + En continu",
            "Avoir organisé une rencontre avec l’équipe de la TROCAO et avoir maintenu les liens",
            "DG + Présidente",
        ),
        (
            "Communiquer d’une façon ponctuelle avec les médias",
            "En continu",
            "Avoir communiqué avec les différents élus lors des moments stratégiques",
            "DG",
        ),
        (
            "Identifier les meilleures stratégies",
            "Avril 2021",
            "Avoir une bonne idée de ce que nous souhaitons avoir comme moyens de communication et de promotion",
            "",
        ),
        (
            "Faire un plan de communication",
            "Mai 2021",
            "Avoir un plan de communication à l’image des besoins du ROCSMO et de ses membres",
            "DG + contractuelle ?",
        ),
        (
            "Optimiser les médias sociaux",
            "En continu",
            "Avoir fait des « Post » Facebook d’une façon régulière",
            "DG + membres",
        ),
        (
            "Souligner et diffuser les bons coups des membres du ROCSMO",
            "Annuellement au mois de févier",
            "Avoir souligné d’une façon créative les bons coups des membres du ROCSMO",
            "DG + CA + comité",
        ),
        (
            "Organisé une tournée téléphonique annuellement afin de mieux connaitre les besoins des membres "
            "en fait de soutien",
            "Annuellement au mois de janvier",
            "Avoir communiqué avec les membres annuellement",
            "DG + stagiaire",
        ),
        (
            "Mettre à jour les règlements généraux et les faire adopter en AGA",
            "2021 Adoption AGA 2022",
            "Avoir des règlements actualisés aux réalités du ROCSMO",
            "DG + CA + organisateur communautaire + membres",
        ),
        (
            "Réviser toutes les politiques du ROCSMO et les faire adopter par le CA",
            "Été 2021 Adoption automne 2021",
            "Avoir des politiques actualisés aux réalités du ROCSMO",
            "DG + CA",
        ),
        (
            "Faire l’achat de l’équipement pour le bon fonctionnement",
            "2021-2022",
            "Avoir l’équipement nécessaire pour les besoins du ROCSMO",
            "DG",
        ),
    ],
)
def test_plan_sample_rows(plan, text, period, indicator, responsible):
    m = find_means(plan, text)
    assert m["period"] == period
    assert m["indicator"] == indicator
    assert m["responsible"] == responsible


def test_plan_sample_actions(plan):
    titles = [[act["title"] for act in axis["actions"]] for axis in plan["axes"]]
    assert titles[0] == [
        "Développer une vie associative dynamique et engagée",
        "Porter des projets collectifs sur des enjeux identifiés",
        "Assurer une cohésion entre les membres",
        "Recruter de nouveaux membres",
    ]
    assert titles[1][1] == (
        "Faire la promotion du mouvement communautaire en santé mentale et des enjeux "
        "auprès de la population et des partenaires"
    )
    assert titles[4][2] == "Être à l’écoute des membres"
    assert titles[5][3] == "Assurer les ressources matérielles"


def test_plan_apostrophes_are_typographic(plan):
    dumped = PLAN_PATH.read_text(encoding="utf-8")
    # The plan document only uses U+2019; no ASCII apostrophe should appear in values.
    for m in all_means(plan):
        for key in MEANS_KEYS:
            assert "'" not in m[key], m
    assert "’" in dumped


@pytest.mark.skipif(not PLAN_SOURCE.exists(), reason="shared plan source not available")
def test_plan_fidelity_against_source(plan):
    source = collapse(PLAN_SOURCE.read_text(encoding="utf-8"))
    missing = []

    def check(value: str, where: str) -> None:
        if value and collapse(value) not in source:
            missing.append((where, value))

    for paragraph in plan["context"].split("\n\n"):
        check(paragraph, "context")
    for s in plan["orientations"]["strategies"]:
        check(f'{s["number"]}. {s["name"]} ({s["gloss"]})', "strategy")
        for item in s["items"]:
            check(f'{item["letter"]}. {item["label"]}', "strategy item")
    for axis in plan["axes"]:
        check(f'AXE {axis["number"]} : {axis["name"]}', "axis")
        check(axis["objective"], "objective")
        for action in axis["actions"]:
            check(action["title"], "action")
            for m in action["means"]:
                for key in ("text", "period", "indicator", "responsible"):
                    check(m[key], key)
    assert not missing, missing


# ----------------------------------------------------------------------- campaign


EXPECTED_MOMENTS = [
    ("lancement", "date", dt.date(2022, 3, 13), dt.date(2022, 3, 13)),
    ("tougo", "date", dt.date(2022, 3, 30), dt.date(2022, 3, 30)),
    ("semaine-sante-mentale", "range", dt.date(2022, 5, 2), dt.date(2022, 5, 8)),
    ("webinaire-autodetermination", "date", dt.date(2022, 5, 5), dt.date(2022, 5, 5)),
    ("ete", "season", dt.date(2022, 6, 1), dt.date(2022, 8, 31)),
    ("projet-jeunesse", "season", dt.date(2022, 9, 1), dt.date(2022, 11, 30)),
    ("fete-des-voisins", "month", dt.date(2022, 11, 1), dt.date(2022, 11, 30)),
    ("journee-collegial", "date", dt.date(2022, 11, 10), dt.date(2022, 11, 10)),
]


def test_campaign_header(campaign):
    assert campaign["slug"] == "choisir-2022-2023"
    assert campaign["slogan"] == "CHOISIR, c'est ouvrir une porte"
    assert campaign["organiser"] == "Mouvement Santé mentale Québec"
    assert campaign["website"] == "etrebiendanssatete.ca"
    assert campaign["starts_on"] == dt.date(2022, 3, 13)
    assert campaign["valid_until"] == dt.date(2023, 2, 28)
    assert campaign["report_due"] == dt.date(2023, 2, 15)
    assert campaign["reach_as_of"] == dt.date(2021, 4, 7)
    assert campaign["agreement_start"] == "à sa signature"
    assert campaign["purpose"].startswith("L'objectif de ce partenariat")
    assert "**" not in campaign["purpose"]
    assert "l'astuce CHOISIR. En tant" in campaign["purpose"]
    assert campaign["report_request"].endswith("au plus tard le 15 février 2023.")
    assert campaign["contact"] == {
        "name": "Caroline Drolet",
        "title": "Responsable des communications et des partenariats",
        "email": "biendanssatete@mouvementsmq.ca",
    }


def test_campaign_channels(campaign):
    channels = campaign["channels"]
    assert [(c["key"], c["audience"]) for c in channels] == [
        ("facebook", 1315000),
        ("twitter", 108300),
        ("linkedin", 90000),
        ("instagram", 53000),
        ("website", 76250),
    ]
    assert all(isinstance(c["audience"], int) for c in channels)
    assert channels[2]["label"] == "LinkedIn (incluant compte de la directrice et compte MSMQ)"


def test_campaign_organiser_commitments(campaign):
    commitments = campaign["organiser_commitments"]
    assert len(commitments) == 3
    assert commitments[0].endswith("site internet de ce dernier;")
    assert commitments[1].endswith("(100 mots environ);")
    assert commitments[2].endswith("rédigé par ce dernier.")


def test_campaign_moments(campaign):
    moments = campaign["moments"]
    assert len(moments) == 8
    assert [(m["key"], m["kind"], m["starts_on"], m["ends_on"]) for m in moments] == EXPECTED_MOMENTS
    for m in moments:
        assert m["starts_on"].year == 2022 and m["ends_on"].year == 2022
        assert m["starts_on"] <= m["ends_on"]
        assert "↘" not in m["when"] and "*" not in m["when"] and "*" not in m["description"]
        for key in ("when", "description", "checklist_label"):
            assert isinstance(m[key], str) and m[key]
    by_key = {m["key"]: m for m in moments}
    assert by_key["lancement"]["when"] == "Le dimanche 13 mars"
    assert by_key["tougo"]["when"] == "Le jeudi 30 mars"
    assert by_key["projet-jeunesse"]["checklist_label"].startswith("En septembre ")
    assert by_key["journee-collegial"]["checklist_label"] == (
        "Le 10 novembre pour souligner la Journée de la santé mentale au collégial"
    )


def test_campaign_commitments(campaign):
    commitments = campaign["commitments"]
    assert len(commitments) == 10
    assert len({c["key"] for c in commitments}) == 10
    flagged = [c for c in commitments if c["with_moments"] is True]
    assert len(flagged) == 1
    assert flagged[0]["label"] == "Diffuser de l'information lors de divers moments forts, veuillez les choisir :"
    assert all(isinstance(c["with_moments"], bool) for c in commitments)
    assert commitments[0]["key"] == "partager-publications"
    assert commitments[2]["label"] == "Diffuser de l'information dans son Infolettre ou son intranet;"
    assert commitments[-1]["label"] == "Rédiger un billet pour le blogue du Mouvement SMQ."
    assert campaign["checklist_instruction"] == "Veillez cocher vos choix de promotion:"


@pytest.mark.skipif(not CAMPAIGN_SOURCE.exists(), reason="shared campaign source not available")
def test_campaign_fidelity_against_source(campaign):
    raw = CAMPAIGN_SOURCE.read_text(encoding="utf-8")
    # Drop markdown emphasis markers and the footnote call, as the transcription does.
    source = collapse(raw.replace("**", "").replace("*", "").replace("¹", ""))
    values = [
        campaign["agreement_title"], campaign["slogan"], campaign["purpose"],
        campaign["ambassador_status"], campaign["report_request"],
        campaign["questionnaire_invitation"], campaign["questionnaire_label"],
        campaign["reach_title"], campaign["reach_note"],
        campaign["organiser_commitments_intro"], campaign["diffusion_intro"],
        campaign["commitments_intro"], campaign["checklist_instruction"],
        campaign["contact"]["name"], campaign["contact"]["title"], campaign["contact"]["email"],
        f'La présente entente entrera en vigueur {campaign["agreement_start"]}',
        *campaign["organiser_commitments"],
        *(c["label"] for c in campaign["channels"]),
        *(c["label"] for c in campaign["commitments"]),
    ]
    for m in campaign["moments"]:
        values += [m["when"], m["description"], m["checklist_label"]]
    missing = [v for v in values if collapse(v) not in source]
    assert not missing, missing
