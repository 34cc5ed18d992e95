"""Reading an evidence file back: only for a reader whose scope holds its recommendation, its bytes checked against
the hash stored when it was attached."""

from __future__ import annotations

import hashlib

import pandas as pd

from tracker.core.filters import Filters
from tracker.evidence.checks import EvidenceError
from tracker.store import queries
from tracker.store.database import evidence_content, open_reader


def evidence_file(db, filters: Filters, file_id: int) -> tuple[dict, bytes]:
    """(the file's facts, its bytes) if its recommendation is within the filters (the reader's scope); otherwise
    EvidenceError, the same whether the file is out of scope or does not exist."""
    found = queries.run(open_reader(db), "evidence_file", **filters.params(), file_id=int(file_id))
    return found, content_of(db, found, file_id)


def evidence_list(db, filters: Filters, key: str) -> pd.DataFrame:
    """The evidence files of recommendation `key` (file_id, name, media_type, size, uploader, uploaded_at; none when it
    has none) if it is within the filters (the reader's scope); otherwise EvidenceError, the same whether it is out of
    scope or does not exist."""
    found = queries.run(open_reader(db), "item_evidence_list", **filters.params(), key=key)
    if found.empty:
        raise EvidenceError(f"evidence of {key}: no such recommendation among those you may see")
    return found[found["file_id"].notna()]


def content_of(db, found: dict | None, file_id: int) -> bytes:
    """The bytes of a file the evidence_file query found in the reader's scope (None: refused), checked against its
    stored hash."""
    if found is None:
        raise EvidenceError(f"evidence file {int(file_id)}: no such file among the recommendations you may see")
    content = evidence_content(db, found["sha256"])
    if content is None or hashlib.sha256(content).hexdigest() != found["sha256"]:
        raise EvidenceError(f"evidence file {int(file_id)}: its stored content does not match the hash recorded when "
                            "it was attached; tell the administrator")
    return content
