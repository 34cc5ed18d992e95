"""Files built only when their button is clicked, from the process's copy, in the reader's scope as it is then."""

from __future__ import annotations

from collections.abc import Callable

import duckdb
import pandas as pd
import streamlit as st

from tracker.app.data import at_use, current_reader, db_path
from tracker.core.filters import Filters
from tracker.core.spreadsheet import csv_for_spreadsheets, workbook_bytes
from tracker.store import queries
from tracker.store.database import open_reader

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def on_own_connection(build: Callable[[duckdb.DuckDBPyConnection], object]):
    """Run a file builder on a fresh reader (Streamlit runs download callables on a worker thread, outside the script)."""
    con = open_reader(db_path())
    return build(con)


def full_rows(name: str, filters: Filters, shape: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
              **extra) -> Callable[[], pd.DataFrame]:
    """A query's complete result, fetched only when a download asks for it, shaped as the page shows it.

    The download runs later, on another thread, outside the page's run: the reader is taken now, and their scope
    checked against the directory when the file is made (at_use).
    """
    reader = current_reader()

    def fetch() -> pd.DataFrame:
        now = at_use(filters, reader)
        rows = on_own_connection(lambda con: queries.run(con, name, **now.params(), **extra))
        return shape(rows) if shape else rows

    return fetch


def selection(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Every recommendation the filters select, as of their date."""
    return queries.run(con, "filtered_recommendations", **filters.params())


def dataset_buttons(filters: Filters) -> None:
    """Download everything the filters select, as CSV or XLSX (real dates, frozen header, fitted widths); the reader's
    scope is checked again when the file is made."""
    reader = current_reader()
    stem = f"recommendations-{filters.as_of.isoformat()}"
    left, right = st.columns(2)
    left.download_button("CSV", lambda: on_own_connection(lambda con: csv_for_spreadsheets(
                             selection(con, at_use(filters, reader)))),
                         f"{stem}.csv", "text/csv", key="all-csv", icon=":material/download:", on_click="ignore",
                         width="stretch", help="Every recommendation the filters select, one row each.")
    right.download_button("XLSX",
                          lambda: on_own_connection(lambda con: workbook_bytes(
                              {"recommendations": selection(con, at_use(filters, reader))})),
                          f"{stem}.xlsx", XLSX, key="all-xlsx", icon=":material/table:", on_click="ignore",
                          width="stretch", help="Every recommendation the filters select, one row each.")
