"""Responses: every report answered within 56 days: what is due, each response drafted, commented on by the chief
constable, approved by the commissioner and published, its document, and the national picture."""

import streamlit as st

from tracker.app.data import current_reader
from tracker.app.responses import WHY, chosen, due_list, headline, national, response_view
from tracker.app.sidebar import current_filters
from tracker.app.streamlit_internals import ensure_entrypoint
from tracker.app.workflow import show_flash

ensure_entrypoint()
filters = current_filters()
st.title("Statutory responses")
st.caption(WHY)
show_flash()
headline(filters)
rows = due_list(filters)
if not rows.empty:
    row = chosen(rows)
    if row is not None:
        response_view(filters, row)
reader = current_reader()
if reader is not None and reader.scope is None:
    national(filters)
