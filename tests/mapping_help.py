"""The column mapping an analyst who accepts every proposal would confirm: what the tests and the benchmarks import
spreadsheets with (the app's mapping editor builds the same from its widgets)."""

from __future__ import annotations

from tracker.ingest.mapping import TABLE_KINDS, Mapping, TableSpec, propose


def accepted_proposals(headers: list[str]) -> Mapping:
    """Each of our tables whose required columns one sheet's headers hold, read as proposed."""
    return {kind: TableSpec(dict(p.columns), None, dict(p.dated))
            for kind in TABLE_KINDS if (p := propose(headers, kind)).complete}
