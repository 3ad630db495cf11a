"""The plan's sentences built from values (schedule descriptions, late reasons, targets, cycle
labels, update errors) stay the same French strs, and read in English on English screens:
they are Messages whose dates and months follow the reader's language."""
from __future__ import annotations

from datetime import date, datetime

import pandas as pd

from lib.core.messages import Message, translate_message
from lib.core.settings import Settings
from lib.plan import assessment, indicators, overview, rules, schedule, updates
from lib.plan.assessment import UpdateFact, assess
from lib.ui import plan_views


def en(text: str) -> str:
    return translate_message(text, "en")


def test_schedule_descriptions_are_french_strs_that_translate_with_english_dates():
    once = schedule.parse_period("Avril 2021")
    assert once.describe_fr() == "Une fois, au plus tard le 30 avril 2021"
    assert en(once.describe_fr()) == "Once, by April 30, 2021"
    yearly = schedule.parse_period("Novembre, AGA et mars", aga_month=6)
    assert yearly.describe_fr() == "Chaque année en mars, juin et novembre"
    assert en(yearly.describe_fr()) == "Every year in March, June and November"
    first = schedule.parse_period("1re campagne au mois mars 2022 puis annuellement")
    assert "à partir de" in first.describe_fr()
    assert "starting" in en(first.describe_fr()) and "mars" not in en(first.describe_fr())
    assert en(schedule.parse_period("En continu").describe_fr(90)) == "Continuous (update expected every 90 days)"
    combined = schedule.parse_period("Rencontre en avril 2021 + En continu")
    assert combined.describe_fr(30) == ("Une fois, au plus tard le 30 avril 2021, puis en continu "
                                        "(mise à jour attendue tous les 30 jours)")
    assert en(combined.describe_fr(30)) == "Once, by April 30, 2021, then continuous (update expected every 30 days)"
    steps = schedule.parse_period("Été 2021 Adoption automne 2021")
    assert en(steps.describe_fr()).startswith("In 2 steps: “Été 2021” by August 31, 2021, then “Adoption")
    unknown = schedule.parse_period("Quand le vent tourne")
    assert en(unknown.describe_fr()) == "Unrecognized period: “Quand le vent tourne”"
    assert en(schedule.parse_period("Mensuellement").describe_fr()) == "Monthly"


def test_cycle_and_period_labels_translate():
    assert en(schedule.cycle_at(schedule.parse_period("Mensuellement"), date(2026, 1, 5)).label_fr) == "January 2026"
    autumn = schedule.cycle_at(schedule.parse_period("Automne 2021"), date(2021, 10, 1)).label_fr
    assert (autumn, en(autumn)) == ("automne 2021", "fall 2021")


def test_late_reasons_are_french_strs_that_translate_with_english_dates_and_plurals():
    recurring = assess(schedule.parse_period("Mensuellement"), date(2026, 3, 10), [])
    assert recurring.late_reason_fr == ("Cycle février 2026 échu le 28 février 2026 sans réalisation "
                                        "(aucune mise à jour)")
    assert en(recurring.late_reason_fr) == "Cycle February 2026 was due on February 28, 2026 and not done (no update)"
    once = assess(schedule.parse_period("Avril 2021"), date(2021, 6, 1), [UpdateFact(date(2021, 4, 2), "en_cours")])
    assert once.late_reason_fr == ("« Avril 2021 » : échéance du 30 avril 2021 dépassée sans réalisation "
                                   "(dernier statut : En cours)")
    assert en(once.late_reason_fr) == ("“Avril 2021”: due date of April 30, 2021 passed and not done "
                                       "(last status: In progress)")
    continuous = assess(schedule.parse_period("En continu"), date(2021, 6, 1),
                        [UpdateFact(date(2021, 1, 1), "en_cours")], continuous_late_days=90)
    assert continuous.late_reason_fr == ("Aucune mise à jour depuis 151 jours (dernière le 1er janvier 2021; "
                                         "attendue tous les 90 jours)")
    assert en(continuous.late_reason_fr) == "No update for 151 days (last on January 1, 2021; expected every 90 days)"
    one_day = assess(schedule.parse_period("En continu"), date(2021, 1, 2), [UpdateFact(date(2021, 1, 1), "en_cours")],
                     continuous_late_days=0)
    assert en(one_day.late_reason_fr).startswith("No update for 1 day (")


def test_targets_and_update_errors_translate():
    target = indicators.Target("frequency", quantity=4, per="year", unit_fr="rencontres")
    assert rules.describe_target_fr(target) == "Au moins 4 rencontres par année"
    assert en(rules.describe_target_fr(target)) == "At least 4 rencontres per year"
    by = indicators.Target("count_by", quantity=10, deadline=date(2022, 3, 1), unit_fr="membres")
    assert rules.describe_target_fr(by) == "Au moins 10 membres d’ici le 1er mars 2022 (total cumulé)"
    assert en(rules.describe_target_fr(by)) == "At least 10 membres by March 1, 2022 (running total)"
    early = updates.UpdateInput("en_cours", 10, date(2010, 1, 1), note="x" * (updates.NOTE_MAX_CHARS + 1))
    errors = updates.validate_update(early, date(2026, 1, 1))
    assert errors == ["La date du travail doit être postérieure au 1er janvier 2015.",
                      "La note dépasse 2000 caractères."]
    assert [en(e) for e in errors] == ["The work date must be after January 1, 2015.",
                                       "The note is longer than 2000 characters."]
    assert en(updates.validate_update(updates.UpdateInput("?", None, None), date(2026, 1, 1))[0]) == "Choose a status."


def _status(as_of: date) -> pd.DataFrame:
    items = pd.DataFrame([{"axis_id": 1, "axis_number": 1, "axis_name": "A", "objective": "", "action_id": 1,
                           "action_position": 1, "action_title": "Act", "means_id": 7, "means_position": 1,
                           "text": "Infolettre", "period_label": "Mensuellement", "indicator": "",
                           "responsible_label": "DG", "parties": ["DG"], "archived": False}])
    history = pd.DataFrame([{"update_id": 1, "means_id": 7, "status": "realise", "progress": 100,
                             "work_date": date(2026, 10, 15), "cycle_label": "", "note": "", "quantity": None,
                             "evidence_url": "", "corrects_id": None, "recorded_at": datetime(2026, 10, 15, 12),
                             "recorded_by": "x", "recorded_by_name": "X", "corrected_by_id": None}])
    overrides = pd.DataFrame(columns=["means_id", "schedule_override", "target_override"])
    return assessment.assess_items(items, history, overrides, Settings(), as_of)


def test_the_status_frame_keeps_its_sentences_as_messages_through_pandas():
    status = _status(date(2026, 12, 10))
    item = status.set_index("means_id").loc[7]  # as the pages read one item
    for column in ("schedule_fr", "cycle_label", "late_reason_fr"):
        assert isinstance(item[column], Message), column
    assert en(item["late_reason_fr"]) == "Cycle November 2026 was due on November 30, 2026 and not done (no update)"
    assert en(item["cycle_label"]) == "December 2026"
    assert en(item["schedule_fr"]) == "Monthly"


def test_english_tables_show_english_late_reasons_and_schedules():
    late = plan_views.localise(overview.late_items(_status(date(2026, 12, 10))), "en")
    assert list(late["Why"]) == ["Cycle November 2026 was due on November 30, 2026 and not done (no update)"]
    soon = plan_views.localise(overview.due_soon(_status(date(2026, 11, 10)), date(2026, 11, 10)), "en")
    assert list(soon["Schedule"]) == ["Monthly"]
    french = plan_views.localise(overview.late_items(_status(date(2026, 12, 10))), "fr")
    assert list(french["Pourquoi"]) == ["Cycle novembre 2026 échu le 30 novembre 2026 sans réalisation "
                                        "(aucune mise à jour)"]
