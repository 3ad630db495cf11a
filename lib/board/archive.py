"""Every board pack made is kept: when, by whom, for which meetings, in which language, with
its PDF and XLSX bytes and their SHA-256, so that it downloads again byte for byte.

`make_pack` builds both files once and archives them in one transaction with an audit row;
asked again for the same meetings, language, person and state of the data (nothing recorded
since), it returns the pack already archived instead of a near-copy.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from lib.board.pack import build_pack
from lib.board.pdf import render_pdf
from lib.board.workbook import render_xlsx
from lib.core import audit, roles
from lib.core.db import Database
from lib.plan.meetings import Meeting


@dataclass(frozen=True)
class ArchivedPack:
    id: int
    made_at: datetime
    made_by: str
    lang: str
    meeting_on: date
    previous_on: date | None
    pdf: bytes
    xlsx: bytes
    file_stem: str


def file_stem(lang: str, meeting_on: date) -> str:
    """The download's name without extension: document-ca-2026-12-01 / board-pack-2026-12-01."""
    return f"{'document-ca' if lang == 'fr' else 'board-pack'}-{meeting_on.isoformat()}"


def make_pack(db: Database, user, meeting: Meeting, previous: Meeting | None, *, lang: str = "fr",
              next_meeting: Meeting | None = None, now: datetime | None = None, session_id: str = "") -> ArchivedPack:
    """The archived pack for these meetings, made now by `user` (or the one made already on the
    same data). Side effects: one board_packs row and one audit row, in one transaction, when a
    new pack is made. Raises AccessDenied unless the user is a board member, staff or admin."""
    roles.require(user, roles.READERS)
    version = audit.data_version(db)  # a pack's own audit row does not count
    found = db.query_one(
        "SELECT id FROM board_packs WHERE made_by = ? AND lang = ? AND meeting_on = ? AND meeting_kind = ?"
        " AND previous_on IS NOT DISTINCT FROM ? AND data_version = ? ORDER BY id DESC LIMIT 1",
        [user.username, lang, meeting.held_on, meeting.kind, previous.held_on if previous else None, version])
    if found:
        return get_pack(db, int(found[0]))
    pack = build_pack(db, meeting, previous, made_by=user.display_name or user.username, lang=lang,
                      next_meeting=next_meeting, now=now)
    pdf, xlsx = render_pdf(pack), render_xlsx(pack)

    def work(cur):
        pack_id = cur.execute(
            "INSERT INTO board_packs (made_at, made_by, lang, meeting_id, meeting_on, meeting_kind, previous_id,"
            " previous_on, previous_kind, as_of, known_at, data_version, pdf, pdf_sha256, xlsx, xlsx_sha256)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            [pack.made_at, user.username, lang, meeting.id, meeting.held_on, meeting.kind,
             previous.id if previous else None, previous.held_on if previous else None,
             previous.kind if previous else "", pack.as_of, pack.known_at, version, pdf,
             hashlib.sha256(pdf).hexdigest(), xlsx, hashlib.sha256(xlsx).hexdigest()]).fetchone()[0]
        audit.record(cur, user.username, "board.pack", entity="board_pack", entity_id=pack_id, session_id=session_id,
                     details={"meeting_on": meeting.held_on, "previous_on": previous.held_on if previous else None,
                              "lang": lang, "pdf_sha256": hashlib.sha256(pdf).hexdigest()})
        return pack_id

    return get_pack(db, db.transaction(work))


def get_pack(db: Database, pack_id: int) -> ArchivedPack | None:
    """An archived pack with its bytes, exactly as stored (None if unknown). No side effects."""
    row = db.query_one("SELECT id, made_at, made_by, lang, meeting_on, previous_on, pdf, xlsx, pdf_sha256,"
                       " xlsx_sha256 FROM board_packs WHERE id = ?", [pack_id])
    if row is None:
        return None
    pdf, xlsx = bytes(row[6]), bytes(row[7])
    if hashlib.sha256(pdf).hexdigest() != row[8] or hashlib.sha256(xlsx).hexdigest() != row[9]:
        raise ValueError(f"board pack {pack_id}: stored bytes do not match their SHA-256")
    meeting_on = row[4].date() if isinstance(row[4], datetime) else row[4]
    previous_on = row[5].date() if isinstance(row[5], datetime) else row[5]
    return ArchivedPack(int(row[0]), row[1], row[2], row[3], meeting_on, previous_on, pdf, xlsx,
                        file_stem(row[3], meeting_on))


def list_packs(db: Database, limit: int = 50) -> pd.DataFrame:
    """The packs made, newest first: id, made_at, made_by (display name), lang, meeting_on,
    meeting_kind, previous_on, pdf_sha256 (no bytes). No side effects."""
    return db.query_df(
        "SELECT p.id, p.made_at, coalesce(u.display_name, p.made_by) AS made_by, p.lang, p.meeting_on,"
        " p.meeting_kind, p.previous_on, p.pdf_sha256 FROM board_packs p LEFT JOIN users u ON u.username = p.made_by"
        " ORDER BY p.made_at DESC, p.id DESC LIMIT ?", [limit])

