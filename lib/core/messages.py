"""Messages for people: French in lib/, translated by the page that shows them.

An error raised in lib/ is a French str (tests, logs and the audit log read it as such).
When it is built from values, it is a `Message` (or a `PluralMessage` when a count chooses
its form): still that French str, but it also remembers its template and values, so that
`translate_message` looks the template up in the catalogue (the French template is the
msgid) and fills it in the reader's language.
"""
from __future__ import annotations

from collections.abc import Sequence

from lib.core.i18n import (
    DEFAULT_LANGUAGE,
    N_,
    format_date,
    format_month,
    format_number,
    format_pct,
    month_name,
    ngettext,
    translate,
)

_AND = N_("{names} et {last}")


class Message(str):
    """`template.format(**values)` as a str that keeps `template` and `values`."""

    template: str
    values: dict

    def __new__(cls, template: str, **values) -> Message:
        message = super().__new__(cls, template.format(**values))
        message.template, message.values = template, values
        return message

    def translated(self, lang: str, values: dict) -> str:
        return translate(self.template, lang, **values)


class PluralMessage(Message):
    """A Message whose template is the form of `singular`/`plural` that fits `n` (French
    rule: 0 and 1 are singular); `n` is also a value ({n} in the templates)."""

    plural: str
    n: int

    def __new__(cls, singular: str, plural: str, n: int, **values) -> PluralMessage:
        text = ngettext(singular, plural, n, DEFAULT_LANGUAGE, **values)
        message = str.__new__(cls, text)
        message.template, message.plural, message.n, message.values = singular, plural, n, values
        return message

    def translated(self, lang: str, values: dict) -> str:
        return ngettext(self.template, self.plural, self.n, lang, **values)


class _LocalValue(Message):
    """One value of a Message, written in the reader's language by `_format(value, lang)`: the
    French str is its French form, `translated` gives another language's."""

    value: object

    @staticmethod
    def _format(value, lang: str) -> str:
        raise NotImplementedError

    def __new__(cls, value):
        message = str.__new__(cls, cls._format(value, DEFAULT_LANGUAGE))
        message.template, message.values, message.value = str(message), {}, value
        return message

    def translated(self, lang: str, values: dict) -> str:
        return self._format(self.value, lang)


class LocalDate(_LocalValue):
    """A day as a value of a Message: "1er mai 2015" (the French str), "May 1, 2015" in English."""

    _format = staticmethod(format_date)


class LocalNumber(_LocalValue):
    """A number as a value: "1 315 000" (the French str), "1,315,000" in English."""

    _format = staticmethod(format_number)


class LocalQuantity(_LocalValue):
    """A quantity as a value: whole numbers as LocalNumber ("1 315 000"), others with one
    decimal ("4,5" in French, "4.5" in English)."""

    @staticmethod
    def _format(value: float, lang: str) -> str:
        return format_number(value, lang, 0 if value == int(value) else 1)


class LocalPercent(_LocalValue):
    """A share (0..1) as a value: "57 %" (the French str), "57%" in English; "—" for None."""

    @staticmethod
    def _format(ratio: float | None, lang: str) -> str:
        return format_pct(ratio, lang) or "—"


class LocalMonth(Message):
    """A month of a year as a value: "janvier 2026" (the French str), "January 2026" in English."""

    year: int
    month: int

    def __new__(cls, year: int, month: int) -> LocalMonth:
        message = str.__new__(cls, format_month(year, month, DEFAULT_LANGUAGE))
        message.template, message.values, message.year, message.month = str(message), {}, year, month
        return message

    def translated(self, lang: str, values: dict) -> str:
        return format_month(self.year, self.month, lang)


class LocalMonths(Message):
    """Month names as a value: "janvier, mars et juin" (the French str), "January, March and June"."""

    months: tuple[int, ...]

    def __new__(cls, months: Sequence[int]) -> LocalMonths:
        months = tuple(sorted(months))
        message = str.__new__(cls, _join_months(months, DEFAULT_LANGUAGE))
        message.template, message.values, message.months = str(message), {}, months
        return message

    def translated(self, lang: str, values: dict) -> str:
        return _join_months(self.months, lang)


def _join_months(months: Sequence[int], lang: str) -> str:
    names = [month_name(m, lang) for m in months]
    if len(names) == 1:
        return names[0]
    return translate(_AND, lang, names=", ".join(names[:-1]), last=names[-1])


class JoinedMessage(Message):
    """Messages joined by `separator` (a French msgid such as ", puis "), each after the first
    starting in lower case when `lower_rest`; translated part by part."""

    parts: tuple[str, ...]
    separator: str
    lower_rest: bool

    def __new__(cls, parts: Sequence[str], separator: str, *, lower_rest: bool = False) -> JoinedMessage:
        parts = tuple(parts)
        message = str.__new__(cls, _join(list(parts), separator, lower_rest))
        message.template, message.values = str(message), {}
        message.parts, message.separator, message.lower_rest = parts, separator, lower_rest
        return message

    def translated(self, lang: str, values: dict) -> str:
        return _join([translate_message(part, lang) for part in self.parts], translate(self.separator, lang),
                     self.lower_rest)


def _join(texts: list[str], separator: str, lower_rest: bool) -> str:
    if lower_rest:
        texts = texts[:1] + [text[:1].lower() + text[1:] for text in texts[1:]]
    return separator.join(texts)


def translate_message(message: str, lang: str) -> str:
    """`message` in `lang`: a Message through its template, its text values (labels,
    themselves maybe Messages) translated too; a plain str looked up as it is."""
    if isinstance(message, Message):
        values = {key: translate_message(value, lang) if isinstance(value, str) and value else value
                  for key, value in message.values.items()}
        return message.translated(lang, values)
    return translate(message, lang) if message else message
