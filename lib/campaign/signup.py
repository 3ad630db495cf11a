"""Organisations sign up as ambassadors: the public sign-up (account and pending agreement),
returning ambassadors joining a new campaign, and the limits that keep the public form usable.

The account's role is set here ("ambassador"), never taken from the form."""
from __future__ import annotations

import datetime as dt

from lib.accounts import passwords, users
from lib.campaign import campaigns, logos
from lib.campaign.agreement_form import validate_agreement, validate_signup
from lib.campaign.ambassadors import Agreement, AmbassadorError, agreement_for_user, duplicate_errors, insert_agreement
from lib.core import audit, clock
from lib.core.db import Database
from lib.core.i18n import N_
from lib.core.roles import Role

# Abuse resistance of the public form (counted from the audit log).
RATE_WINDOW = dt.timedelta(hours=1)


MAX_ATTEMPTS_PER_SESSION = 10   # submissions, accepted or refused, per browser session and hour


MAX_SIGNUPS_PER_SESSION = 3     # accepted sign-ups per browser session and hour


MAX_SIGNUPS_OVERALL = 40        # accepted sign-ups per hour, all browsers together


MAX_ATTEMPTS_OVERALL = 400      # submissions per hour, all browsers together (a bot changing sessions)


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
        return N_("Trop d’envois depuis ce navigateur. Réessayez dans une heure.")
    if overall >= MAX_SIGNUPS_OVERALL or overall_attempts >= MAX_ATTEMPTS_OVERALL:
        return N_("Le formulaire reçoit trop d’inscriptions en ce moment. Réessayez dans une heure.")
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

    commitment_types = campaigns.list_commitment_types(db, campaign_id)
    moment_keys = list(campaigns.list_moments(db, campaign_id)["key"])
    errors = validate_signup(data, commitment_types, moment_keys)
    if not errors:
        errors = duplicate_errors(db, campaign_id, data["organisation"], data["email"])
    if errors:
        _record_refusal(db, session_id, len(errors))
        raise AmbassadorError(errors)
    logo = logos.stored_copy(data["logo"])  # checked by validate_signup: PNG, 1000 px at most
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
            errors.append(N_("Nom d’utilisateur : ce nom d’utilisateur est déjà pris."))
        if errors:
            raise AmbassadorError(errors)
        users.insert_account(cur, username=username, role=Role.AMBASSADOR, display_name=data["contact_name"],
                             email=data["email"], password_hash=password_hash, organisation=data["organisation"],
                             actor=username)
        ambassador_id = insert_agreement(cur, campaign_id, username, data, logo, "png")
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


def _record_refusal(db: Database, session_id: str, count: int) -> None:
    db.transaction(lambda cur: audit.record(cur, "public", "ambassador.signup_refused", entity="ambassador",
                                            details={"errors": count}, session_id=session_id))
