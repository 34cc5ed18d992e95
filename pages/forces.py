"""Forces: one row per force, sortable, with each force's implementation rate against the national rate."""

import streamlit as st

from tracker.analysis import alt_text, charts
from tracker.analysis.by_source import with_source_counts
from tracker.analysis.survival import WHY_KM
from tracker.app.data import query
from tracker.app.sidebar import current_filters
from tracker.app.streamlit_internals import ensure_entrypoint
from tracker.app.view import chart, nothing_matches, table
from tracker.core.display import fmt_pct, missing
from tracker.core.filters import SORTS, sort_key

ensure_entrypoint()
filters = current_filters()
st.title("Forces")
st.caption("Open, overdue and complete by force. The national rate uses every force with the other filters applied.")

sort = st.segmented_control("Sort by", SORTS["force_table"], default="open", key="force_sort", bind="query-params",
                            format_func=lambda s: s.replace("_", " ").capitalize())
forces = query("force_table", filters, sort=sort_key("force_table", sort))
if forces.empty:
    nothing_matches()
else:
    rate = None
    if filters.scope is None:  # the national picture is for readers who may see every force
        national = query("headline", filters.national())
        st.metric("National implementation rate", fmt_pct(national["implementation_rate"]),
                  help="Complete ÷ all recommendations in every force (those closed apart left out), with the same "
                       "non-force filters.")
        rate = None if missing(national["implementation_rate"]) else float(national["implementation_rate"])
    chart(charts.force_vs_national(forces, rate), "force_rates", alt_text.force_vs_national(forces, rate))
    km = query("km_medians", filters, split="force").rename(columns={"grp": "force"})
    st.caption("Median days to complete: " + WHY_KM)
    by_source = query("source_counts", filters, by_force=True)
    st.caption("Each source's open items, those overdue (past their target) and those past answer-by (no target yet, "
               "and past the day the source's clock gives to answer by).")
    table(with_source_counts(forces.merge(km[["force", "median", "median_lower", "median_upper"]], on="force",
                                          how="left"), by_source), "force_table", "forces")
