"""How figures, dates and colours look everywhere (pages, charts, the PDF and the slides), defined once."""

from __future__ import annotations

from datetime import date

import pandas as pd

from tracker.core.dates import short_date
from tracker.core.statuses import is_closed
from tracker.core.text import missing

DASH = "–"  # a value that is missing or unknown

# Okabe-Ito colours beside the status colours (core.statuses): distinct under the common colour-vision deficiencies.
ACCENT = "#0072B2"  # the selection's line and bars; never an alarm
MUTED = "#555555"  # the national comparison line, secondary text
ALARM = "#D55E00"  # overdue
LIGHT = "#56B4E9"
GOOD = "#009E73"
NEUTRAL_DOT = "#333333"
CONNECTOR = "#CCCCCC"
TEXT_MUTED = "#646464"  # captions and notes in the board pack
DEMO_MARK = "#B41E1E"  # the demo marking on every page of the pack
# Days-overdue buckets 1 to 4 (the SQL macro ageing_bucket numbers and labels them), light to dark.
AGEING_COLOURS = ("#F0E442", "#E69F00", "#D55E00", "#882255")


def fmt_int(value) -> str:
    """1234 -> '1,234'; missing -> '–'."""
    return DASH if missing(value) else f"{int(value):,}"


def fmt_pct(value) -> str:
    """0.456 -> '46%'; missing -> '–'."""
    return DASH if missing(value) else f"{value:.0%}"


def fmt_days(value) -> str:
    """412.0 -> '412 days'; missing -> '–'."""
    return DASH if missing(value) else f"{round(value):,} days"


def fmt_date(value) -> str:
    """A date, datetime or timestamp as '5 Jul 2017'; missing -> '–'."""
    if missing(value):
        return DASH
    return short_date(value if type(value) is date else pd.Timestamp(value).date())


def due_text(status: str | None, target, days_overdue, as_of) -> str:
    """Where an item stands against its target, in words: 'closed', 'no target', 'not yet due (N days left)',
    'due today' or 'N days overdue'."""
    if is_closed(status):
        return "closed"
    if missing(target):
        return "no target"
    if not missing(days_overdue) and days_overdue > 0:
        return f"{int(days_overdue):,} days overdue"
    left = (pd.Timestamp(target).date() - as_of).days
    return "due today" if left == 0 else f"not yet due ({left:,} days left)"


def days_left_text(left: int) -> str:
    """Days to a deadline in words: 'N days left', 'due today' or 'N days overdue' (one day, not 'days')."""
    n = abs(int(left))
    days = f"{n:,} day{'s' * (n != 1)}"
    return f"{days} left" if left > 0 else "due today" if left == 0 else f"{days} overdue"


def rgb(hex_colour: str) -> tuple[int, int, int]:
    """'#0072B2' -> (0, 114, 178), for the PDF and slide writers."""
    value = hex_colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
