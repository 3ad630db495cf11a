"""Devenir ambassadeur: the public sign-up of an organisation for the current campaign."""
import streamlit as st

from lib.campaign import ambassadors, campaigns, signup
from lib.core import clock
from lib.core.errors import FormError
from lib.core.i18n import format_date
from lib.ui import campaign_views, campaign_widgets, feedback, session
from lib.ui.layout import escape_markdown

t = session.t
db = session.get_db()
campaign = campaigns.current_campaign(db)

st.title(t("Devenir ambassadeur"))
if campaign is None:
    st.info(t("Aucune campagne n’est ouverte aux inscriptions pour le moment. Revenez bientôt!"))
    st.stop()
if not campaigns.signups_open(campaign, clock.today()):
    st.info(t("Les inscriptions à la campagne « {name} » sont fermées depuis le {day}. La prochaine campagne "
              "sera annoncée ici : revenez bientôt!", name=escape_markdown(campaign.name),
              day=format_date(campaign.valid_until, session.language())), icon=":material/event_busy:")
    st.stop()
if done := st.session_state.get("signup.done"):
    st.success(t("Merci! Votre demande est envoyée. Le compte « {username} » est créé : connectez-vous pour "
                 "suivre votre entente. L’équipe l’approuvera sous peu.", username=escape_markdown(done)))
    st.page_link("pages/account/connexion.py", label=t("Aller à la connexion"), icon=":material/login:")
    if st.button(t("Inscrire une autre organisation"), key="signup.again"):
        del st.session_state["signup.done"]
        st.rerun()
    st.stop()

st.subheader(escape_markdown(campaign.name))
st.markdown(f"**{escape_markdown(campaign.slogan)}** · {escape_markdown(campaign.organiser)}")
st.caption(t("Lisez toute l’entente avant de vous inscrire : ce que le {organiser} s’engage à faire, sa portée, "
             "son plan de diffusion et le rapport de retombées demandé.",
             organiser=escape_markdown(campaign.organiser)))
parts = campaign_views.campaign_parts(campaign.id)  # the document's own words; cached until the next write
with st.container(border=True, key="signup.agreement"):
    campaign_widgets.show_whole_agreement(campaign, parts["channels"], parts["moments"],
                                          parts["organiser_commitments"])
st.caption(t("Tous les champs sont obligatoires, sauf l’auditoire et le site Web. Votre saisie est conservée "
             "si une correction est demandée."))

choices = campaign_views.campaign_parts(campaign.id, session.language())  # in the reader's language
data = campaign_widgets.agreement_inputs("signup", choices["types"], choices["moments"])
data["accepted"] = st.checkbox(
    t("J’accepte l’entente de partenariat au nom de mon organisation (signé le {date}).",
      date=format_date(clock.today(), session.language())), key="signup.accepted")

st.subheader(t("6. Votre compte"))
st.caption(t("Pour vous connecter ensuite, remplir votre rapport de retombées et suivre votre entente."))
# A form: what is typed in it reaches the server with the submit itself. Outside a form, a password
# field commits on Enter or on leaving it, and Tab leaves it for its "show password" button, which
# does not commit: a visitor using only the keyboard sent empty passwords.
with st.form("signup.account", border=False, enter_to_submit=False):
    data["username"] = st.text_input(t("Nom d’utilisateur"), key="signup.username",
                                     help=t("3 à 40 caractères : lettres minuscules, chiffres, point, tiret."),
                                     autocomplete="username")
    left, right = st.columns(2)
    data["password"] = left.text_input(t("Mot de passe (12 caractères ou plus)"), type="password",
                                       key="signup.password", autocomplete="new-password")
    data["password_confirm"] = right.text_input(t("Confirmer le mot de passe"), type="password",
                                                key="signup.password_confirm", autocomplete="new-password")
    typed_answer = None
    if signup.challenge_needed(db, session.client_address()):  # a question first (its answer stays here)
        if "signup.challenge" not in st.session_state:
            st.session_state["signup.challenge"] = signup.make_challenge()
        question, _ = st.session_state["signup.challenge"]
        st.subheader(t("7. Vérification"))
        typed_answer = st.text_input(t(question), key="signup.challenge_answer", max_chars=10)
    submitted = st.form_submit_button(t("Envoyer ma demande"), type="primary", key="signup.submit",
                                      icon=":material/send:")

if submitted:
    answered = signup.challenge_passed(st.session_state.get("signup.challenge", (None, None))[1], typed_answer)
    try:
        signup.sign_up(db, campaign.id, data, session_id=session.session_id(), client=session.client_address(),
                       challenge_ok=answered)
    except FormError as error:
        if not answered:
            st.session_state.pop("signup.challenge", None)  # a new question after a wrong answer
        feedback.show_errors(error)
    else:
        st.session_state["signup.done"] = ambassadors.users.normalise_username(data["username"])
        st.rerun()
