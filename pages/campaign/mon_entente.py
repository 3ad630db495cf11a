"""Mon entente: the ambassador’s own agreement, its status, the signed PDF, and joining the current campaign."""
import streamlit as st

from lib.campaign import agreement_pdf, ambassadors, campaigns, signup
from lib.core import clock, roles
from lib.core.errors import FormError
from lib.core.i18n import format_date
from lib.outreach import calendar
from lib.ui import campaign_views, campaign_widgets, feedback, session
from lib.ui.layout import escape_markdown

user = session.require_role(roles.AMBASSADORS)
t = session.t
db = session.get_db()
lang = session.language()

current = campaigns.current_campaign(db)
agreement = ambassadors.agreement_for_user(db, user.username, current.id if current else None)
st.title(t("Mon entente"))
if agreement is None:
    st.info(t("Aucune entente n’est liée à votre compte. Un compte d’ambassadeur naît d’habitude de l’inscription "
              "publique « Devenir ambassadeur », avec l’entente de son organisation. Un compte créé par un "
              "administrateur se lie à son organisation en remplissant l’entente de la campagne courante ci-dessous."))
previous = signup.returning_agreement(agreement, current.id) if current else None  # join_form_agreement
# A returning organisation joins this year's campaign from its last agreement; an account
# without any agreement fills a new one. Either way, only while sign-ups are open.
if campaigns.signups_open(current, clock.today()) and (agreement is None or previous is not None):
    with st.expander(t("Rejoindre la campagne courante : {name}", name=escape_markdown(current.name)), expanded=True):
        if previous is not None:
            st.caption(t("Le formulaire reprend votre dernière entente; corrigez ce qui a changé. L’équipe "
                         "approuvera votre nouvelle entente."))
        joining = campaign_views.campaign_parts(current.id)
        with st.container(border=True, key="join.agreement"):  # what the organisation commits to, in full
            campaign_widgets.show_whole_agreement(current, joining["channels"], joining["moments"],
                                                  joining["organiser_commitments"])  # the document's own words
        choices = campaign_views.campaign_parts(current.id, lang)  # the choices in the reader's language
        data = campaign_widgets.agreement_inputs("join", choices["types"], choices["moments"],
                                                 logo_required=previous is None, agreement=previous)
        data["accepted"] = st.checkbox(
            t("J’accepte l’entente de partenariat au nom de mon organisation (signé le {date}).",
              date=format_date(clock.today(), session.language())), key="join.accepted")
        if st.button(t("Rejoindre la campagne"), type="primary", key="join.submit"):
            try:
                signup.join_campaign(db, current.id, data, actor=user.username, session_id=session.session_id())
                st.rerun()
            except FormError as error:
                feedback.show_errors(error)
elif agreement is None:
    st.info(t("Les inscriptions sont fermées pour l’instant : l’entente pourra être remplie quand la prochaine "
              "campagne sera ouverte."))
if agreement is None:
    st.stop()
campaign = current if current is not None and current.id == agreement.campaign_id \
    else campaigns.get_campaign(db, agreement.campaign_id)
parts = campaign_views.campaign_parts(campaign.id)  # the document's own words
choices = campaign_views.campaign_parts(campaign.id, lang)  # its choices in the reader's language
types, moments = choices["types"], choices["moments"]

st.caption(escape_markdown(campaign.name))
if agreement.status == "pending":
    st.info(t("Votre inscription est en attente d’approbation par l’équipe. Le rapport de retombées sera "
              "disponible une fois l’entente approuvée."))
elif agreement.status == "declined":
    st.warning(t("Votre inscription n’a pas été retenue. Voyez la note de l’équipe ci-dessous; pour en parler, "
                 "écrivez à {email}.", email=escape_markdown(campaign.contact_email)))
else:
    st.success(t("Votre entente est approuvée. Merci d’être ambassadeur!"))
    st.page_link("pages/campaign/rapport_retombees.py", label=t("Remplir mon rapport de retombées"),
                 icon=":material/summarize:")
    if agreement.moments:
        st.download_button(t("Mes moments forts dans mon calendrier (.ics)"),
                           lambda: calendar.ambassador_calendar(db, agreement, session.language()),
                           file_name="mes-moments-forts.ics", mime="text/calendar", key="agreement.ics",
                           icon=":material/event:")

campaign_widgets.show_agreement(agreement, campaign, types, moments)
st.download_button(t("Télécharger l’entente (PDF)"), lambda: agreement_pdf.agreement_pdf(db, agreement.id),
                   file_name=agreement_pdf.pdf_filename(agreement), mime="application/pdf",
                   key="agreement.pdf", icon=":material/picture_as_pdf:")
with st.expander(t("L’entente complète (texte du document)")):
    campaign_widgets.show_whole_agreement(campaign, parts["channels"], parts["moments"], parts["organiser_commitments"])
