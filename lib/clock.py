"""The time of the app: naive UTC timestamps in the database, Québec time on screen.

Everything that stamps a row or checks a time window calls `utcnow()`, so tests can
move the clock by monkeypatching this one function.
"""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

LOCAL_ZONE = ZoneInfo("America/Toronto")  # Outaouais keeps Eastern time


def utcnow() -> dt.datetime:
    """Now, in UTC, without tzinfo (how DuckDB TIMESTAMP columns store it)."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def today() -> dt.date:
    """Today's date in Québec."""
    return utcnow().replace(tzinfo=dt.timezone.utc).astimezone(LOCAL_ZONE).date()


def to_local(moment: dt.datetime | None) -> dt.datetime | None:
    """A naive UTC timestamp as naive Québec local time (for display)."""
    if moment is None or moment != moment:
        return None
    return moment.replace(tzinfo=dt.timezone.utc).astimezone(LOCAL_ZONE).replace(tzinfo=None)
