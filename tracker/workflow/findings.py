"""How findings read in words: a cause of concern's progress through the recommendations answering it."""

from __future__ import annotations

import pandas as pd


def cause_progress(answers: pd.DataFrame) -> str:
    """'2 of 3 complete' for the recommendations answering a cause of concern (cause_recommendations)."""
    done = int((answers["status"] == "complete").sum()) if len(answers) else 0
    return f"{done:,} of {len(answers):,} complete"
