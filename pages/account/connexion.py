"""Connexion: sign in with a username and password."""
import streamlit as st

from lib.ui import session

t = session.t
db = session.get_db()

st.title(t("Tableau de bord du ROCSMO"))
st.write(t("Regroupement des organismes communautaires en santé mentale de l’Outaouais : "
           "suivi du plan d’action et de la campagne annuelle de promotion de la santé mentale."))
if notice := st.session_state.pop("auth.notice", None):
    st.info(t(notice))

with st.form("signin", border=True):
    st.subheader(t("Connexion"))
    username = st.text_input(t("Nom d’utilisateur"), key="signin.username", autocomplete="username")
    password = st.text_input(t("Mot de passe"), type="password", key="signin.password",
                             autocomplete="current-password")
    captcha = ""
    captcha_shown = bool(st.session_state.get(session.CAPTCHA_NEEDED))
    if captcha_shown:
        # Markdown, not st.image: an image has to carry its alternative text (axe-core's image-alt).
        alternative = t("Image : cinq chiffres déformés")
        st.markdown(f"![{alternative}]({session.captcha_data_url()})")
        captcha = st.text_input(t("Chiffres de l’image"), key="signin.captcha", max_chars=5,
                                autocomplete="off")
    submitted = st.form_submit_button(t("Se connecter"), type="primary")

if submitted:
    error = session.sign_in(db, session.run_authenticator(), username, password, captcha)
    if error and st.session_state.get(session.CAPTCHA_NEEDED):
        # Each try uses up its picture: show the error under the form drawn again with a new one.
        st.session_state["signin.error"] = error
        st.rerun()
    if error:
        st.error(error)
    else:
        # No st.rerun() here: it would cancel the cookie the authenticator is setting.
        # The cookie component reruns the app once the cookie is written.
        st.success(t("Connexion réussie. Ouverture du tableau de bord…"))
elif pending := st.session_state.pop("signin.error", None):
    st.error(pending)
