"""Streamlit-side building blocks of the plan pages: cached reads keyed on a data version,
tables with translated headers, and "chart with a table alternative and a download".

The cache key is (database file, lib.core.audit.data_version, plan, date): every write is
audited, so any change made by anyone shows on the next rerun of every session. The cached
frames and figures are shared, not copied (st.cache_resource: unpickling a copy on every
rerun cost more than drawing them); callers treat them as read-only.
"""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from lib.core import audit, spreadsheets
from lib.core.i18n import format_date, format_table, translate
from lib.core.messages import translate_message
from lib.plan import charts, exports, items, overview, timeline, tracking, updates
from lib.ui import session, tables
from lib.ui.layout import escape_markdown

# Columns whose values are French labels or lib Messages (late reasons, schedules, cycles), translated too.
_STATUS_VALUE_COLUMNS = ("Statut", "En retard", "Corrigée", "Pourquoi", "Échéancier", "Cycle", "Cible",
                         "Résultat à l’échéance", "Résultat")


@st.cache_resource(show_spinner=False, max_entries=16)
def _plan_status(db_path: str, version: int, plan_id: int, as_of: date, lang: str) -> pd.DataFrame:
    return tracking.plan_status(session.get_db(), plan_id, as_of, lang)


@st.cache_resource(show_spinner=False, max_entries=16)
def _plan_updates(db_path: str, version: int, plan_id: int) -> pd.DataFrame:
    return updates.list_updates(session.get_db(), plan_id=plan_id)


def current_plan_or_stop(db) -> int:
    """The current plan's id; when there is none, a notice and the page stops there."""
    plan_id = items.current_plan_id(db)
    if plan_id is None:
        st.warning(session.t("Aucun plan d’action n’est encore enregistré."))
        st.stop()
    return plan_id


def plan_status(plan_id: int, as_of: date) -> pd.DataFrame:
    """The per-item status frame (lib.plan.assessment.assess_items) of a plan, with the plan's own
    texts in the session's language (English where staff added it), cached until the next write."""
    db = session.get_db()
    return _plan_status(db.path, audit.data_version(db), plan_id, as_of, session.language())


def plan_updates(plan_id: int) -> pd.DataFrame:
    """Every update of a plan (lib.plan.updates.list_updates), cached until the next write."""
    db = session.get_db()
    return _plan_updates(db.path, audit.data_version(db), plan_id)


@st.cache_resource(show_spinner=False, max_entries=16)
def _tables(db_path: str, version: int, plan_id: int, as_of: date, lang: str) -> dict:
    status = _plan_status(db_path, version, plan_id, as_of, lang)
    return {
        "progress": overview.axis_progress(status),
        "breakdown": overview.status_breakdown(status),
        "late": overview.late_items(status),
        "soon": overview.due_soon(status, as_of),
        "load": overview.party_load(status),
        "latest": overview.latest_updates(_plan_updates(db_path, version, plan_id), status, limit=15),
        "missed_targets": overview.missed_targets(status),
        "repeatedly_missed": overview.repeatedly_missed(status),
    }


def overview_tables(plan_id: int, as_of: date) -> dict:
    """The overview's tables (lib.plan.overview): "progress", "breakdown", "late", "soon", "load",
    "latest", "missed_targets", "repeatedly_missed"; the plan's own texts in the session's language;
    cached until the next write."""
    db = session.get_db()
    return _tables(db.path, audit.data_version(db), plan_id, as_of, session.language())


@st.cache_resource(show_spinner=False, max_entries=32)
def _figures(db_path: str, version: int, plan_id: int, as_of: date, lang: str) -> dict:
    tables = _tables(db_path, version, plan_id, as_of, lang)
    return {
        "progress": charts.axis_progress_figure(tables["progress"], lang),
        "breakdown": charts.status_breakdown_figure(tables["breakdown"], lang),
        "load": charts.party_load_figure(tables["load"], lang),
    }


@st.cache_resource(show_spinner=False, max_entries=16)
def _history(db_path: str, version: int, plan_id: int, as_of: date, lang: str):
    db = session.get_db()
    first = timeline.first_work_date(db, plan_id)
    if first is None:
        return None, None
    table = timeline.history_table(timeline.monthly_axis_progress(db, plan_id, first, as_of, lang))
    return table, charts.axis_history_figure(table, lang)


def axis_history(plan_id: int, as_of: date, lang: str):
    """(table, figure) of the plan's progress per axis month by month (lib.plan.timeline), or
    (None, None) before any update; cached until the next write."""
    db = session.get_db()
    return _history(db.path, audit.data_version(db), plan_id, as_of, lang)


def overview_figures(plan_id: int, as_of: date, lang: str) -> dict:
    """The overview's figures ("progress", "breakdown", "load"), cached until the next write."""
    db = session.get_db()
    return _figures(db.path, audit.data_version(db), plan_id, as_of, lang)


def localise(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """`table` with headers (and status values) in `lang`; French tables come back unchanged."""
    if lang == "fr":
        return table
    out = table.copy()
    for column in _STATUS_VALUE_COLUMNS:
        if column in out.columns:
            out[column] = pd.Series([translate_message(v, lang) if isinstance(v, str) and v else v
                                     for v in out[column].tolist()], index=out.index, dtype=object)
    return out.rename(columns={c: translate(c, lang) for c in out.columns})


def download_csv(table: pd.DataFrame, key: str, file_stem: str) -> None:
    """A "download as CSV" button for `table` (widget key `<key>.csv`)."""
    st.download_button(session.t("Télécharger (CSV)"), lambda: spreadsheets.to_csv_bytes(table),
                       file_name=f"{file_stem}.csv", mime="text/csv", key=f"{key}.csv", icon=":material/download:")


def chart_with_table(figure, table: pd.DataFrame, key: str, file_stem: str, *, column_config: dict | None = None,
                     alt: str = "") -> None:
    """A chart, its table in a second tab (the accessible alternative), and a CSV download
    (French headers, ISO dates, plain numbers). On screen, dates and numbers are written as the
    session's language does ("1 315", "31 décembre 2024"), except in the columns that
    `column_config` draws itself (a progress bar)."""
    lang = session.language()
    shown = localise(table, lang)
    readable = format_table(shown, lang)
    for name in column_config or {}:
        if name in shown.columns:
            readable[name] = shown[name]
    chart_tab, table_tab = st.tabs([session.t("Graphique"), session.t("Tableau")])
    with chart_tab:
        st.plotly_chart(figure, key=f"{key}.chart", config={"displayModeBar": False, "responsive": True})
        if alt:
            st.caption(alt)
    with table_tab:
        st.dataframe(readable, hide_index=True, column_config=column_config, key=f"{key}.table", placeholder="—")
    download_csv(table, key, file_stem)


def item_table(table: pd.DataFrame, key: str, file_stem: str, *, empty_fr: str) -> None:
    """An item list (late, due soon, updates, an item's history) as a static table that wraps
    its text (read_items) with a CSV download (French headers, ISO dates, plain numbers), or
    `empty_fr`."""
    if table.empty:
        st.info(session.t(empty_fr))
        return
    read_items(table)
    download_csv(table, key, file_stem)


def read_items(table: pd.DataFrame, *, leave_out: tuple[str, ...] = ()) -> None:
    """French item `table` read whole: essentials first (COLUMN_ORDER), headers and statuses in
    the session's language, dates and numbers as it writes them, long text wrapped within the
    page (lib.ui.tables.static_table); `leave_out` names French columns not shown."""
    lang = session.language()
    t = session.t
    kept = table[[c for c in table.columns if c not in leave_out]]
    shown = localise(kept, lang)[column_order(kept, lang)]
    tables.static_table(shown, codes=(t("N°"), t("Corrige"), t("Corrigée par")), links=(t("Preuve"),))


# The staff's search results stay a grid (a click on a row picks the item), so its columns are
# sized: essentials first (what, status, who, when), widths in pixels adding up to what a wide
# page at 1400 px gives a table beside the row checkboxes (about 900 px). The chosen item's
# whole text, period and parties are shown below the grid. The static tables follow the same order.
COLUMN_WIDTHS = {"N°": 50, "Moyen": 215, "Statut": 90, "Avancement (%)": 95, "Responsables": 125,
                 "En retard depuis": 105, "Échéance": 100, "En retard": 75, "Date du travail": 105,
                 "Enregistrée le": 130, "Par": 100, "Pourquoi": 300, "Échéancier": 300, "Note": 260,
                 "Période": 135, "Cycle": 110, "Quantité": 75, "Preuve": 70, "Axe": 180, "Action": 260,
                 "Corrige": 75, "Corrigée": 75, "Corrigée par": 100}
COLUMN_ORDER = tuple(COLUMN_WIDTHS)


def column_order(table: pd.DataFrame, lang: str | None = None) -> list[str]:
    """The columns of French `table` in the order of COLUMN_ORDER (others after, "id" left out),
    with their headers in `lang` (the session's language by default)."""
    lang = lang or session.language()
    names = [c for c in COLUMN_ORDER if c in table.columns] + [
        c for c in table.columns if c not in COLUMN_ORDER and c != "id"]
    return [translate(name, lang) for name in names]


def item_columns() -> dict:
    """Column settings of the search results grid (headers in the session language): fixed
    widths, progress as "50 %"."""
    t = session.t
    config = {t(name): st.column_config.Column(width=width) for name, width in COLUMN_WIDTHS.items()}
    config.update({"id": None,
                   t("Avancement (%)"): st.column_config.NumberColumn(
                       t("Avancement"), format="%d %%" if session.language() == "fr" else "%d%%",
                       width=COLUMN_WIDTHS["Avancement (%)"]),
                   t("Quantité"): st.column_config.NumberColumn(format="%g", width=COLUMN_WIDTHS["Quantité"]),
                   t("Preuve"): st.column_config.LinkColumn(display_text=t("Ouvrir"),
                                                                         width=COLUMN_WIDTHS["Preuve"])})
    return config


def search_results(found_table: pd.DataFrame, key: str, *, height: int = 260):
    """The staff's search results as a grid whose row click picks an item (returns the
    selection event): dates as the session's language writes them ("15 févr. 2027"; text, so
    a header click sorts them as text; the rows come in plan order), columns sized to fit the
    page without sideways scrolling (the action is left out: the page shows the chosen item's)."""
    lang = session.language()
    shown = localise(found_table, lang)
    deadline = session.t("Échéance")
    if deadline in shown.columns:
        shown = shown.assign(**{deadline: [format_date(d, lang, "medium") or None for d in shown[deadline].tolist()]})
    order = [c for c in column_order(found_table) if c != session.t("Action")]  # the chosen item's action is below
    return st.dataframe(shown, hide_index=True, column_config=item_columns(), column_order=order,
                        placeholder="—", height=height, key=key, on_select="rerun", selection_mode="single-row")


def prefill(form: str, record_id, values: dict) -> None:
    """Load `values` into the widgets of `form` when the record being edited changes.

    Keyed widgets ignore `value=` after their first run, so an edit form fills its fields
    through session state, once per chosen record; what staff type afterwards is kept.
    """
    marker = f"{form}.loaded_for"
    if st.session_state.get(marker) != record_id:
        st.session_state.update(values)
        st.session_state[marker] = record_id


def clear_fields(*keys: str) -> None:
    """Forget the given widget values (after a successful save), so the form starts afresh."""
    for key in keys:
        st.session_state.pop(key, None)


def flash(message: str | None = None) -> None:
    """Keep a success message across the rerun that follows a save (or show and drop it, also
    as a toast: seen wherever the page is scrolled)."""
    if message is not None:
        st.session_state["plan.flash"] = message
    elif st.session_state.get("plan.flash"):
        message = st.session_state.pop("plan.flash")
        st.success(message, icon=":material/check_circle:")
        st.toast(message, icon=":material/check_circle:")


def follow_row_selection(event, ids: list, select_key: str) -> None:
    """Make a click on a table row choose that item in the selectbox `select_key` (drawn
    after the table). Applied once per new click, so the selectbox stays usable."""
    rows = list(getattr(getattr(event, "selection", None), "rows", []) or [])
    marker = f"{select_key}.from_row"
    chosen = ids[rows[0]] if rows and rows[0] < len(ids) else None
    if chosen is not None and st.session_state.get(marker) != chosen:
        st.session_state[select_key] = chosen
    st.session_state[marker] = chosen


def context_and_orientations(context: str, strategies: pd.DataFrame) -> None:
    """The plan's context as the document reads: the opening paragraph, the 2018 orientations
    right after "… les principales stratégies suivantes :", then the following paragraphs."""
    intro, rest = exports.split_context(context)
    for paragraph in intro.split("\n\n"):
        st.markdown(escape_markdown(paragraph))
    for (number, name, gloss), rows in strategies.groupby(["number", "name", "gloss"], sort=True):
        st.markdown(f"**{number}. {escape_markdown(name)}** ({escape_markdown(gloss)})  \n"
                    + "  \n".join(f"{escape_markdown(row.letter)}. {escape_markdown(row.label)}"
                                   for row in rows.itertuples() if row.letter == row.letter and row.letter))
    for paragraph in rest.split("\n\n") if rest else ():
        st.markdown(escape_markdown(paragraph))


def _cell(value) -> str:
    """A markdown table cell showing `value` as typed (escaped, on one line)."""
    text = " ".join(str(value).split()) if value is not None and value == value and str(value).strip() else "—"
    return escape_markdown(text)


def plan_document(status: pd.DataFrame, objectives: dict) -> None:
    """The whole plan as the ROCSMO wrote it, axis by axis, one table per action (means, period,
    indicator, target progress, parties, status): markdown tables that wrap their text, so the
    page reads and prints without sideways scrolling. Every text is escaped."""
    t = session.t
    headers = [t("N°"), t("Moyen"), t("Période"), t("Indicateur de réussite"), t("Progrès vers la cible"),
               t("Responsables"), t("Statut")]
    for (number, name), axis_rows in status.groupby(["axis_number", "axis_name"], sort=True):
        with st.container(key=f"plan.document.axis{number}"):
            st.subheader(t("Axe {number} : {name}", number=number, name=escape_markdown(name)), anchor=False)
            st.markdown(t("**{label}** : {value}", label=t("Objectif"),
                          value=escape_markdown(objectives.get(number, "")) or "—"))
            for _, rows in axis_rows.groupby("action_id", sort=False):
                st.markdown("**" + t("Action") + " : " + escape_markdown(rows.iloc[0]["action_title"]) + "**")
                lines = ["| " + " | ".join(headers) + " |", "|" + " --- |" * len(headers)]
                for row in rows.to_dict("records"):
                    status_fr, progress_fr = row["status_fr"], row["target_progress_fr"]  # lib Messages
                    state = t(status_fr) + (" · " + t("En retard") if row["late"] else "")
                    lines.append("| " + " | ".join([
                        _cell(overview.item_code(row)), _cell(row["text"]), _cell(row["period_label"]),
                        _cell(row["indicator"]), _cell(t(progress_fr)),
                        _cell(row["responsible_label"]), _cell(state)]) + " |")
                st.markdown("\n".join(lines))


def plan_xlsx_button(db, status: pd.DataFrame, as_of: date, key: str) -> None:
    """A "download the plan (XLSX)" button; the workbook (lib.plan.exports) is built on click."""
    def build() -> bytes:
        return spreadsheets.to_xlsx_bytes(exports.plan_workbook(exports.plan_export_frame(db, as_of, status=status)))

    st.download_button(session.t("Télécharger le plan (XLSX)"), build, file_name=f"plan-action-{as_of}.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=key,
                       icon=":material/download:", on_click="ignore")
