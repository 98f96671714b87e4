"""Saved times are UTC: the clock the store uses, and the type every saved time has.

A module of its own so that both the Leitner card (lessonkit.leitner) and the progress
records (lessonkit.progress_model) can use it without importing each other.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Annotated

from pydantic import AfterValidator


def utc_now() -> datetime:
    """The store's default clock: now, as an aware UTC time."""
    return datetime.now(timezone.utc)


def as_utc(value: datetime) -> datetime:
    """Saved times are UTC; a naive time is taken to be UTC already.

    A time at the edge of the calendar ("0001-01-01T00:00:00+14:00") has no UTC form: it
    makes the file invalid (set aside, or refused on import) instead of an OverflowError.
    """
    try:
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)
    except OverflowError:
        raise ValueError("the time is outside the calendar once converted to UTC") from None


UtcTime = Annotated[datetime, AfterValidator(as_utc)]
