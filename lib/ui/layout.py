"""The frame around every page: the sidebar (who is signed in, language, sign-out)."""
from __future__ import annotations

import re
from pathlib import Path

import streamlit as st

from lib.accounts import users
from lib.core import roles
from lib.core.db import Database
from lib.core.i18n import LANGUAGES
from lib.ui import session

FAVICON = Path(__file__).resolve().parent / "assets" / "favicon.png"  # served by the app itself


def needs_first_run(db: Database) -> bool:
    """True while no active account exists: only the 'create the administrator' form is shown."""
    return users.count_active_users(db) == 0


def render_sidebar(db: Database, authenticator, user: users.User | None, grant=None) -> None:
    """Language choice for everyone; identity and sign-out for a signed-in user; for a session
    opened by a one-click link (`grant`), what it may see and a way to the sign-in page."""
    t = session.t
    with st.sidebar:
        if "lang.next" in st.session_state:  # set by "Mon compte"; applied before the widget exists
            st.session_state["lang"] = st.session_state.pop("lang.next")
        st.session_state.setdefault("lang", user.language if user else "fr")
        st.radio(t("Langue / Language"), options=list(LANGUAGES), format_func=LANGUAGES.get,
                 key="lang", horizontal=True)
        if grant is not None:
            st.divider()
            st.info(t("Ouvert par un lien à usage unique : seule cette page est accessible. "
                      "Connectez-vous pour le reste."))
            if st.button(t("Aller à la connexion"), key="link.close", icon=":material/login:"):
                session.close_link()
                st.rerun()
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


def render_notices() -> None:
    """Once after a sign-in, above the page: what happened to the account meanwhile."""
    if notice := session.signed_in_notice():
        st.warning(notice, icon=":material/warning:")


_MARKDOWN_SPECIALS = "\\`*_{}[]()<>#+-.!|~$:=&"
# GFM turns plain "https://…", "www.…" and "name@host.org" into links even when every special
# character is escaped (the autolink pass reads the text after the escapes are removed). An
# invisible WORD JOINER breaks each trigger: the text reads the same and is never a link.
_WORD_JOINER = "\u2060"
_AUTOLINK_TRIGGERS = re.compile(r"(?i)(?<=https)(?=:)|(?<=http)(?=:)|(?<=www)(?=\.)|(?=@)")


def escape_markdown(text: str) -> str:
    """`text` with every markdown-special character escaped, so typed text shows as typed, and
    with plain web and email addresses kept from becoming links (see _AUTOLINK_TRIGGERS)."""
    text = _AUTOLINK_TRIGGERS.sub(_WORD_JOINER, str(text))
    return "".join("\\" + char if char in _MARKDOWN_SPECIALS else char for char in text)


# A widget's label is Markdown to Streamlit (bold, italics, code, links, images, colours, LaTeX),
# and also its accessible name, read as written: there every backslash of escape_markdown would be
# heard ("choisir \:"). These are the characters that make something of a label; the ordinary
# punctuation of a sentence (: . - ( ) ! #) stays as it is, and reads as it is.
_LABEL_SPECIALS = "\\`*_~[]$&<>"


def plain_label(text: str) -> str:
    """`text` (typed by someone: a commitment, a moment) for a widget's label: shown as typed,
    never an image, a link, bold or LaTeX; a plain sentence comes back unchanged."""
    text = _AUTOLINK_TRIGGERS.sub(_WORD_JOINER, str(text))
    return "".join("\\" + char if char in _LABEL_SPECIALS else char for char in text)
