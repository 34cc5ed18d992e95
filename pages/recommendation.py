"""Recommendation: one item in full, and its dated history with every status change and comment."""

import pandas as pd
import streamlit as st

from tracker.analysis import alt_text, charts
from tracker.analysis.survival import FORECAST_METHOD
from tracker.app.closing import closing_section
from tracker.app.data import query
from tracker.app.findings import cause_section, links_section, priority_section, similar_section, tracking_section
from tracker.app.item_actions import actions_section
from tracker.app.national import national_link
from tracker.app.rating import force_rules, legend
from tracker.app.sidebar import current_filters
from tracker.app.streamlit_internals import ensure_entrypoint
from tracker.app.view import chart, fact, literal, table
from tracker.app.workflow import public_site_control, show_flash, submissions_of_item
from tracker.core.display import DASH, due_text, fmt_date, fmt_int, fmt_pct, missing
from tracker.core.rag import how_rated, rag_of, shown
from tracker.core.statuses import label

ITEM_TRAIL = 2_000  # an item's own trail, whole (a recommendation has tens of events, not thousands)

ensure_entrypoint()
filters = current_filters()
st.title("Recommendation")
show_flash()


def marked(value, extracted: bool) -> str:
    """A field's value, marked when it was read from a comment rather than given."""
    if missing(value):
        return DASH
    return f"{value} (from comments)" if extracted else str(value)


def rating_text(rec: dict) -> str:
    """The item's RAG in words with its symbol, by its force's rule on the view's date, and which rule rated it."""
    rating = rag_of(force_rules(filters).of(rec["force"]), rec["percent"], rec["target_current"], filters.as_of,
                    rec["days_overdue"], rec["slip_days"], rec["is_stale"], rec["is_open"])
    return shown(rating) if rating is None else f"{shown(rating)} ({how_rated(rec['percent'])})"


def show(rec: dict) -> None:
    """The recommendation's facts and its dated history (every value from the data shown as plain text)."""
    st.header(f"Recommendation {int(rec['id'])}")
    literal(rec["report_title"])
    national_link(filters, int(rec["id"]))
    st.text(rec["text"])
    cols = st.columns(4)
    facts = [
        ("Force", rec["force"]), ("Status", label(rec["status"])),
        ("Follow-up grade", DASH if missing(rec["grade"]) else f"{str(rec['grade']).capitalize()} "
                                                               f"({fmt_date(rec['graded_on'])})"),
        ("Kind", rec["kind"].capitalize()),
        ("Theme", rec["theme"]), ("Owner", marked(rec["owner"], rec["owner_extracted"])),
        ("Overseer", marked(rec["overseer"], rec["overseer_extracted"])),
        ("Board", marked(rec["board"], rec["board_extracted"])), ("Inspectorate", rec["inspectorate"]),
        ("Published", fmt_date(rec["published_on"]) if not missing(rec["published_on"]) else "Unknown"),
        ("Original target", fmt_date(rec["target_original"])),
        ("Current target", fmt_date(rec["target_current"]) + (" (from comments)" if rec["target_extracted"] else "")),
        ("Target moves", fmt_int(rec["moves"])),
        ("Total slip", DASH if missing(rec["slip_days"]) else f"{fmt_int(rec['slip_days'])} days since the original"),
        ("Against its target", due_text(rec["status"], rec["target_current"], rec["days_overdue"], filters.as_of)),
        ("Percent complete", DASH if missing(rec["percent"]) else f"{int(rec['percent'])}% "
                                                                  f"({fmt_date(rec['percent_on'])})"),
        ("RAG", rating_text(rec)),
    ]
    forecast = query("forecasts", filters.only_date(), keys=[rec["key"]])
    if len(forecast):
        f = forecast.iloc[0]
        facts += [("Chance complete by target", fmt_pct(f["p_by_target"])),
                  ("Expected completion", fmt_date(f["expected_on"]) if not missing(f["expected_on"])
                   else "beyond what comparable items show")]
    for i, (name, value) in enumerate(facts):
        fact(cols[i % 4], name, value)
    legend(filters, [rec["force"]])
    if len(forecast):
        st.caption(FORECAST_METHOD + f" Based on {int(forecast.iloc[0]['basis']):,} comparable items.")
    targets = query("target_line", filters.only_date(), key=rec["key"])
    if len(targets):
        moves = int(rec["moves"])
        st.header(f"Targets ({moves:,} {'move' if moves == 1 else 'moves'} since the original)")
        st.caption("The original target never changes. Each move says who agreed it: a reviewer alone, or the board at "
                   "a meeting (a force's policy says how many moves a reviewer may agree alone); a move in the imported "
                   "data has no agreement recorded.")
        table(targets, f"targets-{rec['key']}", f"targets_{rec['key']}")
    cause_section(filters, rec)
    links_section(filters, rec)
    similar_section(filters, rec)
    priority_section(rec)
    tracking_section(filters, rec)
    closing_section(filters, rec)
    actions_section(filters, rec)
    submissions_of_item(filters, rec["key"])
    public_site_control(filters, rec["key"])
    with st.expander("Audit trail of this recommendation", icon=":material/history:"):
        table(query("activity", filters.only_date(), key=rec["key"], search=None, limit=ITEM_TRAIL, offset=0),
              f"trail-{rec['key']}", f"trail_{rec['key']}")
    history = query("recommendation_history", filters.only_date(), key=rec["key"])
    if history.empty:
        st.info("No dated updates yet.")
        return
    chart(charts.timeline(history), "timeline", alt_text.timeline(history))
    st.header(f"History ({len(history):,} entries)")
    for row in history.sort_values(["on_date", "position"], ascending=False).itertuples(index=False):
        with st.container(border=True):
            when = fmt_date(row.on_date)
            if row.status is not None and not pd.isna(row.status):
                # label() of any slug is letters, digits and spaces: safe to set in bold.
                st.markdown(f"**{when}**  ·  status changed to **{label(row.status)}**")
            else:
                what = "comment" if isinstance(row.text, str) and row.text.strip() else \
                    "update" if missing(row.percent) else "percent complete"
                st.markdown(f"**{when}**  ·  {what}")
            if not missing(row.percent):
                st.markdown(f"Percent complete: **{int(row.percent)}%**")
            if isinstance(row.author, str):  # written in the app: who, and where its review stands
                literal(f"{row.author} · {row.review}")
            if isinstance(row.text, str):
                st.text(row.text)


raw = st.text_input("Recommendation id", key="id", bind="query-params", max_chars=80,
                    placeholder="e.g. 8019, or 8019-west-yorkshire").strip()
if not raw:
    st.info("Open a recommendation from any table, or type its id.", icon=":material/article:")
else:
    scope = filters.only_date()
    matches = query("recommendations_with_id", scope, id=int(raw) if raw.isdigit() and len(raw) < 10 else -1, key=raw)
    if matches.empty:
        st.warning("No recommendation has this id as of the chosen date. Check the id, or open one from a table.",
                   icon=":material/search_off:")
    elif len(matches) > 1:
        st.write(f"This id was given to recommendations in {len(matches)} forces. Choose one:")
        table(matches, "id_matches", "recommendation_forces")
    else:
        detail = query("recommendation_detail", scope, key=matches.iloc[0]["key"])
        show(detail)
