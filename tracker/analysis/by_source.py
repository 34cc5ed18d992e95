"""Counts by source as people read them: each source named in words (data/sources.csv), never by its code."""

from __future__ import annotations

import pandas as pd

from tracker.core.sources import source_name

COUNTS = ("open", "overdue", "past_answer_by", "due_this_month", "complete", "total")
PER_FORCE = ("open", "overdue", "past_answer_by")  # the Forces table's columns for each source
SHOWN = {"open": "open", "overdue": "overdue", "past_answer_by": "past answer-by"}


def source_table(counts: pd.DataFrame) -> pd.DataFrame:
    """source_counts (not by force) as the Overview's table: one row a source, named, most open first."""
    out = counts.assign(source=[source_name(s) for s in counts["source"]])[["source", *COUNTS]]
    return out.sort_values(["open", "source"], ascending=[False, True], kind="stable").reset_index(drop=True)


def source_column(source: str, count: str) -> str:
    """A Forces table column's heading: the source's name and what it counts ("IOPC recommendation: open")."""
    return f"{source_name(source)}: {SHOWN[count]}"


def with_source_counts(forces: pd.DataFrame, counts: pd.DataFrame) -> pd.DataFrame:
    """The force table with each source's open, overdue and past answer-by counts as columns (0 where a force has none of it),
    sources in the order of their codes."""
    if counts.empty:
        return forces
    wide = counts.pivot_table(index="force", columns="source", values=list(PER_FORCE), aggfunc="sum", fill_value=0)
    columns = {(count, source): source_column(source, count)
               for source in sorted(counts["source"].unique()) for count in PER_FORCE}
    wide = wide.reindex(columns=list(columns), fill_value=0)
    wide.columns = list(columns.values())
    out = forces.merge(wide.reset_index(), on="force", how="left")
    out[list(columns.values())] = out[list(columns.values())].fillna(0).astype(int)
    return out
