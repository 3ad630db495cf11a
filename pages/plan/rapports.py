"""Rapports: the board pack for a CA meeting (what changed since the previous one), PDF and Excel, archive."""
import streamlit as st

from lib.core import clock, roles
from lib.outreach import calendar
from lib.plan import meetings
from lib.ui import board_views, session

user = session.require_role(roles.READERS)
t = session.t
db = session.get_db()

st.title(t("Rapports au CA"))
st.caption(t("Le document du CA : où en est le plan, ce qui a changé depuis la rencontre précédente (telle que le CA "
             "l’a vue ce jour-là, même si des corrections ont suivi), ce qui est en retard, ce qui s’en vient, qui "
             "n’a pas fait de mise à jour, et la campagne."))

board_views.meetings_form(user)
all_meetings = meetings.list_meetings(db)
if not all_meetings:
    st.info(t("Aucune rencontre du CA n’est inscrite. L’équipe les inscrit sur cette page."))
    st.stop()
st.download_button(t("Les rencontres dans mon calendrier (.ics)"),
                   lambda: calendar.meetings_calendar(db, session.language()), file_name="rencontres-ca.ics",
                   mime="text/calendar", key="reports.ics", icon=":material/event:", on_click="ignore")

meeting, previous, following = board_views.choose_meetings(all_meetings, clock.today())
board_views.download_buttons(user, meeting, previous, following)
board_pack = board_views.screen_pack(meeting, previous, following, user)
board_views.show_pack(board_pack)

st.header(t("Documents archivés"), divider="gray")
board_views.archive_list()
