"""Red, amber and green: the rule a board reads an open recommendation by."""

from __future__ import annotations

RULE = (
    "**Red**: more than 90 days past its current target, or no update for longer than the stale limit. "
    "**Amber**: past its target by up to 90 days, or its target has slipped more than 180 days from the original. "
    "**Green**: on or before its target, recently updated."
)
SYMBOLS = {"red": "🔴 Red", "amber": "🟠 Amber", "green": "🟢 Green"}


def rag(days_overdue: float | None, slip_days: float | None, is_stale: bool) -> str:
    """The RAG rating of one open recommendation."""
    overdue = days_overdue if days_overdue is not None and days_overdue == days_overdue else 0
    slip = slip_days if slip_days is not None and slip_days == slip_days else 0
    if overdue > 90 or is_stale:
        return "red"
    if overdue > 0 or slip > 180:
        return "amber"
    return "green"
