"""Activity: the whole audit trail, every write with who, when, in which role, from where, and what it changed."""

import streamlit as st

from tracker.app.data import current_reader, run
from tracker.app.entry import ensure_entrypoint
from tracker.app.sidebar import current_filters
from tracker.app.view import table

ensure_entrypoint()
st.title("Activity")
reader = current_reader()
if reader is None or not reader.may("people"):
    st.error("The whole trail is for the tracker's administrators; a recommendation's own trail is on its page.",
             icon=":material/block:")
else:
    st.caption("Every submission, withdrawal and decision, and every import, directory change and name link, newest "
               "first. Nothing here is ever edited or deleted: a change is a new row.")
    trail = run("activity", current_filters().only_date(), key=None)
    table(trail, "activity", "activity")
