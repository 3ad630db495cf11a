"""Campaigns as data: reading them, the current one, creating one or copying last year's.

A campaign is stored by insert_campaign from "seed-shaped" data (the shape of
data/seed/campagne-*.yaml), so creating, copying and seeding share one write path.
A little over 400 lines because that shape is one idea here: reading a campaign into it,
copying it a year on, validating it, editing it as tables and writing it back.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd

from lib.accounts import users
from lib.core import audit, clock, roles, validators
from lib.core.db import Database
from lib.core.errors import FormError
from lib.core.i18n import N_, localized_sql
from lib.core.messages import Message, PluralMessage

CAMPAIGN_TEXT_FIELDS = (
    "name", "agreement_title", "slogan", "organiser", "ambassador_status", "purpose", "website",
    "agreement_start", "report_request", "questionnaire_invitation", "questionnaire_label",
    "reach_title", "reach_note", "organiser_commitments_intro", "diffusion_intro",
    "commitments_intro", "checklist_instruction", "questionnaire_url",
)

CURRENT_SETTING = "current_campaign"
SLUG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{2,59}$")
MOMENT_KINDS = ("date", "range", "month", "season")
_YEAR = re.compile(r"\b(19\d{2}|20\d{2})\b")
WEEKDAYS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_WEEKDAY_EN = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)
# The optional English texts of a moment fort and of a commitment (lib.core.i18n.localized_sql),
# keyed as in seed-shaped data; their French column is the same name without "_en".
MOMENT_ENGLISH = {"when_en": "when_label_en", "description_en": "description_en",
                  "checklist_label_en": "checklist_label_en"}
ENGLISH_MAX_CHARS = 500


class CampaignError(FormError):
    """A campaign request that cannot be honoured; `messages` are in French."""


@dataclass(frozen=True)
class Campaign:
    id: int
    slug: str
    name: str
    agreement_title: str
    slogan: str
    organiser: str
    ambassador_status: str
    purpose: str
    website: str
    starts_on: dt.date | None
    agreement_start: str
    valid_until: dt.date | None
    report_due: dt.date | None
    report_request: str
    questionnaire_invitation: str
    questionnaire_label: str
    contact_name: str
    contact_title: str
    contact_email: str
    reach_title: str
    reach_note: str
    organiser_commitments_intro: str
    diffusion_intro: str
    commitments_intro: str
    checklist_instruction: str
    questionnaire_url: str = ""


_COLUMNS = ", ".join(Campaign.__dataclass_fields__)


# -- reading -------------------------------------------------------------------
def get_campaign(db: Database, campaign_id: int) -> Campaign | None:
    """The campaign `campaign_id`, or None."""
    row = db.query_one(f"SELECT {_COLUMNS} FROM campaigns WHERE id = ?", [campaign_id])
    return None if row is None else Campaign(*row[:-1], row[-1] or "")


def get_campaign_by_slug(db: Database, slug: str) -> Campaign | None:
    """The campaign whose slug is `slug`, or None."""
    row = db.query_one(f"SELECT {_COLUMNS} FROM campaigns WHERE slug = ?", [slug])
    return None if row is None else Campaign(*row[:-1], row[-1] or "")


def current_campaign(db: Database) -> Campaign | None:
    """The campaign named by the `current_campaign` setting (None if unset or missing)."""
    slug = db.scalar("SELECT value FROM settings WHERE key = ?", [CURRENT_SETTING])
    return get_campaign_by_slug(db, slug) if slug else None


def has_ended(campaign: Campaign | None, today: dt.date) -> bool:
    """True once the campaign's agreement is no longer valid (the day after `valid_until`)."""
    return campaign is not None and campaign.valid_until is not None and campaign.valid_until < today


def signups_open(campaign: Campaign | None, today: dt.date) -> bool:
    """Whether organisations can sign up for `campaign` (the current one) on `today`: there is
    one and its agreement is still valid."""
    return campaign is not None and not has_ended(campaign, today)


def moment_name(checklist_label: str | None, when_label: str | None) -> str:
    """How a moment fort is named everywhere: the checklist's wording, the one an ambassador
    ticked ("En septembre pour le projet Jeunesse"); the schedule's wording when there is none."""
    return (checklist_label or "").strip() or (when_label or "").strip()


def moment_detail(when_label: str | None, description: str | None) -> str:
    """A moment's other wording, shown as its detail: "À l’automne — pour le Projet jeunesse"."""
    return f"{when_label or ''} — {description or ''}".strip(" —")


def list_campaigns(db: Database) -> pd.DataFrame:
    """Every campaign (newest start first) with whether it is the current one."""
    return db.query_df(
        """
        SELECT c.id, c.slug, c.name, c.starts_on, c.valid_until, c.report_due,
               c.slug = coalesce((SELECT value FROM settings WHERE key = ?), '') AS is_current
        FROM campaigns c WHERE c.archived_at IS NULL
        ORDER BY c.starts_on DESC NULLS LAST, c.id DESC
        """,
        [CURRENT_SETTING],
    )


def list_channels(db: Database, campaign_id: int) -> pd.DataFrame:
    """The organiser's own audience per channel: key, label, audience, as_of."""
    return db.query_df(
        "SELECT key, label, audience, as_of FROM campaign_channels WHERE campaign_id = ? ORDER BY position",
        [campaign_id],
    )


def list_moments(db: Database, campaign_id: int, lang: str = "fr") -> pd.DataFrame:
    """The moments forts in order: key, kind, when_label, starts_on, ends_on, description,
    checklist_label (texts as a reader of `lang` sees them, lib.core.i18n.localized_sql; the
    French by default, which the agreement's own text and its dates are read from), then
    when_label_en, description_en, checklist_label_en (staff's English texts, None: none)."""
    return db.query_df(
        f"SELECT key, kind, {localized_sql('when_label', lang)} AS when_label, starts_on, ends_on,"
        f" {localized_sql('description', lang)} AS description,"
        f" {localized_sql('checklist_label', lang)} AS checklist_label,"
        " when_label_en, description_en, checklist_label_en"
        " FROM campaign_moments WHERE campaign_id = ? ORDER BY position",
        [campaign_id],
    )


def list_commitment_types(db: Database, campaign_id: int, lang: str = "fr") -> pd.DataFrame:
    """The checklist of commitments in order: key, label (as a reader of `lang` sees it),
    with_moments, label_en (staff's English text, None: none)."""
    return db.query_df(
        f"SELECT key, {localized_sql('label', lang)} AS label, with_moments, label_en FROM commitment_types"
        " WHERE campaign_id = ? ORDER BY position",
        [campaign_id],
    )


def list_organiser_commitments(db: Database, campaign_id: int) -> list[str]:
    """What the organiser commits to, in the document's order."""
    return [row[0] for row in db.query(
        "SELECT text FROM organiser_commitments WHERE campaign_id = ? ORDER BY position", [campaign_id])]


def campaign_as_data(db: Database, campaign_id: int) -> dict:
    """The campaign in seed shape (what insert_campaign takes), e.g. to copy it."""
    campaign = get_campaign(db, campaign_id)
    if campaign is None:
        raise CampaignError("Campagne introuvable.")
    data = {field: getattr(campaign, field) for field in CAMPAIGN_TEXT_FIELDS}
    data.update(
        slug=campaign.slug, starts_on=campaign.starts_on, valid_until=campaign.valid_until,
        report_due=campaign.report_due,
        contact={"name": campaign.contact_name, "title": campaign.contact_title, "email": campaign.contact_email},
        channels=[{"key": r.key, "label": r.label, "audience": _int_or_none(r.audience), "as_of": _date(r.as_of)}
                  for r in list_channels(db, campaign_id).itertuples()],
        moments=[{"key": r.key, "kind": r.kind, "when": r.when_label, "starts_on": _date(r.starts_on),
                  "ends_on": _date(r.ends_on), "description": r.description, "checklist_label": r.checklist_label,
                  "when_en": _english(r.when_label_en), "description_en": _english(r.description_en),
                  "checklist_label_en": _english(r.checklist_label_en)}
                 for r in list_moments(db, campaign_id).itertuples()],
        commitments=[{"key": r.key, "label": r.label, "with_moments": bool(r.with_moments),
                      "label_en": _english(r.label_en)}
                     for r in list_commitment_types(db, campaign_id).itertuples()],
        organiser_commitments=list_organiser_commitments(db, campaign_id),
    )
    return data


# -- copying one year on ---------------------------------------------------------
def shift_year(day: dt.date | None) -> dt.date | None:
    """`day` one year later (29 February becomes 28 February)."""
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def shift_years_in_text(text: str) -> str:
    """Every year written in `text` (1900-2099) moved one year on: '2022-2023' -> '2023-2024'."""
    return _YEAR.sub(lambda match: str(int(match[1]) + 1), text or "")


def _when_label_for(moment: dict, new_start: dt.date) -> str:
    # "Le dimanche 13 mars" must name the new date's weekday; other labels only move years.
    label = shift_years_in_text(moment.get("when", ""))
    if moment.get("kind") == "date":
        weekday = WEEKDAYS_FR[new_start.weekday()]
        label = re.sub(r"\b(" + "|".join(WEEKDAYS_FR) + r")\b", weekday, label, count=1)
    return label


def copied_campaign_data(data: dict) -> dict:
    """Seed-shaped data for next year's edition of `data`: every date and written year
    moved one year on (the organiser's audience and its as-of date are kept: they are
    measurements, not schedule). Pure."""
    copy = dict(data)
    for field in CAMPAIGN_TEXT_FIELDS:
        if field not in ("reach_note", "questionnaire_url"):
            copy[field] = shift_years_in_text(data.get(field) or "")
    copy["slug"] = shift_years_in_text(data["slug"])
    if copy["slug"] == data["slug"]:
        copy["slug"] = f"{data['slug']}-copie"
    for field in ("starts_on", "valid_until", "report_due"):
        copy[field] = shift_year(data.get(field))
    copy["contact"] = dict(data.get("contact") or {})
    copy["channels"] = [dict(channel) for channel in data.get("channels", [])]
    copy["moments"] = [
        {**moment, "starts_on": shift_year(moment["starts_on"]), "ends_on": shift_year(moment["ends_on"]),
         "when": _when_label_for(moment, shift_year(moment["starts_on"])),
         "description": shift_years_in_text(moment.get("description", "")),
         "checklist_label": shift_years_in_text(moment.get("checklist_label", "")),
         # English texts move a year too; an English date naming its weekday is dropped (the French,
         # whose weekday is recomputed, shows until staff type it again).
         **{key: None if key == "when_en" and _WEEKDAY_EN.search(moment.get(key) or "")
            else (shift_years_in_text(moment[key]) if moment.get(key) else None) for key in MOMENT_ENGLISH}}
        for moment in data.get("moments", [])
    ]
    copy["commitments"] = [dict(c) for c in data.get("commitments", [])]
    copy["organiser_commitments"] = [shift_years_in_text(text) for text in data.get("organiser_commitments", [])]
    return copy


def empty_campaign_data() -> dict:
    """Seed-shaped data for a new campaign typed from scratch."""
    return {"slug": "", **{field: "" for field in CAMPAIGN_TEXT_FIELDS}, "starts_on": None,
            "valid_until": None, "report_due": None, "contact": {"name": "", "title": "", "email": ""},
            "channels": [], "moments": [], "commitments": [], "organiser_commitments": []}


# -- validating and saving -------------------------------------------------------
TEXT_MAX_CHARS = 5000      # each of the campaign's own texts (CAMPAIGN_TEXT_FIELDS)
ROW_TEXT_MAX_CHARS = 2000  # each text of a moment, commitment, channel, organiser commitment or the contact


def _row_texts(data: dict) -> list[str]:
    """The texts of `data`'s lists and contact (moments, commitments, channels, ...)."""
    texts = [moment.get(field) for moment in data.get("moments", [])
             for field in ("when", "description", "checklist_label")]
    texts += [row.get("label") for name in ("commitments", "channels") for row in data.get(name, [])]
    texts += list(data.get("organiser_commitments", [])) + list((data.get("contact") or {}).values())
    return [text for text in texts if isinstance(text, str)]


def _text_errors(data: dict) -> list[str]:
    """French messages for a campaign text that is too long or holds a control character."""
    errors = []
    own = [data.get(field) for field in CAMPAIGN_TEXT_FIELDS if isinstance(data.get(field), str)]
    rows = _row_texts(data)
    longest = max([len(text) - TEXT_MAX_CHARS for text in own] + [len(text) - ROW_TEXT_MAX_CHARS for text in rows]
                  + [0])
    if longest > 0:
        errors.append(Message("Un texte de la campagne est trop long : {own} caractères au plus pour les textes de "
                              "la campagne, {rows} pour ceux des moments forts, engagements, canaux et de la "
                              "personne-ressource.", own=TEXT_MAX_CHARS, rows=ROW_TEXT_MAX_CHARS))
    if any(validators.has_control_characters(text, multiline=True) for text in own + rows):
        errors.append(N_("Les textes de la campagne contiennent des caractères de contrôle non permis."))
    return errors


def validate_campaign(data: dict) -> list[str]:
    """French messages for every invalid part of seed-shaped campaign `data`; [] if valid."""
    errors = []
    if not SLUG_PATTERN.match(data.get("slug") or ""):
        errors.append(N_("L’identifiant doit compter de 3 à 60 caractères : lettres minuscules, chiffres et tirets."))
    if not (data.get("name") or "").strip():
        errors.append(N_("Le nom de la campagne est obligatoire."))
    errors += _text_errors(data)
    for field, label in (("starts_on", N_("La date de début")),
                         ("valid_until", N_("La date de fin de validité de l’entente")),
                         ("report_due", N_("La date limite du rapport de retombées"))):
        if not isinstance(data.get(field), dt.date):
            errors.append(Message("{label} est obligatoire.", label=label))
    if all(isinstance(data.get(f), dt.date) for f in ("starts_on", "valid_until")) \
            and data["valid_until"] < data["starts_on"]:
        errors.append(N_("La fin de validité de l’entente doit suivre la date de début."))
    url = (data.get("questionnaire_url") or "").strip()
    if url and not validators.is_web_address(url):
        errors.append(N_("Le lien du questionnaire doit être une adresse web complète commençant par http:// ou "
                         "https://."))
    email = (data.get("contact") or {}).get("email", "")
    if email and not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", email):
        errors.append(N_("Le courriel de la personne-ressource n’est pas valide."))
    errors += _validate_rows(data.get("moments", []), N_("Moment fort {index}"),
                             ("key", "when", "starts_on", "ends_on"))
    for index, moment in enumerate(data.get("moments", []), start=1):
        if moment.get("kind") not in MOMENT_KINDS:
            errors.append(Message("Moment fort {index} : le type doit être date, range, month ou season.",
                                  index=index))
        if isinstance(moment.get("starts_on"), dt.date) and isinstance(moment.get("ends_on"), dt.date) \
                and moment["ends_on"] < moment["starts_on"]:
            errors.append(Message("Moment fort {index} : la fin précède le début.", index=index))
    errors += _validate_rows(data.get("commitments", []), N_("Engagement {index}"), ("key", "label"))
    errors += _validate_rows(data.get("channels", []), N_("Canal {index}"), ("key", "label"))
    errors += english_errors(data.get("moments", []), data.get("commitments", []))
    for index, channel in enumerate(data.get("channels", []), start=1):
        audience = channel.get("audience")
        if audience is not None and (not isinstance(audience, int) or audience < 0):
            errors.append(Message("Canal {index} : l’auditoire doit être un nombre entier positif.", index=index))
    return errors


def english_errors(moments: list[dict], commitments: list[dict]) -> list[str]:
    """French messages for the English texts of `moments` (when_en, description_en,
    checklist_label_en) and `commitments` (label_en) that are too long or hold control
    characters, as their French ones are checked; [] if all are fine (absent ones too)."""
    errors = []
    rows = [(Message("Moment fort « {key} »", key=m.get("key") or ""), m, tuple(MOMENT_ENGLISH)) for m in moments]
    rows += [(Message("Engagement « {key} »", key=c.get("key") or ""), c, ("label_en",)) for c in commitments]
    for row_label, row, keys in rows:
        for key in keys:
            text = row.get(key)
            if not isinstance(text, str) or not text.strip():
                continue
            if len(text.strip()) > ENGLISH_MAX_CHARS:
                errors.append(Message("{row} : le texte anglais dépasse {limit} caractères.", row=row_label,
                                      limit=ENGLISH_MAX_CHARS))
            elif validators.has_control_characters(text):
                errors.append(Message("{row} : le texte anglais contient des caractères de contrôle non permis.",
                                      row=row_label))
    return errors


def _english(value) -> str | None:
    """An English text as stored: stripped, None when absent or blank (the French is shown)."""
    return value.strip() or None if isinstance(value, str) else None


def _validate_rows(rows: list[dict], row_template: str, required: tuple[str, ...]) -> list[str]:
    errors, seen = [], set()
    for index, row in enumerate(rows, start=1):
        row_label = Message(row_template, index=index)  # "Moment fort 2", translated as a whole
        missing = [field for field in required if row.get(field) in (None, "")]
        if missing:
            errors.append(PluralMessage("{row} : champ manquant ({fields}).", "{row} : champs manquants ({fields}).",
                                        len(missing), row=row_label, fields=", ".join(missing)))
        key = row.get("key")
        if key and not re.match(r"^[a-z0-9][a-z0-9-]*$", str(key)):
            errors.append(Message("{row} : la clé ne doit contenir que des minuscules, chiffres et tirets.",
                                  row=row_label))
        if key in seen:
            errors.append(Message("{row} : la clé « {key} » est en double.", row=row_label, key=key))
        seen.add(key)
    return errors


def create_campaign(db: Database, data: dict, *, actor: str, make_current: bool = False) -> int:
    """Insert a whole campaign from seed-shaped `data` in one transaction; returns its id.

    Side effects: audit rows (campaign.create, and campaign.set_current when
    `make_current`). Raises AccessDenied unless `actor` is active staff, CampaignError when
    invalid or when the slug is taken.
    """
    roles.require(users.get_user(db, actor), roles.STAFF)
    errors = validate_campaign(data)
    if errors:
        raise CampaignError(errors)

    def insert(cur):
        if cur.execute("SELECT 1 FROM campaigns WHERE slug = ?", [data["slug"]]).fetchone():
            raise CampaignError("Une campagne porte déjà cet identifiant.")
        campaign_id = insert_campaign(cur, data, actor=actor)
        if make_current:
            _set_current(cur, data["slug"], actor)
        return campaign_id

    return db.transaction(insert)


def update_campaign_details(db: Database, campaign_id: int, *, actor: str, starts_on: dt.date | None = None,
                            questionnaire_url: str | None = None, moments: list[dict] = (),
                            channels: list[dict] = (), commitments: list[dict] = (),
                            session_id: str = "") -> list[str]:
    """Staff's corrections of a campaign: its start, its questionnaire link, each moment's text
    and dates (`moments`: dicts with key, when, starts_on, ends_on, and optionally its English
    texts when_en, description_en, checklist_label_en), the commitments' English texts
    (`commitments`: key, label_en) and the organiser's reach per channel with its date
    (`channels`: key, audience, as_of); None (or an absent English key) leaves a field as it is,
    a blank English text removes it. Only what differs is written; returns what changed
    ("starts_on", "questionnaire_url", "moment:<key>", "commitment:<key>", "channel:<key>"),
    empty when nothing did (then nothing is written or journaled).

    Side effects: one transaction, one audit row "campaign.update" naming the changes. Raises
    CampaignError (French) on an invalid link, a missing date, a moment ending before it starts,
    or an English text too long or holding control characters.
    """
    errors = english_errors(list(moments), list(commitments))
    url = None if questionnaire_url is None else questionnaire_url.strip()
    if url and not validators.is_web_address(url):
        errors.append(N_("Le lien du questionnaire doit être une adresse web complète commençant par http:// ou "
                         "https://."))
    for moment in moments:
        start, end = _date(moment.get("starts_on")), _date(moment.get("ends_on"))
        named = moment.get("when") or moment["key"]
        if not isinstance(start, dt.date) or not isinstance(end, dt.date):
            errors.append(Message("« {when} » : indiquez le début et la fin.", when=named))
        elif end < start:
            errors.append(Message("« {when} » : la fin précède le début.", when=named))
        elif not (moment.get("when") or "").strip():
            errors.append(Message("Moment fort « {key} » : le texte de la date est obligatoire.", key=moment["key"]))
        elif len(moment["when"]) > ROW_TEXT_MAX_CHARS:
            errors.append(Message("Moment fort « {key} » : le texte de la date dépasse {limit} caractères.",
                                  key=moment["key"], limit=ROW_TEXT_MAX_CHARS))
        elif validators.has_control_characters(moment["when"]):
            errors.append(Message("Moment fort « {key} » : le texte de la date contient des caractères de contrôle "
                                  "non permis.", key=moment["key"]))
    for channel in channels:
        audience = channel.get("audience")
        if audience is not None and audience == audience and (int(audience) != audience or audience < 0):
            errors.append(Message("Canal « {key} » : l’auditoire doit être un nombre entier positif.",
                                  key=channel["key"]))
    if errors:
        raise CampaignError(errors)

    def work(cur):
        row = cur.execute("SELECT starts_on, coalesce(questionnaire_url, '') FROM campaigns WHERE id = ?",
                          [campaign_id]).fetchone()
        if row is None:
            raise CampaignError("Cette campagne n’existe pas.")
        changed, details = [], {}
        if starts_on is not None and starts_on != row[0]:
            cur.execute("UPDATE campaigns SET starts_on = ? WHERE id = ?", [starts_on, campaign_id])
            changed += ["starts_on"]  # names of changes, not messages (tests/campaign/test_messages.py reads append())
            details["starts_on"] = [row[0], starts_on]
        if url is not None and url != row[1]:
            cur.execute("UPDATE campaigns SET questionnaire_url = ? WHERE id = ?", [url, campaign_id])
            changed += ["questionnaire_url"]
            details["questionnaire_url"] = [row[1], url]
        for moment in moments:
            old = cur.execute("SELECT when_label, starts_on, ends_on, when_label_en, description_en,"
                              " checklist_label_en FROM campaign_moments WHERE campaign_id = ? AND key = ?",
                              [campaign_id, moment["key"]]).fetchone()
            if old is None:
                continue
            english = [_english(moment[key]) if key in moment else old[3 + n]
                       for n, key in enumerate(MOMENT_ENGLISH)]
            new = (moment["when"].strip(), _date(moment["starts_on"]), _date(moment["ends_on"]), *english)
            if tuple(old) == new:
                continue
            cur.execute("UPDATE campaign_moments SET when_label = ?, starts_on = ?, ends_on = ?, when_label_en = ?,"
                        " description_en = ?, checklist_label_en = ? WHERE campaign_id = ? AND key = ?",
                        [*new, campaign_id, moment["key"]])
            changed.append(f"moment:{moment['key']}")
            # The French part as it was always journaled; the English texts only when they changed.
            details[f"moment:{moment['key']}"] = [list(old[:3]), list(new[:3])]
            if tuple(old[3:]) != new[3:]:
                details[f"moment:{moment['key']}:en"] = [list(old[3:]), list(new[3:])]
        for commitment in commitments:
            old = cur.execute("SELECT label_en FROM commitment_types WHERE campaign_id = ? AND key = ?",
                              [campaign_id, commitment["key"]]).fetchone()
            new_label = _english(commitment.get("label_en"))
            if old is None or "label_en" not in commitment or old[0] == new_label:
                continue
            cur.execute("UPDATE commitment_types SET label_en = ? WHERE campaign_id = ? AND key = ?",
                        [new_label, campaign_id, commitment["key"]])
            changed.append(f"commitment:{commitment['key']}")
            details[f"commitment:{commitment['key']}:en"] = [old[0], new_label]
        for channel in channels:
            old = cur.execute("SELECT audience, as_of FROM campaign_channels WHERE campaign_id = ? AND key = ?",
                              [campaign_id, channel["key"]]).fetchone()
            audience = channel.get("audience")
            new = (None if audience is None or audience != audience else int(audience), _date(channel.get("as_of")))
            if old is None or tuple(old) == new:
                continue
            cur.execute("UPDATE campaign_channels SET audience = ?, as_of = ? WHERE campaign_id = ? AND key = ?",
                        [*new, campaign_id, channel["key"]])
            changed.append(f"channel:{channel['key']}")
            details[f"channel:{channel['key']}"] = [list(old), list(new)]
        if changed:
            audit.record(cur, actor, "campaign.update", entity="campaign", entity_id=campaign_id,
                         session_id=session_id, details=details)
        return changed

    return db.transaction(work)


def copy_campaign(db: Database, source_id: int, *, actor: str, make_current: bool = False) -> int:
    """Create next year's edition of campaign `source_id` (dates moved a year); returns its id."""
    return create_campaign(db, copied_campaign_data(campaign_as_data(db, source_id)), actor=actor,
                           make_current=make_current)


def set_current_campaign(db: Database, slug: str, *, actor: str) -> None:
    """Make `slug` the current campaign (the one sign-ups join). Audited. Raises AccessDenied
    unless `actor` is active staff, CampaignError for an unknown campaign."""
    roles.require(users.get_user(db, actor), roles.STAFF)

    def update(cur):
        if cur.execute("SELECT 1 FROM campaigns WHERE slug = ?", [slug]).fetchone() is None:
            raise CampaignError("Campagne introuvable.")
        _set_current(cur, slug, actor)

    db.transaction(update)


def _set_current(cur, slug: str, actor: str) -> None:
    now = clock.utcnow()
    if cur.execute("SELECT 1 FROM settings WHERE key = ?", [CURRENT_SETTING]).fetchone():
        cur.execute("UPDATE settings SET value = ?, updated_at = ?, updated_by = ? WHERE key = ?",
                    [slug, now, actor, CURRENT_SETTING])
    else:
        cur.execute("INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)",
                    [CURRENT_SETTING, slug, now, actor])
    audit.record(cur, actor, "campaign.set_current", entity="campaign", entity_id=slug)


def editor_frames(data: dict) -> dict[str, pd.DataFrame]:
    """The lists of seed-shaped `data` as DataFrames for st.data_editor."""
    return {
        "moments": pd.DataFrame(data.get("moments", []),
                                columns=["key", "kind", "when", "when_en", "starts_on", "ends_on", "description",
                                         "description_en", "checklist_label", "checklist_label_en"]),
        "commitments": pd.DataFrame(data.get("commitments", []), columns=["key", "label", "label_en",
                                                                          "with_moments"]),
        "channels": pd.DataFrame(data.get("channels", []), columns=["key", "label", "audience", "as_of"]),
        "organiser_commitments": pd.DataFrame({"text": data.get("organiser_commitments", [])}),
    }


def data_from_editors(data: dict, frames: dict[str, pd.DataFrame]) -> dict:
    """Seed-shaped data: `data`'s fields with the lists read back from edited frames."""
    def records(frame: pd.DataFrame) -> list[dict]:
        rows = []
        for record in frame.to_dict("records"):
            if all(value is None or value == "" or value != value for value in record.values()):
                continue  # an empty row added by the editor
            rows.append({k: (None if v is None or v != v else v) for k, v in record.items()})
        return rows

    result = dict(data)
    result["moments"] = [{**row, "starts_on": _date(row.get("starts_on")), "ends_on": _date(row.get("ends_on")),
                          "when": row.get("when") or "", "description": row.get("description") or "",
                          "checklist_label": row.get("checklist_label") or "",
                          **{key: _english(row.get(key)) for key in MOMENT_ENGLISH}}
                         for row in records(frames["moments"])]
    result["commitments"] = [{**row, "with_moments": _flag(row.get("with_moments")),
                              "label_en": _english(row.get("label_en"))}
                             for row in records(frames["commitments"])]
    result["channels"] = [{**row, "audience": _int_or_none(row.get("audience")), "as_of": _date(row.get("as_of"))}
                          for row in records(frames["channels"])]
    result["organiser_commitments"] = [row["text"] for row in records(frames["organiser_commitments"])
                                       if row.get("text")]
    return result


def _flag(value) -> bool:
    # A checkbox column gives a bool; a text column (an editor started empty) gives text.
    if isinstance(value, str):
        return value.strip().lower() in ("true", "vrai", "oui", "yes", "1", "x")
    return bool(value)


def _date(value) -> dt.date | None:
    if value is None or value != value:
        return None
    if isinstance(value, pd.Timestamp) or isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _int_or_none(value) -> int | None:
    if value is None or value != value or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return value  # left as typed so validation can say what is wrong


def insert_campaign(cur, campaign: dict, *, actor: str) -> int:
    """Insert a whole campaign (channels, moments, commitments) from seed-shaped data.

    Used by seeding and by staff when they create or copy a campaign. Runs inside the
    caller's transaction; returns the new campaign id.
    """
    contact = campaign.get("contact") or {}
    columns = ["slug", *CAMPAIGN_TEXT_FIELDS, "starts_on", "valid_until", "report_due",
               "contact_name", "contact_title", "contact_email", "created_by"]
    values = [campaign["slug"], *(campaign.get(f) or "" for f in CAMPAIGN_TEXT_FIELDS),
              campaign.get("starts_on"), campaign.get("valid_until"), campaign.get("report_due"),
              contact.get("name", ""), contact.get("title", ""), contact.get("email", ""), actor]
    placeholders = ", ".join("?" for _ in columns)
    campaign_id = cur.execute(
        f"INSERT INTO campaigns ({', '.join(columns)}) VALUES ({placeholders}) RETURNING id", values
    ).fetchone()[0]
    for position, channel in enumerate(campaign.get("channels", []), start=1):
        cur.execute(
            "INSERT INTO campaign_channels (campaign_id, position, key, label, audience, as_of)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [campaign_id, position, channel["key"], channel["label"], channel.get("audience"),
             channel.get("as_of", campaign.get("reach_as_of"))],
        )
    for position, moment in enumerate(campaign.get("moments", []), start=1):
        cur.execute(
            "INSERT INTO campaign_moments (campaign_id, position, key, kind, when_label, starts_on, ends_on,"
            " description, checklist_label, when_label_en, description_en, checklist_label_en)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [campaign_id, position, moment["key"], moment["kind"], moment.get("when", ""),
             moment["starts_on"], moment["ends_on"], moment.get("description", ""),
             moment.get("checklist_label", ""), *(_english(moment.get(key)) for key in MOMENT_ENGLISH)],
        )
    for position, commitment in enumerate(campaign.get("commitments", []), start=1):
        cur.execute(
            "INSERT INTO commitment_types (campaign_id, position, key, label, with_moments, label_en)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [campaign_id, position, commitment["key"], commitment["label"], bool(commitment.get("with_moments")),
             _english(commitment.get("label_en"))],
        )
    for position, text in enumerate(campaign.get("organiser_commitments", []), start=1):
        cur.execute(
            "INSERT INTO organiser_commitments (campaign_id, position, text) VALUES (?, ?, ?)",
            [campaign_id, position, text],
        )
    cur.execute(
        "INSERT INTO audit_log (actor, action, entity, entity_id) VALUES (?, 'campaign.create', 'campaign', ?)",
        [actor, str(campaign_id)],
    )
    return campaign_id
