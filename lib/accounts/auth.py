"""Sign-in defences streamlit-authenticator lacks: a sliding-window limiter of failed
sign-ins, the audit of sign-ins, the cookie-signing key and session revocation checks.

Pure over the database; the Streamlit glue is in lib/session.py.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from lib.accounts.users import User, normalise_username
from lib.core import audit, clock
from lib.core.db import PROJECT_ROOT, Database

log = logging.getLogger(__name__)

MAX_FAILURES = 5
WINDOW = dt.timedelta(minutes=15)
MIN_KEY_BYTES = 32
COOKIE_NAME = "rocsmo_session"
DEFAULT_COOKIE_DAYS = 1.0
KEY_FILE = PROJECT_ROOT / "data" / ".cookie_key"


class InsecureConfigurationError(RuntimeError):
    """The configured cookie key is too short to sign sessions safely."""


@dataclass(frozen=True)
class Lockout:
    retry_at: dt.datetime   # naive UTC
    reason: str             # "username" or "session"


def lockout_for(db: Database, username: str, session_id: str, now: dt.datetime | None = None) -> Lockout | None:
    """The lock in force for this username or browser session, or None.

    Locked while at least MAX_FAILURES failures fall within the last WINDOW; the lock
    lifts by itself when the oldest of them leaves the window. Refusals during a lock
    are not failures, so a lock cannot be extended by hammering.
    """
    now = now or clock.utcnow()
    since = now - WINDOW
    checks = (("username", "entity_id", normalise_username(username)), ("session", "session_id", session_id))
    worst: Lockout | None = None
    for reason, column, value in checks:
        if not value:
            continue
        times = [row[0] for row in db.query(
            f"SELECT happened_at FROM audit_log WHERE action = 'auth.failure' AND {column} = ?"
            " AND happened_at > ? ORDER BY happened_at DESC LIMIT ?",
            [value, since, MAX_FAILURES],
        )]
        if len(times) >= MAX_FAILURES:
            lock = Lockout(times[MAX_FAILURES - 1] + WINDOW, reason)
            if worst is None or lock.retry_at > worst.retry_at:
                worst = lock
    return worst


def record_attempt(db: Database, username: str, session_id: str, outcome: str) -> None:
    """Audit a sign-in attempt: outcome is 'success', 'failure' or 'lockout'."""
    username = normalise_username(username)

    def write(cur):
        audit.record(cur, username or "?", f"auth.{outcome}" if outcome != "success" else "auth.sign_in",
                     entity="user", entity_id=username, session_id=session_id)
        if outcome == "success":
            cur.execute("UPDATE users SET last_sign_in_at = ? WHERE username = ?", [clock.utcnow(), username])

    db.transaction(write)


def session_is_valid(user: User | None, session_version: int | None) -> bool:
    """Whether a browser session signed in at `session_version` may go on as `user`."""
    return bool(user and user.is_active and session_version == user.session_version)


def cookie_is_valid(user: User | None, token: Mapping | None, expiry_days: float) -> bool:
    """Whether a re-authentication cookie may sign `user` in again.

    The cookie carries its expiry; its issue time is the expiry less the lifetime. A
    cookie issued before the account's last revocation (sign-out, password change,
    deactivation, role change) is refused, so a copied cookie stops working.
    """
    if not user or not user.is_active or not token or token.get("username") != user.username:
        return False
    expires = float(token.get("exp_date", 0))
    now = clock.utcnow().replace(tzinfo=dt.UTC).timestamp()
    issued = expires - expiry_days * 86400
    valid_after = user.sessions_valid_after.replace(tzinfo=dt.UTC).timestamp()
    return expires > now and issued >= valid_after


def cookie_key(secrets_auth: Mapping | None = None, key_file: Path = KEY_FILE) -> str:
    """The cookie-signing key: secrets [auth] cookie_key, else $ROCSMO_COOKIE_KEY, else a
    random key generated once and kept in data/.cookie_key (owner-only).

    Raises InsecureConfigurationError when a configured key is under 32 bytes.
    """
    configured = (secrets_auth or {}).get("cookie_key") or os.environ.get("ROCSMO_COOKIE_KEY")
    if configured:
        if len(configured.encode("utf-8")) < MIN_KEY_BYTES:
            raise InsecureConfigurationError(
                f"La clé de signature des sessions doit compter au moins {MIN_KEY_BYTES} octets "
                f"(cookie key must be at least {MIN_KEY_BYTES} bytes)."
            )
        return configured
    if key_file.exists():
        key = key_file.read_text(encoding="ascii").strip()
        if len(key) >= MIN_KEY_BYTES:
            return key
    key_file.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(key)
    os.chmod(key_file, 0o600)
    log.warning("No cookie key configured: generated a random one in %s (owner-only).", key_file)
    return key


def cookie_days(secrets_auth: Mapping | None = None) -> float:
    """Cookie lifetime in days: secrets [auth] cookie_expiry_days, $ROCSMO_COOKIE_DAYS, or 1."""
    value = (secrets_auth or {}).get("cookie_expiry_days") or os.environ.get("ROCSMO_COOKIE_DAYS")
    return float(value) if value else DEFAULT_COOKIE_DAYS
