"""Mises à jour: find a plan item, record its update, set its schedule or target; edit the plan."""
import streamlit as st

from lib.core import clock, roles
from lib.core.i18n import N_, format_date
from lib.plan import indicators, overview, statuses, tracking, updates
from lib.ui import feedback, plan_editor, plan_views, session
from lib.ui.layout import escape_markdown

user = session.require_role(roles.STAFF)
t, nt = session.t, session.nt
db = session.get_db()
sid = session.session_id()

plan_id = plan_views.current_plan_or_stop(db)
today = clock.today()
status = plan_views.plan_status(plan_id, today)

st.title(t("Mises à jour du plan d’action"))
plan_views.flash()  # the plan editor's and the schedule and target forms' saves (also as a toast)
# Keyed and tracked, so a save (which reruns the page) stays on the tab it was made in.
update_tab, plan_tab = st.tabs([t("Enregistrer une mise à jour"), t("Modifier le plan")], key="updates.tab",
                               on_change="rerun")

with update_tab:
    unreadable = status[~status["schedule_readable"]]
    if len(unreadable):
        st.warning(nt("{n} moyen a une période que l’application ne sait pas lire : définissez son échéancier "
                      "à la main (section « Échéancier saisi à la main »).",
                      "{n} moyens ont une période que l’application ne sait pas lire : définissez leur échéancier "
                      "à la main (section « Échéancier saisi à la main »).", len(unreadable)),
                   icon=":material/help:")
        st.text("\n".join(t("{code} — {text} : « {period} »", code=overview.item_code(row._asdict()), text=row.text,
                            period=row.period_label) for row in unreadable.itertuples()))
    search = st.text_input(t("Rechercher un moyen"), key="find.search",
                           placeholder=t("Un mot du moyen, de l’action, de l’indicateur…"))
    col_axis, col_party, col_status, col_late = st.columns([3, 3, 3, 2], vertical_alignment="bottom")
    axis_names = dict(zip(status["axis_number"], status["axis_name"]))
    axes = col_axis.multiselect(t("Axes"), list(axis_names), format_func=lambda n: f"{n}. {axis_names[n]}",
                                key="find.axes", placeholder=t("Tous"))
    parties = col_party.multiselect(t("Responsables"), overview.list_parties(status), key="find.parties",
                                    placeholder=t("Tous"))
    chosen_statuses = col_status.multiselect(t("Statuts"), list(statuses.STATUSES),
                                      format_func=lambda s: t(statuses.STATUS_LABELS_FR[s]), key="find.statuses",
                                      placeholder=t("Tous"))
    late_only = col_late.toggle(t("En retard seulement"), key="find.late")
    found = overview.filter_items(status, search=search, axes=axes, parties=parties, statuses=chosen_statuses,
                                  late_only=late_only)
    st.caption(nt("{n} moyen sur {total}", "{n} moyens sur {total}", len(found), total=len(status)))
    found_table = overview.find_table(found)
    picked = plan_views.search_results(found_table, "find.results")  # the chosen item's whole text is below
    plan_views.follow_row_selection(picked, found["means_id"].tolist(), "find.means")
    if found.empty:
        st.stop()
    labels = {row.means_id: f"{overview.item_code(row._asdict())} — {row.text}" for row in found.itertuples()}
    means_id = st.selectbox(t("Moyen à mettre à jour"), list(labels), format_func=labels.get, key="find.means")
    item = status.set_index("means_id").loc[means_id]
    rules = tracking.item_rules_for(db, int(means_id))

    st.subheader(escape_markdown(item["text"]), anchor=False)
    st.markdown(t("**{label}** : {value}", label=t("Action"), value=escape_markdown(item["action_title"])))
    facts = st.columns(3)
    facts[0].markdown("**" + t("Période (telle qu’écrite)") + "**")
    facts[0].text(item["period_label"] or "—")
    schedule_fr = rules.schedule.describe_fr()  # a lib Message, like the late reason below
    facts[0].caption(escape_markdown(t(schedule_fr))
                     + (" · " + t("saisi à la main") if item["schedule_overridden"] else ""))
    facts[1].markdown("**" + t("Indicateur") + "**")
    facts[1].text(item["indicator"] or "—")
    target_fr, target_progress_fr = item["target_fr"], item["target_progress_fr"]
    target = escape_markdown(f"{t(target_fr)} · {t(target_progress_fr)}")
    facts[1].caption(t("Cible : {goal}", goal=target))
    if source_fr := item["target_source_fr"]:  # a variable: a literal inside t(...) would be extracted
        facts[1].caption(escape_markdown(t(source_fr)))
    facts[2].markdown("**" + t("Statut actuel") + "**")
    cycle_fr, late_fr = item["cycle_label"], item["late_reason_fr"]
    cycle = f" · {t(cycle_fr)}" if cycle_fr else ""
    status_fr, progress = item["status_fr"], item["progress"]
    facts[2].text(t("{status} · {progress} %", status=t(status_fr), progress=progress) + cycle)
    if item["late"]:
        facts[2].error(escape_markdown(t(late_fr)), icon=":material/schedule:")
    if not rules.schedule.readable:
        st.warning(t("La période de ce moyen n’a pas pu être lue : définissez son échéancier à la main ci-dessous "
                     "(la période écrite au plan est conservée)."), icon=":material/help:")

    history = updates.list_updates(db, means_id=int(means_id))
    plan_views.prefill("update", int(means_id), {"update.status": item["status"],
                                                 "update.progress": 5 * round(int(item["progress"]) / 5)})
    with st.form("update", enter_to_submit=False):
        st.markdown("**" + t("Nouvelle mise à jour") + "**")
        st.caption(t("Pour un moyen qui revient (chaque année, chaque mois), la mise à jour compte pour le cycle qui "
                     "contient la date du travail. Une correction est une nouvelle entrée : l’historique garde tout."))
        col_a, col_b, col_c = st.columns(3)
        new_status = col_a.selectbox(t("Statut"), list(statuses.STATUSES), key="update.status",
                                     format_func=lambda s: t(statuses.STATUS_LABELS_FR[s]))
        progress = col_b.slider(t("Avancement (%)"), 0, 100, step=5, key="update.progress")
        work_date = col_c.date_input(t("Date du travail"), value=today, max_value=today, key="update.work_date",
                                     format="YYYY-MM-DD")
        quantity = col_a.number_input(t("Quantité (facultatif)"), value=None, step=1.0, key="update.quantity",
                                      help=t("Par exemple 2 pour « 2 nouveaux membres ». Vide : lue dans la note "
                                             "quand elle donne un nombre dans l’unité de la cible."))
        evidence = col_b.text_input(t("Lien vers une preuve (facultatif)"), key="update.evidence_url",
                                    placeholder="https://…")
        corrections = {None: t("Aucune : nouvelle entrée")} | {
            row.update_id: t("N° {number} — {day} — {status}", number=row.update_id,
                             day=format_date(row.work_date, session.language()),
                             status=t(statuses.STATUS_LABELS_FR[row.status]))
            for row in history.itertuples()}
        corrects = col_c.selectbox(t("Corrige la mise à jour"), list(corrections), format_func=corrections.get,
                                   key="update.corrects")
        note = st.text_area(t("Note"), key="update.note")
        submitted = st.form_submit_button(t("Enregistrer la mise à jour"), type="primary")
    if submitted:
        data = updates.UpdateInput(new_status, progress, work_date, note, quantity, evidence, corrects)
        read = indicators.read_quantity_fr(note, rules.target) if quantity is None else None
        feedback.save_then_confirm(
            "update", lambda: updates.record_update(db, user, int(means_id), data, session_id=sid),
            t("Mise à jour enregistrée : {status}, {progress} %, travail du {day}. Le formulaire est prêt pour la "
              "suivante.", status=t(statuses.STATUS_LABELS_FR[new_status]), progress=progress,
              day=format_date(work_date, session.language()))
            + (" " + feedback.message_markdown(read) if read else ""),  # a typed unit
            then=lambda _: plan_views.clear_fields("update.status", "update.progress", "update.work_date",
                                                   "update.quantity", "update.evidence_url", "update.corrects",
                                                   "update.note", "update.loaded_for"))
    feedback.show_confirmation("update")

    st.markdown("**" + t("Historique du moyen") + "**")
    plan_views.item_table(overview.item_history(history, rules.target.unit_fr), "history",
                          f"historique-moyen-{means_id}",
                          empty_fr=N_("Aucune mise à jour n’a encore été enregistrée pour ce moyen."))

    with st.expander(t("Échéancier saisi à la main"), expanded=not rules.schedule.readable):
        plan_editor.schedule_form(db, user, int(means_id), overridden=bool(item["schedule_overridden"]), sid=sid)
    with st.expander(t("Cible de l’indicateur")):
        plan_editor.target_form(db, user, int(means_id), overridden=bool(item["target_overridden"]), sid=sid)
    with st.expander(t("Chiffre de la campagne")):
        plan_editor.figure_form(db, user, int(means_id), sid=sid)

with plan_tab:
    st.caption(t("Rien n’est supprimé : un élément archivé disparaît du plan et des figures, garde son historique "
                 "et peut être rétabli. Seul un moyen sans mise à jour peut être supprimé."))
    plan_editor.render(db, user, plan_id, sid)
