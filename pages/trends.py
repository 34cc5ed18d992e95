"""Compliance trends: implementation rate by quarter against the national line, flow, time to complete (survival
curves, medians with their interval, a fair comparison with the rest of the country), cohorts."""

import pandas as pd
import streamlit as st

from tracker.analysis import alt_text, charts
from tracker.analysis.survival import WHY_KM, at_risk, logrank_p, logrank_words, median_text
from tracker.app.data import query
from tracker.app.sidebar import current_filters
from tracker.app.streamlit_internals import ensure_entrypoint
from tracker.app.view import chart, grid, literal, nothing_matches, table

SPLITS = {"none": "Together", "kind": "By kind", "cohort": "By year published", "theme": "By theme",
          "force": "Selected forces against national"}

ensure_entrypoint()
filters = current_filters()
st.title("Compliance trends")
st.caption("Implementation rate: recommendations complete by a quarter's end among those published by then.")

trend = query("quarterly_trend", filters)
if trend.empty:
    nothing_matches()
else:
    # The national line is for readers who may see every force; a force's reader sees their own.
    national_view = bool(filters.forces) and filters.scope is None
    national = query("quarterly_trend", filters.national()) if national_view else None
    name = ", ".join(filters.forces) if filters.forces else "Selection"
    name = name if len(name) < 40 else "Selected forces"
    chart(charts.implementation_trend(trend, national, name), "trend", alt_text.implementation_trend(trend, national, name))
    left, right = st.columns(2)
    with left:
        chart(charts.opened_closed(trend), "flow", alt_text.opened_closed(trend))
    with right:
        by_cohort = query("km_medians", filters, split="cohort")
        chart(charts.median_by_cohort(by_cohort), "median", alt_text.median_by_cohort(by_cohort))

    st.header("Time to complete")
    st.caption(WHY_KM)
    options = [k for k in SPLITS if k != "force" or national_view]
    split = st.segmented_control("Curves", options, default="none", key="split", bind="query-params",
                                 format_func=SPLITS.get) or "none"
    split = split if split in options else "none"
    if split == "force":
        label = name if len(name) < 40 else "Selected forces"
        curve = pd.concat([query("km_curve", filters, split="none").assign(grp=label),
                           query("km_curve", filters.national(), split="none").assign(grp="National")])
        medians = pd.concat([query("km_medians", filters, split="none").assign(grp=label),
                             query("km_medians", filters.national(), split="none").assign(grp="National")])
    else:
        curve = query("km_curve", filters, split=split)
        medians = query("km_medians", filters, split=split)
    if curve.empty:
        st.info("No recommendation with a known publication date matches these filters.", icon=":material/info:")
    else:
        chart(charts.completion_curves(curve), "km", alt_text.completion_curves(curve))
        st.caption("Still under observation (open: neither complete nor closed apart yet), by years since publication:")
        grid(at_risk(curve).rename_axis("Group").reset_index())
        if split == "force":
            test = query("logrank", filters.national(), group=list(filters.forces))
            literal(logrank_words(name, test["observed"], test["expected"], logrank_p(test["chi2"])))
        elif len(medians) == 1:
            literal("Median time to complete: " + median_text(*medians.iloc[0][["median", "median_lower",
                                                                                 "median_upper"]]))
        table(medians, "km_medians", "time_to_complete")
    cohort = query("cohort_completion", filters)
    chart(charts.cohorts(cohort), "cohorts", alt_text.cohorts(cohort))
    st.caption("A year's share is left blank until a full one or two years have passed since publication for its items.")
    table(cohort, "cohort_table", "cohorts")
