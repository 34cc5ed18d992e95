"""Forces: one row per force, sortable, with each force's implementation rate against the national rate."""

from tracker.app.entry import ensure_entrypoint

ensure_entrypoint()

import streamlit as st

from tracker.analysis import charts
from tracker.app.data import run
from tracker.app.sidebar import current_filters
from tracker.app.view import nothing_matches, table
from tracker.core.display import fmt_pct
from tracker.core.filters import SORTS

filters = current_filters()
st.title("Forces")
st.caption("Open, overdue and complete by force. The national rate uses every force with the other filters applied.")

sort = st.segmented_control("Sort by", SORTS["force_table"], default="open", key="force_sort", bind="query-params",
                            format_func=lambda s: s.replace("_", " ").capitalize())
forces = run("force_table", filters, sort=sort or "open")
if forces.empty:
    nothing_matches()
    st.stop()
national = run("headline", filters.national()).iloc[0]
st.metric("National implementation rate", fmt_pct(national["implementation_rate"]),
          help="Complete ÷ all recommendations in every force (superseded left out), with the same non-force filters.")
rate = None if national["implementation_rate"] is None else float(national["implementation_rate"])
st.plotly_chart(charts.force_vs_national(forces, rate), key="force_rates", width="stretch")
table(forces, "force_table", "forces", columns={
    "implementation_rate": st.column_config.ProgressColumn("Implementation rate", format="percent", min_value=0, max_value=1),
    "median_open_age_days": st.column_config.NumberColumn("Median age of open items (days)", format="%d"),
})
