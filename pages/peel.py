"""PEEL: each force's grade for each PEEL question, how it moved since the inspection before, and the areas for
improvement under it, open and overdue."""

import streamlit as st

from tracker.app.peel import peel_view
from tracker.app.sidebar import current_filters
from tracker.app.streamlit_internals import ensure_entrypoint

ensure_entrypoint()
filters = current_filters()
st.title("PEEL")
st.caption("The inspectorate grades each force on each PEEL question (outstanding, good, adequate, requires "
           "improvement, inadequate); each area for improvement comes under a question.")
peel_view(filters)
