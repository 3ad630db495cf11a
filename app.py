"""ROCSMO dashboard: the router and the frame (page config, sign-in gate, navigation)."""
import streamlit as st

from lib.core.db import DatabaseLockedError
from lib.ui import layout, navigation, session

st.set_page_config(page_title="ROCSMO – Tableau de bord", page_icon=":material/diversity_3:", layout="wide")

try:
    db = session.get_db()
except DatabaseLockedError as error:
    # Still call st.navigation: without it Streamlit would serve every file of pages/ by URL.
    message_fr, message_en = error.message_fr, error.message_en  # `error` is unbound after the except block
    st.navigation([st.Page(lambda: (st.error(message_fr), st.info(message_en)),
                           title="ROCSMO", url_path="indisponible")]).run()
    st.stop()

session.start_background_sender()  # once per process, and only when SMTP is configured

if layout.needs_first_run(db):
    st.navigation(navigation.first_run_navigation(session.language())).run()
    st.stop()

authenticator = session.authenticator(db)
user = session.current_user(db, authenticator)
if user is None:
    session.open_link(db)  # a one-click link from an email (?lien=…) opens its one screen, once
grant = session.link_grant(db) if user is None else None
layout.render_sidebar(db, authenticator, user, grant)
session.show_link_refusal(signed_in=user is not None)
if grant is not None:
    st.navigation(navigation.link_navigation(grant.purpose, session.language())).run()
else:
    st.navigation(navigation.navigation_for(user.role if user else None, session.language())).run()
