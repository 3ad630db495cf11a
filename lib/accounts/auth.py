"""Sign-in defences streamlit-authenticator lacks: the limiter of sign-in attempts, the
password check itself, the audit of sign-ins, the cookie-signing key and session
revocation checks.

The limiter has two windows. Per client (its address, or its browser session when the
address is unknown): CLIENT_MAX_FAILURES failed attempts within WINDOW refuse that client
until the oldest leaves the window. Per username: after USERNAME_MAX_FAILURES failures
within WINDOW, from anywhere, the account asks for a CAPTCHA with the password instead of
locking, so nobody can lock a board member out by typing wrong passwords under their name.

Each attempt is reserved (a 'pending' row counted by both windows) before bcrypt runs, in
one transaction under a process-wide lock (one process holds the DuckDB file), so parallel
attempts never check more passwords than the windows allow. An unknown or inactive
username is checked against a dummy hash: it costs the same bcrypt run as a wrong password.

Pure over the database; the Streamlit glue is in lib/ui/session.py.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import secrets
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from lib.accounts.passwords import check_password, dummy_hash
from lib.accounts.users import User, get_user, normalise_username
from lib.core import audit, clock
from lib.core.db import PROJECT_ROOT, Database

log = logging.getLogger(__name__)

CLIENT_MAX_FAILURES = 5
USERNAME_MAX_FAILURES = 5
WINDOW = dt.timedelta(minutes=15)
AUDIT_WINDOW = dt.timedelta(hours=1)   # refusals: one audit row per username and client per hour
RETENTION = dt.timedelta(days=30)      # signin_attempts kept: the owner's notice counts back to the last
                                       # sign-in within them
MIN_KEY_BYTES = 32
COOKIE_NAME = "rocsmo_session"
DEFAULT_COOKIE_DAYS = 0.5
MAX_COOKIE_DAYS = 7.0
CLOCK_SKEW_SECONDS = 300
KEY_FILE = PROJECT_ROOT / "data" / ".cookie_key"

_RESERVATIONS = threading.Lock()


class InsecureConfigurationError(RuntimeError):
    """The configured cookie key cannot sign sessions safely (too short, or public)."""


@dataclass(frozen=True)
class SignInResult:
    """What became of one sign-in attempt.

    status: 'success', 'failure' (wrong username or password), 'locked' (this client made
    too many failed attempts: retry_at says until when) or 'captcha' (the account is under
    attack: the attempt needs a solved CAPTCHA; no password was checked).
    """
    status: str
    user: User | None = None
    retry_at: dt.datetime | None = None     # naive UTC, for 'locked'
    failures_since_last_sign_in: int = 0    # for 'success': wrong passwords typed under this name meanwhile


def client_key(forwarded: str | None, peer: str | None, session_id: str) -> str:
    """The client the strict window counts: the last entry of the trusted proxy's header (the
    address the proxy itself saw) when one is configured and present, else the peer's address,
    else (a local connection, where Streamlit gives none) the browser session."""
    if isinstance(forwarded, str):
        entries = [entry.strip() for entry in forwarded.split(",") if entry.strip()]
        if entries:
            return entries[-1]
    if isinstance(peer, str) and peer:
        return peer
    return f"session:{session_id}"


def authenticate(db: Database, username: str, password: str, client: str, session_id: str = "",
                 captcha_solved: bool = False) -> SignInResult:
    """Check one sign-in attempt against the limiter and the password.

    bcrypt runs only after the attempt is reserved, and exactly once per reserved attempt
    (against a dummy hash when the account does not exist or is inactive).
    """
    username = normalise_username(username)
    client = client or f"session:{session_id}"
    decoy = dummy_hash()  # made (once per process) before anything depends on the username
    reserved = _reserve(db, username, client, session_id, captcha_solved)
    if not isinstance(reserved, int):
        return reserved
    user = get_user(db, username)
    usable = user is not None and user.is_active
    matches = check_password(password, user.password_hash if usable else decoy)
    succeeded = usable and matches
    previous = _settle(db, reserved, username, client, session_id, succeeded)
    if not succeeded:
        return SignInResult("failure")
    return SignInResult("success", user=user, failures_since_last_sign_in=previous)


def _reserve(db: Database, username: str, client: str, session_id: str, captcha_solved: bool) -> int | SignInResult:
    """The id of a new 'pending' attempt, or the refusal (audited) when a window is full."""
    def reserve(cur):
        now = clock.utcnow()
        cur.execute("DELETE FROM signin_attempts WHERE attempted_at < ?", [now - RETENTION])
        since = now - WINDOW
        by_client = [row[0] for row in cur.execute(
            "SELECT attempted_at FROM signin_attempts WHERE client = ? AND outcome <> 'success'"
            " AND attempted_at > ? ORDER BY attempted_at DESC LIMIT ?",
            [client, since, CLIENT_MAX_FAILURES]).fetchall()]
        if len(by_client) >= CLIENT_MAX_FAILURES:
            _audit_refusal(cur, "auth.lockout", username, client, session_id)
            return SignInResult("locked", retry_at=by_client[-1] + WINDOW)
        if not captcha_solved:
            by_username = cur.execute(
                "SELECT count(*) FROM signin_attempts WHERE username = ? AND outcome <> 'success'"
                " AND attempted_at > ?", [username, since]).fetchone()[0]
            if by_username >= USERNAME_MAX_FAILURES:
                _audit_refusal(cur, "auth.captcha", username, client, session_id)
                return SignInResult("captcha")
        return cur.execute(
            "INSERT INTO signin_attempts (attempted_at, username, client, session_id) VALUES (?, ?, ?, ?)"
            " RETURNING id", [now, username, client, session_id]).fetchone()[0]

    with _RESERVATIONS:
        return db.transaction(reserve)


def _settle(db: Database, attempt_id: int, username: str, client: str, session_id: str, succeeded: bool) -> int:
    """Record the outcome of a reserved attempt and audit it; on success, returns how many
    wrong passwords were typed under this username since its previous sign-in."""
    def settle(cur):
        now = clock.utcnow()
        cur.execute("UPDATE signin_attempts SET outcome = ? WHERE id = ?",
                    ["success" if succeeded else "failure", attempt_id])
        if not succeeded:
            _audit_refusal(cur, "auth.failure", username, client, session_id)
            return 0
        failures = cur.execute(
            "SELECT count(*) FROM signin_attempts WHERE username = ? AND outcome = 'failure' AND id > coalesce(("
            " SELECT max(id) FROM signin_attempts WHERE username = ? AND outcome = 'success' AND id <> ?), 0)",
            [username, username, attempt_id]).fetchone()[0]
        audit.record(cur, username, "auth.sign_in", entity="user", entity_id=username, session_id=session_id,
                     details={"client": client})
        cur.execute("UPDATE users SET last_sign_in_at = ? WHERE username = ?", [now, username])
        return failures

    with _RESERVATIONS:
        return db.transaction(settle)


def _audit_refusal(cur, action: str, username: str, client: str, session_id: str) -> None:
    audit.record_repeated(cur, username or "?", action, entity="user", entity_id=username, key=client,
                          window=AUDIT_WINDOW, session_id=session_id)


def session_is_valid(user: User | None, session_version: int | None) -> bool:
    """Whether a browser session signed in at `session_version` may go on as `user`."""
    return bool(user and user.is_active and session_version == user.session_version)


def cookie_is_valid(user: User | None, token: Mapping | None, expiry_days: float) -> bool:
    """Whether a re-authentication cookie may sign `user` in again.

    The cookie carries its expiry; its issue time is the expiry less the lifetime. A
    cookie issued before the account's last revocation (sign-out, password change,
    deactivation, role change) is refused, so a copied cookie stops working. A cookie
    whose expiry lies further ahead than one lifetime (plus a few minutes of clock skew)
    was not issued by this app as configured, and is refused too.
    """
    if not user or not user.is_active or not token or token.get("username") != user.username:
        return False
    try:
        expires = float(token.get("exp_date", 0))
    except (TypeError, ValueError):
        return False
    now = clock.utcnow().replace(tzinfo=dt.UTC).timestamp()
    issued = expires - expiry_days * 86400
    valid_after = user.sessions_valid_after.replace(tzinfo=dt.UTC).timestamp()
    return now < expires <= now + expiry_days * 86400 + CLOCK_SKEW_SECONDS and issued >= valid_after


def cookie_key(secrets_auth: Mapping | None = None, key_file: Path = KEY_FILE) -> str:
    """The cookie-signing key: secrets [auth] cookie_key, else $ROCSMO_COOKIE_KEY, else a
    random key generated once and kept in data/.cookie_key (owner-only).

    Raises InsecureConfigurationError when a configured key is under 32 bytes, or is
    written in one of the project's files (the example in .streamlit/secrets.toml.example,
    the README...): anyone with the code could sign a cookie with it.
    """
    configured = (secrets_auth or {}).get("cookie_key") or os.environ.get("ROCSMO_COOKIE_KEY")
    if configured:
        if len(configured.encode("utf-8")) < MIN_KEY_BYTES:
            raise _refused(
                f"La clé de signature des sessions doit compter au moins {MIN_KEY_BYTES} octets "
                f"(cookie key must be at least {MIN_KEY_BYTES} bytes)."
            )
        found_in = file_containing(configured)
        if found_in is not None:
            raise _refused(
                f"La clé de signature des sessions configurée est publique : elle figure dans {found_in}. "
                "Générez-en une (python -c \"import secrets; print(secrets.token_urlsafe(48))\") "
                f"et mettez-la dans .streamlit/secrets.toml. (The configured cookie key is public: it is "
                f"written in {found_in}. Generate a key of your own.)"
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


def _refused(message: str) -> InsecureConfigurationError:
    log.error("Cookie key refused: %s", message)  # said at start-up, in the server's log too
    return InsecureConfigurationError(message)


# The project's own text files that may hold a sample key. tests/ and bench/ are left out:
# the suite signs its cookies with throw-away keys written there.
_SCANNED_SUFFIXES = (".py", ".md", ".toml", ".example", ".txt", ".yaml", ".yml", ".cfg", ".json", ".sql", ".conf",
                     ".sh", ".ini", ".env", "")
_SKIPPED_PARTS = {".git", "node_modules", "data", "tests", "bench", "__pycache__", ".venv", "venv",
                  ".pytest_cache", ".ruff_cache"}
_SKIPPED_FILES = {".streamlit/secrets.toml"}  # where the real key belongs (never committed)


def file_containing(key: str, root: Path = PROJECT_ROOT) -> str | None:
    """The project file (relative path) whose text contains `key`, or None."""
    needle = key.encode("utf-8")
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if name not in _SKIPPED_PARTS)
        for name in sorted(files):
            path = Path(folder) / name
            relative = path.relative_to(root).as_posix()
            if relative in _SKIPPED_FILES or path.suffix not in _SCANNED_SUFFIXES:
                continue
            try:
                if path.stat().st_size < 2_000_000 and needle in path.read_bytes():
                    return relative
            except OSError:
                continue
    return None


def cookie_days(secrets_auth: Mapping | None = None) -> float:
    """Cookie lifetime in days: secrets [auth] cookie_expiry_days, $ROCSMO_COOKIE_DAYS, or half a
    day; never more than MAX_COOKIE_DAYS (a longer setting is cut, with a warning)."""
    value = (secrets_auth or {}).get("cookie_expiry_days") or os.environ.get("ROCSMO_COOKIE_DAYS")
    days = float(value) if value else DEFAULT_COOKIE_DAYS
    if days > MAX_COOKIE_DAYS:
        log.warning("Cookie lifetime of %s days cut to %s days.", days, MAX_COOKIE_DAYS)
        return MAX_COOKIE_DAYS
    return days


def cookie_flags(page_url: str | None) -> dict:
    """The attributes of the sign-in cookie: SameSite=Strict always, Secure when the page is
    served over HTTPS (the browser's address says so) or $ROCSMO_COOKIE_SECURE=1 asks for it."""
    over_https = isinstance(page_url, str) and page_url.lower().startswith("https://")
    secure = over_https or os.environ.get("ROCSMO_COOKIE_SECURE") == "1"
    return {"secure": secure, "same_site": "strict"}
