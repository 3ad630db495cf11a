"""Tables to read, not to explore: every cell's text whole (wrapped), in the reader's language.

A board member does not scroll a grid sideways, and st.dataframe shows each cell on one line,
cut at its column's width. For a short read-only list, st.table draws a static table that
wraps its text within the page's width. st.table reads its cells as Markdown, so every value
is escaped here (typed text shows as typed, never as markup or HTML); dates and numbers are
written as the language writes them (lib.core.i18n.format_table). Downloads keep the raw frame.
"""
from __future__ import annotations

import datetime as dt
import re
from urllib.parse import quote

import pandas as pd
import streamlit as st

from lib.core.i18n import format_table, translate
from lib.core.messages import Message, translate_message
from lib.ui.layout import escape_markdown
from lib.ui.session import language

EMPTY = "—"
NBSP = "\u00a0"
MAX_ROWS_SHOWN, SCROLL_HEIGHT = 15, 640
_BREAKS = re.compile(r"[ \t\r\n\f\v]+")
# Characters a link target keeps; everything else (spaces, brackets, parentheses) is percent-encoded,
# so an address can neither end the Markdown link early nor add markup.
_URL_SAFE = ":/?#@!$&'*+,;=%~-._"


def for_reading(frame: pd.DataFrame, lang: str, *, codes: tuple[str, ...] = (), links: tuple[str, ...] = ()
                ) -> pd.DataFrame:
    """`frame` as escaped Markdown text for st.table: headers and values escaped, lib Messages
    translated into `lang`, dates and numbers in `lang`'s format; `codes` columns (numbers that
    name something: an update's N°) as plain digits; `links` columns (http/https addresses) as
    a link "Ouvrir", any other value as escaped text. Empty cells read "—". No side effects."""
    out = frame.copy()
    for column in codes:
        if column in out.columns:
            out[column] = pd.Series([_code(v) for v in out[column].tolist()], index=out.index, dtype=object)
    dates = {c: _is_timed(out[c]) for c in out.columns if _is_dates(out[c])}
    out = format_table(out, lang)
    for column, timed in dates.items():  # "27 novembre 2026" on one line; a time may go to the next
        out[column] = [_unbroken(v, timed) if isinstance(v, str) else v for v in out[column].tolist()]
    for column in out.columns:
        if column in links:
            out[column] = [_link(v, lang) for v in out[column].tolist()]
        else:
            out[column] = [_cell(v, lang) for v in out[column].tolist()]
    return out.rename(columns={c: escape_markdown(str(c)) for c in out.columns})


def static_table(frame: pd.DataFrame, *, codes: tuple[str, ...] = (), links: tuple[str, ...] = ()) -> None:
    """`frame` (headers already in the session's language) as a static table that wraps its
    text (see for_reading); a table of more than MAX_ROWS_SHOWN rows scrolls down within
    SCROLL_HEIGHT pixels under its headers, so what follows it on the page stays near."""
    show_readable(for_reading(frame, language(), codes=codes, links=links))


def show_readable(readable: pd.DataFrame) -> None:
    """A frame already made by for_reading (cached by a caller) as static_table shows it."""
    height = SCROLL_HEIGHT if len(readable) > MAX_ROWS_SHOWN else "content"
    st.table(readable, hide_index=True, height=height)


def _cell(value, lang: str) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return EMPTY
    if isinstance(value, bool):
        return translate("Oui", lang) if value else translate("Non", lang)
    text = translate_message(value, lang) if isinstance(value, Message) else str(value)
    text = _BREAKS.sub(" ", text).strip()  # one line; the no-break and thin spaces of dates and numbers kept
    return escape_markdown(text) if text else EMPTY


def _link(value, lang: str) -> str:
    if not isinstance(value, str) or not value.strip():
        return EMPTY
    address = value.strip()
    if not address.lower().startswith(("http://", "https://")):
        return _cell(value, lang)
    return f"[{escape_markdown(translate('Ouvrir', lang))}]({quote(address, safe=_URL_SAFE)})"


def _code(value):
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return str(int(value)) if isinstance(value, int | float) or hasattr(value, "is_integer") else str(value)


def _is_dates(values: pd.Series) -> bool:
    return pd.api.types.is_datetime64_any_dtype(values) or (
        values.notna().any() and all(isinstance(v, dt.date) for v in values.dropna()))


def _is_timed(values: pd.Series) -> bool:
    return any(isinstance(v, dt.datetime) and v.time() != dt.time() for v in values.dropna())


def _unbroken(text: str, timed: bool) -> str:
    """`text` with no-break spaces; a date and time ("13 mars 2024, 14 h 05") may still part before the time."""
    if timed and ", " in text:
        day, time = text.rsplit(", ", 1)
        return day.replace(" ", NBSP) + ", " + time.replace(" ", NBSP)
    return text.replace(" ", NBSP)
