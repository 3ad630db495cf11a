"""Plotly figures of the plan's progress, built with plotly.graph_objects (plotly.express
costs ~25 ms a chart on every rerun).

Pure functions: a table from lib.plan.overview in, a go.Figure out. Colour is never the only
signal: every bar carries its number as text and each status has its own fill pattern.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from lib.core.chart_labels import escape_label, wrap_label
from lib.core.i18n import N_, format_pct, translate
from lib.plan.statuses import STATUS_LABELS_FR, STATUSES

STATUS_STYLE = {  # colour-blind-safe palette (Okabe-Ito) + a pattern per status
    "a_venir": ("#BBBBBB", ""),
    "en_cours": ("#0072B2", "/"),
    "realise": ("#009E73", ""),
    "reporte": ("#E69F00", "x"),
    "abandonne": ("#555555", "."),
}
_FONT = dict(family="Source Sans Pro, sans-serif", size=14, color="#262730")
_TEXT = dict(size=14, color="#262730")


def _layout(figure: go.Figure, height: int, **extra) -> go.Figure:
    figure.update_layout(height=height, margin=dict(l=10, r=30, t=10, b=10), font=_FONT,
                         plot_bgcolor="white", paper_bgcolor="white", **extra)
    figure.update_yaxes(autorange="reversed", automargin=True, tickfont=_TEXT)
    figure.update_xaxes(tickfont=_TEXT)
    return figure


def axis_progress_figure(table: pd.DataFrame, lang: str = "fr") -> go.Figure:
    """One horizontal bar per axis: the share of items done or on track, labelled
    "46 % (6 / 13)"; a light track shows the remaining share. `table` is overview.axis_progress."""
    shares = [0.0 if pd.isna(s) else float(s) for s in table["Avancement"]]
    labels = [wrap_label(a) for a in table["Axe"].tolist()]
    texts = [f"{format_pct(s, lang) if c else '—'} ({int(o)} / {int(c)})"
             for s, o, c in zip(shares, table["Réalisés ou en bonne voie"], table["Comptés"])]
    figure = go.Figure()
    figure.add_bar(y=labels, x=[100] * len(labels), orientation="h", marker_color="#EEEEEE",
                   hoverinfo="skip", showlegend=False)
    figure.add_bar(y=labels, x=[s * 100 for s in shares], orientation="h", marker_color="#009E73",
                   text=texts, textposition="outside", cliponaxis=False, showlegend=False, textfont=_TEXT,
                   name=translate("Réalisés ou en bonne voie", lang),
                   hovertemplate="%{y}<br>%{text}<extra></extra>")
    _layout(figure, 70 + 60 * len(labels), barmode="overlay", bargap=0.35)
    figure.update_xaxes(range=[0, 125], tickvals=[0, 25, 50, 75, 100], ticksuffix=" %" if lang == "fr" else "%",
                        showgrid=True, gridcolor="#DDDDDD",
                        title=translate("Part des moyens réalisés ou en bonne voie", lang))
    return figure


def status_breakdown_figure(table: pd.DataFrame, lang: str = "fr") -> go.Figure:
    """Stacked horizontal bars per axis, one segment per status with its count written on it
    and its own pattern. `table` is overview.status_breakdown."""
    labels = [wrap_label(a) for a in table["Axe"]]
    figure = go.Figure()
    for status in STATUSES:
        column = STATUS_LABELS_FR[status]
        colour, pattern = STATUS_STYLE[status]
        values = [int(v) for v in table[column]]
        figure.add_bar(y=labels, x=values, orientation="h", name=translate(column, lang),
                       marker=dict(color=colour,
                                   pattern=dict(shape=pattern, fgcolor="white", size=7, fillmode="overlay"),
                                   line=dict(color="white", width=1)),
                       text=[str(v) if v else "" for v in values], textposition="inside",
                       insidetextanchor="middle", textfont=dict(color="white" if status != "a_venir" else "black"),
                       hovertemplate="%{y}<br>" + translate("{label} : {value}", lang, label=translate(column, lang),
                                                            value="%{x}") + "<extra></extra>")
    _layout(figure, 110 + 55 * len(labels), barmode="stack", bargap=0.3,
            legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0, traceorder="normal"))
    figure.update_xaxes(title=translate("Nombre de moyens", lang), showgrid=True, gridcolor="#DDDDDD")
    return figure


def party_load_figure(table: pd.DataFrame, lang: str = "fr", limit: int | None = None) -> go.Figure:
    """Grouped horizontal bars per responsible party: items carried, and items late (hatched),
    each with its count written. `table` is overview.party_load (most loaded first); every party
    is drawn unless `limit` says otherwise."""
    shown = table if limit is None else table.head(limit)
    parties = [escape_label(p) for p in shown["Responsable"].tolist()]
    carried, late = shown["Moyens portés"].tolist(), shown["En retard"].tolist()
    figure = go.Figure()
    figure.add_bar(y=parties, x=carried, orientation="h", name=translate("Moyens portés", lang),
                   marker=dict(color="#0072B2"), text=carried, textposition="outside", textfont=_TEXT,
                   cliponaxis=False)
    figure.add_bar(y=parties, x=late, orientation="h", name=translate("En retard", lang),
                   marker=dict(color="#D55E00", pattern=dict(shape="/", fgcolor="white", size=7, fillmode="overlay")),
                   text=late, textposition="outside", textfont=_TEXT, cliponaxis=False)
    _layout(figure, 110 + 48 * len(parties), barmode="group", bargap=0.25, bargroupgap=0.05,
            legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0))
    figure.update_xaxes(title=translate("Nombre de moyens", lang), showgrid=True, gridcolor="#DDDDDD")
    return figure


def target_progress_figure(table: pd.DataFrame, goal: float | None, lang: str = "fr") -> go.Figure:
    """An item's progress toward its target, from overview.quantities_table: the running total
    (count targets, a step line), the sum per period (frequency targets, bars) or each reported
    figure (thresholds, markers); every value written, the goal a dashed labelled line."""
    if "Période" in table.columns:
        x, y, name = table["Période"].tolist(), table["Quantité"].tolist(), N_("Quantité déclarée")
    elif "Total cumulé" in table.columns:
        x, y, name = table["Date du travail"].tolist(), table["Total cumulé"].tolist(), N_("Total cumulé")
    else:
        x, y, name = table["Date du travail"].tolist(), table["Quantité"].tolist(), N_("Quantité déclarée")
    texts = [f"{v:g}" for v in y]
    figure = go.Figure()
    if "Période" in table.columns:
        figure.add_bar(x=x, y=y, text=texts, textposition="outside", cliponaxis=False, textfont=_TEXT,
                       marker_color="#0072B2", name=translate(name, lang))
        figure.update_xaxes(type="category")
    else:
        figure.add_scatter(x=x, y=y, mode="lines+markers+text" if name == "Total cumulé" else "markers+text",
                           line=dict(shape="hv", color="#0072B2"), marker=dict(size=9, symbol="circle"),
                           text=texts, textposition="top center", textfont=_TEXT, name=translate(name, lang))
    if goal:
        figure.add_hline(y=goal, line_dash="dash", line_color="#D55E00",
                         annotation_text=translate("Cible : {goal}", lang, goal=f"{goal:g}"),
                         annotation_position="right",
                         annotation_font=_TEXT)
    # The goal's label sits right of the plot, where no bar or value can hide it.
    figure.update_layout(height=280, margin=dict(l=10, r=90, t=30, b=10), font=_FONT, plot_bgcolor="white",
                         showlegend=False)
    figure.update_yaxes(rangemode="tozero", showgrid=True, gridcolor="#DDDDDD")
    return figure


_LINE_STYLES = (("#0072B2", "circle", "solid"), ("#E69F00", "square", "dash"), ("#009E73", "diamond", "dot"),
                ("#CC79A7", "triangle-up", "dashdot"), ("#56B4E9", "x", "longdash"), ("#D55E00", "star", "solid"),
                ("#555555", "cross", "dash"))


def axis_history_figure(table: pd.DataFrame, lang: str = "fr") -> go.Figure:
    """One line per axis over the months: the average progress of its means (lib.plan.history
    .history_table). Each axis has its own marker and dash as well as its colour, and its name
    at the line's end."""
    figure = go.Figure()
    for index, (axis, rows) in enumerate(table.groupby("Axe", sort=False)):
        colour, symbol, dash = _LINE_STYLES[index % len(_LINE_STYLES)]
        label = escape_label(axis)
        figure.add_trace(go.Scatter(
            x=rows["Mois"], y=rows["Avancement moyen (%)"], name=label, mode="lines+markers",
            line=dict(color=colour, dash=dash, width=2), marker=dict(symbol=symbol, size=7, color=colour),
            hovertemplate=f"{label}<br>%{{x}} : %{{y}} %<extra></extra>"))
    figure.update_layout(height=420, margin=dict(l=10, r=10, t=10, b=10), font=_FONT, plot_bgcolor="white",
                         paper_bgcolor="white", legend=dict(orientation="h", y=-0.15),
                         yaxis=dict(range=[0, 100], title=translate(N_("Avancement moyen (%)"), lang),
                                    gridcolor="#E5E5E5"),
                         xaxis=dict(title=translate(N_("Mois"), lang)))
    return figure
