"""Mon compte: one's own display name, language and password."""
import streamlit as st

from lib.accounts import users
from lib.core import roles
from lib.core.errors import FormError
from lib.core.i18n import LANGUAGES, N_
from lib.ui import feedback, session

user = session.require_role(roles.EVERYONE)
t = session.t
db = session.get_db()

st.title(t("Mon compte"))
st.text(f"{user.username} · {user.email}")
st.caption(t(roles.ROLE_LABELS_FR[user.role]))

with st.form("profile", enter_to_submit=False):
    display_name = st.text_input(t("Nom affiché"), value=user.display_name, key="profile.display_name")
    language = st.selectbox(t("Langue de l’interface"), list(LANGUAGES), format_func=LANGUAGES.get,
                            index=list(LANGUAGES).index(user.language), key="profile.language")
    if st.form_submit_button(t("Enregistrer")):
        try:
            users.update_profile(db, user.username, display_name, language)
            st.session_state["lang.next"] = language
            st.rerun()
        except FormError as error:
            feedback.show_errors(error)

with st.form("password", enter_to_submit=False):
    st.subheader(t("Changer mon mot de passe"))
    current = st.text_input(t("Mot de passe actuel"), type="password", key="password.current")
    new = st.text_input(t("Nouveau mot de passe (12 caractères ou plus)"), type="password", key="password.new")
    confirm = st.text_input(t("Confirmez le nouveau mot de passe"), type="password", key="password.confirm")
    if st.form_submit_button(t("Changer le mot de passe")):
        try:
            users.change_own_password(db, user.username, current, new, confirm)
        except FormError as error:
            feedback.show_errors(error)
        else:
            st.session_state["auth.notice"] = N_("Mot de passe changé. Reconnectez-vous avec le nouveau mot de passe.")
            st.rerun()  # the session version changed: this session ends and shows the notice
