"""Unit tests for lib.plan.schedule and lib.plan.assessment: reading period labels, cycles, and lateness."""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest

from lib.plan.assessment import Assessment, UpdateFact, assess
from lib.plan.french import fold, month_number
from lib.plan.schedule import (
    Cycle,
    Part,
    Schedule,
    cycle_at,
    cycles_between,
    from_dict,
    parse_period,
    schedule_from_override,
    to_dict,
)
from lib.plan.statuses import DONE_STATUSES, STATUSES
from lib.seed import PLAN_FILE, load_yaml

D = date


def U(day: date, status: str = "realise", recorded_at: datetime | None = None) -> UpdateFact:
    return UpdateFact(work_date=day, status=status, recorded_at=recorded_at)


def shape(schedule: Schedule) -> list[tuple]:
    return [(p.kind, p.start, p.due, p.months) for p in schedule.parts]


JANUARY = "Annuellement au mois de janvier"
FIRST_CAMPAIGN = "Annuellement au mois de mars – 1re campagne au mois mars 2022"


# --------------------------------------------------------------------------- every label of the plan

PLAN_LABELS = [
    ("En continu", "continuous", [("continuous", None, None, ())]),
    ("En continu et selon l’échéancier établi", "continuous", [("continuous", None, None, ())]),
    ("Lors des rencontres de la Table des DG", "event", [("event", None, None, ())]),
    ("Avril 2021", "once", [("once", D(2021, 4, 1), D(2021, 4, 30), ())]),
    ("Annuellement au mois de mars – 1re campagne au mois mars 2022", "yearly",
     [("yearly", D(2021, 4, 1), None, (3,))]),
    ("Automne 2021", "once", [("once", D(2021, 9, 1), D(2021, 11, 30), ())]),
    ("Annuellement au mois de janvier", "yearly", [("yearly", None, None, (1,))]),
    ("Novembre, AGA et mars", "yearly", [("yearly", None, None, (3, 6, 11))]),
    ("Annuellement au mois de septembre", "yearly", [("yearly", None, None, (9,))]),
    ("Rencontre en avril 2021 + En continu", "combined",
     [("once", D(2021, 4, 1), D(2021, 4, 30), ()), ("continuous", D(2021, 5, 1), None, ())]),
    ("Automne 2022", "once", [("once", D(2022, 9, 1), D(2022, 11, 30), ())]),
    ("Mai 2021", "once", [("once", D(2021, 5, 1), D(2021, 5, 31), ())]),
    ("Mensuellement", "monthly", [("monthly", None, None, ())]),
    ("Annuellement", "yearly", [("yearly", None, None, ())]),
    ("Annuellement au mois d’octobre", "yearly", [("yearly", None, None, (10,))]),
    ("Annuellement au mois de févier", "yearly", [("yearly", None, None, (2,))]),
    ("2022", "once", [("once", D(2022, 1, 1), D(2022, 12, 31), ())]),
    ("En continu et selon les besoins", "continuous", [("continuous", None, None, ())]),
    ("2021 Adoption AGA 2022", "combined",
     [("once", D(2021, 1, 1), D(2021, 12, 31), ()), ("once", D(2022, 6, 1), D(2022, 6, 30), ())]),
    ("Été 2021 Adoption automne 2021", "combined",
     [("once", D(2021, 6, 1), D(2021, 8, 31), ()), ("once", D(2021, 9, 1), D(2021, 11, 30), ())]),
    ("Été 2021", "once", [("once", D(2021, 6, 1), D(2021, 8, 31), ())]),
    ("2021-2022", "once", [("once", D(2021, 1, 1), D(2022, 12, 31), ())]),
]


@pytest.mark.parametrize("label,kind,parts", PLAN_LABELS, ids=[p[0] for p in PLAN_LABELS])
def test_every_plan_label_is_read(label, kind, parts):
    schedule = parse_period(label)
    assert schedule.readable
    assert schedule.label == label
    assert schedule.kind == kind
    assert shape(schedule) == parts


@pytest.mark.parametrize("label,kind,parts", PLAN_LABELS, ids=[p[0] for p in PLAN_LABELS])
def test_every_plan_label_survives_pdf_whitespace(label, kind, parts):
    # The PDF extraction leaves trailing spaces and line breaks inside labels.
    messy = "  " + label.replace(" ", "  \n ") + "   "
    assert shape(parse_period(messy)) == parts


@pytest.mark.parametrize("label,kind,parts", PLAN_LABELS, ids=[p[0] for p in PLAN_LABELS])
def test_every_plan_label_is_read_in_capitals_without_accents(label, kind, parts):
    plain = fold(label).upper()
    assert shape(parse_period(plain)) == parts


def test_every_period_of_the_seed_file_is_readable():
    periods = []

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("period"), (str, int)):
                periods.append(str(node["period"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(load_yaml(PLAN_FILE))
    assert len(periods) == 55  # one per means
    unread = [p for p in periods if not parse_period(p).readable]
    assert unread == []


def test_part_labels_keep_the_fragment_each_part_came_from():
    assert [p.label for p in parse_period("2021 Adoption AGA 2022").parts] == ["2021", "Adoption AGA 2022"]
    assert [p.label for p in parse_period("Été 2021 Adoption automne 2021").parts] == [
        "Été 2021", "Adoption automne 2021"]
    assert [p.label for p in parse_period("Rencontre en avril 2021 + En continu").parts] == [
        "Rencontre en avril 2021", "En continu"]


# --------------------------------------------------------------------------- tolerant reading

@pytest.mark.parametrize("label", [
    "Annuellement au mois de févier",
    "Annuellement au mois de février",
    "Annuellement au mois de Fevrier",
    "annuellement au mois de fevrier",
    "ANNUELLEMENT AU MOIS DE FÉVRIER",
    "Annuellement  au   mois de  fevier ",
    "Annuellement au mois de fév",
])
def test_february_is_read_despite_typos_case_and_accents(label):
    assert shape(parse_period(label)) == [("yearly", None, None, (2,))]


@pytest.mark.parametrize("label", [
    "Annuellement au mois d’octobre",
    "Annuellement au mois d'octobre",
    "Annuellement au mois d‘octobre",
    "annuellement au mois d octobre",
    "Annuellement au mois d’octobe",
])
def test_apostrophes_do_not_matter(label):
    assert shape(parse_period(label)) == [("yearly", None, None, (10,))]


@pytest.mark.parametrize("label", ["Ete 2021", "ÉTÉ 2021", "été 2021", "Été  2021 ", "été de 2021"])
def test_summer_without_accent_or_in_capitals_is_summer(label):
    assert shape(parse_period(label)) == [("once", D(2021, 6, 1), D(2021, 8, 31), ())]


@pytest.mark.parametrize("label", [
    "Annuellement au mois de mars - 1re campagne au mois mars 2022",
    "Annuellement au mois de mars — 1re campagne au mois mars 2022",
    "annuellement au mois de mars – 1re campagne au mois de mars 2022",
])
def test_first_campaign_is_read_with_any_dash(label):
    assert shape(parse_period(label)) == [("yearly", D(2021, 4, 1), None, (3,))]


@pytest.mark.parametrize("label", ["2021-2022", "2021 - 2022", "2021–2022", "2021 à 2022", "2021/2022"])
def test_year_ranges_run_from_january_to_december(label):
    assert shape(parse_period(label)) == [("once", D(2021, 1, 1), D(2022, 12, 31), ())]


def test_month_names_tolerate_one_typo_but_not_other_words():
    assert month_number("fevier") == 2
    assert month_number("septembe") == 9
    assert month_number("spetembre") == 9
    assert month_number("nombre") is None
    assert month_number("mais") is None
    assert month_number("campagne") is None


def test_fold_keeps_the_length_of_the_text():
    text = "Été 2021 – d’ici l’AGA\u00a0!"
    assert len(fold(text)) == len(text)
    assert fold(text) == "ete 2021 - d'ici l'aga !"


# --------------------------------------------------------------------------- seasons, months, years

@pytest.mark.parametrize("label,start,due", [
    ("Printemps 2022", D(2022, 3, 1), D(2022, 5, 31)),
    ("Été 2022", D(2022, 6, 1), D(2022, 8, 31)),
    ("Automne 2022", D(2022, 9, 1), D(2022, 11, 30)),
    ("Hiver 2022", D(2022, 12, 1), D(2023, 2, 28)),
    ("hiver 2023", D(2023, 12, 1), D(2024, 2, 29)),
])
def test_seasons_are_month_based_and_winter_runs_into_next_year(label, start, due):
    assert shape(parse_period(label)) == [("once", start, due, ())]


def test_winter_2022_cycle_is_named_after_its_first_year():
    cycle = cycle_at(parse_period("hiver 2022"), D(2023, 1, 15))
    assert cycle == Cycle("once", "hiver 2022", D(2022, 12, 1), D(2023, 2, 28))


@pytest.mark.parametrize("label,due", [
    ("Janvier 2021", D(2021, 1, 31)),
    ("Février 2024", D(2024, 2, 29)),
    ("Février 2023", D(2023, 2, 28)),
    ("Avril 2021", D(2021, 4, 30)),
    ("Décembre 2021", D(2021, 12, 31)),
])
def test_a_month_is_due_on_its_last_day(label, due):
    [part] = parse_period(label).parts
    assert part.due == due
    assert part.start == D(due.year, due.month, 1)


def test_a_dated_day_is_due_that_day():
    assert shape(parse_period("15 mars 2022")) == [("once", D(2022, 3, 15), D(2022, 3, 15), ())]


def test_a_season_without_year_is_the_first_one_after_the_plan_start():
    assert shape(parse_period("Automne", plan_start=D(2021, 1, 1))) == [
        ("once", D(2021, 9, 1), D(2021, 11, 30), ())]
    assert shape(parse_period("Automne", plan_start=D(2021, 12, 1))) == [
        ("once", D(2022, 9, 1), D(2022, 11, 30), ())]


def test_month_names_without_year_recur_every_year():
    assert shape(parse_period("Avril")) == [("yearly", None, None, (4,))]
    assert shape(parse_period("Lors de l’AGA")) == [("yearly", None, None, (6,))]


# --------------------------------------------------------------------------- AGA

@pytest.mark.parametrize("aga_month,months", [(5, (3, 5, 11)), (6, (3, 6, 11)), (3, (3, 11))])
def test_aga_takes_the_configured_month(aga_month, months):
    assert shape(parse_period("Novembre, AGA et mars", aga_month=aga_month)) == [
        ("yearly", None, None, months)]


@pytest.mark.parametrize("aga_month,due", [(5, D(2022, 5, 31)), (6, D(2022, 6, 30)), (9, D(2022, 9, 30))])
def test_adoption_at_aga_is_due_at_the_end_of_the_aga_month(aga_month, due):
    schedule = parse_period("2021 Adoption AGA 2022", aga_month=aga_month)
    assert [p.due for p in schedule.parts] == [D(2021, 12, 31), due]


def test_assemblee_generale_annuelle_is_the_aga_not_a_yearly_schedule():
    schedule = parse_period("Assemblée générale annuelle 2022")
    assert shape(schedule) == [("once", D(2022, 6, 1), D(2022, 6, 30), ())]


@pytest.mark.parametrize("aga_month", [0, 13, -1])
def test_aga_month_outside_the_year_is_rejected(aga_month):
    with pytest.raises(ValueError):
        parse_period("AGA 2022", aga_month=aga_month)


# --------------------------------------------------------------------------- unreadable labels

@pytest.mark.parametrize("label", [
    "Quand on pourra", "", "   ", "À déterminer", "?", "Avril 2021 + quand on pourra",
    "Dès que possible",
])
def test_unreadable_labels_are_flagged_and_keep_their_text(label):
    schedule = parse_period(label)
    assert not schedule.readable
    assert schedule.parts == ()
    assert schedule.kind == "unknown"
    assert schedule.label == label
    assert "non reconnue" in schedule.describe_fr()


def test_a_label_that_is_not_text_is_a_type_error():
    with pytest.raises(TypeError):
        parse_period(None)


# --------------------------------------------------------------------------- describe_fr

@pytest.mark.parametrize("label,text", [
    ("Annuellement au mois de janvier", "Chaque année en janvier"),
    ("Automne 2021", "Une fois, au plus tard le 30 novembre 2021"),
    ("En continu", "En continu (mise à jour attendue tous les 90 jours)"),
    ("Mensuellement", "Mensuel"),
    ("Lors des rencontres de la Table des DG", "Lors d’événements (Table des DG)"),
    ("Novembre, AGA et mars", "Chaque année en mars, juin et novembre"),
    ("Annuellement", "Chaque année (au plus tard le 31 décembre)"),
    ("Annuellement au mois de mars – 1re campagne au mois mars 2022",
     "Chaque année en mars, à partir de mars 2022"),
    ("Rencontre en avril 2021 + En continu",
     "Une fois, au plus tard le 30 avril 2021, puis en continu (mise à jour attendue tous les 90 jours)"),
    ("2021 Adoption AGA 2022",
     "En 2 étapes : « 2021 » au plus tard le 31 décembre 2021, puis « Adoption AGA 2022 » "
     "au plus tard le 30 juin 2022"),
    ("Mai 2021", "Une fois, au plus tard le 31 mai 2021"),
])
def test_describe_fr_explains_the_schedule(label, text):
    assert parse_period(label).describe_fr() == text


def test_describe_fr_uses_the_configured_continuous_delay():
    assert parse_period("En continu").describe_fr(30) == "En continu (mise à jour attendue tous les 30 jours)"


def test_every_plan_label_has_a_description():
    for label, _, _ in PLAN_LABELS:
        text = parse_period(label).describe_fr()
        assert text and "non reconnue" not in text


# --------------------------------------------------------------------------- cycles

def test_january_cycle_runs_from_february_of_the_previous_year():
    cycle = cycle_at(parse_period("Annuellement au mois de janvier"), D(2025, 6, 15))
    assert cycle == Cycle("2026-01", "janvier 2026", D(2025, 2, 1), D(2026, 1, 31))


@pytest.mark.parametrize("day,key", [
    (D(2025, 2, 1), "2026-01"), (D(2025, 12, 31), "2026-01"), (D(2026, 1, 1), "2026-01"),
    (D(2026, 1, 31), "2026-01"), (D(2026, 2, 1), "2027-01"),
])
def test_january_cycle_boundaries(day, key):
    assert cycle_at(parse_period("Annuellement au mois de janvier"), day).key == key


@pytest.mark.parametrize("day,key,start,due", [
    (D(2025, 12, 1), "2026-03", D(2025, 12, 1), D(2026, 3, 31)),
    (D(2026, 3, 31), "2026-03", D(2025, 12, 1), D(2026, 3, 31)),
    (D(2026, 4, 1), "2026-06", D(2026, 4, 1), D(2026, 6, 30)),
    (D(2026, 7, 1), "2026-11", D(2026, 7, 1), D(2026, 11, 30)),
    (D(2026, 11, 30), "2026-11", D(2026, 7, 1), D(2026, 11, 30)),
])
def test_cycles_of_november_aga_and_march_follow_each_other(day, key, start, due):
    cycle = cycle_at(parse_period("Novembre, AGA et mars"), day)
    assert (cycle.key, cycle.start, cycle.due) == (key, start, due)


def test_calendar_year_cycles_for_annuellement_without_month():
    assert cycle_at(parse_period("Annuellement"), D(2026, 7, 4)) == Cycle(
        "2026", "2026", D(2026, 1, 1), D(2026, 12, 31))


def test_monthly_cycles_cross_the_year_end():
    schedule = parse_period("Mensuellement")
    assert cycle_at(schedule, D(2025, 12, 31)) == Cycle("2025-12", "décembre 2025", D(2025, 12, 1), D(2025, 12, 31))
    assert cycle_at(schedule, D(2026, 1, 1)) == Cycle("2026-01", "janvier 2026", D(2026, 1, 1), D(2026, 1, 31))


def test_february_29_2024_is_in_the_february_monthly_cycle():
    cycle = cycle_at(parse_period("Mensuellement"), D(2024, 2, 29))
    assert cycle == Cycle("2024-02", "février 2024", D(2024, 2, 1), D(2024, 2, 29))


def test_yearly_in_february_2024_is_due_on_the_29th():
    schedule = parse_period("Annuellement au mois de février")
    assert cycle_at(schedule, D(2024, 2, 29)) == Cycle("2024-02", "février 2024", D(2023, 3, 1), D(2024, 2, 29))
    assert cycle_at(schedule, D(2024, 3, 1)).start == D(2024, 3, 1)
    assert cycle_at(schedule, D(2025, 2, 28)).due == D(2025, 2, 28)


def test_first_campaign_leaves_no_cycle_before_it():
    schedule = parse_period("Annuellement au mois de mars – 1re campagne au mois mars 2022")
    assert cycle_at(schedule, D(2021, 3, 31)) is None
    assert cycle_at(schedule, D(2021, 4, 1)) == Cycle("2022-03", "mars 2022", D(2021, 4, 1), D(2022, 3, 31))
    assert cycle_at(schedule, D(2022, 4, 1)).key == "2023-03"


@pytest.mark.parametrize("label", ["En continu", "Lors des rencontres de la Table des DG", "Quand on pourra"])
def test_continuous_event_and_unreadable_schedules_have_no_cycles(label):
    assert cycle_at(parse_period(label), D(2026, 1, 15)) is None


def test_a_one_off_has_one_cycle_that_holds_early_and_late_work():
    schedule = parse_period("Automne 2021")
    expected = Cycle("once", "automne 2021", D(2021, 9, 1), D(2021, 11, 30))
    for day in (D(2021, 1, 5), D(2021, 10, 1), D(2023, 6, 1)):
        assert cycle_at(schedule, day) == expected


def test_milestones_are_separate_cycles():
    schedule = parse_period("Été 2021 Adoption automne 2021")
    assert cycle_at(schedule, D(2021, 7, 1)).key == "once-1"
    assert cycle_at(schedule, D(2021, 9, 1)).key == "once-2"
    assert cycle_at(schedule, D(2022, 9, 1)).key == "once-2"


def test_one_off_then_continuous_has_a_cycle_only_for_the_one_off():
    schedule = parse_period("Rencontre en avril 2021 + En continu")
    assert cycle_at(schedule, D(2021, 4, 10)).key == "once"
    assert cycle_at(schedule, D(2021, 5, 1)) is None


@pytest.mark.parametrize("label,work_date,cycle", [
    # Work done early in a yearly cycle counts for it; the day after the due date starts the next.
    (JANUARY, D(2025, 3, 1), Cycle("2026-01", "janvier 2026", D(2025, 2, 1), D(2026, 1, 31))),
    (JANUARY, D(2026, 1, 31), Cycle("2026-01", "janvier 2026", D(2025, 2, 1), D(2026, 1, 31))),
    (JANUARY, D(2026, 2, 1), Cycle("2027-01", "janvier 2027", D(2026, 2, 1), D(2027, 1, 31))),
    ("Mensuellement", D(2024, 2, 29), Cycle("2024-02", "février 2024", D(2024, 2, 1), D(2024, 2, 29))),
    ("Novembre, AGA et mars", D(2026, 4, 1), Cycle("2026-06", "juin 2026", D(2026, 4, 1), D(2026, 6, 30))),
    ("Annuellement", D(2024, 2, 29), Cycle("2024", "2024", D(2024, 1, 1), D(2024, 12, 31))),
    (FIRST_CAMPAIGN, D(2021, 3, 31), None),  # before the first campaign's cycle
    (FIRST_CAMPAIGN, D(2021, 4, 1), Cycle("2022-03", "mars 2022", D(2021, 4, 1), D(2022, 3, 31))),
    # A one-off's single cycle takes work done before its period too.
    ("Automne 2021", D(2021, 5, 1), Cycle("once", "automne 2021", D(2021, 9, 1), D(2021, 11, 30))),
    ("2021 Adoption AGA 2022", D(2021, 3, 1), Cycle("once-1", "2021", D(2021, 1, 1), D(2021, 12, 31))),
    ("2021 Adoption AGA 2022", D(2022, 1, 15), Cycle("once-2", "juin 2022", D(2022, 6, 1), D(2022, 6, 30))),
    ("Rencontre en avril 2021 + En continu", D(2021, 4, 10),
     Cycle("once", "avril 2021", D(2021, 4, 1), D(2021, 4, 30))),
    ("Rencontre en avril 2021 + En continu", D(2021, 5, 1), None),  # continuous after the meeting
    ("En continu", D(2025, 12, 31), None),
    ("Lors des rencontres de la Table des DG", D(2025, 12, 31), None),
    ("Quand on pourra", D(2025, 12, 31), None),
], ids=lambda v: v.isoformat() if isinstance(v, date) else v.key if isinstance(v, Cycle) else None)
def test_the_cycle_at_a_work_date_is_the_cycle_an_update_counts_for(label, work_date, cycle):
    assert cycle_at(parse_period(label), work_date) == cycle


RECURRING_LABELS = [label for label, _, parts in PLAN_LABELS if any(p[0] in ("yearly", "monthly") for p in parts)]


def test_eight_plan_labels_recur():
    assert len(RECURRING_LABELS) == 8


@pytest.mark.parametrize("label", RECURRING_LABELS)
def test_recurring_cycles_tile_the_calendar(label):
    schedule = parse_period(label)
    cycles = cycles_between(schedule, D(2022, 6, 1), D(2026, 6, 1))
    recurring = [c for c in cycles if not c.key.startswith("once")]
    assert len(recurring) >= 4  # four years: at least one cycle a year
    for before, after in zip(recurring, recurring[1:]):
        assert after.start == before.due + timedelta(days=1)
    for cycle in recurring:
        assert cycle.start <= cycle.due
        assert cycle_at(schedule, cycle.start) == cycle
        assert cycle_at(schedule, cycle.due) == cycle


def test_cycles_between_lists_monthly_cycles_in_order():
    keys = [c.key for c in cycles_between(parse_period("Mensuellement"), D(2025, 11, 15), D(2026, 2, 1))]
    assert keys == ["2025-11", "2025-12", "2026-01", "2026-02"]


def test_cycles_between_starts_at_the_first_campaign():
    schedule = parse_period("Annuellement au mois de mars – 1re campagne au mois mars 2022")
    keys = [c.key for c in cycles_between(schedule, D(2020, 1, 1), D(2024, 1, 1))]
    assert keys == ["2022-03", "2023-03", "2024-03"]


# --------------------------------------------------------------------------- assess: recurring



@pytest.mark.parametrize("as_of", [D(2025, 12, 31), D(2026, 1, 1)])
def test_january_item_is_not_late_across_the_year_end_when_last_january_was_done(as_of):
    result = assess(parse_period(JANUARY), as_of, [U(D(2025, 1, 20))])
    assert not result.late
    assert result.status == "a_venir"
    assert result.cycle.key == "2026-01"
    assert result.due == D(2026, 1, 31)
    assert result.next_due == D(2026, 1, 31)


@pytest.mark.parametrize("as_of", [D(2025, 12, 31), D(2026, 1, 1)])
def test_january_item_is_late_across_the_year_end_when_last_january_was_missed(as_of):
    result = assess(parse_period(JANUARY), as_of, [U(D(2024, 1, 20))])
    assert result.late
    assert "janvier 2025" in result.late_reason_fr


def test_january_item_is_due_on_january_31_and_late_the_next_day():
    schedule = parse_period(JANUARY)
    on_due = assess(schedule, D(2026, 1, 31), [U(D(2025, 1, 10))])
    assert not on_due.late and on_due.next_due == D(2026, 1, 31)
    after = assess(schedule, D(2026, 2, 1), [U(D(2025, 1, 10))])
    assert after.late
    assert after.cycle.key == "2027-01"
    assert "janvier 2026" in after.late_reason_fr
    assert "31 janvier 2026" in after.late_reason_fr


def test_january_update_settles_january_2026():
    schedule = parse_period(JANUARY)
    result = assess(schedule, D(2026, 1, 15), [U(D(2026, 1, 10))])
    assert result.status == "realise"
    assert result.cycle.key == "2026-01"
    assert result.next_due == D(2027, 1, 31)
    assert not assess(schedule, D(2026, 2, 1), [U(D(2026, 1, 10))]).late


def test_january_update_does_not_settle_next_january():
    schedule = parse_period(JANUARY)
    updates = [U(D(2026, 1, 10))]
    later = assess(schedule, D(2027, 2, 1), updates)
    assert later.late
    assert "janvier 2027" in later.late_reason_fr
    assert assess(schedule, D(2026, 6, 1), updates).status == "a_venir"


def test_work_done_early_in_the_cycle_counts_for_it():
    # "janvier 2026" starts on 2025-02-01: a list updated in March 2025 settles it.
    result = assess(parse_period(JANUARY), D(2026, 2, 1), [U(D(2025, 3, 1))])
    assert not result.late


def test_status_of_a_cycle_is_its_latest_update():
    updates = [U(D(2026, 1, 5), "en_cours"), U(D(2026, 1, 10), "reporte")]
    assert assess(parse_period(JANUARY), D(2026, 1, 20), updates).status == "reporte"


def test_updates_on_the_same_day_are_ordered_by_recording_time():
    updates = [
        U(D(2026, 1, 10), "realise", datetime(2026, 1, 10, 15, 0)),
        U(D(2026, 1, 10), "en_cours", datetime(2026, 1, 10, 9, 0)),
    ]
    assert assess(parse_period(JANUARY), D(2026, 1, 20), updates).status == "realise"


def test_a_later_open_status_reopens_a_settled_cycle():
    updates = [U(D(2026, 1, 5), "realise"), U(D(2026, 1, 20), "en_cours")]
    result = assess(parse_period(JANUARY), D(2026, 2, 1), updates)
    assert result.late
    assert "En cours" in result.late_reason_fr


def test_abandoned_settles_a_cycle():
    assert not assess(parse_period(JANUARY), D(2026, 2, 1), [U(D(2026, 1, 5), "abandonne")]).late


def test_postponed_does_not_settle_a_cycle():
    assert assess(parse_period(JANUARY), D(2026, 2, 1), [U(D(2026, 1, 5), "reporte")]).late


def test_updates_after_as_of_are_ignored():
    result = assess(parse_period(JANUARY), D(2026, 1, 15), [U(D(2026, 1, 20))])
    assert result.status == "a_venir"
    assert result.next_due == D(2026, 1, 31)


def test_only_the_most_recent_past_cycle_decides_lateness():
    # January 2025 was missed, January 2026 done: the item is back on track.
    result = assess(parse_period(JANUARY), D(2026, 3, 1), [U(D(2024, 1, 5)), U(D(2026, 1, 5))])
    assert not result.late


def test_monthly_item_is_late_on_january_1_when_december_was_missed():
    result = assess(parse_period("Mensuellement"), D(2026, 1, 1), [U(D(2025, 11, 5))])
    assert result.late
    assert "décembre 2025" in result.late_reason_fr
    assert result.cycle.key == "2026-01"
    assert result.next_due == D(2026, 1, 31)


def test_monthly_item_is_on_time_on_january_1_when_december_was_done():
    result = assess(parse_period("Mensuellement"), D(2026, 1, 1), [U(D(2025, 12, 20))])
    assert not result.late


def test_monthly_item_on_december_31_waits_for_december():
    result = assess(parse_period("Mensuellement"), D(2025, 12, 31), [U(D(2025, 11, 20))])
    assert not result.late
    assert result.next_due == D(2025, 12, 31)


def test_monthly_update_on_february_29_settles_february_2024():
    schedule = parse_period("Mensuellement")
    result = assess(schedule, D(2024, 2, 29), [U(D(2024, 2, 29))])
    assert result.status == "realise"
    assert result.next_due == D(2024, 3, 31)
    assert not assess(schedule, D(2024, 3, 1), [U(D(2024, 2, 29))]).late


def test_yearly_february_item_is_late_from_march_1_2024():
    schedule = parse_period("Annuellement au mois de févier")
    assert not assess(schedule, D(2024, 2, 29), [U(D(2023, 2, 1))]).late
    late = assess(schedule, D(2024, 3, 1), [U(D(2023, 2, 1))])
    assert late.late and "29 février 2024" in late.late_reason_fr


def test_cycles_due_before_the_plan_start_are_not_held_against_an_item():
    assert not assess(parse_period("Mensuellement"), D(2021, 1, 15), []).late
    assert assess(parse_period("Mensuellement"), D(2021, 2, 1), []).late
    assert not assess(parse_period("Mensuellement"), D(2021, 2, 1), [], plan_start=D(2021, 2, 1)).late


def test_first_campaign_item_is_not_late_before_its_first_cycle_ends():
    schedule = parse_period("Annuellement au mois de mars – 1re campagne au mois mars 2022")
    before = assess(schedule, D(2021, 3, 1), [])
    assert (before.status, before.cycle, before.late, before.next_due) == ("a_venir", None, False, D(2022, 3, 31))
    during = assess(schedule, D(2022, 3, 31), [])
    assert not during.late and during.cycle.key == "2022-03"
    after = assess(schedule, D(2022, 4, 1), [])
    assert after.late and "mars 2022" in after.late_reason_fr


def test_yearly_without_month_is_late_on_january_1_when_last_year_was_missed():
    schedule = parse_period("Annuellement")
    assert assess(schedule, D(2026, 1, 1), [U(D(2024, 6, 1))]).late
    assert not assess(schedule, D(2026, 1, 1), [U(D(2025, 6, 1))]).late
    assert assess(schedule, D(2025, 12, 31), []).next_due == D(2025, 12, 31)


def test_three_times_a_year_item_is_late_after_a_missed_aga_cycle():
    schedule = parse_period("Novembre, AGA et mars", aga_month=5)
    updates = [U(D(2026, 3, 15))]
    assert not assess(schedule, D(2026, 5, 31), updates).late
    late = assess(schedule, D(2026, 6, 1), updates)
    assert late.late and "mai 2026" in late.late_reason_fr
    assert late.next_due == D(2026, 11, 30)


# --------------------------------------------------------------------------- assess: continuous

def test_continuous_item_is_late_after_90_days_and_not_at_89():
    schedule = parse_period("En continu")
    last = D(2025, 11, 1)
    updates = [U(last, "en_cours")]
    assert not assess(schedule, last + timedelta(days=89), updates).late
    assert not assess(schedule, last + timedelta(days=90), updates).late
    late = assess(schedule, last + timedelta(days=91), updates)
    assert late.late
    assert "91 jours" in late.late_reason_fr


def test_continuous_next_due_is_last_update_plus_the_delay():
    result = assess(parse_period("En continu"), D(2026, 1, 1), [U(D(2025, 12, 1), "en_cours")])
    assert result.next_due == D(2025, 12, 1) + timedelta(days=90)
    assert result.cycle is None and result.due is None
    assert result.status == "en_cours"


def test_continuous_delay_is_configurable():
    schedule = parse_period("En continu")
    updates = [U(D(2026, 1, 1), "en_cours")]
    assert not assess(schedule, D(2026, 1, 31), updates, continuous_late_days=30).late
    assert assess(schedule, D(2026, 2, 1), updates, continuous_late_days=30).late
    assert not assess(schedule, D(2026, 2, 1), updates, continuous_late_days=90).late


def test_continuous_item_without_update_counts_from_the_plan_start():
    schedule = parse_period("En continu")
    assert not assess(schedule, D(2021, 3, 31), []).late
    result = assess(schedule, D(2021, 4, 2), [])
    assert result.late and result.status == "a_venir"
    assert result.next_due == D(2021, 4, 1)
    assert not assess(schedule, D(2021, 4, 2), [], plan_start=D(2021, 2, 1)).late


def test_continuous_item_is_not_settled_by_realise():
    result = assess(parse_period("En continu"), D(2026, 6, 1), [U(D(2025, 1, 1), "realise")])
    assert result.late


def test_continuous_item_abandoned_is_never_late():
    result = assess(parse_period("En continu"), D(2030, 1, 1), [U(D(2025, 1, 1), "abandonne")])
    assert not result.late and result.next_due is None and result.status == "abandonne"


def test_continuous_uses_the_latest_update_of_any_status():
    updates = [U(D(2025, 1, 1), "realise"), U(D(2025, 12, 1), "reporte")]
    assert not assess(parse_period("En continu et selon les besoins"), D(2026, 1, 15), updates).late


# --------------------------------------------------------------------------- assess: events, unreadable

@pytest.mark.parametrize("as_of", [D(2021, 1, 1), D(2023, 6, 1), D(2030, 12, 31)])
def test_event_items_are_never_late(as_of):
    result = assess(parse_period("Lors des rencontres de la Table des DG"), as_of, [])
    assert not result.late
    assert (result.next_due, result.due, result.cycle, result.status) == (None, None, None, "a_venir")


def test_event_item_status_comes_from_its_updates():
    result = assess(parse_period("Lors des rencontres de la Table des DG"), D(2026, 1, 1),
                    [U(D(2025, 3, 1), "en_cours")])
    assert result.status == "en_cours" and not result.late


def test_unreadable_item_takes_its_status_from_updates_and_is_never_late():
    schedule = parse_period("Quand on pourra")
    assert assess(schedule, D(2030, 1, 1), []) == Assessment("a_venir", None, None, None, False, "")
    assert assess(schedule, D(2030, 1, 1), [U(D(2025, 1, 1), "reporte")]).status == "reporte"


# --------------------------------------------------------------------------- assess: one-offs

def test_one_off_is_due_on_its_last_day_and_late_the_day_after():
    schedule = parse_period("Automne 2021")
    on_due = assess(schedule, D(2021, 11, 30), [])
    assert not on_due.late and on_due.next_due == D(2021, 11, 30) and on_due.due == D(2021, 11, 30)
    after = assess(schedule, D(2021, 12, 1), [])
    assert after.late and after.next_due is None and after.due == D(2021, 11, 30)
    assert "30 novembre 2021" in after.late_reason_fr


def test_one_off_done_is_never_late_and_has_nothing_due():
    result = assess(parse_period("Automne 2021"), D(2025, 1, 1), [U(D(2021, 12, 15))])
    assert result.status == "realise"
    assert not result.late and result.next_due is None and result.late_reason_fr == ""


def test_one_off_done_before_its_period_counts():
    assert not assess(parse_period("Automne 2021"), D(2022, 1, 1), [U(D(2021, 5, 1))]).late


def test_one_off_postponed_past_due_is_late():
    result = assess(parse_period("Mai 2021"), D(2021, 7, 1), [U(D(2021, 5, 20), "reporte")])
    assert result.late and result.status == "reporte" and "Reporté" in result.late_reason_fr


def test_one_off_abandoned_is_settled():
    assert not assess(parse_period("2022"), D(2023, 1, 1), [U(D(2022, 5, 1), "abandonne")]).late


def test_year_range_one_off_is_due_at_the_end_of_the_last_year():
    schedule = parse_period("2021-2022")
    assert not assess(schedule, D(2022, 12, 31), []).late
    assert assess(schedule, D(2023, 1, 1), []).late


def test_milestones_point_to_the_next_milestone_and_are_late_only_after_the_last():
    schedule = parse_period("2021 Adoption AGA 2022")
    early = assess(schedule, D(2021, 6, 1), [])
    assert (early.next_due, early.late, early.cycle.key) == (D(2021, 12, 31), False, "once-1")
    between = assess(schedule, D(2022, 1, 15), [U(D(2021, 11, 1), "en_cours")])
    assert (between.next_due, between.late, between.cycle.key) == (D(2022, 6, 30), False, "once-2")
    assert between.status == "en_cours" and between.due == D(2022, 6, 30)
    late = assess(schedule, D(2022, 7, 1), [U(D(2021, 11, 1), "en_cours")])
    assert late.late and late.next_due is None
    assert "Adoption AGA 2022" in late.late_reason_fr


def test_milestones_done_settle_the_item():
    schedule = parse_period("Été 2021 Adoption automne 2021")
    result = assess(schedule, D(2022, 1, 1), [U(D(2021, 8, 1), "en_cours"), U(D(2021, 11, 15), "realise")])
    assert not result.late and result.status == "realise" and result.next_due is None


def test_milestone_deadline_follows_the_aga_month():
    schedule = parse_period("2021 Adoption AGA 2022", aga_month=5)
    assert assess(schedule, D(2022, 6, 1), []).late
    assert not assess(parse_period("2021 Adoption AGA 2022", aga_month=6), D(2022, 6, 1), []).late


# --------------------------------------------------------------------------- assess: one-off then continuous

TROCAO = "Rencontre en avril 2021 + En continu"


def test_one_off_then_continuous_waits_for_the_meeting_first():
    result = assess(parse_period(TROCAO), D(2021, 4, 15), [])
    assert not result.late
    assert result.next_due == D(2021, 4, 30)
    assert result.cycle.key == "once"


def test_one_off_then_continuous_is_late_when_the_meeting_never_happened():
    result = assess(parse_period(TROCAO), D(2021, 5, 1), [])
    assert result.late
    assert "Rencontre en avril 2021" in result.late_reason_fr


def test_one_off_then_continuous_stays_late_until_the_meeting_is_done():
    # Regular "en cours" news do not replace the meeting that was never held.
    updates = [U(D(2021, 6, 1), "en_cours"), U(D(2021, 8, 1), "en_cours")]
    assert assess(parse_period(TROCAO), D(2021, 8, 15), updates).late


def test_one_off_then_continuous_follows_continuous_rules_after_the_meeting():
    schedule = parse_period(TROCAO)
    updates = [U(D(2021, 4, 20), "realise")]
    on_time = assess(schedule, D(2021, 4, 20) + timedelta(days=90), updates)
    assert not on_time.late and on_time.cycle is None
    assert on_time.next_due == D(2021, 4, 20) + timedelta(days=90)
    late = assess(schedule, D(2021, 4, 20) + timedelta(days=91), updates)
    assert late.late and "jours" in late.late_reason_fr
    kept_up = assess(schedule, D(2022, 1, 10), updates + [U(D(2021, 12, 1), "en_cours")])
    assert not kept_up.late and kept_up.status == "en_cours"


# --------------------------------------------------------------------------- assess: errors

def test_unknown_status_is_rejected():
    with pytest.raises(ValueError):
        assess(parse_period(JANUARY), D(2026, 1, 1), [U(D(2025, 1, 1), "fini")])


def test_negative_continuous_delay_is_rejected():
    with pytest.raises(ValueError):
        assess(parse_period("En continu"), D(2026, 1, 1), [], continuous_late_days=-1)


def test_statuses_and_done_statuses_are_consistent():
    assert set(DONE_STATUSES) <= set(STATUSES)
    assert STATUSES == ("a_venir", "en_cours", "realise", "reporte", "abandonne")
    assert set(DONE_STATUSES) == {"realise", "abandonne"}


# --------------------------------------------------------------------------- overrides and storage

def test_override_once_keeps_the_label_and_due_date():
    schedule = schedule_from_override("once", due=D(2022, 3, 15), label="Quand on pourra")
    assert schedule.readable and schedule.kind == "once" and schedule.label == "Quand on pourra"
    assert shape(schedule) == [("once", D(2022, 3, 1), D(2022, 3, 15), ())]
    assert assess(schedule, D(2022, 3, 16), []).late


def test_override_yearly_starts_on_a_whole_cycle():
    schedule = schedule_from_override("yearly", months=[9, 3], start=D(2023, 5, 10), label="x")
    [part] = schedule.parts
    assert part.months == (3, 9) and part.start == D(2023, 4, 1)
    assert cycle_at(schedule, D(2023, 3, 31)) is None
    assert cycle_at(schedule, D(2023, 4, 1)).key == "2023-09"


@pytest.mark.parametrize("kind", ["monthly", "continuous", "event", "yearly"])
def test_override_kinds_without_due_date(kind):
    assert schedule_from_override(kind, label="Quand on pourra").kind == kind


@pytest.mark.parametrize("kwargs", [
    {"kind": "weekly"},
    {"kind": "once"},
    {"kind": "yearly", "months": [13]},
    {"kind": "monthly", "months": [1]},
    {"kind": "continuous", "due": D(2022, 1, 1)},
    {"kind": "event", "start": D(2022, 1, 1)},
    {"kind": "once", "due": D(2022, 1, 1), "start": D(2022, 2, 1)},
])
def test_override_rejects_impossible_schedules(kwargs):
    with pytest.raises(ValueError):
        schedule_from_override(**kwargs)


@pytest.mark.parametrize("label", [p[0] for p in PLAN_LABELS] + ["Quand on pourra"])
def test_schedules_round_trip_through_json(label):
    schedule = parse_period(label, aga_month=5)
    stored = json.loads(json.dumps(to_dict(schedule)))
    assert from_dict(stored) == schedule


def test_overrides_round_trip_through_json():
    schedule = schedule_from_override("yearly", months=(1,), start=D(2022, 2, 1), label="à la main")
    assert from_dict(json.loads(json.dumps(to_dict(schedule)))) == schedule


@pytest.mark.parametrize("data", [
    {}, {"label": "x", "parts": [{"kind": "weekly"}]}, {"label": "x", "parts": [{"kind": "once"}]},
    {"label": "x", "readable": True, "parts": []}, {"label": 3, "parts": [{"kind": "event"}]},
    {"label": "x", "parts": [{"kind": "once", "due": "pas une date"}]}, {"version": 2, "label": "x"},
    "not a dict",
])
def test_malformed_stored_schedules_are_rejected(data):
    with pytest.raises(ValueError):
        from_dict(data)


def test_parts_validate_themselves():
    with pytest.raises(ValueError):
        Part("once")
    with pytest.raises(ValueError):
        Part("yearly", months=(0,))
    with pytest.raises(ValueError):
        Part("sometimes")


# --------------------------------------------------------------------------- other combinations

def test_et_before_a_recurrence_splits_the_label():
    assert shape(parse_period("Avril 2021 et en continu")) == [
        ("once", D(2021, 4, 1), D(2021, 4, 30), ()), ("continuous", D(2021, 5, 1), None, ())]


def test_et_inside_a_continuous_label_does_not_split_it():
    assert parse_period("En continu et selon l’échéancier établi").kind == "continuous"


def test_recurrence_after_a_one_off_starts_with_the_next_whole_cycle():
    schedule = parse_period("Avril 2021 puis mensuellement")
    assert shape(schedule) == [("once", D(2021, 4, 1), D(2021, 4, 30), ()), ("monthly", D(2021, 5, 1), None, ())]
    assert schedule.describe_fr() == "Une fois, au plus tard le 30 avril 2021, puis mensuel, à partir de mai 2021"


def test_one_off_then_monthly_is_late_for_a_missed_month_once_the_one_off_is_done():
    schedule = parse_period("Avril 2021 puis mensuellement")
    assert assess(schedule, D(2021, 5, 1), []).late
    done = [U(D(2021, 4, 15))]
    assert not assess(schedule, D(2021, 6, 1), done + [U(D(2021, 5, 20))]).late
    late = assess(schedule, D(2021, 7, 1), done + [U(D(2021, 5, 20))])
    assert late.late and "juin 2021" in late.late_reason_fr


def test_bare_month_beside_a_dated_one_is_placed_after_the_plan_start():
    assert shape(parse_period("Avril et mai 2021")) == [
        ("once", D(2021, 4, 1), D(2021, 4, 30), ()), ("once", D(2021, 5, 1), D(2021, 5, 31), ())]


def test_late_reason_of_a_hand_set_one_off_without_label_names_its_period():
    schedule = schedule_from_override("once", due=D(2022, 3, 31))
    assert "mars 2022" in assess(schedule, D(2022, 4, 1), []).late_reason_fr
