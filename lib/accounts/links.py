"""One-click links: a random token sent once in an email that opens one screen for one account.

The token (secrets.token_urlsafe) is never stored: only its SHA-256 is. A link has one purpose
(the screen it opens), is bound to its account, works once, expires (Settings.link_hours), and is
revoked by a password change, a reset, a role change or a deactivation (lib.accounts.users).
Using it is audited ("link.use"); a refusal is audited too ("link.refused") with the reason.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from lib.accounts import users
from lib.core import audit, clock
from lib.core.db import Database
from lib.core.errors import FormError
from lib.core.i18n import N_

PURPOSES = ("report",)  # 'report': the ambassador's own impact report
QUERY_PARAMETER = "lien"

REFUSALS_FR = {
    "unknown": N_("Ce lien n’est pas valide. Vérifiez qu’il a été copié en entier, ou connectez-vous."),
    "used": N_("Ce lien a déjà servi : chaque lien ne s’ouvre qu’une fois. Connectez-vous, ou attendez le "
               "prochain rappel."),
    "expired": N_("Ce lien a expiré. Connectez-vous, ou attendez le prochain rappel."),
    "revoked": N_("Ce lien a été annulé (mot de passe changé ou compte modifié). Connectez-vous."),
    "inactive": N_("Le compte de ce lien est désactivé. Écrivez à l’équipe de la campagne."),
}


class LinkRefused(FormError):
    """A one-click link that cannot be honoured; `reason` is a key of REFUSALS_FR."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(REFUSALS_FR[reason])


@dataclass(frozen=True)
class LinkGrant:
    """What a used link grants: one screen (`purpose`) for one account, as long as the account's
    session version stays `session_version` (a password change ends it)."""
    username: str
    purpose: str
    session_version: int


def token_hash(token: str) -> str:
    """The stored form of a token: its SHA-256, hexadecimal."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_link(cur, username: str, purpose: str, *, hours: int, outbox_id: int | None = None,
               now: dt.datetime | None = None) -> str:
    """A new token for `username` and `purpose`, valid `hours`, stored hashed inside the caller's
    transaction (`cur`); returns the token, which exists nowhere else. Raises ValueError for an
    unknown purpose."""
    if purpose not in PURPOSES:
        raise ValueError(f"unknown link purpose: {purpose!r}")
    token = secrets.token_urlsafe(32)
    now = now or clock.utcnow()
    cur.execute(
        "INSERT INTO one_click_links (token_hash, username, purpose, outbox_id, created_at, expires_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [token_hash(token), users.normalise_username(username), purpose, outbox_id, now,
         now + dt.timedelta(hours=hours)],
    )
    return token


def revoke_token(cur, token: str) -> None:
    """Revoke one token (a link minted for an email that could not be sent), in `cur`'s transaction."""
    cur.execute("UPDATE one_click_links SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL",
                [clock.utcnow(), token_hash(token)])


def redeem_link(db: Database, token: str, purpose: str, *, session_id: str = "",
                now: dt.datetime | None = None) -> LinkGrant:
    """Use a link once: marks it used and audits "link.use"; returns what it grants.

    Raises LinkRefused (French message; audited as "link.refused") when the token is unknown,
    for another purpose, already used, expired, revoked, or its account is inactive.
    """
    now = now or clock.utcnow()
    digest = token_hash(token or "")

    def use(cur):
        row = cur.execute("SELECT username, purpose, expires_at, used_at, revoked_at FROM one_click_links"
                          " WHERE token_hash = ?", [digest]).fetchone()
        reason = _refusal(row, purpose, now)
        account = users.get_user(db, row[0]) if row is not None and reason is None else None
        if reason is None and (account is None or not account.is_active):
            reason = "inactive"
        if reason is not None:
            return reason, None
        changed = cur.execute("UPDATE one_click_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL"
                              " RETURNING username", [now, digest]).fetchall()
        if not changed:
            return "used", None
        audit.record(cur, account.username, "link.use", entity="user", entity_id=account.username,
                     details={"purpose": purpose, "link": digest[:12]}, session_id=session_id)
        return None, LinkGrant(account.username, purpose, account.session_version)

    reason, grant = db.transaction(use)
    if reason is not None:
        db.transaction(lambda cur: audit.record(cur, "?", "link.refused", entity="link", entity_id=digest[:12],
                                                details={"reason": reason, "purpose": purpose},
                                                session_id=session_id))
        raise LinkRefused(reason)
    return grant


def _refusal(row, purpose: str, now: dt.datetime) -> str | None:
    if row is None or row[1] != purpose:
        return "unknown"
    _, _, expires_at, used_at, revoked_at = row
    if revoked_at is not None:
        return "revoked"
    if used_at is not None:
        return "used"
    if expires_at <= now:
        return "expired"
    return None


def grant_is_valid(db: Database, grant: LinkGrant | None) -> bool:
    """Whether a link's grant still holds: the account is active, unchanged since (same
    session version: no password change, role change or sign-out everywhere)."""
    if grant is None:
        return False
    account = users.get_user(db, grant.username)
    return bool(account and account.is_active and account.session_version == grant.session_version)
