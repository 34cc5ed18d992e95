"""Reports: for each inspection report, how far each force has got with its recommendations."""

import streamlit as st

from tracker.analysis import alt_text, charts
from tracker.analysis.survival import WHY_KM
from tracker.app.data import query
from tracker.app.sidebar import current_filters
from tracker.app.streamlit_internals import ensure_entrypoint
from tracker.app.view import chart, nothing_matches, table

ensure_entrypoint()
filters = current_filters()
st.title("Reports")
st.caption("Share of each report's recommendations that each force has completed: a column of dark cells is a "
           "national recommendation stuck everywhere.")

limit = st.slider("Reports shown (most recommendations first)", 5, 60, 20, key="reports_shown", bind="query-params")
grid = query("report_force_grid", filters, limit=limit)
if grid.empty:
    nothing_matches()
else:
    chart(charts.report_grid(grid), "grid", alt_text.report_grid(grid))
    summary = (grid.groupby(["report_title", "published_on"], as_index=False, dropna=False)
               [["n", "complete", "open", "overdue"]].sum()
               .sort_values("published_on", ascending=False, na_position="last"))
    summary["share_complete"] = summary["complete"] / summary["n"]
    table(summary, "report_table", "reports")
    if len(filters.reports) == 1:  # one report across forces: which forces are slow on it
        st.header("This report, force by force")
        st.caption("Slowest first: the Kaplan–Meier median days to complete this report's recommendations in each force, "
                   "with its interval and the estimated share complete within a year. " + WHY_KM)
        by_force = query("km_medians", filters, split="force").rename(columns={"grp": "force"})
        table(by_force.sort_values(["median", "share_complete_1y"], ascending=[False, True], na_position="first"),
              "report_forces", "report_forces")
