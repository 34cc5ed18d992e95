"""The one clock: today's date for every page, write, pack and email, and the moment a row is made."""

from __future__ import annotations

import os
from datetime import date, datetime

from tracker.core.errors import TrackerError

PINNED = "TRACKER_TODAY"


def today() -> date:
    """Today's date, or the date TRACKER_TODAY pins (for tests and rehearsals that must not cross midnight)."""
    pinned = os.environ.get(PINNED)
    if not pinned:
        return date.today()
    try:
        return date.fromisoformat(pinned)
    except ValueError:
        raise TrackerError(f"{PINNED} must be a date such as 2026-03-31, not {pinned!r}.") from None


def now() -> datetime:
    """The moment a row is made, to the second (its day may follow a pinned date; the rules use today())."""
    return datetime.now().replace(microsecond=0)
