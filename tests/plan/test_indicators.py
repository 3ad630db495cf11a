"""Unit tests for lib.plan.indicators: targets read from indicators, quantities, progress."""
from __future__ import annotations

from datetime import date

import pytest

from lib.core.messages import translate_message
from lib.plan.indicators import Progress, Target, derive_target, parse_quantity, progress_toward, read_quantity_fr

D = date

RECRUIT = "Avoir recruté au moins 10 nouveaux membres d’ici 2024"
TABLE_DG = "Avoir une table des DG qui se rencontre au moins 4 fois par année"
TRAINING_MEANS = "Offrir trois activités de formations par année selon les besoins recensés"
TRAINING = "Avoir offert trois activités de formations réussies en lien avec les besoins des membres"
NEWSLETTER = "Avoir produit une infolettre mensuellement"
DIRECTOR = "Avoir une direction à minimum 21 heures par semaine"


# --------------------------------------------------------------------------- the plan's numeric indicators

def test_recruiting_ten_members_by_2024_is_a_count_by_the_end_of_2024():
    target = derive_target(RECRUIT, "Organiser une mini campagne de recrutement", "En continu")
    assert target == Target("count_by", quantity=10, per=None, deadline=D(2024, 12, 31),
                            unit_fr="nouveaux membres", source=RECRUIT)


def test_table_meeting_four_times_a_year_is_a_yearly_frequency_of_meetings():
    target = derive_target(TABLE_DG, "Mettre en place une Table des directeurs.trices.", "Avril 2021")
    assert (target.kind, target.quantity, target.per, target.unit_fr) == ("frequency", 4, "year", "rencontres")
    assert target.deadline is None


def test_three_trainings_a_year_are_read_from_the_means_when_the_indicator_is_vague():
    target = derive_target(TRAINING, TRAINING_MEANS, "Novembre, AGA et mars")
    assert (target.kind, target.quantity, target.per) == ("frequency", 3, "year")
    assert target.unit_fr == "activités de formations"
    assert target.source == TRAINING_MEANS


def test_three_trainings_in_the_indicator_alone_are_not_a_frequency():
    # Without "par année" nothing says how often: the item is done or not.
    assert derive_target(TRAINING).kind == "done"


def test_a_monthly_newsletter_is_twelve_newsletters_a_year():
    target = derive_target(NEWSLETTER, "Assurer la circulation des informations par le biais de l’infolettre",
                           "Mensuellement")
    assert (target.kind, target.quantity, target.per, target.unit_fr) == ("frequency", 12, "year", "infolettres")


def test_a_newsletter_with_a_monthly_period_is_twelve_a_year_even_without_the_adverb():
    target = derive_target("Avoir produit une infolettre", "", "Mensuellement")
    assert (target.kind, target.quantity, target.per, target.unit_fr) == ("frequency", 12, "year", "infolettres")


def test_a_monthly_period_alone_does_not_turn_vague_text_into_a_count():
    assert derive_target("Avoir une bonne idée de ce qui se fait", "", "Mensuellement").kind == "done"


def test_director_hours_per_week_is_a_threshold():
    target = derive_target(DIRECTOR, "Maintenir en emploi la direction générale", "En continu")
    assert target == Target("threshold", quantity=21, per="week", deadline=None, unit_fr="heures", source=DIRECTOR)


PLAN_DONE_INDICATORS = [
    ("Avoir une bonne vie associative et des membres qui participent", "En continu"),
    ("Avoir communiqué avec les membres d’une façon constante et variée", "En continu"),
    ("Avoir des projets collectifs rassembleurs", "Lors des rencontres de la Table des DG"),
    ("Avoir un comité de travail engagé", "Avril 2021"),
    ("Avoir une liste de potentiels nouveaux membres et avoir fait des appels et des rencontres des potentiels",
     "Annuellement au mois de mars – 1re campagne au mois mars 2022"),
    ("Avoir préparé une trousse et l’avoir remis aux nouveaux membres", "Automne 2021"),
    ("Avoir une liste à jour des besoins des membres", "Annuellement au mois de janvier"),
    ("Avoir tenu une table ronde avec succès et avoir eu une bonne participation du public et des membres",
     "Annuellement au mois de septembre"),
    ("Avoir organisé une rencontre avec l’équipe de la TROCAO et avoir maintenu les liens",
     "Rencontre en avril 2021 + En continu"),
    ("Avoir une stratégie efficace avec les différents paliers d’élus", "Automne 2022"),
    ("Avoir une bonne idée de ce que nous souhaitons avoir comme moyens de communication et de promotion",
     "Avril 2021"),
    ("Avoir fait des « Post » Facebook d’une façon régulière", "En continu"),
    ("Avoir participé activement au comité de la semaine de la santé mentale", "Annuellement"),
    ("Avoir souligné d’une façon créative les bons coups des membres du ROCSMO", "Annuellement au mois de févier"),
    ("Avoir des règlements actualisés aux réalités du ROCSMO", "2021 Adoption AGA 2022"),
    ("Avoir préparé annuellement la demande et la reddition de compte du PSOC", "Annuellement"),
    ("Avoir communiqué avec les membres annuellement", "Annuellement au mois de janvier"),
    ("Avoir l’équipement nécessaire pour les besoins du ROCSMO", "2021-2022"),
]


@pytest.mark.parametrize("indicator,period", PLAN_DONE_INDICATORS, ids=[i[0][:40] for i in PLAN_DONE_INDICATORS])
def test_other_plan_indicators_are_done_or_not_done(indicator, period):
    target = derive_target(indicator, "", period)
    assert target.kind == "done"
    assert (target.quantity, target.per, target.deadline, target.unit_fr) == (None, None, None, "")
    assert target.source == indicator


def test_empty_indicator_is_done_or_not_done():
    assert derive_target("") == Target("done", source="")


# --------------------------------------------------------------------------- reading variants

@pytest.mark.parametrize("word,number", [
    ("un", 1), ("une", 1), ("deux", 2), ("trois", 3), ("quatre", 4), ("cinq", 5), ("six", 6),
    ("sept", 7), ("huit", 8), ("neuf", 9), ("dix", 10), ("douze", 12),
])
def test_french_number_words_give_the_frequency(word, number):
    target = derive_target(f"Offrir {word} formations par année")
    assert (target.kind, target.quantity, target.per) == ("frequency", number, "year")


@pytest.mark.parametrize("text,per", [
    ("Tenir 2 rencontres par mois", "month"),
    ("Publier une chronique par semaine", "week"),
    ("Organiser deux activités par an", "year"),
    ("Organiser deux activités chaque année", "year"),
    ("Se réunir 6 fois par année", "year"),
])
def test_frequency_periods(text, per):
    assert derive_target(text).per == per


def test_n_times_counts_meetings_only_when_the_text_speaks_of_meeting():
    assert derive_target("Se réunir 6 fois par année").unit_fr == "rencontres"
    assert derive_target("Publier 6 fois par année").unit_fr == "fois"


def test_frequency_reading_ignores_case_and_accents():
    target = derive_target("AVOIR UNE TABLE DES DG QUI SE RENCONTRE AU MOINS 4 FOIS PAR ANNEE")
    assert (target.kind, target.quantity, target.per) == ("frequency", 4, "year")


def test_count_by_deadline_can_be_a_month():
    target = derive_target("Avoir recruté 5 bénévoles d’ici mars 2023")
    assert (target.kind, target.quantity, target.deadline, target.unit_fr) == (
        "count_by", 5, D(2023, 3, 31), "bénévoles")


def test_count_by_accepts_a_straight_apostrophe():
    target = derive_target("Avoir recruté au moins 10 nouveaux membres d'ici 2024")
    assert (target.kind, target.deadline) == ("count_by", D(2024, 12, 31))


def test_at_least_without_deadline_takes_the_one_off_period_as_deadline():
    target = derive_target("Avoir au moins 15 participants", "", "Automne 2021")
    assert (target.kind, target.quantity, target.deadline, target.unit_fr) == (
        "count_by", 15, D(2021, 11, 30), "participants")
    assert derive_target("Avoir au moins 15 participants", "", "En continu").deadline is None


def test_threshold_in_dollars_per_year():
    target = derive_target("Obtenir minimum 5000 $ par année")
    assert (target.kind, target.quantity, target.per, target.unit_fr) == ("threshold", 5000, "year", "$")


def test_indicator_wins_over_means():
    target = derive_target(TABLE_DG, "Offrir deux formations par année")
    assert target.quantity == 4


# --------------------------------------------------------------------------- parse_quantity

@pytest.mark.parametrize("note,quantity", [
    ("2 nouveaux membres", 2),
    ("trois formations", 3),
    ("la table s'est réunie le 12 mars", 1),
    ("La table s’est réunie le 12 mars 2026", 1),
    ("Réunion du 1er avril", 1),
    ("Rencontre tenue le 12/03/2026", 1),
    ("Rencontre tenue le 2026-03-12", 1),
    ("", None),
    ("   ", None),
    ("rien de neuf", None),
    ("Rien de neuf cette semaine", None),
    ("aucun nouveau membre", 0),
    ("0 inscription", 0),
    ("Ajout d’une liste de 5 membres potentiels", 5),
    ("1re campagne lancée", None),
    ("réunion le 3 février 2026 à 14 h, 8 membres présents", 8),
    ("sept formations données", 7),
    ("Campagne 2026 lancée", None),
    ("une rencontre avec le CA", 1),
    ("on en a fait trois", 3),
    ("21 heures", None),      # a measure, not a count, unless the target is counted in hours (below)
    ("TROIS FORMATIONS", 3),
])
def test_parse_quantity(note, quantity):
    assert parse_quantity(note) == quantity


@pytest.mark.parametrize("note,unit,quantity", [
    ("Appel au 819 555-1234", "nouveaux membres", None),
    ("Appel au 819 555-1234", "", None),
    ("Appel au (819) 555-1234 : 2 nouveaux membres", "nouveaux membres", 2),
    ("45 % de réponses", "nouveaux membres", None),
    ("45 % de réponses", "", None),
    ("50 % atteint", "%", 50),
    ("4 nouveaux membres", "nouveaux membres", 4),
    ("Réunion : 8 membres présents", "nouveaux membres", 8),
    ("3 partenaires rencontrés", "nouveaux membres", None),
    ("trois formations données", "activités de formations", 3),
    ("21 heures", "heures", 21),
    ("21,5 heures", "heures", 22),
    ("21 h de bénévolat", "heures", 21),
    ("Infolettre envoyée le 3 mars", "infolettres", 1),
    ("Appel le 12 mars", "nouveaux membres", None),
    ("une rencontre avec le CA", "rencontres", 1),
])
def test_a_quantity_is_read_only_when_the_note_gives_one_in_the_targets_unit(note, unit, quantity):
    assert parse_quantity(note, unit) == quantity


def test_what_was_read_is_said_in_the_targets_unit():
    members = Target("count_by", quantity=10, unit_fr="nouveaux membres")
    assert read_quantity_fr("Accueil de 4 nouveaux membres", members) == "Quantité lue : 4 nouveaux membres"
    assert read_quantity_fr("Appel au 819 555-1234", members) == \
        "Aucune quantité lue dans la note (cible en nouveaux membres)."
    assert read_quantity_fr("2 membres", Target("done")) is None


def test_parse_quantity_does_not_read_the_day_of_a_date_as_a_quantity():
    assert parse_quantity("la table s'est réunie le 28 novembre") == 1
    assert parse_quantity("réunion le 12 sept") == 1


# --------------------------------------------------------------------------- progress_toward

def test_count_by_sums_everything_up_to_as_of():
    target = derive_target(RECRUIT)
    quantities = [(D(2022, 3, 1), 2), (D(2023, 5, 1), 1), (D(2024, 7, 1), 5)]
    progress = progress_toward(target, quantities, D(2024, 6, 1))
    assert progress == Progress(value=3.0, target=10.0, ratio=0.3, label_fr="3 / 10 nouveaux membres d’ici 2024")


def test_count_by_ratio_is_capped_at_one():
    progress = progress_toward(derive_target(RECRUIT), [(D(2022, 1, 1), 14)], D(2024, 1, 1))
    assert progress.value == 14 and progress.ratio == 1.0


def test_count_by_with_a_month_deadline_names_the_day():
    target = derive_target("Avoir recruté 5 bénévoles d’ici mars 2023")
    assert progress_toward(target, [], D(2022, 1, 1)).label_fr == "0 / 5 bénévoles d’ici le 31 mars 2023"


def test_frequency_counts_only_the_calendar_year_of_as_of():
    target = derive_target(TABLE_DG)
    quantities = [(D(2025, 12, 10), 3), (D(2026, 1, 15), 1), (D(2026, 3, 1), 1), (D(2026, 9, 1), 1)]
    progress = progress_toward(target, quantities, D(2026, 6, 1))
    assert progress == Progress(value=2.0, target=4.0, ratio=0.5, label_fr="2 / 4 rencontres en 2026")


def test_frequency_starts_over_on_january_1():
    target = derive_target(TABLE_DG)
    quantities = [(D(2025, 3, 1), 2), (D(2025, 12, 31), 2)]
    assert progress_toward(target, quantities, D(2025, 12, 31)).value == 4
    assert progress_toward(target, quantities, D(2026, 1, 1)).value == 0


def test_monthly_frequency_counts_the_month_of_as_of():
    target = derive_target("Tenir 2 rencontres par mois")
    quantities = [(D(2026, 1, 31), 1), (D(2026, 2, 1), 1), (D(2026, 2, 20), 1)]
    progress = progress_toward(target, quantities, D(2026, 2, 25))
    assert (progress.value, progress.ratio, progress.label_fr) == (2.0, 1.0, "2 / 2 rencontres en février 2026")


def test_weekly_frequency_counts_the_week_of_as_of():
    target = derive_target("Publier une chronique par semaine")
    quantities = [(D(2026, 1, 4), 1), (D(2026, 1, 5), 1)]  # Sunday, then Monday
    progress = progress_toward(target, quantities, D(2026, 1, 7))
    assert progress.value == 1
    assert progress.label_fr == "1 / 1 chronique la semaine du 5 janvier 2026"


def test_newsletter_progress_counts_newsletters_of_the_year():
    target = derive_target(NEWSLETTER, "", "Mensuellement")
    quantities = [(D(2026, m, 15), 1) for m in range(1, 6)]
    assert progress_toward(target, quantities, D(2026, 5, 31)).label_fr == "5 / 12 infolettres en 2026"


def test_threshold_uses_the_latest_quantity():
    target = derive_target(DIRECTOR)
    quantities = [(D(2026, 1, 1), 18), (D(2025, 6, 1), 25)]
    progress = progress_toward(target, quantities, D(2026, 6, 1))
    assert progress.value == 18 and progress.target == 21
    assert progress.ratio == pytest.approx(18 / 21)
    assert progress.label_fr == "18 / 21 heures par semaine"


def test_threshold_without_any_figure_is_zero():
    assert progress_toward(derive_target(DIRECTOR), [], D(2026, 1, 1)).value == 0


def test_quantities_after_as_of_are_ignored():
    target = derive_target(DIRECTOR)
    assert progress_toward(target, [(D(2026, 1, 1), 21), (D(2026, 7, 1), 10)], D(2026, 6, 1)).value == 21


@pytest.mark.parametrize("done,value,label", [(True, 1.0, "Réalisé"), (False, 0.0, "Non réalisé")])
def test_done_target_reports_done_or_not(done, value, label):
    progress = progress_toward(derive_target("Avoir un local"), [(D(2026, 1, 1), 3)], D(2026, 6, 1), done=done)
    assert progress == Progress(value=value, target=None, ratio=None, label_fr=label)


def test_a_zero_target_is_met():
    assert progress_toward(Target("frequency", 0, "year"), [], D(2026, 1, 1)).ratio == 1.0


def test_negative_corrections_never_push_the_ratio_below_zero():
    assert progress_toward(derive_target(RECRUIT), [(D(2022, 1, 1), -2)], D(2024, 1, 1)).ratio == 0.0


def test_unknown_target_kind_is_rejected():
    with pytest.raises(ValueError):
        progress_toward(Target("sometimes", 1), [], D(2026, 1, 1))


# --------------------------------------------------------------------------- progress labels in English

@pytest.mark.parametrize(("indicator", "quantities", "as_of", "english"), [
    (RECRUIT, [(D(2022, 3, 1), 3)], D(2024, 6, 1), "3 / 10 nouveaux membres by 2024"),
    ("Avoir recruté 5 bénévoles d’ici mars 2023", [], D(2022, 1, 1), "0 / 5 bénévoles by March 31, 2023"),
    (TABLE_DG, [(D(2026, 1, 15), 1)], D(2026, 6, 1), "1 / 4 rencontres in 2026"),
    ("Tenir 2 rencontres par mois", [(D(2026, 2, 1), 1)], D(2026, 2, 25), "1 / 2 rencontres in February 2026"),
    ("Publier une chronique par semaine", [], D(2026, 1, 7), "0 / 1 chronique the week of January 5, 2026"),
    (DIRECTOR, [(D(2026, 1, 1), 18)], D(2026, 6, 1), "18 / 21 heures per week"),
    (RECRUIT, [(D(2022, 3, 1), 4), (D(2025, 3, 1), 1500)], D(2026, 6, 1),
     "4 / 10 nouveaux membres by 2024: target missed on December 31, 2024 (+1,500 since)"),
])
def test_progress_labels_read_in_english_with_english_numbers_and_dates(indicator, quantities, as_of, english):
    """The words the app adds and the numbers and dates follow the reader's language; the unit
    is the plan's own text, kept as written."""
    label = progress_toward(derive_target(indicator), quantities, as_of).label_fr
    assert translate_message(label, "en") == english


def test_a_fractional_quantity_keeps_one_decimal_in_each_language():
    label = progress_toward(derive_target(DIRECTOR), [(D(2026, 1, 1), 18.5)], D(2026, 6, 1)).label_fr
    assert label == "18,5 / 21 heures par semaine"
    assert translate_message(label, "en") == "18.5 / 21 heures per week"
