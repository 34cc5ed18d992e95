"""Opening one page through AppTest as a given person: the reader the entrypoint would identify from a sign-in."""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from tracker.people.access import Person, Reader

APP = str(Path(__file__).parent.parent / "dashboard.py")


def page_as(db: Path, monkeypatch, person: Person, page: str, **params) -> AppTest:
    """The page on database `db`, signed in as `person`, with these query parameters; it must raise nothing and
    show no error message."""
    from tracker.app.data import READER_KEY

    def identify(is_demo):
        reader = Reader(person, "signed in")
        st.session_state[READER_KEY] = reader
        return reader

    monkeypatch.setenv("TRACKER_DB", str(db))
    monkeypatch.setattr("tracker.app.identity.identify", identify)
    # Caches outlive an AppTest in the test process, and a test's database, cloned from a shared fixture, has that
    # fixture's epoch: after as many writes as an earlier test's, its data version is the same. Forget earlier results.
    st.cache_data.clear()
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(f"pages/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at
