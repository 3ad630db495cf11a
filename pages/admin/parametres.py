"""Paramètres: AGA month, continuous-item delay, plan start, links in emails, current campaign (admin)."""
import streamlit as st

from lib.accounts import settings
from lib.campaign import campaigns
from lib.core import roles
from lib.core import settings as app_settings
from lib.core.errors import FormError
from lib.core.i18n import month_name
from lib.ui import feedback, session

admin = session.require_role(roles.ADMINS)
t = session.t
db = session.get_db()
values = app_settings.load_settings(db)

st.title(t("Paramètres"))
with st.form("settings", enter_to_submit=False):
    aga_month = st.selectbox(t("Mois de l’assemblée générale annuelle (AGA)"), range(1, 13),
                             index=values.aga_month - 1, format_func=lambda m: month_name(m, session.language()),
                             key="settings.aga_month",
                             help=t("Sert à lire les périodes comme « Novembre, AGA et mars »."))
    late_days = st.number_input(t("Jours sans mise à jour avant qu’un moyen « En continu » soit en retard"),
                                min_value=app_settings.CONTINUOUS_LATE_DAYS.start,
                                max_value=app_settings.CONTINUOUS_LATE_DAYS.stop - 1, value=values.continuous_late_days,
                                key="settings.continuous_late_days")
    plan_start = st.date_input(t("Début du suivi du plan"), value=values.plan_start,
                               format="YYYY-MM-DD", key="settings.plan_start")
    backups_kept = st.number_input(t("Sauvegardes gardées (les plus récentes)"),
                                   min_value=app_settings.BACKUPS_KEPT.start,
                                   max_value=app_settings.BACKUPS_KEPT.stop - 1, value=values.backups_kept,
                                   key="settings.backups_kept",
                                   help=t("L’application fait une sauvegarde par jour et supprime les plus anciennes "
                                          "au-delà de ce nombre."))
    base_url = st.text_input(t("Adresse de l’application, pour les liens des courriels"), value=values.base_url,
                             key="settings.base_url", help=t("Par exemple https://tableau.rocsmo.org"))
    link_hours = st.number_input(t("Durée des liens en un clic (heures)"), min_value=app_settings.LINK_HOURS.start,
                                 max_value=app_settings.LINK_HOURS.stop - 1, value=values.link_hours,
                                 key="settings.link_hours")
    if st.form_submit_button(t("Enregistrer"), type="primary"):
        try:
            settings.save_settings(db, {"aga_month": aga_month, "continuous_late_days": int(late_days),
                                        "plan_start": plan_start.isoformat(), "backups_kept": int(backups_kept),
                                        "base_url": base_url.strip(), "link_hours": int(link_hours)},
                                  actor=admin.username)
            st.success(t("Paramètres enregistrés."))
        except FormError as error:
            feedback.show_errors(error)

st.subheader(t("Campagne courante"))
listing = campaigns.list_campaigns(db)
if listing.empty:
    st.info(t("Aucune campagne."))
else:
    slugs = listing["slug"].tolist()
    current = values.current_campaign
    names = dict(zip(listing["slug"], listing["name"]))
    chosen = st.selectbox(t("Campagne affichée et ouverte aux inscriptions"), slugs,
                          index=slugs.index(current) if current in slugs else 0,
                          format_func=lambda slug: names[slug], key="settings.current_campaign")
    if st.button(t("Définir comme campagne courante"), key="settings.set_current", disabled=chosen == current):
        campaigns.set_current_campaign(db, chosen, actor=admin.username)
        st.rerun()
