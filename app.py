"""ROCSMO dashboard: the router and the frame (page config, sign-in gate, navigation).

The page scripts live one level down in pages/ (pages/plan/, pages/campaign/, ...): Streamlit
serves every *.py file directly in a pages/ folder beside the main script by its name, without
this router, until the router has run once in the process; it does not look in sub-folders
(tests/browser/test_fresh_server.py; tests/test_architecture.py keeps pages/*.py empty).
"""
import streamlit as st

from lib.accounts import backups
from lib.accounts.auth import InsecureConfigurationError
from lib.core.db import DatabaseLockedError
from lib.ui import layout, navigation, session

# A local image: a ":material/...:" icon makes every browser fetch the favicon from Google's font server.
st.set_page_config(page_title="ROCSMO – Tableau de bord", page_icon=str(layout.FAVICON), layout="wide")

try:
    db = session.get_db()
except DatabaseLockedError as error:
    # Still call st.navigation, so that the page asked for gets this message, not a 404.
    message_fr, message_en = error.message_fr, error.message_en  # `error` is unbound after the except block
    st.navigation([st.Page(lambda: (st.error(message_fr), st.info(message_en)),
                           title="ROCSMO", url_path="indisponible")]).run()
    st.stop()
backups.start_daily_backup(db)  # the day's first request starts it in the background

session.start_background_sender()  # once per process, and only when SMTP is configured

if layout.needs_first_run(db):
    st.navigation(navigation.first_run_navigation(session.language())).run()
    st.stop()

try:
    authenticator = session.authenticator(db)
except InsecureConfigurationError as error:
    # The key is refused at start-up: nobody signs in until the configuration is fixed.
    refusal = str(error)
    st.navigation([st.Page(lambda: st.error(refusal), title="ROCSMO", url_path="configuration")]).run()
    st.stop()
user = session.current_user(db, authenticator)
if user is None:
    session.open_link(db)  # a one-click link from an email (?lien=…) opens its one screen, once
grant = session.link_grant(db) if user is None else None
layout.render_sidebar(db, authenticator, user, grant)
session.show_link_refusal(signed_in=user is not None)
layout.render_notices()
if grant is not None:
    st.navigation(navigation.link_navigation(grant.purpose, session.language())).run()
else:
    # Expanded: an admin's menu has more pages than Streamlit shows before a "View more" button.
    st.navigation(navigation.navigation_for(user.role if user else None, session.language()), expanded=True).run()
