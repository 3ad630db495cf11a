"""The partnership agreement form as organisations fill it: its channels, limits and validation.

Pure functions over the typed form (a dict, as lib.ui.campaign_widgets returns it); French
messages, one per problem, so the form can show them all at once and keep what was typed."""
from __future__ import annotations

import re
import unicodedata

import pandas as pd

from lib.accounts import users
from lib.accounts.passwords import validate_password
from lib.campaign import logos
from lib.core import validators
from lib.core.i18n import N_
from lib.core.messages import LocalNumber, Message

# The channels an ambassador declares its own audience on (and later reports reach for).
CHANNELS: tuple[tuple[str, str], ...] = (
    ("facebook", "Facebook"),
    ("instagram", "Instagram"),
    ("linkedin", "LinkedIn"),
    ("x", "X (Twitter)"),
    ("newsletter", N_("Abonnés à l’infolettre")),
    ("website", N_("Visiteurs du site Web (par année)")),
)


CHANNEL_LABELS = dict(CHANNELS)


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


PHONE_PATTERN = re.compile(r"^[0-9+()\-.\s]*(?:(?:poste|p\.|ext\.?|x)\s*\d{1,6})?$", re.IGNORECASE)


# -- pure helpers ----------------------------------------------------------------
def normalise_key(text: str) -> str:
    """`text` folded for duplicate checks: case, accents, punctuation and spacing ignored."""
    folded = unicodedata.normalize("NFKD", (text or "").casefold())
    folded = "".join(char for char in folded if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^\w]+", " ", folded).split())


def count_words(text: str) -> int:
    """Words of `text` as a reader counts them (separated by spaces)."""
    return len((text or "").split())


def _text_errors(value, label: str, maximum: int, required: bool = True, multiline: bool = False) -> list[str]:
    text = value if isinstance(value, str) else ""
    if required and not text.strip():
        return [Message("{label} : ce champ est obligatoire.", label=label)]
    if len(text) > maximum:
        return [Message("{label} : {maximum} caractères au plus ({typed} saisis).", label=label,
                        maximum=LocalNumber(maximum), typed=LocalNumber(len(text)))]
    control = validators.control_character_error(text, label, multiline=multiline)
    return [control] if control else []


def validate_agreement(data: dict, commitment_types: pd.DataFrame, moment_keys: list[str]) -> list[str]:
    """French messages, field by field, for the agreement part of a sign-up; [] when valid.

    `data` holds organisation, contact_name, email, phone, website, audiences
    ({channel key: int or None}), why_text, logo (bytes or None; None is accepted when
    `data["keep_logo"]`), commitments and moments (lists of keys), signer_name,
    signer_title and accepted. `commitment_types` is the campaign's checklist.
    """
    errors = []
    errors += _text_errors(data.get("organisation"), N_("Organisation"), MAX_ORGANISATION)
    errors += _text_errors(data.get("contact_name"), N_("Personne-ressource"), MAX_NAME)
    email = (data.get("email") or "").strip()
    if not email:
        errors.append(N_("Courriel : ce champ est obligatoire."))
    elif len(email) > MAX_EMAIL or not validators.is_email(email):
        errors.append(N_("Courriel : l’adresse n’est pas valide (exemple : nom@organisme.org)."))
    phone = (data.get("phone") or "").strip()
    if not phone:
        errors.append(N_("Téléphone : ce champ est obligatoire."))
    elif len(phone) > MAX_PHONE or not PHONE_PATTERN.match(phone) or len(re.sub(r"\D", "", phone)) < 10:
        errors.append(N_("Téléphone : le numéro n’est pas valide (exemple : 819 555-1234, poste 12)."))
    website = (data.get("website") or "").strip()
    if website and (len(website) > MAX_WEBSITE or not validators.is_web_address(validators.with_scheme(website))):
        errors.append(N_("Site Web : l’adresse n’est pas valide (exemple : https://organisme.org)."))
    for key, value in (data.get("audiences") or {}).items():
        if key not in CHANNEL_LABELS:
            errors.append(N_("Auditoire : canal inconnu."))
        elif value is not None and (isinstance(value, bool) or not isinstance(value, int)
                                    or not 0 <= value <= MAX_AUDIENCE):
            errors.append(Message("Auditoire {channel} : un nombre entier de 0 à 10 milliards.",
                                  channel=CHANNEL_LABELS[key]))
    text = data.get("why_text") or ""
    words = count_words(text)
    if not text.strip():
        errors.append(N_("Pourquoi nous joignons le mouvement : ce texte est obligatoire (environ 100 mots)."))
    elif words > MAX_WORDS:
        errors.append(Message("Pourquoi nous joignons le mouvement : {words} mots; la limite est de {limit} mots.",
                              words=words, limit=MAX_WORDS))
    else:
        errors += _text_errors(text, N_("Pourquoi nous joignons le mouvement"), MAX_TEXT_CHARS, multiline=True)
    if not (data.get("keep_logo") and data.get("logo") is None):
        errors += logos.check(data.get("logo"))
    known = set(commitment_types["key"])
    chosen = list(data.get("commitments") or [])
    moments = list(data.get("moments") or [])
    if not chosen:
        errors.append(N_("Engagements : cochez au moins un engagement."))
    if any(key not in known for key in chosen) or any(key not in moment_keys for key in moments):
        errors.append(N_("Engagements : choix inconnu."))
    with_moments = set(commitment_types.loc[commitment_types["with_moments"].astype(bool), "key"])
    if with_moments & set(chosen) and not moments:
        errors.append(N_("Moments forts : choisissez au moins un moment fort, ou décochez l’engagement de "
                         "diffuser de l’information lors des moments forts."))
    if moments and not with_moments & set(chosen):
        errors.append(N_("Moments forts : cochez l’engagement de diffuser de l’information lors des moments forts "
                         "pour les moments choisis."))
    errors += _text_errors(data.get("signer_name"), N_("Signature — nom"), MAX_NAME)
    errors += _text_errors(data.get("signer_title"), N_("Signature — titre"), MAX_NAME)
    if data.get("accepted") is not True:
        errors.append(N_("Signature : cochez la case pour accepter l’entente."))
    return errors


def validate_signup(data: dict, commitment_types: pd.DataFrame, moment_keys: list[str]) -> list[str]:
    """French messages, field by field, for a whole public sign-up; [] when valid.

    Adds to validate_agreement the account: username, password and password_confirm.
    """
    errors = validate_agreement({**data, "keep_logo": False}, commitment_types, moment_keys)
    username = users.normalise_username(data.get("username") or "")
    if not users.USERNAME_PATTERN.match(username):
        errors.append(N_("Nom d’utilisateur : de 3 à 40 caractères, lettres minuscules, chiffres, point, "
                         "tiret ou souligné."))
    password = data.get("password") or ""
    errors += validate_password(password, username)  # its messages name the password already
    if password != (data.get("password_confirm") or ""):
        errors.append(N_("Mot de passe : les deux mots de passe ne sont pas identiques."))
    return errors
