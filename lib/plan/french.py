"""French as the plan writes it: folded text, tokens, month and season names, periods named in French.

Pure functions; standard library only. Schedules and indicators read their labels through
the same folding and the same tokens."""
from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from lib.core.i18n import N_, format_date
from lib.core.messages import LocalDate, LocalMonth, Message

SEASONS_FR = {"printemps": 3, "ete": 6, "automne": 9, "hiver": 12}  # folded name -> first month


SEASON_DISPLAY = {"printemps": N_("printemps"), "ete": N_("été"), "automne": N_("automne"), "hiver": N_("hiver")}


MONTH_ALIASES = {
    "janvier": 1, "janv": 1, "jan": 1,
    "fevrier": 2, "fevr": 2, "fev": 2,
    "mars": 3,
    "avril": 4, "avr": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7, "juil": 7,
    "aout": 8,
    "septembre": 9, "sept": 9, "sep": 9,
    "octobre": 10, "oct": 10,
    "novembre": 11, "nov": 11,
    "decembre": 12, "dec": 12,
}


MONTH_FULL = {name: number for name, number in MONTH_ALIASES.items() if len(name) >= 4}


CHAR_MAP = {
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'",
    "\u2013": "-", "\u2014": "-", "\u2011": "-", "\u2212": "-", "\u2010": "-",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ",
}


def fold(text: str) -> str:
    """`text` lower-cased, without accents, with ASCII apostrophes, dashes and spaces.

    The result has exactly the same length as `text`, so a match in the folded text can be
    cut from the original. No side effects.
    """
    out = []
    for char in text:
        mapped = CHAR_MAP.get(char)
        if mapped is None:
            base = unicodedata.normalize("NFD", char)[0]
            lowered = base.lower()
            # Some lower-casings grow ("İ" -> "i̇"); keep one character per character.
            mapped = lowered if len(lowered) == 1 else base
        out.append(mapped)
    return "".join(out)


def clean_spaces(text: str) -> str:
    return " ".join(text.split())


def osa_distance(a: str, b: str) -> int:
    """Edit distance counting a swap of two neighbours as one edit."""
    rows = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        rows[i][0] = i
    for j in range(len(b) + 1):
        rows[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            rows[i][j] = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1)
    return rows[-1][-1]


def month_number(word: str) -> int | None:
    """1..12 for a folded French month name or abbreviation, tolerating one typo in names of
    five letters or more ("fevier", "septembe"); None otherwise. No side effects."""
    if word in MONTH_ALIASES:
        return MONTH_ALIASES[word]
    if len(word) >= 5:
        for name, number in MONTH_FULL.items():
            if len(name) >= 5 and osa_distance(word, name) <= 1:
                return number
    return None


def season_name(word: str) -> str | None:
    if word in SEASONS_FR:
        return word
    if len(word) >= 6:  # "automme", "printemp"; short words would match too much
        for name in SEASONS_FR:
            if len(name) >= 6 and osa_distance(word, name) <= 1:
                return name
    return None


def last_day_of_month(year: int, month: int) -> date:
    """The last day of `month` in `year` (leap years included). No side effects."""
    return date(year, month, calendar.monthrange(year, month)[1])


def format_date_fr(day: date) -> str:
    """'30 novembre 2021', '1er mai 2021' (lib.core.i18n.format_date in French). No side effects."""
    return format_date(day, "fr")


def season_bounds(season: str, year: int) -> tuple[date, date]:
    first = SEASONS_FR[season]
    start = date(year, first, 1)
    last_month = first + 2
    if last_month > 12:  # winter runs into the next year
        return start, last_day_of_month(year + 1, last_month - 12)
    return start, last_day_of_month(year, last_month)


def period_label_fr(start: date, due: date) -> str:
    """A French name for the span start..due: "avril 2021", "automne 2021", "2022",
    "2021-2022", "15 mars 2022", else "du … au …"; a Message (lib.core.messages) where English
    differs, so pages translate it. No side effects."""
    if start == due:
        return LocalDate(due)
    if start.day == 1 and due == last_day_of_month(start.year, start.month):
        return LocalMonth(start.year, start.month)
    for season in SEASONS_FR:
        if start.month == SEASONS_FR[season] and season_bounds(season, start.year) == (start, due):
            return Message("{season} {year}", season=SEASON_DISPLAY[season], year=start.year)
    if (start.month, start.day) == (1, 1) and (due.month, due.day) == (12, 31):
        return str(start.year) if start.year == due.year else f"{start.year}-{due.year}"
    return Message("du {start} au {end}", start=LocalDate(start), end=LocalDate(due))


@dataclass(frozen=True)
class Token:
    text: str  # folded
    start: int
    end: int


# Digits (with a decimal part: "2,5"), words, $ and %, apostrophes, and any other sign alone.
TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)?|[^\W\d_]+|[$%]|'|[^\s\w]")


def tokenize(folded: str) -> list[Token]:
    """The tokens of folded text, with their place in it (so the original can be cut). No side effects."""
    return [Token(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(folded)]
