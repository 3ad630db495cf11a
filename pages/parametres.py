"""Paramètres: the AGA month, the continuous-item delay, the plan start and the current campaign (admin)."""
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
    if st.form_submit_button(t("Enregistrer"), type="primary"):
        try:
            settings.save_settings(db, {"aga_month": aga_month, "continuous_late_days": int(late_days),
                                        "plan_start": plan_start.isoformat()}, actor=admin.username)
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
