"""The shared filters in the sidebar, each bound to the URL, and reading them back as Filters."""

from __future__ import annotations

from datetime import date

import streamlit as st

from tracker.app.data import current_reader, query, scoped, today
from tracker.app.downloads import dataset_buttons
from tracker.app.view import PLAIN_TABLES
from tracker.core.filters import MAX_SEARCH, OVERDUE_FROM, OVERDUE_FROM_TEXT, Filters
from tracker.core.sources import source_name
from tracker.core.statuses import label
from tracker.workflow.rules import PRIORITIES

MULTI = (("force", "Force", "All forces"), ("source", "Source", "All sources"), ("theme", "Theme", "All themes"),
         ("report", "Report", "All reports"), ("kind", "Kind", "All kinds"), ("status", "Status", "All statuses"),
         ("owner", "Owner", "All owners"))
# How a filter's values are shown: statuses and sources in words (the URL keeps the code).
SHOWN = {"status": label, "source": source_name}
EARLIEST = date(2010, 1, 1)
PRIORITY_OPTIONS = [str(p) for p in PRIORITIES]


def options() -> dict[str, list[str]]:
    """The values each filter offers: those of every recommendation the reader may see, published by today."""
    df = query("filter_options", Filters(as_of=today()))
    return {field: group["value"].tolist() for field, group in df.groupby("field")}


def filters_from_state(state, now: date) -> Filters:
    """Filters from widget values; anything malformed falls back to 'no filter' (pure, unit-tested)."""

    def texts(key: str) -> tuple[str, ...]:
        value = state.get(key) or ()
        return tuple(v for v in value if isinstance(v, str)) if isinstance(value, (list, tuple)) else ()

    as_of = state.get("as_of")
    if not isinstance(as_of, date) or not EARLIEST <= as_of <= now:
        as_of = now
    stale = state.get("stale")
    stale = int(stale) if isinstance(stale, (int, float)) and 1 <= stale <= 3650 else 180
    q = state.get("q")
    overdue_from = state.get("overdue_from")
    wanted = state.get("priority") or ()
    priorities = tuple(sorted({int(p) for p in wanted if str(p) in PRIORITY_OPTIONS})) if isinstance(
        wanted, (list, tuple)) else ()
    return Filters(
        as_of=as_of, forces=texts("force"), themes=texts("theme"), reports=texts("report"), kinds=texts("kind"),
        statuses=texts("status"), owners=texts("owner"), q=q[:MAX_SEARCH] if isinstance(q, str) else "",
        stale_days=stale, overdue_from=overdue_from if overdue_from in OVERDUE_FROM else "latest",
        priorities=priorities, sources=texts("source"),
    )


def source_labels(codes: list[str]) -> list[str]:
    """Sources as the Source filter keeps them in the URL: by name, as its options are shown (pure)."""
    return [source_name(c) for c in codes]


def codes_in_link(wanted: list[str], held: list[str]) -> list[str]:
    """The sources a link gives by code (?source=pfd) that the data holds; none when it gives them by name, as the
    filter itself writes them (pure)."""
    return [] if source_labels(wanted) == wanted else [w for w in wanted if w in held]


def current_filters() -> Filters:
    """The filters as the sidebar holds them now, limited to what the reader may see."""
    return scoped(filters_from_state(st.session_state, today()))


def sidebar() -> Filters:
    """Draw the filters (bound to the URL, so every view is a link) and return them."""
    opts = options()
    # A link may name sources by code (?source=pfd); Streamlit keeps a choice in the URL as shown, by name, and would
    # drop a code as no option's: the codes are chosen here instead.
    codes = codes_in_link(st.query_params.get_all("source"), opts.get("source", []))
    if codes:
        st.session_state["source"] = codes
    with st.sidebar:
        st.header("Filters")
        for key, title, placeholder in MULTI:
            st.multiselect(title, opts.get(key, []), key=key, bind="query-params", placeholder=placeholder,
                           format_func=SHOWN.get(key, str))
        st.multiselect("Priority", PRIORITY_OPTIONS, key="priority", bind="query-params", placeholder="Any priority",
                       format_func=lambda p: PRIORITIES[int(p)],
                       help="The priority an analyst or reviewer set (1 high); items with none set have no priority.")
        st.text_input("Search text", key="q", bind="query-params", max_chars=MAX_SEARCH,
                      placeholder="Words in the text, report or owner")
        st.date_input("As of", value=today(), min_value=EARLIEST, max_value=today(), key="as_of",
                      bind="query-params", format="DD/MM/YYYY",
                      help="Every status as it stood on this date, recomputed from the dated history.")
        st.number_input("Stale after (days without an update)", min_value=1, max_value=3650, value=180, step=30,
                        key="stale", bind="query-params")
        st.radio("Count overdue from", OVERDUE_FROM, key="overdue_from", bind="query-params",
                 format_func=lambda k: OVERDUE_FROM_TEXT[k].capitalize(), horizontal=True,
                 help="An item is overdue once this target has passed and it is still open. A revised target counts "
                      "once it is agreed (a reviewer accepted it, or a board agreed it).")
        st.toggle("Plain tables", key=PLAIN_TABLES, bind="query-params",
                  help="Every table as plain rows, which a screen reader reads cell by cell and Tab moves through "
                       "link by link, instead of the interactive grid (its first rows; the downloads hold all).")
    filters = current_filters()
    reader = current_reader()
    if reader is not None and reader.may("export"):
        with st.sidebar:
            st.caption("Download the selection")
            dataset_buttons(filters)
    return filters
