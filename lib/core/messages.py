"""Messages for people: French in lib/, translated by the page that shows them.

An error raised in lib/ is a French str (tests, logs and the audit log read it as such).
When it is built from values, it is a `Message`: still that French str, but it also
remembers its template and values, so that `translate_message` looks the template up in
the catalogue (the French template is the key) and fills it in the reader's language.
"""
from __future__ import annotations

from lib.core.i18n import translate


class Message(str):
    """`template.format(**values)` as a str that keeps `template` and `values`."""

    template: str
    values: dict

    def __new__(cls, template: str, **values) -> Message:
        message = super().__new__(cls, template.format(**values))
        message.template, message.values = template, values
        return message


def translate_message(message: str, lang: str) -> str:
    """`message` in `lang`: a Message through its template, its text values (labels,
    themselves maybe Messages) translated too; a plain str looked up as it is."""
    if isinstance(message, Message):
        values = {key: translate_message(value, lang) if isinstance(value, str) else value
                  for key, value in message.values.items()}
        return translate(message.template, lang, **values)
    return translate(message, lang)
