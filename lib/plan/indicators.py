"""Typed targets read from the plan's success indicators, and progress toward them.

Pure functions over frozen dataclasses; standard library only.

Reading an indicator (`derive_target`)
--------------------------------------
The indicator is read first, then the means text ("Offrir trois activités de formations par
année …" gives the number the indicator leaves vague), then the period label. In this order:

- threshold: a quantity of a measure per period ("à minimum 21 heures par semaine"): the
  latest figure reported must reach it. Measures: heures, jours, $, dollars, %.
- frequency: "4 fois par année", "trois activités de formations par année", "une infolettre
  par mois". An item done "mensuellement" / "chaque mois" (in the indicator, or a monthly
  period label) counts per year: "une infolettre mensuellement" = 12 infolettres per year.
  "N fois" counts "rencontres" when the text speaks of meeting ("se rencontre", "se réunit").
- count_by: "au moins 10 nouveaux membres d’ici 2024": a running total to reach by the end of
  the deadline period (here 2024-12-31), judged there (see Progress below). "au moins N …"
  without "d’ici" takes the due date of a one-off period label, if any.
- done: everything else; the item is done or not.

Numbers are digits or French words (un/une … douze, and a few more). The unit is cut from the
original text, so it keeps its accents.

Quantities in update notes (`parse_quantity`)
---------------------------------------------
The first number in the note that reads as a count, after dates, years, times, ordinals and
telephone numbers are blanked out ("le 12 mars" is a date, not twelve; "819 555-1234" is not
819). A number followed by a measure (%, $, heures, jours…) is not a count, unless that measure is
the target's unit. Given the target's unit ("nouveaux membres"), a number counts only when a word
of that unit follows it within three words ("8 membres présents"; not "3 partenaires"). A note
that only gives a date means one occurrence (1) (given a unit, when it names the unit). "de neuf"
is "new", not nine. "aucun(e)" is 0. Nothing found: None. `read_quantity_fr` says what was read
("Quantité lue : 4 membres").

Progress (`progress_toward`)
----------------------------
count_by sums every quantity up to `as_of`. Once its deadline has passed, the target is judged
at the deadline: the figure is the total on that day, the verdict "met" or "missed", and what
was reported afterwards is kept apart (`after`, shown as "+4 depuis"). frequency sums the
quantities of the calendar year (month, ISO week) containing `as_of`, up to `as_of`; threshold
takes the latest quantity up to `as_of`; done is 1 or 0 from `done`. The ratio is capped to 0..1 (None for done).
"""
from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

from lib.core.i18n import N_
from lib.core.messages import LocalDate, LocalMonth, LocalQuantity, Message
from lib.plan.french import Token, fold, tokenize
from lib.plan.schedule import parse_period

TargetKind = Literal["count_by", "frequency", "threshold", "done"]
Per = Literal["year", "month", "week"]

NUMBER_WORDS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "quinze": 15, "seize": 16, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50,
    "cent": 100,
}
_ZERO_WORDS = {"aucun", "aucune", "zero"}
_PER_WORDS = {"annee": "year", "an": "year", "ans": "year", "mois": "month", "semaine": "week"}
_THRESHOLD_UNITS = {"heure", "heures", "h", "jour", "jours", "$", "dollar", "dollars", "%"}
_STOP_WORDS = {"de", "du", "des", "d", "la", "le", "les", "l", "en", "sur", "pour", "avec", "aux",
               "au", "a", "qui", "que", "dans", "et", "ou", "par", "selon"}
_MONTH_PATTERN = (r"janvier|janv|fevrier|fevr|fev|mars|avril|avr|mai|juin|juillet|juil|aout|"
                  r"septembre|sept|sep|octobre|oct|novembre|nov|decembre|dec")


@dataclass(frozen=True)
class Target:
    """What success means for an item: see the module docstring for each kind."""

    kind: TargetKind
    quantity: int | None = None
    per: Per | None = None
    deadline: date | None = None
    unit_fr: str = ""
    source: str = ""


@dataclass(frozen=True)
class Progress:
    """How far an item is toward its target (`ratio` in 0..1, None for a done/not-done item)."""

    value: float
    target: float | None
    ratio: float | None
    label_fr: str
    verdict: Literal["met", "missed"] | None = None  # a count_by target judged at its passed deadline
    after: float = 0.0  # what was reported after that deadline (not counted in `value`)


# --------------------------------------------------------------------------- tokens

def _number(token: str) -> float | None:
    if token[0].isdecimal():
        return float(token.replace(",", "."))
    return NUMBER_WORDS.get(token)


def _is_word(token: Token) -> bool:
    return token.text[0].isalpha()


def _quantity_before(tokens: list[Token], anchor: int, max_words: int = 6) -> tuple[int, int] | None:
    """(index of the nearest quantity before tokens[anchor], anchor) within `max_words` words,
    not crossing punctuation; None if there is none."""
    words = 0
    for i in range(anchor - 1, -1, -1):
        text = tokens[i].text
        if _number(text) is not None:
            # "d'une", "de deux": an article or "de neuf" (new), not a count.
            if text in ("un", "une", "neuf") and i > 0 and tokens[i - 1].text in ("'", "de"):
                return None
            return i, anchor
        if text == "'":
            continue
        if not _is_word(tokens[i]):
            return None
        words += 1
        if words > max_words:
            return None
    return None


def _cut(original: str, tokens: list[Token], first: int, last: int) -> str:
    """The original text of tokens[first:last] (empty when first >= last)."""
    if first >= last:
        return ""
    return " ".join(original[tokens[first].start:tokens[last - 1].end].split())


def _to_int(value: float) -> int:
    # Half up ("21,5 heures" -> 22): round() would send 20.5 to 20.
    return int(math.floor(value + 0.5))


def _plural(unit: str, quantity: float) -> str:
    if quantity <= 1 or not unit:
        return unit
    words = unit.split(" ")
    # Plural of the head noun and its adjectives, up to the first preposition.
    for n, word in enumerate(words):
        if fold(word) in _STOP_WORDS:
            break
        if not word.endswith(("s", "x", "z")):
            words[n] = word + "s"
    return " ".join(words)


# --------------------------------------------------------------------------- targets

def _find_threshold(text: str) -> Target | None:
    folded = fold(text)
    tokens = tokenize(folded)
    for i, tok in enumerate(tokens):
        if tok.text in ("par", "/") and i + 1 < len(tokens) and tokens[i + 1].text in _PER_WORDS:
            if i >= 2 and tokens[i - 1].text in _THRESHOLD_UNITS and _number(tokens[i - 2].text) is not None:
                unit = _cut(text, tokens, i - 1, i)
                return Target("threshold", quantity=_to_int(_number(tokens[i - 2].text)),
                              per=_PER_WORDS[tokens[i + 1].text], unit_fr=unit, source=text)
    return None


def _find_frequency(text: str) -> Target | None:
    folded = fold(text)
    tokens = tokenize(folded)
    for i, tok in enumerate(tokens):
        if tok.text not in ("par", "chaque") or i + 1 >= len(tokens) or tokens[i + 1].text not in _PER_WORDS:
            continue
        per = _PER_WORDS[tokens[i + 1].text]
        if i >= 2 and tokens[i - 1].text == "fois" and _number(tokens[i - 2].text) is not None:
            unit = "rencontres" if re.search(r"rencontr|reuni", folded) else "fois"
            return Target("frequency", quantity=_to_int(_number(tokens[i - 2].text)), per=per,
                          unit_fr=unit, source=text)
        found = _quantity_before(tokens, i)
        if found and found[0] < i - 1:
            quantity = _number(tokens[found[0]].text)
            unit = _plural(_cut(text, tokens, found[0] + 1, i), quantity)
            return Target("frequency", quantity=_to_int(quantity), per=per, unit_fr=unit, source=text)
    return None


def _monthly_anchor(tokens: list[Token]) -> int | None:
    words = [t.text for t in tokens]
    for i, word in enumerate(words):
        if word in ("mensuellement", "mensuel", "mensuelle"):
            return i
        if word == "chaque" and words[i + 1:i + 2] == ["mois"]:
            return i
        if word == "tous" and words[i + 1:i + 3] == ["les", "mois"]:
            return i
    return None


def _find_monthly(indicator: str, period_is_monthly: bool) -> Target | None:
    """'une infolettre mensuellement' (or a monthly period): 12 × N per year."""
    folded = fold(indicator)
    tokens = tokenize(folded)
    anchor = _monthly_anchor(tokens)
    if anchor is not None:
        found = _quantity_before(tokens, anchor)
        if found and found[0] < anchor - 1:
            quantity = _number(tokens[found[0]].text)
            unit = _plural(_cut(indicator, tokens, found[0] + 1, anchor), 2)
            return Target("frequency", quantity=_to_int(quantity * 12), per="year", unit_fr=unit,
                          source=indicator)
    if period_is_monthly:
        # Only "N <noun>" closing the phrase: "Avoir une bonne idée de …" is not a count.
        for i, tok in enumerate(tokens[:-1]):
            quantity = _number(tok.text)
            if quantity is None or (i > 0 and tokens[i - 1].text in ("'", "de")):
                continue
            after = tokens[i + 2] if i + 2 < len(tokens) else None
            if _is_word(tokens[i + 1]) and (after is None or after.text in _STOP_WORDS or not _is_word(after)):
                unit = _plural(_cut(indicator, tokens, i + 1, i + 2), 2)
                return Target("frequency", quantity=_to_int(quantity * 12), per="year",
                              unit_fr=unit, source=indicator)
    return None


def _deadline_of(text: str) -> date | None:
    schedule = parse_period(text)
    dues = [p.due for p in schedule.parts if p.kind == "once"]
    return dues[-1] if dues else None


def _find_count_by(text: str, period_label: str) -> Target | None:
    folded = fold(text)
    tokens = tokenize(folded)
    for i, tok in enumerate(tokens):
        # "d'ici", "avant", "au plus tard": what comes next is the deadline.
        is_dici = tok.text == "d" and [t.text for t in tokens[i + 1:i + 3]] == ["'", "ici"]
        if not (is_dici or tok.text == "avant"):
            continue
        deadline = _deadline_of(text[(tokens[i + 2].end if is_dici else tok.end):])
        found = _quantity_before(tokens, i)
        if deadline and found and found[0] < i - 1:
            quantity = _number(tokens[found[0]].text)
            return Target("count_by", quantity=_to_int(quantity), deadline=deadline,
                          unit_fr=_cut(text, tokens, found[0] + 1, i), source=text)
    for i, tok in enumerate(tokens):
        at_least = (tok.text == "moins" and i > 0 and tokens[i - 1].text == "au") or tok.text == "minimum"
        if not at_least or i + 2 >= len(tokens) or _number(tokens[i + 1].text) is None:
            continue
        end = i + 2
        while end < len(tokens) and _is_word(tokens[end]) and tokens[end].text not in _STOP_WORDS \
                and end - (i + 2) < 4:
            end += 1
        if end == i + 2:
            continue
        return Target("count_by", quantity=_to_int(_number(tokens[i + 1].text)),
                      deadline=_deadline_of(period_label) if period_label else None,
                      unit_fr=_cut(text, tokens, i + 2, end), source=text)
    return None


def derive_target(indicator: str, means_text: str = "", period_label: str = "") -> Target:
    """The Target an indicator describes (rules in the module docstring); kind "done" when no
    number can be read. Never raises on odd text. No side effects."""
    texts = [t for t in (indicator or "", means_text or "") if t.strip()]
    for finder in (_find_threshold, _find_frequency):
        for text in texts:
            target = finder(text)
            if target:
                return target
    period_is_monthly = bool(period_label) and parse_period(period_label).kind == "monthly"
    for text in texts:
        target = _find_monthly(text, period_is_monthly and text is texts[0])
        if target:
            return target
    for text in texts:
        target = _find_count_by(text, period_label)
        if target:
            return target
    return Target("done", source=indicator or "")


# --------------------------------------------------------------------------- quantities

_DATE_PATTERNS = (
    re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b"),                                    # 2026-03-12
    re.compile(r"\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b"),                             # 12/03/2026
    re.compile(rf"\b\d{{1,2}}(?:er|re)?\s+(?:{_MONTH_PATTERN})\b\.?(?:\s+\d{{4}})?"),  # 12 mars
    re.compile(r"\b(?:le|du|au|depuis le|jusqu'au)\s+\d{1,2}(?:er)?\b(?!\s*(?:h\b|heures?|[^\W\d_]))"),
)
_OTHER_BLANKS = (
    re.compile(r"(?:\+?1[\s.-]?)?\(?\b\d{3}\)?[\s.-]?\d{3}[\s.-]\d{4}\b"),           # 819 555-1234
    re.compile(r"\b(?:19|20)\d{2}\b"),                                           # years
    re.compile(r"\b(?:a|vers|de|des|jusqu'a)\s+\d{1,2}\s*h(?:\s*\d{2})?\b"),     # à 14 h 30
    re.compile(r"\b\d+\s*(?:er|re|e|eme|ieme)\b"),                               # 1re, 2e
)


def _blank(match: re.Match) -> str:
    # Same length, so token positions still point into the original note.
    return " " * len(match.group())


_MEASURES = {"%": "%", "pourcent": "%", "pour": None, "h": "heure", "heure": "heure", "heures": "heure",
             "hre": "heure", "hres": "heure", "jour": "jour", "jours": "jour", "$": "$", "dollar": "$",
             "dollars": "$", "minute": "minute", "minutes": "minute", "min": "minute"}


# Words a note uses for a unit's noun: "La table s'est réunie le 12 mars" is one "rencontre".
_UNIT_SYNONYMS = {"rencontre": ("reunion", "reuni", "reunie", "reunis", "reunies", "rencontre")}


def _stem(word: str) -> str:
    """A folded word without its plural ending ("membres" -> "membre", "nouveaux" -> "nouveau")."""
    return word[:-1] if len(word) > 3 and word.endswith(("s", "x")) else word


def _unit_words(unit_fr: str) -> set[str]:
    """The stems of the content words of a target's unit ("activités de formations" ->
    {"activite", "formation"}), measures as their one name ("heures" -> {"heure"})."""
    words = set()
    for tok in tokenize(fold(unit_fr or "")):
        if tok.text in _MEASURES and _MEASURES[tok.text]:
            words.add(_MEASURES[tok.text])
        elif _is_word(tok) and tok.text not in _STOP_WORDS:
            words.add(_stem(tok.text))
            words.update(_UNIT_SYNONYMS.get(_stem(tok.text), ()))
    return words


def _measure_after(tokens: list[Token], i: int) -> str | None:
    """The measure right after the number tokens[i] ("45 %", "21 h", "45 pour cent"), or None."""
    if i + 1 >= len(tokens):
        return None
    following = tokens[i + 1].text
    if following == "pour" and i + 2 < len(tokens) and tokens[i + 2].text == "cent":
        return "%"
    return _MEASURES.get(following)


def _names_unit(tokens: list[Token], i: int, unit: set[str]) -> bool:
    """Whether a word of `unit` follows the number tokens[i] within three words."""
    return any(_stem(tok.text) in unit or _MEASURES.get(tok.text) in unit for tok in tokens[i + 1:i + 4])


def parse_quantity(note: str, unit_fr: str = "") -> int | None:
    """The quantity an update note reports for a target counted in `unit_fr` (rules in the
    module docstring), or None.

    "2 nouveaux membres" -> 2; "trois formations" -> 3; "la table s'est réunie le 12 mars" -> 1;
    "rien de neuf" -> None; "Appel au 819 555-1234" -> None; "45 % de réponses" -> None.
    Never raises on odd text. No side effects.
    """
    if not note or not note.strip():
        return None
    unit = _unit_words(unit_fr)
    folded = fold(note)
    had_date = False
    for pattern in _DATE_PATTERNS + _OTHER_BLANKS:
        folded, count = pattern.subn(_blank, folded)
        if pattern in _DATE_PATTERNS and count:
            had_date = True
    tokens = tokenize(folded)
    for i, tok in enumerate(tokens):
        if tok.text in _ZERO_WORDS:
            return 0
        value = _number(tok.text)
        if value is None:
            continue
        measure = _measure_after(tokens, i)
        if measure is not None and measure not in unit:
            continue  # "45 % de réponses": a share, not a count (unless the target is counted in %)
        if unit and not _names_unit(tokens, i, unit):
            continue  # the number counts something else than the target's unit
        if tok.text[0].isdecimal():
            return _to_int(value)
        # Number words: "de neuf" is "new"; "d'une" is an article; a word needs a noun after it,
        # except the plain counts "deux", "trois"… ending a note ("on en a fait trois").
        if i > 0 and tokens[i - 1].text in ("de", "'"):
            continue
        followed_by_word = i + 1 < len(tokens) and _is_word(tokens[i + 1])
        if tok.text in ("un", "une", "neuf") and not followed_by_word:
            continue
        return _to_int(value)
    # A dated note is one occurrence ("Infolettre envoyée le 3 mars"), of the target's unit when it names it.
    return 1 if had_date and (not unit or any(_stem(tok.text) in unit for tok in tokens)) else None


# --------------------------------------------------------------------------- progress

def _fmt(value: float) -> LocalQuantity:
    return LocalQuantity(value)


def _period_bounds(per: str, as_of: date) -> tuple[date, Message]:
    """First day of the period containing `as_of`, and its name after a space (French, translatable)."""
    if per == "month":
        return date(as_of.year, as_of.month, 1), Message(" en {month}", month=LocalMonth(as_of.year, as_of.month))
    if per == "week":
        monday = as_of - timedelta(days=as_of.weekday())
        return monday, Message(" la semaine du {date}", date=LocalDate(monday))
    return date(as_of.year, 1, 1), Message(" en {year}", year=str(as_of.year))


_PER_FR = {"year": N_(" par année"), "month": N_(" par mois"), "week": N_(" par semaine")}
_FIGURE = "{value} / {goal}{unit}{after}"  # no words: the same in every language, not in the catalogue


def _figure(value: float, goal: float, unit: str, after: str = "") -> Message:
    """"4 / 10 membres d’ici 2024": the quantity, the goal, the unit (the plan's own words) and
    what follows (a deadline or a period), numbers and dates in the reader's language."""
    return Message(_FIGURE, value=_fmt(value), goal=_fmt(goal), unit=unit, after=after)


def _ratio(value: float, target: float) -> float:
    if target <= 0:
        return 1.0
    return max(0.0, min(1.0, value / target))


def progress_toward(target: Target, quantities: Sequence[tuple[date, int]], as_of: date, *,
                    done: bool = False) -> Progress:
    """Progress toward `target` on `as_of` from dated quantities (rules in the module
    docstring). Quantities dated after `as_of` are ignored. Raises ValueError on an unknown
    target kind. No side effects.
    """
    kept = sorted((d, q) for d, q in quantities if d <= as_of)
    if target.kind == "done":
        return Progress(value=1.0 if done else 0.0, target=None, ratio=None,
                        label_fr=N_("Réalisé") if done else N_("Non réalisé"))
    goal = float(target.quantity or 0)
    unit = f" {target.unit_fr}" if target.unit_fr else ""
    if target.kind == "count_by":
        deadline = target.deadline
        by = ""
        if deadline:
            by = (Message(" d’ici {year}", year=str(deadline.year)) if (deadline.month, deadline.day) == (12, 31)
                  else Message(" d’ici le {date}", date=LocalDate(deadline)))
        if deadline and as_of > deadline:
            value = float(sum(q for d, q in kept if d <= deadline))
            after = float(sum(q for d, q in kept if d > deadline))
            verdict = "met" if value >= goal else "missed"
            figure = _figure(value, goal, unit, by)
            since = Message(" (+{n} depuis)", n=_fmt(after)) if after else ""
            template = (N_("{figure} : cible atteinte au {date}{since}") if verdict == "met"
                        else N_("{figure} : cible manquée au {date}{since}"))
            label = Message(template, figure=figure, date=LocalDate(deadline), since=since)
            return Progress(value=value, target=goal, ratio=_ratio(value, goal), label_fr=label,
                            verdict=verdict, after=after)
        value = float(sum(q for _, q in kept))
        label = _figure(value, goal, unit, by)
    elif target.kind == "frequency":
        first, period_fr = _period_bounds(target.per or "year", as_of)
        value = float(sum(q for d, q in kept if d >= first))
        label = _figure(value, goal, unit, period_fr)
    elif target.kind == "threshold":
        value = float(kept[-1][1]) if kept else 0.0
        label = _figure(value, goal, unit, _PER_FR.get(target.per or "", ""))
    else:
        raise ValueError(f"unknown target kind: {target.kind!r}")
    return Progress(value=value, target=goal, ratio=_ratio(value, goal), label_fr=label)


def effective_quantity(quantity, note: str, unit_fr: str = "") -> float | None:
    """The quantity an update reports: the typed one, else the one read in its note for a
    target counted in `unit_fr`."""
    if quantity is not None and quantity == quantity:
        return float(quantity)
    return note_quantity(note or "", unit_fr or "")


@lru_cache(maxsize=8192)
def note_quantity(note: str, unit_fr: str = "") -> int | None:
    return parse_quantity(note, unit_fr)


def read_quantity_fr(note: str, target: Target) -> str | None:
    """What the app reads in an update note without a typed quantity, for `target`:
    "Quantité lue : 4 nouveaux membres", "Aucune quantité lue dans la note", or None for a
    done/not-done target (which needs none). No side effects."""
    if target.kind == "done":
        return None
    quantity = parse_quantity(note or "", target.unit_fr)
    if quantity is None:
        return Message("Aucune quantité lue dans la note (cible en {unit}).", unit=target.unit_fr or "unités")
    return Message("Quantité lue : {quantity} {unit}", quantity=quantity,
                   unit=_plural(target.unit_fr, quantity) if target.unit_fr else "")
