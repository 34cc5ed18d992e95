"""Owner workloads: open, overdue and due-soon items per owner or overseer; choose one to see their items."""

import streamlit as st

from tracker.analysis import alt_text, charts
from tracker.app.data import query
from tracker.app.sidebar import current_filters
from tracker.app.streamlit_internals import ensure_entrypoint
from tracker.app.view import chart, literal, nothing_matches, table, unique_labels

ensure_entrypoint()
filters = current_filters()
st.title("Owner workloads")
st.caption("Open items per person. Choose a person to see their items.")

by = st.segmented_control("Group by", ("owner", "overseer"), default="owner", key="by", bind="query-params",
                          format_func=str.capitalize) or "owner"
by = by if by in ("owner", "overseer") else "owner"
load = query("owner_workload", filters, by=by)
if load.empty:
    nothing_matches("open recommendations")
else:
    chart(charts.workload(load, by), "workload", alt_text.workload(load, by))
    table(load.drop(columns=["person_key"]), "workload_table", f"{by}_workload")
    labels = unique_labels(load["person_key"], load["person"] + " (" + load["force"] + ")")
    person = st.selectbox(f"Drill into one {by}'s items", list(labels), index=None, key="person",
                          bind="query-params", placeholder=f"Choose an {by}", format_func=lambda k: labels.get(k, k))
    if person:
        items = query("person_items", filters, by=by, person=person)
        st.header(f"Open items of the chosen {by}: {len(items):,}")
        literal(labels[person])
        table(items, "person_items", f"{by}_items")
