"""The outbox: every email is queued here once, then sent over SMTP, retried until it goes.

- Queuing is idempotent: (purpose, recipient, subject_key) is UNIQUE and a second queuing of the
  same message does nothing, however often the reminders run.
- Sending claims rows first, in one transaction (status 'sending', claimed_by): two senders
  running at once (two threads of the app, "send now" twice) never claim the same row; DuckDB
  refuses the second transaction's update of a claimed row and lib.core.db retries it, by
  which time the row is no longer queued. (Two processes cannot race: the database file has one
  writing process.) A row left 'sending' by a sender that died is claimed again after
  STALE_CLAIM: only in that case can a message go twice.
- A failure keeps the message with the server's answer, status 'failed', and a next attempt
  later (BACKOFF doubling up to MAX_BACKOFF); nothing is ever deleted.
- A one-click link is minted at send time (lib.accounts.links) and put where the body says
  LINK_PLACEHOLDER; the stored body keeps the placeholder, so no token is ever stored.
"""
from __future__ import annotations

import datetime as dt
import smtplib
import ssl
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import format_datetime as email_date
from email.utils import make_msgid

import pandas as pd

from lib.accounts import links, users
from lib.core import audit, clock, roles
from lib.core.db import Database
from lib.core.errors import FormError
from lib.core.i18n import N_, format_datetime, translate
from lib.core.settings import load_settings
from lib.outreach.config import SmtpConfig
from lib.outreach.templates import KIND_LABELS_FR, KINDS, LINK_PLACEHOLDER, LINK_SHOWN, Draft

BACKOFF = dt.timedelta(minutes=5)
MAX_BACKOFF = dt.timedelta(hours=6)
STALE_CLAIM = dt.timedelta(minutes=30)
STATUSES = ("queued", "sending", "sent", "failed")
STATUS_LABELS_FR = {"queued": N_("En attente"), "sending": N_("En cours d’envoi"), "sent": N_("Envoyé"),
                    "failed": N_("Échec (nouvel essai prévu)")}


class OutboxError(FormError):
    """A request about the outbox that cannot be honoured; `messages` are in French."""


# -- kinds on or off -------------------------------------------------------------------
def enabled_kinds(db: Database) -> dict[str, bool]:
    """Each kind of message (templates.KINDS) and whether it is on; a kind never set is on."""
    stored = dict(db.query("SELECT kind, enabled FROM outreach_kinds"))
    return {kind: bool(stored.get(kind, True)) for kind in KINDS}


def set_kind_enabled(db: Database, kind: str, enabled: bool, *, actor: str) -> None:
    """Turn a kind of message on or off (staff). One transaction, audited "outreach.kind".
    Raises AccessDenied for a non-staff actor, OutboxError for an unknown kind."""
    roles.require(users.get_user(db, actor), roles.STAFF)
    if kind not in KINDS:
        raise OutboxError("Sorte de message inconnue.")

    def write(cur):
        cur.execute("INSERT INTO outreach_kinds (kind, enabled, updated_at, updated_by) VALUES (?, ?, ?, ?)"
                    " ON CONFLICT (kind) DO UPDATE SET enabled = excluded.enabled,"
                    " updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                    [kind, enabled, clock.utcnow(), actor])
        audit.record(cur, actor, "outreach.kind", entity="outreach_kind", entity_id=kind,
                     details={"enabled": enabled})

    db.transaction(write)


# -- queuing ---------------------------------------------------------------------------
def queue(db: Database, drafts: Iterable[Draft], *, actor: str, now: dt.datetime | None = None) -> list[int]:
    """Queue each draft not queued before (same purpose, recipient and subject_key); returns the
    ids of the rows added. One transaction; the UNIQUE key makes a repeat a no-op."""
    drafts = list(drafts)
    now = now or clock.utcnow()

    def insert(cur):
        added = []
        for draft in drafts:
            rows = cur.execute(
                "INSERT INTO outbox (purpose, recipient, username, language, subject_key, subject, body_text,"
                " body_html, link_purpose, next_attempt_at, queued_at, queued_by)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id",
                [draft.purpose, draft.recipient.strip().lower(), draft.username, draft.language,
                 draft.subject_key, draft.subject, draft.body_text, draft.body_html, draft.link_purpose,
                 now, now, actor]).fetchall()
            added += [row[0] for row in rows]
        return added

    return db.transaction(insert) if drafts else []


def already_queued(db: Database, drafts: Iterable[Draft]) -> set[tuple[str, str, str]]:
    """The (purpose, recipient, subject_key) of `drafts` that the outbox already holds."""
    keys = {(d.purpose, d.recipient.strip().lower(), d.subject_key) for d in drafts}
    if not keys:
        return set()
    rows = db.query("SELECT purpose, recipient, subject_key FROM outbox WHERE subject_key IN (SELECT unnest(?))",
                    [sorted({key[2] for key in keys})])
    return keys & {tuple(row) for row in rows}


# -- sending ---------------------------------------------------------------------------
@dataclass
class SendSummary:
    """What one run of the sender did."""
    sent: list[int] = field(default_factory=list)
    failed: dict[int, str] = field(default_factory=dict)   # id -> the server's answer or the error
    configured: bool = True


@dataclass(frozen=True)
class _Row:
    id: int
    purpose: str
    recipient: str
    username: str
    subject: str
    body_text: str
    body_html: str
    link_purpose: str
    attempts: int


def build_message(row: _Row, sender: str, token: str | None) -> EmailMessage:
    """The email of an outbox row: UTF-8 plain text with an HTML alternative, quoted-printable
    (7-bit safe for any server), the token (if any) put where the bodies say LINK_PLACEHOLDER."""
    text, markup = row.body_text, row.body_html
    if token is not None:
        text, markup = text.replace(LINK_PLACEHOLDER, token), markup.replace(LINK_PLACEHOLDER, token)
    message = EmailMessage()
    message["From"] = sender
    message["To"] = row.recipient
    message["Subject"] = row.subject
    message["Date"] = email_date(dt.datetime.now(dt.UTC))
    message["Message-ID"] = make_msgid(idstring=f"rocsmo-{row.id}", domain=sender.rsplit("@", 1)[-1])
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(text, charset="utf-8", cte="quoted-printable")
    message.add_alternative(markup, subtype="html", charset="utf-8", cte="quoted-printable")
    return message


def smtp_deliver(config: SmtpConfig, message: EmailMessage) -> str:
    """Send one message over SMTP as `config` says (STARTTLS, SSL or plain; login when a user
    is set); returns the server's answer to the message. Raises smtplib.SMTPException or
    OSError (refused connection, timeout, TLS failure)."""
    context = ssl.create_default_context()
    if config.security == "ssl":
        server = smtplib.SMTP_SSL(config.host, config.port, timeout=config.timeout, context=context)
    else:
        server = smtplib.SMTP(config.host, config.port, timeout=config.timeout)
    with server:
        if config.security == "starttls":
            server.starttls(context=context)
        if config.user:
            server.login(config.user, config.password)
        server.ehlo_or_helo_if_needed()
        code, answer = server.mail(config.sender)
        if code != 250:
            raise smtplib.SMTPSenderRefused(code, answer, config.sender)
        code, answer = server.rcpt(message["To"])
        if code not in (250, 251):
            raise smtplib.SMTPRecipientsRefused({message["To"]: (code, answer)})
        # smtplib only fixes line ends of str data: bytes must already end their lines in CRLF.
        code, answer = server.data(message.as_bytes(policy=message.policy.clone(linesep="\r\n")))
        if code != 250:
            raise smtplib.SMTPDataError(code, answer)
        return f"{code} {answer.decode('utf-8', 'replace')}".strip()


def describe_failure(error: BaseException) -> str:
    """The server's answer (code and text) or the connection error, for the outbox and staff."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "; ".join(f"{rcpt}: {code} {answer.decode('utf-8', 'replace')}"
                         for rcpt, (code, answer) in error.recipients.items())
    if isinstance(error, smtplib.SMTPResponseException):
        answer = error.smtp_error.decode("utf-8", "replace") if isinstance(error.smtp_error, bytes) \
            else str(error.smtp_error)
        return f"{error.smtp_code} {answer}"
    return f"{type(error).__name__}: {error}"


def claim(db: Database, sender_id: str, now: dt.datetime, limit: int = 100) -> list[_Row]:
    """Claim the messages due for sending (queued, failed whose next attempt has come, or left
    'sending' by a dead sender), in one transaction; returns them. Rows another sender claimed
    are not returned."""
    def take(cur):
        rows = cur.execute(
            "UPDATE outbox SET status = 'sending', claimed_by = ?, claimed_at = ? WHERE id IN ("
            " SELECT id FROM outbox WHERE (status IN ('queued', 'failed') AND next_attempt_at <= ?)"
            " OR (status = 'sending' AND claimed_at < ?) ORDER BY id LIMIT ?)"
            " RETURNING id, purpose, recipient, username, subject, body_text, body_html, link_purpose, attempts",
            [sender_id, now, now, now - STALE_CLAIM, limit]).fetchall()
        return [_Row(*row) for row in sorted(rows)]

    return db.transaction(take, retries=5)  # a racing sender holds its claim only for one UPDATE


def send_queued(db: Database, config: SmtpConfig | None, *, now: dt.datetime | None = None, limit: int = 100,
                deliver: Callable[[SmtpConfig, EmailMessage], str] = smtp_deliver) -> SendSummary:
    """Send what the outbox holds for sending; returns what was sent and what failed.

    Without SMTP (`config` None) nothing is claimed: messages stay queued, and the summary says
    configured=False. Each message is marked sent (with the server's answer and the time) or
    failed (with the answer or error, attempts counted, next attempt scheduled) in its own
    transaction; a one-click link minted for a message that failed is revoked at once.
    """
    summary = SendSummary(configured=config is not None)
    if config is None:
        return summary
    now = now or clock.utcnow()
    sender_id = uuid.uuid4().hex
    hours = load_settings(db).link_hours
    for row in claim(db, sender_id, now, limit):
        token = None
        try:
            if row.link_purpose:
                token = db.transaction(lambda cur, row=row: links.issue_link(
                    cur, row.username, row.link_purpose, hours=hours, outbox_id=row.id))
            message = build_message(row, config.sender, token)
            answer = deliver(config, message)
        except Exception as error:  # SMTP refusals, network errors, or a message that cannot be built:
            # whatever it is, the row is marked failed with the reason, never left claimed or lost.
            summary.failed[row.id] = describe_failure(error)
            _mark_failed(db, row, sender_id, summary.failed[row.id], token, now)
            continue
        _mark_sent(db, row, sender_id, answer, message["Message-ID"])
        summary.sent.append(row.id)
    return summary


def _mark_sent(db: Database, row: _Row, sender_id: str, answer: str, message_id: str) -> None:
    def write(cur):
        cur.execute("UPDATE outbox SET status = 'sent', sent_at = ?, server_reply = ?, message_id = ?,"
                    " attempts = attempts + 1, claimed_by = NULL WHERE id = ? AND claimed_by = ?",
                    [clock.utcnow(), answer, message_id, row.id, sender_id])
        audit.record(cur, "outbox", "outbox.sent", entity="outbox", entity_id=row.id,
                     details={"purpose": row.purpose, "to": row.recipient})

    db.transaction(write)


def _mark_failed(db: Database, row: _Row, sender_id: str, answer: str, token: str | None,
                 now: dt.datetime) -> None:
    delay = min(BACKOFF * (2 ** row.attempts), MAX_BACKOFF)

    def write(cur):
        cur.execute("UPDATE outbox SET status = 'failed', server_reply = ?, attempts = attempts + 1,"
                    " next_attempt_at = ?, claimed_by = NULL WHERE id = ? AND claimed_by = ?",
                    [answer[:2000], now + delay, row.id, sender_id])
        if token is not None:
            links.revoke_token(cur, token)

    db.transaction(write)


def retry(db: Database, outbox_id: int, *, actor: str) -> None:
    """Staff ask for a failed message to be tried again at the next run. Audited "outbox.retry".
    Raises AccessDenied for a non-staff actor, OutboxError when the message is not failed."""
    roles.require(users.get_user(db, actor), roles.STAFF)

    def write(cur):
        changed = cur.execute("UPDATE outbox SET status = 'queued', next_attempt_at = ? WHERE id = ?"
                              " AND status = 'failed' RETURNING id", [clock.utcnow(), outbox_id]).fetchall()
        if not changed:
            raise OutboxError("Seul un message en échec peut être renvoyé.")
        audit.record(cur, actor, "outbox.retry", entity="outbox", entity_id=outbox_id)

    db.transaction(write)


# -- reading ---------------------------------------------------------------------------
def list_outbox(db: Database, *, status: str = "", purpose: str = "", search: str = "", limit: int = 500,
                lang: str = "fr") -> pd.DataFrame:
    """The outbox, newest first, filtered by status, purpose and a piece of the recipient or
    subject: id, queued (Québec time), kind label, recipient, language, subject, status label,
    attempts, sent (Québec time), server reply."""
    frame = db.query_df(
        "SELECT id, queued_at, purpose, recipient, language, subject, status, attempts, sent_at, server_reply"
        " FROM outbox WHERE (? = '' OR status = ?) AND (? = '' OR purpose = ?)"
        " AND (? = '' OR recipient ILIKE '%' || ? || '%' OR subject ILIKE '%' || ? || '%')"
        " ORDER BY id DESC LIMIT ?",
        [status, status, purpose, purpose, search, search, search, limit])
    for column in ("queued_at", "sent_at"):
        frame[column] = [format_datetime(clock.to_local(moment), lang) if moment == moment and moment is not None
                         else "" for moment in frame[column].astype(object)]
    frame["kind"] = [translate(KIND_LABELS_FR[p], lang) if p in KIND_LABELS_FR else p for p in frame["purpose"]]
    frame["status_label"] = [translate(STATUS_LABELS_FR[s], lang) for s in frame["status"]]
    return frame


def get_message(db: Database, outbox_id: int) -> dict | None:
    """One outbox row with its bodies as stored, the link's token shown as LINK_SHOWN."""
    row = db.query_one("SELECT id, purpose, recipient, language, subject, body_text, body_html, status,"
                       " server_reply FROM outbox WHERE id = ?", [outbox_id])
    if row is None:
        return None
    keys = ("id", "purpose", "recipient", "language", "subject", "body_text", "body_html", "status", "server_reply")
    message = dict(zip(keys, row))
    for key in ("body_text", "body_html"):
        message[key] = message[key].replace(LINK_PLACEHOLDER, LINK_SHOWN)
    return message


def counts(db: Database) -> dict[str, int]:
    """How many messages are in each status."""
    stored = dict(db.query("SELECT status, count(*) FROM outbox GROUP BY status"))
    return {status: int(stored.get(status, 0)) for status in STATUSES}
