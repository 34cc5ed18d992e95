"""Red, amber and green: the rule a board reads an open recommendation by."""

from __future__ import annotations

import math

RULE = (
    "**Red**: more than 90 days past its current target, or no update for longer than the stale limit. "
    "**Amber**: past its target by up to 90 days, or its target has slipped more than 180 days from the original. "
    "**Green**: on or before its target, recently updated."
)
SYMBOLS = {"red": "🔴 Red", "amber": "🟠 Amber", "green": "🟢 Green"}


def rag(days_overdue: float | None, slip_days: float | None, is_stale: bool) -> str:
    """The RAG rating of one open recommendation."""
    overdue = 0 if days_overdue is None or math.isnan(days_overdue) else days_overdue
    slip = 0 if slip_days is None or math.isnan(slip_days) else slip_days
    if overdue > 90 or is_stale:
        return "red"
    if overdue > 0 or slip > 180:
        return "amber"
    return "green"
