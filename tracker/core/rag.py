"""Red, amber and green: the rule a board reads an open recommendation by."""

from __future__ import annotations

import pandas as pd

RULE = (
    "**Red**: more than 90 days past its current target, or no update for longer than the stale limit. "
    "**Amber**: past its target by up to 90 days, or its target has slipped more than 180 days from the original. "
    "**Green**: on or before its target, recently updated."
)
SYMBOLS = {"red": "🔴 Red", "amber": "🟠 Amber", "green": "🟢 Green"}


def rag(days_overdue: float | None, slip_days: float | None, is_stale: bool) -> str:
    """The RAG rating of one open recommendation."""
    overdue = 0 if pd.isna(days_overdue) else days_overdue  # None, NaN and pandas' NA (a nullable integer column)
    slip = 0 if pd.isna(slip_days) else slip_days
    is_stale = bool(is_stale) and not pd.isna(is_stale)
    if overdue > 90 or is_stale:
        return "red"
    if overdue > 0 or slip > 180:
        return "amber"
    return "green"


def rated(df: pd.DataFrame) -> pd.DataFrame:
    """Overdue items with their rating ('🔴 Red', …) as the second column, as the page and its downloads show it."""
    out = df.copy()
    ratings = [SYMBOLS[rag(d, s, st)] for d, s, st in zip(out["days_overdue"], out["slip_days"], out["is_stale"], strict=True)]
    out.insert(min(1, len(out.columns)), "rating", ratings)
    return out
