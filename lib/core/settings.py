"""The app's settings: one typed object, its defaults and its validation, in one place.

Stored as text rows of the `settings` table (key, value). Reading never fails: a missing or
invalid row reads as its default. Admins change the editable ones through
lib.accounts.settings.save_settings (checked, attributed, audited).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import date
from urllib.parse import urlsplit

from lib.core.db import Database
from lib.core.i18n import N_
from lib.core.messages import Message


@dataclass(frozen=True)
class Settings:
    current_plan: str = "rocsmo-plan-action"       # slug of the plan the dashboard follows
    current_campaign: str = "choisir-2022-2023"    # slug of the campaign shown and open to sign-ups
    aga_month: int = 6                              # month of the AGA, to read periods like "Novembre, AGA et mars"
    continuous_late_days: int = 90                  # days without an update before a continuous item is late
    plan_start: date = date(2021, 1, 1)             # the first day the plan is tracked
    backups_kept: int = 14                          # backups kept in the app's folder (the daily one rotates them)
    link_hours: int = 72                            # how long a one-click link in an email stays valid
    base_url: str = "http://localhost:8501"         # the app's address as people reach it, for links in emails

    def as_rows(self) -> dict[str, str]:
        """The settings as the table's text values, by key."""
        return {key: value.isoformat() if isinstance(value, date) else str(value)
                for key, value in asdict(self).items()}


DEFAULTS = Settings()
EDITABLE = ("aga_month", "continuous_late_days", "plan_start", "backups_kept", "link_hours", "base_url")
AGA_MONTHS = range(1, 13)
CONTINUOUS_LATE_DAYS = range(7, 367)
BACKUPS_KEPT = range(1, 366)
LINK_HOURS = range(1, 24 * 30 + 1)


def validate_settings(values: dict) -> list[str]:
    """French messages for each invalid editable value of `values` (text or typed); [] when valid."""
    errors = []
    if "aga_month" in values and not (str(values["aga_month"]).isdecimal() and int(values["aga_month"]) in AGA_MONTHS):
        errors.append(N_("Le mois de l’AGA doit être un mois de 1 à 12."))
    if "continuous_late_days" in values and not (
            str(values["continuous_late_days"]).isdecimal()
            and int(values["continuous_late_days"]) in CONTINUOUS_LATE_DAYS):
        errors.append(N_("Le délai sans mise à jour doit être un nombre de jours entre 7 et 366."))
    if "backups_kept" in values and not (
            str(values["backups_kept"]).isdecimal() and int(values["backups_kept"]) in BACKUPS_KEPT):
        errors.append(N_("Le nombre de sauvegardes gardées doit être un nombre entier entre 1 et 365."))
    if "plan_start" in values:
        try:
            date.fromisoformat(str(values["plan_start"]))
        except ValueError:
            errors.append(N_("La date de début du plan doit être une date valide (AAAA-MM-JJ)."))
    if "link_hours" in values and not (str(values["link_hours"]).isdigit()
                                       and int(values["link_hours"]) in LINK_HOURS):
        errors.append(N_("La durée des liens en un clic doit être un nombre d’heures entre 1 et 720."))
    if "base_url" in values and not is_base_url(str(values["base_url"])):
        errors.append(N_("L’adresse de l’application doit commencer par https:// ou http:// et nommer un serveur "
                         "(par exemple https://tableau.rocsmo.org)."))
    unknown = set(values) - set(EDITABLE)
    if unknown:
        errors.append(Message("Paramètre inconnu : {keys}", keys=", ".join(sorted(unknown))))
    return errors


def is_base_url(text: str) -> bool:
    """Whether `text` is an http(s) address with a host and nothing after the path (no query,
    no fragment, no spaces or quotes): links in emails are built on it."""
    parts = urlsplit(text)
    return (parts.scheme in ("http", "https") and bool(parts.hostname) and not parts.query and not parts.fragment
            and not any(char in text for char in " <>\"'"))


def parse_settings(rows: dict[str, str]) -> Settings:
    """Typed settings from the table's text rows; a missing or invalid value is its default."""
    typed = {}
    for spec in fields(Settings):
        text = rows.get(spec.name)
        if text is None or (spec.name in EDITABLE and validate_settings({spec.name: text})):
            continue
        parse = {"date": date.fromisoformat, "int": int}.get(spec.type, str)
        typed[spec.name] = parse(text)
    return Settings(**typed)


def read_rows(db: Database) -> dict[str, str]:
    """Every stored setting as text, by key."""
    return dict(db.query("SELECT key, value FROM settings"))


def load_settings(db: Database) -> Settings:
    """The typed settings of the database (defaults where missing or invalid)."""
    return parse_settings(read_rows(db))
