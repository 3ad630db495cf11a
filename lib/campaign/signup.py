"""Organisations sign up as ambassadors: the public sign-up (account and pending agreement),
returning ambassadors joining a new campaign, and the limits that keep the public form usable.

The account's role is set here ("ambassador"), never taken from the form."""
from __future__ import annotations

import datetime as dt
import hmac
import secrets
import threading

from lib.accounts import passwords, users
from lib.campaign import campaigns, logos
from lib.campaign.agreement_form import validate_agreement, validate_signup
from lib.campaign.ambassadors import Agreement, AmbassadorError, agreement_for_user, duplicate_errors, insert_agreement
from lib.core import audit, clock
from lib.core.db import Database
from lib.core.i18n import N_
from lib.core.messages import Message
from lib.core.roles import Role

# Abuse resistance of the public form (counted in signup_attempts). The limits on one browser
# session and one client address come first: a session over its limit is refused; an address over
# its limit must answer the form's question (a challenge), since many people can share one address
# (an office, a proxy). The global cap counts ACCEPTED sign-ups only, so junk submissions cannot
# shut the form for everyone; when many submissions are refused, everyone gets the question.
RATE_WINDOW = dt.timedelta(hours=1)


MAX_ATTEMPTS_PER_SESSION = 10   # submissions, accepted or refused, per browser session and hour


MAX_SIGNUPS_PER_SESSION = 3     # accepted sign-ups per browser session and hour


MAX_ATTEMPTS_PER_CLIENT = 30    # submissions per client address and hour before the challenge is asked


MAX_SIGNUPS_PER_CLIENT = 10     # accepted sign-ups per client address and hour before the challenge is asked


MAX_SIGNUPS_OVERALL = 40        # accepted sign-ups per hour, all clients together


PRESSURE_REFUSALS = 20          # refused submissions per hour, all clients: the challenge is asked


KEEP_ATTEMPTS = dt.timedelta(days=2)


_SIGNUP_LOCK = threading.Lock()  # one process writes the file: its sign-ups check the cap one at a time


def rate_limit_message(db: Database, session_id: str, now: dt.datetime | None = None) -> str | None:
    """A French message when this browser session sent too many sign-ups in the last hour, or
    when the hour's accepted sign-ups reached the global cap; else None. Reads
    signup_attempts; writes nothing."""
    since = (now or clock.utcnow()) - RATE_WINDOW
    with db.cursor() as cur:
        return _limit_message(cur, session_id, since)


def _limit_message(cur, session_id: str, since: dt.datetime) -> str | None:
    attempts, signups, overall = cur.execute(
        "SELECT count(*) FILTER (WHERE session_id = ?), count(*) FILTER (WHERE session_id = ? AND accepted),"
        " count(*) FILTER (WHERE accepted) FROM signup_attempts WHERE happened_at >= ?",
        [session_id, session_id, since]).fetchone()
    if attempts >= MAX_ATTEMPTS_PER_SESSION or signups >= MAX_SIGNUPS_PER_SESSION:
        return N_("Trop d’envois depuis ce navigateur. Réessayez dans une heure.")
    if overall >= MAX_SIGNUPS_OVERALL:
        return N_("Le formulaire reçoit trop d’inscriptions en ce moment. Réessayez dans une heure.")
    return None


def challenge_needed(db: Database, client: str = "", now: dt.datetime | None = None) -> bool:
    """Whether a sign-up from address `client` must answer the form's question: when the form
    received PRESSURE_REFUSALS refused submissions in the last hour (all clients together), or
    when this address went over its own limits. Writes nothing."""
    since = (now or clock.utcnow()) - RATE_WINDOW
    refused, client_attempts, client_signups = db.query_one(
        "SELECT count(*) FILTER (WHERE NOT accepted), count(*) FILTER (WHERE client = ? AND client <> ''),"
        " count(*) FILTER (WHERE client = ? AND client <> '' AND accepted)"
        " FROM signup_attempts WHERE happened_at >= ?", [client, client, since])
    return refused >= PRESSURE_REFUSALS or client_attempts >= MAX_ATTEMPTS_PER_CLIENT \
        or client_signups >= MAX_SIGNUPS_PER_CLIENT


def make_challenge() -> tuple[Message, str]:
    """A question a person answers at a glance ("Combien font 7 + 5?") and its answer; the page
    keeps the answer in the browser session's state only."""
    first, second = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    return Message("Combien font {first} + {second}? (en chiffres)", first=first, second=second), str(first + second)


def challenge_passed(answer: str | None, typed: str | None) -> bool:
    """Whether `typed` is the challenge's `answer` (spaces ignored); False without an answer."""
    return bool(answer) and hmac.compare_digest((typed or "").strip(), answer)


# -- writing -------------------------------------------------------------------------
def sign_up(db: Database, campaign_id: int, data: dict, *, session_id: str = "", client: str = "",
            challenge_ok: bool = False) -> int:
    """Register an organisation as ambassador of `campaign_id`: its account (role
    "ambassador", set here) and its pending agreement, in one transaction; returns its id.

    `client` is the client's address (from the page), `challenge_ok` whether the person
    answered the form's challenge; it is required when `challenge_needed`.
    The password is hashed before the transaction (bcrypt takes a while); the transaction
    holds the limits' check (the global cap counts accepted sign-ups), the duplicate checks
    and the inserts, one sign-up at a time.
    Side effects: rows in users, ambassadors and their choices, signup_attempts (accepted or
    refused); an audit row "ambassador.signup".
    Raises AmbassadorError with every French message (validation, duplicates, limits, challenge).
    """
    limited = rate_limit_message(db, session_id)
    if limited:
        raise AmbassadorError(limited)
    if not challenge_ok and challenge_needed(db, client):
        _record_refusal(db, session_id, client)
        raise AmbassadorError(CHALLENGE_MESSAGE)

    commitment_types = campaigns.list_commitment_types(db, campaign_id)
    moment_keys = list(campaigns.list_moments(db, campaign_id)["key"])
    errors = validate_signup(data, commitment_types, moment_keys)
    if not errors:
        errors = duplicate_errors(db, campaign_id, data["organisation"], data["email"])
    if errors:
        _record_refusal(db, session_id, client)
        raise AmbassadorError(errors)
    logo = logos.stored_copy(data["logo"])  # checked by validate_signup: PNG, 1000 px at most
    username = users.normalise_username(data["username"])
    errors = users.validate_new_user(username, "ambassador", data["contact_name"], data["email"], data["password"])
    if errors:
        _record_refusal(db, session_id, client)
        raise AmbassadorError(errors)
    # bcrypt is slow on purpose: hash before the transaction so that it stays short.
    password_hash = passwords.hash_password(data["password"])

    def insert(cur):
        now = clock.utcnow()
        limited = _limit_message(cur, session_id, now - RATE_WINDOW)
        if limited:
            raise AmbassadorError(limited)
        errors = duplicate_errors(db, campaign_id, data["organisation"], data["email"], cur=cur)
        if cur.execute("SELECT 1 FROM users WHERE username = ?", [username]).fetchone():
            errors.append(N_("Nom d’utilisateur : ce nom d’utilisateur est déjà pris."))
        if errors:
            raise AmbassadorError(errors)
        users.insert_account(cur, username=username, role=Role.AMBASSADOR, display_name=data["contact_name"],
                             email=data["email"], password_hash=password_hash, organisation=data["organisation"],
                             actor=username)
        ambassador_id = insert_agreement(cur, campaign_id, username, data, logo, "png")
        cur.execute("INSERT INTO signup_attempts (happened_at, session_id, client, accepted) VALUES (?, ?, ?, true)",
                    [now, session_id, client])
        audit.record(cur, username, "ambassador.signup", entity="ambassador", entity_id=ambassador_id,
                     details={"campaign_id": campaign_id}, session_id=session_id)
        return ambassador_id

    try:
        with _SIGNUP_LOCK:  # the cap is counted and the sign-up inserted by one sign-up at a time
            return db.transaction(insert)
    except AmbassadorError:
        _record_refusal(db, session_id, client)
        raise
    except Exception as error:  # a UNIQUE guard tripped by a simultaneous sign-up
        if "constraint" in str(error).lower():
            _record_refusal(db, session_id, client)
            raise AmbassadorError("Cette organisation, ce courriel ou ce nom d’utilisateur vient d’être inscrit. "
                                  "Vérifiez vos informations.") from None
        raise


CHALLENGE_MESSAGE = N_("Vérification : le formulaire reçoit beaucoup d’envois en ce moment; répondez à la "
                       "question de vérification, puis envoyez de nouveau.")


def join_form_agreement(db: Database, username: str, campaign_id: int) -> Agreement | None:
    """The agreement that pre-fills a returning ambassador's form for `campaign_id`: its
    latest agreement when the account has none for that campaign, else None."""
    return returning_agreement(agreement_for_user(db, username, campaign_id), campaign_id)


def returning_agreement(found: Agreement | None, campaign_id: int) -> Agreement | None:
    """join_form_agreement from `found`, the account's agreement_for_user(..., campaign_id)
    already read by the caller: it when it belongs to another campaign, else None. Pure."""
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

    account = users.get_user(db, actor)
    if account is None or not account.is_active or account.role != "ambassador":
        raise AmbassadorError("Seul un compte d’ambassadeur peut rejoindre une campagne.")
    latest = agreement_for_user(db, actor, campaign_id)  # this campaign's first, else the latest
    if latest is not None and latest.campaign_id == campaign_id:
        raise AmbassadorError("Votre organisation a déjà une entente pour cette campagne.")
    commitment_types = campaigns.list_commitment_types(db, campaign_id)
    moment_keys = list(campaigns.list_moments(db, campaign_id)["key"])
    kept_logo = logos.readable(latest.logo) if latest is not None else None  # a copy that decodes, or None
    keep_logo = kept_logo is not None
    errors = validate_agreement({**data, "keep_logo": keep_logo}, commitment_types, moment_keys)
    errors += duplicate_errors(db, campaign_id, data.get("organisation", ""), data.get("email", ""))
    if errors:
        raise AmbassadorError(errors)
    logo = kept_logo if data.get("logo") is None else logos.stored_copy(data["logo"])

    def insert(cur):
        if cur.execute("SELECT 1 FROM ambassadors WHERE campaign_id = ? AND username = ?",
                       [campaign_id, account.username]).fetchone():
            raise AmbassadorError("Votre organisation a déjà une entente pour cette campagne.")
        errors = duplicate_errors(db, campaign_id, data["organisation"], data["email"], cur=cur)
        if errors:
            raise AmbassadorError(errors)
        ambassador_id = insert_agreement(cur, campaign_id, account.username, data, logo, "png")
        audit.record(cur, account.username, "ambassador.signup", entity="ambassador", entity_id=ambassador_id,
                     details={"campaign_id": campaign_id, "returning": True}, session_id=session_id)
        return ambassador_id

    return db.transaction(insert)


def _record_refusal(db: Database, session_id: str, client: str) -> None:
    """A refused submission, for the limits (not the audit log: nothing was written); rows
    older than KEEP_ATTEMPTS go at the same time."""
    now = clock.utcnow()

    def write(cur):
        cur.execute("INSERT INTO signup_attempts (happened_at, session_id, client, accepted) VALUES (?, ?, ?, false)",
                    [now, session_id, client])
        cur.execute("DELETE FROM signup_attempts WHERE happened_at < ?", [now - KEEP_ATTEMPTS])

    db.transaction(write)
