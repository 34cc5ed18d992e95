"""Page building blocks: headings, tiles, tables with downloads, empty states, the footer."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from tracker.core.dates import short_date
from tracker.core.filters import Filters
from tracker.core.statuses import label
from tracker.store.spreadsheet import csv_for_spreadsheets, workbook_bytes

LINK_PREFIX = "recommendation?id="


def nothing_matches(what: str = "recommendations") -> None:
    """The friendly empty state."""
    st.info(f"Nothing matches: no {what} for these filters. Clear a filter in the sidebar to see more.",
            icon=":material/filter_alt_off:")


MAX_TILES_A_ROW = 4  # wider rows clip labels and values at 1440 px with the sidebar open


def tiles(items: list[tuple[str, str, str]]) -> None:
    """Big numbers, (label, value, help), in even rows of at most four."""
    rows = -(-len(items) // MAX_TILES_A_ROW)
    per_row = -(-len(items) // rows)
    for start in range(0, len(items), per_row):
        chunk = items[start:start + per_row]
        for col, (title, value, help_text) in zip(st.columns(per_row), chunk, strict=False):
            col.metric(title, value, help=help_text, border=True)


def with_links(df: pd.DataFrame) -> pd.DataFrame:
    """Add a 'link' column that opens each row's recommendation page."""
    out = df.copy()
    out.insert(0, "link", LINK_PREFIX + out["key"].astype(str))
    return out


def display(df: pd.DataFrame) -> pd.DataFrame:
    """Dates as '5 Jul 2017' and statuses by their labels, for showing (downloads keep raw values)."""
    out = df.copy()
    for col in out.columns:
        values = out[col]
        if col == "status":
            out[col] = values.map({v: label(v) for v in values.dropna().unique()})
        elif pd.api.types.is_datetime64_any_dtype(values) or (
                values.dtype == object and hasattr(values.dropna().iloc[0] if values.notna().any() else None, "strftime")):
            # Formatted once per distinct date: a 1,000-row table holds a few hundred dates.
            names = {v: short_date(pd.Timestamp(v).date()) for v in values.dropna().unique()}
            out[col] = values.map(names).fillna("").astype(str)
    return out


def table(df: pd.DataFrame, key: str, filename: str, columns: dict | None = None, height: int | str = "auto",
          on_select=None, full: Callable[[], pd.DataFrame] | None = None) -> object:
    """A table with links to each recommendation, and CSV and XLSX downloads of its rows (of `full()` when the
    table shows only the first part of a long list)."""
    shown = display(with_links(df) if "key" in df.columns else df)
    config = {"link": st.column_config.LinkColumn("Open", display_text=r"id=(.*)$", width="small"),
              "key": None, **(columns or {})}
    event = st.dataframe(shown, key=key, width="stretch", height=height, hide_index=True, column_config=config,
                         on_select=on_select or "ignore", selection_mode="single-row")
    downloads(full or (lambda: df), key, filename)
    return event


def downloads(rows: Callable[[], pd.DataFrame], key: str, filename: str) -> None:
    """CSV and XLSX buttons for a table; each file is only built when its button is clicked."""
    left, right, _ = st.columns([1, 1, 4])
    left.download_button("Download CSV", lambda: csv_for_spreadsheets(rows()), f"{filename}.csv", "text/csv",
                         key=f"{key}-csv", icon=":material/download:", on_click="ignore")
    right.download_button("Download XLSX", lambda: workbook_bytes({filename[:31]: rows()}), f"{filename}.xlsx",
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=f"{key}-xlsx",
                          icon=":material/table:", on_click="ignore")


def footer(filters: Filters, selected: int, info: dict) -> None:
    """How many recommendations the filters select, how fresh the data is, and the demo marking."""
    last_update = info.get("last_update_on")
    parts = [
        f"{selected:,} of {int(info['recommendations']):,} recommendations selected",
        f"as of {short_date(filters.as_of)}",
        f"latest update dated {short_date(pd.Timestamp(last_update).date()) if last_update is not None and not pd.isna(last_update) else '–'}",
        f"last import {str(info.get('last_import_at') or '–').replace('T', ' ')}",
    ]
    if info.get("is_demo"):
        parts.append("DEMO DATA")
    st.divider()
    st.caption("  ·  ".join(parts))
