"""A fixed history for the board pack's tests: two CA meetings, updates recorded on known days,
a correction recorded after the first meeting, a means added and one archived between them."""
from __future__ import annotations

from datetime import date, datetime

from lib.core import clock
from lib.plan import items, meetings
from lib.plan.updates import UpdateInput, insert_update
from tests.conftest import make_user

SEPT = date(2026, 9, 15)
DEC = date(2026, 12, 1)
FEB = date(2027, 2, 16)
NOW = datetime(2026, 12, 4, 15, 0)            # naive UTC: 10 h in Québec
ONE_OFF, COUNTED, CONTINUOUS, ARCHIVED = 6, 11, 1, 55   # means ids of the seeded plan (1.2.2, 1.4.3, 1.1.1, 6.4.2)
NEW_MEANS_TEXT = "Tenir un forum régional des membres"


def _at(monkeypatch, moment: datetime) -> None:
    monkeypatch.setattr(clock, "utcnow", lambda: moment)


def _update(db, means_id: int, status: str, work: date, recorded: datetime, *, progress: int = 50, note: str = "",
            quantity: float | None = None, corrects: int | None = None) -> int:
    data = UpdateInput(status=status, progress=progress, work_date=work, note=note, quantity=quantity,
                       corrects_id=corrects)
    return db.transaction(lambda cur: insert_update(cur, means_id, data, actor="marie", recorded_at=recorded))


def build_history(db, monkeypatch) -> dict:
    """Write the fixed history into `db` (the seeded plan); returns the meetings and the staff user."""
    staff = make_user(db, "staff", "marie")
    _at(monkeypatch, datetime(2026, 1, 10, 15))
    ids = {}
    for day, kind in ((SEPT, "ca"), (DEC, "ca"), (FEB, "ca"), (date(2026, 6, 11), "aga")):
        ids[day] = meetings.add_meeting(db, staff, day, kind)
    # Before the first meeting (recorded by 15 September).
    _update(db, CONTINUOUS, "en_cours", date(2026, 8, 1), datetime(2026, 8, 1, 18), note="Tournée des membres.")
    _update(db, ONE_OFF, "en_cours", date(2026, 9, 1), datetime(2026, 9, 2, 14), note="Comité formé.")
    first = _update(db, COUNTED, "en_cours", date(2026, 9, 10), datetime(2026, 9, 11, 14), quantity=4,
                    note="4 nouveaux membres.")
    # After it: a correction of the September count (recorded on 20 September), then new work.
    _update(db, COUNTED, "en_cours", date(2026, 9, 10), datetime(2026, 9, 20, 14), quantity=5,
            note="5 nouveaux membres (correction).", corrects=first)
    _update(db, ONE_OFF, "realise", date(2026, 10, 20), datetime(2026, 10, 21, 14), progress=100,
            note="Comité en place, mandat adopté.")
    _update(db, COUNTED, "en_cours", date(2026, 11, 5), datetime(2026, 11, 5, 16), quantity=2,
            note="2 nouveaux membres.")
    _at(monkeypatch, datetime(2026, 10, 5, 15))
    action_id = int(db.scalar("SELECT action_id FROM means WHERE id = ?", [ONE_OFF]))
    new_means = items.add_means(db, staff, action_id, NEW_MEANS_TEXT, "Décembre 2026", "Avoir tenu le forum", "DG")
    _at(monkeypatch, datetime(2026, 11, 10, 15))
    items.set_archived(db, staff, "means", ARCHIVED, True)
    # After the second meeting: not known to the pack of 1 December.
    _update(db, CONTINUOUS, "en_cours", date(2026, 12, 2), datetime(2026, 12, 2, 15), note="Après le CA.")
    _at(monkeypatch, NOW)
    every = {m.held_on: m for m in meetings.list_meetings(db)}
    return {"sept": every[SEPT], "dec": every[DEC], "feb": every[FEB], "staff": staff, "new_means": new_means}
