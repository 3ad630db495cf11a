"""Campagne: the organiser's reach, the moments forts, commitments and reported outcomes."""
import streamlit as st

from lib.campaign import ambassadors, campaigns, impact_reports, report_figures
from lib.core import clock, roles
from lib.core.i18n import format_date
from lib.outreach import calendar
from lib.ui import campaign_views, campaign_widgets, feedback, plan_views, session, tables
from lib.ui.layout import escape_markdown

user = session.require_role(roles.EVERYONE)
t = session.t
db = session.get_db()
lang = session.language()
is_staff = user.role in ("staff", "admin")

listed = campaigns.list_campaigns(db)
current = campaigns.current_campaign(db)
st.title(t("Campagne"))
if listed.empty:
    st.info(t("Aucune campagne n’est encore enregistrée."))
    st.stop()
if user.role == "ambassador" and getattr(ambassadors.agreement_for_user(db, user.username, current and current.id),
                                          "status", None) != "approved":
    st.info(t("La campagne vous sera présentée quand votre entente sera approuvée. Voyez son statut à la page "
              "« Mon entente »."))
    st.stop()
if is_staff:
    campaign_widgets.ended_campaign_warning(current, clock.today())
if user.role == "ambassador":
    campaign = current or campaigns.get_campaign(db, int(listed["id"].iloc[0]))
else:
    campaign = campaign_widgets.campaign_selector(db, "campaign.selected")
cid = campaign.id

st.subheader(f"{escape_markdown(campaign.name)} — {escape_markdown(campaign.slogan)}")
st.caption(t("Début : {start} · Rapports de retombées attendus le {due} · Entente valide jusqu’au {until}",
             start=format_date(campaign.starts_on, lang), due=format_date(campaign.report_due, lang),
             until=format_date(campaign.valid_until, lang)))
if user.role != "ambassador":
    st.info(t("Trois sortes de chiffres, jamais additionnées : l’auditoire propre de l’organisateur (bleu), "
              "l’auditoire que les ambassadeurs ont déclaré à l’inscription (orange hachuré) et la portée que les "
              "ambassadeurs ont rapportée après coup (vert quadrillé)."))

if is_staff and (stale := report_figures.stale_reach_warning(campaigns.list_channels(db, cid), campaign.organiser,
                                                              clock.today())):
    st.warning(escape_markdown(t(stale)) + " " + t("(onglet « Gérer les campagnes »)"), icon=":material/update:")

sections = [t("Auditoires"), t("Moments forts et engagements")]
if user.role != "ambassador":  # ambassadors see the public parts only: no other organisation's details
    sections += [t("Retombées rapportées"), t("D’une année à l’autre")]
if is_staff:
    sections.append(t("Gérer les campagnes"))
tabs = st.tabs(sections)
with tabs[0], feedback.section("campaign.audiences"):
    shown = campaign_views.audience_charts(cid, lang)  # cached until the next write, like every chart here
    campaign_widgets.show_cached_chart(shown["organiser"], "campaign.organiser", when_empty=True)
    if user.role != "ambassador":
        campaign_widgets.show_cached_chart(shown["declared"], "campaign.declared")
with tabs[1], feedback.section("campaign.moments"):
    shown = campaign_views.moment_charts(cid, lang)
    campaign_widgets.show_cached_chart(shown["moments"], "campaign.moments", when_empty=True)
    campaign_widgets.show_cached_chart(shown["commitments"], "campaign.commitments")
    st.download_button(t("Moments forts dans votre calendrier (.ics)"),
                       lambda: calendar.moments_calendar(db, cid, lang=lang), file_name="moments-forts.ics",
                       mime="text/calendar", key="campaign.ics", icon=":material/event:")
    if user.role != "ambassador" and shown["grid"] is not None:
        campaign_widgets.show_cached_chart(shown["grid"], "campaign.grid", when_empty=True)
if user.role == "ambassador":
    st.stop()

with tabs[2], feedback.section("campaign.reported"):
    shown = campaign_views.reported(cid, lang)
    reach = shown["reach"]
    if not shown["approved"]:
        st.info(t("Aucun ambassadeur approuvé pour l’instant : la grille organisations × moments forts, la portée "
                  "rapportée et les activités paraîtront ici."))
    elif reach.empty:
        st.info(t("Aucun rapport de retombées soumis pour l’instant."))
    else:
        metric = st.segmented_control(t("Portée rapportée : mesure"), [m for m, _ in impact_reports.REACH_METRICS],
                                      default="people_reached", key="campaign.metric",
                                      format_func=lambda m: t(impact_reports.REACH_METRIC_LABELS[m])) \
            or "people_reached"
        metric_label = t(impact_reports.REACH_METRIC_LABELS[metric])
        for by, chart in campaign_views.reach_charts(cid, metric, metric_label, lang).items():
            campaign_widgets.show_cached_chart(chart, f"campaign.reach_{by}")
    if shown["activities"] is not None:
        campaign_widgets.show_cached_chart(shown["activities"], "campaign.activities")

with tabs[3], feedback.section("campaign.years"):
    st.caption(t("Chaque campagne côte à côte. La portée rapportée additionne les personnes jointes déclarées dans "
                 "les rapports soumis; l’auditoire de l’organisateur est le sien, à la date de ses chiffres."))
    tables.static_table(plan_views.localise(campaign_views.campaigns_side_by_side(), lang))

if is_staff:
    with tabs[4], feedback.section("campaign.manage"):
        with st.form("current", enter_to_submit=False):
            chosen = st.selectbox(t("Campagne courante (celle à laquelle les organisations s’inscrivent)"),
                                  list(listed["slug"]),
                                  index=list(listed["slug"]).index(current.slug) if current else 0,
                                  format_func=dict(zip(listed["slug"], listed["name"])).get, key="current.slug")
            if st.form_submit_button(t("Définir comme campagne courante")):
                feedback.save_then_confirm("campaign.current", lambda: campaigns.set_current_campaign(
                    db, chosen, actor=user.username), t("Campagne courante enregistrée."))
        feedback.show_confirmation("campaign.current")
        feedback.show_confirmation("campaign.created")
        campaign_widgets.campaign_details_form(db, campaign, user.username, session.session_id())
        # Its editors are drawn only once opened (on_change="rerun"): six tables on every rerun otherwise.
        creating = st.expander(t("Créer une campagne"), key="newcampaign.open", on_change="rerun")
        if creating.open:
            with creating:
                start = st.radio(t("Partir de"), ["copy", "empty"], horizontal=True, key="newcampaign.start",
                                 format_func=lambda s: t("une copie de la campagne affichée, dates décalées d’un an")
                                 if s == "copy" else t("une campagne vide"))
                base = (campaigns.copied_campaign_data(campaigns.campaign_as_data(db, cid)) if start == "copy"
                        else campaigns.empty_campaign_data())
                data = campaign_widgets.campaign_editor(f"newcampaign-{start}-{cid}", base)
                make_current = st.checkbox(t("En faire la campagne courante"), key="newcampaign.make_current")
                if st.button(t("Créer la campagne"), type="primary", key="newcampaign.create"):
                    # The new campaign opens at once, in every selector (they read the list on each run).
                    feedback.save_then_confirm(
                        "campaign.created",
                        lambda: campaigns.create_campaign(db, data, actor=user.username, make_current=make_current),
                        t("Campagne « {name} » créée; elle est maintenant affichée.",
                          name=escape_markdown(data["name"])),
                        then=lambda new_id: st.session_state.update({"campaign.selected.next": new_id}))
