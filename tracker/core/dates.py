"""Parse and format the dates used by the register, spreadsheets and the app."""

from __future__ import annotations

import calendar
import re
from datetime import date

from tracker.core.errors import TrackerError

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9

# "5th July 2017", "22nd May 2017", "8 December 2015", "1st Sept. 2019"
LONG_DATE = re.compile(
    r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>[A-Za-z]+)\.?,?\s+(?P<year>\d{4})"
)
ISO_DATE = re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})")
UK_DATE = re.compile(r"(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})")


IMPOSSIBLE_BEFORE = date(1900, 1, 1)  # no inspection recommendation is older; a year 0001 is a typing slip
IMPOSSIBLE_AFTER = date(2100, 12, 31)
PLAUSIBLE_FROM = date(2000, 1, 1)  # earlier dates are possible but usually a mistyped year: imported with a warning


class DateError(TrackerError, ValueError):
    """A date that cannot be read or does not exist."""


def make_date(year: int, month: int, day: int, shown: str) -> date:
    """Build a date, raising DateError naming the text when it does not exist."""
    try:
        return date(year, month, day)
    except ValueError:
        raise DateError(f"'{shown}' is not a real date") from None


def parse_date(text: str) -> date:
    """Read one date written as in the register, ISO (2017-07-05) or UK style (05/07/2017)."""
    shown = text.strip()
    for pattern in (ISO_DATE, UK_DATE):
        m = pattern.fullmatch(shown)
        if m:
            return make_date(int(m["year"]), int(m["month"]), int(m["day"]), shown)
    m = LONG_DATE.fullmatch(shown)
    if not m:
        raise DateError(f"'{shown}' is not a date (expected e.g. '5th July 2017' or 2017-07-05)")
    month = MONTHS.get(m["month"].lower())
    if month is None:
        raise DateError(f"'{shown}' has an unknown month '{m['month']}'")
    return make_date(int(m["year"]), month, int(m["day"]), shown)


def ordinal(day: int) -> str:
    """1 -> '1st', 22 -> '22nd', 13 -> '13th'."""
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def register_date(d: date) -> str:
    """Write a date the way the register does: '5th July 2017'."""
    return f"{ordinal(d.day)} {calendar.month_name[d.month]} {d.year}"


def short_date(d: date | None) -> str:
    """Write a date for the app: '5 Jul 2017' ('' for none)."""
    if d is None:
        return ""
    return f"{d.day} {calendar.month_abbr[d.month]} {d.year}"


def end_of_month(year: int, month: int) -> date:
    """The last day of a month."""
    return date(year, month, calendar.monthrange(year, month)[1])


def implausible(d: date, today: date, future_ok: bool = False) -> str | None:
    """Why a date read from input deserves a warning ('before 2000', 'after today'), or None.

    Raises DateError for a date no recommendation can have (before 1900 or after 2100).
    """
    if not IMPOSSIBLE_BEFORE <= d <= IMPOSSIBLE_AFTER:
        raise DateError(f"'{d.isoformat()}' is outside 1900 to 2100; check the year")
    if d < PLAUSIBLE_FROM:
        return f"{d.isoformat()} is before {PLAUSIBLE_FROM.year}; check the year"
    if d > today and not future_ok:
        return f"{d.isoformat()} is after today; it counts only from that date"
    return None
