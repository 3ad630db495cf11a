"""The board's meetings: staff record them (audited), everyone reads the last and the next one."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from lib import demo
from lib.core.errors import AccessDenied
from lib.core.messages import translate_message
from lib.plan import meetings
from tests.conftest import make_user


@pytest.fixture
def staff(db):
    return make_user(db, "staff", "marie")


def test_staff_add_edit_and_delete_meetings_with_an_audit_row_each(db, staff):
    first = meetings.add_meeting(db, staff, date(2026, 9, 15), "ca", "Budget")
    meetings.update_meeting(db, staff, first, date(2026, 9, 16), "ca", "Budget révisé")
    assert meetings.get_meeting(db, first) == meetings.Meeting(first, date(2026, 9, 16), "ca", "Budget révisé")
    meetings.delete_meeting(db, staff, first)
    assert meetings.list_meetings(db) == []
    actions = [r[0] for r in db.query("SELECT action FROM audit_log WHERE entity = 'meeting' ORDER BY id")]
    assert actions == ["meeting.add", "meeting.edit", "meeting.delete"]
    assert "2026-09-16" in db.scalar("SELECT details FROM audit_log WHERE action = 'meeting.delete'")


def test_a_board_member_cannot_record_a_meeting(db):
    board = make_user(db, "board", "ca-paul")
    with pytest.raises(AccessDenied):
        meetings.add_meeting(db, board, date(2026, 9, 15), "ca")
    assert meetings.list_meetings(db) == []


def test_bad_input_and_duplicates_get_french_messages_and_nothing_is_written(db, staff):
    with pytest.raises(meetings.MeetingError) as refused:
        meetings.add_meeting(db, staff, None, "board", "x" * 301)
    assert refused.value.messages == ["Indiquez la date de la rencontre.",
                                      "Choisissez le type de rencontre (CA ou AGA).",
                                      "La note dépasse 300 caractères."]
    meetings.add_meeting(db, staff, date(2026, 6, 11), "aga")
    meetings.add_meeting(db, staff, date(2026, 6, 11), "ca")  # the CA after the AGA, the same evening
    with pytest.raises(meetings.MeetingError, match="déjà inscrite"):
        meetings.add_meeting(db, staff, date(2026, 6, 11), "aga")
    assert len(meetings.list_meetings(db)) == 2


def test_last_and_next_meeting_around_a_day(db, staff):
    for day in (date(2026, 6, 11), date(2026, 9, 15), date(2026, 12, 1)):
        meetings.add_meeting(db, staff, day, "ca")
    assert meetings.last_meeting(db, date(2026, 9, 15)).held_on == date(2026, 9, 15)
    assert meetings.next_meeting(db, date(2026, 9, 15)).held_on == date(2026, 12, 1)
    assert meetings.next_meeting(db, date(2026, 12, 1)) is None
    every = meetings.list_meetings(db)
    assert meetings.meeting_before(every, every[1]).held_on == date(2026, 6, 11)
    assert meetings.meeting_after(every, every[1]).held_on == date(2026, 12, 1)


def test_labels_and_the_end_of_a_day_in_quebec():
    meeting = meetings.Meeting(1, date(2026, 9, 15), "ca")
    assert meeting.since() == "depuis le CA du 15 septembre 2026"
    assert translate_message(meeting.since(), "en") == "since the board meeting of September 15, 2026"
    assert meetings.Meeting(2, date(2026, 6, 11), "aga").since() == "depuis l’AGA du 11 juin 2026"
    assert meetings.end_of_day(date(2026, 9, 15)) == datetime(2026, 9, 16, 3, 59, 59, 999999)  # EDT
    assert meetings.end_of_day(date(2026, 12, 1)) == datetime(2026, 12, 2, 4, 59, 59, 999999)  # EST


def test_the_demo_calendar_has_a_ca_about_every_two_months_and_the_aga_in_june():
    calendar = demo.meeting_calendar(date(2026, 1, 1), date(2026, 12, 4))
    in_2026 = [(d, k) for d, k in calendar if d.year == 2026]
    assert [k for _, k in in_2026].count("ca") == 5
    assert [d for d, k in in_2026 if k == "aga"] == [date(2026, 6, 11)]
    assert (date(2026, 9, 15), "ca") in calendar and (date(2026, 12, 1), "ca") in calendar
    assert calendar[-1][0] > date(2026, 12, 4)  # a next meeting exists
