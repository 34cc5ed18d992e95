"""Recommendation Tracker: the entrypoint. Navigation, the shared filters, the demo banner and the footer."""

import streamlit as st

from tracker.app.data import data_info, ensure_database, run
from tracker.app.sidebar import sidebar
from tracker.app.view import footer
from tracker.store.database import StoreError

st.set_page_config(page_title="Recommendation Tracker", page_icon=":material/fact_check:", layout="wide")

PAGES = {
    "Board": [
        st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
        st.Page("pages/overdue.py", title="Overdue and stale", icon=":material/schedule:"),
        st.Page("pages/forces.py", title="Forces", icon=":material/map:"),
    ],
    "Analysis": [
        st.Page("pages/trends.py", title="Compliance trends", icon=":material/trending_up:"),
        st.Page("pages/reports.py", title="Reports", icon=":material/description:"),
        st.Page("pages/owners.py", title="Owner workloads", icon=":material/group:"),
    ],
    "My work": [
        st.Page("pages/my_items.py", title="My items", icon=":material/person:"),
        st.Page("pages/recommendation.py", title="Recommendation", icon=":material/article:"),
    ],
}

try:
    ensure_database()
    page = st.navigation(PAGES)
    filters = sidebar()
    info = data_info(filters)
except StoreError as exc:
    st.error(str(exc), icon=":material/error:")
else:
    if info["is_demo"]:
        st.warning("**Demo data.** Illustrative figures generated for demonstration: not any force's real position.",
                   icon=":material/science:")
    page.run()
    footer(filters, int(run("headline", filters)["total"]), info)
