"""Activity: the whole audit trail, every write with who, when, in which role, from where, and what it changed;
newest first, a page at a time, with a search."""

import streamlit as st

from tracker.app.data import current_reader, query
from tracker.app.sidebar import current_filters
from tracker.app.streamlit_internals import ensure_entrypoint
from tracker.app.view import table
from tracker.core.filters import MAX_SEARCH

PAGE = 200  # rows a page of the trail

ensure_entrypoint()
st.title("Activity")
reader = current_reader()
if reader is None or not reader.may("people"):
    st.error("The whole trail is for the tracker's administrators; a recommendation's own trail is on its page.",
             icon=":material/block:")
else:
    st.caption("Every submission, withdrawal and decision, and every import, directory change and name link, newest "
               "first. Nothing here is ever edited or deleted: a change is a new row.")
    left, right = st.columns([3, 1])
    search = left.text_input("Search the trail", max_chars=MAX_SEARCH, key="trail_q", bind="query-params",
                             placeholder="Who, what, which item or words of the detail")
    page = right.number_input("Page", min_value=1, value=1, step=1, key="trail_page", bind="query-params",
                              help=f"{PAGE} rows a page, newest first.")
    # One row more than a page says whether an older page exists, without counting the whole trail.
    rows = query("activity", current_filters().only_date(), key=None, search=search.strip() or None, limit=PAGE + 1,
               offset=(int(page) - 1) * PAGE)
    shown = rows.head(PAGE)
    first = (int(page) - 1) * PAGE
    if shown.empty:
        st.info("Nothing in the trail matches." if search.strip() or page > 1 else "The trail is empty.",
                icon=":material/info:")
    else:
        st.caption(f"Rows {first + 1:,}–{first + len(shown):,}, newest first"
                   + ("; older rows are on the next page." if len(rows) > PAGE else "; the oldest rows."))
        table(shown, "activity", "activity")
