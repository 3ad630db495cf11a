"""Ambassadeurs (staff): sign-ups to approve, agreements, follow-up of reports, exports."""
import streamlit as st

from lib.campaign import (
    agreement_pdf,
    ambassadors,
    campaigns,
    impact_reports,
    listings,
    report_figures,
    report_summary,
)
from lib.core import clock, roles, spreadsheets
from lib.ui import campaign_views, campaign_widgets, feedback, session
from lib.ui.layout import escape_markdown

user = session.require_role(roles.STAFF)
t = session.t
db = session.get_db()
lang = session.language()

st.title(t("Ambassadeurs"))
campaign = campaign_widgets.campaign_selector(db, "ambassadors.campaign")
if campaign is None:
    st.info(t("Aucune campagne. Créez-en une à la page « Campagne »."))
    st.stop()
campaign_widgets.ended_campaign_warning(campaigns.current_campaign(db), clock.today())
campaign_id = campaign.id
parts = campaign_views.campaign_parts(campaign_id, lang)  # the choices in the reader's language
types, moments = parts["types"], parts["moments"]
listed = campaign_views.signups(campaign_id, lang)  # cached until the next write, like each tab's tables
listing = listed["listing"]
signups, follow, files = st.tabs([t("Inscriptions"), t("Suivi des rapports"), t("Microsite et exports")])

with signups, feedback.section("ambassadors.signups"):
    if listing.empty:
        st.info(t("Aucune inscription pour l’instant. Les organisations s’inscrivent sans compte à la page "
                  "publique « Devenir ambassadeur »."))
    else:
        campaign_widgets.fitted_table(listed["shown"], campaign_widgets.SIGNUP_COLUMNS)
        chosen = st.selectbox(t("Ouvrir l’entente de"), list(listed["labels"]), key="ambassadors.selected",
                              format_func=listed["labels"].get)
        agreement = ambassadors.get_agreement(db, chosen)
        with st.container(border=True):
            campaign_widgets.show_agreement(agreement, campaign, types, moments)
            st.download_button(t("Entente signée (PDF)"), lambda: agreement_pdf.agreement_pdf(db, chosen),
                               file_name=agreement_pdf.pdf_filename(agreement), mime="application/pdf",
                               key="ambassadors.pdf", icon=":material/picture_as_pdf:")
        # The form keeps what was typed when the decision is refused; a saved decision
        # gives the form new keys (a new round), which empties it.
        form_round = st.session_state.setdefault("ambassadors.decision_round", 0)
        with st.form(f"decision{chosen}.{form_round}", enter_to_submit=False):
            decision = st.radio(t("Décision"), ["approved", "declined", "pending"], horizontal=True,
                                index=["approved", "declined", "pending"].index(
                                    "approved" if agreement.status == "pending" else agreement.status),
                                key=f"decision{chosen}.{form_round}.status",
                                format_func=lambda s: t(ambassadors.STATUS_LABELS_FR[s]))
            note = st.text_area(t("Note à l’organisation (obligatoire pour un refus)"),
                                key=f"decision{chosen}.{form_round}.note")
            if st.form_submit_button(t("Enregistrer la décision"), type="primary"):
                feedback.save_then_confirm(
                    "ambassadors.decision", lambda: ambassadors.decide(db, chosen, decision, note, actor=user.username),
                    t("Décision enregistrée : {organisation} — {status}.",
                      organisation=escape_markdown(agreement.organisation),
                      status=t(ambassadors.STATUS_LABELS_FR[decision])),
                    then=lambda _: st.session_state.update({"ambassadors.decision_round": form_round + 1}))
        feedback.show_confirmation("ambassadors.decision")
        # The whole form is drawn only once opened (on_change="rerun"): about half of a rerun otherwise.
        editing = st.expander(t("Modifier l’entente"), key=f"agreement{chosen}.open", on_change="rerun")
        if editing.open:
            with editing:
                form = f"agreement{chosen}"
                data = campaign_widgets.agreement_inputs(form, types, moments, logo_required=False, agreement=agreement)
                if st.button(t("Enregistrer les modifications"), key=f"{form}.save"):
                    feedback.save_then_confirm("ambassadors.agreement", lambda: ambassadors.update_agreement(
                        db, chosen, {**data, "accepted": agreement.accepted}, actor=user.username),
                        t("Entente modifiée."))
                feedback.show_confirmation("ambassadors.agreement")
        if agreement.status == "approved":
            st.subheader(t("Rapport de retombées"))
            report = impact_reports.get_report(db, chosen)
            campaign_widgets.show_report(report, impact_reports.report_items(db, agreement, lang))
            if report and report["status"] == "submitted":
                st.caption(t("Compte rendu pour le {organiser}, à envoyer à {contact} ({email}) :",
                             organiser=escape_markdown(campaign.organiser),
                             contact=escape_markdown(campaign.contact_name or "—"),
                             email=escape_markdown(campaign.contact_email or "—")))
                left, right = st.columns(2)
                left.download_button(t("Compte rendu (PDF)"),
                                     lambda: report_summary.as_pdf([report_summary.ambassador_blocks(db, chosen)]),
                                     file_name=report_summary.filename(agreement, "pdf"), mime="application/pdf",
                                     key="ambassadors.report_pdf", icon=":material/picture_as_pdf:", on_click="ignore")
                right.download_button(t("Compte rendu (texte)"),
                                      lambda: report_summary.as_text(report_summary.ambassador_blocks(db, chosen)),
                                      file_name=report_summary.filename(agreement, "txt"), mime="text/plain",
                                      key="ambassadors.report_txt", icon=":material/description:", on_click="ignore")
                with st.form("reopen", enter_to_submit=False):
                    reopen_note = st.text_area(t("Pourquoi rouvrir ce rapport?"), key="reopen.note")
                    if st.form_submit_button(t("Rouvrir le rapport")):  # a second click: already reopened
                        feedback.save_then_confirm("ambassadors.reopen", lambda: impact_reports.reopen_report(
                            db, chosen, reopen_note, actor=user.username), t("Rapport rouvert."))
            feedback.show_confirmation("ambassadors.reopen")

with follow, feedback.section("ambassadors.follow"):
    tables = campaign_views.follow_up(campaign_id, lang)
    pending, statuses = tables["pending"], tables["statuses"]
    cols = st.columns(4)
    cols[0].metric(t("Ambassadeurs approuvés"), len(statuses))
    cols[1].metric(t("Rapports soumis"), int((statuses["status"] == "submitted").sum()))
    cols[2].metric(t("Sans rapport soumis"), len(pending))
    cols[3].metric(t("Rapports en retard"), int(statuses["late"].sum()),
                   help=t("Soumis après l’échéance, ou pas encore soumis une fois l’échéance passée."))
    st.caption(report_figures.deadline_caption(campaign.report_due, clock.today(), lang))
    if pending.empty:
        st.success(t("Tous les ambassadeurs approuvés ont soumis leur rapport.") if len(statuses)
                   else t("Aucun ambassadeur approuvé pour l’instant."))
    else:
        campaign_widgets.fitted_table(tables["pending_shown"], campaign_widgets.FOLLOW_UP_COLUMNS)
        left, right = st.columns(2)
        left.link_button(t("Écrire aux organisations sans rapport ({n})", n=len(pending)),
                         report_figures.mailto_link(list(pending["email"]), t("Rapport de retombées — {name}",
                                                                              name=campaign.name)),
                         icon=":material/mail:")
        emails = pending[["organisation", "contact_name", "email"]].rename(columns={
            "organisation": t("Organisation"), "contact_name": t("Personne-ressource"), "email": t("Courriel")})
        right.download_button(t("Courriels (CSV)"), lambda: spreadsheets.to_csv_bytes(emails),
                              file_name="ambassadeurs-sans-rapport.csv", mime="text/csv", key="follow.csv")
    st.subheader(t("État des rapports"))
    campaign_widgets.fitted_table(tables["statuses_shown"], campaign_widgets.REPORT_STATUS_COLUMNS)

with files, feedback.section("ambassadors.files"):
    st.subheader(t("Microsite : ambassadeurs approuvés"))
    listing_csv = campaign_views.microsite(campaign_id)["frame"]
    campaign_widgets.microsite_table(listing_csv, "files.microsite_table")
    left, right = st.columns(2)
    left.download_button(t("Liste du microsite (CSV)"), lambda: spreadsheets.to_csv_bytes(listing_csv),
                         file_name="microsite-ambassadeurs.csv", mime="text/csv", key="files.microsite")
    right.download_button(t("Logos (ZIP)"), lambda: listings.logos_zip(db, campaign_id),
                          file_name="logos-ambassadeurs.zip",
                          mime="application/zip", key="files.logos")
    st.subheader(t("Exports"))
    # Each file is made when clicked (data=a callable), never while the page merely renders.
    people = lambda: listings.ambassadors_export_frame(db, campaign_id)  # noqa: E731
    reports = lambda: report_figures.reports_export_frames(db, campaign_id)  # noqa: E731
    cols = st.columns(4)
    cols[0].download_button(t("Ambassadeurs (CSV)"), lambda: spreadsheets.to_csv_bytes(people()),
                            file_name="ambassadeurs.csv", mime="text/csv", key="files.people_csv")
    cols[1].download_button(t("Ambassadeurs (XLSX)"), lambda: spreadsheets.to_xlsx_bytes({"Ambassadeurs": people()}),
                            file_name="ambassadeurs.xlsx", key="files.people_xlsx")
    cols[2].download_button(t("Rapports (CSV)"), lambda: spreadsheets.to_csv_bytes(reports()["Rapports"]),
                            file_name="rapports-retombees.csv", mime="text/csv", key="files.reports_csv")
    cols[3].download_button(t("Rapports, actions, portée, activités (XLSX)"),
                            lambda: spreadsheets.to_xlsx_bytes(reports()), file_name="rapports-retombees.xlsx",
                            key="files.reports_xlsx")
    st.subheader(t("Comptes rendus pour le {organiser}", organiser=escape_markdown(campaign.organiser)))
    st.caption(t("L’entente demande un bref compte rendu par ambassadeur, envoyé à {contact} ({email}). Tous les "
                 "rapports soumis, un par page :", contact=escape_markdown(campaign.contact_name or "—"),
                 email=escape_markdown(campaign.contact_email or "—")))
    left, right = st.columns(2)
    left.download_button(t("Tous les comptes rendus (PDF)"), lambda: report_summary.campaign_pdf(db, campaign_id),
                         file_name=f"comptes-rendus-{campaign.slug}.pdf", mime="application/pdf",
                         key="files.summaries_pdf", icon=":material/picture_as_pdf:", on_click="ignore")
    right.download_button(t("Tous les comptes rendus (texte)"), lambda: report_summary.campaign_text(db, campaign_id),
                          file_name=f"comptes-rendus-{campaign.slug}.txt", mime="text/plain",
                          key="files.summaries_txt", icon=":material/description:", on_click="ignore")
