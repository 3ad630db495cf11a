"""Nos ambassadeurs: the public wall of the current campaign's approved ambassadors (everyone, signed out too)."""
import streamlit as st

from lib.campaign import campaigns, wall
from lib.core import roles
from lib.ui import session
from lib.ui.layout import escape_markdown

t = session.t
db = session.get_db()
lang = session.language()

st.title(t("Nos ambassadeurs"))
campaign = campaigns.current_campaign(db)
entries = wall.wall_entries(db)
if campaign is not None:
    st.caption(escape_markdown(campaign.name))
if not entries:
    st.info(t("Les organisations ambassadrices de la campagne paraîtront ici dès leur entente approuvée."))
    st.stop()

for entry in entries:
    with st.container(border=True):
        logo, words = st.columns([1, 3])
        if entry.logo:
            logo.image(entry.logo, alt=entry.logo_alt(lang), width=160)
        words.subheader(escape_markdown(entry.organisation))
        if entry.text:
            words.text(entry.text)  # typed by the organisation: shown as text, never as markdown or HTML
        if entry.website:
            words.link_button(t("Site web de {organisation}", organisation=escape_markdown(entry.organisation)),
                              entry.website, icon=":material/open_in_new:")

if roles.is_allowed(session.signed_in_user(db), roles.STAFF):
    st.divider()
    st.download_button(t("Exporter pour le microsite (HTML, JSON et logos, ZIP)"), wall.wall_export_zip(entries, lang),
                       file_name="ambassadeurs-microsite.zip", mime="application/zip", key="wall.export",
                       icon=":material/download:")
