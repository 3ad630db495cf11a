"""Journal: the audit log of sign-ins and changes (admin)."""
import streamlit as st

from lib.core import audit, roles, spreadsheets
from lib.ui import session

session.require_role(roles.ADMINS)
t = session.t
db = session.get_db()

st.title(t("Journal des activités"))
st.caption(t("Connexions, échecs, verrouillages et modifications, du plus récent au plus ancien (heure du Québec)."))
filters = st.columns(2)
kind = filters[0].selectbox(
    t("Type d’événement"), list(audit.ACTION_GROUPS_FR),
    format_func=lambda prefix: t(audit.ACTION_GROUPS_FR[prefix]), key="journal.kind")
actor = filters[1].text_input(t("Utilisateur (nom exact)"), key="journal.actor").strip().lower()
events = audit.list_events(db, action_prefix=kind, actor=actor, lang=session.language())
st.dataframe(events, hide_index=True, placeholder="—", width="stretch", column_config={
    "happened_at": t("Moment"),
    "actor": t("Qui"), "label": t("Quoi"), "action": t("Code"), "entity": t("Objet"), "entity_id": t("Identifiant"),
    "details": t("Détails"), "session_id": t("Session"),
})
st.download_button(t("Télécharger (CSV)"), lambda: spreadsheets.to_csv_bytes(events), "journal.csv", "text/csv",
                   key="journal.download")
