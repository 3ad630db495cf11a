"""The board's meetings: CA meetings and the AGA, as dates staff record (add, edit, delete).

Writes take the acting user, raise AccessDenied unless staff or admin, and run in one
transaction with an audit row (a deleted meeting's date and kind stay in the audit log).
Readers know the last meeting (on or before a day) and the next one (after it).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import pandas as pd

from lib.core import audit, clock, roles, validators
from lib.core.clock import LOCAL_ZONE
from lib.core.db import Database
from lib.core.errors import FormError
from lib.core.i18n import N_
from lib.core.messages import LocalDate, Message

KINDS = ("ca", "aga")
KIND_LABELS_FR = {"ca": N_("CA"), "aga": N_("AGA")}
KIND_NAMES_FR = {"ca": N_("Conseil d’administration"), "aga": N_("Assemblée générale annuelle")}
NOTE_MAX_CHARS = 300
EARLIEST = date(2015, 1, 1)


class MeetingError(FormError):
    """A meeting that cannot be saved; `messages` are French, for the form."""


@dataclass(frozen=True)
class Meeting:
    id: int
    held_on: date
    kind: str
    note: str = ""

    def label(self) -> Message:
        """"CA du 15 septembre 2026" / "AGA du 12 juin 2026" as a Message (translated where shown)."""
        if self.kind == "aga":
            return Message("AGA du {date}", date=LocalDate(self.held_on))
        return Message("CA du {date}", date=LocalDate(self.held_on))

    def since(self) -> Message:
        """"depuis le CA du 15 septembre 2026" / "depuis l’AGA du 12 juin 2026"."""
        if self.kind == "aga":
            return Message("depuis l’AGA du {date}", date=LocalDate(self.held_on))
        return Message("depuis le CA du {date}", date=LocalDate(self.held_on))


def end_of_day(day: date) -> datetime:
    """The last instant of `day` in Québec, as naive UTC (how recorded_at is stored)."""
    local = datetime.combine(day, time(23, 59, 59, 999999), tzinfo=LOCAL_ZONE)
    return local.astimezone(UTC).replace(tzinfo=None)


def start_of_day(day: date) -> datetime:
    """The first instant of `day` in Québec, as naive UTC."""
    return end_of_day(day - timedelta(days=1)) + timedelta(microseconds=1)


def _row_to_meeting(row) -> Meeting:
    held_on = row[1].date() if isinstance(row[1], datetime) else row[1]
    return Meeting(int(row[0]), held_on, row[2], row[3] or "")


def list_meetings(db: Database) -> list[Meeting]:
    """Every meeting, oldest first. No side effects."""
    return [_row_to_meeting(r) for r in db.query("SELECT id, held_on, kind, note FROM meetings ORDER BY held_on, id")]


def meetings_frame(db: Database) -> pd.DataFrame:
    """Every meeting, newest first, for the staff table: id, held_on, kind, note, created/updated by."""
    return db.query_df("SELECT id, held_on, kind, note, created_by, updated_by FROM meetings ORDER BY held_on DESC, id")


def get_meeting(db: Database, meeting_id: int) -> Meeting | None:
    row = db.query_one("SELECT id, held_on, kind, note FROM meetings WHERE id = ?", [meeting_id])
    return _row_to_meeting(row) if row else None


def last_meeting(db: Database, day: date) -> Meeting | None:
    """The latest meeting held on or before `day` (None if none). No side effects."""
    row = db.query_one("SELECT id, held_on, kind, note FROM meetings WHERE held_on <= ?"
                       " ORDER BY held_on DESC, id DESC LIMIT 1", [day])
    return _row_to_meeting(row) if row else None


def next_meeting(db: Database, day: date) -> Meeting | None:
    """The first meeting held after `day` (None if none is recorded). No side effects."""
    row = db.query_one("SELECT id, held_on, kind, note FROM meetings WHERE held_on > ?"
                       " ORDER BY held_on, id LIMIT 1", [day])
    return _row_to_meeting(row) if row else None


def meeting_before(meetings: list[Meeting], meeting: Meeting) -> Meeting | None:
    """The meeting of `meetings` (oldest first) held just before `meeting`. Pure."""
    earlier = [m for m in meetings if (m.held_on, m.id) < (meeting.held_on, meeting.id)]
    return earlier[-1] if earlier else None


def meeting_after(meetings: list[Meeting], meeting: Meeting) -> Meeting | None:
    """The meeting of `meetings` (oldest first) held just after `meeting`. Pure."""
    later = [m for m in meetings if (m.held_on, m.id) > (meeting.held_on, meeting.id)]
    return later[0] if later else None


def validate_meeting(held_on: date | None, kind: str, note: str) -> list[str]:
    """French messages that stop the meeting from being saved (empty: valid). Pure."""
    errors = []
    if held_on is None:
        errors.append(N_("Indiquez la date de la rencontre."))
    elif held_on < EARLIEST:
        errors.append(Message("La date de la rencontre doit être postérieure au {date}.", date=LocalDate(EARLIEST)))
    if kind not in KINDS:
        errors.append(N_("Choisissez le type de rencontre (CA ou AGA)."))
    if len(note or "") > NOTE_MAX_CHARS:
        errors.append(Message("La note dépasse {limit} caractères.", limit=NOTE_MAX_CHARS))
    if control := validators.control_character_error(note or "", N_("La note")):
        errors.append(control)
    return errors


def _duplicate(cur, held_on: date, kind: str, meeting_id: int | None) -> bool:
    return cur.execute("SELECT 1 FROM meetings WHERE held_on = ? AND kind = ? AND id <> ?",
                       [held_on, kind, meeting_id or -1]).fetchone() is not None


_DUPLICATE = N_("Une rencontre de ce type est déjà inscrite à cette date.")


def add_meeting(db: Database, user, held_on: date, kind: str, note: str = "", *, session_id: str = "") -> int:
    """Record a meeting; returns its id. One transaction with an audit row.
    Raises AccessDenied unless staff/admin, MeetingError (French) on invalid input or a duplicate."""
    roles.require(user, roles.STAFF)
    errors = validate_meeting(held_on, kind, note)
    if errors:
        raise MeetingError(errors)

    def work(cur):
        if _duplicate(cur, held_on, kind, None):
            raise MeetingError(_DUPLICATE)
        meeting_id = cur.execute(
            "INSERT INTO meetings (held_on, kind, note, created_at, created_by) VALUES (?, ?, ?, ?, ?) RETURNING id",
            [held_on, kind, (note or "").strip(), clock.utcnow(), user.username]).fetchone()[0]
        audit.record(cur, user.username, "meeting.add", entity="meeting", entity_id=meeting_id, session_id=session_id,
                     details={"held_on": held_on, "kind": kind, "note": (note or "").strip()})
        return meeting_id

    return db.transaction(work)


def update_meeting(db: Database, user, meeting_id: int, held_on: date, kind: str, note: str = "", *,
                   session_id: str = "") -> None:
    """Change a meeting's date, kind or note. Same checks, side effects and errors as add_meeting;
    MeetingError when the meeting does not exist."""
    roles.require(user, roles.STAFF)
    errors = validate_meeting(held_on, kind, note)
    if errors:
        raise MeetingError(errors)

    def work(cur):
        before = cur.execute("SELECT held_on, kind, note FROM meetings WHERE id = ?", [meeting_id]).fetchone()
        if before is None:
            raise MeetingError(N_("Cette rencontre n’existe pas."))
        if _duplicate(cur, held_on, kind, meeting_id):
            raise MeetingError(_DUPLICATE)
        cur.execute("UPDATE meetings SET held_on = ?, kind = ?, note = ?, updated_at = ?, updated_by = ? WHERE id = ?",
                    [held_on, kind, (note or "").strip(), clock.utcnow(), user.username, meeting_id])
        audit.record(cur, user.username, "meeting.edit", entity="meeting", entity_id=meeting_id, session_id=session_id,
                     details={"before": {"held_on": before[0], "kind": before[1], "note": before[2]},
                              "after": {"held_on": held_on, "kind": kind, "note": (note or "").strip()}})

    db.transaction(work)


def delete_meeting(db: Database, user, meeting_id: int, *, session_id: str = "") -> None:
    """Delete a meeting entered by mistake (its packs stay in the archive). One transaction
    with an audit row holding what was deleted. Raises AccessDenied, MeetingError (unknown id)."""
    roles.require(user, roles.STAFF)

    def work(cur):
        row = cur.execute("SELECT held_on, kind, note FROM meetings WHERE id = ?", [meeting_id]).fetchone()
        if row is None:
            raise MeetingError(N_("Cette rencontre n’existe pas."))
        cur.execute("DELETE FROM meetings WHERE id = ?", [meeting_id])
        audit.record(cur, user.username, "meeting.delete", entity="meeting", entity_id=meeting_id,
                     session_id=session_id, details={"held_on": row[0], "kind": row[1], "note": row[2]})

    db.transaction(work)


def insert_calendar(cur, days: list[tuple[date, str]], *, actor: str) -> int:
    """Insert meetings (day, kind) inside the caller's transaction, skipping those already
    recorded; returns how many were added (the demo's calendar)."""
    added = 0
    for day, kind in days:
        if not _duplicate(cur, day, kind, None):
            cur.execute("INSERT INTO meetings (held_on, kind, note, created_at, created_by) VALUES (?, ?, '', ?, ?)",
                        [day, kind, clock.utcnow(), actor])
            added += 1
    return added
