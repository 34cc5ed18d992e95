"""The app's data access: the process's one DuckDB copy of the database, query results cached on small keys."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from tracker.core import clock
from tracker.core.errors import TrackerError
from tracker.core.filters import Filters
from tracker.people.access import Person, Reader, person_of, scope_at_use
from tracker.store import queries
from tracker.store.copy import Replica
from tracker.store.database import Unavailable, default_path, ensure_current, is_empty, replica


def db_path() -> Path:
    """The database this process serves: its embedded folder ($TRACKER_DB or data/postgres), unless
    $TRACKER_DATABASE_URL names an external one."""
    return default_path()


def ensure_database() -> None:
    """Bring the database's schema up to date once, and build the demo on a first start with nothing written yet."""
    if brought_up_to_date(str(db_path())) and is_empty(db_path()):
        from tracker.demo.builder import build_demo

        with st.spinner("First start: building the demo dataset (about 8,000 recommendations)…"):
            build_demo(db_path())


@st.cache_resource(max_entries=1, show_spinner="Starting the database…")
def brought_up_to_date(path: str) -> bool:
    """Create the database and apply its migrations, once a process (cached, so reruns skip it)."""
    ensure_current(Path(path))
    return True


@st.cache_resource(max_entries=1, show_spinner="Loading the data…")
def copy(path: str) -> Replica:
    """The process's one DuckDB copy of the database (every session's queries read it, each on its own cursor)."""
    return replica(Path(path))


def version() -> str:
    """The data's version: the last write the copy holds, after asking PostgreSQL for anything newer."""
    found = copy(str(db_path()))
    found.sync()
    return found.version()


def service_answers() -> bool:
    """Whether the system of record answers now (one cheap query)."""
    try:
        copy(str(db_path())).head()
        return True
    except Unavailable:
        return False


def connection(path: str, data_version: str) -> Replica:
    """The copy queries run on (the version keys the caches, not the copy)."""
    return copy(path)


def hashable(value):
    """Lists as tuples, so parameters can key the cache."""
    return tuple(value) if isinstance(value, list) else value


def fetch(name: str, filters: Filters, extra: tuple, data_version: str) -> pd.DataFrame | dict | None:
    """Run a query on the process's connection: the filters, and extra parameters as a sorted tuple of pairs."""
    con = connection(str(db_path()), data_version)
    bound = {k: list(v) if isinstance(v, tuple) else v for k, v in extra}
    return queries.run(con, name, **filters.params(), **bound)


# Results outlive the sessions that asked for them, so both caches are bounded. Lists of items (:items, up to a
# thousand rows with their text) are kept few and briefly; the small aggregates behind charts and tiles, many and longer.
@st.cache_data(max_entries=400, ttl=3600, show_spinner=False)
def cached_query(name: str, filters: Filters, extra: tuple, data_version: str) -> pd.DataFrame | dict | None:
    """A query's result for these filters and parameters and this version of the data."""
    return fetch(name, filters, extra, data_version)


@st.cache_data(max_entries=40, ttl=600, show_spinner=False)
def cached_list(name: str, filters: Filters, extra: tuple, data_version: str) -> pd.DataFrame:
    """A list query's result: the same, in the smaller cache."""
    return fetch(name, filters, extra, data_version)


READER_KEY = "tracker_reader"  # session state only the entrypoint writes (no widget has this key)


def current_reader() -> Reader | None:
    """The reader the entrypoint identified in this run (None outside a run that identified one)."""
    return st.session_state.get(READER_KEY)


def scoped(filters: Filters) -> Filters:
    """The filters limited to what the current reader may see: the one place the scope is set in the app.

    Whatever a page or a URL asked for, the scope comes from the reader the entrypoint identified; with no reader,
    nothing is visible.
    """
    reader = current_reader()
    return replace(filters, scope=reader.scope if reader is not None else ())


def scope_now(reader: Reader | None) -> tuple[str, ...] | None:
    """A reader's scope checked against the directory at this moment: a download made after a directory change holds
    what the reader may see now, not what they could when its button was drawn."""
    person = reader.person if reader is not None else None
    return scope_at_use(reader, person_by_email(person.email) if person is not None else None)


def at_use(filters: Filters, reader: Reader | None) -> Filters:
    """The filters limited to the reader's scope as it is at this moment (scope_now)."""
    return replace(filters, scope=scope_now(reader))


def query(name: str, filters: Filters, **extra) -> pd.DataFrame | dict | None:
    """Run a named query with the filters (limited to the reader's scope) and any extra parameters it takes; what it
    returns its header says."""
    query = queries.load(name)
    key = tuple(sorted((k, hashable(v)) for k, v in extra.items() if k in query.params))
    return (cached_list if query.returns == "items" else cached_query)(name, scoped(filters), key, version())


@st.cache_data(max_entries=50, ttl=600, show_spinner=False)
def unscoped(name: str, params: tuple, data_version: str) -> pd.DataFrame | dict | None:
    """A query that reads no recommendation (the directory, the database's facts), so no scope applies."""
    query = queries.load(name)
    if "filters" in query.params:
        raise ValueError(f"{name} reads recommendations: run it through query(), which applies the reader's scope")
    return queries.run(connection(str(db_path()), data_version), name, **dict(params))


def database_facts() -> dict:
    """Whether the data is the demo, its date, the last import (known before anyone is identified)."""
    return unscoped("database_facts", (), version())


def person_by_email(email: str) -> Person | None:
    """The directory's person with this sign-in email, as they are now."""
    row = unscoped("person_by_email", (("email", email),), version())
    if row is None:
        return None
    return person_of(row)


def current_cadence(person_id: int) -> str:
    """How often a person's digest comes: weekly, daily or paused."""
    rows = unscoped("reminder_people", (), version())
    mine = rows[rows["person_id"] == person_id]
    return str(mine["cadence"].iloc[0]) if len(mine) else "weekly"


def people(filters: Filters) -> pd.DataFrame:
    """The directory as it stands (every person's latest version), of the forces the reader may see."""
    return query("people_directory", filters)


def whole_directory() -> pd.DataFrame:
    """Everyone in the directory, for the demo's "view as" picker alone: it runs before anyone is identified, on the
    demo's made-up people with sign-in off (refused on any other data)."""
    if not database_facts()["is_demo"]:
        raise TrackerError("the whole directory is shown only on the demo, to choose whom to view it as")
    return cached_list("people_directory", Filters(as_of=today()), (), version())


def data_info(filters: Filters) -> dict:
    """Counts (of what the reader may see as of the date), last update, last import and the demo flag."""
    return query("data_info", filters.only_date())


def today() -> date:
    """Today's date (a function so tests can see where 'now' comes from)."""
    return clock.today()
