"""Words, dates and numbers in French (first) and English, following Québec conventions.

The French text is the key: `translate("Plan d’action", "en")` looks it up in the
English catalogues `lib/locales/en/*.yaml` (one file per area, so that work on one
screen does not touch another's words) and falls back to the French text.

Dates and the clock come from Babel's fr_CA and en_CA data ("1er" for the first day of the
month is added here: Babel writes "1 mars").
"""
from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import yaml
from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_time as babel_format_time
from babel.numbers import format_decimal, format_percent

LANGUAGES = {"fr": "Français", "en": "English"}
DEFAULT_LANGUAGE = "fr"
_LOCALES = {"fr": "fr_CA", "en": "en_CA"}
_CATALOG_DIR = Path(__file__).resolve().parent / "locales"
# The English clock stays on 24 hours ("14:05"); French uses Babel's fr_CA short time ("14 h 05").
_TIME_PATTERNS = {"fr": "short", "en": "HH:mm"}

MONTHS_FR: tuple[str, ...] = tuple(Locale.parse("fr_CA").months["format"]["wide"][m] for m in range(1, 13))


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
    if lang == "fr" and day.day == 1:  # Babel's fr_CA long date is "d MMMM y"
        return babel_format_date(day, "'1er' MMMM y", locale=_LOCALES[lang])
    return babel_format_date(day, "long", locale=_LOCALES[lang])


def format_time(moment: dt.datetime | dt.time, lang: str = DEFAULT_LANGUAGE) -> str:
    """'14 h 05' (fr, Babel's fr_CA) or '14:05' (en), of the moment as given (no time zone change)."""
    clock = moment.time() if isinstance(moment, dt.datetime) else moment
    return babel_format_time(clock.replace(tzinfo=None), _TIME_PATTERNS[lang], locale=_LOCALES[lang])


def format_datetime(moment: dt.datetime | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """'13 mars 2023, 14 h 05' (fr) or 'March 13, 2023, 14:05' (en); '' for None."""
    if moment is None or moment != moment:
        return ""
    joined = Locale.parse(_LOCALES[lang]).datetime_formats["long"]  # "{1}, {0}": date, time
    return joined.format(format_time(moment, lang), format_date(moment.date(), lang))


def format_month(year: int, month: int, lang: str = DEFAULT_LANGUAGE) -> str:
    """'janvier 2026' (fr) or 'January 2026' (en)."""
    return babel_format_date(dt.date(year, month, 1), "MMMM y", locale=_LOCALES[lang])


def month_name(month: int, lang: str = DEFAULT_LANGUAGE) -> str:
    """'janvier' (fr) or 'January' (en) for 1."""
    return Locale.parse(_LOCALES[lang]).months["stand-alone"]["wide"][month]


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
