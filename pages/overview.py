"""Overview: headline tiles, the status funnel and status by force; clicking a stage or bar filters the app."""

import streamlit as st

from tracker.analysis import alt_text, charts
from tracker.analysis.by_source import source_table
from tracker.analysis.survival import WHY_KM, median_text
from tracker.app.data import query
from tracker.app.findings import open_causes
from tracker.app.pack import pack_buttons
from tracker.app.selection import selection_to_filter
from tracker.app.sidebar import current_filters, options
from tracker.app.streamlit_internals import ensure_entrypoint
from tracker.app.view import chart, nothing_matches, table, tiles
from tracker.core.display import DASH, fmt_days, fmt_int, fmt_pct
from tracker.core.filters import OVERDUE_FROM_TEXT
from tracker.core.statuses import CANONICAL, IMPLEMENTATION_RULE
from tracker.response.rules import DAYS as RESPONSE_DAYS

ensure_entrypoint()
filters = current_filters()
st.title("Overview")
st.caption("Where every recommendation stands as of the chosen date. Click a funnel stage or a bar to filter the whole app.")


def apply_selection(chart_key: str) -> None:
    """Turn a click on a chart into sidebar filters (runs before the rerun, so the widgets accept it)."""
    chosen = selection_to_filter(st.session_state[chart_key], set(CANONICAL), set(options().get("force", [])))
    for field, values in chosen.items():
        st.session_state[field] = values


head = query("headline", filters)
if not head["total"]:
    nothing_matches()
else:
    pack_buttons(filters)
    medians = query("km_medians", filters, split="none")
    km = medians.iloc[0] if len(medians) else None
    responses = query("responses_headline", filters, days=RESPONSE_DAYS)
    tiles([
        ("Open", fmt_int(head["open"]), ("Not complete, and not closed apart (superseded, no further action needed, "
                                         "risk accepted, carried forward).")),
        ("Complete", fmt_int(head["complete"]), "Latest status is complete."),
        (f"Overdue ({filters.overdue_from})", fmt_int(head["overdue"]),
         f"Open and past {OVERDUE_FROM_TEXT[filters.overdue_from]} (choose which in the sidebar)."),
        ("Stale", fmt_int(head["stale"]), f"Open with no update for more than {filters.stale_days} days."),
        ("Implementation rate", fmt_pct(head["implementation_rate"]), IMPLEMENTATION_RULE),
        ("Awaiting the inspectorate", fmt_int(head["awaiting_inspectorate"]),
         "Closure requests the inspectorate has not yet decided on (the items stay open, pending sign-off)."),
        ("Median time to complete", fmt_days(km["median"]) if km is not None else DASH,
         "From publication to completion, " + (median_text(km["median"], km["median_lower"], km["median_upper"])
                                               if km is not None else "no data") + ". " + WHY_KM),
        ("Responses due in 28 days", fmt_int(responses["due_28"]),
         (f"Statutory responses to reports not yet published, their {RESPONSE_DAYS}-day deadline within 28 days "
         f"({fmt_int(responses['overdue'])} overdue): see Responses.")),
    ])
    left, right = st.columns([2, 3])
    with left:
        funnel = query("status_funnel", filters)
        chart(charts.funnel(funnel), "funnel", alt_text.funnel(funnel), on_select=lambda: apply_selection("funnel"),
              selection_mode="points")
    with right:
        by_force = query("status_by_force", filters)
        chart(charts.status_by_force(by_force), "by_force", alt_text.status_by_force(by_force),
              on_select=lambda: apply_selection("by_force"), selection_mode="points")
    st.header("By source")
    st.caption("Inspections, coroners' reports, IOPC and audit recommendations, each on its own clock. Overdue: open and "
               "past its target. Past answer-by: open, no target yet, and past the day its source's clock gives to "
               "answer by. Due this month: falls due (its target, else its answer-by day) from the chosen date to the "
               "month's end.")
    table(source_table(query("source_counts", filters, by_force=False)), "by_source", "items-by-source")
    open_causes(filters)
