"""Telling the user what went wrong: the one way pages show a FormError's messages."""
from __future__ import annotations

import streamlit as st

from lib.core.errors import FormError
from lib.core.messages import Message, translate_message
from lib.ui.layout import escape_markdown
from lib.ui.session import language, t


def show_errors(problem: FormError | list[str]) -> None:
    """The messages of `problem` in the session's language, as one error box.

    One message shows as it is; several show under "Veuillez corriger ce qui suit :", one per
    line, so a long form's problems are read at once. Values inside messages (which may be
    typed text) are escaped so they show as typed, never as markdown.
    """
    messages = problem.messages if isinstance(problem, FormError) else list(problem)
    lang = language()
    texts = [_text(message, lang) for message in messages]
    if len(texts) == 1:
        st.error(texts[0])
    elif texts:
        st.error(t("Veuillez corriger ce qui suit :") + "\n" + "\n".join(f"- {text}" for text in texts))


def _text(message: str, lang: str) -> str:
    if isinstance(message, Message):
        values = {key: escape_markdown(value) if isinstance(value, str) and not isinstance(value, Message) else value
                  for key, value in message.values.items()}
        return translate_message(Message(message.template, **values), lang)
    return translate_message(message, lang)
