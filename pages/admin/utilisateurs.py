"""Utilisateurs: create accounts, change roles, deactivate, reset passwords (admin)."""
import streamlit as st

from lib.accounts import users
from lib.core import roles
from lib.core.errors import FormError
from lib.ui import feedback, session
from lib.ui.layout import escape_markdown

admin = session.require_role(roles.ADMINS)
t = session.t
db = session.get_db()
role_label = lambda role: t(roles.ROLE_LABELS_FR[role])  # noqa: E731 - a format_func

st.title(t("Utilisateurs"))
if shown := st.session_state.pop("users.new_password", None):
    st.warning(t("Mot de passe temporaire de {username} (affiché une seule fois) :",
                 username=escape_markdown(shown[0])))
    st.code(shown[1], language=None)

accounts = users.list_users(db, session.language())
st.dataframe(
    accounts, hide_index=True, placeholder="—", width="stretch",
    column_config={
        "username": t("Nom d’utilisateur"), "display_name": t("Nom affiché"), "email": t("Courriel"),
        "role": t("Rôle"), "organisation": t("Organisme"),
        "is_active": st.column_config.CheckboxColumn(t("Actif")),
        "created_at": t("Créé le"), "last_sign_in_at": t("Dernière connexion"),
    },
)

st.subheader(t("Gérer un compte"))
username = st.selectbox(t("Compte"), accounts["username"].tolist(), key="users.selected")
if username:
    target = users.get_user(db, username)
    columns = st.columns([3, 2, 2, 3], vertical_alignment="bottom")
    with columns[0]:
        new_role = st.selectbox(t("Rôle"), roles.ROLES, index=roles.ROLES.index(target.role),
                                format_func=role_label, key=f"users.role.{username}")
    with columns[1]:
        if st.button(t("Changer le rôle"), key="users.change_role", disabled=new_role == target.role):
            try:
                users.set_role(db, username, new_role, actor=admin.username)
                st.rerun()
            except FormError as error:
                feedback.show_errors(error)
    with columns[2]:
        label = t("Désactiver") if target.is_active else t("Réactiver")
        if st.button(label, key="users.toggle_active"):
            try:
                users.set_active(db, username, not target.is_active, actor=admin.username)
                st.rerun()
            except FormError as error:
                feedback.show_errors(error)
    with columns[3]:
        if st.button(t("Réinitialiser le mot de passe"), key="users.reset_password"):
            new_password = users.reset_password(db, username, actor=admin.username)
            st.session_state["users.new_password"] = (username, new_password)
            st.rerun()

st.subheader(t("Créer un compte"))
with st.form("new_user", enter_to_submit=False):
    new_username = st.text_input(t("Nom d’utilisateur"), key="new_user.username")
    display_name = st.text_input(t("Nom affiché"), key="new_user.display_name")
    email = st.text_input(t("Courriel"), key="new_user.email")
    role = st.selectbox(t("Rôle"), roles.ROLES, index=2, format_func=role_label, key="new_user.role")
    organisation = st.text_input(t("Organisme (ambassadeurs)"), key="new_user.organisation")
    password = st.text_input(t("Mot de passe initial (12 caractères ou plus)"), type="password",
                             key="new_user.password")
    if st.form_submit_button(t("Créer le compte"), type="primary"):
        try:
            users.create_account(db, admin=admin.username, username=new_username, role=role,
                                 display_name=display_name, email=email, password=password, organisation=organisation)
            st.success(t("Compte créé."))
        except FormError as error:
            feedback.show_errors(error)
