"""Page building blocks: tiles, tables with downloads, empty states, literal text, the footer.

Values from the data are shown with st.text or in tables, never through Markdown (headings, captions, st.write,
labels): a name like '[Sign in](http://evil.example)' or ':red[URGENT]' must appear as typed.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

import pandas as pd
import streamlit as st

from tracker.analysis.alt_text import Alternative
from tracker.app.data import current_reader, scope_now
from tracker.core.display import ACCENT, DASH, fmt_date, missing
from tracker.core.filters import Filters
from tracker.core.spreadsheet import csv_for_spreadsheets, workbook_bytes
from tracker.core.statuses import label
from tracker.core.text import markdown_literal

LINK_PREFIX = "recommendation?id="
DATE_FORMAT = "D MMM YYYY"  # '5 Jul 2017', as tiles, the PDF and the slides write dates
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Every column a query returns, as a person reads it.
LABELS = {
    "key": "Key", "id": "Id", "force": "Force", "forces": "Forces", "report_title": "Report", "kind": "Kind",
    "theme": "Theme", "text": "Recommendation", "status": "Status", "published_on": "Published", "owner": "Owner",
    "overseer": "Overseer", "person": "Person", "target_original": "Original target", "target_current": "Current target",
    "days_overdue": "Days overdue", "slip_days": "Slipped (days)", "ageing": "Overdue band (days)",
    "last_update_on": "Last update", "days_since_update": "Days since update", "is_stale": "Stale",
    "total": "Recommendations", "open": "Open", "overdue": "Overdue", "stale": "Stale", "complete": "Complete",
    "implementation_rate": "Implementation rate", "median_open_age_days": "Median age of open items (days)",
    "due_30": "Due in 30 days", "due_this_month": "Due this month",
    "past_answer_by": "Past answer-by, no target", "due_60": "Due in 60 days", "due_in_days": "Due in (days)",
    "latest_comment": "Latest comment", "rating": "RAG", "n": "Recommendations", "share_complete": "Complete",
    "published_on_report": "Report published", "year": "Year published", "published": "Published",
    "complete_1y": "Complete within 1 year", "complete_2y": "Complete within 2 years",
    "share_1y": "Within 1 year", "share_2y": "Within 2 years", "change": "Change", "status_before": "Status then",
    "status_now": "Status now", "seq": "No.", "submitted_by": "Submitted by", "made_at": "Made", "waited_days":
    "Waiting (days)", "proposed_status": "Proposed status", "proposed_target": "Proposed target", "comment": "Comment",
    "state": "State", "decided_by": "Decided by", "decided_on": "Decided on", "decision_reason": "Why returned",
    "decisions": "Decisions", "actor": "By", "target": "Proposed target", "reason": "Why the target moves",
    "evidence": "Evidence", "on_date": "Date", "source": "Source", "author": "Author", "review": "Review",
    "action": "Action", "role": "Role", "submission": "Submission", "detail": "Detail", "before": "Before",
    "after": "After", "p_by_target": "Chance complete by target", "expected_on": "Expected completion",
    "median": "Median days to complete", "median_lower": "95% interval from", "median_upper": "95% interval to",
    "share_complete_1y": "Complete within a year (est.)", "basis": "Comparable items", "age": "Days open", "grp": "Group",
    "percent": "Percent complete",
    "moves": "Target moves", "move": "Move", "how": "How", "agreed": "Agreed by", "proposed_by": "Proposed by",
    "lead": "Lead", "requested_on": "Requested", "target_requested": "Requested target",
    "total_slip_days": "Total slip if agreed (days)", "who_agrees": "Who may agree",
}
WHOLE_NUMBERS = {"days_overdue", "slip_days", "days_since_update", "median_open_age_days", "due_in_days", "id", "seq",
                 "waited_days", "submission", "median", "median_lower", "median_upper", "basis", "age", "n", "completed",
                 "moves", "move", "total_slip_days", "due_this_month", "past_answer_by"}


def nothing_matches(what: str = "recommendations") -> None:
    """The friendly empty state (`what` is fixed wording, never data)."""
    st.info(f"Nothing matches: no {what} for these filters. Clear a filter in the sidebar to see more.",
            icon=":material/filter_alt_off:")


MAX_TILES_A_ROW = 4  # wider rows clip labels and values at 1440 px with the sidebar open


def tiles(items: list[tuple[str, str, str]]) -> None:
    """Big numbers, (label, value, help), in even rows of at most four (labels and help are fixed wording)."""
    rows = -(-len(items) // MAX_TILES_A_ROW)
    per_row = -(-len(items) // rows)
    for start in range(0, len(items), per_row):
        chunk = items[start:start + per_row]
        for col, (title, value, help_text) in zip(st.columns(per_row), chunk, strict=False):
            col.metric(title, value, help=help_text, border=True)


def literal(value, container=None) -> None:
    """A value from the data, shown exactly as it is (plain text, no Markdown), or a dash."""
    (container or st).text(DASH if missing(value) or value == "" else str(value))


def refused(headline: str, detail: str, icon: str = ":material/error:") -> None:
    """Why something was not done: a fixed headline, then the reason as plain text (it may quote names, keys or
    files from the data, which must not go through Markdown)."""
    st.error(headline, icon=icon)
    literal(detail)


def problem(exc: Exception) -> None:
    """An error that stopped the page (any TrackerError), shown one way: a fixed headline, then its message."""
    refused("This page could not be shown in full.", str(exc))


def fact(container, name: str, value) -> None:
    """A labelled fact: the fixed name in bold, the value from the data as plain text."""
    container.markdown(f"**{name}**")
    literal(value, container)


def unique_labels(keys, labels) -> dict:
    """key -> label, every label distinct (a bound selectbox writes the label into the URL and reads it back)."""
    out: dict = {}
    seen: set[str] = set()
    for key, text in zip(keys, labels, strict=True):
        shown = text if text not in seen else f"{text} #{key}"
        seen.add(shown)
        out[key] = shown
    return out


def with_links(df: pd.DataFrame) -> pd.DataFrame:
    """Add a 'link' column that opens each row's recommendation page."""
    out = df.copy()
    out.insert(0, "link", LINK_PREFIX + out["key"].astype(str))
    return out


def is_date_column(values: pd.Series) -> bool:
    """Whether a column holds dates (datetime64, or Python dates in an object column)."""
    if pd.api.types.is_datetime64_any_dtype(values):
        return True
    sample = values.dropna()
    return values.dtype == object and len(sample) > 0 and hasattr(sample.iloc[0], "strftime")


def display(df: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """The frame as shown, and its column settings: statuses by their labels, dates kept as dates (so they sort as
    dates) and formatted like '5 Jul 2017', every column labelled."""
    out = df.copy()
    config: dict = {}
    for col in out.columns:
        values = out[col]
        name = LABELS.get(col, col.replace("_", " ").capitalize())
        if col in ("status", "status_now", "status_before", "proposed_status", "current_status"):
            out[col] = values.map({v: label(v) if v != "not yet published" else "Not yet published"
                                   for v in values.dropna().unique()})
            config[col] = st.column_config.TextColumn(name)
        elif col.endswith("_at") and is_date_column(values):
            out[col] = pd.to_datetime(values)
            config[col] = st.column_config.DatetimeColumn(name, format="D MMM YYYY, HH:mm")
        elif is_date_column(values):
            out[col] = pd.to_datetime(values).dt.date
            config[col] = st.column_config.DateColumn(name, format=DATE_FORMAT)
        elif col in WHOLE_NUMBERS:
            config[col] = st.column_config.NumberColumn(name, format="%d")
        elif col == "percent":  # a whole percent complete (0 to 100), not a share
            config[col] = st.column_config.NumberColumn(name, format="%d%%")
        elif col in ("implementation_rate", "share_complete"):
            config[col] = st.column_config.ProgressColumn(name, format="percent", min_value=0, max_value=1, color=ACCENT)
        elif col in ("share_1y", "share_2y", "p_by_target", "share_complete_1y"):
            config[col] = st.column_config.NumberColumn(name, format="percent")
        elif col in ("text", "latest_comment", "report_title"):
            config[col] = st.column_config.TextColumn(name, width="large")
        else:
            config[col] = st.column_config.Column(name)
    return out, config


PLAIN_TABLES = "plain"  # the sidebar's switch (in the URL as ?plain=true): tables as plain rows, not the grid
PLAIN_ROWS = 200


def plain_rows(df: pd.DataFrame) -> pd.DataFrame:
    """A query's rows as st.table shows them in plain-tables mode: labelled columns, statuses and dates in words,
    every text escaped to show as written, and each recommendation's number a link to its page."""
    out = pd.DataFrame(index=df.index)
    if "key" in df.columns:
        out["Open"] = [f"[{markdown_literal(key)}]({LINK_PREFIX}{quote(str(key), safe='')})" for key in df["key"]]
    for col in df.columns:
        if col == "key":
            continue
        values = df[col]
        name = markdown_literal(LABELS.get(col, col.replace("_", " ").capitalize()))
        if col in ("status", "status_now", "status_before", "proposed_status", "current_status"):
            out[name] = ["" if missing(v) else markdown_literal(label(v)) for v in values]
        elif is_date_column(values):
            out[name] = [fmt_date(v) if not missing(v) else "" for v in values]
        elif pd.api.types.is_numeric_dtype(values):
            out[name] = values
        else:
            out[name] = ["" if missing(v) else markdown_literal(v) for v in values]
    return out


def plain_mode() -> bool:
    """Whether the reader asked for plain tables (the sidebar's switch)."""
    return bool(st.session_state.get(PLAIN_TABLES))


def grid(df: pd.DataFrame, **options) -> None:
    """Rows shown as they are (no links, no downloads): the interactive grid, or plain rows in plain-tables mode."""
    if plain_mode():
        st.table(plain_rows(df.head(PLAIN_ROWS)), hide_index=options.get("hide_index", True))
    else:
        st.dataframe(df, width="stretch", **options)


def table(df: pd.DataFrame, key: str, filename: str, columns: dict | None = None, height: int | str = "auto",
          on_select=None, full: Callable[[], pd.DataFrame] | None = None, selection_mode: str = "single-row") -> object:
    """A table with links to each recommendation, and CSV and XLSX downloads of its rows (of `full()` when the
    table shows only the first part of a long list). In plain-tables mode it is plain rows (st.table), and nothing
    can be selected in it: a page offers the same choice with a form field (returns None)."""
    if plain_mode():
        if len(df) > PLAIN_ROWS:
            st.caption(f"The first {PLAIN_ROWS:,} of {len(df):,} rows; the downloads hold all.")
        st.table(plain_rows(df.head(PLAIN_ROWS)), hide_index=True)
        downloads(full or (lambda: df), key, filename)
        return None
    shown, config = display(with_links(df) if "key" in df.columns else df)
    config.update({"link": st.column_config.LinkColumn("Open", display_text=r"id=(.*)$", width="small"), "key": None,
                   **(columns or {})})
    event = st.dataframe(shown, key=key, width="stretch", height=height, hide_index=True, column_config=config,
                         on_select=on_select or "ignore", selection_mode=selection_mode)
    downloads(full or (lambda: df), key, filename)
    return event


def plain_table(df: pd.DataFrame) -> pd.DataFrame:
    """A frame for st.table, which reads Markdown in every cell and heading: each text escaped to show as written
    (numbers are left as numbers)."""
    out = df.copy()
    for col in out.columns:
        if not pd.api.types.is_numeric_dtype(out[col]):
            out[col] = ["" if missing(v) else markdown_literal(v) for v in out[col]]
    out.columns = [markdown_literal(c) for c in out.columns]
    return out


def chart(fig, key: str, alternative: Alternative, container=None, **options) -> object:
    """A Plotly chart with its text alternative: the sentence under it as plain text, and the same numbers as a plain
    table a screen reader can read (st.table: real table markup), folded away under the chart."""
    where = container or st
    event = where.plotly_chart(fig, key=key, width="stretch", **options)
    literal(alternative.sentence, where)
    with where.expander("The chart's numbers as a table"):
        st.table(plain_table(alternative.table), hide_index=True, alt="The chart's numbers")
    return event


HIDDEN = "for-screen-readers"
# The usual visually-hidden pattern, on the class Streamlit gives a keyed container (st-key-KEY): still read by
# assistive technology, drawn nowhere. One rule for every such container (the entrypoint draws it once a run). Nothing
# inside it scrolls: a table's wrapper squeezed into one pixel would otherwise be a scrolling region with nothing to
# focus, which axe rightly reports (scrollable-region-focusable).
HIDDEN_CSS = (f'<style>[class*="st-key-{HIDDEN}-"] {{ position: absolute !important; width: 1px !important; '
              "min-width: 0 !important; max-width: 1px !important; height: 1px !important; margin: -1px !important; "
              "padding: 0 !important; border: 0 !important; overflow: hidden !important; clip-path: inset(50%) "
              f"!important; white-space: nowrap !important; }} [class*=\"st-key-{HIDDEN}-\"] * {{ overflow: visible "
              "!important; }</style>")


def for_screen_readers(key: str, where=None):
    """A container only assistive technology reads: for text alternatives where a projected screen has no room."""
    return (where or st).container(key=f"{HIDDEN}-{key}")


def room_chart(where, fig, key: str, alternative: Alternative) -> None:
    """A meeting screen's chart or table, its text alternative beside it for screen readers only."""
    where.plotly_chart(fig, key=key, width="stretch", config={"displayModeBar": False})
    with for_screen_readers(key, where):
        literal(alternative.sentence)
        st.table(plain_table(alternative.table), hide_index=True, alt="The numbers shown")


def downloads(rows: Callable[[], pd.DataFrame], key: str, filename: str) -> None:
    """CSV and XLSX buttons for a table; each file is only built when its button is clicked, and holds no rows if the
    reader's scope has changed since the button was drawn (deactivated, or moved to another force)."""
    reader = current_reader()
    drawn = reader.scope if reader is not None else ()

    def now() -> pd.DataFrame:
        frame = rows()
        return frame if scope_now(reader) == drawn else frame.iloc[0:0]

    left, right, _ = st.columns([1, 1, 4])
    left.download_button("Download CSV", lambda: csv_for_spreadsheets(now()), f"{filename}.csv", "text/csv",
                         key=f"{key}-csv", icon=":material/download:", on_click="ignore")
    right.download_button("Download XLSX", lambda: workbook_bytes({filename[:31]: now()}), f"{filename}.xlsx", XLSX,
                          key=f"{key}-xlsx", icon=":material/table:", on_click="ignore")


def footer(filters: Filters, selected: int, info: dict) -> None:
    """How many recommendations the filters select, how fresh the data is, and the demo marking."""
    parts = [
        f"{selected:,} of {int(info['recommendations']):,} recommendations selected",
        f"as of {fmt_date(filters.as_of)}",
        f"latest update dated {fmt_date(info.get('last_update_on'))}",
        f"last import {str(info.get('last_import_at') or DASH).replace('T', ' ')}",
    ]
    if info.get("is_demo"):
        parts.append("DEMO DATA")
    st.divider()
    st.caption("  ·  ".join(parts))
