"""Assign a theme to a recommendation from the editable keyword rules in data/themes.csv."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from tracker import ROOT

RULES_FILE = ROOT / "data" / "themes.csv"
UNTHEMED = "Other"


@lru_cache(maxsize=4)
def load_rules(path: Path = RULES_FILE) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The rules in file order: (theme, keywords), keywords lower-case."""
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return tuple(
        (row["theme"].strip(), tuple(k.strip().lower() for k in row["keywords"].split(";") if k.strip()))
        for row in rows
    )


def theme_for(title: str, text: str, rules=None) -> str:
    """The first theme whose keyword appears in the report title, else in the text; else 'Other'."""
    rules = load_rules() if rules is None else rules
    for haystack in (title.lower(), text.lower()):
        for theme, keywords in rules:
            if any(k in haystack for k in keywords):
                return theme
    return UNTHEMED
