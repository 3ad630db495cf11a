"""Period labels of the action plan read into schedules, and the cycles of a schedule.

Pure functions over frozen dataclasses; standard library only (no Streamlit, no database).
One module over 400 lines because the grammar of labels, the Part model and the cycles it
yields are one reading: every rule below is used by parsing and by the cycles alike. The
words come from lib.plan.french; where an item stands (`assess`) is lib.plan.assessment.

Reading a label (`parse_period`)
--------------------------------
Labels are folded before reading: case, accents, typographic apostrophes and dashes, and
repeated spaces do not matter, and a month name with one typo ("févier", "septembe") is still
a month. A label is cut into segments at "+", ";", "puis", "ensuite" and at an "et" that
introduces a recurrence ("Avril 2021 et en continu"). Each segment is, in this order:

- continuous: it says "continu" ("En continu", "En continu et selon …");
- event-driven: it says "lors de(s) …" / "au besoin" and names no date ("Lors des rencontres
  de la Table des DG"); never late by the calendar, no due date;
- monthly: "mensuellement", "chaque mois"…; calendar-month cycles;
- yearly: "annuellement", "chaque année"…; one cycle per named month ("AGA" is the
  `aga_month` setting), or one cycle per calendar year when no month is named. A dated
  expression in the segment ("1re campagne au mois mars 2022") fixes the first cycle: the one
  containing that date; there is no cycle before it;
- otherwise one or more one-off expressions, read left to right: "Automne 2021" (seasons are
  month-based: printemps Mar–May, été Jun–Aug, automne Sep–Nov, hiver Dec–Feb of the next
  year), "Avril 2021" (the month), "15 mars 2022" (the day), "AGA 2022" (the AGA month),
  "2022" (the year), "2021-2022" (Jan 1 of the first year to Dec 31 of the last). Several
  one-offs in one label are milestones ("Été 2021 Adoption automne 2021"). Month names without
  any year ("Novembre, AGA et mars") are a yearly schedule in those months. A season without a
  year, or a bare month beside dated expressions, is the first such period ending on or after
  the previous milestone (or `plan_start`).

If any segment cannot be read, the whole label is unreadable (`readable=False`, no parts):
reading half a label would give due dates nobody wrote. Staff then set the schedule by hand
(`schedule_from_override`).

Cycles
------
A yearly cycle runs from the day after the previous due month ends to the last day of its own
month (January only: "janvier 2026" = 2025-02-01..2026-01-31; "Novembre, AGA et mars" with AGA
in June: mars = Dec 1..Mar 31, juin = Apr 1..Jun 30, novembre = Jul 1..Nov 30). Yearly without
a month and monthly cycles are calendar years and months. A one-off has a single cycle (key
"once", or "once-1", "once-2"… for milestones); every update of a one-off belongs to it, however
early or late the work was done, so `cycle_at` returns it for any day (for milestones, the
first milestone due on or after the day, else the last). Continuous and event-driven parts have
no cycles.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from lib.core.i18n import N_
from lib.core.messages import JoinedMessage, LocalDate, LocalMonth, LocalMonths, Message, PluralMessage
from lib.core.settings import DEFAULTS
from lib.plan.french import (
    Token,
    clean_spaces,
    fold,
    last_day_of_month,
    month_number,
    period_label_fr,
    season_bounds,
    season_name,
    tokenize,
)

PartKind = Literal["once", "yearly", "monthly", "continuous", "event"]
PART_KINDS = ("once", "yearly", "monthly", "continuous", "event")
SCHEDULE_KINDS = PART_KINDS + ("combined", "unknown")
RECURRING_KINDS = frozenset({"yearly", "monthly"})
_THEN = N_(", puis ")  # joins the parts of a schedule's description


# --------------------------------------------------------------------------- data

@dataclass(frozen=True)
class Cycle:
    """One period an item must be done in: `start`..`due` (both included)."""

    key: str
    label_fr: str
    start: date
    due: date


@dataclass(frozen=True)
class Part:
    """One piece of a schedule, read from the fragment `label` of the period text.

    once: `due` set, `start` its first day. yearly: `months` are the due months (empty =
    calendar years). yearly/monthly: `start` = first day of the first cycle, None = no first
    cycle. continuous: `start` = when the clock starts, None = the plan's start.
    Raises ValueError on an unknown kind, a month outside 1..12 or a one-off without due date.
    """

    kind: PartKind
    start: date | None = None
    due: date | None = None
    months: tuple[int, ...] = ()
    label: str = ""

    def __post_init__(self) -> None:
        if self.kind not in PART_KINDS:
            raise ValueError(f"unknown part kind: {self.kind!r}")
        if any(not isinstance(m, int) or not 1 <= m <= 12 for m in self.months):
            raise ValueError(f"months must be in 1..12: {self.months!r}")
        if self.kind == "once" and self.due is None:
            raise ValueError("a one-off part needs a due date")
        if self.kind == "once" and self.start is not None and self.start > self.due:
            raise ValueError("a one-off part cannot start after its due date")


@dataclass(frozen=True)
class Schedule:
    """A period label and what could be read from it (`readable` False: no parts)."""

    label: str
    parts: tuple[Part, ...] = ()
    readable: bool = True

    @property
    def kind(self) -> str:
        """'unknown' (nothing read), the single part's kind, or 'combined'."""
        if not self.readable or not self.parts:
            return "unknown"
        if len(self.parts) == 1:
            return self.parts[0].kind
        return "combined"

    def describe_fr(self, continuous_late_days: int = DEFAULTS.continuous_late_days) -> str:
        """A short French sentence for staff, e.g. "Chaque année en janvier": a Message (lib.core.messages)
        that pages translate. No side effects."""
        if self.kind == "unknown":
            return Message("Période non reconnue : « {label} »", label=clean_spaces(self.label))
        if all(p.kind == "once" for p in self.parts) and len(self.parts) > 1:
            steps = JoinedMessage([Message("« {label} » au plus tard le {date}", label=clean_spaces(p.label),
                                           date=LocalDate(p.due)) for p in self.parts], _THEN)
            return Message("En {n} étapes : {steps}", n=len(self.parts), steps=steps)
        return JoinedMessage([_describe_part(p, continuous_late_days) for p in self.parts], _THEN, lower_rest=True)


# --------------------------------------------------------------------------- tokens


_YEARLY_WORDS = {"annuellement", "annuel", "annuelle", "annuels", "annuelles"}
_MONTHLY_WORDS = {"mensuellement", "mensuel", "mensuelle", "mensuels", "mensuelles"}
_CONTINUOUS_WORDS = {"continu", "continue", "continuellement", "continument", "permanence"}
_SPLIT_WORDS = {"+", ";", "puis", "ensuite"}


def _tokenize(folded: str) -> list[Token]:
    tokens = tokenize(folded)
    merged: list[Token] = []
    i = 0
    # "assemblée générale (annuelle)" is the AGA; merging it stops "annuelle" reading as yearly.
    while i < len(tokens):
        if tokens[i].text == "assemblee" and i + 1 < len(tokens) and tokens[i + 1].text == "generale":
            last = i + 2 if i + 2 < len(tokens) and tokens[i + 2].text == "annuelle" else i + 1
            merged.append(Token("aga", tokens[i].start, tokens[last].end))
            i = last + 1
            continue
        merged.append(tokens[i])
        i += 1
    return merged


def _is_year(token: Token) -> bool:
    return len(token.text) == 4 and token.text.isdecimal() and 1900 <= int(token.text) <= 2199


def _words(tokens: Sequence[Token]) -> list[str]:
    return [t.text for t in tokens]


def _has_phrase(words: Sequence[str], phrase: Sequence[str]) -> bool:
    n = len(phrase)
    return any(list(words[i:i + n]) == list(phrase) for i in range(len(words) - n + 1))


def _recurrence_of(words: Sequence[str]) -> str | None:
    """The recurring kind a segment's words announce, if any (continuous wins)."""
    wordset = set(words)
    if wordset & _CONTINUOUS_WORDS or _has_phrase(words, ["en", "tout", "temps"]):
        return "continuous"
    has_date = any(month_number(w) or season_name(w) or w == "aga"
                   or (len(w) == 4 and w.isdecimal()) for w in words)
    if not has_date and ("lors" in wordset or _has_phrase(words, ["au", "besoin"])
                         or _has_phrase(words, ["selon", "les", "besoins"])):
        return "event"
    if wordset & _MONTHLY_WORDS or any(_has_phrase(words, p) for p in (
            ["chaque", "mois"], ["tous", "les", "mois"], ["par", "mois"])):
        return "monthly"
    if wordset & _YEARLY_WORDS or any(_has_phrase(words, p) for p in (
            ["chaque", "annee"], ["chaque", "an"], ["tous", "les", "ans"],
            ["toutes", "les", "annees"], ["par", "annee"], ["par", "an"])):
        return "yearly"
    return None


def _segments(tokens: list[Token]) -> list[list[Token]]:
    """Tokens cut at "+", ";", "puis", "ensuite", and at "et" before a recurrence word."""
    segments: list[list[Token]] = [[]]
    for i, token in enumerate(tokens):
        following = _words(tokens[i + 1:i + 3])
        starts_recurrence = bool(following) and (
            following[0] in _CONTINUOUS_WORDS | _YEARLY_WORDS | _MONTHLY_WORDS | {"lors"}
            or following[:2] == ["en", "continu"])
        if token.text in _SPLIT_WORDS or (token.text == "et" and starts_recurrence and segments[-1]):
            segments.append([])
            continue
        segments[-1].append(token)
    return [s for s in segments if s]


# --------------------------------------------------------------------------- one-off expressions

@dataclass(frozen=True)
class _Expr:
    start: date | None  # None: a bare month/season still to place in time
    due: date | None
    first_token: int
    last_token: int
    month: int | None = None  # bare month (or AGA) to place
    season: str | None = None  # bare season to place


_FILLERS_BEFORE_YEAR = {"de", "d", "'", "en", "du"}


def _skip_fillers(tokens: list[Token], j: int) -> int:
    while j < len(tokens) and tokens[j].text in _FILLERS_BEFORE_YEAR:
        j += 1
    return j


def _scan_dates(tokens: list[Token], aga_month: int) -> list[_Expr]:
    """The dated expressions of a segment, left to right (see the module docstring)."""
    exprs: list[_Expr] = []
    i = 0
    while i < len(tokens):
        word = tokens[i].text
        season = season_name(word) if word.isalpha() else None
        month = month_number(word) if word.isalpha() else None
        if word == "aga":
            month = aga_month
        if season:
            j = _skip_fillers(tokens, i + 1)
            if j < len(tokens) and _is_year(tokens[j]):
                start, due = season_bounds(season, int(tokens[j].text))
                exprs.append(_Expr(start, due, i, j))
                i = j + 1
                continue
            exprs.append(_Expr(None, None, i, i, season=season))
        elif word.isdecimal() and 1 <= int(word) <= 31 and len(word) <= 2:
            j = i + 1
            if j < len(tokens) and tokens[j].text in ("er", "re"):
                j += 1
            if j + 1 < len(tokens) and tokens[j].text.isalpha() and month_number(tokens[j].text) \
                    and _is_year(tokens[j + 1]):
                year, mon = int(tokens[j + 1].text), month_number(tokens[j].text)
                try:
                    day = date(year, mon, int(word))
                except ValueError:  # "31 février": not a date, leave it unread
                    i += 1
                    continue
                exprs.append(_Expr(day, day, i, j + 1))
                i = j + 2
                continue
        elif month:
            j = _skip_fillers(tokens, i + 1)
            if j < len(tokens) and _is_year(tokens[j]):
                year = int(tokens[j].text)
                exprs.append(_Expr(date(year, month, 1), last_day_of_month(year, month), i, j))
                i = j + 1
                continue
            exprs.append(_Expr(None, None, i, i, month=month))
        elif _is_year(tokens[i]):
            first = int(word)
            j = i + 1
            if j + 1 < len(tokens) and tokens[j].text in ("-", "/", "a", "au") \
                    and _is_year(tokens[j + 1]) and int(tokens[j + 1].text) >= first:
                last = int(tokens[j + 1].text)
                exprs.append(_Expr(date(first, 1, 1), date(last, 12, 31), i, j + 1))
                i = j + 2
                continue
            exprs.append(_Expr(date(first, 1, 1), date(first, 12, 31), i, i))
        i += 1
    return exprs


def _place(expr: _Expr, anchor: date) -> tuple[date, date]:
    """Dates of a bare month or season: the first one ending on or after `anchor`."""
    year = anchor.year - 1
    while True:
        if expr.season:
            start, due = season_bounds(expr.season, year)
        else:
            start, due = date(year, expr.month, 1), last_day_of_month(year, expr.month)
        if due >= anchor:
            return start, due
        year += 1


# --------------------------------------------------------------------------- cycles of a part

def _yearly_due_month(months: tuple[int, ...], day: date) -> tuple[int, int]:
    for month in months:
        if month >= day.month:
            return day.year, month
    return day.year + 1, months[0]


def _yearly_cycle(months: tuple[int, ...], year: int, month: int) -> Cycle:
    index = months.index(month)
    prev_year, prev_month = (year, months[index - 1]) if index > 0 else (year - 1, months[-1])
    return Cycle(key=f"{year}-{month:02d}", label_fr=LocalMonth(year, month),
                 start=last_day_of_month(prev_year, prev_month) + timedelta(days=1),
                 due=last_day_of_month(year, month))


def _raw_cycle(part: Part, day: date) -> Cycle:
    """The cycle of a recurring part containing `day`, ignoring the part's start."""
    if part.kind == "monthly":
        return Cycle(key=f"{day.year}-{day.month:02d}",
                     label_fr=LocalMonth(day.year, day.month),
                     start=date(day.year, day.month, 1), due=last_day_of_month(day.year, day.month))
    months = tuple(sorted(set(part.months)))
    if not months:
        return Cycle(key=str(day.year), label_fr=str(day.year),
                     start=date(day.year, 1, 1), due=date(day.year, 12, 31))
    return _yearly_cycle(months, *_yearly_due_month(months, day))


def part_cycle(part: Part, day: date) -> Cycle | None:
    """The cycle of a recurring part containing `day`; None before the part's first cycle."""
    if part.start is not None and day < part.start:
        return None
    return _raw_cycle(part, day)


def previous_cycle(part: Part, cycle: Cycle) -> Cycle | None:
    prev = _raw_cycle(part, cycle.start - timedelta(days=1))
    # A cycle exists when it reaches the part's start (a hand-set start may fall mid-cycle).
    if part.start is not None and prev.due < part.start:
        return None
    return prev


def next_cycle(part: Part, cycle: Cycle) -> Cycle:
    return _raw_cycle(part, cycle.due + timedelta(days=1))


def first_cycle(part: Part) -> Cycle | None:
    return _raw_cycle(part, part.start) if part.start is not None else None


def _once_cycle(part: Part, key: str) -> Cycle:
    start = part.start or date(part.due.year, part.due.month, 1)
    return Cycle(key=key, label_fr=period_label_fr(start, part.due), start=start, due=part.due)


def milestone_cycles(parts: Sequence[Part]) -> list[Cycle]:
    if len(parts) == 1:
        return [_once_cycle(parts[0], "once")]
    return [_once_cycle(p, f"once-{n}") for n, p in enumerate(parts, start=1)]


def milestone_at(cycles: Sequence[Cycle], day: date) -> Cycle:
    for cycle in cycles:
        if cycle.due >= day:
            return cycle
    return cycles[-1]


def split_leading_once(parts: Sequence[Part]) -> tuple[list[Part], Part | None]:
    """The one-off parts before the first other part, and that other part (if any).

    Parts after it are not used by `cycle_at`/`assess`: no label of the plan has them.
    """
    leading: list[Part] = []
    for part in parts:
        if part.kind != "once":
            return leading, part
        leading.append(part)
    return leading, None


# --------------------------------------------------------------------------- parsing

def _parse_segment(tokens: list[Token], label: str, begin: int, end: int, anchor: date,
                   aga_month: int) -> list[Part] | None:
    """Parts of one segment (text `label[begin:end]`), or None when it cannot be read."""
    text = label[begin:end].strip()
    words = _words(tokens)
    recurrence = _recurrence_of(words)
    exprs = _scan_dates(tokens, aga_month)
    dated = [e for e in exprs if e.start is not None]
    if recurrence == "continuous":
        return [Part("continuous", start=dated[0].start if dated else None, label=text)]
    if recurrence == "event":
        return [Part("event", label=text)]
    if recurrence in RECURRING_KINDS:
        months: tuple[int, ...] = ()
        if recurrence == "yearly":
            found = {month_number(w) for w in words if w.isalpha()} | (
                {aga_month} if "aga" in words else set())
            months = tuple(sorted(m for m in found if m))
        part = Part(recurrence, months=months, label=text)
        if dated:
            first = _raw_cycle(part, dated[0].start)
            return [Part(recurrence, start=first.start, months=months, label=text)]
        return [part]
    if not exprs:
        return None
    if not dated and all(e.month for e in exprs):
        # Month names with no year at all: the plan means every year in those months.
        months = tuple(sorted({e.month for e in exprs}))
        return [Part("yearly", months=months, label=text)]
    parts = []
    cut = begin  # each milestone's label runs from the end of the previous one
    for n, expr in enumerate(exprs):
        start, due = (expr.start, expr.due) if expr.start is not None else _place(expr, anchor)
        stop = end if n == len(exprs) - 1 else tokens[expr.last_token].end
        parts.append(Part("once", start=start, due=due, label=label[cut:stop].strip()))
        cut = stop
        anchor = due + timedelta(days=1)
    return parts


def parse_period(label: str, *, aga_month: int = DEFAULTS.aga_month,
                 plan_start: date = DEFAULTS.plan_start) -> Schedule:
    """Read a period label of the plan into a Schedule (rules in the module docstring).

    `aga_month` is the month of the annual general meeting ("AGA"); `plan_start` places
    year-less seasons and months used as milestones. Never raises on odd text: an unreadable
    label gives `readable=False`. Raises TypeError if `label` is not a string and ValueError
    if `aga_month` is not in 1..12. No side effects.
    """
    if not isinstance(label, str):
        raise TypeError(f"label must be a string, not {type(label).__name__}")
    if not 1 <= aga_month <= 12:
        raise ValueError(f"aga_month must be in 1..12, not {aga_month!r}")
    tokens = _tokenize(fold(label))
    segments = _segments(tokens)
    if not segments:
        return Schedule(label=label, parts=(), readable=False)
    parts: list[Part] = []
    anchor = plan_start
    for segment in segments:
        found = _parse_segment(segment, label, segment[0].start, segment[-1].end, anchor, aga_month)
        if not found:
            return Schedule(label=label, parts=(), readable=False)
        if parts and parts[-1].kind == "once" and found[0].kind != "once" and found[0].start is None:
            # What follows a one-off starts after it ("Rencontre en avril 2021 + En continu").
            after = parts[-1].due + timedelta(days=1)
            first = found[0]
            start = _raw_cycle(first, after).start if first.kind in RECURRING_KINDS else after
            if first.kind != "event":
                found[0] = Part(first.kind, start=start, due=first.due, months=first.months,
                                label=first.label)
        parts.extend(found)
        if parts[-1].due is not None:
            anchor = parts[-1].due + timedelta(days=1)
    return Schedule(label=label, parts=tuple(parts), readable=True)


def schedule_from_override(kind: str, months: Sequence[int] = (), due: date | None = None,
                           start: date | None = None, label: str = "") -> Schedule:
    """A one-part schedule set by hand by staff when the label cannot be read.

    kind: "once" (needs `due`; `start` defaults to the first of the due month), "yearly"
    (`months` = due months, none = calendar years; `start` = a day of the first cycle),
    "monthly" (`start` = a day of the first month), "continuous" (`start` = when the clock
    starts) or "event". `label` is kept as the schedule's text. Raises ValueError on an
    unknown kind, bad months, a missing due date or dates that do not fit the kind.
    No side effects.
    """
    months = tuple(sorted(set(int(m) for m in months)))
    if kind not in PART_KINDS:
        raise ValueError(f"unknown schedule kind: {kind!r}")
    if kind != "yearly" and months:
        raise ValueError("only a yearly schedule takes months")
    if kind != "once" and due is not None:
        raise ValueError("only a one-off schedule takes a due date")
    if kind == "once":
        if due is None:
            raise ValueError("a one-off schedule needs a due date")
        part = Part("once", start=start or date(due.year, due.month, 1), due=due, label=label)
    elif kind in RECURRING_KINDS:
        part = Part(kind, months=months, label=label)
        if start is not None:
            # Start on the first day of the cycle the chosen day falls in, so that it is whole.
            part = Part(kind, start=_raw_cycle(part, start).start, months=months, label=label)
    elif kind == "continuous":
        part = Part("continuous", start=start, label=label)
    else:
        if start is not None:
            raise ValueError("an event-driven schedule takes no start date")
        part = Part("event", label=label)
    return Schedule(label=label, parts=(part,), readable=True)


def to_dict(schedule: Schedule) -> dict:
    """A JSON-ready dict of `schedule` (dates as ISO strings). No side effects."""
    return {
        "version": 1,
        "label": schedule.label,
        "readable": schedule.readable,
        "parts": [
            {"kind": p.kind, "start": p.start.isoformat() if p.start else None,
             "due": p.due.isoformat() if p.due else None, "months": list(p.months),
             "label": p.label}
            for p in schedule.parts
        ],
    }


def from_dict(data: dict) -> Schedule:
    """The Schedule stored by `to_dict`. Raises ValueError on a malformed dict. No side effects."""
    try:
        if data.get("version", 1) != 1:
            raise ValueError(f"unknown schedule version: {data.get('version')!r}")
        parts = tuple(
            Part(kind=p["kind"],
                 start=date.fromisoformat(p["start"]) if p.get("start") else None,
                 due=date.fromisoformat(p["due"]) if p.get("due") else None,
                 months=tuple(int(m) for m in p.get("months", ())),
                 label=str(p.get("label", "")))
            for p in data.get("parts", ()))
        readable = bool(data.get("readable", bool(parts)))
        label = data["label"]
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"malformed schedule: {exc}") from exc
    if not isinstance(label, str):
        raise ValueError("malformed schedule: label must be a string")
    if readable and not parts:
        raise ValueError("malformed schedule: a readable schedule needs parts")
    return Schedule(label=label, parts=parts if readable else (), readable=readable)


# --------------------------------------------------------------------------- cycles of a schedule

def cycle_at(schedule: Schedule, day: date) -> Cycle | None:
    """The cycle of `schedule` containing `day` (None for continuous, event-driven and
    unreadable schedules, and before a recurring schedule's first cycle). A one-off's single
    cycle holds every day. No side effects; raises nothing."""
    if not schedule.readable or not schedule.parts:
        return None
    leading, tail = split_leading_once(schedule.parts)
    if leading and (tail is None or day <= leading[-1].due):
        return milestone_at(milestone_cycles(leading), day)
    if tail is not None and tail.kind in RECURRING_KINDS:
        return part_cycle(tail, day)
    return None


def cycles_between(schedule: Schedule, first: date, last: date) -> tuple[Cycle, ...]:
    """The cycles of `schedule` that overlap first..last, in order (for history grids).
    No side effects; raises nothing."""
    if not schedule.readable or last < first:
        return ()
    leading, tail = split_leading_once(schedule.parts)
    found = [c for c in milestone_cycles(leading) if c.due >= first and c.start <= last] if leading else []
    if tail is not None and tail.kind in RECURRING_KINDS:
        day = max(first, tail.start) if tail.start else first
        cycle = _raw_cycle(tail, day) if day <= last else None
        while cycle is not None and cycle.start <= last:
            found.append(cycle)
            cycle = next_cycle(tail, cycle)
    return tuple(found)


# --------------------------------------------------------------------------- description

def _event_name(label: str) -> str:
    folded = fold(label)
    match = re.search(r"\blors\s+(?:des|de\s+la|de\s+l'|du|de|d')\s*"
                      r"(?:(?:rencontres?|reunions?|seances?)\s+(?:de\s+la|de\s+l'|du|des|de|d')\s*)?",
                      folded)
    if match:
        return clean_spaces(label[match.end():]).rstrip(" .;,")
    return clean_spaces(label)


def _describe_part(part: Part, continuous_late_days: int) -> str:
    if part.kind == "once":
        return Message("Une fois, au plus tard le {date}", date=LocalDate(part.due))
    if part.kind == "continuous":
        return PluralMessage("En continu (mise à jour attendue au moins une fois par {n} jour)",
                             "En continu (mise à jour attendue tous les {n} jours)", continuous_late_days)
    if part.kind == "event":
        name = _event_name(part.label)
        return Message("Lors d’événements ({name})", name=name) if name else N_("Lors d’événements")
    first = first_cycle(part)
    since = Message(", à partir de {cycle}", cycle=first.label_fr) if first else ""
    if part.kind == "monthly":
        return Message("Mensuel{since}", since=since)
    if part.months:
        return Message("Chaque année en {months}{since}", months=LocalMonths(part.months), since=since)
    return Message("Chaque année (au plus tard le 31 décembre){since}", since=since)
