"""IOPC recommendations as the IOPC lists them (reference, date_made, recipient, force, case, recommendation): read
through the column mapping machinery with this built-in mapping, each item on the IOPC's clock."""

from __future__ import annotations

import pandas as pd

from tracker.ingest.mapping import Mapping, TableSpec

SOURCE = "iopc"
COLUMNS = {"id": "reference", "published_on": "date_made", "addressee": "recipient", "force": "force",
           "report": "case", "text": "recommendation"}
MAPPING: Mapping = {"recommendations": TableSpec(COLUMNS)}


def is_iopc_layout(frame: pd.DataFrame) -> bool:
    """Whether a table has the IOPC's own columns (in any order and letter case)."""
    return {str(c).strip().lower() for c in frame.columns} == set(COLUMNS.values())
