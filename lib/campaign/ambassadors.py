"""Ambassadors of a campaign: public sign-up, validation, approval and agreements.

An organisation signs up without an account; the sign-up creates its account with the
role "ambassador" (set here, never taken from the form) and an agreement whose status is
"pending" until staff approve or decline it. What organisations type is stored exactly as
typed (HTML, quotes and emoji included); pages show it as text, never as HTML.
"""
from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field

import pandas as pd
from PIL import Image, UnidentifiedImageError

from lib.accounts import passwords, users
from lib.accounts.passwords import validate_password
from lib.core import audit, clock, roles, validators
from lib.core.db import Database
from lib.core.errors import FormError
from lib.core.i18n import translate
from lib.core.messages import Message

# The channels an ambassador declares its own audience on (and later reports reach for).
CHANNELS: tuple[tuple[str, str], ...] = (
    ("facebook", "Facebook"),
    ("instagram", "Instagram"),
    ("linkedin", "LinkedIn"),
    ("x", "X (Twitter)"),
    ("newsletter", "Abonnés à l’infolettre"),
    ("website", "Visiteurs du site Web (par année)"),
)
CHANNEL_LABELS = dict(CHANNELS)
STATUSES = ("pending", "approved", "declined")
STATUS_LABELS_FR = {"pending": "En attente", "approved": "Approuvé", "declined": "Refusé"}

MAX_ORGANISATION = 200
MAX_NAME = 120
MAX_EMAIL = 254
MAX_PHONE = 30
MAX_WEBSITE = 300
MAX_WORDS = 150
TARGET_WORDS = 100
MAX_TEXT_CHARS = 2000
MAX_NOTE = 2000
MAX_AUDIENCE = 10_000_000_000
MAX_LOGO_BYTES = 2 * 1024 * 1024
MAX_LOGO_PIXELS = 6000
LOGO_FORMATS = {"PNG": "png", "JPEG": "jpeg"}

# Abuse resistance of the public form (counted from the audit log).
RATE_WINDOW = dt.timedelta(hours=1)
MAX_ATTEMPTS_PER_SESSION = 10   # submissions, accepted or refused, per browser session and hour
MAX_SIGNUPS_PER_SESSION = 3     # accepted sign-ups per browser session and hour
MAX_SIGNUPS_OVERALL = 40        # accepted sign-ups per hour, all browsers together
MAX_ATTEMPTS_OVERALL = 400      # submissions per hour, all browsers together (a bot changing sessions)

PHONE_PATTERN = re.compile(r"^[0-9+()\-.\s]*(?:(?:poste|p\.|ext\.?|x)\s*\d{1,6})?$", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class AmbassadorError(FormError):
    """A sign-up or agreement request that cannot be honoured; `messages` are in French."""


@dataclass(frozen=True)
class Agreement:
    id: int
    campaign_id: int
    username: str
    organisation: str
    contact_name: str
    email: str
    phone: str
    website: str
    why_text: str
    logo: bytes | None
    logo_type: str
    signer_name: str
    signer_title: str
    accepted: bool
    signed_on: dt.date
    status: str
    status_note: str
    decided_at: dt.datetime | None
    decided_by: str | None
    created_at: dt.datetime
    audiences: dict = field(default_factory=dict)
    commitments: tuple = ()
    moments: tuple = ()


_AGREEMENT_COLUMNS = ("id, campaign_id, username, organisation, contact_name, email, phone, website, why_text,"
                      " logo, logo_type, signer_name, signer_title, accepted, signed_on, status, status_note,"
                      " decided_at, decided_by, created_at")


# -- pure helpers ----------------------------------------------------------------
def normalise_key(text: str) -> str:
    """`text` folded for duplicate checks: case, accents, punctuation and spacing ignored."""
    folded = unicodedata.normalize("NFKD", (text or "").casefold())
    folded = "".join(char for char in folded if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^\w]+", " ", folded).split())


def count_words(text: str) -> int:
    """Words of `text` as a reader counts them (separated by spaces)."""
    return len((text or "").split())


def check_logo(data: bytes | None) -> tuple[list[str], str]:
    """(French errors, 'png' or 'jpeg') for an uploaded logo; the content is checked,
    not the file name: it must decode as a PNG or JPEG image of at most 2 MB."""
    if not data:
        return ["Logo : le logo est obligatoire (PNG ou JPEG, 2 Mo au plus)."], ""
    if len(data) > MAX_LOGO_BYTES:
        return [Message("Logo : le fichier pèse {size} Mo; la limite est de 2 Mo.",
                        size=f"{len(data) / 1024 / 1024:.1f}")], ""
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = LOGO_FORMATS.get(image.format or "")
            width, height = image.size
            image.verify()  # reads the whole file: a truncated or forged image fails here
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return ["Logo : le fichier n’est pas une image PNG ou JPEG lisible."], ""
    if kind is None:
        return ["Logo : seuls les formats PNG et JPEG sont acceptés."], ""
    if width > MAX_LOGO_PIXELS or height > MAX_LOGO_PIXELS:
        return [Message("Logo : l’image dépasse {pixels} pixels de côté.", pixels=MAX_LOGO_PIXELS)], ""
    return [], kind


def _text_errors(value, label: str, maximum: int, required: bool = True, multiline: bool = False) -> list[str]:
    text = value if isinstance(value, str) else ""
    if required and not text.strip():
        return [Message("{label} : ce champ est obligatoire.", label=label)]
    if len(text) > maximum:
        return [Message("{label} : {maximum} caractères au plus ({typed} saisis).", label=label, maximum=maximum,
                        typed=len(text))]
    control = _CONTROL if multiline else re.compile(r"[\x00-\x1f\x7f]")
    if control.search(text):
        return [Message("{label} : contient des caractères de contrôle non permis.", label=label)]
    return []


def validate_agreement(data: dict, commitment_types: pd.DataFrame, moment_keys: list[str]) -> list[str]:
    """French messages, field by field, for the agreement part of a sign-up; [] when valid.

    `data` holds organisation, contact_name, email, phone, website, audiences
    ({channel key: int or None}), why_text, logo (bytes or None; None is accepted when
    `data["keep_logo"]`), commitments and moments (lists of keys), signer_name,
    signer_title and accepted. `commitment_types` is the campaign's checklist.
    """
    errors = []
    errors += _text_errors(data.get("organisation"), "Organisation", MAX_ORGANISATION)
    errors += _text_errors(data.get("contact_name"), "Personne-ressource", MAX_NAME)
    email = (data.get("email") or "").strip()
    if not email:
        errors.append("Courriel : ce champ est obligatoire.")
    elif len(email) > MAX_EMAIL or not validators.is_email(email):
        errors.append("Courriel : l’adresse n’est pas valide (exemple : nom@organisme.org).")
    phone = (data.get("phone") or "").strip()
    if not phone:
        errors.append("Téléphone : ce champ est obligatoire.")
    elif len(phone) > MAX_PHONE or not PHONE_PATTERN.match(phone) or len(re.sub(r"\D", "", phone)) < 10:
        errors.append("Téléphone : le numéro n’est pas valide (exemple : 819 555-1234, poste 12).")
    website = (data.get("website") or "").strip()
    if website and (len(website) > MAX_WEBSITE or not validators.is_web_address(validators.with_scheme(website))):
        errors.append("Site Web : l’adresse n’est pas valide (exemple : https://organisme.org).")
    for key, value in (data.get("audiences") or {}).items():
        if key not in CHANNEL_LABELS:
            errors.append("Auditoire : canal inconnu.")
        elif value is not None and (isinstance(value, bool) or not isinstance(value, int)
                                    or not 0 <= value <= MAX_AUDIENCE):
            errors.append(Message("Auditoire {channel} : un nombre entier de 0 à 10 milliards.",
                                  channel=CHANNEL_LABELS[key]))
    text = data.get("why_text") or ""
    words = count_words(text)
    if not text.strip():
        errors.append("Pourquoi nous joignons le mouvement : ce texte est obligatoire (environ 100 mots).")
    elif words > MAX_WORDS:
        errors.append(Message("Pourquoi nous joignons le mouvement : {words} mots; la limite est de {limit} mots.",
                              words=words, limit=MAX_WORDS))
    else:
        errors += _text_errors(text, "Pourquoi nous joignons le mouvement", MAX_TEXT_CHARS, multiline=True)
    if not (data.get("keep_logo") and data.get("logo") is None):
        errors += check_logo(data.get("logo"))[0]
    known = set(commitment_types["key"])
    chosen = list(data.get("commitments") or [])
    moments = list(data.get("moments") or [])
    if not chosen:
        errors.append("Engagements : cochez au moins un engagement.")
    if any(key not in known for key in chosen) or any(key not in moment_keys for key in moments):
        errors.append("Engagements : choix inconnu.")
    with_moments = set(commitment_types.loc[commitment_types["with_moments"].astype(bool), "key"])
    if with_moments & set(chosen) and not moments:
        errors.append("Moments forts : choisissez au moins un moment fort, ou décochez l’engagement de "
                      "diffuser de l’information lors des moments forts.")
    if moments and not with_moments & set(chosen):
        errors.append("Moments forts : cochez l’engagement de diffuser de l’information lors des moments forts "
                      "pour les moments choisis.")
    errors += _text_errors(data.get("signer_name"), "Signature — nom", MAX_NAME)
    errors += _text_errors(data.get("signer_title"), "Signature — titre", MAX_NAME)
    if data.get("accepted") is not True:
        errors.append("Signature : cochez la case pour accepter l’entente.")
    return errors


def validate_signup(data: dict, commitment_types: pd.DataFrame, moment_keys: list[str]) -> list[str]:
    """French messages, field by field, for a whole public sign-up; [] when valid.

    Adds to validate_agreement the account: username, password and password_confirm.
    """
    errors = validate_agreement({**data, "keep_logo": False}, commitment_types, moment_keys)
    username = users.normalise_username(data.get("username") or "")
    if not users.USERNAME_PATTERN.match(username):
        errors.append("Nom d’utilisateur : de 3 à 40 caractères, lettres minuscules, chiffres, point, "
                      "tiret ou souligné.")
    password = data.get("password") or ""
    errors += validate_password(password, username)  # its messages name the password already
    if password != (data.get("password_confirm") or ""):
        errors.append("Mot de passe : les deux mots de passe ne sont pas identiques.")
    return errors


# -- reading -----------------------------------------------------------------------
def get_agreement(db: Database, ambassador_id: int) -> Agreement | None:
    """The agreement `ambassador_id` with its audiences and choices, or None."""
    row = db.query_one(f"SELECT {_AGREEMENT_COLUMNS} FROM ambassadors WHERE id = ?", [ambassador_id])
    if row is None:
        return None
    audiences = dict(db.query("SELECT channel_key, audience FROM ambassador_audiences WHERE ambassador_id = ?",
                              [ambassador_id]))
    commitments = tuple(r[0] for r in db.query(
        "SELECT a.commitment_key FROM ambassador_commitments a JOIN ambassadors s ON s.id = a.ambassador_id"
        " LEFT JOIN commitment_types t ON t.campaign_id = s.campaign_id AND t.key = a.commitment_key"
        " WHERE a.ambassador_id = ? ORDER BY t.position", [ambassador_id]))
    moments = tuple(r[0] for r in db.query(
        "SELECT a.moment_key FROM ambassador_moments a JOIN ambassadors s ON s.id = a.ambassador_id"
        " LEFT JOIN campaign_moments m ON m.campaign_id = s.campaign_id AND m.key = a.moment_key"
        " WHERE a.ambassador_id = ? ORDER BY m.position", [ambassador_id]))
    return Agreement(*row, audiences=audiences, commitments=commitments, moments=moments)


def agreement_for_user(db: Database, username: str, campaign_id: int | None = None) -> Agreement | None:
    """The agreement of account `username` for `campaign_id` (else its latest), or None."""
    ambassador_id = db.scalar(
        "SELECT id FROM ambassadors WHERE username = ? ORDER BY (campaign_id = ?) DESC, created_at DESC LIMIT 1",
        [users.normalise_username(username), campaign_id or -1],
    )
    return None if ambassador_id is None else get_agreement(db, ambassador_id)


def list_ambassadors(db: Database, campaign_id: int, lang: str = "fr") -> pd.DataFrame:
    """The campaign's ambassadors (no logos): identity, contact, status, counts, report
    status, and labels of both statuses in `lang` (status_label, report_label)."""
    frame = db.query_df(
        """
        SELECT a.id, a.organisation, a.contact_name, a.email, a.phone, a.website, a.username, a.status,
               a.status_note, a.created_at, a.decided_at, a.decided_by,
               (SELECT count(*) FROM ambassador_commitments c WHERE c.ambassador_id = a.id) AS commitments,
               (SELECT count(*) FROM ambassador_moments m WHERE m.ambassador_id = a.id) AS moments,
               r.status AS report_status, r.submitted_at, coalesce(r.submitted_late, FALSE) AS submitted_late
        FROM ambassadors a LEFT JOIN impact_reports r ON r.ambassador_id = a.id
        WHERE a.campaign_id = ?
        ORDER BY CASE a.status WHEN 'pending' THEN 0 WHEN 'approved' THEN 1 ELSE 2 END, lower(a.organisation)
        """,
        [campaign_id],
    )
    frame["status_label"] = [translate(STATUS_LABELS_FR[status], lang) for status in frame["status"]]
    report_labels = {None: "Non commencé", "draft": "Brouillon", "submitted": "Soumis", "reopened": "Rouvert"}
    frame["report_label"] = [("Soumis en retard" if late and status == "submitted" else report_labels.get(status))
                             if approved == "approved" else "—"
                             for status, late, approved in zip(frame["report_status"].astype(object).where(
                                 frame["report_status"].notna(), None), frame["submitted_late"], frame["status"])]
    frame["report_label"] = [translate(label, lang) for label in frame["report_label"]]
    return frame


def duplicate_errors(db: Database, campaign_id: int, organisation: str, email: str,
                     exclude_id: int | None = None, cur=None) -> list[str]:
    """Messages when the organisation or the email already signed up for the campaign."""
    if cur is None:
        with db.cursor() as own:  # closed at once: a cursor left open holds its snapshot
            return duplicate_errors(db, campaign_id, organisation, email, exclude_id, cur=own)
    run = cur.execute
    errors = []
    if run("SELECT 1 FROM ambassadors WHERE campaign_id = ? AND organisation_key = ? AND id <> ?",
           [campaign_id, normalise_key(organisation), exclude_id or -1]).fetchone():
        errors.append("Organisation : cette organisation est déjà inscrite comme ambassadrice de cette campagne. "
                      "Connectez-vous avec son compte, ou écrivez à la personne-ressource de la campagne.")
    if run("SELECT 1 FROM ambassadors WHERE campaign_id = ? AND email_key = ? AND id <> ?",
           [campaign_id, (email or "").strip().casefold(), exclude_id or -1]).fetchone():
        errors.append("Courriel : cette adresse a déjà servi à une inscription pour cette campagne.")
    return errors


def rate_limit_message(db: Database, session_id: str, now: dt.datetime | None = None) -> str | None:
    """A French message when this browser session (or everyone) sent too many sign-ups
    in the last hour, else None. Counts the audit log; writes nothing."""
    since = (now or clock.utcnow()) - RATE_WINDOW
    attempts, signups = db.query_one(
        "SELECT count(*), count(*) FILTER (WHERE action = 'ambassador.signup') FROM audit_log"
        " WHERE action IN ('ambassador.signup', 'ambassador.signup_refused') AND session_id = ?"
        " AND happened_at >= ?", [session_id, since])
    overall, overall_attempts = db.query_one(
        "SELECT count(*) FILTER (WHERE action = 'ambassador.signup'), count(*) FROM audit_log"
        " WHERE action IN ('ambassador.signup', 'ambassador.signup_refused') AND happened_at >= ?", [since])
    if attempts >= MAX_ATTEMPTS_PER_SESSION or signups >= MAX_SIGNUPS_PER_SESSION:
        return "Trop d’envois depuis ce navigateur. Réessayez dans une heure."
    if overall >= MAX_SIGNUPS_OVERALL or overall_attempts >= MAX_ATTEMPTS_OVERALL:
        return "Le formulaire reçoit trop d’inscriptions en ce moment. Réessayez dans une heure."
    return None


# -- writing -------------------------------------------------------------------------
def sign_up(db: Database, campaign_id: int, data: dict, *, session_id: str = "") -> int:
    """Register an organisation as ambassador of `campaign_id`: its account (role
    "ambassador", set here) and its pending agreement, in one transaction; returns its id.

    The password is hashed before the transaction (bcrypt takes a while), which holds
    only the duplicate checks and the inserts.
    Side effects: rows in users, ambassadors and their choices; an audit row
    "ambassador.signup" (or "ambassador.signup_refused" when refused, for the rate limit).
    Raises AmbassadorError with every French message (validation, duplicates, rate limit).
    """
    limited = rate_limit_message(db, session_id)
    if limited:
        raise AmbassadorError(limited)
    from lib.campaign import campaigns  # late import: campaigns has no need of this module

    commitment_types = campaigns.list_commitment_types(db, campaign_id)
    moment_keys = list(campaigns.list_moments(db, campaign_id)["key"])
    errors = validate_signup(data, commitment_types, moment_keys)
    if not errors:
        errors = duplicate_errors(db, campaign_id, data["organisation"], data["email"])
    if errors:
        _record_refusal(db, session_id, len(errors))
        raise AmbassadorError(errors)
    _, logo_type = check_logo(data["logo"])
    username = users.normalise_username(data["username"])
    errors = users.validate_new_user(username, "ambassador", data["contact_name"], data["email"], data["password"])
    if errors:
        _record_refusal(db, session_id, len(errors))
        raise AmbassadorError(errors)
    # bcrypt is slow on purpose: hash before the transaction so that it stays short.
    password_hash = passwords.hash_password(data["password"])

    def insert(cur):
        errors = duplicate_errors(db, campaign_id, data["organisation"], data["email"], cur=cur)
        if cur.execute("SELECT 1 FROM users WHERE username = ?", [username]).fetchone():
            errors.append("Nom d’utilisateur : ce nom d’utilisateur est déjà pris.")
        if errors:
            raise AmbassadorError(errors)
        now = clock.utcnow()
        # The account row as users.create_user writes it, with the hash made above.
        cur.execute("INSERT INTO users (username, display_name, email, role, organisation, password_hash,"
                    " sessions_valid_after, created_at, created_by) VALUES (?, ?, ?, 'ambassador', ?, ?, ?, ?, ?)",
                    [username, data["contact_name"].strip(), data["email"].strip(), data["organisation"].strip(),
                     password_hash, now, now, username])
        audit.record(cur, username, "user.create", entity="user", entity_id=username, details={"role": "ambassador"})
        ambassador_id = cur.execute(
            """
            INSERT INTO ambassadors (campaign_id, username, organisation, organisation_key, contact_name, email,
                email_key, phone, website, why_text, logo, logo_type, signer_name, signer_title, accepted,
                signed_on, created_at, created_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
            """,
            [campaign_id, username, data["organisation"].strip(), normalise_key(data["organisation"]),
             data["contact_name"].strip(), data["email"].strip(), data["email"].strip().casefold(),
             data["phone"].strip(), validators.with_scheme(data.get("website")), data["why_text"].strip(),
             data["logo"], logo_type, data["signer_name"].strip(), data["signer_title"].strip(), True,
             clock.today(), now, username],
        ).fetchone()[0]
        _write_choices(cur, ambassador_id, data)
        audit.record(cur, username, "ambassador.signup", entity="ambassador", entity_id=ambassador_id,
                     details={"campaign_id": campaign_id}, session_id=session_id)
        return ambassador_id

    try:
        return db.transaction(insert)
    except AmbassadorError as error:
        _record_refusal(db, session_id, len(error.messages))
        raise
    except Exception as error:  # a UNIQUE guard tripped by a simultaneous sign-up
        if "constraint" in str(error).lower():
            _record_refusal(db, session_id, 1)
            raise AmbassadorError("Cette organisation, ce courriel ou ce nom d’utilisateur vient d’être inscrit. "
                                  "Vérifiez vos informations.") from None
        raise


def join_form_agreement(db: Database, username: str, campaign_id: int) -> Agreement | None:
    """The agreement that pre-fills a returning ambassador's form for `campaign_id`: its
    latest agreement when the account has none for that campaign, else None."""
    found = agreement_for_user(db, username, campaign_id)  # this campaign's first, else the latest
    return found if found is not None and found.campaign_id != campaign_id else None


def join_campaign(db: Database, campaign_id: int, data: dict, *, actor: str, session_id: str = "") -> int:
    """A returning ambassador's account joins `campaign_id`: only a new agreement row,
    pending approval (the account and its role are unchanged); returns its id. A missing
    logo reuses the one of its latest agreement.

    Side effects: rows in ambassadors and their choices; an audit row "ambassador.signup"
    (details: returning). Raises AmbassadorError (French messages) for an account that is
    not an active ambassador, one that already has an agreement for this campaign, or
    invalid or duplicate data.
    """
    from lib.campaign import campaigns

    account = users.get_user(db, actor)
    if account is None or not account.is_active or account.role != "ambassador":
        raise AmbassadorError("Seul un compte d’ambassadeur peut rejoindre une campagne.")
    latest = agreement_for_user(db, actor, campaign_id)  # this campaign's first, else the latest
    if latest is not None and latest.campaign_id == campaign_id:
        raise AmbassadorError("Votre organisation a déjà une entente pour cette campagne.")
    commitment_types = campaigns.list_commitment_types(db, campaign_id)
    moment_keys = list(campaigns.list_moments(db, campaign_id)["key"])
    keep_logo = latest is not None and latest.logo is not None
    errors = validate_agreement({**data, "keep_logo": keep_logo}, commitment_types, moment_keys)
    errors += duplicate_errors(db, campaign_id, data.get("organisation", ""), data.get("email", ""))
    if errors:
        raise AmbassadorError(errors)
    logo, logo_type = (latest.logo, latest.logo_type) if data.get("logo") is None else \
        (data["logo"], check_logo(data["logo"])[1])

    def insert(cur):
        if cur.execute("SELECT 1 FROM ambassadors WHERE campaign_id = ? AND username = ?",
                       [campaign_id, account.username]).fetchone():
            raise AmbassadorError("Votre organisation a déjà une entente pour cette campagne.")
        errors = duplicate_errors(db, campaign_id, data["organisation"], data["email"], cur=cur)
        if errors:
            raise AmbassadorError(errors)
        ambassador_id = cur.execute(
            """
            INSERT INTO ambassadors (campaign_id, username, organisation, organisation_key, contact_name, email,
                email_key, phone, website, why_text, logo, logo_type, signer_name, signer_title, accepted,
                signed_on, created_at, created_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
            """,
            [campaign_id, account.username, data["organisation"].strip(), normalise_key(data["organisation"]),
             data["contact_name"].strip(), data["email"].strip(), data["email"].strip().casefold(),
             data["phone"].strip(), validators.with_scheme(data.get("website")), data["why_text"].strip(),
             logo, logo_type, data["signer_name"].strip(), data["signer_title"].strip(), True,
             clock.today(), clock.utcnow(), account.username],
        ).fetchone()[0]
        _write_choices(cur, ambassador_id, data)
        audit.record(cur, account.username, "ambassador.signup", entity="ambassador", entity_id=ambassador_id,
                     details={"campaign_id": campaign_id, "returning": True}, session_id=session_id)
        return ambassador_id

    return db.transaction(insert)


def _record_refusal(db: Database, session_id: str, count: int) -> None:
    db.transaction(lambda cur: audit.record(cur, "public", "ambassador.signup_refused", entity="ambassador",
                                            details={"errors": count}, session_id=session_id))


def _write_choices(cur, ambassador_id: int, data: dict) -> None:
    for table in ("ambassador_audiences", "ambassador_commitments", "ambassador_moments"):
        cur.execute(f"DELETE FROM {table} WHERE ambassador_id = ?", [ambassador_id])
    for key, _ in CHANNELS:
        value = (data.get("audiences") or {}).get(key)
        if value is not None:
            cur.execute("INSERT INTO ambassador_audiences VALUES (?, ?, ?)", [ambassador_id, key, value])
    for key in dict.fromkeys(data.get("commitments") or []):
        cur.execute("INSERT INTO ambassador_commitments VALUES (?, ?)", [ambassador_id, key])
    for key in dict.fromkeys(data.get("moments") or []):
        cur.execute("INSERT INTO ambassador_moments VALUES (?, ?)", [ambassador_id, key])


def decide(db: Database, ambassador_id: int, decision: str, note: str, *, actor: str) -> None:
    """Approve or decline an agreement with a note (required to decline). Audited.

    Raises AmbassadorError for a non-staff actor, an unknown agreement or decision, or
    a missing note.
    """
    roles.require(users.get_user(db, actor), roles.STAFF)
    note = (note or "").strip()
    if decision not in ("approved", "declined", "pending"):
        raise AmbassadorError("Décision inconnue.")
    if decision == "declined" and not note:
        raise AmbassadorError("Note : expliquez le refus à l’organisation.")
    if len(note) > MAX_NOTE:
        raise AmbassadorError(Message("Note : {maximum} caractères au plus.", maximum=MAX_NOTE))

    def update(cur):
        if cur.execute("SELECT 1 FROM ambassadors WHERE id = ?", [ambassador_id]).fetchone() is None:
            raise AmbassadorError("Ambassadeur introuvable.")
        now = clock.utcnow()
        cur.execute("UPDATE ambassadors SET status = ?, status_note = ?, decided_at = ?, decided_by = ?,"
                    " updated_at = ?, updated_by = ? WHERE id = ?",
                    [decision, note, now, actor, now, actor, ambassador_id])
        audit.record(cur, actor, f"ambassador.{decision}", entity="ambassador", entity_id=ambassador_id,
                     details={"note": note})

    db.transaction(update)


def update_agreement(db: Database, ambassador_id: int, data: dict, *, actor: str) -> None:
    """Staff's correction of an agreement (same checks as the sign-up, without the
    account; a missing logo keeps the current one). One transaction, audited.

    Raises AmbassadorError with every French message (or for a non-staff actor).
    """
    from lib.campaign import campaigns

    roles.require(users.get_user(db, actor), roles.STAFF)
    current = get_agreement(db, ambassador_id)
    if current is None:
        raise AmbassadorError("Ambassadeur introuvable.")
    commitment_types = campaigns.list_commitment_types(db, current.campaign_id)
    moment_keys = list(campaigns.list_moments(db, current.campaign_id)["key"])
    errors = validate_agreement({**data, "keep_logo": True}, commitment_types, moment_keys)
    errors += duplicate_errors(db, current.campaign_id, data.get("organisation", ""), data.get("email", ""),
                               exclude_id=ambassador_id)
    if errors:
        raise AmbassadorError(errors)
    logo, logo_type = current.logo, current.logo_type
    if data.get("logo") is not None:
        logo, logo_type = data["logo"], check_logo(data["logo"])[1]

    def update(cur):
        now = clock.utcnow()
        cur.execute(
            """
            UPDATE ambassadors SET organisation = ?, organisation_key = ?, contact_name = ?, email = ?,
                email_key = ?, phone = ?, website = ?, why_text = ?, logo = ?, logo_type = ?, signer_name = ?,
                signer_title = ?, updated_at = ?, updated_by = ?
            WHERE id = ?
            """,
            [data["organisation"].strip(), normalise_key(data["organisation"]), data["contact_name"].strip(),
             data["email"].strip(), data["email"].strip().casefold(), data["phone"].strip(),
             validators.with_scheme(data.get("website")), data["why_text"].strip(), logo, logo_type,
             data["signer_name"].strip(), data["signer_title"].strip(), now, actor, ambassador_id],
        )
        _write_choices(cur, ambassador_id, data)
        audit.record(cur, actor, "ambassador.update", entity="ambassador", entity_id=ambassador_id)

    db.transaction(update)


def agreement_as_form_data(agreement: Agreement) -> dict:
    """An agreement in the shape validate_agreement and update_agreement take (logo kept)."""
    return {"organisation": agreement.organisation, "contact_name": agreement.contact_name,
            "email": agreement.email, "phone": agreement.phone, "website": agreement.website,
            "audiences": dict(agreement.audiences), "why_text": agreement.why_text, "logo": None,
            "commitments": list(agreement.commitments), "moments": list(agreement.moments),
            "signer_name": agreement.signer_name, "signer_title": agreement.signer_title,
            "accepted": agreement.accepted}


# -- campaign figures and exports ----------------------------------------------------
def commitment_counts(db: Database, campaign_id: int) -> pd.DataFrame:
    """Per commitment type: how many approved ambassadors ticked it (key, label, ambassadors)."""
    return db.query_df(
        """
        SELECT t.key, t.label, count(a.id) AS ambassadors
        FROM commitment_types t
        LEFT JOIN ambassador_commitments c ON c.commitment_key = t.key
        LEFT JOIN ambassadors a ON a.id = c.ambassador_id AND a.campaign_id = t.campaign_id AND a.status = 'approved'
        WHERE t.campaign_id = ? GROUP BY t.key, t.label, t.position ORDER BY t.position
        """,
        [campaign_id],
    )


def moment_counts(db: Database, campaign_id: int) -> pd.DataFrame:
    """The moments forts with how many approved ambassadors chose each."""
    return db.query_df(
        """
        SELECT m.key, m.kind, m.when_label, m.starts_on, m.ends_on, m.description, count(a.id) AS ambassadors
        FROM campaign_moments m
        LEFT JOIN ambassador_moments c ON c.moment_key = m.key
        LEFT JOIN ambassadors a ON a.id = c.ambassador_id AND a.campaign_id = m.campaign_id AND a.status = 'approved'
        WHERE m.campaign_id = ?
        GROUP BY m.key, m.kind, m.when_label, m.starts_on, m.ends_on, m.description, m.position
        ORDER BY m.position
        """,
        [campaign_id],
    )


def declared_audiences(db: Database, campaign_id: int) -> pd.DataFrame:
    """Approved ambassadors' own audience as they declared it: organisation, channel, audience."""
    frame = db.query_df(
        """
        SELECT a.organisation, d.channel_key, d.audience
        FROM ambassador_audiences d JOIN ambassadors a ON a.id = d.ambassador_id
        WHERE a.campaign_id = ? AND a.status = 'approved' ORDER BY lower(a.organisation)
        """,
        [campaign_id],
    )
    frame["channel"] = frame["channel_key"].map(CHANNEL_LABELS)
    return frame


def logo_filename(organisation: str, ambassador_id: int, logo_type: str) -> str:
    """A safe file name for a logo: 'sante-mentale-outaouais-12.png'."""
    slug = normalise_key(organisation).replace(" ", "-")[:60] or "organisation"
    slug = re.sub(r"[^a-z0-9_-]", "", slug) or "organisation"
    return f"{slug}-{ambassador_id}.{'jpg' if logo_type == 'jpeg' else 'png'}"


def microsite_frame(db: Database, campaign_id: int) -> pd.DataFrame:
    """The microsite listing of approved ambassadors: organisation, website, text, logo file."""
    rows = db.query("SELECT id, organisation, website, why_text, logo_type FROM ambassadors"
                    " WHERE campaign_id = ? AND status = 'approved' ORDER BY lower(organisation)", [campaign_id])
    return pd.DataFrame(
        [{"organisation": org, "site_web": site, "texte": text, "logo": logo_filename(org, aid, kind)}
         for aid, org, site, text, kind in rows],
        columns=["organisation", "site_web", "texte", "logo"],
    )


def logos_zip(db: Database, campaign_id: int) -> bytes:
    """A ZIP of the approved ambassadors' logos, named as in microsite_frame."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for aid, org, logo, kind in db.query(
                "SELECT id, organisation, logo, logo_type FROM ambassadors WHERE campaign_id = ?"
                " AND status = 'approved' AND logo IS NOT NULL ORDER BY lower(organisation)", [campaign_id]):
            archive.writestr(logo_filename(org, aid, kind), bytes(logo))
    return buffer.getvalue()


def ambassadors_export_frame(db: Database, campaign_id: int) -> pd.DataFrame:
    """One row per ambassador for CSV/XLSX: contact, status, declared audience and choices.
    inscrit_le is in Québec time, as on screen."""
    from lib.campaign import campaigns

    frame = list_ambassadors(db, campaign_id)
    labels = dict(zip(*campaigns.list_commitment_types(db, campaign_id)[["key", "label"]].T.values))
    moments = dict(zip(*campaigns.list_moments(db, campaign_id)[["key", "when_label"]].T.values))
    rows = []
    for row in frame.itertuples():
        agreement = get_agreement(db, row.id)
        rows.append({
            "organisation": row.organisation, "personne_ressource": row.contact_name, "courriel": row.email,
            "telephone": row.phone, "site_web": row.website, "utilisateur": row.username,
            "statut": STATUS_LABELS_FR[row.status], "note": row.status_note,
            "inscrit_le": clock.to_local(row.created_at), "signataire": agreement.signer_name,
            "titre_signataire": agreement.signer_title, "signe_le": agreement.signed_on,
            **{f"auditoire_{key}": agreement.audiences.get(key) for key, _ in CHANNELS},
            "engagements": " | ".join(labels.get(k, k) for k in agreement.commitments),
            "moments_forts": " | ".join(moments.get(k, k) for k in agreement.moments),
            "texte": agreement.why_text,
        })
    columns = ["organisation", "personne_ressource", "courriel", "telephone", "site_web", "utilisateur", "statut",
               "note", "inscrit_le", "signataire", "titre_signataire", "signe_le",
               *(f"auditoire_{key}" for key, _ in CHANNELS), "engagements", "moments_forts", "texte"]
    return pd.DataFrame(rows, columns=columns)
