"""Meeting: the board's agenda on the projector, one screen an item, with the chair's decisions recorded as they are made."""

from tracker.app.data import database_facts
from tracker.app.meeting import meeting_page
from tracker.app.sidebar import current_filters
from tracker.app.streamlit_internals import ensure_entrypoint

ensure_entrypoint()
meeting_page(current_filters(), bool(database_facts()["is_demo"]))
