"""Figures of the plan: graph_objects only, labelled bars, a pattern per status."""
from datetime import date

import plotly.graph_objects as go

from lib.plan import charts, items, overview, tracking


def _status(db):
    return tracking.plan_status(db, items.current_plan_id(db), date(2022, 1, 1))


def test_axis_progress_bars_carry_their_share_as_text(db):
    figure = charts.axis_progress_figure(overview.axis_progress(_status(db)), "fr")
    assert isinstance(figure, go.Figure)
    bars = figure.data[1]
    assert len(bars.y) == 6
    assert all("%" in text and "/" in text for text in bars.text)


def test_status_breakdown_has_one_trace_per_status_each_with_its_own_pattern_and_labels(db):
    figure = charts.status_breakdown_figure(overview.status_breakdown(_status(db)), "en")
    assert [trace.name for trace in figure.data] == ["To do", "In progress", "Done", "Postponed", "Abandoned"]
    patterns = [trace.marker.pattern.shape for trace in figure.data]
    assert len(set(patterns)) >= 4
    assert figure.layout.barmode == "stack"
    assert all(trace.text is not None for trace in figure.data)


def test_party_load_figure_shows_carried_and_late_side_by_side(db):
    figure = charts.party_load_figure(overview.party_load(_status(db)), "fr", limit=5)
    assert [trace.name for trace in figure.data] == ["Moyens portés", "En retard"]
    assert len(figure.data[0].y) == 5
    assert figure.data[1].marker.pattern.shape == "/"


def test_target_progress_figure_draws_a_running_total_and_the_goal():
    table = overview.quantities_table([(date(2022, 1, 1), 2), (date(2022, 6, 1), 3)], "count_by")
    figure = charts.target_progress_figure(table, 10)
    assert list(figure.data[0].y) == [2, 5]
    assert figure.layout.shapes[0].y0 == 10


def test_frequency_targets_are_drawn_as_sums_per_period():
    quantities = [(date(2025, 3, 1), 1), (date(2025, 6, 1), 1), (date(2026, 1, 5), 2)]
    table = overview.quantities_table(quantities, "frequency", "year")
    assert table.to_dict("list") == {"Période": ["2025", "2026"], "Quantité": [2, 2]}
    figure = charts.target_progress_figure(table, 4)
    assert figure.data[0].type == "bar" and list(figure.data[0].text) == ["2", "2"]
    assert list(overview.quantities_table(quantities, "frequency", "month")["Période"]) == [
        "2025-03", "2025-06", "2026-01"]


def test_labels_are_escaped_for_plotly():
    import pandas as pd

    table = pd.DataFrame({"Responsable": ["<b>DG</b>"], "Moyens portés": [2], "En retard": [1]})
    figure = charts.party_load_figure(table)
    assert list(figure.data[0].y) == ["&lt;b&gt;DG&lt;/b&gt;"]
