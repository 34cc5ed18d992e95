"""National recommendations: one recommendation addressed to every chief constable, and perhaps to national bodies,
across every recipient's copy: how many forces are complete, being progressed and overdue, the slowest, and the
national median time to complete with its interval."""

import streamlit as st

from tracker.app.national import national_view, pick
from tracker.app.sidebar import current_filters
from tracker.app.streamlit_internals import ensure_entrypoint

ensure_entrypoint()
filters = current_filters()
st.title("National recommendations")
st.caption("A national recommendation is addressed to every chief constable (and often to national bodies such as "
           "the NPCC or the College of Policing): each recipient holds its own copy under the same id.")
chosen = pick(filters)
if chosen is not None:
    national_view(filters, chosen)
