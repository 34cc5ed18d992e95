"""Recommendation: one item in full, and its dated history with every status change and comment."""

from tracker.app.entry import ensure_entrypoint

ensure_entrypoint()

import pandas as pd
import streamlit as st

from tracker.analysis import charts
from tracker.app.data import run
from tracker.app.sidebar import current_filters
from tracker.app.view import table
from tracker.core.dates import short_date
from tracker.core.statuses import label

filters = current_filters()
st.title("Recommendation")

raw = st.text_input("Recommendation id", key="id", bind="query-params", max_chars=80,
                    placeholder="e.g. 8019, or 8019-west-yorkshire").strip()
if not raw:
    st.info("Open a recommendation from any table, or type its id.", icon=":material/article:")
    st.stop()

matches = run("recommendations_with_id", id=int(raw) if raw.isdigit() and len(raw) < 10 else -1, key=raw)
if matches.empty:
    st.warning(f"No recommendation has the id '{raw}'. Check the id, or open one from a table.", icon=":material/search_off:")
    st.stop()
if len(matches) > 1:
    st.write(f"Recommendation {raw} was made to {len(matches)} forces. Choose one:")
    table(matches, "id_matches", f"recommendation_{raw}")
    st.stop()

key = matches.iloc[0]["key"]
detail = run("recommendation_detail", as_of=filters.as_of, stale_days=filters.stale_days, key=key)
if detail.empty:
    st.warning(f"Recommendation {key} was not yet published on {short_date(filters.as_of)}.", icon=":material/event_busy:")
    st.stop()
rec = detail.iloc[0]


def dated(value) -> str:
    """A date cell as '5 Jul 2017', or a dash."""
    return "–" if value is None or pd.isna(value) else short_date(pd.Timestamp(value).date())


def marked(value, extracted: bool) -> str:
    """A field's value, marked when it was read from a comment rather than given."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "–"
    return f"{value} (from comments)" if extracted else str(value)


st.subheader(f"{rec['report_title']} ({rec['id']})")
st.text(rec["text"])
cols = st.columns(4)
facts = [
    ("Force", rec["force"]), ("Status", label(rec["status"])), ("Kind", rec["kind"].capitalize()), ("Theme", rec["theme"]),
    ("Owner", marked(rec["owner"], rec["owner_extracted"])), ("Overseer", marked(rec["overseer"], rec["overseer_extracted"])),
    ("Board", marked(rec["board"], rec["board_extracted"])), ("Inspectorate", rec["inspectorate"] or "–"),
    ("Published", dated(rec["published_on"])), ("Original target", dated(rec["target_original"])),
    ("Current target", dated(rec["target_current"]) + (" (from comments)" if rec["target_extracted"] else "")),
    ("Days overdue", "–" if pd.isna(rec["days_overdue"]) else f"{int(rec['days_overdue']):,}"),
]
for i, (name, value) in enumerate(facts):
    cols[i % 4].markdown(f"**{name}**")
    cols[i % 4].text(value)

history = run("recommendation_history", as_of=filters.as_of, key=key)
if history.empty:
    st.info("No dated updates yet.")
    st.stop()
st.plotly_chart(charts.timeline(history), key="timeline", width="stretch")
st.subheader(f"History ({len(history):,} entries)")
for row in history.sort_values(["on_date", "position"], ascending=False).itertuples(index=False):
    with st.container(border=True):
        when = dated(row.on_date)
        if row.status is not None and not pd.isna(row.status):
            st.markdown(f"**{when}**  ·  status changed to **{label(row.status)}**")
        else:
            st.markdown(f"**{when}**  ·  comment")
            st.text(row.text)
