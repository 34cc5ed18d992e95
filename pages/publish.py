"""Public site: the commissioner publishes the force's responses and progress as a static site, having seen what
changed since the last publication; nothing internal is on it."""

import streamlit as st

from tracker.app.publish import publish_view
from tracker.app.sidebar import current_filters
from tracker.app.streamlit_internals import ensure_entrypoint

ensure_entrypoint()
filters = current_filters()
st.title("Public site")
st.caption("The force's published responses and the progress of every recommendation, for the public: only public "
           "updates, owners by job title unless publicly named, and withheld items as their reason alone.")
publish_view(filters.as_of)
