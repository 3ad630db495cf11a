"""Vue d’ensemble: per-axis progress, statuses, late and coming items, latest updates, load."""
import streamlit as st

from lib.core import clock, roles
from lib.core.i18n import N_, format_date, format_pct
from lib.plan import overview, statuses
from lib.ui import board_views, plan_views, session

user = session.require_role(roles.READERS)
t = session.t
lang = session.language()
db = session.get_db()

plan_id = plan_views.current_plan_or_stop(db)
today = clock.today()
status = plan_views.plan_status(plan_id, today)
tables = plan_views.overview_tables(plan_id, today)
figures = plan_views.overview_figures(plan_id, today, lang)

st.title(t("Vue d’ensemble du plan d’action"))
st.caption(t("Situation au {day}", day=format_date(today, lang)))
since = board_views.since_last_meeting()
if since:
    st.info(since, icon=":material/event:")

overall = overview.overall_progress(status)
late, soon = tables["late"], tables["soon"]
missed_targets, repeatedly_missed = tables["missed_targets"], tables["repeatedly_missed"]
col_progress, col_late, col_soon = st.columns(3)
col_missed, col_cycles, col_items = st.columns(3)  # two rows: the labels stay whole at 1400 px
col_progress.metric(t("Réalisés ou en bonne voie"), format_pct(overall, lang) if overall is not None else "—")
col_late.metric(t("En retard"), len(late))
col_soon.metric(t("À échéance d’ici {days} jours", days=overview.DUE_SOON_DAYS), len(soon))
col_missed.metric(t("Cibles manquées à l’échéance"), len(missed_targets))
col_cycles.metric(t("Moyens ayant manqué 2 cycles ou plus"), len(repeatedly_missed))
col_items.metric(t("Moyens suivis"), len(status))

st.header(t("Avancement par axe"), divider="gray")
st.caption(t(statuses.ON_TRACK_EXPLANATION_FR))
plan_views.chart_with_table(figures["progress"], overview.with_percent(tables["progress"]), "overview.progress",
                            "avancement-par-axe",  # whole percentages, as the chart writes them (not 91,67 %)
                            column_config={t("Avancement (%)"): st.column_config.ProgressColumn(
                                t("Avancement (%)"), format="%d %%" if lang == "fr" else "%d%%", min_value=0,
                                max_value=100)})

history_table, history_figure = plan_views.axis_history(plan_id, today, lang)
if history_table is not None:
    st.header(t("Avancement par axe dans le temps"), divider="gray")
    st.caption(t("Chaque mois, l’avancement moyen des moyens de l’axe selon leur dernière mise à jour à la fin du mois "
                 "(un moyen sans mise à jour compte pour 0 %)."))
    plan_views.chart_with_table(history_figure, history_table, "overview.history", "avancement-par-axe-par-mois")

st.header(t("Statuts par axe"), divider="gray")
st.caption(t("Statut de chaque moyen pour son cycle en cours (l’année ou le mois en cours pour ce qui revient)."))
plan_views.chart_with_table(figures["breakdown"], tables["breakdown"], "overview.breakdown",
                            "statuts-par-axe")

st.header(t("En retard"), divider="gray")
plan_views.item_table(late, "overview.late", "moyens-en-retard", empty_fr=N_("Aucun moyen en retard."))

st.header(t("Cibles manquées à l’échéance"), divider="gray")
st.caption(t("Une cible à atteindre d’ici une date est jugée à cette date : le chiffre d’alors, ce qui est venu après "
             "à part."))
plan_views.item_table(missed_targets, "overview.missed_targets", "cibles-manquees",
                      empty_fr=N_("Aucune cible manquée à son échéance."))

st.header(t("Moyens ayant manqué 2 cycles ou plus"), divider="gray")
plan_views.item_table(repeatedly_missed, "overview.repeatedly_missed", "cycles-manques",
                      empty_fr=N_("Aucun moyen n’a manqué plus d’un cycle."))

st.header(t("À échéance d’ici {days} jours", days=overview.DUE_SOON_DAYS), divider="gray")
plan_views.item_table(soon, "overview.soon", "echeances-60-jours",
                      empty_fr=N_("Aucune échéance dans les 60 prochains jours."))

st.header(t("Dernières mises à jour"), divider="gray")
plan_views.item_table(tables["latest"], "overview.latest", "dernieres-mises-a-jour",
                      empty_fr=N_("Aucune mise à jour n’a encore été enregistrée."))

st.header(t("Charge par responsable"), divider="gray")
st.caption(t("Nombre de moyens portés par chaque responsable ou partenaire nommé au plan, et combien sont en retard. "
             "Un moyen partagé compte pour chacun."))
plan_views.chart_with_table(figures["load"], tables["load"], "overview.load", "charge-par-responsable")
