"""The frame around every page: the sidebar (who is signed in, language, sign-out)."""
from __future__ import annotations

import streamlit as st

from lib.accounts import users
from lib.core import roles
from lib.core.db import Database
from lib.core.i18n import LANGUAGES
from lib.ui import session


def needs_first_run(db: Database) -> bool:
    """True while no active account exists: only the 'create the administrator' form is shown."""
    return users.count_active_users(db) == 0


def render_sidebar(db: Database, authenticator, user: users.User | None) -> None:
    """Language choice for everyone; identity and sign-out for a signed-in user."""
    t = session.t
    with st.sidebar:
        if "lang.next" in st.session_state:  # set by "Mon compte"; applied before the widget exists
            st.session_state["lang"] = st.session_state.pop("lang.next")
        st.session_state.setdefault("lang", user.language if user else "fr")
        st.radio(t("Langue / Language"), options=list(LANGUAGES), format_func=LANGUAGES.get,
                 key="lang", horizontal=True)
        if user is None:
            return
        st.divider()
        st.markdown("**" + t("Connecté·e") + "**")
        st.text(user.display_name)
        st.text(t(roles.ROLE_LABELS_FR[user.role]))
        if user.organisation:
            st.text(user.organisation)  # text typed at sign-up: never rendered as markdown
        if st.button(t("Se déconnecter"), key="account.sign_out", icon=":material/logout:"):
            session.sign_out(db, authenticator)
            st.rerun()


_MARKDOWN_SPECIALS = "\\`*_{}[]()<>#+-.!|~$:=&"


def escape_markdown(text: str) -> str:
    """`text` with every markdown-special character escaped, so typed text shows as typed."""
    return "".join("\\" + char if char in _MARKDOWN_SPECIALS else char for char in str(text))
