"""The Overview page's board pack action: PDF and PowerPoint of the current view, built only when clicked."""

from __future__ import annotations

from datetime import date

import streamlit as st

from tracker.app.data import at_use, current_reader, scoped
from tracker.app.downloads import on_own_connection
from tracker.core.filters import Filters
from tracker.pack.build import MIME, build_pack
from tracker.pack.content import default_since
from tracker.pack.images import RenderError, browser_path


def pack_bytes(fmt: str, filters: Filters, since: date, reader) -> bytes:
    """Build the pack on its own read-only connection, in the reader's scope as the directory has it now."""
    return on_own_connection(lambda con: build_pack(fmt, con, at_use(filters, reader), since))


def pack_buttons(filters: Filters) -> None:
    """The 'changes since' date and the two download buttons (the pack holds only what the reader may see)."""
    filters, reader = scoped(filters), current_reader()
    with st.expander("Board pack: this view as a PDF or PowerPoint for the meeting", icon=":material/slideshow:"):
        since = st.date_input("Changes since (the previous meeting)", value=default_since(filters.as_of),
                              max_value=filters.as_of, key="pack_since", format="DD/MM/YYYY")
        try:
            browser_path()
            pdf_help, no_browser = "Charts drawn by Chromium; takes a few seconds.", False
        except RenderError as exc:
            pdf_help, no_browser = str(exc), True
        stem = f"board-pack-{filters.as_of.isoformat()}"
        left, right, _ = st.columns([1, 1, 2])
        left.download_button("Board pack (PDF)", lambda: pack_bytes("pdf", filters, since, reader), f"{stem}.pdf", MIME["pdf"],
                             key="pack-pdf", icon=":material/picture_as_pdf:", on_click="ignore", disabled=no_browser,
                             help=pdf_help)
        right.download_button("Board pack (PowerPoint)", lambda: pack_bytes("pptx", filters, since, reader), f"{stem}.pptx",
                              MIME["pptx"], key="pack-pptx", icon=":material/slideshow:", on_click="ignore",
                              help="Native PowerPoint charts and tables you can edit.")
        st.page_link("pages/meeting.py", icon=":material/event:",
                     label="A board's meeting pack, or its exception pack (only overdue, off track, and what closed since "
                           "its previous meeting): the Meeting page, under its settings button")
