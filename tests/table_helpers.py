"""Reading what a static table (lib.ui.tables.static_table, st.table) shows in an AppTest."""
from __future__ import annotations

import re

import pandas as pd

_ESCAPE = re.compile(r"\\(.)")


def as_read(text):
    """A cell or header as the reader sees it: Markdown escapes and word joiners removed."""
    return _ESCAPE.sub(r"\1", text).replace("\u2060", "") if isinstance(text, str) else text


def shown(element) -> pd.DataFrame:
    """The frame of a st.table element (AppTest) as read on screen."""
    frame = element.value
    return frame.map(as_read).rename(columns=as_read)


def tables(app) -> list[pd.DataFrame]:
    """Every static table of the app, as read on screen, in page order."""
    return [shown(element) for element in app.table]
