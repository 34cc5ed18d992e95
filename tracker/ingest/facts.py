"""Pull owner, overseer, target and board out of the free text of comments."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from tracker.core.dates import MONTHS, end_of_month, make_date

# Rank and surname: up to six capitalised words; a full stop ends the name ("ACC Watson.The action").
# Every repetition here is bounded, so a long text is scanned in linear time (tests/test_faults.py times it).
NAME = r"(?P<v>[A-Z][\w'’/-]{0,40}(?:[ \t]{1,3}[A-Z][\w'’/-]{0,40}){0,5})"
OWNER = re.compile(r"recommendation owner is (?:now )?" + NAME)
OVERSEER = re.compile(r"overseen by (?:the )?" + NAME)
BOARD = re.compile(
    r"(?i:reviewed and monitored|monitored|governed|overseen) (?:by|at|through) (?:the )?"
    r"(?P<v>[A-Z][\w&'’ -]{0,100}?(?:Board|Group|Committee))"
)
SEASONS = {"spring": 5, "summer": 8, "autumn": 11, "winter": 2}
WHEN = (
    r"(?:the\s+)?(?:end\s+of\s+)?(?P<when>(?:(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+)?"
    r"(?P<period>[A-Za-z]+|Q[1-4])\s+(?P<year>\d{4}))"
)
TARGET = re.compile(
    r"(?:estimated|completed by|complete by|completion by|due by|target date (?:is|of)|by)\s+" + WHEN
)


@dataclass(frozen=True)
class Facts:
    """Facts found in one comment; None where the comment does not say."""

    owner: str | None = None
    overseer: str | None = None
    board: str | None = None
    target: date | None = None
    target_text: str | None = None


def target_date(period: str, year: int, day: int | None = None) -> date | None:
    """The date a target means: a day, the end of a month or quarter, or the end of a season."""
    key = period.lower()
    if day is not None and key in MONTHS:
        return make_date(year, MONTHS[key], day, f"{day} {period} {year}")
    if key in MONTHS:
        return end_of_month(year, MONTHS[key])
    if re.fullmatch(r"q[1-4]", key):
        return end_of_month(year, int(key[1]) * 3)
    if key in SEASONS:
        # Winter runs over the year end, so "Winter 2018" ends in February 2019.
        return end_of_month(year + 1 if key == "winter" else year, SEASONS[key])
    return None


def first_target(comment: str) -> tuple[date, str] | tuple[None, None]:
    """The first target a comment states that is a real date, with its words; (None, None) if none."""
    for m in TARGET.finditer(comment):
        try:
            found = target_date(m["period"], int(m["year"]), int(m["day"]) if m["day"] else None)
        except ValueError:
            found = None
        if found:
            return found, m["when"]
    return None, None


def stated_target(comment: str) -> date | None:
    """The target date a comment states, if any (the first mention, as extract() reads it)."""
    return first_target(comment)[0]


def extract(comment: str) -> Facts:
    """Find the facts that a comment states, each from its first mention."""
    owner = OWNER.search(comment)
    overseer = OVERSEER.search(comment)
    board = BOARD.search(comment)
    target, target_text = first_target(comment)
    return Facts(
        owner=owner["v"] if owner else None,
        overseer=overseer["v"] if overseer else None,
        board=board["v"].strip() if board else None,
        target=target,
        target_text=target_text,
    )
