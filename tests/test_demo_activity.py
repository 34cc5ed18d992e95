"""The demo shows every cycle moving as of its date: closure requests waiting and returned, responses due and overdue,
submissions waiting for review, and a board meeting with decisions; read by the queries the pages read."""

from datetime import date

import pytest

from tracker.core.filters import Filters
from tracker.demo.builder import build_demo
from tracker.demo.words import BOARDS
from tracker.people.access import person_of
from tracker.response.rules import DAYS
from tracker.store import queries
from tracker.store.database import open_reader

DEMO_AS_OF = date(2026, 11, 28)  # the demo_db fixture's date
OTHER_AS_OF = date(2024, 3, 15)


@pytest.fixture(scope="module")
def other_demo(tmp_path_factory):
    """A small demo built for another date and seed."""
    db = tmp_path_factory.mktemp("other-demo") / "demo.duckdb"
    build_demo(db, n=400, seed=5, as_of=OTHER_AS_OF)
    return db


def moving(db, as_of: date) -> dict[str, int]:
    """What the pages show of each cycle as of the date, read as they read it."""
    con = open_reader(db)
    filters = Filters(as_of=as_of).params()
    run = lambda name, **more: queries.run(con, name, **filters, **more)  # noqa: E731
    responses = run("responses_headline", days=DAYS)
    requests = run("closure_since", since=date(2000, 1, 1))
    meetings = [m for board in BOARDS for m in run("board_meetings", board=board, force=None).itertuples()]
    decided = [m for m in meetings if m.decisions]
    return {
        "awaiting the inspectorate": run("headline")["awaiting_inspectorate"],
        "closure queue": len(run("closure_queue")),
        "returned closure requests": int((requests["state"] == "returned").sum()),
        "responses due in 28 days": responses["due_28"],
        "responses overdue": responses["overdue"],
        "submissions waiting": len(run("waiting_submissions", key=None)),
        "meetings with decisions": len(decided),
        "decisions listed": sum(len(run("meeting_decisions", meeting=m.meeting_id)) for m in decided),
    }


def test_the_demo_shows_every_cycle_moving_as_of_its_date(demo_db):
    shown = moving(demo_db, DEMO_AS_OF)
    assert all(n > 0 for n in shown.values()), shown
    assert shown["closure queue"] == shown["awaiting the inspectorate"]


def test_a_demo_for_another_date_shows_them_too(other_demo):
    shown = moving(other_demo, OTHER_AS_OF)
    assert all(n > 0 for n in shown.values()), shown


def test_nothing_the_demo_did_is_dated_after_its_date(demo_db):
    con = open_reader(demo_db)
    assert con.execute("SELECT max(on_date) FROM events").fetchone()[0] <= DEMO_AS_OF
    assert con.execute("SELECT max(on_date) FROM responses").fetchone()[0] <= DEMO_AS_OF


def test_the_overview_tiles_show_them(demo_db, monkeypatch):
    from page_help import page_as

    con = open_reader(demo_db)
    people = queries.run(con, "people_directory", **Filters(as_of=DEMO_AS_OF).params())
    admin = person_of(people[people["force"].isna() & people["roles"].map(lambda r: "admin" in r)].iloc[0])
    at = page_as(demo_db, monkeypatch, admin, "overview", as_of=DEMO_AS_OF.isoformat())
    tiles = {m.label: m.value for m in at.metric}
    assert tiles["Awaiting the inspectorate"] not in ("0", "—"), tiles
    assert tiles["Responses due in 28 days"] not in ("0", "—"), tiles
    at.switch_page("pages/closure.py")
    at.run()
    assert not at.error, [e.value for e in at.error]
    assert any(h.value.startswith("Waiting for the inspectorate (") and not h.value.endswith("(0)") for h in at.header)
