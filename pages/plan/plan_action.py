"""Plan d’action: drill down axis → action → means, with each item's history and indicator progress."""
import streamlit as st

from lib.core import clock, roles
from lib.core.i18n import N_, format_date, format_pct
from lib.outreach import calendar
from lib.plan import assessment, charts, items, overview, statuses, tracking, updates
from lib.ui import plan_views, session
from lib.ui.layout import escape_markdown

user = session.require_role(roles.READERS)
t, nt = session.t, session.nt
lang = session.language()
db = session.get_db()

plan_id = plan_views.current_plan_or_stop(db)
current = items.get_plan(db, plan_id)
today = clock.today()
status = plan_views.plan_status(plan_id, today)

st.title(escape_markdown(current["title"]))
st.caption(" · ".join((nt("{n} axe", "{n} axes", status["axis_id"].nunique()),
                       nt("{n} action", "{n} actions", status["action_id"].nunique()),
                       nt("{n} moyen", "{n} moyens", len(status)))))
objectives = dict(items.list_axes(db, plan_id, lang=lang)[["number", "objective"]].itertuples(index=False))
views = {"axis": t("Par axe"), "document": t("Le plan en entier")}
view = st.segmented_control(t("Affichage"), list(views), format_func=views.get, default="axis", key="plan.view",
                            required=True)
if view == "document":
    st.caption(t("Le plan tel que le ROCSMO l’a écrit, avec où en est chaque moyen au {day}. Pour l’imprimer : "
                 "Ctrl+P (ou Cmd+P).", day=format_date(today, lang)))
    plan_views.plan_xlsx_button(db, status, today, "plan.document.xlsx")
    st.header(t("Mise en contexte et orientations stratégiques de 2018"), divider="gray")
    plan_views.context_and_orientations(current["context"], items.list_strategies(db, plan_id))
    plan_views.plan_document(status, objectives)
    st.stop()

with st.expander(t("Mise en contexte et orientations stratégiques de 2018"), expanded=True):
    plan_views.context_and_orientations(current["context"], items.list_strategies(db, plan_id))

with st.expander(t("Échéances dans votre calendrier (.ics)")):
    party = st.selectbox(t("Responsable"), calendar.plan_parties(status), key="plan.ics_party")
    st.download_button(t("Télécharger les échéances (.ics)"), calendar.plan_calendar(status, party, lang),
                       file_name="echeances-plan.ics", mime="text/calendar", key="plan.ics", icon=":material/event:")

axis_names = dict(zip(status["axis_number"], status["axis_name"]))
axis_number = st.selectbox(t("Axe"), list(axis_names), format_func=lambda n: f"{n}. {axis_names[n]}", key="plan.axis")
axis_items = status[status["axis_number"] == axis_number]
axis_row = overview.axis_progress(axis_items).iloc[0]
st.header(t("Axe {number} : {name}", number=axis_number, name=escape_markdown(axis_names[axis_number])), divider="gray")
st.markdown(t("**{label}** : {value}", label=t("Objectif"), value=escape_markdown(objectives.get(axis_number, ""))))
share = axis_row["Avancement"]
st.progress(0.0 if share is None else float(share),
            text=t("{share} des moyens réalisés ou en bonne voie ({on_track} / {counted}) · {late} en retard",
                   share=format_pct(share, lang) if share is not None else "—",
                   on_track=axis_row["Réalisés ou en bonne voie"], counted=axis_row["Comptés"],
                   late=axis_row["En retard"]))
st.caption(t(statuses.ON_TRACK_EXPLANATION_FR))

for action_title, action_items in axis_items.groupby("action_title", sort=False):
    st.subheader(escape_markdown(action_title), anchor=False)
    plan_views.read_items(overview.find_table(action_items), leave_out=("Action",))

st.header(t("Détail d’un moyen"), divider="gray")
labels = {row.means_id: f"{overview.item_code(row._asdict())} — {row.text}" for row in axis_items.itertuples()}
means_id = st.selectbox(t("Moyen"), list(labels), format_func=labels.get, key="plan.means")
item = axis_items.set_index("means_id").loc[means_id]
history = updates.list_updates(db, means_id=int(means_id))
left, right = st.columns(2)
with left:
    # Sentences of the status frame are lib Messages: t() shows them in the session's language.
    status_fr, cycle_fr, late_fr, schedule_fr = item["status_fr"], item["cycle_label"], item["late_reason_fr"], \
        item["schedule_fr"]
    cycle = f" ({escape_markdown(t(cycle_fr))})" if cycle_fr else ""
    st.markdown(t("**{label}** : {value}", label=t("Statut"), value=t(status_fr) + cycle))
    st.progress(int(item["progress"]) / 100, text=t("Avancement : {progress} %", progress=item["progress"]))
    if item["late"]:
        st.error(t("En retard") + " — " + escape_markdown(t(late_fr)), icon=":material/schedule:")
    deadline = overview.deadline_of(item)
    st.markdown(t("**{label}** : {value}", label=t("Prochaine échéance"),
                  value=format_date(deadline, lang) if deadline else "—"))
    st.markdown("**" + t("Période (telle qu’écrite)") + "**")
    st.text(item["period_label"] or "—")
    by_hand = " · " + t("échéancier saisi à la main") if item["schedule_overridden"] else ""
    st.caption(escape_markdown(t(schedule_fr)) + by_hand)
    st.markdown("**" + t("Responsables") + "**")
    st.text(item["responsible_label"] or "—")
with right:
    st.markdown("**" + t("Indicateur de réussite") + "**")
    st.text(item["indicator"] or "—")
    corrected = " (" + t("corrigée par l’équipe") + ")" if item["target_overridden"] else ""
    target_fr, target_progress_fr = item["target_fr"], item["target_progress_fr"]
    st.markdown(t("**{label}** : {value}", label=t("Cible"), value=escape_markdown(t(target_fr)) + corrected))
    st.markdown(t("**{label}** : {value}", label=t("Progrès vers la cible"),
                  value=escape_markdown(t(target_progress_fr))))
    if source_fr := item["target_source_fr"]:
        st.caption(escape_markdown(t(source_fr)), help=t("L’équipe a lié ce moyen à un chiffre de la campagne."))
    if item["target_ratio"] is not None and item["target_ratio"] == item["target_ratio"]:
        st.progress(float(item["target_ratio"]))
    target = tracking.item_rules_for(db, int(means_id)).target
    quantities = assessment.reported_quantities(history, target.unit_fr)
    if quantities and item["target_kind"] != "done":
        table = overview.quantities_table(quantities, target.kind, target.per)
        plan_views.chart_with_table(charts.target_progress_figure(table, target.quantity, lang), table,
                                    "plan.quantities", f"quantites-moyen-{means_id}")

outcomes = tracking.item_cycle_outcomes(db, int(means_id), today)
if outcomes:
    st.subheader(t("Chaque cycle"), anchor=False)
    plan_views.item_table(overview.cycle_outcomes_table(outcomes), "plan.cycles", f"cycles-moyen-{means_id}",
                          empty_fr=N_("Aucun cycle échu."))

st.subheader(t("Historique complet"), anchor=False)
plan_views.item_table(overview.item_history(history, target.unit_fr), "plan.history", f"historique-moyen-{means_id}",
                      empty_fr=N_("Aucune mise à jour n’a encore été enregistrée pour ce moyen."))
