"""Rapport de retombées: the ambassador's impact report, built from its own commitments."""
import streamlit as st

from lib.campaign import ambassadors, campaigns, impact_reports, report_summary
from lib.core import clock, roles
from lib.core.errors import FormError
from lib.core.i18n import N_, format_date
from lib.ui import campaign_views, campaign_widgets, feedback, session
from lib.ui.layout import escape_markdown

user = session.require_role(roles.AMBASSADORS, link_purpose="report")
t, nt = session.t, session.nt
db = session.get_db()
lang = session.language()

current = campaigns.current_campaign(db)
agreement = ambassadors.agreement_for_user(db, user.username, current.id if current else None)
st.title(t("Rapport de retombées"))
if agreement is None or agreement.status != "approved":
    st.info(t("Le rapport de retombées sera disponible quand votre entente sera approuvée. "
              "Voyez son statut à la page « Mon entente »."))
    st.stop()
campaign = current if current is not None and current.id == agreement.campaign_id \
    else campaigns.get_campaign(db, agreement.campaign_id)
parts = campaign_views.campaign_parts(campaign.id, lang)  # in the reader's language
items = impact_reports.items_for(parts["types"], parts["moments"], agreement.commitments, agreement.moments)
report = impact_reports.get_report(db, agreement.id)
days = impact_reports.days_until_due(campaign.report_due, clock.today())

st.caption(escape_markdown(campaign.name))
st.info(escape_markdown(t(report_summary.destination(campaign))), icon=":material/forward_to_inbox:")
if campaign.questionnaire_url:
    st.link_button(t("Questionnaire du {organiser} sur les retombées (facultatif)",
                     organiser=escape_markdown(campaign.organiser)),
                   campaign.questionnaire_url, icon=":material/open_in_new:")
if report and report["status"] == "submitted":
    st.success(t("Rapport soumis. Merci! L’équipe peut le rouvrir si une correction est nécessaire."))
    if report["submitted_late"]:
        st.caption(t("Soumis après la date prévue ({date}).", date=format_date(campaign.report_due, lang)))
    st.download_button(t("Télécharger mon rapport (PDF)"),
                       lambda: report_summary.as_pdf([report_summary.ambassador_blocks(db, agreement.id)]),
                       file_name=report_summary.filename(agreement, "pdf"), mime="application/pdf",
                       key="report.pdf", icon=":material/picture_as_pdf:", on_click="ignore")
elif days is not None and days < 0:
    st.warning(t("La date prévue ({date}) est passée : vous pouvez encore soumettre votre rapport, il sera "
                 "marqué en retard.", date=format_date(campaign.report_due, lang)))
elif days is not None:
    st.info(nt("À soumettre au plus tard le {date} (dans {n} jour). Enregistrez un brouillon et revenez "
               "quand vous voulez.",
               "À soumettre au plus tard le {date} (dans {n} jours). Enregistrez un brouillon et revenez "
               "quand vous voulez.", days, date=format_date(campaign.report_due, lang)))
if report and report["status"] == "reopened" and report["reopen_note"]:
    st.warning(t("L’équipe a rouvert votre rapport :"))
    st.text(report["reopen_note"])

editable = impact_reports.is_editable(report)
data = campaign_widgets.report_inputs(f"report{agreement.id}", items,
                                     impact_reports.form_data(db, agreement, items, report), disabled=not editable)

if editable:
    save, submit = st.columns(2)
    action = ("draft" if save.button(t("Enregistrer le brouillon"), key="report.save", icon=":material/save:")
              else "submit" if submit.button(t("Soumettre le rapport"), type="primary", key="report.submit",
                                             icon=":material/send:") else None)
    if action:
        try:
            status = impact_reports.save_report(db, agreement.id, data, actor=user.username,
                                                submit=action == "submit")
        except FormError as error:
            feedback.show_errors(error)
        else:
            st.session_state["report.notice"] = (N_("Rapport soumis.") if status == "submitted"
                                                 else N_("Brouillon enregistré."))
            st.rerun()
if notice := st.session_state.pop("report.notice", None):
    st.toast(t(notice), icon=":material/check:")
