"""Words, dates and numbers in French (first) and English, following Québec conventions.

The French text is the gettext msgid: `translate("Plan d’action", "en")` looks it up in
lib/core/locales/en/LC_MESSAGES/messages.po and falls back to the French text. The .po is
compiled to its .mo on first use when the .mo is missing or older (nothing to run after a
clone or a pull); the commands that extract, update and compile the catalogues are in the
README. Code marks its French texts for extraction by passing literals to `translate`,
`ngettext`, `Message` and the pages' `t`/`nt`, or with `N_` where a constant keeps them.

Dates and the clock come from Babel's fr_CA and en_CA data ("1er" for the first day of the
month is added here: Babel writes "1 mars").
"""
from __future__ import annotations

import datetime as dt
import gettext
import io
import os
import re
import tempfile
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_time as babel_format_time
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent
from babel.support import NullTranslations, Translations

LANGUAGES = {"fr": "Français", "en": "English"}
DEFAULT_LANGUAGE = "fr"
_LOCALES = {"fr": "fr_CA", "en": "en_CA"}
LOCALE_DIR = Path(__file__).resolve().parent / "locales"
DOMAIN = "messages"
# The English clock stays on 24 hours ("14:05"); French uses Babel's fr_CA short time ("14 h 05").
_TIME_PATTERNS = {"fr": "short", "en": "HH:mm"}

MONTHS_FR: tuple[str, ...] = tuple(Locale.parse("fr_CA").months["format"]["wide"][m] for m in range(1, 13))


# A column name as written in lib's SQL ("name", "ax.name"): localized_sql only takes these.
_SQL_COLUMN = re.compile(r"^(?:[a-z_][a-z0-9_]*\.)?[a-z_][a-z0-9_]*$")


def localized(french, english, lang: str = DEFAULT_LANGUAGE):
    """The plan's or the campaign's own text as a reader of `lang` sees it: the English text
    staff added (optional, stored beside the French as `<column>_en`) on an English screen,
    the French otherwise. French screens never show the English text. No side effects."""
    if lang == "en" and isinstance(english, str) and english.strip():
        return english
    return french


def localized_sql(column: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The SQL expression of `localized` for a French column of lib's own SQL ("ax.name"):
    for English, its `<column>_en` when staff typed one, else the column itself; for French,
    the column. Name the result with AS. Raises ValueError for anything but a column name
    (it is written into the SQL, never a value: values stay parameters)."""
    if not _SQL_COLUMN.match(column):
        raise ValueError(column)
    return f"coalesce(nullif(trim({column}_en), ''), {column})" if lang == "en" else column


def N_(text_fr: str) -> str:
    """Mark a French text kept in a constant for extraction (translated where it is shown)."""
    return text_fr


class _French(NullTranslations):
    """The msgids themselves, with the French plural rule (0 and 1 are singular): French
    screens, and the fallback of every other language for what it does not translate."""

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return msgid1 if n <= 1 else msgid2


def po_path(lang: str) -> Path:
    """The catalogue of `lang`: lib/core/locales/<lang>/LC_MESSAGES/messages.po."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def compile_catalogue(lang: str) -> bytes:
    """The .mo bytes of `lang`'s .po (fuzzy and empty translations left out); also written
    next to the .po when the .mo there is missing or older (atomically, so that processes
    starting together do not read half a file). A read-only checkout only skips the write."""
    po = po_path(lang)
    mo = po.with_suffix(".mo")
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        return mo.read_bytes()
    with po.open("rb") as source:
        catalogue = read_po(source, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalogue)
    data = buffer.getvalue()
    try:
        handle, temporary = tempfile.mkstemp(dir=mo.parent, prefix=".messages-", suffix=".mo")
    except OSError:
        return data
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, 0o644)  # mkstemp makes it owner-only, like no other file of the checkout
        os.replace(temporary, mo)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
    return data


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The gettext translations of `lang`, falling back to French (the msgids)."""
    french = _French()
    if lang == "fr" or not po_path(lang).exists():
        return french
    loaded = Translations(fp=io.BytesIO(compile_catalogue(lang)), domain=DOMAIN)
    loaded.add_fallback(french)
    return loaded


def translate(text_fr: str, lang: str = DEFAULT_LANGUAGE, **values) -> str:
    """`text_fr` in `lang` (French when no translation exists), formatted with `values`."""
    text = translations(lang).gettext(text_fr)
    return text.format(**values) if values else text


def ngettext(singular_fr: str, plural_fr: str, n: int, lang: str = DEFAULT_LANGUAGE, **values) -> str:
    """The form of `singular_fr`/`plural_fr` that fits `n` in `lang` (French: 0 and 1 are
    singular), formatted with `n` written in the language ('1 100', '1,100') and `values`."""
    return translations(lang).ngettext(singular_fr, plural_fr, n).format(**{"n": format_number(n, lang), **values})


def format_date(day: dt.date | None, lang: str = DEFAULT_LANGUAGE, width: str = "long") -> str:
    """'13 mars 2023', '1er mars 2023' (fr) or 'March 13, 2023' (en); with width "medium"
    (narrow columns) '13 déc. 2023', '1er déc. 2023' or 'Dec 13, 2023'; '' for None."""
    if day is None or day != day:  # None or NaT
        return ""
    if isinstance(day, dt.datetime):
        day = day.date()
    if lang == "fr" and day.day == 1:  # Babel's fr_CA dates are "d MMMM y" (long), "d MMM y" (medium)
        return babel_format_date(day, "'1er' MMMM y" if width == "long" else "'1er' MMM y", locale=_LOCALES[lang])
    return babel_format_date(day, width, locale=_LOCALES[lang])


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


def format_table(frame, lang: str = DEFAULT_LANGUAGE):
    """A copy of DataFrame `frame` for reading on screen: numbers as the language writes them
    ('1 315 000'; a whole float without decimals, others with up to two), dates and
    midnight timestamps as dates ('7 avril 2021'), a column of timestamps with a time of day
    as dates and times ('7 avril 2021, 14 h 05'), empty cells left empty. The CSV keeps
    `frame` itself (ISO dates, plain numbers)."""
    import pandas as pd

    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if pd.api.types.is_bool_dtype(values):
            continue
        if pd.api.types.is_numeric_dtype(values):
            out[column] = [_number_text(v, lang) for v in values]
        elif pd.api.types.is_datetime64_any_dtype(values) or all(
                isinstance(v, dt.date) for v in values.dropna()) and values.notna().any():
            days = [None if v is None or pd.isna(v) else v.to_pydatetime() if isinstance(v, pd.Timestamp) else v
                    for v in values]
            timed = any(isinstance(v, dt.datetime) and v.time() != dt.time() for v in days)
            out[column] = pd.Series(["" if v is None else format_datetime(v, lang) if timed else format_date(v, lang)
                                     for v in days], index=out.index, dtype=object)
    return out


def _number_text(value, lang: str) -> str:
    import pandas as pd

    if value is None or pd.isna(value):
        return ""
    if float(value).is_integer():
        return format_number(value, lang)
    text = format_number(value, lang, decimals=2)
    return text.rstrip("0")  # '2,50' -> '2,5' (never down to the separator: the value is not whole)
