"""Messages for people: French in lib/, translated by the page that shows them.

An error raised in lib/ is a French str (tests, logs and the audit log read it as such).
When it is built from values, it is a `Message` (or a `PluralMessage` when a count chooses
its form): still that French str, but it also remembers its template and values, so that
`translate_message` looks the template up in the catalogue (the French template is the
msgid) and fills it in the reader's language.
"""
from __future__ import annotations

from lib.core.i18n import DEFAULT_LANGUAGE, ngettext, translate


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


def translate_message(message: str, lang: str) -> str:
    """`message` in `lang`: a Message through its template, its text values (labels,
    themselves maybe Messages) translated too; a plain str looked up as it is."""
    if isinstance(message, Message):
        values = {key: translate_message(value, lang) if isinstance(value, str) else value
                  for key, value in message.values.items()}
        return message.translated(lang, values)
    return translate(message, lang)
