"""Red, amber and green: each force's written rule by percent complete and date, and the date rule for an item with no
percent, the one way every page, pack and download rates an open recommendation."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

import pandas as pd

RATINGS = ("red", "amber", "green")
SYMBOLS = {"red": "🔴 Red", "amber": "🟠 Amber", "green": "🟢 Green"}
WORDS = {"red": "Red", "amber": "Amber", "green": "Green"}  # where the symbols cannot be printed (the PDF pack)
NOT_RATED = "Not rated: closed"
# The rule for an item with no percent complete reported: by how late it is, how far it slipped and how silent it is.
DATES_RULE = ("red when more than 90 days past its current target or with no update for longer than the stale limit; "
              "amber when past its target by up to 90 days or its target has slipped more than 180 days from the "
              "original; green otherwise")
NO_PERCENT = f"An item with no percent complete reported is rated by its dates: {DATES_RULE}."
DEFAULT_RULE = "red <= 25, amber <= 75, green; red if < 50 and past target"  # Reading's, the default for every force
SYNTAX = ("Write the bands from the lowest, each a rating and the highest percent it covers, the last covering the rest "
          "('red <= 25, amber <= 75, green'), then, after a semicolon, any rating that overrides them and when "
          "('red if < 50 and past target'; conditions: < N, <= N, > N, >= N, past target, joined by 'and').")
COMPARISONS = {"<": "under", "<=": "at most", ">": "over", ">=": "at least"}
PAST = "past target"


@dataclass(frozen=True)
class Band:
    """A rating for every percent up to `upto` (inclusive) not taken by a band below it; None: the rest."""

    rating: str
    upto: int | None


@dataclass(frozen=True)
class Condition:
    """A comparison of the percent complete ('<', '<=', '>', '>=' with a number), or 'past target'."""

    op: str
    value: int | None = None

    def holds(self, percent: int, past: bool) -> bool:
        """Whether an item with this percent, past its target or not, meets the condition."""
        if self.op == PAST:
            return past
        return {"<": percent < self.value, "<=": percent <= self.value, ">": percent > self.value,
                ">=": percent >= self.value}[self.op]

    def text(self) -> str:
        """The condition as the rule writes it."""
        return PAST if self.op == PAST else f"{self.op} {self.value}"

    def words(self) -> str:
        """The condition in words."""
        return "past its target" if self.op == PAST else f"{COMPARISONS[self.op]} {self.value}%"


@dataclass(frozen=True)
class Override:
    """A rating that stands, whatever the bands say, when every one of its conditions holds."""

    rating: str
    conditions: tuple[Condition, ...]


@dataclass(frozen=True)
class Rule:
    """A force's RAG rule: its bands by percent complete, lowest first, and the overrides checked before them."""

    bands: tuple[Band, ...]
    overrides: tuple[Override, ...] = ()

    def text(self) -> str:
        """The rule in its written form, as an administrator types it and the policy keeps it."""
        bands = ", ".join(b.rating if b.upto is None else f"{b.rating} <= {b.upto}" for b in self.bands)
        return "; ".join([bands, *(f"{o.rating} if " + " and ".join(c.text() for c in o.conditions)
                                   for o in self.overrides)])

    def words(self) -> str:
        """The rule in a sentence, as a legend states it."""
        parts, low = [], 0
        for b in self.bands:
            if b.upto is None:
                parts.append(f"{b.rating} whatever the percent" if low == 0 else f"{b.rating} over {low - 1}%")
            elif low == 0:
                parts.append(f"{b.rating} up to {b.upto}% complete")
            else:
                parts.append(f"{b.rating} {low}%" if low == b.upto else f"{b.rating} {low}–{b.upto}%")
            low = (b.upto or 0) + 1
        said = ", ".join(parts)
        said = said[0].upper() + said[1:]
        for o in self.overrides:
            said += f"; {o.rating} whatever its band when " + " and ".join(c.words() for c in o.conditions)
        return said + "."

    def rating(self, percent: int, past: bool) -> str:
        """The rating of an item this percent complete, past its target or not."""
        for o in self.overrides:
            if all(c.holds(percent, past) for c in o.conditions):
                return o.rating
        return next(b.rating for b in self.bands if b.upto is None or percent <= b.upto)


NUMBER = r"(\d+(?:\.\d+)?)\s*%?"


def whole(text: str, low: int, high: int, where: str) -> int:
    """A written number as a whole percent from low to high, or ValueError naming it and where it is."""
    if "." in text or not low <= int(text) <= high:
        raise ValueError(f"in {where}, {text} is not a whole percent from {low} to {high}")
    return int(text)


def percent_of(value) -> int | None:
    """A percent complete as given (a whole number from 0 to 100, written '60' or '60%'), None for none, or ValueError
    saying what it takes."""
    if value is None or (not isinstance(value, str) and pd.isna(value)) or str(value).strip() == "":
        return None
    text = str(value).strip().removesuffix("%").strip()
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    if re.fullmatch(r"[0-9]{1,3}", text) is None or int(text) > 100:
        fraction = re.fullmatch(r"0?\.\d+", text) is not None  # a spreadsheet's percentage cell holds 0.6 for 60%
        raise ValueError(f"'{str(value).strip()}' is not a percent complete: give a whole number from 0 to 100"
                         + (f" ({round(float(text) * 100)}, if that is what it means)" if fraction else ""))
    return int(text)


def rating_word(text: str, where: str) -> str:
    """A rating as written (any case), or ValueError naming what was written."""
    word = text.strip().lower()
    if word not in RATINGS:
        raise ValueError(f"'{text.strip()}' in {where} is not a rating: write red, amber or green")
    return word


def parse_band(text: str, last: bool) -> Band:
    """One band: 'amber <= 75', or the last band's rating alone."""
    m = re.fullmatch(rf"\s*([a-z]+)\s*(?:<=\s*{NUMBER})?\s*", text, re.I)
    if m is None:
        raise ValueError(f"the band '{text.strip()}' is not a rating and the highest percent it covers, "
                         "e.g. 'amber <= 75'")
    rating = rating_word(m[1], f"the band '{text.strip()}'")
    if m[2] is None and not last:
        raise ValueError(f"the band '{text.strip()}' needs the highest percent it covers, e.g. '{rating} <= 75': "
                         "only the last band covers the rest")
    if m[2] is not None and last:
        raise ValueError(f"the last band '{text.strip()}' covers the rest: write its rating alone, e.g. 'green'")
    return Band(rating, None if m[2] is None else whole(m[2], 0, 99, f"the band '{text.strip()}'"))


def parse_override(text: str) -> Override:
    """One override: 'red if < 50 and past target'."""
    m = re.fullmatch(r"\s*([a-z]+)\s+if\s+(.+?)\s*", text, re.I)
    if m is None:
        raise ValueError(f"'{text.strip()}' is not an override: write a rating, 'if' and its conditions, e.g. "
                         "'red if < 50 and past target'")
    rating = rating_word(m[1], f"'{text.strip()}'")
    conditions = []
    for part in re.split(r"\s+and\s+", m[2], flags=re.I):
        if re.fullmatch(r"past\s+(?:its\s+)?target", part.strip(), re.I):
            conditions.append(Condition(PAST))
            continue
        c = re.fullmatch(rf"(<=|>=|<|>)\s*{NUMBER}", part.strip())
        if c is None:
            raise ValueError(f"'{part.strip()}' in '{text.strip()}' is not a condition: write < N, <= N, > N, >= N "
                             "or past target")
        conditions.append(Condition(c[1], whole(c[2], 0, 100, f"'{text.strip()}'")))
    return Override(rating, tuple(conditions))


def parse_rule(text: str) -> Rule:
    """A written rule ('red <= 25, amber <= 75, green; red if < 50 and past target') as a Rule, or ValueError saying
    what is wrong with it."""
    if not (text or "").strip():
        raise ValueError(f"the rule is empty. {SYNTAX}")
    first, *rest = text.split(";")
    written = first.split(",")
    bands = tuple(parse_band(b, n == len(written) - 1) for n, b in enumerate(written))
    for low, high in pairwise(bands[:-1]):  # the last band has no limit
        if high.upto <= low.upto:
            raise ValueError(f"the bands' limits rise from the lowest: {high.rating} <= {high.upto} comes after "
                             f"{low.rating} <= {low.upto}")
    if any(not o.strip() for o in rest):
        raise ValueError("nothing follows a semicolon: write an override after it, e.g. 'red if < 50 and past "
                         "target', or leave the semicolon out")
    return Rule(bands, tuple(parse_override(o) for o in rest))


def canonical(text: str) -> str:
    """A written rule as the policy keeps it (checked, in its one spelling), or ValueError saying what is wrong."""
    return parse_rule(text).text()


DEFAULT = parse_rule(DEFAULT_RULE)


def rag(days_overdue: float | None, slip_days: float | None, is_stale: bool) -> str:
    """The rating of an open recommendation by its dates (DATES_RULE): for one with no percent complete reported."""
    overdue = 0 if pd.isna(days_overdue) else days_overdue  # None, NaN and pandas' NA (a nullable integer column)
    slip = 0 if pd.isna(slip_days) else slip_days
    is_stale = bool(is_stale) and not pd.isna(is_stale)
    if overdue > 90 or is_stale:
        return "red"
    if overdue > 0 or slip > 180:
        return "amber"
    return "green"


def as_day(value) -> date | None:
    """A date, from a date, a timestamp or nothing."""
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def rag_of(rule: Rule, percent, target, today: date, days_overdue=None, slip_days=None, is_stale=False,
           is_open=True) -> str | None:
    """The rating of one recommendation: by its force's rule from its latest percent complete and whether `today` is
    past its target; with no percent, by its dates (NO_PERCENT). None for a closed one: only open items are rated."""
    if not is_open or pd.isna(is_open):
        return None
    if percent is None or pd.isna(percent):
        return rag(days_overdue, slip_days, is_stale)
    target = as_day(target)
    return rule.rating(int(percent), target is not None and today > target)


def how_rated(percent) -> str:
    """Which rule rated an item: its percent complete, or its dates when it has none (NO_PERCENT)."""
    return "by its dates: no percent complete reported" if percent is None or pd.isna(percent) \
        else "by its percent complete"


def shown(rating: str | None) -> str:
    """A rating as the app shows it: its symbol and its word ('🔴 Red'), or that a closed item is not rated."""
    return NOT_RATED if rating is None else SYMBOLS[rating]


@dataclass(frozen=True)
class Rules:
    """Each force's RAG rule as its administrators set it; a force not listed has the default."""

    by_force: dict[str, Rule] = field(default_factory=dict)

    def of(self, force: str) -> Rule:
        """The force's rule."""
        return self.by_force.get(force, DEFAULT)

    def legend(self, forces: Iterable[str]) -> str:
        """The rules of these forces in words, one sentence for all when they share one, and the date rule."""
        groups: dict[Rule, list[str]] = {}
        for force in sorted(set(forces)):
            groups.setdefault(self.of(force), []).append(force)
        if len(groups) <= 1:
            return f"RAG by percent complete: {next(iter(groups), DEFAULT).words()} {NO_PERCENT}"
        lines = [f"{', '.join(names)}: {rule.words()}" for rule, names in groups.items() if rule != DEFAULT]
        if DEFAULT in groups:
            lines.append(f"Every other force here: {DEFAULT.words()}")
        return "RAG by percent complete, each force by its own rule. " + " ".join(lines) + f" {NO_PERCENT}"


def rated(df: pd.DataFrame, rules: Rules, today: date, symbols: bool = True) -> pd.DataFrame:
    """Rows of open recommendations with their rating as the second column ('🔴 Red', …; words alone without
    `symbols`), each by its force's rule (rag_of), from the columns force, percent, target_current and, for the date
    rule, days_overdue, slip_days and is_stale (a column missing counts as none)."""
    out = df.copy()

    def col(name: str, default=None) -> list:
        return list(out[name]) if name in out.columns else [default] * len(out)

    shown_as = SYMBOLS if symbols else WORDS
    ratings = [rag_of(rules.of(f), p, t, today, d, s, stale, o) for f, p, t, d, s, stale, o in zip(
        col("force"), col("percent"), col("target_current"), col("days_overdue"), col("slip_days"),
        col("is_stale", False), col("is_open", True), strict=True)]
    out.insert(min(1, len(out.columns)), "rating", [NOT_RATED if r is None else shown_as[r] for r in ratings])
    return out
