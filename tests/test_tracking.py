"""Off track before it is late, worked by hand on the six-recommendation fixture: 2-kent (Supt A's, target
31 Dec 2021) is marked off track on 1 Jun 2021 with a revised forecast of 31 Mar 2022 (a slip of 90 days), shown on
the Overdue page's list and in the pack until its target passes, when it is overdue instead; back on track, it leaves
the list. Who may say so, and what they must give."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from workflow_people import ACC_X, DIRECTORY, ESSEX_LEAD, LEAD, VIEWER

from tracker.cli import main
from tracker.core import clock
from tracker.core.filters import Filters
from tracker.ingest.people import import_people
from tracker.pack.content import connection_query, gather, tables
from tracker.store import queries
from tracker.store.database import open_reader
from tracker.workflow.actions import WorkflowError, track

JUNE, JULY, NEW_YEAR = date(2021, 6, 1), date(2021, 7, 1), date(2022, 1, 1)
FORECAST = date(2022, 3, 31)


@pytest.fixture
def db(fixture_db, tmp_path) -> Path:
    (tmp_path / "people.csv").write_text(DIRECTORY, encoding="utf-8")
    import_people(tmp_path / "people.csv", fixture_db, "test")
    return fixture_db


def run(db: Path, name: str, on: date, **params):
    return queries.run(open_reader(db), name, **Filters(as_of=on).params(), **params)


def test_who_may_say_an_item_is_off_track_and_what_they_give(db):
    with pytest.raises(WorkflowError, match=r"^only the item's lead or a reviewer of its force can say whether it is"):
        track(db, VIEWER, "2-kent", True, "Late", FORECAST, today=JUNE)
    with pytest.raises(WorkflowError, match=r"^there is no such recommendation in your force$"):
        track(db, ESSEX_LEAD, "2-kent", True, "Late", FORECAST, today=JUNE)
    with pytest.raises(WorkflowError, match=r"^say why it is off track$"):
        track(db, LEAD, "2-kent", True, "  ", FORECAST, today=JUNE)
    with pytest.raises(WorkflowError, match=r"^give the revised forecast"):
        track(db, LEAD, "2-kent", True, "Late", None, today=JUNE)
    with pytest.raises(WorkflowError, match=r"^give the revised forecast"):
        track(db, LEAD, "2-kent", True, "Late", date(2021, 5, 31), today=JUNE)
    with pytest.raises(WorkflowError, match=r"^it is not marked off track$"):
        track(db, ACC_X, "2-kent", False, today=JUNE)
    assert run(db, "off_track_items", JUNE, limit=100).empty  # nothing was written


def test_the_command_line_marks_an_item_off_track_and_back(db, capsys):
    later = clock.today() + timedelta(days=30)
    base = ["--db", str(db), "track", "2-kent"]
    assert main([*base, "off", "--reason", "Late.", "--forecast", later.isoformat(), "--as", "supt.a@kent.example"]) == 0
    assert capsys.readouterr().out.startswith(f"2-kent: off track, revised forecast {later:%d %b %Y} (event #")
    assert main([*base, "off", "--reason", "Late.", "--as", "viewer@kent.example"]) == 1
    assert capsys.readouterr().err == ("error: only the item's lead or a reviewer of its force can say whether it is on "
                                       "track\n")
    assert main([*base, "on", "--as", "acc.x@kent.example"]) == 0
    assert capsys.readouterr().out.startswith("2-kent: back on track (event #")
    state = run(db, "workflow_item", clock.today(), key="2-kent")
    assert not state["off_track"]


def test_off_track_then_overdue_then_back_on_track(db):
    track(db, LEAD, "2-kent", True, "The supplier is late.", FORECAST, today=JUNE)
    listed = run(db, "off_track_items", JUNE, limit=100)
    assert listed[["key", "target_current", "forecast", "slip_days", "reason", "since", "by"]].astype(str).values.tolist() \
        == [["2-kent", "2021-12-31", "2022-03-31", "90", "The supplier is late.", "2021-06-01", "supt.a@kent.example"]]
    assert run(db, "off_track_items", date(2021, 5, 31), limit=100).empty  # not yet said
    pack = tables(gather(connection_query(open_reader(db)), Filters(as_of=JUNE)))["off_track"]
    assert pack.rows == [("2-kent", "Kent", "Supt A", "31 Dec 2021", "31 Mar 2022", "The supplier is late.")]
    # Once its target has passed it is overdue, no longer "off track before it is late".
    assert run(db, "off_track_items", NEW_YEAR, limit=100).empty
    assert "2-kent" in set(run(db, "overdue_items", NEW_YEAR, sort="days_overdue", limit=100)["key"])
    # Back on track from 1 July: off the list from then, still on it as of June.
    track(db, ACC_X, "2-kent", False, "The supplier delivered.", today=JULY)
    assert run(db, "off_track_items", JULY, limit=100).empty
    assert len(run(db, "off_track_items", JUNE, limit=100)) == 1
    history = run(db, "recommendation_history", JULY, key="2-kent")
    texts = set(history["text"])
    assert "Marked off track: The supplier is late. Revised forecast: 31 Mar 2022." in texts
    assert "Marked back on track: The supplier delivered." in texts
