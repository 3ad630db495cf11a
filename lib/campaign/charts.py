"""Plotly figures of a campaign (plotly.graph_objects), each with its table alternative.

Pure functions: DataFrames from lib.campaign.campaigns / ambassadors / impact_reports in,
a ChartView (figure + the same numbers as a table) out. Three kinds of numbers never
share a figure and are never added together, and each figure's title says which it is:
the organiser's own audience, the audience ambassadors declared when signing up, and
the reach ambassadors reported afterwards. Each kind also has its own colour AND fill
pattern, and every bar or cell carries its number or word as text: colour is never the
only signal.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from lib.campaign.campaigns import moment_detail, moment_name
from lib.core.chart_labels import escape_label, wrap_label
from lib.core.i18n import N_, format_date, format_month, format_number, ngettext, translate

SOURCES = {  # colour-blind-safe (Okabe-Ito), one colour and pattern per kind of number
    "organiser": ("#0072B2", ""),
    "declared": ("#E69F00", "/"),
    "reported": ("#009E73", "x"),
    "commitments": ("#CC79A7", ""),  # not an audience: a colour of its own
}
GRID_STATES = (("none", "—", "#FFFFFF"), ("committed", N_("Engagé"), "#CFE3F5"), ("done", N_("Fait ✓"), "#009E73"))
_FONT = dict(family="Source Sans Pro, sans-serif", size=14)


# Charts over organisations draw at most this many (a bar or a row each); their table keeps them all.
MAX_ORGANISATIONS = 40


@dataclass(frozen=True)
class ChartView:
    """A figure and the table that says the same thing (for screen readers, CSV)."""
    figure: go.Figure
    table: pd.DataFrame
    name: str  # file name stem for the CSV download
    note: str = ""  # already in the chart's language: what the figure leaves to the table


def _organisations_note(drawn: int, total: int, message_fr: str, lang: str) -> str:
    """`message_fr` ({drawn} of {total} organisations drawn, the table has them all) in `lang`;
    '' when every organisation is drawn."""
    if total <= drawn:
        return ""
    return translate(message_fr, lang, drawn=format_number(drawn, lang), total=format_number(total, lang))


FIRST_ORGANISATIONS = N_("Le graphique montre les {drawn} premières organisations (ordre alphabétique) sur {total}; "
                         "le tableau des données les contient toutes.")
LARGEST_REACH = N_("Le graphique montre les {drawn} organisations à la plus grande portée sur {total}; le tableau "
                   "des données les contient toutes.")


def has_data(view: ChartView) -> bool:
    """Whether the chart has something to show: a number above zero in its table (a chart of
    zeros or of "non indiqué" draws an empty axis instead)."""
    numbers = view.table.select_dtypes("number")
    return bool(len(numbers.columns)) and bool((numbers.fillna(0) > 0).to_numpy().any())


def _layout(figure: go.Figure, title: str, height: int, lang: str = "fr", **extra) -> go.Figure:
    figure.update_layout(title=dict(text=escape_label(title), font=dict(size=16), x=0, xanchor="left"), height=height,
                         separators=", " if lang == "fr" else ".,",
                         margin=dict(l=10, r=40, t=60, b=10), font=_FONT, plot_bgcolor="white",
                         paper_bgcolor="white", **extra)
    return figure


def _hbar(labels: list[str], values: list, texts: list[str], source: str, name: str) -> go.Bar:
    colour, pattern = SOURCES[source]
    return go.Bar(y=[wrap_label(label, 48) for label in labels], x=values, orientation="h", text=texts,
                  textposition="outside", cliponaxis=False, name=name,
                  marker=dict(color=colour, pattern=dict(shape=pattern), line=dict(color="#333333", width=1)),
                  hovertemplate="%{y}<br>%{text}<extra></extra>")


def _bars_figure(labels, values, source: str, title: str, value_label: str, lang: str) -> go.Figure:
    numbers = [None if pd.isna(v) else v for v in values]
    texts = [format_number(v, lang) if v is not None else translate("non indiqué", lang) for v in numbers]
    figure = go.Figure(_hbar([str(label) for label in labels], [v or 0 for v in numbers], texts, source,
                             escape_label(value_label)))
    lines = max([label.count("<br>") + 1 for label in figure.data[0].y] or [1])
    _layout(figure, title, 120 + (22 + 17 * lines) * max(1, len(numbers)), lang, showlegend=False, bargap=0.3)
    figure.update_yaxes(autorange="reversed", automargin=True)
    top = max([v for v in numbers if v is not None] or [1])
    figure.update_xaxes(range=[0, top * 1.25], showgrid=True, gridcolor="#DDDDDD", title=value_label,
                        tickformat=",d", dtick=1 if top <= 8 else None)
    return figure


def organiser_reach(channels: pd.DataFrame, organiser: str, lang: str = "fr") -> ChartView:
    """The organiser's own audience per channel (campaign_channels), with its as-of date."""
    as_of = channels["as_of"].dropna().max() if not channels.empty else None
    title = translate("Auditoire propre de l’organisateur ({organiser}), données au {date}", lang,
                      organiser=organiser, date=format_date(_day(as_of), lang) or "?")
    figure = _bars_figure(channels["label"], list(channels["audience"]), "organiser", title,
                          translate("Abonnés ou visiteurs par année", lang), lang)
    table = pd.DataFrame({translate("Canal", lang): channels["label"],
                          translate("Auditoire de l’organisateur", lang): channels["audience"],
                          translate("Données au", lang): channels["as_of"]})
    return ChartView(figure, table, "auditoire-organisateur")


def declared_audience(declared: pd.DataFrame, channel_order: list[str], lang: str = "fr") -> ChartView:
    """Ambassadors' own audience as declared at sign-up, summed per channel over approved
    ambassadors (audiences of different organisations may overlap)."""
    totals = declared.groupby("channel")["audience"].agg(["sum", "count"]) if not declared.empty else None
    labels = list(channel_order)
    values = [int(totals.loc[c, "sum"]) if totals is not None and c in totals.index else None for c in labels]
    counts = [int(totals.loc[c, "count"]) if totals is not None and c in totals.index else 0 for c in labels]
    title = translate("Auditoire déclaré par les ambassadeurs à l’inscription (somme, recoupements possibles)", lang)
    figure = _bars_figure(labels, values, "declared", title, translate("Auditoire déclaré", lang), lang)
    table = pd.DataFrame({translate("Canal", lang): labels, translate("Auditoire déclaré (somme)", lang): values,
                          translate("Ambassadeurs ayant répondu", lang): counts})
    return ChartView(figure, table, "auditoire-declare-ambassadeurs")


def _day(value) -> dt.date | None:
    if value is None or pd.isna(value):
        return None
    return value.date() if hasattr(value, "date") and callable(value.date) else value


def moments_timeline(moments: pd.DataFrame, lang: str = "fr") -> ChartView:
    """The moments forts on a time axis (a bar from start to end), each labelled with how
    many approved ambassadors committed to it."""
    starts = [pd.Timestamp(v) for v in moments["starts_on"]]
    ends = [pd.Timestamp(v) + pd.Timedelta(days=1) for v in moments["ends_on"]]
    counts = [int(v) for v in moments["ambassadors"]]
    texts = [ngettext("{n} ambassadeur", "{n} ambassadeurs", n, lang) for n in counts]
    checklist = moments["checklist_label"] if "checklist_label" in moments else [""] * len(moments)
    names = [moment_name(c, w) for c, w in zip(checklist, moments["when_label"])]
    details = [moment_detail(w, d) for w, d in zip(moments["when_label"], moments["description"])]
    labels = [wrap_label(name, 44) for name in names]
    colour, pattern = SOURCES["commitments"]
    figure = go.Figure(go.Bar(
        y=labels, base=[s.isoformat() for s in starts],
        x=[max((e - s).total_seconds() * 1000, 4 * 86_400_000) for s, e in zip(starts, ends)],
        orientation="h", text=texts, textposition="outside", cliponaxis=False,
        marker=dict(color=colour, line=dict(color="#333333", width=1)),
        customdata=[[format_date(_day(s), lang), format_date(_day(e - pd.Timedelta(days=1)), lang),
                     escape_label(detail)] for s, e, detail in zip(starts, ends, details)],
        hovertemplate="%{y}<br>%{customdata[2]}<br>%{customdata[0]} → %{customdata[1]}<br>%{text}<extra></extra>"))
    _layout(figure, translate("Moments forts et nombre d’ambassadeurs engagés (ambassadeurs approuvés)", lang),
            120 + 56 * max(1, len(labels)), lang, showlegend=False, bargap=0.35)
    figure.update_yaxes(autorange="reversed", automargin=True)
    if starts:
        months = pd.date_range(min(starts).replace(day=1), max(ends) + pd.Timedelta(days=31), freq="2MS")
        figure.update_xaxes(type="date", range=[(min(starts) - pd.Timedelta(days=15)).isoformat(),
                                                (max(ends) + pd.Timedelta(days=75)).isoformat()],
                            showgrid=True, gridcolor="#DDDDDD", tickvals=[m.isoformat() for m in months],
                            ticktext=[format_month(m.year, m.month, lang) for m in months])
    table = pd.DataFrame({translate("Moment fort", lang): names, translate("Détail", lang): details,
                          translate("Début", lang): moments["starts_on"], translate("Fin", lang): moments["ends_on"],
                          translate("Ambassadeurs engagés", lang): counts})
    return ChartView(figure, table, "moments-forts")


def grid_states(grid: pd.DataFrame) -> pd.DataFrame:
    """Organisations × moments as a wide table of states 'none', 'committed' or 'done'. Pure."""
    if grid.empty:
        return pd.DataFrame()
    state = grid.assign(state=[("done" if d else "committed" if c else "none")
                               for c, d in zip(grid["committed"], grid["done"])])
    order = list(dict.fromkeys(state.sort_values("position")["when_label"]))
    wide = state.pivot_table(index="organisation", columns="when_label", values="state", aggfunc="first", sort=False)
    return wide[order]


def moment_grid(grid: pd.DataFrame, lang: str = "fr") -> ChartView:
    """A heat map organisations × moments forts: committed, and reported done in a
    submitted report; each cell also says it in words."""
    every = grid_states(grid)
    wide = every.iloc[:MAX_ORGANISATIONS]  # a row per organisation: thousands would be unreadable and slow
    words = {key: translate(word, lang) for key, word, _ in GRID_STATES}
    values = {key: index for index, (key, _, _) in enumerate(GRID_STATES)}
    figure = go.Figure()
    if not wide.empty:
        colours = [colour for _, _, colour in GRID_STATES]
        scale = [[0, colours[0]], [0.33, colours[0]], [0.34, colours[1]], [0.66, colours[1]],
                 [0.67, colours[2]], [1, colours[2]]]
        figure.add_heatmap(z=wide.map(values.get).values, x=[wrap_label(c, 16) for c in wide.columns],
                           y=[wrap_label(i, 30) for i in wide.index], text=wide.map(words.get).values,
                           texttemplate="%{text}", colorscale=scale, zmin=0, zmax=2, showscale=False, xgap=2, ygap=2,
                           hovertemplate="%{y}<br>%{x}<br>%{text}<extra></extra>")
        figure.update_yaxes(autorange="reversed", automargin=True)
        figure.update_xaxes(side="top", automargin=True)
    _layout(figure, translate("Organisations × moments forts : engagé, et fait selon le rapport soumis", lang),
            170 + 46 * max(1, len(wide.index)), lang)
    figure.update_layout(margin=dict(l=10, r=10, t=130, b=10))
    table = every.map(words.get).reset_index().rename(columns={"organisation": translate("Organisation", lang)}) \
        if not every.empty else pd.DataFrame(columns=[translate("Organisation", lang)])
    return ChartView(figure, table, "grille-organisations-moments",
                     _organisations_note(len(wide), len(every), FIRST_ORGANISATIONS, lang))


def commitments_by_type(counts: pd.DataFrame, lang: str = "fr") -> ChartView:
    """How many approved ambassadors ticked each commitment of the checklist."""
    figure = _bars_figure(counts["label"], [int(v) for v in counts["ambassadors"]], "commitments",
                          translate("Engagements cochés par les ambassadeurs approuvés", lang),
                          translate("Ambassadeurs", lang), lang)
    table = pd.DataFrame({translate("Engagement", lang): counts["label"],
                          translate("Ambassadeurs", lang): counts["ambassadors"]})
    return ChartView(figure, table, "engagements-par-type")


def reported_reach(totals: pd.DataFrame, by: str, metric: str, metric_label: str, lang: str = "fr") -> ChartView:
    """Reach reported in submitted impact reports, per channel or per organisation, for one
    metric (totals from report_figures.reach_totals)."""
    what = translate("par canal", lang) if by == "channel" else translate("par ambassadeur (somme de ses canaux)", lang)
    title = translate("Portée rapportée par les ambassadeurs (rapports soumis) — {metric}, {what}", lang,
                      metric=metric_label.lower(), what=what)
    drawn = totals
    if by == "organisation" and len(totals) > MAX_ORGANISATIONS:  # the largest only: a bar per organisation
        drawn = totals.sort_values(metric, ascending=False, na_position="last", kind="stable").head(MAX_ORGANISATIONS)
    values = [None if pd.isna(v) else int(v) for v in drawn[metric]] if not drawn.empty else []
    figure = _bars_figure(list(drawn[by]) if not drawn.empty else [], values, "reported", title, metric_label, lang)
    table = totals.rename(columns={"channel": translate("Canal", lang), "organisation": translate("Organisation", lang),
                                   "posts": translate("Publications", lang), "views": translate("Vues", lang),
                                   "shares": translate("Partages", lang),
                                   "people_reached": translate("Personnes jointes", lang)})
    return ChartView(figure, table, f"portee-rapportee-{'canal' if by == 'channel' else 'ambassadeur'}",
                     _organisations_note(len(drawn), len(totals), LARGEST_REACH, lang))


def activities_participants(activities: pd.DataFrame, lang: str = "fr") -> ChartView:
    """Activities ambassadors reported organising: participants per type, with how many
    activities each."""
    if activities.empty:
        summary = pd.DataFrame(columns=["type", "activities", "participants"])
    else:
        summary = (activities.assign(type=activities["activity_type"].str.strip().str.capitalize())
                   .groupby("type", sort=True).agg(activities=("type", "size"),
                                                   participants=("participants", lambda s: s.sum(min_count=1)))
                   .reset_index())
    labels = [ngettext("{type} ({n} activité)", "{type} ({n} activités)", n, lang, type=kind)
              for kind, n in zip(summary["type"], summary["activities"])]
    values = [None if pd.isna(v) else int(v) for v in summary["participants"]]
    figure = _bars_figure(labels, values, "reported",
                          translate("Activités rapportées par les ambassadeurs : participants par type", lang),
                          translate("Participants", lang), lang)
    table = activities.rename(columns={"organisation": translate("Organisation", lang),
                                       "activity_type": translate("Type", lang), "held_on": translate("Date", lang),
                                       "participants": translate("Participants", lang),
                                       "description": translate("Description", lang)})
    return ChartView(figure, table, "activites-rapportees")
