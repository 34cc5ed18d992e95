"""One error family: every error a person can meet is a TrackerError, and every page shows one as a message."""

import ast
from pathlib import Path

import pytest
import streamlit as st
from streamlit.navigation.page import StreamlitPage
from streamlit.testing.v1 import AppTest

from tracker.app.data import READER_KEY
from tracker.core.errors import TrackerError
from tracker.people.access import ROLES, Person, Reader
from tracker.store import queries
from tracker.store.database import StoreError

ROOT = Path(__file__).parent.parent
APP = str(ROOT / "dashboard.py")
PAGES = sorted(p.stem for p in (ROOT / "pages").glob("*.py") if p.stem != "accessibility")
BROKEN = "the data service refused this query (a test's forced failure <b>**not Markdown**</b>)"


# A national administrator with every role, so that every page opens (a person of the fixture's directory is not
# needed: the pages read the reader, and the failure is forced before any write).
EVERY_ROLE = Reader(Person(1, "all@example.org", "Every Role", None, ROLES), "demo: viewing as")


def run_page(db: Path, monkeypatch, page: str, fail: bool = False) -> AppTest:
    """Open a page as a reader with every role; with `fail`, the page's first query raises a StoreError."""
    asked: list[str] = []
    started: list[int] = []
    real_query, real_page = queries.run, StreamlitPage.run

    def run(con, name, **params):
        asked.append(name)
        if fail and started and len(asked) == started[-1] + 1:
            raise StoreError(BROKEN)
        return real_query(con, name, **params)

    def page_run(self):
        started.append(len(asked))
        return real_page(self)

    def identify(is_demo):
        st.session_state[READER_KEY] = EVERY_ROLE
        return EVERY_ROLE

    monkeypatch.setenv("TRACKER_DB", str(db))
    monkeypatch.setattr(queries, "run", run)
    monkeypatch.setattr(StreamlitPage, "run", page_run)
    monkeypatch.setattr("tracker.app.identity.identify", identify)
    st.cache_data.clear()
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["as_of"] = "2023-06-30"
    at.run()
    at.switch_page(f"pages/{page}.py")
    at.run()
    assert started and len(asked) > started[-1], f"{page} runs no query of its own"
    return at


def test_every_error_class_a_person_can_meet_is_a_tracker_error():
    # Every exception class the product defines derives from TrackerError, but for StaleCopy: the write path's own
    # signal to make a write again holding the counter, caught where it is raised and never shown.
    internal = {"StaleCopy"}
    found = {}
    for path in (ROOT / "tracker").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(
                    isinstance(b, ast.Name) and (b.id.endswith(("Error", "Exception", "Problem")) or b.id == "Unavailable")
                    for b in node.bases):
                found[node.name] = path
    assert {"ImportProblem", "StoreError", "WorkflowError", "EvidenceError", "DateError", "ReadError"} <= found.keys()
    import importlib

    for name, path in found.items():
        module = importlib.import_module(".".join(path.relative_to(ROOT).with_suffix("").parts))
        cls = getattr(module, name)
        assert issubclass(cls, TrackerError) or name in internal, f"{path.name}: {name} is not a TrackerError"


@pytest.mark.parametrize("page", PAGES)
def test_a_store_error_under_every_page_is_a_message_not_a_traceback(fixture_db_master, monkeypatch, page):
    at = run_page(fixture_db_master, monkeypatch, page, fail=True)
    assert not at.exception, [e.value for e in at.exception]
    assert [e.value for e in at.error][-1:] == ["This page could not be shown in full."]
    assert BROKEN in [t.value for t in at.text], "the message is shown as plain text, exactly"
