"""Words, dates and numbers in French (first) and English, following Québec conventions.

The French text is the key: `translate("Plan d’action", "en")` looks it up in the
English catalogues `lib/locales/en/*.yaml` (one file per area, so that work on one
screen does not touch another's words) and falls back to the French text.
"""
from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import yaml
from babel.dates import format_date as babel_format_date
from babel.numbers import format_decimal, format_percent

LANGUAGES = {"fr": "Français", "en": "English"}
DEFAULT_LANGUAGE = "fr"
_LOCALES = {"fr": "fr_CA", "en": "en_CA"}
_CATALOG_DIR = Path(__file__).resolve().parent / "locales"

MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre")


@cache
def catalog(lang: str) -> dict[str, str]:
    """The merged French -> `lang` catalogue (empty for French)."""
    merged: dict[str, str] = {}
    for path in sorted((_CATALOG_DIR / lang).glob("*.yaml")):
        merged.update(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    return merged


def translate(text_fr: str, lang: str = DEFAULT_LANGUAGE, **values) -> str:
    """`text_fr` in `lang` (French when no translation exists), formatted with `values`."""
    text = text_fr if lang == "fr" else catalog(lang).get(text_fr, text_fr)
    return text.format(**values) if values else text


def format_date(day: dt.date | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """'13 mars 2023', '1er mars 2023' (fr) or 'March 13, 2023' (en); '' for None."""
    if day is None or day != day:  # None or NaT
        return ""
    if isinstance(day, dt.datetime):
        day = day.date()
    if lang == "fr":
        first = "1er" if day.day == 1 else str(day.day)
        return f"{first} {MONTHS_FR[day.month - 1]} {day.year}"
    return babel_format_date(day, "long", locale=_LOCALES[lang])


def format_datetime(moment: dt.datetime | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """'13 mars 2023, 14 h 05' (fr) or 'March 13, 2023, 14:05' (en); '' for None."""
    if moment is None or moment != moment:
        return ""
    clock = f"{moment:%H} h {moment:%M}" if lang == "fr" else f"{moment:%H:%M}"
    return f"{format_date(moment.date(), lang)}, {clock}"


def format_month(year: int, month: int, lang: str = DEFAULT_LANGUAGE) -> str:
    """'janvier 2026' (fr) or 'January 2026' (en)."""
    if lang == "fr":
        return f"{MONTHS_FR[month - 1]} {year}"
    return babel_format_date(dt.date(year, month, 1), "MMMM y", locale=_LOCALES[lang])


def month_name(month: int, lang: str = DEFAULT_LANGUAGE) -> str:
    """'janvier' (fr) or 'January' (en) for 1."""
    if lang == "fr":
        return MONTHS_FR[month - 1]
    return babel_format_date(dt.date(2000, month, 1), "MMMM", locale=_LOCALES[lang])


def format_number(value: float | int | None, lang: str = DEFAULT_LANGUAGE, decimals: int = 0) -> str:
    """'1 315 000' (fr, thin no-break spaces as Babel writes them) or '1,315,000' (en)."""
    if value is None or value != value:
        return ""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=_LOCALES[lang])


def format_pct(ratio: float | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """'46 %' (fr) or '46%' (en) for 0.456; '' for None."""
    if ratio is None or ratio != ratio:
        return ""
    return format_percent(ratio, locale=_LOCALES[lang])
