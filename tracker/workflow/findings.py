"""How findings read in words: a cause of concern's progress through the recommendations answering it, and a
recommendation's through the actions under it."""

from __future__ import annotations

from datetime import date

import pandas as pd

from tracker.core.display import days_left_text, missing


def cause_progress(answers: pd.DataFrame) -> str:
    """'2 of 3 complete' for the recommendations answering a cause of concern (cause_recommendations)."""
    done = int((answers["status"] == "complete").sum()) if len(answers) else 0
    return f"{done:,} of {len(answers):,} complete"


def actions_progress(actions: pd.DataFrame) -> str:
    """'2 of 3 actions complete' for the actions under a recommendation (item_actions)."""
    done = int((actions["status"] == "complete").sum()) if len(actions) else 0
    return f"{done:,} of {len(actions):,} action{'s' if len(actions) != 1 else ''} complete"


def action_standing(status: str, target, days_overdue, as_of: date) -> str:
    """Where an action stands against its target, in words: 'complete', 'N days overdue' (days_overdue, as the query
    counts it), 'due today' or 'N days left'."""
    if status == "complete":
        return "complete"
    if not missing(days_overdue) and days_overdue > 0:
        return days_left_text(-int(days_overdue))
    return days_left_text((pd.Timestamp(target).date() - as_of).days)
