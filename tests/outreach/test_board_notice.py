"""The board is told when the pack of the coming CA meeting can be read, once per meeting, in
each member's language, through a real SMTP server on loopback; the meetings' calendar file."""
from __future__ import annotations

import datetime as dt

from icalendar import Calendar

from lib.accounts import users
from lib.core import clock
from lib.outreach import calendar, reminders
from lib.plan import meetings
from tests.conftest import make_user


def _meeting_in(db, days: int, kind: str = "ca") -> int:
    staff = users.get_user(db, "staff-test") or make_user(db, "staff")
    return meetings.add_meeting(db, staff, clock.today() + dt.timedelta(days=days), kind, "Salle du conseil")


def test_board_members_hear_once_that_the_pack_of_the_coming_meeting_is_ready(db, smtp_server):
    mailbox, config = smtp_server
    make_user(db, "board", "ca-marie")
    english = make_user(db, "board", "ca-john")
    users.update_profile(db, english.username, "John Board", "en")
    _meeting_in(db, 20)
    assert [d for d in reminders.due_drafts(db) if d.purpose == "board_pack"] == []  # too early
    _meeting_in(db, 5)
    first = reminders.run(db, config)
    again = reminders.run(db, config)
    board = sorted((d.recipient, d.language) for d in first.due if d.purpose == "board_pack")
    assert board == [("ca-john@example.org", "en"), ("ca-marie@example.org", "fr")]
    assert not [d for d in again.queued]  # once per meeting, however often the sender runs
    sent = {rcpt[0]: message for rcpt, message in mailbox.messages if rcpt[0].startswith("ca-")}
    day = clock.today() + dt.timedelta(days=5)
    french, english_mail = sent["ca-marie@example.org"], sent["ca-john@example.org"]
    assert french["Subject"].startswith("Le document du CA est prêt : CA du ")
    assert "http://localhost:8501/rapports" in french.get_body(("plain",)).get_content()
    assert english_mail["Subject"].startswith("The board pack is ready") and str(day.year) in english_mail["Subject"]


def test_a_deactivated_board_member_is_not_written_to(db):
    member = make_user(db, "board", "ca-partie")
    users.set_active(db, member.username, False, actor=make_user(db, "admin").username)
    _meeting_in(db, 3)
    assert [d for d in reminders.due_drafts(db) if d.purpose == "board_pack"] == []


def test_the_meetings_calendar_parses_back_with_every_meeting(db):
    first = _meeting_in(db, 10)
    _meeting_in(db, 40, "aga")
    parsed = Calendar.from_ical(calendar.meetings_calendar(db))
    events = [component for component in parsed.walk() if component.name == "VEVENT"]
    assert len(events) == 2
    assert {str(e["summary"]).split(" du ")[0] for e in events} == {"CA", "AGA"}
    one = next(e for e in events if str(e["uid"]).startswith(f"meeting-{first}@"))
    assert one.decoded("dtstart") == clock.today() + dt.timedelta(days=10)
    assert str(one["description"]) == "Salle du conseil"
    english = Calendar.from_ical(calendar.meetings_calendar(db, "en"))
    assert str(english["x-wr-calname"]) != str(parsed["x-wr-calname"])
