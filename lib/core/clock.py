"""The time of the app: naive UTC timestamps in the database, Québec time on screen.

Everything that stamps a row or checks a time window calls `utcnow()`, so tests can
move the clock by monkeypatching this one function.
"""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pandas as pd

LOCAL_ZONE = ZoneInfo("America/Toronto")  # Outaouais keeps Eastern time


def utcnow() -> dt.datetime:
    """Now, in UTC, without tzinfo (how DuckDB TIMESTAMP columns store it)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def today() -> dt.date:
    """Today's date in Québec."""
    return utcnow().replace(tzinfo=dt.UTC).astimezone(LOCAL_ZONE).date()


def to_local(moment: dt.datetime | None) -> dt.datetime | None:
    """A naive UTC timestamp as naive Québec local time (for display)."""
    if moment is None or moment != moment:
        return None
    return moment.replace(tzinfo=dt.UTC).astimezone(LOCAL_ZONE).replace(tzinfo=None)


def to_local_series(moments: pd.Series) -> pd.Series:
    """A column of naive UTC timestamps as naive Québec local times (NaT kept)."""
    return pd.to_datetime(moments).dt.tz_localize("UTC").dt.tz_convert(LOCAL_ZONE).dt.tz_localize(None)
