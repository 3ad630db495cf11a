"""Mon entente: the ambassador's own agreement, its status, and the signed PDF."""
import streamlit as st

from lib import agreement_pdf, ambassadors, campaign_widgets, campaigns, session

user = session.require_role("ambassador")
t = session.t
db = session.get_db()

current = campaigns.current_campaign(db)
agreement = ambassadors.agreement_for_user(db, user.username, current.id if current else None)
st.title(t("Mon entente"))
if agreement is None:
    st.info(t("Aucune entente n’est associée à votre compte. Écrivez à l’équipe de la campagne."))
    st.stop()
campaign = campaigns.get_campaign(db, agreement.campaign_id)
types = campaigns.list_commitment_types(db, campaign.id)
moments = campaigns.list_moments(db, campaign.id)

st.caption(campaign.name)
if agreement.status == "pending":
    st.info(t("Votre inscription est en attente d’approbation par l’équipe. Le rapport de retombées sera "
              "disponible une fois l’entente approuvée."))
elif agreement.status == "declined":
    st.warning(t("Votre inscription n’a pas été retenue. Voyez la note de l’équipe ci-dessous; pour en parler, "
                 "écrivez à {email}.", email=campaign.contact_email))
else:
    st.success(t("Votre entente est approuvée. Merci d’être ambassadeur!"))
    st.page_link("pages/rapport_retombees.py", label=t("Remplir mon rapport de retombées"), icon=":material/summarize:")

campaign_widgets.show_agreement(agreement, campaign, types, moments)
st.download_button(t("Télécharger l’entente (PDF)"), agreement_pdf.agreement_pdf(db, agreement.id),
                   file_name=agreement_pdf.pdf_filename(agreement), mime="application/pdf",
                   key="agreement.pdf", icon=":material/picture_as_pdf:")
