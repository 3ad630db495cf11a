"""Telling the user how a save went: the one way pages show a FormError's messages, and the
confirmation after a save, next to the form that saved (save_then_confirm, show_confirmation)."""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import streamlit as st

from lib.core.errors import FormError
from lib.core.messages import Message, translate_message
from lib.ui.layout import escape_markdown
from lib.ui.session import language, t

T = TypeVar("T")


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


def message_markdown(message: str) -> str:
    """A lib Message (or a plain French text) in the session's language, for Markdown (a box, a
    caption): its values, which may be typed text, escaped; the template's own words as written."""
    return _text(message, language())


def confirm_after_rerun(slot: str, message: str) -> None:
    """Keep a confirmation for the rerun that follows a save; show_confirmation(slot) shows it
    where the page calls it (next to the form that saved, where the user is looking)."""
    st.session_state[f"confirm.{slot}"] = message


def save_then_confirm(slot: str, save: Callable[[], T], message: str,
                      then: Callable[[T], None] | None = None) -> None:
    """One save of a form: run `save()`; when it raises a FormError, its messages are shown
    here (show_errors) and the page goes on, so the form keeps what was typed. Otherwise
    `then(result)` runs (empty the form, open what was made), `message` is kept for
    show_confirmation(slot) and the page reruns (st.rerun: nothing after this call runs)."""
    try:
        result = save()
    except FormError as error:
        show_errors(error)
        return
    if then is not None:
        then(result)
    confirm_after_rerun(slot, message)
    st.rerun()


def show_confirmation(slot: str) -> None:
    """The confirmation kept for `slot`, once, as a success box here. (No toast: Streamlit
    cuts a long one with an English "view more".)"""
    message = st.session_state.pop(f"confirm.{slot}", None)
    if message:
        st.success(message, icon=":material/check_circle:")


@contextmanager
def section(name: str) -> Iterator[None]:
    """Run one section of a page (a tab, a chart, a table) so that its failure stays its own:
    an unexpected error is logged with its traceback (logger "rocsmo.ui", with `name`) and
    shown as a French error box in its place; the rest of the page goes on. A FormError is
    shown with show_errors. st.stop and st.rerun pass through (they are not Exceptions)."""
    try:
        yield
    except FormError as error:
        show_errors(error)
    except Exception:
        _LOG.exception("Section %s failed", name)
        st.error(t("Cette partie de la page n’a pas pu s’afficher à cause d’une erreur inattendue. Le reste de la "
                   "page fonctionne; l’erreur a été consignée pour l’équipe."), icon=":material/error:")


_LOG = logging.getLogger("rocsmo.ui")


def _text(message: str, lang: str) -> str:
    if isinstance(message, Message):
        values = {key: escape_markdown(value) if isinstance(value, str) and not isinstance(value, Message) else value
                  for key, value in message.values.items()}
        return translate_message(Message(message.template, **values), lang)
    return translate_message(message, lang)
