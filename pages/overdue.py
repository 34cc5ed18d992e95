"""Overdue and stale: open items past their target, how long, how far they slipped, and silent items."""

import streamlit as st

from tracker.analysis import alt_text, charts
from tracker.analysis.survival import FORECAST_METHOD
from tracker.app.data import query
from tracker.app.downloads import full_rows
from tracker.app.rating import legend, rater
from tracker.app.sidebar import current_filters
from tracker.app.streamlit_internals import ensure_entrypoint
from tracker.app.view import chart, nothing_matches, table, tiles
from tracker.core.display import fmt_int
from tracker.core.filters import SORTS, sort_key

SHOWN = 1000  # rows drawn on the page; longer lists are for the downloads, not for scrolling in a meeting
MAX_ROWS = 10_000_000

ensure_entrypoint()
filters = current_filters()
st.title("Overdue and stale")

head = query("headline", filters)
tiles([
    ("Overdue", fmt_int(head["overdue"]), "Open and past the current target date."),
    ("Stale", fmt_int(head["stale"]), f"Open with no update for more than {filters.stale_days} days."),
    ("Due in 30 days", fmt_int(head["due_30"]), "Open with a target in the next 30 days."),
])

sort = sort_key("overdue_items", st.segmented_control(
    "Sort overdue items by", SORTS["overdue_items"], default="days_overdue", key="sort",
    format_func=lambda s: s.replace("_", " ").capitalize(), bind="query-params"))
overdue = query("overdue_items", filters, sort=sort, limit=SHOWN)
if overdue.empty:
    nothing_matches("overdue recommendations")
else:
    ageing = query("ageing_by_force", filters)
    chart(charts.ageing_by_force(ageing), "ageing", alt_text.ageing_by_force(ageing))
    rate = rater(filters)
    overdue = rate(overdue)
    total = int(head["overdue"])
    more = f" (the first {SHOWN:,} here; downloads hold all)" if total > SHOWN else ""
    st.header(f"{total:,} overdue recommendations{more}")
    legend(filters, overdue["force"])
    event = table(overdue, "overdue_table", "overdue", on_select="rerun",
                  full=full_rows("overdue_items", filters, shape=rate, sort=sort, limit=MAX_ROWS))
    rows = event.selection.rows if event else []  # plain tables link each row to its page instead
    if rows:
        st.switch_page("pages/recommendation.py", query_params={"id": overdue.iloc[rows[0]]["key"]})

st.header("Off track, not yet overdue")
st.caption("Marked off track by their lead or a reviewer, with why and a revised forecast, before their target passes.")
off_track = query("off_track_items", filters, limit=SHOWN)
if off_track.empty:
    nothing_matches("recommendations marked off track")
else:
    table(off_track, "off_track", "off_track")

st.header("At risk of missing their target")
st.caption("Open, not yet overdue, and less likely than not to be complete by their current target. " + FORECAST_METHOD)
at_risk = query("at_risk_items", filters, limit=SHOWN)
if at_risk.empty:
    nothing_matches("recommendations at risk of missing their target")
else:
    table(at_risk, "at_risk", "at_risk")

st.header(f"Stale: no update for more than {filters.stale_days} days")
stale = query("stale_items", filters, limit=SHOWN)
if stale.empty:
    nothing_matches("stale recommendations")
else:
    if int(head["stale"]) > SHOWN:
        st.caption(f"The first {SHOWN:,} of {int(head['stale']):,} here; downloads hold all.")
    table(stale, "stale_table", "stale", full=full_rows("stale_items", filters, limit=MAX_ROWS))
