"""Compliance trends: implementation rate by quarter against the national line, flow, time to complete, cohorts."""

import streamlit as st

from tracker.analysis import charts
from tracker.app.data import run
from tracker.app.entry import ensure_entrypoint
from tracker.app.sidebar import current_filters
from tracker.app.view import nothing_matches, table

ensure_entrypoint()
filters = current_filters()
st.title("Compliance trends")
st.caption("Implementation rate: recommendations complete by a quarter's end among those published by then.")

trend = run("quarterly_trend", filters)
if trend.empty:
    nothing_matches()
else:
    # The national line is for readers who may see every force; a force's reader sees their own.
    national = run("quarterly_trend", filters.national()) if filters.forces and filters.scope is None else None
    name = ", ".join(filters.forces) if filters.forces else "Selection"
    st.plotly_chart(charts.implementation_trend(trend, national, name if len(name) < 40 else "Selected forces"),
                    key="trend", width="stretch")
    left, right = st.columns(2)
    with left:
        st.plotly_chart(charts.opened_closed(trend), key="flow", width="stretch")
    with right:
        st.plotly_chart(charts.median_days(trend), key="median", width="stretch")
    cohort = run("cohort_completion", filters)
    st.plotly_chart(charts.cohorts(cohort), key="cohorts", width="stretch")
    st.caption("A year's share is left blank until a full one or two years have passed since publication for its items.")
    table(cohort, "cohort_table", "cohorts")
