"""User accounts: creation, roles, activation, passwords and session versions.

Every change is one transaction with an audit row naming who made it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from lib.accounts.passwords import check_password, generate_password, hash_password, validate_password
from lib.core import audit, clock, roles, validators
from lib.core.db import Database
from lib.core.errors import FormError
from lib.core.i18n import N_, format_datetime, translate
from lib.core.messages import Message

USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,39}$")
ORGANISATION_MAX_CHARS = 200  # as an ambassador's organisation (lib.campaign.agreement_form.MAX_ORGANISATION)


class UserError(FormError):
    """A request about users that cannot be honoured; `messages` are in French."""


@dataclass(frozen=True)
class User:
    username: str
    display_name: str
    email: str
    role: str
    organisation: str
    is_active: bool
    language: str
    session_version: int
    sessions_valid_after: object
    password_hash: str


_USER_COLUMNS = ("username, display_name, email, role, organisation, is_active, language,"
                 " session_version, sessions_valid_after, password_hash")


def normalise_username(username: str) -> str:
    """Usernames are compared lower-case and without surrounding spaces."""
    return (username or "").strip().lower()


def count_users(db: Database) -> int:
    """How many accounts exist."""
    return db.scalar("SELECT count(*) FROM users")


def count_active_users(db: Database) -> int:
    """How many active accounts exist (0 means the first-run form is shown). The last active
    administrator can be neither removed nor deactivated, so once the app is in use this is
    never 0; a demo database holds only deactivated accounts."""
    return db.scalar("SELECT count(*) FROM users WHERE is_active")


def get_user(db: Database, username: str) -> User | None:
    """The account `username` (any case), or None."""
    row = db.query_one(f"SELECT {_USER_COLUMNS} FROM users WHERE username = ?", [normalise_username(username)])
    return None if row is None else User(*row)


def list_users(db: Database, lang: str = "fr") -> pd.DataFrame:
    """All accounts for the admin page, without password hashes: the role as a label in
    `lang`, times in Québec local time as text ("23 novembre 2026, 14 h 05")."""
    frame = db.query_df(
        "SELECT username, display_name, email, role, organisation, is_active, created_at, last_sign_in_at"
        " FROM users ORDER BY role, username"
    )
    frame["role"] = frame["role"].map(lambda role: translate(roles.ROLE_LABELS_FR[role], lang))
    for column in ("created_at", "last_sign_in_at"):
        frame[column] = [format_datetime(moment, lang) if not pd.isna(moment) else ""
                         for moment in clock.to_local_series(frame[column])]
    return frame


def validate_new_user(username: str, role: str, display_name: str, email: str, password: str) -> list[str]:
    """French messages for each invalid field of a new account; [] when all are valid."""
    errors = []
    if not USERNAME_PATTERN.match(normalise_username(username)):
        errors.append(N_("Le nom d’utilisateur doit compter de 2 à 40 caractères : lettres minuscules, "
                         "chiffres, point, tiret ou souligné."))
    if role not in roles.ROLES:
        errors.append(N_("Rôle inconnu."))
    if not display_name.strip():
        errors.append(N_("Le nom affiché est obligatoire."))
    elif len(display_name) > 120:
        errors.append(N_("Le nom affiché ne doit pas dépasser 120 caractères."))
    elif validators.has_control_characters(display_name):
        errors.append(N_("Le nom affiché contient des caractères de contrôle non permis."))
    if email and not validators.is_email(email.strip()):
        errors.append(N_("L’adresse courriel n’est pas valide."))
    errors += validate_password(password, normalise_username(username))
    return errors


def create_user(db: Database, *, username: str, role: str, display_name: str, email: str, password: str,
                organisation: str = "", actor: str, cur=None) -> str:
    """Create an active account; returns the normalised username.

    Raises UserError (French messages) when a field is invalid or the username is taken.
    With `cur`, runs inside the caller's transaction (used by the ambassador sign-up).
    """
    username = normalise_username(username)
    errors = validate_new_user(username, role, display_name, email, password)
    if len(organisation or "") > ORGANISATION_MAX_CHARS:
        errors.append(Message("L’organisme ne doit pas dépasser {limit} caractères.", limit=ORGANISATION_MAX_CHARS))
    elif validators.has_control_characters(organisation or ""):
        errors.append(N_("L’organisme contient des caractères de contrôle non permis."))
    if errors:
        raise UserError(errors)
    password_hash = hash_password(password)

    def insert(cur):
        if cur.execute("SELECT 1 FROM users WHERE username = ?", [username]).fetchone():
            raise UserError("Ce nom d’utilisateur est déjà pris.")
        return insert_account(cur, username=username, role=role, display_name=display_name, email=email,
                              password_hash=password_hash, organisation=organisation, actor=actor)

    return insert(cur) if cur is not None else db.transaction(insert)


def insert_account(cur, *, username: str, role: str, display_name: str, email: str, password_hash: str,
                   organisation: str = "", actor: str) -> str:
    """The one INSERT of an account (already validated, password already hashed), with its audit
    row, inside the caller's transaction; returns `username`. Used by create_user and the sign-up."""
    now = clock.utcnow()
    cur.execute(
        "INSERT INTO users (username, display_name, email, role, organisation, password_hash,"
        " sessions_valid_after, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [username, display_name.strip(), email.strip(), role, organisation.strip(), password_hash, now, now, actor],
    )
    audit.record(cur, actor, "user.create", entity="user", entity_id=username, details={"role": role})
    return username


def _change(db: Database, username: str, actor: str, action: str, assignments: str, params: list,
            *, revoke_sessions: bool, details: dict | None = None, keeps_admin: bool = True) -> None:
    """One UPDATE of an account with its audit row, in one transaction. With
    keeps_admin=False the change removes an admin, refused if none would remain."""
    username = normalise_username(username)

    def update(cur):
        if cur.execute("SELECT 1 FROM users WHERE username = ?", [username]).fetchone() is None:
            raise UserError("Utilisateur introuvable.")
        if not keeps_admin:
            _guard_last_admin(cur, username)
        now = clock.utcnow()
        revoke = ", session_version = session_version + 1, sessions_valid_after = ?" if revoke_sessions else ""
        cur.execute(
            f"UPDATE users SET {assignments}, updated_at = ?, updated_by = ?{revoke} WHERE username = ?",
            [*params, now, actor, *([now] if revoke_sessions else []), username],
        )
        if revoke_sessions:
            # A password change, reset, role change or deactivation also ends the account's one-click
            # links (lib.accounts.links), in the same transaction.
            cur.execute("UPDATE one_click_links SET revoked_at = ? WHERE username = ? AND used_at IS NULL"
                        " AND revoked_at IS NULL", [now, username])
        audit.record(cur, actor, action, entity="user", entity_id=username, details=details or {})

    db.transaction(update)


def create_account(db: Database, *, admin: str, **fields) -> str:
    """An administrator creates an account (see create_user). Raises PermissionError, UserError."""
    roles.require(get_user(db, admin), roles.ADMINS)
    return create_user(db, actor=admin, **fields)


def set_active(db: Database, username: str, active: bool, *, actor: str) -> None:
    """Deactivate (revoking its sessions) or reactivate an account. Admins only."""
    roles.require(get_user(db, actor), roles.ADMINS)
    if not active and normalise_username(username) == normalise_username(actor):
        raise UserError("Vous ne pouvez pas désactiver votre propre compte.")
    _change(db, username, actor, "user.activate" if active else "user.deactivate",
            "is_active = ?", [active], revoke_sessions=not active, keeps_admin=active)


def set_role(db: Database, username: str, role: str, *, actor: str) -> None:
    """Change an account's role; its open sessions stop working. Admins only."""
    roles.require(get_user(db, actor), roles.ADMINS)
    if role not in roles.ROLES:
        raise UserError("Rôle inconnu.")
    _change(db, username, actor, "user.role", "role = ?", [role], revoke_sessions=True, details={"role": role},
            keeps_admin=role == "admin")


def _guard_last_admin(cur, username: str) -> None:
    # Inside the change's transaction, so two admins demoting each other cannot both pass.
    is_admin = cur.execute("SELECT role = 'admin' FROM users WHERE username = ?", [username]).fetchone()[0]
    others = cur.execute("SELECT count(*) FROM users WHERE role = 'admin' AND is_active AND username <> ?",
                         [username]).fetchone()[0]
    if is_admin and others == 0:
        raise UserError("Il doit rester au moins un administrateur actif.")


def reset_password(db: Database, username: str, *, actor: str) -> str:
    """Give the account a generated password (returned once) and revoke its sessions. Admins only."""
    roles.require(get_user(db, actor), roles.ADMINS)
    password = generate_password()
    _change(db, username, actor, "user.password_reset", "password_hash = ?", [hash_password(password)],
            revoke_sessions=True)
    return password


def change_own_password(db: Database, username: str, current: str, new: str, confirm: str) -> None:
    """Change one's own password; the current one is required. Raises UserError."""
    user = get_user(db, username)
    if user is None or not check_password(current, user.password_hash):
        raise UserError("Le mot de passe actuel est incorrect.")
    errors = validate_password(new, user.username)
    if new != confirm:
        errors.append(N_("Les deux nouveaux mots de passe ne sont pas identiques."))
    if errors:
        raise UserError(errors)
    _change(db, user.username, user.username, "user.password_change", "password_hash = ?",
            [hash_password(new)], revoke_sessions=True)


def update_profile(db: Database, username: str, display_name: str, language: str) -> None:
    """Change one's own display name and interface language."""
    display_name = display_name.strip()
    if not display_name or len(display_name) > 120:
        raise UserError("Le nom affiché est obligatoire (120 caractères au plus).")
    if validators.has_control_characters(display_name):
        raise UserError("Le nom affiché contient des caractères de contrôle non permis.")
    if language not in ("fr", "en"):
        raise UserError("Langue inconnue.")
    _change(db, username, normalise_username(username), "user.profile", "display_name = ?, language = ?",
            [display_name, language], revoke_sessions=False)


def revoke_sessions(db: Database, username: str, *, actor: str, action: str = "auth.sign_out",
                    session_id: str = "") -> None:
    """Bump the session version: every open session and cookie of the account stops working."""
    username = normalise_username(username)

    def bump(cur):
        now = clock.utcnow()
        cur.execute(
            "UPDATE users SET session_version = session_version + 1, sessions_valid_after = ? WHERE username = ?",
            [now, username],
        )
        audit.record(cur, actor, action, entity="user", entity_id=username, session_id=session_id)

    db.transaction(bump)


def credentials_for_authenticator(db: Database) -> dict:
    """The active accounts in streamlit-authenticator's credentials shape (hashes only)."""
    rows = db.query("SELECT username, display_name, email, role, password_hash FROM users WHERE is_active")
    return {"usernames": {
        username: {"name": name, "email": email, "roles": [role], "password": password_hash}
        for username, name, email, role, password_hash in rows
    }}
