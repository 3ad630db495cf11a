"""Nos ambassadeurs: the public wall of the current campaign's approved ambassadors (everyone, signed out too)."""
import streamlit as st

from lib.campaign import campaigns, wall
from lib.core import roles
from lib.ui import campaign_views, session
from lib.ui.layout import escape_markdown

t = session.t
db = session.get_db()
lang = session.language()

st.title(t("Nos ambassadeurs"))
campaign = campaigns.current_campaign(db)
entries = campaign_views.wall_entries()  # logos resized once per write, not on each visit
if campaign is not None:
    st.caption(escape_markdown(campaign.name))
if not entries:
    st.info(t("Les organisations ambassadrices de la campagne paraîtront ici dès leur entente approuvée."))
    st.stop()

pages = wall.page_count(len(entries))
page = 1
if pages > 1:  # a few dozen logos per page: a wall of thousands would take the browser minutes to draw
    page = st.selectbox(t("Page"), range(1, pages + 1), key="wall.page",
                        format_func=lambda n: t("Page {page} de {pages}", page=n, pages=pages))
for entry in wall.wall_page(entries, page):
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
    st.download_button(t("Exporter pour le microsite (HTML, JSON et logos, ZIP)"),
                       lambda: wall.wall_export_zip(entries, lang),  # made when clicked, not on each visit
                       file_name="ambassadeurs-microsite.zip", mime="application/zip", key="wall.export",
                       icon=":material/download:")
