"""Ambassadors of a campaign: public sign-up, validation, approval and agreements.

An organisation signs up without an account; the sign-up creates its account with the
role "ambassador" (set here, never taken from the form) and an agreement whose status is
"pending" until staff approve or decline it. What organisations type is stored exactly as
typed (HTML, quotes and emoji included); pages show it as text, never as HTML.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from lib.accounts import users
from lib.campaign import campaigns, logos
from lib.campaign.agreement_form import CHANNELS, MAX_NOTE, normalise_key, validate_agreement
from lib.core import audit, clock, roles, validators
from lib.core.db import Database
from lib.core.errors import FormError
from lib.core.i18n import N_, translate
from lib.core.messages import Message

STATUSES = ("pending", "approved", "declined")
STATUS_LABELS_FR = {"pending": N_("En attente"), "approved": N_("Approuvé"), "declined": N_("Refusé")}


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
               coalesce(c.n, 0) AS commitments, coalesce(m.n, 0) AS moments,
               r.status AS report_status, r.submitted_at, coalesce(r.submitted_late, FALSE) AS submitted_late
        FROM ambassadors a LEFT JOIN impact_reports r ON r.ambassador_id = a.id
        -- joined counts rather than a subquery per row (a third of a second on a few dozen rows)
        LEFT JOIN (SELECT ambassador_id, count(*) AS n FROM ambassador_commitments GROUP BY ambassador_id) c
               ON c.ambassador_id = a.id
        LEFT JOIN (SELECT ambassador_id, count(*) AS n FROM ambassador_moments GROUP BY ambassador_id) m
               ON m.ambassador_id = a.id
        WHERE a.campaign_id = ?
        ORDER BY CASE a.status WHEN 'pending' THEN 0 WHEN 'approved' THEN 1 ELSE 2 END, lower(a.organisation)
        """,
        [campaign_id],
    )
    frame["status_label"] = [translate(STATUS_LABELS_FR[status], lang) for status in frame["status"]]
    report_labels = {None: N_("Non commencé"), "draft": N_("Brouillon"), "submitted": N_("Soumis"),
                     "reopened": N_("Rouvert")}
    frame["report_label"] = [(N_("Soumis en retard") if late and status == "submitted" else report_labels.get(status))
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
        errors.append(N_("Organisation : cette organisation est déjà inscrite comme ambassadrice de cette campagne. "
                         "Connectez-vous avec son compte, ou écrivez à la personne-ressource de la campagne."))
    if run("SELECT 1 FROM ambassadors WHERE campaign_id = ? AND email_key = ? AND id <> ?",
           [campaign_id, (email or "").strip().casefold(), exclude_id or -1]).fetchone():
        errors.append(N_("Courriel : cette adresse a déjà servi à une inscription pour cette campagne."))
    return errors


def insert_agreement(cur, campaign_id: int, username: str, data: dict, logo: bytes | None, logo_type: str) -> int:
    """The one INSERT of an agreement (signed today, pending) and its choices, from validated
    form `data`, inside the caller's transaction; returns its id. Used by sign-up and joining."""
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
         logo, logo_type, data["signer_name"].strip(), data["signer_title"].strip(), True,
         clock.today(), clock.utcnow(), username],
    ).fetchone()[0]
    _write_choices(cur, ambassador_id, data)
    return ambassador_id


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
    if validators.has_control_characters(note, multiline=True):
        raise AmbassadorError(N_("Note : contient des caractères de contrôle non permis."))

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
        logo, logo_type = logos.stored_copy(data["logo"]), "png"

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


