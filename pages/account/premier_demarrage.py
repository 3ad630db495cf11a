"""Premier démarrage: create the first administrator while no active account exists."""
import streamlit as st

from lib.accounts import users
from lib.core.errors import FormError
from lib.ui import feedback, layout, session

t = session.t
db = session.get_db()
if not layout.needs_first_run(db):  # one-time form: closed as soon as an account is active
    st.stop()

st.title(t("Bienvenue dans le tableau de bord du ROCSMO"))
st.write(t("Aucun compte n’existe encore. Créez le compte de l’administrateur : "
           "il pourra ensuite créer les comptes de l’équipe et du CA."))
with st.form("first_admin", enter_to_submit=False):
    username = st.text_input(t("Nom d’utilisateur"), key="first_admin.username")
    display_name = st.text_input(t("Nom affiché"), key="first_admin.display_name")
    email = st.text_input(t("Courriel"), key="first_admin.email")
    password = st.text_input(t("Mot de passe (12 caractères ou plus)"), type="password", key="first_admin.password")
    confirm = st.text_input(t("Confirmez le mot de passe"), type="password", key="first_admin.confirm")
    submitted = st.form_submit_button(t("Créer l’administrateur"), type="primary")

if submitted:
    if password != confirm:
        st.error(t("Les deux mots de passe ne sont pas identiques."))
    else:
        try:
            users.create_user(db, username=username, role="admin", display_name=display_name, email=email,
                              password=password, actor="premier-demarrage")
        except FormError as error:
            feedback.show_errors(error)
        else:
            st.success(t("Administrateur créé. Connectez-vous."))
            st.rerun()
