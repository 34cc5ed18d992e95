"""Build a board pack in either format from a query runner and the view's filters."""

from __future__ import annotations

from datetime import date

from tracker.core.filters import Filters
from tracker.core.progress import SILENT, Progress
from tracker.pack.content import Query, connection_query, gather

MIME = {"pdf": "application/pdf",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation"}


def build_from(fmt: str, query: Query, filters: Filters, since: date | None = None, shown: Progress = SILENT) -> bytes:
    """The pack as bytes, in 'pdf' or 'pptx'; `shown` hears which step it is on."""
    shown.step("gathering the figures")
    content = gather(query, filters, since)
    shown.step(f"drawing the {fmt.upper()}")
    if fmt == "pdf":
        from tracker.pack.pdf import build_pdf

        return build_pdf(content)
    if fmt == "pptx":
        from tracker.pack.slides import build_pptx

        return build_pptx(content)
    raise ValueError(f"unknown pack format {fmt!r}: use pdf or pptx")


def build_pack(fmt: str, con, filters: Filters, since: date | None = None, shown: Progress = SILENT) -> bytes:
    """The pack from an open DuckDB connection (the command line's way)."""
    return build_from(fmt, connection_query(con), filters, since, shown)
