"""Where a recommendation comes from and its legal clock: each source's rule is a row of data/sources.csv, and
answer_by() is the one function that turns a rule, the day it runs from and a stated date into the day to answer by.

Month ends: a period of N months runs to the same day number N months on, or to that month's last day when it has
no such day (31 January + 1 month is 28 February, or 29 in a leap year); when the day itself counts ("beginning with
the day"), the period ends the day before. So a letter sent on 31 January 2025, "one month beginning with the day it
was sent", is due on 27 February 2025 (28 February in 2024), and one sent on 15 January on 14 February.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from tracker import ROOT
from tracker.core.dates import end_of_month
from tracker.core.errors import TrackerError

RULES_FILE = ROOT / "data" / "sources.csv"
DEFAULT_SOURCE = "hmicfrs"  # every item imported before sources were recorded is an inspection's
COLUMNS = ("source", "name", "runs_from", "length", "unit", "day_counts", "stated_date_wins", "extended_by",
           "answered_by")
UNITS = ("days", "months")
YES_NO = {"yes": True, "no": False}


class SourceError(TrackerError, ValueError):
    """A source that is not in the table, or a table row that cannot be a rule; names the line."""


@dataclass(frozen=True)
class SourceRule:
    """One source's clock, as its row says."""

    source: str  # the code items carry: hmicfrs, pfd, iopc, external-audit
    name: str
    runs_from: str  # what the clock runs from, in words (the date itself is the item's published_on)
    length: int
    unit: str  # days | months
    day_counts: bool  # "beginning with the day": the day itself is the period's first day
    stated_date_wins: bool  # a date the source states ("namely by …") is the one that binds
    extended_by: str  # who may extend the period (an extension is a dated row, a later part)
    answered_by: str  # who answers, in words


def rule_from_row(row: dict[str, str], where: str) -> SourceRule:
    """One CSV row as a rule, or SourceError naming the line and the field."""
    missing = [c for c in COLUMNS if not (row.get(c) or "").strip()]
    if missing:
        raise SourceError(f"{where}: '{missing[0]}' is empty")
    values = {c: row[c].strip() for c in COLUMNS}
    if not values["length"].isdigit() or int(values["length"]) < 1:
        raise SourceError(f"{where}: length '{values['length']}' is not a whole number of days or months")
    if values["unit"] not in UNITS:
        raise SourceError(f"{where}: unit '{values['unit']}' is not one of {', '.join(UNITS)}")
    for flag in ("day_counts", "stated_date_wins"):
        if values[flag].lower() not in YES_NO:
            raise SourceError(f"{where}: {flag} '{values[flag]}' is not yes or no")
    return SourceRule(values["source"], values["name"], values["runs_from"], int(values["length"]), values["unit"],
                      YES_NO[values["day_counts"].lower()], YES_NO[values["stated_date_wins"].lower()],
                      values["extended_by"], values["answered_by"])


@lru_cache(maxsize=4)
def load_rules(path: Path = RULES_FILE) -> dict[str, SourceRule]:
    """Every source's rule, by its code, from the table (SourceError for a bad row or a source given twice)."""
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise SourceError(f"{path}, line 1: the columns must be {', '.join(COLUMNS)}")
        rules: dict[str, SourceRule] = {}
        for row in reader:
            rule = rule_from_row(row, f"{path}, line {reader.line_num}")
            if rule.source in rules:
                raise SourceError(f"{path}, line {reader.line_num}: source '{rule.source}' is given twice")
            rules[rule.source] = rule
    return rules


def rule_of(source: str, rules: dict[str, SourceRule] | None = None) -> SourceRule:
    """The rule of a source code, or SourceError naming the sources there are."""
    table = load_rules() if rules is None else rules
    if source not in table:
        raise SourceError(f"unknown source '{source}': the sources are {', '.join(table)}")
    return table[source]


def add_months(day: date, months: int) -> date:
    """The same day number `months` later, or that month's last day when it has no such day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, end_of_month(year, month + 1).day))


def answer_by(source: str, runs_from: date | None, stated: date | None = None,
              rules: dict[str, SourceRule] | None = None) -> date | None:
    """The last day to answer an item of `source` whose clock runs from `runs_from`: a stated date where the source's
    stated date wins, else the period counted from `runs_from` (None when that is not known)."""
    rule = rule_of(source, rules)
    if stated is not None and rule.stated_date_wins:
        return stated
    if runs_from is None:
        return None
    end = runs_from + timedelta(days=rule.length) if rule.unit == "days" else add_months(runs_from, rule.length)
    return end - timedelta(days=1) if rule.day_counts else end


def source_name(source: str, rules: dict[str, SourceRule] | None = None) -> str:
    """A source in words, its name in the table ('pfd' is "Coroner's prevention of future deaths report"); a code the
    table does not hold is shown as it is."""
    table = load_rules() if rules is None else rules
    return table[source].name if source in table else str(source)
