"""Campaign figures: what each says it is, their tables, and typed text never as markup."""
import datetime as dt

import pandas as pd

from lib.campaign import agreement_form, campaigns, charts, listings, report_figures
from tests.ambassador_helpers import approved, current_id


def test_each_kind_of_number_has_its_own_titled_figure(db):
    campaign = campaigns.current_campaign(db)
    organiser = charts.organiser_reach(campaigns.list_channels(db, campaign.id), campaign.organiser)
    assert "Auditoire propre de l’organisateur (Mouvement Santé mentale Québec), données au 7 avril 2021" \
        in organiser.figure.layout.title.text
    assert list(organiser.table.iloc[:, 1]) == [1315000, 108300, 90000, 53000, 76250]
    declared = charts.declared_audience(listings.declared_audiences(db, campaign.id),
                                        [label for _, label in agreement_form.CHANNELS])
    assert declared.figure.layout.title.text.startswith("Auditoire déclaré par les ambassadeurs")
    totals = report_figures.reach_totals(report_figures.reported_reach(db, campaign.id))
    reported = charts.reported_reach(totals, "channel", "people_reached", "Personnes jointes")
    assert reported.figure.layout.title.text.startswith("Portée rapportée par les ambassadeurs")
    colours = {view.figure.data[0].marker.color for view in (organiser, declared, reported)}
    patterns = {view.figure.data[0].marker.pattern.shape for view in (organiser, declared, reported)}
    assert len(colours) == 3 and len(patterns) == 3  # told apart without colour too


def test_bars_carry_their_numbers_as_text_in_french(db):
    campaign = campaigns.current_campaign(db)
    view = charts.organiser_reach(campaigns.list_channels(db, campaign.id), campaign.organiser)
    assert view.figure.data[0].text[0].replace("\xa0", " ").replace("\u202f", " ") == "1 315 000"
    assert view.figure.layout.separators == ", "


def test_the_timeline_counts_committed_ambassadors_per_moment(db):
    approved(db)
    view = charts.moments_timeline(listings.moment_counts(db, current_id(db)))
    assert list(view.table["Ambassadeurs engagés"]) == [1, 0, 1, 0, 0, 0, 0, 0]
    assert view.figure.data[0].text[0] == "1 ambassadeur"


def test_the_grid_says_engaged_or_done_in_words():
    grid = pd.DataFrame({"organisation": ["A", "A", "B", "B"], "moment_key": ["m1", "m2", "m1", "m2"],
                         "when_label": ["13 mars", "En été", "13 mars", "En été"], "position": [1, 2, 1, 2],
                         "committed": [True, True, False, True], "done": [True, False, False, False]})
    view = charts.moment_grid(grid)
    assert view.table.to_dict("records") == [
        {"Organisation": "A", "13 mars": "Fait ✓", "En été": "Engagé"},
        {"Organisation": "B", "13 mars": "—", "En été": "Engagé"}]
    assert view.figure.data[0].text.tolist() == [["Fait ✓", "Engagé"], ["—", "Engagé"]]


def test_typed_text_is_never_plotly_markup():
    hostile = "<b>Gras</b> <a href='javascript:alert(1)'>x</a> & co"
    grid = pd.DataFrame({"organisation": [hostile], "moment_key": ["m"], "when_label": ["13 mars"],
                         "position": [1], "committed": [True], "done": [False]})
    label = charts.moment_grid(grid).figure.data[0].y[0]
    assert "<b>" not in label and "<a" not in label and "&lt;b&gt;Gras&lt;/b&gt;" in label.replace("<br>", " ")
    totals = pd.DataFrame({"organisation": [hostile], "posts": [1], "views": [2], "shares": [None],
                           "people_reached": [3]})
    bars = charts.reported_reach(totals, "organisation", "views", "Vues").figure.data[0].y[0]
    assert "<a" not in bars
    assert charts.reported_reach(totals, "organisation", "views", "Vues").table.iloc[0, 0] == hostile


def test_activities_sum_participants_per_type():
    activities = pd.DataFrame({"organisation": ["A", "B", "B"], "activity_type": ["kiosque", "Kiosque ", "Webinaire"],
                               "held_on": [dt.date(2022, 5, 3)] * 3, "participants": [40, 10, None],
                               "description": ["", "", ""]})
    view = charts.activities_participants(activities)
    assert list(view.figure.data[0].x) == [50, 0]
    assert list(view.figure.data[0].text) == ["50", "non indiqué"]
    assert view.figure.data[0].y[0].startswith("Kiosque (2 activités)")


def test_empty_campaign_figures_still_build(db):
    cid = current_id(db)
    assert charts.moment_grid(report_figures.moment_grid(db, cid)).table.empty
    assert charts.activities_participants(report_figures.reported_activities(db, cid)).table.empty
    totals = report_figures.reach_totals(report_figures.reported_reach(db, cid))
    assert charts.reported_reach(totals, "channel", "views",
                                 "Vues").table.empty


def test_a_metric_left_empty_in_a_report_reads_not_reported_instead_of_crashing():
    # Nullable columns hold pd.NA for a metric an ambassador left empty ("Partages", "Personnes jointes").
    totals = pd.DataFrame({"channel": ["Facebook", "Instagram"],
                           "shares": pd.array([pd.NA, 12], dtype="Int64")})
    view = charts.reported_reach(totals, "channel", "shares", "Partages")
    assert list(view.figure.data[0].text) == ["non indiqué", "12"]
    activities = pd.DataFrame({"organisation": ["A"], "activity_type": ["atelier"], "held_on": [None],
                               "participants": pd.array([pd.NA], dtype="Int64"), "description": [""]})
    assert list(charts.activities_participants(activities).figure.data[0].text) == ["non indiqué"]


def test_a_chart_of_zeros_or_unreported_metrics_has_no_data():
    import pandas as pd

    from lib.campaign.charts import ChartView, has_data

    empty = ChartView(None, pd.DataFrame({"Canal": ["Facebook"], "Personnes jointes": [pd.NA]}), "x")
    zeros = ChartView(None, pd.DataFrame({"Engagement": ["A", "B"], "Ambassadeurs": [0, 0]}), "x")
    some = ChartView(None, pd.DataFrame({"Engagement": ["A", "B"], "Ambassadeurs": [0, 3]}), "x")
    assert not has_data(empty) and not has_data(zeros) and has_data(some)


def test_charts_over_many_organisations_draw_the_first_or_largest_and_keep_all_in_the_table():
    total = charts.MAX_ORGANISATIONS + 15
    names = [f"Organisme {n:03d}" for n in range(total)]
    grid = pd.DataFrame({"organisation": names, "moment_key": "m1", "position": 1, "when_label": "En mars",
                         "committed": True, "done": False})
    view = charts.moment_grid(grid)
    assert len(view.figure.data[0].y) == charts.MAX_ORGANISATIONS and list(view.figure.data[0].y)[0] == names[0]
    assert len(view.table) == total
    assert view.note.startswith(f"Le graphique montre les {charts.MAX_ORGANISATIONS} premières organisations")
    assert "sur 55" in view.note and charts.moment_grid(grid.head(3)).note == ""
    reach = pd.DataFrame({"organisation": names, "channel": "Facebook", "posts": 1, "views": 1, "shares": 1,
                          "people_reached": range(total)})
    totals = report_figures.reach_totals(reach, "organisation")
    view = charts.reported_reach(totals, "organisation", "people_reached", "Personnes jointes", "en")
    drawn = [int(v) for v in view.figure.data[0].x]
    assert drawn == sorted(range(total), reverse=True)[:charts.MAX_ORGANISATIONS]  # the largest reach first
    assert len(view.table) == total and view.note.startswith("The chart shows the 40 organisations")
    assert charts.reported_reach(report_figures.reach_totals(reach, "channel"), "channel", "views", "Vues").note == ""
