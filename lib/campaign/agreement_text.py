"""The agreement as the document writes it, and what the app reads into it (pure).

- `moment_sentence`: a moment of the plan de diffusion in the document's word order and
  emphasis ("Le **dimanche 13 mars** pour la Journée…", "Durant la Semaine de la santé mentale
  du **2 au 8 mai 2022**"), as (text, bold) segments that the page escapes and marks up.
- `emphasised`: a staff-written text with given phrases in bold (the validity date, the
  report's due date, the astuce "CHOISIR" as the document bolds them).
- `weekday_mismatch`: the weekday a moment's text names when its date falls on another day
  ("Le jeudi 30 mars" for 30 March 2022, a Wednesday).
- `inferred_parts`: what the app inferred about a moment's dates (the year, when the text
  gives none; the days, for "En été", "À l’automne", "En novembre").
- `date_issues`: the above for a whole campaign, for staff's campaign editor.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence

from lib.core.i18n import N_
from lib.core.messages import JoinedMessage, LocalDate, Message

WEEKDAYS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS_FR) + r")\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(19|20)\d{2}\b")
# Words before a date that the document leaves out of the bold ("Le **jeudi 5 mai**", "du **2 au 8 mai**").
_UNBOLD_LEAD = re.compile(r"^(le|la|les|du|des)\s+", re.IGNORECASE)

Segments = list[tuple[str, bool]]


def emphasised(text: str, phrases: Iterable[str]) -> Segments:
    """`text` cut into (part, bold) segments, each of `phrases` found in it (first occurrence,
    whole words) in bold. No side effects; raises nothing."""
    spans = []
    for phrase in phrases:
        phrase = (phrase or "").strip()
        if not phrase:
            continue
        match = re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", text or "")
        if match and not any(s < match.end() and match.start() < e for s, e in spans):
            spans.append((match.start(), match.end()))
    segments: Segments = []
    position = 0
    for start, end in sorted(spans):
        if start > position:
            segments.append((text[position:start], False))
        segments.append((text[start:end], True))
        position = end
    if position < len(text or ""):
        segments.append((text[position:], False))
    return segments


def astuce(slogan: str) -> str:
    """The campaign's astuce, which the document sets in bold: the slogan's first phrase
    ("CHOISIR" of "CHOISIR, c'est ouvrir une porte"). No side effects."""
    return re.split(r"[,.;:!?]", slogan or "", maxsplit=1)[0].strip()


def moment_sentence(when: str, description: str, bold_words: Iterable[str] = ()) -> Segments:
    """A moment as the plan de diffusion writes it: the date phrase first ("Le **jeudi 5 mai**
    pour promouvoir…"), unless the description opens the sentence with a capital ("Durant la
    Semaine de la santé mentale du **2 au 8 mai 2022**"). The date phrase is bold, without its
    leading article; `bold_words` are bold in the description too. No side effects."""
    when, description = (when or "").strip(), (description or "").strip()
    lead = _UNBOLD_LEAD.match(when)
    date_part: Segments = ([(when[:lead.end()], False)] if lead else []) + [(when[lead.end() if lead else 0:], True)]
    if not description:
        return date_part
    if description[0].isupper():
        return [*emphasised(description + " ", bold_words), *date_part]
    return [*date_part, *emphasised(" " + description, bold_words)]


def weekday_mismatch(when: str, day: dt.date | None) -> str | None:
    """The weekday `when` names if `day` falls on another one, else None. No side effects."""
    match = _WEEKDAY.search(when or "")
    if match is None or day is None:
        return None
    written = match.group(1).lower()
    return written if WEEKDAYS_FR[day.weekday()] != written else None


def inferred_parts(when: str, kind: str) -> list[str]:
    """What the app inferred about a moment's dates: "year" when its text writes no year,
    "days" for a season or a month (the text gives no day). No side effects."""
    parts = []
    if not _YEAR.search(when or ""):
        parts.append("year")
    if kind in ("season", "month"):
        parts.append("days")
    return parts


def used_dates(when: str, kind: str, starts_on: dt.date | None, ends_on: dt.date | None) -> str:
    """A French sentence saying which dates the app uses for a moment and what it inferred or
    found wrong: a Message (pages translate it). '' without dates. No side effects."""
    if starts_on is None:
        return ""
    if ends_on is None or ends_on == starts_on:
        used = Message("date retenue : {weekday} {date}", weekday=WEEKDAYS_FR[starts_on.weekday()],
                       date=LocalDate(starts_on))
    else:
        used = Message("dates retenues : du {start} au {end}", start=LocalDate(starts_on), end=LocalDate(ends_on))
    inferred = inferred_parts(when, kind)
    notes = []
    if inferred == ["year"]:
        notes.append(N_("année déduite par l’application"))
    elif "days" in inferred:
        notes.append(N_("dates déduites par l’application"))
    written = weekday_mismatch(when, starts_on)
    if written:
        notes.append(Message("le document dit « {written} », mais le {date} est un {weekday}", written=written,
                             date=LocalDate(starts_on), weekday=WEEKDAYS_FR[starts_on.weekday()]))
    if not notes:
        return used
    return Message("{used} ({notes})", used=used, notes=JoinedMessage(notes, "; "))


def date_issues(moments: Sequence[dict], starts_on: dt.date | None, agreement_start: str) -> list[str]:
    """French messages for staff: every weekday that does not match its date, every moment
    whose dates the app inferred, and the campaign's start when the agreement gives none
    ("à sa signature"). `moments` are seed-shaped dicts (when, kind, starts_on, ends_on) or rows
    with when_label. No side effects."""
    issues = []
    for moment in moments:
        when = moment.get("when") or moment.get("when_label") or ""
        start = _day(moment.get("starts_on"))
        written = weekday_mismatch(when, start)
        if written:
            issues.append(Message("« {when} » : le {date} est un {weekday}, pas un {written}. Corrigez la date ou le "
                                  "texte.", when=when, date=LocalDate(start),
                                  weekday=WEEKDAYS_FR[start.weekday()], written=written))
        inferred = inferred_parts(when, moment.get("kind") or "")
        if start is not None and "days" in inferred:
            issues.append(Message("« {when} » : dates déduites par l’application (du {start} au {end}); "
                                  "vérifiez-les.", when=when, start=LocalDate(start),
                                  end=LocalDate(_day(moment.get("ends_on")) or start)))
        elif start is not None and inferred:
            issues.append(Message("« {when} » : année déduite par l’application ({date}); vérifiez-la.",
                                  when=when, date=LocalDate(start)))
    if starts_on is not None and not re.search(r"\d", agreement_start or ""):
        issues.append(Message("Début de la campagne : {date}, déduit par l’application (l’entente dit « {text} »).",
                              date=LocalDate(starts_on), text=agreement_start or "—"))
    return issues


def _day(value) -> dt.date | None:
    if value is None or value != value:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if hasattr(value, "to_pydatetime"):
        return value.to_pydatetime().date()
    return value
